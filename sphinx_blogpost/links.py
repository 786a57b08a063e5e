"""How one output page links to posts and to the blog's generated pages, and shows dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format, get_month_names
from sphinx.builders import Builder
from sphinx.util.i18n import format_date as sphinx_format_date
from sphinx.util.osutil import relative_uri

from .collector import get_blog
from .config import get_config
from .feeds import WEB_BUILDERS
from .listing import LinkContext
from .posts import cover_path, is_url, site_path

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from sphinx.application import Sphinx

    from .blog import Blog
    from .posts import Post, PostDate


# Babel's English month names. Babel reads a language's data from disk the first time it is
# asked (15 ms): an incremental build that shows one date in English need not wait for it.
# A test checks that these are Babel's.
_ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December")  # fmt: skip


def _is_english(language: str | None) -> bool:
    return language in (None, "en")


@lru_cache(maxsize=4096)  # every listing shows dates
def format_date(date: PostDate, date_format: str | None, language: str | None) -> str:
    """The date as readers see it: ``date_format`` (strftime style), else a medium date."""
    if date_format is None:
        day = date.moment.date()
        if _is_english(language):  # Babel's "MMM d, y"
            return f"{_ENGLISH_MONTHS[day.month - 1][:3]} {day.day}, {day.year}"
        locale, pattern = _medium_date(language)
        text: str = pattern.apply(day, locale)
        return text
    return sphinx_format_date(date_format, date=date.moment, language=language or "en")


def month_names(language: str | None) -> Mapping[int, str]:
    """The months' full names in Sphinx's ``language``, by number (1 is January)."""
    if _is_english(language):
        return dict(enumerate(_ENGLISH_MONTHS, start=1))
    names: Mapping[int, str] = get_month_names("wide", locale=babel_locale(language))
    return names


@lru_cache(maxsize=8)
def babel_locale(language: str | None) -> Locale:
    """The babel locale of Sphinx's ``language``; English when babel has no data for it (a
    made-up or private code), as dates and month names must still be written."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


@lru_cache(maxsize=8)
def _medium_date(language: str | None) -> tuple[Locale, Any]:
    # What babel.dates.format_date(date, "medium", locale) does, without parsing the locale
    # and looking its pattern up again for every date (15 times faster).
    locale = babel_locale(language)
    return locale, get_date_format("medium", locale=locale)


_LINKS_ATTR = "_blogpost_links"  # per build, on the builder: a _LinkCache


@dataclass
class _LinkCache:
    uris: dict[str, str] = field(default_factory=dict)  # page name -> its URI
    # (folder of the linking page's URI, target URI) -> relative link: what relative_uri()
    # gives depends only on these (and is "" from a page to itself)
    relative: dict[tuple[str, str], str] = field(default_factory=dict)
    not_found: tuple[str, str] | None = None  # the 404 page's name and its links' root


def _link_cache(builder: Builder) -> _LinkCache:
    cache: _LinkCache | None = getattr(builder, _LINKS_ATTR, None)
    if cache is None:
        cache = _LinkCache(not_found=_not_found_page(builder))
        setattr(builder, _LINKS_ATTR, cache)
    return cache


def _not_found_page(builder: Builder) -> tuple[str, str] | None:
    """sphinx-notfound-page's page (``404``) and the root its links start from: the server
    shows it at any address that has no page, so relative links from it lead nowhere; it
    links Sphinx's own (theme, toctree) from ``notfound_urls_prefix``, and so do we."""
    pagename = getattr(builder.config, "notfound_pagename", None)  # set by that extension
    if not isinstance(pagename, str):
        return None
    prefix = getattr(builder.config, "notfound_urls_prefix", None) or "/"
    return pagename, prefix.rstrip("/") + "/"


def site_root_link(builder: Builder, from_page: str) -> str | None:
    """The root links from *from_page* start at when they cannot be relative (the 404 page
    of sphinx-notfound-page, say), else None."""
    not_found = _link_cache(builder).not_found
    return not_found[1] if not_found is not None and not_found[0] == from_page else None


def file_link(builder: Builder, from_page: str, path: str) -> str:
    """The output file at *path* (a feed, an image) as linked from page *from_page*."""
    root = site_root_link(builder, from_page)
    if root is not None:
        return root + path
    return relative_uri(builder.get_target_uri(from_page), path)


def relative_link(builder: Builder, from_page: str, to_page: str) -> str:
    """``builder.get_relative_uri(from_page, to_page)``. Each page is linked from many
    others (the blog index from every page, a post from every listing that shows it): with
    a builder that links pages the standard way, each page's URI is quoted once per build
    and each link made once per folder of pages."""
    if type(builder).get_relative_uri is not Builder.get_relative_uri:  # e.g. singlehtml
        return builder.get_relative_uri(from_page, to_page)
    cache = _link_cache(builder)
    if cache.not_found is not None and cache.not_found[0] == from_page:
        return cache.not_found[1] + builder.get_target_uri(to_page)
    uris = cache.uris
    if from_page not in uris:
        uris[from_page] = builder.get_target_uri(from_page)
    if to_page not in uris:
        uris[to_page] = builder.get_target_uri(to_page)
    from_uri, to_uri = uris[from_page], uris[to_page]
    if from_uri == to_uri:
        return ""
    key = (from_uri.rpartition("/")[0], to_uri)
    link = cache.relative.get(key)
    if link is None:
        link = cache.relative[key] = relative_uri(from_uri, to_uri)
    return link


@dataclass(frozen=True)
class Linker:
    """Links relative to the page being written (``from_page``), for html and dirhtml."""

    app: Sphinx
    blog: Blog
    from_page: str
    date_format: str | None
    language: str | None

    @classmethod
    def for_page(cls, app: Sphinx, pagename: str) -> Linker:
        date_format = get_config(app.config).date_format
        return cls(app, get_blog(app), pagename, date_format, app.config.language)

    def to(self, pagename: str) -> str:
        return relative_link(self.app.builder, self.from_page, pagename)

    def file(self, path: str) -> str:
        """The output file at *path* (a feed), relative to this page."""
        return file_link(self.app.builder, self.from_page, path)

    def page(self, kind: str, name: str) -> str | None:
        """The category/tag/author/series page of *name*, or None if it has none in this
        build: only html and dirhtml write the generated pages (a link from a singlehtml,
        epub or json page would lead nowhere, so the name is shown as a plain label)."""
        if self.app.builder.name not in WEB_BUILDERS:
            return None
        pagename = self.blog.page(kind, name)
        return None if pagename is None else self.to(pagename)

    def date(self, date: PostDate) -> str:
        return format_date(date, self.date_format, self.language)

    def site_link(self, url: str) -> str:
        """*url*, a link from ``conf.py``: a path within the site (``_static/ada.png``)
        relative to this page, as Sphinx links ``html_logo``; any other as it is."""
        path = site_path(url)
        if path is None:
            return url
        return file_link(self.app.builder, self.from_page, path)

    def listing(self) -> LinkContext:
        """What the listing code needs to link posts and show their dates from this page."""

        def post_date(post: Post) -> str:
            return self.date(post.date) if post.date else ""

        def post_cover(post: Post) -> str | None:
            return cover_url(post, self.file)

        return LinkContext(
            post_url=self.to,
            format_date=post_date,
            cover_url=post_cover,
            mathml=self.app.builder.name != "epub",
            site_language=self.language,
        )


def cover_url(post: Post, link_file: Callable[[str], str]) -> str | None:
    """The cover of *post* as linked from a page: the option's URL as given, or the local
    file (``social.copy_covers`` puts it at its source path in the output) as *link_file*
    links an output file from that page (see :func:`file_link`); None without one (a cover
    the collector could not find is not kept)."""
    if not post.image:
        return None
    if is_url(post.image):
        return post.image
    path = cover_path(post.docname, post.image)
    return link_file(path) if path is not None else None
