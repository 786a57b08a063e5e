"""Names in their own direction, in a real browser: a stray right-to-left override (U+202E)
in one tag turns neither the tags after it nor the rest of the header around."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sphinx.testing.util import SphinxTestApp

from ..conftest import make_site

if TYPE_CHECKING:
    from collections.abc import Callable

    from .conftest import Visit

POST = (
    "Post\n====\n\n.. blogpost::\n   :date: 2025-01-02\n   :tags: \u202eevil, after\n"
    "   :category: \u202eNews, Notes\n\nText.\n"
)


@pytest.fixture(scope="module")
def bidi_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bidi")
    src = make_site(folder / "src", {"post.rst": POST}, 'extensions = ["sphinx_blogpost"]\n')
    app = SphinxTestApp("html", srcdir=src, builddir=folder / "out")
    try:
        app.build()
        return Path(app.outdir)
    finally:
        app.cleanup()


@pytest.mark.parametrize("selector", [".bp-tag", ".bp-category"])
def test_a_names_override_stops_at_its_end(
    bidi_site: Path, visit: Callable[..., Visit], selector: str
) -> None:
    names = visit((bidi_site / "post.html").as_uri(), width=1280).page.locator(selector)
    assert names.count() == 2
    first, second = (names.nth(i).bounding_box() for i in range(2))
    # in reading order: the second name comes after the reversed one, wholly on its right
    # (turned around, it lands inside the box of the first, which then spans both)
    assert first is not None and second is not None
    assert second["x"] >= first["x"] + first["width"] or second["y"] > first["y"]
