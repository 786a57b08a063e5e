"""Post declarations (the `blogpost` directive) and `more`, as nodes; front matter is in
:mod:`.frontmatter`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .query import parse_query
from .warnings_ import BlogpostWarning, warn

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from .posts import RawValue


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
    """``.. blogpost::`` with the post's options as ``:name: value`` lines (or, in MyST, a
    YAML block between ``---`` lines); nothing else.

    The options are read from the directive's content rather than through an option spec:
    docutils parses an option block with a fresh nested state machine, which cost about as
    much as the rest of a short post's parsing together (docs/explanation/performance.md)."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        options, problems = parse_option_lines(self.content.data)
        for index, problem in problems:
            warn(BlogpostWarning.OPTION, problem, (self.env.docname, self._line_of(index)))
        node = blogpost_node(options=options, docname=self.env.docname)
        self.set_source_info(node)
        return [node]

    def _line_of(self, index: int) -> int:
        # rST content offsets are 0-based line numbers; MyST's point at the opening line.
        return self.content_offset + index + 1


_FIELD = re.compile(r":(?P<name>[^:\s][^:]*):(?:\s+(?P<value>.*))?$")
YAML_FENCE = "---"  # opens and closes a YAML block: options in MyST, front matter


def parse_option_lines(lines: Sequence[str]) -> tuple[dict[str, RawValue], list[tuple[int, str]]]:
    """The options of a ``blogpost`` directive body, and its problems as ``(line index,
    message)``. ``:name: value`` lines, each optionally continued by indented lines; a flag
    has no value (None). A body opening with ``---`` is a YAML mapping up to the next ``---``."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return {}, []
    if lines[first].strip() == YAML_FENCE:
        return _yaml_options(lines, first)
    options: dict[str, RawValue] = {}
    problems: list[tuple[int, str]] = []
    current: str | None = None
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        match = _FIELD.match(line)
        if match is None and current is not None and line[:1].isspace():
            previous = options[current]
            options[current] = f"{previous}\n{line.strip()}" if previous else line.strip()
            continue
        if match is None:
            problems.append((index, f"{line.strip()!r} is not a post option (':name: value')"))
            current = None
            continue
        current = match["name"].strip()
        if current in options:
            problems.append((index, f"option {current!r} is given twice; the last one is used"))
        options[current] = (match["value"] or "").strip() or None
    return options, problems


def _yaml_options(
    lines: Sequence[str], first: int
) -> tuple[dict[str, RawValue], list[tuple[int, str]]]:
    import yaml  # only this form needs it (MyST, too, imports it only for front matter)

    end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == YAML_FENCE), None)
    if end is None:
        return {}, [(first, "the options' YAML block has no closing '---'")]
    try:
        mapping = load_yaml("\n".join(lines[first + 1 : end]))
    except yaml.YAMLError as error:
        return {}, [(first, f"the options are not valid YAML: {error}")]
    if not isinstance(mapping, dict):
        return {}, [(first, "the options' YAML block is not a mapping")]
    problems = [
        (i, f"{lines[i].strip()!r} follows the options; it is ignored")
        for i in range(end + 1, len(lines))
        if lines[i].strip()
    ]
    return yaml_options(mapping), problems


def load_yaml(text: str) -> Any:
    """*text* read as YAML, as ``yaml.safe_load`` reads it (same constructors, so the same
    values), by libyaml's parser where PyYAML has it: about ten times faster."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def yaml_options(mapping: dict[Any, Any]) -> dict[str, RawValue]:
    """A YAML mapping of post options as raw option values."""
    return {str(k): _yaml_value(v) for k, v in mapping.items()}


def _yaml_value(value: Any) -> RawValue:
    # Lists stay lists (split_list reads them); flags stay booleans; the rest is text.
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


class MoreDirective(SphinxDirective):
    """``.. more::`` ends the excerpt used as the post's summary."""

    def run(self) -> list[nodes.Node]:
        node = more_marker()
        self.set_source_info(node)
        return [node]


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


def find_blog_nodes(
    doctree: nodes.Node, expected: tuple[int, int] | None = None
) -> tuple[list[blogpost_node], list[postlist_node]]:
    """The post declarations and the postlists of a doctree, in document order; with
    *expected* (numbers of declarations and postlists known from reading), the walk stops
    once it has found them all: a post's declaration sits near its top.

    One pass without recursion: this runs on every document when it is read and again when
    it is written, and two of docutils' ``findall`` walks cost three times as much."""
    declarations: list[blogpost_node] = []
    postlists: list[postlist_node] = []
    stack: list[nodes.Node] = [doctree]
    wanted_declarations, wanted_postlists = expected if expected is not None else (-1, -1)
    while stack:
        if len(declarations) == wanted_declarations and len(postlists) == wanted_postlists:
            break
        node = stack.pop()
        if isinstance(node, blogpost_node):
            declarations.append(node)
        elif isinstance(node, postlist_node):
            postlists.append(node)
        elif isinstance(node, nodes.Element):
            stack.extend(reversed(node.children))
    return declarations, postlists
