"""ABlog compatibility (``blogpost_ablog_compat``): ABlog's ``post`` and ``postlist``
directives, front-matter keys, ``blog_post_pattern``, dates and ``blog_*`` settings."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache, partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urljoin, urlsplit

from babel import Locale
from docutils import nodes
from docutils.nodes import fully_normalize_name
from docutils.parsers.rst.directives.admonitions import BaseAdmonition
from sphinx.errors import ConfigError
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective, is_directive_registered
from sphinx.util.matching import Matcher

from .config import CONFIG_FIELDS, PREFIX, BlogpostConfig, assignment_location, get_config
from .directives import (
    _FIELD,
    PostlistDirective,
    _AnyOption,
    blogpost_node,
    content_line,
    load_yaml,
    more_marker,
    option_block_length,
    option_line_indexes,
    option_location,
    parse_option_lines,
    postlist_node,
)
from .frontmatter import denies_post, docinfo_fields, front_matter_key_lines, top_level_fields
from .posts import (
    LANGUAGE_CODE,
    OPTIONS,
    DateError,
    RawValue,
    collapse_space,
    fits_a_file_name,
    language_tag,
    parse_date,
    split_list,
    strip_space,
    whole_number,
)
from .query import POSTLIST_OPTIONS
from .sidebars import FROM_ABLOG
from .warnings_ import BlogpostWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .blog import Blog
    from .query import OptionValue

BOTH_LOADED = (
    'ABlog and sphinx-blogpost cannot run together: remove "ablog" from `extensions` in '
    "conf.py and set `blogpost_ablog_compat = True`; sphinx-blogpost then reads the ABlog "
    "blog as it is."
)

#: ABlog post options with no counterpart here: accepted without effect (and without warning).
#: (``nocomments`` and ``redirect`` are options here too.)
WITHOUT_EFFECT = ("location", "external_link", "canonical_link")
#: Front-matter and field-list keys of ABlog, besides the ones it shares with us.
ABLOG_KEYS = ("title", "excerpt", "exclude", "image", "language", *WITHOUT_EFFECT)
#: ABlog's ``postlist`` options that have no counterpart here: accepted without effect.
POSTLIST_WITHOUT_EFFECT = ("location", "language", "date", "format", "list-style", "expand")

#: ABlog's sidebar templates, which older ABlog configurations name without ``ablog/``.
ABLOG_SIDEBARS = frozenset(
    f"{name}.html"
    for name in (
        "archives", "authors", "categories", "languages", "locations", "postcard", "postcard2",
        "postnavy", "recentposts", "tagcloud",
    )
)  # fmt: skip

_TRUE_WORDS = ("", "true", "yes", "on", "1")
_FALSE_WORDS = ("false", "no", "off", "0")
_TIME_DIRECTIVES = re.compile(r"%[HIMSXcpfz]")
_PAGE_NAME = re.compile(r".+\.x?html?", re.IGNORECASE)


# -- setup ---------------------------------------------------------------------------------------
def setup_ablog(app: Sphinx) -> None:
    """Refuse to run beside ABlog; declare the ABlog settings read in compatibility mode."""
    if "ablog" in app.extensions or "ablog" in app.config.extensions:
        raise ConfigError(BOTH_LOADED)
    for setting in SETTINGS:
        app.add_config_value(setting.name, None, "env", types=Any, description=setting.help)
    app.add_config_value(
        "blog_post_pattern", None, "env", types=Any,
        description="ABlog's glob(s) of source files that are posts (compatibility mode).",
    )  # fmt: skip
    app.add_transform(AblogTransform)
    # Before validate_config (750), so that mapped values are validated like the user's own.
    app.connect("config-inited", adopt_ablog, priority=700)


def adopt_ablog(app: Sphinx, config: Config) -> None:
    """``config-inited``: in compatibility mode, add ABlog's directives and map its settings."""
    conf_py = Path(app.confdir, "conf.py")
    if config.blogpost_ablog_compat is not True:  # validated later; only a real True counts
        _note_ablog_leftovers(config, conf_py)
        for name in ABLOG_ONLY_DIRECTIVES:
            if not is_directive_registered(name):  # another extension's, if one has it
                app.add_directive(name, AblogLeftoverDirective)
        return
    # `post` is ABlog's name: claimed only here, so that another extension may own it otherwise.
    app.add_directive("post", AblogPostDirective)
    app.add_directive("postlist", AblogPostlistDirective, override=True)
    app.add_directive("update", AblogUpdateDirective)
    config.blog_post_pattern = _patterns(config.blog_post_pattern, conf_py)
    _drop_ablog_sidebars(config, conf_py)
    for setting in SETTINGS:
        if config[setting.name] is not None:
            setting.adopt(config, assignment_location(conf_py, setting.name))


def _note_ablog_leftovers(config: Config, conf_py: Path) -> None:
    """Outside compatibility mode, ABlog's settings are not read: say so once, with the way
    to read them, rather than leave a migrated blog to lose them without a word. ABlog's
    sidebars are left out all the same: they would stop the build (no such template)."""
    _drop_ablog_sidebars(config, conf_py)
    names = [s.name for s in SETTINGS if config[s.name] is not None]
    if config.blog_post_pattern is not None:
        names.append("blog_post_pattern")
    if names:
        message = (
            f"{', '.join(names)} {'is' if len(names) == 1 else 'are'} ABlog's, not read "
            "without blogpost_ablog_compat = True: set it to read an ABlog blog as it is, "
            "or remove them"
        )
        warn(BlogpostWarning.CONFIG, message, assignment_location(conf_py, names[0]))


# -- settings ------------------------------------------------------------------------------------
def _same(value: Any) -> Any:
    return value


def _ablog_authors(value: Any) -> dict[str, Any]:
    """ABlog's ``key -> (name, url)`` as ``key -> {"name", "url"}``."""
    if not isinstance(value, Mapping):
        raise TypeError("expected a dict of key -> (name, url)")
    authors: dict[str, Any] = {}
    for key, info in value.items():
        if isinstance(info, Sequence) and not isinstance(info, str) and len(info) == 2:
            name, url = info
            info = {"name": name, "url": url} if url else {"name": name}
        authors[key] = info  # anything else is checked as blogpost_authors
    return authors


def _ablog_default_author(value: Any) -> Any:
    """ABlog allows a list of author keys; one default author is kept here (the first)."""
    if isinstance(value, list | tuple) and value:
        return value[0]
    return value


def _is_text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _page_name(url: str) -> str:
    """The page name that ends *url* ("blog.html" in "https://sunpy.org/blog.html"), or ""."""
    last = urlsplit(url).path.rpartition("/")[2]
    return last if _PAGE_NAME.fullmatch(last) else ""


def _ablog_baseurl(value: Any) -> str:
    """ABlog joins addresses to ``blog_baseurl`` with ``urljoin``, which leaves out a page
    name at its end; ``html_baseurl`` is a folder, joined to as a path. A base without a page
    name is kept as it is (``https://user.github.io/project`` is the folder ``project``)."""
    url = _is_text(value)
    return urljoin(url, "./") if _page_name(url) else url


def _baseurl_note(value: Any) -> str:
    page = _page_name(value)
    return f" (without the page name {page!r}: links are joined to a folder)" if page else ""


def _no_note(value: Any) -> str:
    return ""


@dataclass(frozen=True)
class Setting:
    """An ABlog setting: the value it becomes here (or None), or what to do instead."""

    name: str
    target: str | None
    convert: Callable[[Any], Any] = _same
    advice: str = ""
    #: What the hint adds about the conversion of a value (from the value as written).
    note: Callable[[Any], str] = _no_note

    @property
    def help(self) -> str:
        if self.target is None:
            return f"ABlog's setting (compatibility mode: a hint only): {self.advice}"
        return f"ABlog's setting; compatibility mode reads it as `{self.target}`."

    def adopt(self, config: Config, where: str) -> None:
        """Use the value for the ``target`` left at its default; one hint says how to migrate."""
        value = config[self.name]
        if self.target is None:
            warn(BlogpostWarning.CONFIG, f"{self.name} is ABlog's: {self.advice}", where)
            return
        try:  # the value as the setting would read it: the hint names what to write
            new = _validator(self.target)(self.convert(value))
        except (TypeError, ValueError) as error:
            message = f"{self.name} = {value!r} is invalid ({error}); it is ignored"
            warn(BlogpostWarning.CONFIG, message, where)
            return
        if config[self.target] != _default(self.target):
            message = f"{self.name} is ABlog's and is ignored, since {self.target} is set"
            warn(BlogpostWarning.CONFIG, message, where)
            return
        setattr(config, self.target, new)
        message = f"{self.name} is ABlog's; use {self.target} = {new!r}{self.note(value)}"
        warn(BlogpostWarning.CONFIG, message, where)


SETTINGS = (
    Setting("blog_title", "blogpost_title"),
    Setting("blog_path", "blogpost_root"),
    Setting("blog_baseurl", "html_baseurl", _ablog_baseurl, note=_baseurl_note),
    Setting("blog_authors", "blogpost_authors", _ablog_authors),
    Setting("blog_default_author", "blogpost_default_author", _ablog_default_author),
    Setting("blog_feed_subtitle", "blogpost_tagline"),
    Setting("blog_feed_length", "blogpost_feed_length"),
    Setting("blog_feed_fulltext", "blogpost_feed_full_text", bool),
    Setting("post_date_format", "blogpost_date_format"),  # and the format dates are read in
    Setting(
        "blog_feed_archives", None,
        advice="sphinx-blogpost always writes an Atom feed per category, tag, author and "
        "series; remove it",
    ),
    Setting(
        "blog_feed_titles", None,
        advice="feeds carry each post's summary, or its full text with "
        "blogpost_feed_full_text = True; remove it",
    ),
    Setting(
        "post_auto_excerpt", None,
        advice="summaries are whole paragraphs until at least blogpost_summary_words words, "
        "or end at a `more` marker; remove it",
    ),
    Setting(
        "post_auto_image", None,
        advice="a post's cover is its `image` option (a path, or ABlog's image number); "
        "remove it",
    ),
)  # fmt: skip


def _default(name: str) -> Any:
    if name.startswith(PREFIX):
        return getattr(BlogpostConfig(), name.removeprefix(PREFIX))
    return ""  # html_baseurl


def _validator(name: str) -> Callable[[Any], Any]:
    for field in CONFIG_FIELDS:
        if PREFIX + field.name == name:
            validate: Callable[[Any], Any] = field.metadata["validate"]
            return validate
    return _is_text  # html_baseurl


def _patterns(value: Any, conf_py: Path) -> list[str]:
    """``blog_post_pattern`` as a list of globs (ABlog takes one or a list)."""
    if value is None:
        return []
    patterns = [value] if isinstance(value, str) else value
    if isinstance(patterns, list | tuple) and all(isinstance(p, str) for p in patterns):
        return list(patterns)
    message = f"blog_post_pattern = {value!r} is invalid (expected a glob or a list of globs)"
    warn(BlogpostWarning.CONFIG, message, assignment_location(conf_py, "blog_post_pattern"))
    return []


def _drop_ablog_sidebars(config: Config, conf_py: Path) -> None:
    """ABlog's sidebar templates (``ablog/postcard.html``..., or ``postcard.html``... in
    older ABlog) are gone with ABlog: each that has a counterpart here (recent posts, tags,
    categories, authors, archive) is replaced by it, the others are left out of
    ``html_sidebars`` rather than fail to render every page. A template of the project's own
    by such a name is kept."""
    sidebars = config.html_sidebars
    if not isinstance(sidebars, dict):
        return
    own = _own_templates(config.templates_path, conf_py.parent)

    def is_ablogs(name: Any) -> bool:
        name = str(name)
        return name.startswith("ablog/") or (name in ABLOG_SIDEBARS and name not in own)

    replaced: dict[str, str] = {}
    dropped: dict[str, None] = {}
    kept = {}
    for pattern, names in sidebars.items():
        if isinstance(names, list | tuple):
            ours = []
            for name in names:
                if not is_ablogs(name):
                    ours.append(name)
                elif (counterpart := FROM_ABLOG.get(str(name).removeprefix("ablog/"))) is not None:
                    replaced[name] = counterpart
                    ours.append(counterpart)
                else:
                    dropped[name] = None
            names = list(dict.fromkeys(ours))
        kept[pattern] = names
    if not (replaced or dropped):
        return
    config.html_sidebars = kept
    said = []
    if replaced:
        pairs = ", ".join(f"{name} by {ours}" for name, ours in replaced.items())
        said.append(f"ABlog's sidebars are replaced: {pairs}; name these instead")
    if dropped:
        said.append(
            f"html_sidebars names ABlog's templates ({', '.join(dropped)}); they are left "
            "out: remove them"
        )
    warn(BlogpostWarning.CONFIG, "; ".join(said), assignment_location(conf_py, "html_sidebars"))


def _own_templates(templates_path: Any, confdir: Path) -> set[str]:
    """Which of ABlog's sidebar names the project's ``templates_path`` holds. ABlog's own
    templates folder (older configurations add ``ablog.get_html_templates_path()``) is not the
    project's: its templates need ABlog's page context."""
    if not isinstance(templates_path, list | tuple):
        return set()
    own: set[str] = set()
    for folder in templates_path:
        path = confdir / str(folder)
        if path.parts[-2:] == ("ablog", "templates"):
            continue
        own.update(name for name in ABLOG_SIDEBARS if (path / name).is_file())
    return own


# -- post options --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Declaration:
    """An ABlog post declaration in our terms: options for the collector, and what ABlog does
    to the document besides (a title for listings, an excerpt of N paragraphs, a cover taken
    from the Nth image, leaving the directive's content out of the page)."""

    options: dict[str, RawValue]
    title: str | None = None
    excerpt: int | None = None
    image: int | None = None
    exclude: bool = False

    def node_attributes(self) -> dict[str, Any]:
        """What a :class:`blogpost_node` carries beside its options (read by the transform)."""
        attributes: dict[str, Any] = {"title": self.title}
        attributes.update(ablog_excerpt=self.excerpt, ablog_image=self.image)
        return {key: value for key, value in attributes.items() if value is not None}


def translate(raw: Mapping[str, RawValue], report: Callable[[str, str], None]) -> Declaration:
    """ABlog's post options as ours; options of neither kind are kept for the collector to
    report, and a bad ``excerpt`` is reported through *report* (message, then the name of the
    option, so that the warning can point at the line that sets it)."""
    options: dict[str, RawValue] = {}
    title = excerpt = image = None
    exclude = False
    for name, value in raw.items():
        text = _plain(value)
        if name in WITHOUT_EFFECT:
            continue
        if name == "title":
            title = text
        elif name == "excerpt":
            paragraphs = whole_number(text)
            if paragraphs is not None:
                excerpt = paragraphs or None
            else:
                report(f"excerpt {value!r} is not a whole number of paragraphs", name)
        elif name == "image" and (nth := whole_number(text)) is not None:
            image = nth or None  # ABlog's form: the Nth image of the post
        elif name == "exclude":
            word = (text or "").lower()
            exclude = value is not False and word in _TRUE_WORDS
            if value is not False and word not in (*_TRUE_WORDS, *_FALSE_WORDS):
                # as `draft` and `pin` say it: ABlog itself stops at a value for its flag
                report(f"option 'exclude' is a flag; {value!r} is not true or false", name)
        elif name == "language":
            options[name] = language_code(value)
        else:
            options[name] = value
    return Declaration(options, title, excerpt, image, exclude)


def _plain(value: RawValue) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    text = ", ".join(split_list(value)) if not isinstance(value, str | int) else str(value)
    return collapse_space(text) or None


def language_code(value: RawValue) -> str | None:
    """ABlog names languages freely ("English"); the first one as a code ("en") if known."""
    names = split_list(value)
    if not names:
        return None
    name = names[0]
    if LANGUAGE_CODE.fullmatch(name):
        return name
    return _language_codes().get(name.casefold(), name)


@cache
def _language_codes() -> dict[str, str]:
    """Language names in English ("English", "Brazilian Portuguese") to codes."""
    names = Locale("en").languages
    return {name.casefold(): language_tag(code) for code, name in names.items()}


def ablog_date(text: str, date_format: str | None) -> str:
    """A date as ABlog reads it, written so that :func:`parse_date` reads it the same way:
    ``post_date_format`` first, then dateutil, which reads 01/02/2021 month first."""
    if date_format:
        try:
            moment = datetime.strptime(text.strip(), date_format)
        except ValueError:
            pass
        else:
            has_time = _TIME_DIRECTIVES.search(date_format) is not None
            return moment.isoformat() if has_time else moment.date().isoformat()
    try:
        parse_date(text)
    except DateError:
        try:
            return parse_date(text, dayfirst=False).iso
        except DateError:
            pass  # unreadable either way: the collector reports it
    return text


# -- directives ----------------------------------------------------------------------------------
#: ABlog's directives that have no counterpart here (its ``postlist`` is read either way),
#: each with what to write instead.
ABLOG_ONLY_DIRECTIVES = {
    "post": "declare the post with the 'blogpost' directive",
    "update": "give the post an 'updated' date",
}


class AblogLeftoverDirective(SphinxDirective):
    """ABlog's ``post`` or ``update`` outside compatibility mode: a warning that says how to
    read it, and its content kept, rather than docutils' "Unknown directive type" error
    with the directive's source shown in the page."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = _AnyOption()

    def run(self) -> list[nodes.Node]:
        message = (
            f"ABlog's {self.name!r} directive is read only with blogpost_ablog_compat = True: "
            f"set it, or {ABLOG_ONLY_DIRECTIVES[self.name]}"
        )
        warn(BlogpostWarning.CONFIG, message, self.get_location())
        content = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, content)
        return content.children


class AblogPostDirective(SphinxDirective):
    """ABlog's ``.. post:: DATE`` with its options; its content, if any, is the post's excerpt
    (shown in the page too, unless ``:exclude:``).

    Its options are read as ``blogpost`` reads its own (:func:`.directives.parse_option_lines`),
    not by docutils: its option parsing drops the whole post, with an error, for an option given
    twice, and knows no option's line. Without an option spec, docutils gives the option lines
    as part of the argument (every line up to a blank one), MyST as the content's first lines."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = None

    def run(self) -> list[nodes.Node]:
        texts, lines, skipped = options_after_argument(self)
        raw, problems = parse_option_lines(texts)
        source = self.get_source_info()[0]
        for index, problem in problems:
            warn(BlogpostWarning.OPTION, problem, f"{source}:{lines[index]}")
        # a flag is '' as docutils gave it (`:exclude:`), not None (an option left empty)
        raw = {name: "" if value is None else value for name, value in raw.items()}
        if self.arguments:
            raw["date"] = self.arguments[0]
        node = blogpost_node(docname=self.env.docname)
        self.set_source_info(node)
        node["option_lines"] = {
            name: lines[index] for name, index in option_line_indexes(texts).items()
        }
        declaration = translate(
            raw,
            lambda message, option: warn(
                BlogpostWarning.OPTION, message, option_location(node, option)
            ),
        )
        node["options"] = declaration.options
        node.attributes.update(declaration.node_attributes())
        node["ablog"] = True
        content = self.content[skipped:]
        if not content:
            return [node]
        excerpt = nodes.Element()
        self.state.nested_parse(content, self.content_offset + skipped, excerpt)
        summary = " ".join(" ".join(p.astext().split()) for p in excerpt.findall(nodes.paragraph))
        if summary:
            node["options"].setdefault("summary", summary)
        return [node] if declaration.exclude else [node, *excerpt.children]


def options_after_argument(directive: SphinxDirective) -> tuple[list[str], list[int], int]:
    """The option lines of an ABlog directive that takes an argument and has no option spec,
    the 1-based line of each in the file, and how many lines of its content they took; its
    argument keeps the text before them (docutils gives every line up to a blank one as the
    argument, MyST the option lines as the content's first ones)."""
    argument = directive.arguments[0].splitlines() if directive.arguments else []
    first = next((i for i, text in enumerate(argument) if _FIELD.match(text)), None)
    if first is not None:  # reStructuredText: the options follow the argument's lines
        before = " ".join(argument[:first]).strip()
        directive.arguments = [before] if before else []
        block = directive.block_text.splitlines()
        texts, lines, at = argument[first:], [], 0
        for text in texts:  # each in the directive's text, in order, as written
            found = (i for i in range(at, len(block)) if block[i].strip() == text.strip())
            at = next(found, at)
            lines.append(directive.lineno + at)
        return texts, lines, 0
    content = directive.content.data
    count = option_block_length(content)
    lines = [content_line(directive, index)[1] or directive.lineno for index in range(count)]
    return content[:count], lines, count


def ablog_sort(options: Mapping[str, str | None]) -> bool:
    """Whether ``:sort:`` is ABlog's flag: list the newest posts, oldest first."""
    return "sort" in options and not (options["sort"] or "").strip()


def ablog_postlist_options(
    options: Mapping[str, str | None], arguments: Sequence[str]
) -> dict[str, str | None]:
    """ABlog's ``postlist`` options as ours: the argument is the limit, and the layout is
    ABlog's look (compact, or list with ``:excerpts:``). ABlog's ``:sort:`` flag takes the
    newest posts (``-date``); the directive shows them reversed."""
    mapped = {k: v for k, v in options.items() if k in POSTLIST_OPTIONS}
    if arguments and "limit" not in mapped:
        mapped["limit"] = arguments[0]
    if ablog_sort(options):
        mapped["sort"] = "-date"
    mapped.setdefault("layout", "list" if "excerpts" in options else "compact")
    return mapped


class AblogPostlistDirective(PostlistDirective):
    """``postlist`` taking ABlog's options too: ``.. postlist:: N`` with ``:excerpts:``,
    ``:sort:`` and filters; ABlog's display options are accepted without effect. Its options
    are read as ``postlist`` reads its own, after the argument (:func:`options_after_argument`)."""

    optional_arguments = 1
    final_argument_whitespace = True
    known_options: ClassVar[Container[str]] = frozenset(
        (*POSTLIST_OPTIONS, "excerpts", *POSTLIST_WITHOUT_EFFECT)
    )

    def run(self) -> list[nodes.Node]:
        result = super().run()
        if ablog_sort(self.options):
            for node in result:
                if isinstance(node, postlist_node):
                    node["query"]["reverse"] = True
        return result

    def option_lines(self) -> tuple[list[str], list[str]]:
        texts, lines, _ = options_after_argument(self)
        source = self.get_source_info()[0]
        return texts, [f"{source}:{line}" for line in lines]

    def query_options(self) -> Mapping[str, OptionValue]:
        options: dict[str, OptionValue] = dict(ablog_postlist_options(self.options, self.arguments))
        for name, value in options.items():
            # MyST hands options it parsed over as written: a YAML list (`category: [a, b]`)
            # as the text "[a, b]", which commas would split into "[a" and "b]".
            if isinstance(value, str) and value.startswith("[") and value.endswith("]"):
                options[name] = _flow_list(value)
        return options


def _flow_list(text: str) -> OptionValue:
    """*text*, a YAML flow sequence, as its items; as it is if YAML reads no list of text."""
    import yaml

    try:
        items = load_yaml(text)
    except yaml.YAMLError:
        return text
    if isinstance(items, list) and all(isinstance(item, str) for item in items):
        return [str(item) for item in items]
    return text


class AblogUpdateDirective(BaseAdmonition):
    """ABlog's ``.. update:: DATE``: a note "Updated on DATE"; the latest one is the post's
    ``updated`` date."""

    required_arguments = 1
    final_argument_whitespace = True
    node_class = nodes.admonition

    def run(self) -> list[nodes.Node]:
        date = " ".join(self.arguments[0].split())
        self.arguments = [f"Updated on {date}"]  # the admonition's title
        self.options.setdefault("class", []).extend(["note", "update"])
        result = list(super().run())
        if isinstance(result[0], nodes.Element):
            result[0]["ablog_update"] = date
        return result


# -- documents -----------------------------------------------------------------------------------
class AblogTransform(SphinxTransform):
    """In compatibility mode: ABlog's front-matter keys, posts by ``blog_post_pattern``, and
    what ABlog does to a post's document (excerpt, image, dates as ABlog reads them)."""

    default_priority = 501  # just after FrontMatterTransform (500)

    def apply(self, **kwargs: Any) -> None:
        if not get_config(self.config).ablog_compat:
            return
        docinfo = next(iter(self.document.findall(nodes.docinfo)), None)
        # Markdown front matter as YAML reads it (as written); else rST's docinfo
        top_level = top_level_fields(self.env)
        fields: Mapping[str, Any] = {}
        if top_level is not None:
            fields = top_level.values
        elif docinfo is not None:
            fields = dict(docinfo_fields(docinfo, self.document.settings.language_code))
        ablog_fields: dict[str, Any] = {
            k: v for k, v in fields.items() if k in OPTIONS or k in ABLOG_KEYS
        }
        if isinstance(ablog_fields.get("tags"), str):  # ABlog unquotes: tags: a, "b c"
            ablog_fields["tags"] = [
                strip_space(t).strip("\"'") for t in ablog_fields["tags"].split(",")
            ]
        declarations = list(self.document.findall(blogpost_node))
        # `blogpost: false` takes a page the pattern matches out of the blog (in ABlog, any
        # value of the key made a post: surely not what was meant)
        if not declarations and not denies_post(fields.get("blogpost")) and self._matches_pattern():
            node = blogpost_node(options={}, docname=self.env.docname, top_level_front_matter=True)
            if docinfo is not None:
                node.source, node.line = docinfo.source, docinfo.line
            node.source = node.source or self.document["source"]
            node.line = node.line or 1
            # A post by its path only: no `blogpost: true` for FrontMatterTransform to give
            # the lines of its keys.
            if top_level is not None:
                node["option_lines"] = top_level.lines
                top_level.warn_repeated(node.source)
            elif ablog_fields:
                encoding = self.config.source_encoding
                node["option_lines"] = front_matter_key_lines(self.document, encoding)
            declarations.append(node)
        for node in declarations:
            # Top-level front matter (`blogpost: true` or a pattern) may use ABlog's keys.
            if node.get("top_level_front_matter"):
                declaration = translate(ablog_fields, partial(self._report_option, node))
                node["options"] = declaration.options
                node.attributes.update(declaration.node_attributes())
            _place_under_title(self.document, node)
        if declarations:
            self._finish(declarations[0])  # the post; the collector warns about the others
            self._label_post()
            # ABlog makes posts orphans (`post_auto_orphan`): they need not be in a toctree.
            self.env.metadata[self.env.docname]["orphan"] = True

    @staticmethod
    def _report_option(node: blogpost_node, message: str, option: str) -> None:
        warn(BlogpostWarning.OPTION, message, option_location(node, option))

    def _matches_pattern(self) -> bool:
        patterns: list[str] = self.config.blog_post_pattern
        if not patterns:
            return False
        path = PurePath(self.env.doc2path(self.env.docname, False)).as_posix()
        return Matcher(patterns)(path)

    def _label_post(self) -> None:
        """ABlog labels a post with its file name (its folder's, for an ``index``), so that
        ``:ref:`name``` links to it; here the label is the title's section."""
        folder, _, label = self.env.docname.rpartition("/")
        if label == "index":
            label = folder.rpartition("/")[2]
        name = fully_normalize_name(label)
        section = next(iter(self.document.findall(nodes.section)), None)
        if not name or section is None or name in self.document.nameids:
            return
        target = _registered_id(self.document, section)
        if target is None:
            return
        section["names"].append(name)
        self.document.nameids[name] = target
        self.document.nametypes[name] = True  # explicit: the std domain makes it a label

    def _finish(self, node: blogpost_node) -> None:
        options = node["options"]
        for name in ("date", "updated"):
            value = options.get(name)
            if isinstance(value, str | int) and not isinstance(value, bool):
                options[name] = ablog_date(str(value), self.config.post_date_format)
        number = node.get("ablog_image")
        if number and "image" not in options:
            images = list(self.document.findall(nodes.image))
            if number <= len(images):
                options["image"] = images[number - 1]["uri"]
        if node.get("ablog_excerpt") and "summary" not in options:
            _mark_excerpt(self.document, node["ablog_excerpt"])
        if "updated" not in options:
            self._latest_update(node)

    def _latest_update(self, node: blogpost_node) -> None:
        """ABlog's post is updated on the latest of its ``update`` dates after its date."""
        moments = []
        for update in self.document.findall(nodes.admonition):
            if "ablog_update" in update:
                text = ablog_date(update["ablog_update"], self.config.post_date_format)
                try:
                    moments.append(parse_date(text))
                except DateError as error:
                    warn(BlogpostWarning.DATE, f"update: {error}", update)
        try:
            date = parse_date(str(node["options"]["date"]))
        except (KeyError, DateError):
            return  # the collector reports it
        latest = max(moments, key=lambda d: d.moment, default=None)
        if latest is not None and latest.moment > date.moment:
            node["options"]["updated"] = latest.iso


def _registered_id(document: nodes.document, node: nodes.Element) -> str | None:
    """The first id of *node* that *document* knows as the node's. A transform may give a
    node new ids without telling the document (nbsphinx gives a notebook's sections Jupyter's
    anchors), and Sphinx looks a label's id up in the document: an id that nothing holds is
    registered, one that another node holds is not used (None if no id is left)."""
    ids: list[str] = node["ids"]
    for id_ in ids:
        if document.ids.get(id_) is node:
            return id_
    for id_ in ids:
        if id_ not in document.ids:
            document.ids[id_] = node
            return id_
    return None


def _place_under_title(document: nodes.document, node: blogpost_node) -> None:
    """Put a new or leading declaration under the first title, where the header belongs
    (FrontMatterTransform places its own there; ABlog's ``post`` may precede the title)."""
    section = next(iter(document.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        if node.parent is None:
            document.append(node)
        return
    if node.parent is document and section.parent is document:
        if document.index(node) > document.index(section):
            return
        document.remove(node)
    elif node.parent is not None:
        return
    section.insert(1, node)


def _mark_excerpt(document: nodes.document, count: int) -> None:
    """A ``more`` marker after the first *count* body paragraphs (ABlog's ``excerpt``)."""
    seen = 0
    for paragraph in document.findall(nodes.paragraph):
        parent = paragraph.parent
        if isinstance(parent, nodes.section | nodes.document):
            seen += 1
            if seen == count:
                parent.insert(parent.index(paragraph) + 1, more_marker())
                return


# -- addresses -----------------------------------------------------------------------------------
def ablog_slug(name: str) -> str:
    """ABlog's slug of a name (``ablog.blog.slugify``): accents and punctuation deleted but
    ``_`` and ``-``, lower case, each run of spaces and hyphens one hyphen."""
    text = re.sub(r"[^\w\s-]", "", unicodedata.normalize("NFKD", name)).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def ablog_root(config: Config) -> str:
    """The folder of ABlog's pages: ``blog_path`` read as ``blogpost_root`` reads a folder
    (``/news/`` is ``news``), or ABlog's default ``blog`` when it is not set or names no
    folder of the output (``../news``, an absolute path: warned about at start, and ignored)."""
    value = config.blog_path
    if value is None:
        return "blog"
    try:
        root: str = _validator("blogpost_root")(value)
    except (TypeError, ValueError):
        return "blog"
    return root


#: The kinds of names ABlog gives pages, each in the folder of its name under ``blog_path``
#: (its locations and languages have no pages here).
_ABLOG_KINDS = ("tag", "category", "author")


def ablog_addresses(blog: Blog, ablog_root: str) -> list[tuple[str, str]]:
    """ABlog's page names of the blog's pages under *ablog_root* (its ``blog_path``), each
    with the page here that shows the same: ``(ABlog's, ours)``.
    As ABlog: the post list, a page per year, the pages of all tags, categories and authors,
    and a page per name (an author by the name ABlog shows, not the key). Its drafts page
    has no counterpart: drafts are listed nowhere."""
    addresses = [(ablog_root, blog.index_page())]
    addresses += [
        (ablog_year_folder(ablog_root, year), blog.year_page(year)) for year in blog.years()
    ]
    addresses += [
        (f"{ablog_root}/{kind}", blog.kind_index(kind))
        for kind in _ABLOG_KINDS
        if blog.slugs[kind]  # ABlog writes no page for a kind without names
    ]
    addresses += [
        (ablogs, page) for _kind, _name, ablogs, page in ablog_name_pages(blog, ablog_root)
    ]
    return addresses


def ablog_year_folder(ablog_root: str, year: int) -> str:
    """ABlog's page name of the posts of *year* under *ablog_root*, ``blog/2018``; with
    ``blog_feed_archives``, the folder of its feed of them, ``blog/2018/atom.xml``."""
    return f"{ablog_root}/{year}"


def ablog_name_pages(blog: Blog, ablog_root: str) -> list[tuple[str, str, str, str]]:
    """ABlog's page of each tag, category and author under *ablog_root*, with ours:
    ``(kind, name, ABlog's page name, ours)`` (ABlog's feed of the name, with
    ``blog_feed_archives``, is ``atom.xml`` in the folder of its page name, as ours is). Of
    names that ABlog gives one page name (``my_tag`` and ``My_Tag``), the blog's first has
    it: both its redirect and its feed copy, which would otherwise lead to two names."""
    found: list[tuple[str, str, str, str]] = []
    taken: set[str] = set()
    for kind in _ABLOG_KINDS:
        for name in blog.slugs[kind]:
            slug, page = ablog_slug(blog.label(kind, name)), blog.page(kind, name)
            if not slug or page is None:  # "🎉": ABlog's slug is empty, its page the folder's
                continue
            if not fits_a_file_name(slug):
                # ABlog does not shorten slugs (as SLUG_LENGTH does ours): no file system took
                # ABlog's page, so there is no old address to keep
                continue
            ablogs = f"{ablog_root}/{kind}/{slug}"
            if ablogs not in taken:
                taken.add(ablogs)
                found.append((kind, name, ablogs, page))
    return found
