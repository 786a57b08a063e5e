"""A right-to-left site in dispatches, in a real browser: the layout mirrors (the first card
on the right, the older post's link on the right), the arrows to what comes before and
after turn round, and the blog's labels read right to left, their number first."""

from __future__ import annotations

import itertools
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


@pytest.fixture(scope="module")
def labels_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An Arabic blog whose posts take 1, 2, 3, 11 and 100 minutes to read."""
    out = tmp_path_factory.mktemp("rtl-labels")
    app = SphinxTestApp("html", srcdir=ROOTS / "test-rtl-labels", builddir=out)
    try:
        app.build()
        return Path(app.outdir)
    finally:
        app.cleanup()


#: Each word of an element's text, in reading order, with where it is drawn (its left and right
#: edges): a Range over each word, whatever element holds it.
_WORDS = """el => {
    const words = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.textContent.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const box = range.getBoundingClientRect();
            words.push([word[0], box.left, box.right]);
        }
    }
    return words;
}"""


def _drawn(locator: Locator) -> list[tuple[str, float, float]]:
    return [(word, left, right) for word, left, right in locator.evaluate(_WORDS)]


@pytest.mark.parametrize(
    ("page_path", "selector", "words"),
    [("blog/index.html", ".bp-card .bp-readtime", ["100", "دقيقة", "للقراءة"]),  # "N min read"
     ("index.html", ".bp-list-item .bp-card-meta", ["100", "دقيقة", "·", "100", "كلمة"])],
)  # fmt: skip
def test_a_labels_words_read_right_to_left_the_number_first(
    labels_site: Path, visit: Callable[..., Visit], page_path: str, selector: str, words: list[str]
) -> None:
    """An English label in a right-to-left line is drawn out of its order ("100 min read"
    shows as "min read 100"); the site's language's reads from the right, word after word:
    a card's "N min read", a list's "N min · M words"."""
    page = visit((labels_site / page_path).as_uri(), width=1280).page
    drawn = _drawn(page.locator(selector).first)
    assert [word for word, _left, _right in drawn] == words
    for (before, left, _right), (after, _left, right) in itertools.pairwise(drawn):
        assert right <= left + 1, f"{after!r} is drawn right of {before!r}"
