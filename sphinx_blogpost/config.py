"""The ``blogpost_*`` configuration values: declared once, validated at start-up."""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .i18n import _
from .posts import (
    FILE_NAME_BYTES,
    SPHINX_FOLDERS,
    UNWRITABLE,
    fits_a_file_name,
    has_visible,
    split_list,
)
from .warnings_ import BlogpostWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PREFIX = "blogpost_"
FEED_FORMATS = ("atom", "rss", "json")
AUTHOR_FIELDS = ("name", "url", "bio", "avatar")


def _is_str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    if UNWRITABLE.search(value):
        raise ValueError("expected text without control characters")
    # In Unicode's composed form, as posts' values are: "café" matches however it is typed.
    return unicodedata.normalize("NFC", value)


def _non_empty_str(value: Any) -> str:
    text = _is_str(value)
    if not has_visible(text):
        raise ValueError("expected some text (feeds require a title)")
    return text


def _is_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected True or False")
    return value


def _optional_bool(value: Any) -> bool | None:
    if value in ("0", "1"):  # `-D name=1`: Sphinx reads 0 and 1 only where the default is bool
        return bool(value == "1")
    return None if value is None else _is_bool(value)


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("expected a whole number of at least 1")
    return value


def _non_negative_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("expected a whole number of at least 0")
    return value


def _optional_str(value: Any) -> str | None:
    return None if value is None else _is_str(value)


def _optional_name(value: Any) -> str | None:
    text = _optional_str(value)
    if text is None or not text.strip():
        return None
    if not has_visible(text):  # a link of no text
        raise ValueError("expected a name such as 'ada', or None")
    return text


#: The schemes of an image a page links (an avatar, the default image), or none: a path.
_IMAGE_SCHEMES = ("http", "https")
#: The schemes an author's links may have (or none: an address within the site).
_AUTHOR_URL_SCHEMES = {"url": (*_IMAGE_SCHEMES, "mailto"), "avatar": _IMAGE_SCHEMES}


def _image_link(value: Any) -> str | None:
    """A path within the output (``_static/card.png``) or an http(s) address, or None."""
    text = _optional_str(value)
    if text is None or not text.strip():
        return None
    if urlsplit(text.strip()).scheme.lower() not in ("", *_IMAGE_SCHEMES):
        raise ValueError("expected a path such as '_static/card.png' or an http(s) address")
    return text.strip()


def _date_format(value: Any) -> str | None:
    text = _optional_str(value)
    if text is not None and not text.strip():
        raise ValueError("expected a strftime format such as '%d %B %Y', or None")
    return text


def _root(value: Any) -> str:
    root = _is_str(value).strip().strip("/")
    if not root or any(part in ("", ".", "..") for part in root.split("/")):
        raise ValueError("expected a folder name such as 'blog'")
    if not all(fits_a_file_name(part) for part in root.split("/")):  # no folder can be made
        raise ValueError(f"a folder's name is at most {FILE_NAME_BYTES} bytes, .html included")
    if _URL_READS_OTHERWISE.search(root):  # `%2e%2e` is `..` to a browser, `a?b` a query
        raise ValueError("expected a folder name that addresses keep as written (no %?#\\)")
    if root.split("/")[0].lower() in SPHINX_FOLDERS:
        raise ValueError("that folder is Sphinx's own (its static files, sources, images...)")
    return root


#: What a browser reads otherwise in an address than in a folder's name.
_URL_READS_OTHERWISE = re.compile(r"[%?#\\\x00-\x1f\x7f]")


def _str_list(value: Any) -> list[str]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise TypeError("expected a list of strings")
    return [_is_str(item) for item in value]


def _names(value: Any) -> list[str] | None:
    if isinstance(value, str):  # what `sphinx-build -D name=a,b` gives for a None default
        names = [_is_str(name) for name in split_list(value)]
    elif value is None:
        return None
    else:
        names = _str_list(value)
    for name in names:
        if not has_visible(name):  # a link of no text
            raise ValueError(f"{name!r} has nothing visible in it")
    return names


def _feeds(value: Any) -> list[str]:
    # `sphinx-build -D blogpost_feeds=` gives [""]: no feed, as `[]` in conf.py
    feeds = [name for name in _str_list(value) if name.strip()]
    unknown = sorted(set(feeds) - set(FEED_FORMATS))
    if unknown:
        raise ValueError(f"unknown feed format {unknown[0]!r} (known: {', '.join(FEED_FORMATS)})")
    # In one order whatever the order given: Sphinx hashes a list setting as a set, so a
    # reordered one would not rewrite the documents that link the feeds.
    return [fmt for fmt in FEED_FORMATS if fmt in feeds]


def _authors(value: Any) -> dict[str, dict[str, str]]:
    if not isinstance(value, Mapping):
        raise TypeError('expected a dict of key -> {"name", "url", "bio", "avatar"}')
    authors: dict[str, dict[str, str]] = {}
    for key, info in value.items():
        if isinstance(info, str):  # a bare name is a friendly shorthand
            info = {"name": info}
        if not isinstance(key, str) or not isinstance(info, Mapping):
            raise TypeError(f"author {key!r}: expected a dict with a 'name'")
        if not has_visible(key):  # it would name the author's page: blog/author/.html
            raise ValueError(f"author {key!r}: expected a key such as 'ada'")
        unknown = sorted(set(info) - set(AUTHOR_FIELDS))
        if unknown:
            raise ValueError(f"author {key!r}: unknown field {unknown[0]!r}")
        if not all(isinstance(v, str) for v in info.values()):
            raise TypeError(f"author {key!r}: every field must be a string")
        key, info = _is_str(key), {field: _is_str(text) for field, text in info.items()}
        if info.get("name") and not has_visible(info["name"]):  # a link of no text
            raise ValueError(f"author {key!r}: the name has nothing visible in it")
        for name, schemes in _AUTHOR_URL_SCHEMES.items():
            scheme = urlsplit(info.get(name, "").strip()).scheme.lower()
            if scheme and scheme not in schemes:  # javascript: would run on a click
                raise ValueError(f"author {key!r}: {name} must be an address on the web")
        authors[key] = {"name": info.get("name") or key, **{k: v for k, v in info.items() if v}}
    return authors


def _option(default: Any, validate: Callable[[Any], Any], help: str, rebuild: str = "env") -> Any:
    """A config field: its default, how to check a value, its documentation, what it rebuilds."""
    factory = (lambda: type(default)(default)) if isinstance(default, dict | list) else None
    metadata = {"validate": validate, "help": help, "rebuild": rebuild}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass
class BlogpostConfig:
    """Every option of sphinx-blogpost; each is set in ``conf.py`` as ``blogpost_<name>``."""

    title: str = _option(
        "Blog",
        _non_empty_str,
        "Heading of the blog index; used in feeds and page titles (so not empty). Unset, it is "
        'the word for it in Sphinx\'s `language` ("ブログ" in Japanese).',
        "html",
    )
    eyebrow: str = _option(
        "", _is_str, 'Small line above the heading ("Research & Writing").', "html"
    )
    tagline: str = _option("", _is_str, "Sentence under the heading; the feeds' subtitle.", "html")
    root: str = _option("blog", _root, "Folder of every generated page.")
    posts_per_page: int = _option(
        12,
        _non_negative_int,
        "Posts per index, category, tag and year page; 0 turns pagination off.",
    )
    words_per_minute: int = _option(
        212, _positive_int, "Reading speed for most languages (Hugo's figure)."
    )
    cjk_characters_per_minute: int = _option(
        500, _positive_int, "Reading speed for posts mostly in Chinese, Japanese or Korean."
    )
    summary_words: int = _option(
        70,
        _positive_int,
        "Automatic summaries take whole leading paragraphs until at least this many words.",
    )
    authors: dict[str, dict[str, str]] = _option(
        {},
        _authors,
        'Author registry: key -> {"name", "url", "bio", "avatar"}, or key -> name alone.',
    )
    default_author: str | None = _option(
        None, _optional_name, "Author (key or name) of posts that name none."
    )
    categories: list[str] | None = _option(
        None,
        _names,
        "If a list (or comma-separated text), the allowed categories; others get a warning.",
    )
    drafts: bool = _option(
        False, _is_bool, "List drafts too (for a local preview); drafts are never in feeds."
    )
    future_drafts: bool | None = _option(
        None,
        _optional_bool,
        "Whether a post dated after the build is a draft until a build on or after its date "
        "(as in Hugo and ABlog); the build's moment is `SOURCE_DATE_EPOCH` when set. None: "
        "True in ABlog compatibility mode, else False.",
    )
    feeds: list[str] = _option(
        ["atom", "rss", "json"],
        _feeds,
        "Which feeds to write: any of atom, rss, json (linked in that order).",
        "html",
    )
    feed_length: int = _option(20, _positive_int, "Number of posts in each feed.", "html")
    feed_full_text: bool = _option(
        False, _is_bool, "Put each post's full HTML in feeds instead of its summary.", "html"
    )
    default_image: str | None = _option(
        None,
        _image_link,
        "Image that links to a post without a cover, or to a generated page, show where they "
        "are shared (Open Graph, Twitter card): a path in the output such as "
        "`_static/card.png` (as `html_logo`), or an http(s) address.",
        "html",
    )
    date_format: str | None = _option(
        None,
        _date_format,
        "strftime-style date format; None gives a medium date in Sphinx's `language`.",
        "html",
    )
    ablog_compat: bool = _option(
        False,
        _is_bool,
        "Read an ABlog blog as it is: ABlog's `post` directive, its front-matter keys and "
        "`blog_post_pattern`, its `postlist` options and dates; its `blog_*` settings are used "
        "where the `blogpost_*` one is left at its default, each with a hint naming it.",
    )

    @property
    def holds_future_posts(self) -> bool:
        """Whether a post dated after the build is a draft (:attr:`future_drafts`)."""
        return self.ablog_compat if self.future_drafts is None else self.future_drafts


CONFIG_FIELDS: tuple[dataclasses.Field[Any], ...] = dataclasses.fields(BlogpostConfig)


def add_config_values(app: Sphinx) -> None:
    """Declare every ``blogpost_*`` value; types are checked by :func:`validate_config`."""
    defaults = BlogpostConfig()
    for f in CONFIG_FIELDS:
        app.add_config_value(
            PREFIX + f.name,
            getattr(defaults, f.name),
            f.metadata["rebuild"],
            types=Any,
            description=f.metadata["help"],
        )


def validate_config(app: Sphinx, config: Config) -> None:
    """Normalise every value in place; a bad one is warned about and reset to its default."""
    defaults = BlogpostConfig()
    conf_py = Path(app.confdir, "conf.py")
    for f in CONFIG_FIELDS:
        name = PREFIX + f.name
        try:
            value = f.metadata["validate"](config[name])
        except (TypeError, ValueError) as error:
            value = getattr(defaults, f.name)
            warn(
                BlogpostWarning.CONFIG,
                f"{name} = {config[name]!r} is invalid ({error}); using {value!r}",
                assignment_location(conf_py, name),
            )
        setattr(config, name, value)
    _note_unknown_names(config, conf_py)
    if config[PREFIX + "title"] == defaults.title and not _is_written(config, PREFIX + "title"):
        setattr(config, PREFIX + "title", _("Blog"))  # the site's word for it (ブログ), unless set
    # The values are final from here on (ABlog's settings were mapped at priority 700), and
    # get_config() is called a few times per page: it returns this object from now on.
    # Sphinx does not pickle ``_``-prefixed attributes of its Config.
    setattr(config, _VALIDATED_ATTR, _read(config))


_VALIDATED_ATTR = "_blogpost_validated"


def _is_written(config: Config, name: str) -> bool:
    """Whether *name* is set in conf.py or on the command line (``-D``), not by default."""
    return name in getattr(config, "_raw_config", {}) or name in getattr(config, "_overrides", {})


def _note_unknown_names(config: Config, conf_py: Path) -> None:
    """A ``blogpost_*`` name in conf.py that is no setting (Sphinx ignores it silently): a
    misspelt setting would otherwise keep its default without a word."""
    written = getattr(config, "_raw_config", {})  # conf.py's names, as Sphinx keeps them
    known = [f.name for f in CONFIG_FIELDS]
    for name in sorted(n for n in written if n.startswith(PREFIX)):
        option = name.removeprefix(PREFIX)
        if option in known:
            continue
        close = difflib.get_close_matches(option, known, n=1)
        hint = f"; did you mean {PREFIX}{close[0]}?" if close else ""
        message = f"{name} is not a setting of sphinx-blogpost{hint}"
        warn(BlogpostWarning.CONFIG, message, assignment_location(conf_py, name))


def get_config(config: Config) -> BlogpostConfig:
    """The validated options as one typed object."""
    validated: BlogpostConfig | None = vars(config).get(_VALIDATED_ATTR)
    return validated if validated is not None else _read(config)


def _read(config: Config) -> BlogpostConfig:
    return BlogpostConfig(**{f.name: config[PREFIX + f.name] for f in CONFIG_FIELDS})


def assignment_location(conf_py: Path, name: str) -> str:
    """``conf.py:LINE`` of ``name = ...``, so a config warning points at the culprit."""
    try:
        lines = conf_py.read_text(encoding="utf-8").splitlines()
    except OSError:
        return f"{conf_py}:1"
    pattern = re.compile(rf"\s*{name}\s*[:=]")
    line = next((n for n, text in enumerate(lines, 1) if pattern.match(text)), 1)
    return f"{conf_py}:{line}"
