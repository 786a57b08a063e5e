"""Posts declared at the top of a document: front matter, and the directive under the title.

The documented forms are read here when Sphinx reads the source, and taken out of the text the
parser sees; the transform puts the same node in their place. In Markdown, that is the
``blogpost`` mapping of a front matter (other keys are left for MyST): MyST would read that YAML
twice (once for its own settings, once to render it) with PyYAML's pure-Python loader, merge its
settings and render every key into a field list, only for this extension to decode the fields
again. In reStructuredText, it is a ``blogpost`` directive right under the title that opens
the document: docutils follows every directive with a fresh nested state machine, which cost
more than the rest of the declaration (docs/explanation/performance.md).

ABlog's form in Markdown, ``blogpost: true`` beside top-level keys, is read from the same YAML
but left in the text: MyST still makes the page's metadata of it. Its values are taken as
written, not from the field list MyST renders them into as Markdown (smart quotes, emphasis,
autolinks, a list as JSON that docutils may split as a list of authors).

Any other form (rST's ``:blogpost: true`` field list, YAML this reader refuses, a directive
anywhere else) is left to MyST or docutils: :class:`FrontMatterTransform` reads the docinfo
they make, the directive makes its own node.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from docutils import nodes
from docutils.languages import get_language
from docutils.nodes import fully_normalize_name
from sphinx.errors import FiletypeNotFoundError
from sphinx.transforms import SphinxTransform
from sphinx.util import get_filetype

from .config import get_config
from .directives import (
    DIRECTIVE_LINE,
    YAML_FENCE,
    YAML_KEY,
    AsWritten,
    blogpost_node,
    directive_under_title,
    load_yaml,
    option_line_indexes,
    parse_option_lines,
    repeated_keys,
    yaml_options,
    yaml_problem,
    yaml_values,
)
from .posts import OPTIONS, RawValue
from .warnings_ import BlogpostWarning, warn

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Where :func:`read_declaration` leaves a document's declaration for the transform
#: (``env.current_document``: data of the document being read, gone with it).
_READ_DECLARATION = "blogpost_read_declaration"
#: Where :func:`read_declaration` leaves a Markdown document's top-level front matter for the
#: transforms (:class:`FrontMatterTransform`, ``ablog.AblogTransform``), which both read it.
_READ_TOP_LEVEL = "blogpost_read_top_level"
#: The values of ``blogpost`` (in any case) that declare a post with top-level keys (ABlog's).
_DECLARES_POST = ("true", "yes", "on", "1")
#: ...and those that say a page is not a post.
_DENIES_POST = ("false", "no", "off", "0")
#: The options of a post in ABlog's form that its date warning (``blogpost.date``) reads.
_OWN_DATES = ("date", "updated")
#: What YAML's tags of the values it may fail to make call for, for a message.
_KINDS = {"timestamp": "date", "bool": "boolean", "int": "number", "float": "number"}


#: Other blog tools' names of post options (Hugo, Material for MkDocs, Jekyll): beside the
#: options at the top level, any other key may be the page's own metadata, so only these are
#: named as options misspelt, where the same key under `blogpost:` is an unknown option.
FOREIGN_KEYS = {
    "categories": "category", "tag": "tags", "lastmod": "updated", "last_modified_at": "updated",
    "modified": "updated", "images": "image", "cover": "image",
    "aliases": "redirect", "redirect_from": "redirect",  # Hugo's, jekyll-redirect-from's
}  # fmt: skip


class _Declaration(NamedTuple):
    options: dict[str, RawValue]
    line: int  # 1-based, where its warnings point
    option_lines: dict[str, int]  # option -> the 1-based line that sets it


class TopLevelFields(NamedTuple):
    """The top-level keys of a Markdown front matter, each by the name :func:`docinfo_fields`
    gives the field MyST makes of it (``authors`` and a translated ``Datum`` are ``author``
    and ``date``)."""

    values: dict[str, RawValue]  #: as YAML reads them (:func:`.directives.yaml_options`)
    lines: dict[str, int]  #: the 1-based line of each key
    #: each key given again, as (1-based line, message); warned if the page is a post
    repeated: list[tuple[int, str]]

    def warn_repeated(self, source: str) -> None:
        """Warn about each key of the post's front matter (in the file *source*) given twice."""
        for line, message in self.repeated:
            warn(BlogpostWarning.OPTION, message, f"{source}:{line}")


def _reads_myst(app: Sphinx, filetype: str) -> bool:
    """Whether *filetype* is parsed by MyST's parser or one built on it (MyST-NB's, when it
    has ``.md``): its front matter is read the same way."""
    from myst_parser.parsers.sphinx_ import MystParser

    if filetype == "markdown":
        return True
    parser = app.registry.source_parsers.get(filetype)
    return isinstance(parser, type) and issubclass(parser, MystParser)


def read_declaration(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: take a post's declaration in one of the documented forms out of the
    text, leaving blank lines in its place (so every other line keeps its number); keep
    ABlog's form (``blogpost: true`` beside top-level keys) as YAML reads it."""
    text = source[0]
    if not text.startswith(YAML_FENCE) and "\n" + DIRECTIVE_LINE not in text:
        return
    try:
        parser = get_filetype(app.config.source_suffix, app.env.doc2path(docname))
    except FiletypeNotFoundError:
        return
    myst = _reads_myst(app, parser)
    if myst:  # before MyST reads it, or MyST 4.0 stops the build, and 5 drops the YAML
        source[0] = text = _readable_front_matter(docname, text)
    lines = text.splitlines(keepends=True)
    if myst:
        front_matter = _front_matter(docname, lines)
        if front_matter is None:
            return
        data, end = front_matter
        if _quote_values_yaml_cannot_make(docname, lines, data):
            source[0] = "".join(lines)
        if not isinstance(data.get("blogpost"), dict):
            if "blogpost" in data and not _declares_or_denies_post(data["blogpost"]):
                line = _top_level_key_lines(lines).get("blogpost", 1)
                message = (
                    f"blogpost: {_as_written(data['blogpost'])} declares no post: give it the "
                    "post's options, indented under it, or 'true' beside them"
                )
                warn(BlogpostWarning.OPTION, message, (docname, line))
            # ABlog's form, or (in compatibility mode) a post by `blog_post_pattern`: MyST
            # keeps reading these keys for the page's metadata, so no line moves.
            if _declares_post(data.get("blogpost")) or get_config(app.config).ablog_compat:
                # the language docutils reads the fields in (the document's settings)
                fields = _top_level_fields(data, lines, app.config.language)
                app.env.current_document[_READ_TOP_LEVEL] = fields
            return
        read = _blogpost_mapping(docname, lines, data, end)
    elif parser == "restructuredtext":
        read = _directive(docname, lines)
    else:
        return
    if read is not None:
        declaration, start, end, kept = read
        app.env.current_document[_READ_DECLARATION] = declaration
        padding = "\n" * (end - start - kept.count("\n"))  # every other line keeps its number
        source[0] = "".join(lines[:start]) + kept + padding + "".join(lines[end:])


#: Where MyST's YAML front matter ends (``read_topmatter``): at a line that opens with either.
_MYST_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)", re.MULTILINE)


def _readable_front_matter(docname: str, text: str) -> str:
    """*text*, a Markdown document, without the characters YAML's reader refuses (DEL, other
    control characters) in the front matter it opens with, each line that held some warned
    once. YAML refuses the whole text for one such character: MyST 4.0 lets that error stop
    the build, MyST 5 drops the page's front matter. Newlines are never among them (every
    line keeps its number); the front matter is the text MyST gives YAML (a closing line
    that opens with ``---`` or ``...``), lines counted at newlines only, as in an editor."""
    start = text.find("\n") + 1
    if not start or not text.startswith(YAML_FENCE):
        return text
    closing = _MYST_FRONT_MATTER_END.search(text, start)
    if closing is None:  # unclosed: MyST reads the whole text as YAML; the body is left alone
        return text
    from yaml.reader import Reader

    unreadable: re.Pattern[str] = Reader.NON_PRINTABLE
    if unreadable.search(text, start, closing.start()) is None:
        return text
    removed: dict[int, list[str]] = {}  # 1-based line -> the characters removed from it
    for found in unreadable.finditer(text, start, closing.start()):
        line = text.count("\n", 0, found.start()) + 1
        names = removed.setdefault(line, [])
        if (name := f"U+{ord(found[0]):04X}") not in names:
            names.append(name)
    for line, names in removed.items():
        what = f"character {names[0]}" if len(names) == 1 else f"characters {', '.join(names)}"
        pronoun = "it" if len(names) == 1 else "them"
        message = f"{what} removed from the front matter: YAML cannot read {pronoun}"
        warn(BlogpostWarning.OPTION, message, (docname, line))
    readable = unreadable.sub("", text[start : closing.start()])
    return text[:start] + readable + text[closing.start() :]


def _quote_values_yaml_cannot_make(docname: str, lines: list[str], data: dict[Any, Any]) -> bool:
    """Quote in *lines* each top-level value of the front matter *data* (read from them) that
    YAML takes for a date or number it cannot make (``date: 2025-02-30``), with a warning,
    and say whether there was one. MyST then reads it as text, where MyST 4.0 stopped the
    build and MyST 5 dropped the page's front matter. A post's ``date`` and ``updated`` get
    the post's own date warning instead."""
    failed = [
        (str(key), value)
        for key, value in data.items()
        if isinstance(value, AsWritten) and isinstance(value.value, str)  # not made
    ]
    if not failed:
        return False
    key_lines = _top_level_key_lines(lines)
    quoted = False
    for key, value in failed:
        line = key_lines.get(key)
        if line is None:
            continue
        # the value as written, maybe after a tag (`!!timestamp 2025-02-30`), up to a comment
        written = re.match(
            rf"{re.escape(key)}[ \t]*:[ \t]+((?:![^ \t]*[ \t]+)?{re.escape(value)})"
            r"(?:[ \t]+#.*|[ \t]*)$",
            lines[line - 1],
        )
        if written is None:  # a quoted key, a value over several lines: as YAML takes it
            continue
        text, as_written = lines[line - 1], written[1]
        quoted_text = "'" + as_written.replace("'", "''") + "'"
        lines[line - 1] = f"{text[: written.start(1)]}{quoted_text}{text[written.end(1) :]}"
        quoted = True
        if key in _OWN_DATES and _declares_post(data.get("blogpost")):
            continue
        tag = as_written.split()[0].removeprefix("!!") if as_written.startswith("!") else ""
        kind = _KINDS.get(tag) or ("date" if _looks_like_date(value) else "number")
        message = f"{key}: {as_written!r} is not a {kind} YAML can read; it is read as text"
        warn(BlogpostWarning.OPTION, message, (docname, line))
    return quoted


def _looks_like_date(text: str) -> bool:
    """Whether YAML takes the plain scalar *text* for a date (else a number)."""
    from yaml.resolver import Resolver

    resolvers = Resolver.yaml_implicit_resolvers.get(text[:1], [])
    return any(tag.endswith(":timestamp") and regexp.match(text) for tag, regexp in resolvers)


def _front_matter(docname: str, lines: list[str]) -> tuple[dict[Any, Any], int] | None:
    """The YAML mapping of the front matter *lines* open with, and the index of its closing
    line; None for none, or YAML that is not a mapping or not valid: MyST reports it, as for
    any document ("Malformed YAML", at its first line), and so does a ``blogpost`` warning at
    the line of the problem if a post is declared there: the post is lost with it."""
    if lines[0].rstrip() != YAML_FENCE:
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == YAML_FENCE), None)
    if end is None:
        return None
    import yaml

    text = "".join(lines[1:end])
    try:
        data = load_yaml(text)
    except yaml.YAMLError as error:
        if any(line.startswith("blogpost:") for line in lines[1:end]):
            where, problem = yaml_problem(error, 0, text, "the front matter is")
            warn(BlogpostWarning.OPTION, f"{problem}; the post is not read", (docname, where + 1))
        return None
    return (data, end) if isinstance(data, dict) else None


def _top_level_fields(
    data: dict[Any, Any], lines: Sequence[str], language_code: str
) -> TopLevelFields:
    """The keys of the front matter *data* (read from *lines*) as YAML reads them, each by
    the name docutils gives its field in the document's language (*language_code*)."""
    bibliographic = _bibliographic_fields(language_code)
    values = {_field_name(key, bibliographic): value for key, value in yaml_options(data).items()}
    key_lines = _top_level_key_lines(lines)
    return TopLevelFields(
        values,
        {_field_name(key, bibliographic): line for key, line in key_lines.items()},
        [(line + 2, message) for line, message in repeated_keys(data)],  # YAML from line 2
    )


def top_level_fields(env: BuildEnvironment) -> TopLevelFields | None:
    """The top-level front matter of the Markdown document being read, as YAML reads it: kept
    by :func:`read_declaration` when it declares a post (``blogpost: true``), or for every
    document in ABlog compatibility mode. None for any other document."""
    fields: TopLevelFields | None = env.current_document.get(_READ_TOP_LEVEL)
    return fields


def _declares_post(value: object) -> bool:
    """Whether *value*, of a top-level ``blogpost`` key, declares a post (YAML reads ``true``,
    ``yes`` and ``on`` as True; MyST writes True as ``true``)."""
    return value is not None and str(value).strip().lower() in _DECLARES_POST


def _as_written(value: object) -> str:
    """*value*, a YAML value, for a message: an empty key as nothing at all, not None."""
    return "(nothing)" if value is None else repr(value)


def denies_post(value: object) -> bool:
    """Whether *value*, of a top-level ``blogpost`` key, says the page is not a post."""
    return value is not None and str(value).strip().lower() in _DENIES_POST


def _declares_or_denies_post(value: object) -> bool:
    """Whether *value*, of a top-level ``blogpost`` key that is not a mapping, says whether
    the page is a post: ``true`` (ABlog's form), or ``false`` and the like."""
    return _declares_post(value) or denies_post(value)


def _blogpost_mapping(
    docname: str, lines: list[str], data: dict[Any, Any], end: int
) -> tuple[_Declaration, int, int, str] | None:
    """The declaration of a front matter's ``blogpost`` mapping (in *data*, which ends at
    line index *end*), its lines, and the front matter MyST is to read instead: none, or the
    other keys (on one line, so no line moves).

    Taking the mapping out also spares MyST 4 a crash: it writes a mapping in front matter
    as JSON, which has no dates (``blogpost: {date: 2025-01-01}`` beside another key)."""
    import yaml

    for line, message in repeated_keys(data["blogpost"]):
        warn(BlogpostWarning.OPTION, message, (docname, line + 2))  # YAML from line 2
    declaration = _Declaration(yaml_options(data.pop("blogpost")), 1, _key_lines(lines, end))
    if not data:
        return declaration, 0, end + 1, ""
    rest = yaml.safe_dump(
        yaml_values(data),
        default_flow_style=True,
        width=float("inf"),
        allow_unicode=True,
        sort_keys=False,
    )
    kept = f"{YAML_FENCE}\n{rest}{YAML_FENCE}\n"
    if kept.count("\n") > end + 1:
        return None
    return declaration, 0, end + 1, kept


def _directive(docname: str, lines: list[str]) -> tuple[_Declaration, int, int, str] | None:
    """A ``blogpost`` directive right under the opening title, and its lines; its problems
    are warned as the directive warns them."""
    block = directive_under_title(lines)
    if block is None:
        return None
    options, problems = parse_option_lines(block.content)
    for index, problem in problems:
        warn(BlogpostWarning.OPTION, problem, (docname, block.content_offset + index + 1))
    indexes = option_line_indexes(block.content)
    lines_of = {name: block.content_offset + index + 1 for name, index in indexes.items()}
    return _Declaration(options, block.start + 1, lines_of), block.start, block.end, ""


def _key_lines(lines: list[str], end: int) -> dict[str, int]:
    """The 1-based line of each key of the ``blogpost`` mapping in the front matter that
    ends at line index *end*: the keys are the lines indented like the first one under
    ``blogpost:`` (a key's list items or folded text are indented deeper)."""
    start = next((i for i in range(1, end) if lines[i].startswith("blogpost:")), None)
    found: dict[str, int] = {}
    if start is None:
        return found
    indent = None
    for index in range(start + 1, end):
        line = lines[index]
        text = line.lstrip()
        if not text.strip() or text.startswith("#"):
            continue
        depth = len(line) - len(text)
        if depth == 0:
            break  # the next top-level key
        indent = depth if indent is None else indent
        key = YAML_KEY.match(text)
        if depth == indent and key is not None:
            found[key["name"]] = index + 1
    return found


class FrontMatterTransform(SphinxTransform):
    """Turn a declaration read with the source, ABlog's form (``blogpost: true`` beside
    top-level keys: Markdown front matter as YAML reads it, or rST's docinfo), or a
    ``blogpost`` mapping MyST rendered into the same :class:`blogpost_node` the directive
    makes, placed under the title."""

    default_priority = 500  # after docutils' DocInfo (340), before Sphinx reads metadata (880)

    def apply(self, **kwargs: Any) -> None:
        declaration = self.env.current_document.pop(_READ_DECLARATION, None)
        if declaration is not None:
            self._declare(
                declaration.options,
                self.document["source"],
                declaration.line,
                option_lines=declaration.option_lines,
            )
            return
        top_level = top_level_fields(self.env)
        if top_level is not None:  # the values as written, not as MyST renders them
            fields, source, line = top_level.values, self.document["source"], 1
        else:
            # A docinfo: rST's field list, or front matter this module leaves to MyST.
            docinfo = next(
                (n for n in self.document.children if isinstance(n, nodes.docinfo)), None
            )
            if docinfo is None:
                return
            fields = dict(docinfo_fields(docinfo, self.document.settings.language_code))
            source, line = docinfo.source or self.document["source"], docinfo.line or 1
        if "blogpost" not in fields:
            return
        declared = fields["blogpost"]
        if isinstance(declared, dict):
            self._declare(declared, source, line)
        elif _declares_post(declared):
            if top_level is not None:
                top_level.warn_repeated(source)
            options = {k: v for k, v in fields.items() if k in OPTIONS}
            # The line of every key, not only of this extension's options: in compatibility
            # mode, ABlog's keys become options too (ablog.AblogTransform).
            if top_level is not None:
                key_lines = top_level.lines
            else:
                key_lines = front_matter_key_lines(self.document, self.config.source_encoding)
            for key in [key for key in fields if key in FOREIGN_KEYS]:
                option = FOREIGN_KEYS[key]
                message = f"key {key!r} is not a post option; did you mean {option!r}?"
                warn(BlogpostWarning.OPTION, message, f"{source}:{key_lines.get(key, line)}")
            self._declare(options, source, line, top_level=True, option_lines=key_lines)

    def _declare(
        self,
        options: dict[str, Any],
        source: str,
        line: int,
        *,
        top_level: bool = False,
        option_lines: dict[str, int] | None = None,
    ) -> None:
        node = blogpost_node(options=options, docname=self.env.docname)
        if option_lines:
            node["option_lines"] = option_lines
        if top_level:  # ABlog's keys may be among them (see ablog.AblogTransform)
            node["top_level_front_matter"] = True
        node.source, node.line = source, line
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is not None and isinstance(section[0], nodes.title):
            section.insert(1, node)
        else:
            self.document.append(node)


def docinfo_fields(
    docinfo: nodes.docinfo, language_code: str
) -> Iterator[tuple[str, RawValue | dict[str, Any]]]:
    """The fields of a docinfo by name: rST's field list that opens a document, or front
    matter MyST rendered from YAML this module did not read (:func:`top_level_fields`)
    (*language_code*: the document's, in which docutils read the bibliographic fields)."""
    for item in docinfo.children:
        if isinstance(item, nodes.field):
            yield item[0].astext(), _decode(item[1].astext())
        elif isinstance(item, nodes.authors):
            yield "author", _authors(item, _docutils_language(language_code).author_separators)
        elif isinstance(item, nodes.Element):  # bibliographic: author, date, ...
            yield item.tagname, _decode(item.astext())


def _decode(value: str) -> RawValue | dict[str, Any]:
    """Front matter reaches docinfo as text; lists and mappings as JSON (see MyST), in
    bibliographic fields (``author: [ada, lin]``) as in any other."""
    if value[:1] in ("[", "{"):
        try:
            decoded: RawValue | dict[str, Any] = json.loads(value)
            return decoded
        except ValueError:
            pass
    return value


def _authors(authors: nodes.authors, separators: Sequence[str]) -> RawValue | dict[str, Any]:
    """The names of an ``authors`` node. docutils splits the field's text at the first of the
    language's author *separators* that it holds, MyST's JSON list (``authors: [ada, lin]``)
    included: joined again at that separator (tried in docutils' order), the JSON reads as
    written, but for spaces around a separator inside a name, which docutils strips."""
    names = [author.astext() for author in authors.children]
    for separator in separators:
        decoded = _decode(separator.join(names))
        if not isinstance(decoded, str):
            return decoded
    return names


def front_matter_key_lines(document: nodes.document, encoding: str) -> dict[str, int]:
    """The 1-based line of each key of the document's top-level front matter or docinfo
    field list, by the name :func:`docinfo_fields` gives it; empty if the source cannot
    be read. Neither MyST nor docutils' bibliographic fields (``date``, ``author``) keep
    the line of a key, so it is read from the source (*encoding*: ``source_encoding``)."""
    source = document.get("source")
    if not source:
        return {}
    try:
        text = Path(source).read_text(encoding)
    except (OSError, UnicodeError):  # not a file: text given to Sphinx another way
        return {}
    bibliographic = _bibliographic_fields(document.settings.language_code)
    key_lines = _top_level_key_lines(text.splitlines())
    return {_field_name(key, bibliographic): line for key, line in key_lines.items()}


def _top_level_key_lines(lines: Sequence[str]) -> dict[str, int]:
    """The 1-based line of each key of the front matter or field list *lines* open with
    (:func:`_front_matter_lines`), by the key as written."""
    indexes = option_line_indexes(_front_matter_lines(lines))
    return {key: index + 1 for key, index in indexes.items()}


def _bibliographic_fields(language_code: str) -> Mapping[str, str]:
    """docutils' bibliographic field names in a language, each to its English name."""
    # a dict of name -> English name, though docutils' stubs call it a list
    return cast("Mapping[str, str]", _docutils_language(language_code).bibliographic_fields)


def _docutils_language(language_code: str) -> Any:
    """docutils' module for a document's language: its bibliographic field names and author
    separators, as its DocInfo transform read them. No reporter: DocInfo has said already if
    the language is not supported."""
    return get_language(language_code, None)


def _front_matter_lines(lines: Sequence[str]) -> Sequence[str]:
    """The lines of the front matter a document opens with, as :func:`option_line_indexes`
    reads them: MyST's YAML between ``---`` lines (it stops at the closing one), or the field
    list docutils makes the docinfo, which ends at the first line that is neither indented
    (a field's value goes on there), a field nor a comment: the title, most often."""
    if lines and lines[0].rstrip() == YAML_FENCE:
        return lines
    for index, line in enumerate(lines):
        if line.strip() and not line[0].isspace() and not line.startswith((":", "..")):
            return lines[:index]
    return lines


def _field_name(written: str, bibliographic: Mapping[str, str]) -> str:
    """The name :func:`docinfo_fields` gives the key *written*: docutils makes a node of each
    bibliographic field (its name in the document's language, in any case), named in English,
    and ``authors`` is read as ``author``; other keys keep their name as written."""
    canonical = bibliographic.get(fully_normalize_name(written))
    if canonical is None:
        return written
    return "author" if canonical == "authors" else canonical
