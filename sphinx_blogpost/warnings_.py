"""The warning type of sphinx-blogpost, its subtypes, and the one helper that emits them."""

from __future__ import annotations

from enum import Enum
from typing import Any

from sphinx.util import logging

WARNING_TYPE = "blogpost"

logger = logging.getLogger(__name__)


class BlogpostWarning(Enum):
    """Subtypes of ``blogpost`` warnings; silence one with ``suppress_warnings``."""

    DATE = ("date", "A post's date is missing, unparsable or ambiguous; the post is not listed.")
    OPTION = (
        "option",
        "A post or `postlist` option is unknown or has an invalid value; it is ignored. "
        "Control characters in a value are left out of it. In any Markdown page's front "
        "matter, a character YAML cannot read is removed, and a value YAML cannot make "
        "(`2025-02-30`) is read as text.",
    )
    DUPLICATE = ("duplicate", "A document declares more than one post; the first one is used.")
    TITLE = (
        "title",
        "A post has no title (its document name is used instead, in listings and by Sphinx), "
        "or one with control characters (listings and feeds leave them out).",
    )
    AUTHOR = ("author", "A post names an author missing from a non-empty `blogpost_authors`.")
    CATEGORY = ("category", "A post's category is not one of `blogpost_categories`.")
    CONFIG = ("config", "A `blogpost_*` configuration value is invalid; its default is used.")
    CONFLICT = (
        "conflict",
        "A source document sits at the name of a generated page, or a file of "
        "`html_extra_path` where a feed goes; it wins. A post's old address (`redirect`) is "
        "where another page goes, or another post's too; no redirect is written there.",
    )
    FEED = ("feed", "Feeds cannot be written, usually because `html_baseurl` is not set.")
    IMAGE = (
        "image",
        "A post's cover image cannot be found, or its file is no image (by its suffix), is in "
        "`_images` or has a path with a backslash or a drive (`C:`): the post is shown without "
        "one. Or it is where Sphinx puts a file of its own (`_static/file.png`): it is not "
        "copied to the output.",
    )
    SLUG = ("slug", "Two different names give the same slug; one of them gets a suffix.")

    def __init__(self, subtype: str, description: str) -> None:
        self.subtype = subtype
        self.description = description


def warn(kind: BlogpostWarning, message: str, location: Any) -> None:
    """Emit a ``blogpost.<subtype>`` warning at *location* (node, docname/line or path)."""
    logger.warning(message, type=WARNING_TYPE, subtype=kind.subtype, location=location)
