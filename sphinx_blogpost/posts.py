"""The ``Post`` record and the pure functions behind it: dates, options, words, minutes, summary."""

from __future__ import annotations

import difflib
import hashlib
import math
import os
import posixpath
import re
import reprlib
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from functools import cache, cached_property
from html import escape, unescape
from typing import Any
from urllib.parse import unquote

from .warnings_ import BlogpostWarning

#: Option value as it comes from a directive (text, or None for a bare flag) or front matter.
RawValue = str | Sequence[Any] | Mapping[str, Any] | bool | int | None  # as written or from YAML
#: Receives each problem found while reading options, with the option it is about (None for
#: the declaration as a whole); the caller adds the location, the line of that option.
Report = Callable[[BlogpostWarning, str, str | None], None]

OPTIONS = (
    "date", "updated", "category", "tags", "author", "summary", "image",
    "series", "readtime", "draft", "pin", "language", "nocomments", "redirect",
)  # fmt: skip


@cache
def _cjk() -> re.Pattern[str]:
    # Han, kana, Hangul, and the CJK punctuation and full-width forms written between them.
    # Compiled on first use: ~7 ms, which a build that counts no non-ASCII text never pays.
    return re.compile(
        "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ef\u3200-\u4dbf"
        "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
        "\U00020000-\U0003134f]"
    )


#: A language tag as BCP 47 starts: "en", "pt-BR", "zh-Hant" (an underscore is taken too).
LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")


def language_tag(code: str) -> str:
    """*code* as a BCP 47 tag, as HTML's ``lang``, JSON-LD and feeds take it: Sphinx's and
    Babel's ``pt_BR`` is ``pt-BR``; the locales Sphinx names with a modifier, ``sr@latin``
    and ``ca@valencia``, are ``sr-Latn`` and ``ca-valencia`` (a feed refuses the ``@``)."""
    code, _, modifier = code.partition("@")
    language, *rest = code.replace("_", "-").split("-")
    script = _LOCALE_MODIFIERS.get(modifier.lower())
    if script is None:  # a variant, after the region
        return "-".join([language, *rest, *_LOCALE_VARIANTS.get(modifier.lower(), ())])
    return "-".join([language, script, *rest])


#: glibc's locale modifiers that are BCP 47 scripts...
_LOCALE_MODIFIERS = {"latin": "Latn", "cyrillic": "Cyrl", "devanagari": "Deva"}
#: ...and variants.
_LOCALE_VARIANTS = {"valencia": ("valencia",)}


def foreign_language(language: str | None, site_language: str | None) -> str | None:
    """A post's *language* when it is not the site's (Sphinx's ``language``, English when
    unset): the ``lang`` its title and text are marked with among the site's words."""
    return language if language and language != language_tag(site_language or "en") else None


@cache
def text_direction(language: str | None) -> str:
    """``rtl`` for a language written right to left (Arabic, Hebrew, Persian, Urdu...), as
    Babel's data (CLDR) has it; ``ltr`` for others, English (None) and codes Babel lacks."""
    if not language:
        return "ltr"
    from babel import Locale, UnknownLocaleError  # Sphinx's dependency; data read when used

    try:
        locale = Locale.parse(language_tag(language), sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        return "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"


def other_direction(language: str | None, site_language: str | None) -> str:
    """``rtl`` (or ``ltr``) for text in *language* among the site's words, when the two run in
    different directions; "" when they run the same way (or *language* is None)."""
    if language is None:
        return ""
    direction = text_direction(language)
    return direction if direction != text_direction(site_language) else ""


def dir_attribute(language: str | None, site_language: str | None) -> str:
    """`` dir="rtl"`` (or ``ltr``) on text in *language* among the site's words, when the two
    run in different directions; "" when they run the same way (or *language* is None)."""
    direction = other_direction(language, site_language)
    return f' dir="{direction}"' if direction else ""


def whole_number(text: str | None) -> int | None:
    """*text* as a whole number written in ASCII digits, else None. ``str.isdigit()`` alone
    takes "²", which ``int()`` refuses."""
    return int(text) if text and text.isascii() and text.isdigit() else None


#: Where an ISO 8601 date-time's time starts ("T10:00", " 10:00"); a date alone has none,
#: in every form (2025-01-05, 20250105, the week date 2025-W01-7).
_ISO_TIME = re.compile(r"[Tt ]\d")
_YEAR_FIRST = re.compile(r"\d{4}\D")
_NUMERIC_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}")


@dataclass(frozen=True)
class PostDate:
    """A publication or update moment; ``has_time`` is False for a bare date."""

    moment: datetime  # always timezone-aware: dates written without an offset are UTC
    has_time: bool

    @property
    def iso(self) -> str:
        """ISO 8601 as written in ``time[datetime]``: a date, or a date-time with offset."""
        return self.moment.isoformat() if self.has_time else self.moment.date().isoformat()


@dataclass(frozen=True)
class Author:
    """A post author: from ``blogpost_authors`` (with a key) or a plain name."""

    name: str
    key: str | None = None
    url: str = ""
    bio: str = ""
    avatar: str = ""


@dataclass(frozen=True, kw_only=True)
class PostMeta:
    """What a post declares, validated."""

    date: PostDate | None = None
    updated: PostDate | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    authors: tuple[Author, ...] = ()
    summary: str | None = None
    image: str | None = None
    series: str | None = None
    readtime: int | None = None
    draft: bool = False
    pin: bool = False
    language: str | None = None
    comments: bool = True  # False with the `nocomments` flag (ABlog's name): for templates
    #: The post's old addresses as written (``redirect``), each valid: redirects.py writes a
    #: page at the file each names (:func:`redirect_name`) that sends readers to the post.
    redirects: tuple[str, ...] = ()


# What an edit past the summary changes and Atom and RSS feeds do not show (Post.syndication).
_COUNTS = ("words", "minutes", "readtime", "summary_is_partial")
# What no listing, feed or other post's page shows: left out of the fingerprints, so that an
# edit to it writes again only the files made from it (redirects.py keeps their state).
_UNSHOWN = ("redirects",)


@dataclass(frozen=True, kw_only=True)
class Post(PostMeta):
    """Everything known about one post; stored in the environment under its docname."""

    docname: str
    title: str
    words: int
    minutes: int
    summary: str  # always set: the option, the text before `more`, or leading paragraphs
    summary_is_partial: bool  # the post goes on past the summary (list views add " ...")
    #: The summary as HTML where it holds inline math, which listings show as MathML; None
    #: for the rest, whose HTML is the escaped text. Feeds and metadata keep the text.
    summary_markup: str | None = None
    # Where the declaration is, for warnings found once every post is known (slugs). Not
    # part of what the post is: moving it does not change the fingerprint.
    line: int | None = field(default=None, repr=False, compare=False)
    #: ...and the line of each option that names the post's terms (category, tags, author,
    #: series) or its old addresses (redirect) where the declaration knows it: a slug or
    #: redirect conflict warning points at the line that gives the name.
    term_lines: tuple[tuple[str, int], ...] = field(default=(), repr=False, compare=False)
    #: a draft because it was dated after the build that read it (blogpost_future_drafts)
    scheduled: bool = False

    @cached_property
    def fingerprint(self) -> str:
        """A digest of every field, the same in every process for equal posts. Made once:
        it is pickled with the post, so unchanged posts are never hashed again."""
        counts = tuple(getattr(self, name) for name in _COUNTS)
        return stable_digest((self.syndication, counts))

    @cached_property
    def syndication(self) -> str:
        """A digest of every field but the word count and reading time, which Atom and RSS
        feeds do not show: an edit that changes only those leaves such feeds as they are.
        Pickled with the post, as part of its fingerprint."""
        left_out = (*_COUNTS, *_UNSHOWN)
        shown = [f.name for f in fields(self) if f.compare and f.name not in left_out]
        return stable_digest(tuple(getattr(self, name) for name in shown))

    @cached_property
    def neighbourhood(self) -> str:
        """A digest of what other posts' pages show of this one, or rank it by: its title,
        date, terms, series, draft state (as neighbour, related post or part of a series) and
        language (the lang of its title there)."""
        return stable_digest(
            (self.docname, self.title, self.date, self.categories, self.tags, self.authors,
             self.series, self.draft, self.language)
        )  # fmt: skip

    def is_listed(self, drafts: bool) -> bool:
        """Whether listings and feeds may show it: dated, and not a draft unless allowed."""
        return self.date is not None and (drafts or not self.draft)


def build_moment() -> datetime:
    """The moment a build takes as now, for posts dated after it: ``SOURCE_DATE_EPOCH`` when
    set (reproducible builds: the same sources and epoch give the same pages), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


def is_future(date: PostDate, now: datetime) -> bool:
    """Whether *date* is after *now*: a bare date from its day on, in UTC as it is read."""
    if date.has_time:
        return date.moment > now
    return date.moment.date() > now.astimezone(UTC).date()


def stable_digest(state: object) -> str:
    """A short hash of *state* (frozen dataclasses, tuples, strings, numbers): their repr is
    the same in every process, where hash() is not."""
    return hashlib.blake2b(repr(state).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def fingerprints(posts: Iterable[Post]) -> list[str]:
    """What a listing or feed of *posts* is made from, cheap to compare between builds."""
    return [post.fingerprint for post in posts]


class DateError(ValueError):
    """A date that cannot be read, or that could be read in two ways."""


def parse_date(text: str, dayfirst: bool | None = None) -> PostDate:
    """Read an ISO 8601 date or date-time, or an unambiguous written date ("5 Jan 2021").

    With *dayfirst* None a date that reads two ways is refused; False or True reads it month
    first or day first (ABlog reads it as dateutil does by default: month first).
    """
    text = " ".join(text.split())
    if not text:
        raise DateError("the date is empty")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return _parse_written_date(text, dayfirst)
    has_time = _ISO_TIME.search(text) is not None
    return PostDate(_aware(moment), has_time)


def _parse_written_date(text: str, only: bool | None = None) -> PostDate:
    if len(_NUMERIC_DATE.findall(text)) > 1:
        # dateutil reads a second date as a time and a UTC offset: "2025-02-09, 2025-02-10"
        # would be 20:25 at -10:00.
        raise DateError(f"{text!r} holds more than one date; give one")
    from dateutil import parser as dateutil_parser  # ~9 ms to import; ISO dates never need it

    # Parse against two different defaults: any field that changes was not in the text.
    low, high = datetime(2000, 1, 1, 0, 0, 0), datetime(2001, 2, 2, 1, 1, 1)
    orders = (False,) if _YEAR_FIRST.match(text) else (False, True)
    if only is not None and len(orders) > 1:  # read it one way only (ABlog's compatibility)
        orders = (only,)
    if _UTC_PLUS.search(text):
        # dateutil reads "UTC+1" as POSIX does, one hour *behind* UTC
        raise DateError(f"{text!r}: write the time's offset from UTC as +01:00 or -05:00")
    zones: list[str] = []
    readings = set()
    for dayfirst in orders:
        try:
            first, second = (
                dateutil_parser.parse(text, dayfirst=dayfirst, default=d, tzinfos=_zone(zones))
                for d in (low, high)
            )
            # dateutil accepts any UTC offset ("+99:00"); datetime refuses one of a day or
            # more only when the offset is used, as in hashing or comparing the moment.
            first.utcoffset()
        except (ValueError, OverflowError) as error:
            raise DateError(f"cannot read {text!r} as a date") from error
        if zones:
            raise DateError(
                f"{text!r}: the time zone {zones[0]!r} is not known (its offset changes with "
                "the season and the place); write the offset from UTC, such as +01:00"
            )
        missing = [part for part in ("year", "month", "day")
                   if getattr(first, part) != getattr(second, part)]  # fmt: skip
        if missing:
            raise DateError(f"{text!r} has no {' or '.join(missing)}")
        readings.add((first, first.hour == second.hour))
    if len(readings) > 1:
        options = " or ".join(sorted(r[0].date().isoformat() for r in readings))
        raise DateError(f"{text!r} is ambiguous ({options}); write it as YYYY-MM-DD")
    moment, has_time = readings.pop()
    return PostDate(_aware(moment), has_time)


#: "UTC+1", "GMT-5": read by dateutil as POSIX zones, with the sign turned around.
_UTC_PLUS = re.compile(r"\b(?:UTC|GMT|UT|Z)\s*[+-]\s*\d", re.IGNORECASE)
#: The names of UTC that dateutil takes for a time zone.
_UTC_NAMES = frozenset(("UTC", "GMT", "UT", "Z"))


def _zone(unknown: list[str]) -> Callable[[str | None, int | None], Any]:
    """dateutil's ``tzinfos``: an offset, or UTC by name; any other zone name ("CET") is put
    in *unknown*, as it reads differently by place and season (dateutil would give a time
    at no zone, or this machine's zone when the name is its own)."""

    def zone(name: str | None, offset: int | None) -> Any:
        if name is None or name.upper() in _UTC_NAMES:
            return offset or UTC
        unknown.append(name)
        return None

    return zone


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def split_list(value: RawValue) -> list[str]:
    """Items of a comma-separated option or a front-matter list, in order; empty and repeated
    items are dropped (a name given twice still names one thing)."""
    if value is None or isinstance(value, bool):
        return []
    items = (
        [str(v) for v in value]
        if isinstance(value, Sequence) and not isinstance(value, str)
        else str(value).split(",")
    )
    # In Unicode's composed form: a postlist's "café" lists the posts tagged "café".
    named = (unicodedata.normalize("NFC", " ".join(item.split())) for item in items)
    return list(dict.fromkeys(name for name in named if name))


#: Characters no page, feed or index may hold: controls but for whitespace (HTML calls them
#: errors, XML refuses them), lone surrogates (YAML's "\\ud800"; UTF-8 cannot write them)
#: and the noncharacters U+FFFE and U+FFFF.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


#: White space as str.strip() and str.split() see it, less the controls they count among it
#: (U+000B, U+000C, U+001C-U+001F, U+0085): those stay in a value, to be reported and left out
#: as any other control is.
SPACE = (
    "\t\n\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_SPACE_RUN = re.compile(f"[{SPACE}]+")


def strip_space(text: str) -> str:
    """*text* without white space at its ends, but with any control there (see :data:`SPACE`)."""
    return text.strip(SPACE)


def collapse_space(text: str) -> str:
    """*text* with each run of white space one space, and none at its ends, as
    ``" ".join(text.split())`` gives it but with its controls kept (see :data:`SPACE`)."""
    return _SPACE_RUN.sub(" ", text).strip(" ")


def _written(value: RawValue) -> tuple[RawValue, bool]:
    """*value*'s text in Unicode's composed form (NFC: "café" typed with a combining accent
    is the same tag as "café"), without what :data:`UNWRITABLE` names; and whether any
    such character was dropped."""
    if isinstance(value, str):
        return written_text(value)
    if isinstance(value, list | tuple):
        items = [_written(item) for item in value]
        return [item for item, _ in items], any(dropped for _, dropped in items)
    return value, False


def written_text(text: str) -> tuple[str, bool]:
    """*text* as :func:`_written` keeps it, and whether it held characters to leave out."""
    kept = UNWRITABLE.sub("", text)
    return unicodedata.normalize("NFC", kept), kept != text


def _text(value: RawValue) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    text = ", ".join(split_list(value)) if not isinstance(value, str | int) else str(value)
    return " ".join(text.split()) or None


_TRUE = ("", "true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")


def flag_word(word: str) -> bool | None:
    """A flag's written value (``""``, ``true``, ``no``...) as True or False; None if it is
    neither."""
    word = word.strip().lower()
    return word in _TRUE if word in _TRUE or word in _FALSE else None


def _flag(name: str, value: RawValue, report: Report) -> bool:
    if value is None or isinstance(value, bool):
        return value is not False
    if (flag := flag_word(str(value))) is not None:
        return flag
    report(
        BlogpostWarning.OPTION, f"option {name!r} is a flag; {value!r} is not true or false", name
    )
    return False


def resolve_authors(
    names: Iterable[str], registry: Mapping[str, Mapping[str, str]], report: Report | None
) -> tuple[Author, ...]:
    """Authors by registry key or registered name; unknown ones warn when a registry exists
    (and *report* is given)."""
    by_name = {info["name"].casefold(): key for key, info in registry.items()}
    authors = []
    for name in names:
        key = name if name in registry else by_name.get(name.casefold())
        if key is not None:
            authors.append(Author(key=key, **registry[key]))
            continue
        if registry and report is not None:
            report(BlogpostWarning.AUTHOR, f"author {name!r} is not in blogpost_authors", "author")
        authors.append(Author(name=name))
    return tuple(dict.fromkeys(authors))  # a key and its name may both be given


def parse_options(
    raw: Mapping[str, RawValue],
    *,
    authors: Mapping[str, Mapping[str, str]],
    default_author: str | None,
    categories: Sequence[str] | None,
    report: Report,
    plain_names: bool = False,
) -> PostMeta:
    """Validate a post's options; each problem is reported and its option ignored. With
    *plain_names*, an author not in *authors* is a name, not a key to check (ABlog's way)."""
    values: dict[str, Any] = {}
    kept: dict[str, RawValue] = {}
    for name, value in raw.items():
        if name not in OPTIONS:
            close = difflib.get_close_matches(name, OPTIONS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            report(BlogpostWarning.OPTION, f"unknown post option {name!r}{hint}", name)
        elif malformed(value):
            message = f"{name}: {short_repr(value)} is not text or a list of text"
            if name == "date" and isinstance(value, dict) and "created" in value:
                message += " (Material for MkDocs' form: give 'date' and 'updated' each its own)"
            report(BlogpostWarning.OPTION, message, name)
        else:
            if isinstance(value, list | tuple):
                value, unfit = fit_items(name, value)
                for message in unfit:
                    report(BlogpostWarning.OPTION, message, name)
            if name == "redirect":
                kept[name] = value  # each address with a control character is refused whole
                continue
            kept[name], dropped = _written(value)
            if dropped:
                message = f"{name} has control characters, which are left out: {value!r}"
                report(BlogpostWarning.OPTION, message, name)
    raw = kept
    for name in ("date", "updated"):
        text = _text(raw.get(name))
        if isinstance(raw.get(name), bool):  # YAML's `date: yes`
            unlisted = "; the post is not listed" if name == "date" else ""
            report(BlogpostWarning.DATE, f"{name}: {raw[name]} is not a date{unlisted}", name)
            continue
        if text is None:
            if name == "date":
                report(BlogpostWarning.DATE, "the post has no date; it is not listed", None)
            continue
        try:
            values[name] = parse_date(text)
        except DateError as error:
            unlisted = "; the post is not listed" if name == "date" else ""
            report(BlogpostWarning.DATE, f"{name}: {error}{unlisted}", name)
    if (
        "date" in values
        and "updated" in values
        and values["updated"].moment < values["date"].moment
    ):
        message = (
            f"updated {values['updated'].iso} is before date {values['date'].iso}; it is ignored"
        )
        report(BlogpostWarning.DATE, message, "updated")
        del values["updated"]

    for kind in _NAMES:
        if isinstance(written := raw.get(kind), str) and _quoted_comma(written):
            message = (
                f"{kind}: quotes do not keep a comma in a name: {written!r} is split at each "
                'comma (in MyST, a YAML list keeps it: ["C, the language", Python])'
            )
            report(BlogpostWarning.OPTION, message, kind)
    names = {kind: _visible(kind, split_list(raw.get(kind)), report) for kind in _NAMES}
    series = _text(raw.get("series"))  # one name, commas and all
    names["series"] = _visible("series", [series] if series else [], report)
    cats = tuple(names["category"])
    if categories is not None:
        for cat in cats:
            if cat not in categories:
                message = f"category {cat!r} is not in blogpost_categories"
                report(BlogpostWarning.CATEGORY, message, "category")
    author_names = names["author"]
    if not author_names and default_author:
        author_names = [default_author]

    readtime = _text(raw.get("readtime"))
    if readtime is not None:
        minutes = whole_number(readtime)
        if minutes:
            values["readtime"] = minutes
        else:
            message = f"readtime {readtime!r} is not a whole number of minutes, 1 or more"
            report(BlogpostWarning.OPTION, message, "readtime")

    language = _text(raw.get("language"))
    if language is not None and not LANGUAGE_CODE.fullmatch(language):
        message = f"language {language!r} is not a code such as 'en' or 'pt-BR'"
        report(BlogpostWarning.OPTION, message, "language")
        language = None
    elif language is not None:
        language = language_tag(language)

    nocomments = _flag("nocomments", raw["nocomments"], report) if "nocomments" in raw else False
    redirects = []
    for address in _items(raw.get("redirect")):
        try:
            _check_fits_a_file(address)  # and a name: redirect_name raises otherwise
            redirects.append(address)  # as written, for warnings: redirects.py names its file
        except ValueError as error:
            report(BlogpostWarning.OPTION, f"redirect: {error}; it is left out", "redirect")
    return PostMeta(
        categories=cats,
        tags=tuple(names["tags"]),
        authors=resolve_authors(author_names, authors, None if plain_names else report),
        summary=_text(raw.get("summary")),
        image=_text(raw.get("image")),
        series=names["series"][0] if names["series"] else None,
        draft=_flag("draft", raw["draft"], report) if "draft" in raw else False,
        pin=_flag("pin", raw["pin"], report) if "pin" in raw else False,
        language=language,
        comments=not nocomments,
        redirects=tuple(dict.fromkeys(redirects)),
        **values,
    )


#: The list options that name things with pages of their own (so does ``series``): each name
#: needs something to show.
_NAMES = ("category", "tags", "author")


def has_visible(text: str) -> bool:
    """Whether *text* has a letter, digit, punctuation or symbol: not only spaces, zero-width
    characters or lone combining accents, which make a link of no text."""
    return any(unicodedata.category(c)[0] in "LNPS" for c in text)


def _quoted_comma(text: str) -> bool:
    """Whether comma-separated *text* has a quote opened in one item and closed in a later
    one (``"C, the language", Python``): written to keep a comma in a name, which it does not."""
    items = [item.strip() for item in text.split(",")]
    for index, item in enumerate(items):
        quote = item[:1]
        if quote in ('"', "'") and not (len(item) > 1 and item.endswith(quote)):
            return any(later.endswith(quote) for later in items[index + 1 :])
    return False


def _visible(option: str, names: list[str], report: Report) -> list[str]:
    """*names* but those with nothing to see (zero-width spaces, lone combining accents),
    which would be links of no text: each is reported."""
    shown = []
    for name in names:
        if has_visible(name):
            shown.append(name)
        else:
            report(BlogpostWarning.OPTION, f"{option}: {name!r} has nothing visible in it", option)
    return shown


def short_repr(value: object) -> str:
    """*value*'s repr in a warning, cut short past a few levels, items and characters: YAML's
    aliases can nest a list in itself over and over (a "billion laughs"), and a few lines of
    front matter would give a repr that no memory holds."""
    return _SHORT_REPR.repr(value)


_SHORT_REPR = reprlib.Repr()
_SHORT_REPR.maxlevel, _SHORT_REPR.maxlist, _SHORT_REPR.maxdict = 3, 6, 6
_SHORT_REPR.maxstring = _SHORT_REPR.maxother = 400


def malformed(value: object) -> bool:
    """A value no option takes (from YAML): a mapping or binary data."""
    return isinstance(value, Mapping | bytes)


def unfit_item(item: object) -> bool:
    """An item of a YAML list that no option takes: a list, a mapping, a null, a boolean (from
    MyST's reading) or binary data. Text, numbers and dates are text as written."""
    return item is None or isinstance(item, Mapping | list | tuple | bool | bytes)


def fit_items(option: str, items: Sequence[object]) -> tuple[list[Any], list[str]]:
    """The items of a YAML list that an option takes, and a message for each of the others,
    naming *option*: one stray value costs only itself, not the names beside it."""
    unfit = [
        f"{option}: {short_repr(item)} is not text; it is left out"
        for item in items
        if unfit_item(item)
    ]
    return [item for item in items if not unfit_item(item)], unfit


def count_words(text: str) -> tuple[int, int]:
    """``(words, cjk)``: whitespace-separated words, each CJK character counting as one."""
    if text.isascii():  # most text: no CJK to look for
        return len(text.split()), 0
    pattern = _cjk()
    cjk = len(pattern.findall(text))
    return len(pattern.sub(" ", text).split()) + cjk, cjk


def reading_minutes(words: int, cjk: int, words_per_minute: int, cjk_per_minute: int) -> int:
    """Minutes to read: ceil(words / speed), at least 1; mostly-CJK text uses the CJK speed."""
    if words == 0:
        return 0
    speed = cjk_per_minute if cjk * 2 > words else words_per_minute
    return max(1, math.ceil(words / speed))


def leading_paragraphs(paragraphs: Iterable[str], min_words: int) -> tuple[int, int]:
    """How many whole paragraphs from the start hold at least *min_words* words (all of them,
    if they hold fewer), and how many words those hold."""
    count = words = 0
    for paragraph in paragraphs:
        count += 1
        words += count_words(paragraph)[0]
        if words >= min_words:
            break
    return count, words


class TeX(str):
    """The source of a paragraph's inline math, among the pieces of its text: the text shows
    it as written, its HTML (:func:`paragraph_markup`) as MathML."""

    __slots__ = ()


def paragraph_markup(parts: Iterable[str]) -> str:
    """A paragraph's HTML from the pieces of its text: each escaped, each :class:`TeX` piece
    as MathML, white space joined as in the text."""
    html = "".join(inline_mathml(part) if isinstance(part, TeX) else escape(part) for part in parts)
    return " ".join(html.split())


def inline_mathml(tex: str) -> str:
    """Inline math as MathML, which browsers show without a script; TeX it does not know, as
    written."""
    mathml = tex_mathml(tex)
    return escape(tex) if mathml is None else mathml


def tex_mathml(tex: str, *, block: bool = False) -> str | None:
    """Math as MathML (docutils' converter, as its ``math_output = "MathML"`` uses), displayed
    as a *block* or inline; None for TeX the converter does not know."""
    from docutils.utils.math import latex2mathml  # only for posts with math where it is shown

    try:
        mathml: str = latex2mathml.tex2mathml(tex, as_block=block)
    except Exception:
        return None
    # Named entities (&ApplyFunction;) are HTML's, not XML's, which EPUB's XHTML is: characters.
    return _NAMED_ENTITY.sub(_character, "".join(line.strip() for line in mathml.splitlines()))


_NAMED_ENTITY = re.compile(r"&(?!(?:lt|gt|amp|quot|apos);)[A-Za-z][A-Za-z0-9]*;")


def _character(entity: re.Match[str]) -> str:
    return escape(unescape(entity.group(0)), quote=False)


def author_id(author: Author) -> str:
    """An author's identity for pages and filters: the registry key, else the plain name."""
    return author.key or author.name


def names_of(post: Post, kind: str) -> tuple[str, ...]:
    """The category, tag, author or series names a post carries."""
    if kind == "category":
        return post.categories
    if kind == "tag":
        return post.tags
    if kind == "author":
        return tuple(author_id(a) for a in post.authors)
    return (post.series,) if post.series else ()


def is_url(path: str) -> bool:
    """Whether an image option names a URL (kept as it is) rather than a file."""
    return "://" in path or path.startswith("data:")


def site_path(url: str) -> str | None:
    """The path *url* names within the site's output folder, when it is one (``_static/ada.png``,
    as Sphinx reads ``html_logo``); None for an address (``https:``, ``mailto:``), a path from
    the host's root (``/about/``) or nothing: those are links as they are."""
    if not url or url.startswith(("/", "#")) or ":" in url.partition("/")[0]:
        return None
    return url


def _items(value: RawValue) -> list[str]:
    """The items of a comma-separated option or a front-matter list as written, but for the
    white space at their ends (:func:`split_list` also joins inner spaces and composes accents,
    which an address, a file's name, must keep as it is)."""
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [strip_space(str(item)) for item in value]
    return [strip_space(item) for item in str(value).split(",")]


#: The scheme of an address (``https:``, ``javascript:``), where a path has none.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
#: A percent-escape of a character that a path may not hold as a file's name: ``/`` and
#: ``\\`` (web servers differ on whether an escaped one separates folders), ``?`` and ``#``.
_ESCAPED_DELIMITER = re.compile(r"%(?:2[Ff]|5[Cc]|3[Ff]|23)")
#: The suffixes of an old address that is a file's own name (``posts/old.html``,
#: ``posts/old.htm``): the redirect is written at that very file, with every builder, as a
#: web server serves that address from it.
FILE_SUFFIXES = (".html", ".htm")


def is_file_name(name: str) -> bool:
    """Whether the redirect name *name* (see :func:`redirect_name`) is a file's own name,
    written as it is, rather than a page name that the builder turns into a file."""
    return name.lower().endswith(FILE_SUFFIXES)


def redirect_name(address: str) -> str:
    """The name of the file or page an old address of a post stands for: the file a web
    server serves that address from, where the address says (``posts/old.html`` and
    ``posts/old.htm`` are those files, ``/posts/old/`` is ``posts/old/index.html``: Hugo's
    ``aliases``), else the page (``posts/old``, as ABlog's ``redirect`` writes it), whose
    file the builder names (see :func:`is_file_name`). Percent-escapes are decoded, as a web
    server maps an address to a file (``caf%C3%A9`` is ``café``). Raises ValueError for what
    names no page of this site (a scheme or host, ``..``, a query or fragment, controls,
    nothing at all)."""
    if not address:
        reason = "is empty"
    elif UNWRITABLE.search(address) or any(c in address for c in "\t\n\r"):
        reason = "has control characters"
    elif address.startswith("//") or _SCHEME.match(address):
        reason = "has a scheme or a host: give a path within this site"
    elif "?" in address or "#" in address:
        reason = "has a query or a fragment: no page of its own is there"
    elif "\\" in address:
        reason = "has a backslash: separate folders with '/'"
    elif escape := _ESCAPED_DELIMITER.search(address):
        reason = f"has {escape[0]!r}, an escaped {unquote(escape[0])!r}: no file is named so"
    else:
        try:
            path = unquote(address, errors="strict")
        except UnicodeDecodeError:
            path, reason = "", "has percent-escapes that are not UTF-8"
        else:
            reason = _path_problem(path)
        if not reason:
            name = path.removeprefix("/")
            # A folder's address is served from its index.html, whichever builder wrote it
            return f"{name}index.html" if name.endswith("/") else name
    raise ValueError(f"{address!r} {reason}")


#: The longest name of a file or folder, in bytes, on the usual file systems.
FILE_NAME_BYTES = 255


def fits_a_file_name(part: str) -> bool:
    """Whether file systems can hold a file or folder named *part*, ``.html`` after it (at
    most :data:`FILE_NAME_BYTES`)."""
    return len(f"{part}.html".encode()) <= FILE_NAME_BYTES


def _check_fits_a_file(address: str) -> None:
    """ValueError if a file or folder that the old address *address* is written to is longer
    than a file's name may be: no site was served from such a file, and none can be written."""
    if not all(map(fits_a_file_name, redirect_name(address).split("/"))):
        raise ValueError(
            f"{short_repr(address)} has a part longer than a file's name may be "
            f"({FILE_NAME_BYTES} bytes with '.html')"
        )


def _path_problem(path: str) -> str:
    """What keeps the decoded path of an old address from naming a page: ``""`` if nothing."""
    if UNWRITABLE.search(path) or any(c in path for c in "\t\n\r"):
        return "has control characters"
    if path.startswith("//") or _SCHEME.match(path):
        return "has a scheme or a host: give a path within this site"
    name = path.removeprefix("/")
    if name.endswith("/index.html"):
        name = name.removesuffix("/index.html")
    segments = name.removesuffix(".html").removesuffix("/").split("/")
    if ".." in segments:
        return "has a '..' segment"
    if any(segment in ("", ".") for segment in segments):
        return "names no page"
    return ""


def cover_path(docname: str, image: str | None) -> str | None:
    """A local cover's path relative to the source folder (the ``image`` option is relative
    to the post, or to the source folder with a leading ``/``), which is also where it is
    found in the output (see ``social.copy_covers``); None for none, a URL or a path outside."""
    if not image or is_url(image):
        return None
    folder = "" if image.startswith("/") else posixpath.dirname(docname)
    path = posixpath.normpath(posixpath.join(folder, image.lstrip("/")))
    return None if path.startswith("..") else path


#: The suffixes of the image files a local cover may be (lower case). A cover is put in the
#: output at its source path, beside the pages, not in ``_images`` as Sphinx puts an image: a
#: file of another kind there (``index.html``, ``searchindex.js``, ``.env``) could take a
#: page's place or publish what is no picture, which a post's ``image`` never means.
COVER_SUFFIXES = (
    ".apng", ".avif", ".bmp", ".gif", ".heic", ".heif", ".ico", ".jpeg", ".jpg", ".jxl",
    ".png", ".svg", ".tif", ".tiff", ".webp",
)  # fmt: skip
#: The output folders Sphinx writes its own files to: the theme's and ``html_static_path``'s,
#: the documents' sources, images and downloads, viewcode's modules.
SPHINX_FOLDERS = ("_static", "_sources", "_images", "_downloads", "_modules")
#: ...among them that of the documents' images, which Sphinx fills after covers are copied.
IMAGES_FOLDER = "_images"
#: A drive's name at the start of a path (``C:``), which Windows reads as that drive's.
_DRIVE = re.compile(r"[A-Za-z]:")


def cover_problem(path: str) -> str:
    """Why the local cover at *path* (from :func:`cover_path`) is not to be shown: it would be
    read or copied elsewhere than it says, or take another file's place; "" if it may be."""
    if "\\" in path or _DRIVE.match(path):
        # Windows reads `\` as a folder's end, so `images\..\..\x.png` would be read and
        # written outside the source and output folders, and `/C:/x.png` is a drive's file
        # (a browser reads `\` in a link as `/`: no such cover is shown on the web anyway).
        return "has a backslash or names a drive: it is not used (separate folders with '/')"
    if not path.lower().endswith(COVER_SUFFIXES):
        return (
            "is not an image file (by its suffix): it is not used, as its copy in the output "
            "could take a page's place"
        )
    if path.partition("/")[0].lower() == IMAGES_FOLDER:
        return (
            f"is in {IMAGES_FOLDER!r}, where Sphinx puts the documents' images: it is not used "
            "(move it to a folder of its own)"
        )
    return ""


# Names of ASCII letters, digits, spaces, hyphens and underscores alone, as most tags and
# categories are, slug to their lower-case words joined by hyphens: python-slugify gives the
# same slugs for them (a test compares the two) but takes ~30 ms to import (it compiles a
# pattern of every HTML entity name), as long as a whole no-op build of a small blog.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9 _-]*")
_PLAIN_WORD = re.compile(r"[a-z0-9]+")


def slugify(name: str) -> str:
    """A lower-case, URL-safe slug that keeps non-ASCII letters ("Ünïcode" -> "ünïcode").

    A name of symbols alone ("🎉", "++") is spelled by its code points ("1f389")."""
    if _PLAIN_NAME.fullmatch(name):
        slug = "-".join(_PLAIN_WORD.findall(name.lower()))
    else:
        from slugify import slugify as python_slugify

        slug = python_slugify(name, allow_unicode=True)
    # a name of spaces alone (an author's key " ") by its code points too: never an empty slug
    return _shortened(slug or "-".join(f"{ord(c):x}" for c in name.strip() or name))


#: The longest slug, in characters. A slug names a file or folder, and file systems take 255
#: bytes a name: a letter may take 4 bytes in UTF-8, and "-2" or ".html" may follow the slug.
SLUG_LENGTH = 60


def _shortened(slug: str) -> str:
    """*slug* cut after its last whole word within :data:`SLUG_LENGTH` (or at it, for a
    single longer word)."""
    if len(slug) <= SLUG_LENGTH:
        return slug
    head, hyphen, _ = slug[: SLUG_LENGTH + 1].rpartition("-")
    return head.rstrip("-") if hyphen and head.strip("-") else slug[:SLUG_LENGTH]


def meta_fields(meta: PostMeta) -> dict[str, Any]:
    """The declared fields of *meta*, to build a :class:`Post` from."""
    return {f.name: getattr(meta, f.name) for f in fields(PostMeta)}
