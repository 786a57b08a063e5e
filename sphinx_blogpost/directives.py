"""Post declarations (the `blogpost` directive) and `more`, as nodes; front matter is in
:mod:`.frontmatter`."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.parsers.rst.states import Body
from docutils.statemachine import StringList
from docutils.utils import column_width
from sphinx import addnodes
from sphinx.locale import init as init_locale
from sphinx.util.docutils import SphinxDirective
from sphinx.util.i18n import docname_to_domain

from .posts import strip_space, unfit_item, whole_number
from .query import POSTLIST_OPTIONS, option_values, parse_query
from .warnings_ import BlogpostWarning, warn

if TYPE_CHECKING:
    from collections.abc import Callable, Container, Iterator, Mapping, Sequence

    from sphinx.environment import BuildEnvironment

    from .posts import RawValue
    from .query import OptionValue


class blogpost_node(nodes.Invisible, nodes.Element, addnodes.translatable):
    """A post declaration: ``options`` (raw values) and ``docname``; replaced by the header.

    Its ``summary`` is a message to translate, as the post's title and text are. The gettext
    builder extracts it from the declarations it finds marked ``extract_messages`` (see
    ``postpage.resolve_blog_nodes``); a translated build translates it when the post is read
    (:func:`translate_declaration`). Not through Sphinx's Locale transform, which reads each
    translation as reStructuredText: a summary is plain text, and a ``*`` in it would get a
    docutils warning. So while documents are read, a declaration offers no message."""

    def summary(self) -> str | None:
        """The ``summary`` option on one line, as the post's summary is; None without one."""
        value = self["options"].get("summary")
        if not isinstance(value, str):  # none, or not text (parse_options reports that)
            return None
        return " ".join(value.split()) or None

    def preserve_original_messages(self) -> None:
        pass  # nothing is translated in place: translate_declaration sets the option

    def extract_original_messages(self) -> Sequence[str]:
        summary = self.summary() if self.get("extract_messages") else None
        return [summary] if summary else []

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        pass  # never called: the Locale transform gets no message (see the class)


def translate_declaration(node: blogpost_node, env: BuildEnvironment) -> None:
    """Translate *node*'s summary with its document's catalog, the one Sphinx's Locale
    transform translates the document's text with."""
    summary = node.summary()
    if summary is None or not env.config.language:
        return
    domain = docname_to_domain(node["docname"], env.config.gettext_compact)
    dirs = [Path(env.srcdir, folder) for folder in env.config.locale_dirs]
    catalog, has_catalog = init_locale(dirs, env.config.language, domain)
    translated = catalog.gettext(summary) if has_catalog else summary
    if translated and translated != summary:
        node["options"] = {**node["options"], "summary": translated}


def option_location(declaration: blogpost_node, option: str | None) -> Any:
    """Where a problem with the post option *option* is: the line that sets it when the
    declaration knows it (``option_lines``: name -> 1-based line), else the declaration."""
    lines: dict[str, int] = declaration.get("option_lines", {})
    line = lines.get(option) if option is not None else None
    if line is None or not declaration.source:
        return declaration
    return f"{declaration.source}:{line}"


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
            warn(BlogpostWarning.OPTION, problem, content_location(self, index))
        node = blogpost_node(options=options, docname=self.env.docname)
        self.set_source_info(node)
        indexes = option_line_indexes(self.content.data)
        node["option_lines"] = {
            name: line
            for name, index in indexes.items()
            if (line := content_line(self, index)[1]) is not None
        }
        return [node]


def content_line(directive: SphinxDirective, index: int) -> tuple[str | None, int | None]:
    """The file and 1-based line of the line *index* of a directive's content (None where
    unknown: text a directive made, not read from a file)."""
    from myst_parser.mocking import MockStateMachine

    if isinstance(directive.state_machine, MockStateMachine):
        # MyST gives the content's offset below the opening line (``lineno``): -1 when the
        # content starts on that line (text after ```{postlist}), but MyST 4 gives 0 then too.
        # (Text there is the argument of a directive that takes one: ```{post} 2021-01-25.)
        source, _ = directive.get_source_info()
        offset = directive.content_offset
        takes_argument = directive.required_arguments or directive.optional_arguments
        if (
            offset == 0
            and source
            and not takes_argument
            and _text_after_fence(source, directive.lineno)
        ):
            offset = -1
        return source, directive.lineno + offset + index + 1
    # docutils: each line of the content knows its file and 0-based line, which an offset
    # from the top does not when the text comes from `include` or `rst_prolog`
    source, offset = directive.content.info(index)
    return source, offset + 1 if offset is not None else None


_FENCE_WITH_TEXT = re.compile(r"\s*(`{3,}|~{3,}|:{3,})\s*\{[^}]*\}\s*\S")


def _text_after_fence(source: str, lineno: int) -> bool:
    """Whether the MyST directive opening at line *lineno* of *source* has text after its
    name (MyST 4 does not say so). The file was just read: linecache keeps its lines."""
    import linecache

    return _FENCE_WITH_TEXT.match(linecache.getline(source, lineno)) is not None


def content_location(directive: SphinxDirective, index: int) -> str:
    """``file:line`` of the line *index* of a directive's content, for a warning."""
    source, line = content_line(directive, index)
    if source is None or line is None:
        return directive.get_location()
    return f"{source}:{line}"


# The value keeps the space before it: a control there (which \s takes) is reported.
_FIELD = re.compile(r":(?P<name>[^:\s][^:]*):(?P<value>\s.*)?$")
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
            more = strip_space(line)
            options[current] = f"{previous}\n{more}" if previous else more
            continue
        if match is None:
            problems.append((index, f"{line.strip()!r} is not a post option (':name: value')"))
            current = None
            continue
        current = match["name"].strip()
        if current in options:
            problems.append((index, f"option {current!r} is given twice; the last one is used"))
        options[current] = strip_space(match["value"] or "") or None
    return options, problems


def option_block_length(lines: Sequence[str]) -> int:
    """How many of *lines*, a directive's content, are its options, for a directive whose
    content goes on after them: ``:name: value`` lines up to a blank line, or a YAML block
    between ``---`` lines (MyST's two forms); 0 if the content does not open with either."""
    if not lines or not (lines[0].strip() == YAML_FENCE or _FIELD.match(lines[0])):
        return 0
    if lines[0].strip() == YAML_FENCE:
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == YAML_FENCE), None)
        return len(lines) if end is None else end + 1
    return next((i for i, line in enumerate(lines) if not line.strip()), len(lines))


def _yaml_options(
    lines: Sequence[str], first: int
) -> tuple[dict[str, RawValue], list[tuple[int, str]]]:
    import yaml  # only this form needs it (MyST, too, imports it only for front matter)

    end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == YAML_FENCE), None)
    if end is None:
        return {}, [(first, "the options' YAML block has no closing '---'")]
    text = "\n".join(lines[first + 1 : end])
    try:
        mapping = load_yaml(text)
    except yaml.YAMLError as error:
        return {}, [yaml_problem(error, first, text)]
    if not isinstance(mapping, dict):
        return {}, [(first, "the options' YAML block is not a mapping")]
    problems = [(first + 1 + line, message) for line, message in repeated_keys(mapping)]
    problems += [
        (i, f"{lines[i].strip()!r} follows the options; it is ignored")
        for i in range(end + 1, len(lines))
        if lines[i].strip()
    ]
    return yaml_options(mapping), problems


def yaml_problem(
    error: Any, fence: int, text: str, what: str = "the options are"
) -> tuple[int, str]:
    """A YAML error of the block *text* opened at line index *fence*, as one line of warning
    at the line of the problem where YAML knows it. YAML's own message spans lines (the text
    quoted, a caret under the problem), which no reader of the build's log takes for one
    warning."""
    mark = getattr(error, "problem_mark", None)
    where = fence + 1 + mark.line if mark is not None else fence
    position = getattr(error, "position", None)  # of a character YAML refuses (DEL, say)
    if mark is None and isinstance(position, int):
        where = fence + 1 + text[:position].count("\n")
    parts = (getattr(error, "context", None), getattr(error, "problem", None))
    problem = ": ".join(part for part in parts if part) or str(error)
    return where, f"{what} not valid YAML: {' '.join(problem.split())}"


def load_yaml(text: str) -> Any:
    """*text* read as YAML, as ``yaml.safe_load`` reads it (same constructors), but for
    booleans, numbers and dates, kept as written (:class:`AsWritten`); by libyaml's parser
    where PyYAML has it: about ten times faster. Raises ``yaml.YAMLError`` for any YAML it
    cannot read."""
    import yaml

    try:
        try:
            return yaml.load(text, Loader=_loader(fast=True))
        except yaml.YAMLError:
            # libyaml refuses some YAML that PyYAML reads, and MyST with it ("\ud800"): read
            # it as MyST does, or MyST 4 would get the post's dates, which it cannot write.
            return yaml.load(text, Loader=_loader(fast=False))
    except ValueError as error:  # a value another constructor refuses
        raise yaml.YAMLError(str(error)) from error


class YamlMapping(dict[Any, Any]):
    """A mapping :func:`load_yaml` read, knowing the keys written in it more than once."""

    #: each key written again, with the 0-based line (of the text read) that repeats it
    repeated: tuple[tuple[str, int], ...] = ()


def repeated_keys(mapping: object) -> list[tuple[int, str]]:
    """Each key given again in a mapping :func:`load_yaml` read, as ``(0-based line of the
    text read, message)``: YAML keeps the last value without a word, block or flow style."""
    return [
        (line, f"option {key!r} is given twice; the last one is used")
        for key, line in getattr(mapping, "repeated", ())
    ]


class AsWritten(str):
    """A YAML scalar as written, with the value YAML gives it (:attr:`value`). Options are
    text: YAML 1.1 reads the tag ``3.10`` as 3.1, ``010`` as 8, the language ``no`` as False,
    and stops at the date ``2025-02-30``. The post's own parsers read the text, and say what
    is wrong with it."""

    value: Any

    def __new__(cls, text: str, value: Any = None) -> AsWritten:
        scalar = super().__new__(cls, text)
        scalar.value = value
        return scalar


#: The YAML types whose scalars :func:`load_yaml` keeps as written.
_AS_WRITTEN = ("bool", "int", "float", "timestamp")
_NULL_TAG = "tag:yaml.org,2002:null"


@cache
def _loader(fast: bool) -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if fast else yaml.SafeLoader
    resolve = {f"tag:yaml.org,2002:{kind}": base.yaml_constructors[f"tag:yaml.org,2002:{kind}"]
               for kind in _AS_WRITTEN}  # fmt: skip

    def as_written(loader: Any, node: Any) -> AsWritten:
        text = str(loader.construct_scalar(node))
        try:
            value = resolve[node.tag](loader, node)
        # `2025-02-30`, `!!int abc`; `!!bool maybe` and `!!timestamp abc`, whose KeyError
        # and AttributeError YAML lets out as they are: text to all
        except (ValueError, KeyError, AttributeError):
            value = text
        return AsWritten(text, value)

    def mapping(loader: Any, node: Any) -> Iterator[YamlMapping]:
        data = YamlMapping()
        yield data  # first, as safe_load's own: a mapping may hold itself (anchors)
        loader.flatten_mapping(node)  # merge keys (`<<: *base`) in, as construct_mapping does
        for key, _ in node.value:
            # A key YAML reads as null (`null:`, `~:`, `Null:`) is named as written, not as
            # None: options are text, and `null` and `~` are two keys, not one given twice.
            # Set as the object made of that node, which construct_mapping then takes.
            if isinstance(key, yaml.ScalarNode) and key.tag == _NULL_TAG:
                loader.constructed_objects[key] = AsWritten(key.value, None)
        data.update(loader.construct_mapping(node))
        seen: set[str] = set()
        repeated = []
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    repeated.append((key.value, key.start_mark.line))
                seen.add(key.value)
        data.repeated = tuple(repeated)

    class ScalarsAsWritten(base):  # type: ignore[misc,valid-type]
        """safe_load's reading, with booleans, numbers and dates kept as written, and each
        mapping knowing its repeated keys."""

    for tag in resolve:
        ScalarsAsWritten.add_constructor(tag, as_written)
    ScalarsAsWritten.add_constructor("tag:yaml.org,2002:map", mapping)
    return ScalarsAsWritten


def yaml_values(data: Any, made: dict[int, Any] | None = None) -> Any:
    """*data* from :func:`load_yaml` as ``yaml.safe_load`` reads it (booleans, numbers and
    dates as YAML's values), for MyST, which reads the rest of a front matter.

    A list or mapping that YAML's aliases name several times is made once (*made*: by the
    id of the one read), as YAML made it: copied at each mention, a list nested in itself a
    few times over ("billion laughs") would not fit in memory, and one that holds itself
    would never end."""
    if isinstance(data, AsWritten):
        return data.value
    if not isinstance(data, dict | list):
        return data
    made = {} if made is None else made
    if id(data) in made:
        return made[id(data)]
    if isinstance(data, dict):
        mapping: dict[Any, Any] = {}
        made[id(data)] = mapping
        mapping.update((yaml_values(k, made), yaml_values(v, made)) for k, v in data.items())
        return mapping
    items: list[Any] = []
    made[id(data)] = items
    items.extend(yaml_values(item, made) for item in data)
    return items


def yaml_options(mapping: dict[Any, Any]) -> dict[str, RawValue]:
    """A YAML mapping of post options as raw option values."""
    return {str(k): _yaml_value(v) for k, v in mapping.items()}


def _yaml_value(value: Any) -> RawValue:
    # Scalars are text, as written; lists stay lists (split_list reads them). Values no option
    # takes (mappings, binary; lists or nulls in lists) stay as they are, for parse_options to
    # report; a set as a mapping of its sorted items, so that the report is the same each time.
    if isinstance(value, set | frozenset):
        return {"!!set": sorted(map(str, value))}
    if value is None or isinstance(value, bool | dict | bytes):  # bool: MyST's own reading
        return value
    if isinstance(value, list | tuple):
        return [item if unfit_item(item) else str(item) for item in value]
    return str(value)


class DirectiveBlock(NamedTuple):
    """A ``blogpost`` directive found in reStructuredText source, by 0-based line index."""

    start: int  #: its ``.. blogpost::`` line
    end: int  #: the line after its indented block
    content_offset: int  #: its first line of content (options)
    content: list[str]  #: the block's lines, dedented, as the directive's content


DIRECTIVE_LINE = ".. blogpost::"
_ADORNMENT = re.compile(Body.patterns["line"])  # a section title's over- or underline
# docutils' openings of anything but a paragraph (lists, tables, markup...) at a line's start
_NOT_TEXT = [
    re.compile(Body.patterns[name])
    for name in Body.initial_transitions
    if name not in ("line", "text")  # an over- or underline, a paragraph's (or title's) text
]
# Characters docutils expands or Python splits lines at differently: leave such text to docutils.
_UNUSUAL_SPACE = re.compile("[\t\v\f\x1c-\x1e\x85\u2028\u2029]")


def _starts_other_than_text(line: str) -> bool:
    return line[:1].isspace() or any(pattern.match(line) for pattern in _NOT_TEXT)


def directive_under_title(lines: Sequence[str]) -> DirectiveBlock | None:
    """The ``blogpost`` directive of reStructuredText *lines* (ends of lines included) when
    it is the first thing under the title that opens the document, the documented form;
    None for any other text, which docutils parses as usual.

    What is accepted parses to the same node at the same place either way: a title (with an
    underline at least as wide, or a matching overline), blank lines, ``.. blogpost::``
    alone on its line, an indented block, then a blank line or the end."""
    index = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if index + 2 < len(lines) and _ADORNMENT.match(lines[index]):  # overlined title
        over, title, under = (line.rstrip() for line in lines[index : index + 3])
        if under != over or not title.strip() or column_width(title) > len(over):
            return None
        underline = index + 2
    elif index + 1 < len(lines) and not _starts_other_than_text(lines[index]):  # underlined
        title, under = lines[index].rstrip(), lines[index + 1].rstrip()
        if not _ADORNMENT.match(under) or column_width(title) > len(under):
            return None
        underline = index + 1
    else:
        return None
    start = next((i for i in range(underline + 1, len(lines)) if lines[i].strip()), len(lines))
    if start == underline + 1 or start == len(lines) or lines[start].rstrip() != DIRECTIVE_LINE:
        return None
    # The block as docutils takes it (from lines without their ends or trailing spaces):
    # indented lines, less their common indent, after the rest of the directive's line. It
    # ends at the latest at the next line that starts with text, as far as docutils is given.
    stop = next((i for i in range(start + 1, len(lines)) if not lines[i][:1].isspace()), None)
    head = lines[start : stop + 1 if stop is not None else None]
    block, _, blank_finish = StringList([line.rstrip() for line in head]).get_indented(
        0, first_indent=len(DIRECTIVE_LINE)
    )
    if not blank_finish:  # docutils warns when no blank line ends it
        return None
    end = start + len(block)
    # Up to the line after the block too: a tab there would indent it once docutils expands it.
    if any(_UNUSUAL_SPACE.search(line) for line in lines[: end + 1]):
        return None
    content = block.data[1:]
    first = next((i for i, line in enumerate(content) if line), len(content))
    content = content[first:]
    while content and not content[-1]:
        content.pop()
    return DirectiveBlock(start, end, start + 1 + first, content)


class MoreDirective(SphinxDirective):
    """``.. more::`` ends the excerpt used as the post's summary."""

    def run(self) -> list[nodes.Node]:
        node = more_marker()
        self.set_source_info(node)
        return [node]


class postlist_node(nodes.General, nodes.Element):
    """Where a ``postlist`` goes; ``query`` holds its validated options, rendered at write time
    (and ``paginate_location``, with ``:paginate:``, the ``file:line`` of that option)."""


class PostlistDirective(SphinxDirective):
    """``.. postlist::`` lists posts filtered by category, tags, author, year and series.

    Its options are ``:name: value`` lines (or, in MyST, a YAML block between ``---``
    lines), read from its content as ``blogpost`` reads its own. Docutils' option parsing
    drops the whole listing for an option given twice and knows no option's line: here every
    problem is a ``blogpost.option`` warning at the line of its option, and the listing is
    made of the rest."""

    has_content = True
    option_spec = None  # docutils and MyST leave the option lines in the content
    #: The options it takes; others are warned about.
    known_options: ClassVar[Container[str]] = POSTLIST_OPTIONS

    def run(self) -> list[nodes.Node]:
        node = postlist_node()
        self.set_source_info(node)
        lines, locations = self.option_lines()
        written, line_of = self._read_options(lines, locations)

        def location_of(option: str) -> str:
            index = line_of.get(option)  # None: an argument's, not an option's
            return self.get_location() if index is None else locations[index]

        def report(message: str, option: str) -> None:
            warn(BlogpostWarning.OPTION, message, location_of(option))

        for name in written:
            if name not in self.known_options:
                report(f"unknown postlist option {name!r}", name)
        given = {name: value for name, value in written.items() if name in self.known_options}
        self.options = option_values(given, report)
        node["query"] = parse_query(self.query_options(), report)
        if node["query"].get("paginate"):  # where a misplaced one is warned about, when written
            node["paginate_location"] = location_of("paginate")
        return [node]

    def option_lines(self) -> tuple[list[str], list[str]]:
        """The lines that write the options (the content), and the ``file:line`` of each."""
        lines = self.content.data
        return lines, [content_location(self, index) for index in range(len(lines))]

    def query_options(self) -> Mapping[str, OptionValue]:
        """The options that make the query."""
        return self.options

    @staticmethod
    def _read_options(
        lines: Sequence[str], locations: Sequence[str]
    ) -> tuple[dict[str, RawValue], dict[str, int]]:
        """The options written in *lines*, and the index of the line that sets each (the
        last one, for an option given twice); their problems are warned about here."""
        options, problems = parse_option_lines(lines)
        line_of = option_line_indexes(lines)
        in_fields = not _opens_yaml(lines)
        for index, message in sorted(problems):
            if in_fields and _FIELD.match(lines[index]) is None:
                # parse_option_lines calls what such a line is not a *post* option
                text = lines[index].strip()
                number = whole_number(text) is not None
                hint = f"; a number of posts is ':limit: {text}'" if number else ""
                message = f"{text!r} is not a postlist option (':name: value'{hint})"
            warn(BlogpostWarning.OPTION, message, locations[index])
        return options, line_of


def _opens_yaml(lines: Sequence[str]) -> bool:
    """Whether directive content is the YAML form: its first line with text is ``---``."""
    return next((line for line in lines if line.strip()), "").strip() == YAML_FENCE


#: A key at the start of a YAML mapping's line: ``date:``, ``'tags':``.
YAML_KEY = re.compile(r"""(?P<quote>["']?)(?P<name>[^\s#"'{\[][^:]*?)(?P=quote)\s*:(?:\s|$)""")


def option_line_indexes(lines: Sequence[str]) -> dict[str, int]:
    """For directive content as :func:`parse_option_lines` reads it: the index of the line
    that sets each option (the last one, for an option given twice)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return {}
    in_yaml = _opens_yaml(lines)
    line_of: dict[str, int] = {}
    for index in range(first + 1 if in_yaml else first, len(lines)):
        if in_yaml and lines[index].strip() == YAML_FENCE:
            break
        match = (YAML_KEY if in_yaml else _FIELD).match(lines[index])
        if match is not None:  # not a continued value, a nested YAML line, a non-option
            line_of[match["name"].strip()] = index
    return line_of


def _is_doc_link(node: nodes.Element) -> bool:
    """Whether *node* is a ``:doc:`` reference, not yet resolved."""
    return (
        isinstance(node, addnodes.pending_xref)
        and node.get("refdomain") == "std"
        and node.get("reftype") == "doc"
    )


def find_blog_nodes(
    doctree: nodes.Node,
    expected: tuple[int, int] | None = None,
    doc_links: list[addnodes.pending_xref] | None = None,
) -> tuple[list[blogpost_node], list[postlist_node]]:
    """The post declarations and the postlists of a doctree, in document order; with
    *expected* (numbers of declarations and postlists known from reading), the walk stops
    once it has found them all: a post's declaration sits near its top. *doc_links*, if
    given, receives the doctree's ``:doc:`` references on the way.

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
            if doc_links is not None and _is_doc_link(node):
                doc_links.append(node)  # type: ignore[arg-type]
            stack.extend(reversed(node.children))
    return declarations, postlists
