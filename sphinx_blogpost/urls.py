"""Where a post's category, tag and author pages live, as links relative to a page."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx


def page_links(app: Sphinx, from_docname: str) -> Callable[[str, str], str | None]:
    """``href(kind, name)`` for links on *from_docname*; None where no page exists."""

    def href(kind: str, name: str) -> str | None:
        return None  # category, tag and author pages are not generated yet

    return href
