"""Post declarations (the `blogpost` directive, front matter) and `more`, as nodes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from .posts import OPTIONS, RawValue
from .query import parse_query
from .warnings_ import BlogpostWarning, warn

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator


class blogpost_node(nodes.Invisible, nodes.Element):
    """A post declaration: ``options`` (raw values) and ``docname``; replaced by the header."""


class more_marker(nodes.comment):
    """Where a post's excerpt ends; writers skip it as they skip any comment."""


class _AnyOption(dict[str, "Callable[[str | None], Any]"]):
    """An option spec that accepts every name, so unknown options get a ``blogpost.option``
    warning (from the collector) instead of failing the whole directive."""

    def __missing__(self, key: str) -> Callable[[str | None], Any]:
        return directives.unchanged


class BlogpostDirective(SphinxDirective):
    """``.. blogpost::`` with the post's options; it has no content."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = _AnyOption(
        {"draft": directives.unchanged, "pin": directives.unchanged}
    )

    def run(self) -> list[nodes.Node]:
        node = blogpost_node(options=dict(self.options), docname=self.env.docname)
        self.set_source_info(node)
        return [node]


class MoreDirective(SphinxDirective):
    """``.. more::`` ends the excerpt used as the post's summary."""

    def run(self) -> list[nodes.Node]:
        node = more_marker()
        self.set_source_info(node)
        return [node]


class FrontMatterTransform(SphinxTransform):
    """Turn front matter (``blogpost: {...}``, or ``blogpost: true`` beside top-level keys)
    into the same :class:`blogpost_node` the directive makes, placed under the title."""

    default_priority = 500  # after docutils' DocInfo (340), before Sphinx reads metadata (880)

    def apply(self, **kwargs: Any) -> None:
        docinfo = next(iter(self.document.findall(nodes.docinfo)), None)
        if docinfo is None:
            return
        fields = dict(_docinfo_fields(docinfo))
        if "blogpost" not in fields:
            return
        declared = fields["blogpost"]
        if isinstance(declared, dict):
            options = declared
        elif str(declared).strip().lower() in ("true", "yes", "1", "on"):
            options = {k: v for k, v in fields.items() if k in OPTIONS}
        else:
            return
        node = blogpost_node(options=options, docname=self.env.docname, front_matter=True)
        node.source, node.line = docinfo.source or self.document["source"], docinfo.line or 1
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is not None and isinstance(section[0], nodes.title):
            section.insert(1, node)
        else:
            self.document.append(node)


def _docinfo_fields(docinfo: nodes.docinfo) -> Iterator[tuple[str, RawValue | dict[str, Any]]]:
    for item in docinfo.children:
        if isinstance(item, nodes.field):
            yield item[0].astext(), _decode(item[1].astext())
        elif isinstance(item, nodes.authors):
            yield "author", [author.astext() for author in item.children]
        elif isinstance(item, nodes.Element):  # bibliographic: author, date, ...
            yield item.tagname, item.astext()


def _decode(value: str) -> RawValue | dict[str, Any]:
    """Front matter reaches docinfo as text; lists and mappings as JSON (see MyST)."""
    if value[:1] in ("[", "{"):
        try:
            decoded: RawValue | dict[str, Any] = json.loads(value)
            return decoded
        except ValueError:
            pass
    return value


class postlist_node(nodes.General, nodes.Element):
    """Where a ``postlist`` goes; ``query`` holds its validated options, rendered at write time."""


class PostlistDirective(SphinxDirective):
    """``.. postlist::`` lists posts filtered by category, tags, author, year and series."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "category": directives.unchanged,
        "tags": directives.unchanged,
        "author": directives.unchanged,
        "year": directives.unchanged,
        "series": directives.unchanged,
        "limit": directives.unchanged,
        "sort": directives.unchanged,
        "layout": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        node = postlist_node()
        self.set_source_info(node)
        node["query"] = parse_query(
            self.options, lambda message: warn(BlogpostWarning.OPTION, message, node)
        )
        return [node]
