"""Links from a page to the blog's generated pages, relative to that page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .blog import get_blog

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx


def page_links(app: Sphinx, from_docname: str) -> Callable[[str, str], str | None]:
    """``href(kind, name)`` for links on *from_docname*; None where no page exists."""
    blog = get_blog(app)

    def href(kind: str, name: str) -> str | None:
        page = blog.page(kind, name)
        return None if page is None else app.builder.get_relative_uri(from_docname, page)

    return href
