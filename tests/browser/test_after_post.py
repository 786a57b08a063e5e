"""What a project puts in dispatches' ``blogpost_after_post`` block, in a real browser: in the
text's column under the post, and left out of print."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sphinx.testing.util import SphinxTestApp

from ..conftest import ROOTS

if TYPE_CHECKING:
    from collections.abc import Callable

    from .conftest import Visit


@pytest.fixture(scope="module")
def after_post(tmp_path_factory: pytest.TempPathFactory) -> Path:
    app = SphinxTestApp(
        "html", srcdir=ROOTS / "test-after-post", builddir=tmp_path_factory.mktemp("after")
    )
    try:
        app.build()
        return Path(app.outdir)
    finally:
        app.cleanup()


@pytest.mark.parametrize("width", [320, 1280])
def test_it_sits_in_the_text_column_under_the_post(
    after_post: Path, visit: Callable[..., Visit], width: int
) -> None:
    page = visit((after_post / "first.html").as_uri(), width=width).page
    added, nav = page.locator("section.after-post"), page.locator(".bp-post-nav")
    assert added.is_visible()
    box, nav_box = added.bounding_box(), nav.bounding_box()
    assert box is not None and nav_box is not None
    assert box["y"] >= nav_box["y"] + nav_box["height"] + 32  # 3rem below the navigation
    assert abs(box["x"] - nav_box["x"]) < 1 and abs(box["width"] - nav_box["width"]) < 1
    page.emulate_media(media="print")
    assert not added.is_visible()
