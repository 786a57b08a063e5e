"""The listings in themes other than dispatches, in a real browser: they sit in the theme's
own layout as its content does."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ..conftest import ROOTS, build

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from playwright.sync_api import Page

    from .conftest import Visit

#: The left edge of an element's content, where its first letter starts.
CONTENT_LEFT = """e => {
  const style = getComputedStyle(e);
  return e.getBoundingClientRect().left + parseFloat(style.paddingLeft)
    + parseFloat(style.borderLeftWidth);
}"""


def _content_left(page: Page, selector: str) -> float:
    return float(page.locator(selector).first.evaluate(CONTENT_LEFT))


@pytest.mark.parametrize("theme", ["alabaster", "furo", "pydata_sphinx_theme"])
def test_headings_line_up_with_the_text_around_them(
    make_app, tmp_path: Path, visit: Callable[..., Visit], theme: str
) -> None:
    # Furo pads its headings and pulls them back by as much (margin: -.5rem): the blog's
    # margins once kept the padding and dropped the pull, so headings sat 8px to the right.
    overrides = {"html_theme": theme, "blogpost_eyebrow": "Research & Writing"}
    result = build(make_app, "html", srcdir=ROOTS / "test-blog", builddir=tmp_path,
                   confoverrides=overrides)  # fmt: skip
    page = visit((result.outdir / "blog" / "index.html").as_uri()).page
    eyebrow = _content_left(page, ".bp-hero .bp-eyebrow")
    assert abs(_content_left(page, ".bp-hero .bp-heading") - eyebrow) < 1
    category = _content_left(page, ".bp-card .bp-card-category")
    assert abs(_content_left(page, ".bp-card .bp-card-title") - category) < 1
