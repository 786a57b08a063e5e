"""A right-to-left site in dispatches, in a real browser: the layout mirrors (the first card
on the right, the older post's link on the right) and the arrows to what comes before and
after turn round."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sphinx.testing.util import SphinxTestApp

from ..conftest import ROOTS

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Locator

    from .conftest import Visit

TURNED = "matrix(-1, 0, 0, 1, 0, 0)"  # scaleX(-1)


@pytest.fixture(scope="module")
def rtl_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    app = SphinxTestApp("html", srcdir=ROOTS / "test-rtl", builddir=tmp_path_factory.mktemp("rtl"))
    try:
        app.build()
        return Path(app.outdir)
    finally:
        app.cleanup()


def _box(locator: Locator) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None
    return box


def _transform(locator: Locator) -> str:
    return str(locator.evaluate("el => getComputedStyle(el).transform"))


def test_the_grid_and_the_pages_run_right_to_left(
    rtl_site: Path, visit: Callable[..., Visit]
) -> None:
    page = visit((rtl_site / "blog" / "index.html").as_uri(), width=1280).page
    first, second = (_box(page.locator(".bp-card").nth(i)) for i in range(2))
    assert first["y"] == second["y"]
    assert first["x"] > second["x"] + second["width"]  # the newest post is on the right
    brand, search = _box(page.locator(".bp-brand")), _box(page.locator(".bp-search"))
    assert brand["x"] > search["x"]  # the site's name starts the header, on the right
    older = page.locator(".bp-pagination a[rel=next]")
    assert _transform(older.locator(".bp-arrow")) == TURNED  # "Older", pointing left


def test_a_posts_header_and_navigation_mirror(rtl_site: Path, visit: Callable[..., Visit]) -> None:
    page = visit((rtl_site / "posts" / "arabic-2.html").as_uri(), width=1280).page
    body = _box(page.locator(".body > section"))
    date = _box(page.locator(".bp-post-header .bp-date"))
    assert abs(date["x"] + date["width"] - (body["x"] + body["width"])) < 2  # starts right
    older, newer = page.locator(".bp-post-nav-prev"), page.locator(".bp-post-nav-next")
    assert _box(older)["x"] > _box(newer)["x"]
    assert _transform(older.locator(".bp-arrow")) == TURNED  # points right, to the older
    assert _transform(newer.locator(".bp-arrow")) == TURNED


def test_an_english_post_reads_left_to_right_in_it(
    rtl_site: Path, visit: Callable[..., Visit]
) -> None:
    page = visit((rtl_site / "posts" / "english.html").as_uri(), width=1280).page
    body = _box(page.locator(".body > section"))
    title = _box(page.locator(".body > section > h1"))
    assert abs(title["x"] - body["x"]) < 2  # its own text starts on the left
    date = _box(page.locator(".bp-post-header .bp-date"))  # the site's words: on the right
    assert abs(date["x"] + date["width"] - (body["x"] + body["width"])) < 2
