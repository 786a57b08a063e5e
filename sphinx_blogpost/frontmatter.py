"""Posts declared in a Markdown document's front matter.

The documented form, a front matter of the ``blogpost`` mapping alone, is read here when Sphinx
reads the source, and taken out of the text MyST parses. MyST would read that YAML twice (once
for its own settings, once to render it) with PyYAML's pure-Python loader, merge its settings
and render every key into a field list, only for this extension to decode the fields again:
most of what declaring a Markdown post cost to read (docs/explanation/performance.md).
Any other front matter (more keys, ABlog's ``blogpost: true`` form, YAML this reader refuses)
is left to MyST, whose field list :class:`FrontMatterTransform` reads as before.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.errors import FiletypeNotFoundError
from sphinx.transforms import SphinxTransform
from sphinx.util import get_filetype

from .directives import YAML_FENCE, blogpost_node, load_yaml, yaml_options
from .posts import OPTIONS, RawValue

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

#: Where :func:`read_front_matter` leaves a document's options for the transform
#: (``env.current_document``: data of the document being read, gone with it).
_READ_OPTIONS = "blogpost_front_matter"


def read_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: take a Markdown post's front matter of the ``blogpost`` mapping alone,
    and leave blank lines in its place (so every line of the body keeps its number)."""
    text = source[0]
    if not text.startswith(YAML_FENCE):
        return
    try:
        if get_filetype(app.config.source_suffix, app.env.doc2path(docname)) != "markdown":
            return
    except FiletypeNotFoundError:
        return
    lines = text.splitlines(keepends=True)
    if lines[0].rstrip() != YAML_FENCE:
        return
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == YAML_FENCE), None)
    if end is None:
        return
    import yaml

    try:
        data = load_yaml("".join(lines[1:end]))
    except yaml.YAMLError:
        return  # MyST reports it, as for any document
    if not isinstance(data, dict) or data.keys() != {"blogpost"}:
        return
    if not isinstance(data["blogpost"], dict):
        return
    app.env.current_document[_READ_OPTIONS] = yaml_options(data["blogpost"])
    source[0] = "\n" * (end + 1) + "".join(lines[end + 1 :])


class FrontMatterTransform(SphinxTransform):
    """Turn front matter (``blogpost: {...}``, or ``blogpost: true`` beside top-level keys)
    into the same :class:`blogpost_node` the directive makes, placed under the title."""

    default_priority = 500  # after docutils' DocInfo (340), before Sphinx reads metadata (880)

    def apply(self, **kwargs: Any) -> None:
        options = self.env.current_document.pop(_READ_OPTIONS, None)
        if options is not None:  # read with the source
            self._declare(options, self.document["source"], 1)
            return
        # Front matter MyST rendered (and bibliographic fields) is a docinfo of the document.
        docinfo = next((n for n in self.document.children if isinstance(n, nodes.docinfo)), None)
        if docinfo is None:
            return
        fields = dict(docinfo_fields(docinfo))
        if "blogpost" not in fields:
            return
        declared = fields["blogpost"]
        source, line = docinfo.source or self.document["source"], docinfo.line or 1
        if isinstance(declared, dict):
            self._declare(declared, source, line)
        elif str(declared).strip().lower() in ("true", "yes", "1", "on"):
            top_level = {k: v for k, v in fields.items() if k in OPTIONS}
            self._declare(top_level, source, line, top_level=True)

    def _declare(
        self, options: dict[str, Any], source: str, line: int, *, top_level: bool = False
    ) -> None:
        node = blogpost_node(options=options, docname=self.env.docname)
        if top_level:  # ABlog's keys may be among them (see ablog.AblogTransform)
            node["top_level_front_matter"] = True
        node.source, node.line = source, line
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is not None and isinstance(section[0], nodes.title):
            section.insert(1, node)
        else:
            self.document.append(node)


def docinfo_fields(docinfo: nodes.docinfo) -> Iterator[tuple[str, RawValue | dict[str, Any]]]:
    """The fields of front matter MyST rendered, and of bibliographic fields, by name."""
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
