"""Atom, RSS and JSON feeds and the ``index.json`` post index, written once per build."""

from __future__ import annotations

import json
import mimetypes
import posixpath
import re
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.util.logging import suppress_logging
from sphinx.util.math import get_node_equation_number
from sphinx.util.osutil import relative_uri

from .blog import KINDS
from .collector import get_blog
from .config import assignment_location, get_config
from .directives import blogpost_node
from .freshness import WrittenDocuments, WrittenPages, put_by_sphinx
from .posts import (
    cover_path,
    fingerprints,
    is_url,
    language_tag,
    site_path,
    stable_digest,
    tex_mathml,
)
from .warnings_ import BlogpostWarning, warn

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from datetime import datetime

    from feedgen.entry import FeedEntry
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.writers.html5 import HTML5Translator

    from .blog import Blog
    from .config import BlogpostConfig
    from .posts import Author, Post

#: Builders whose pages are web pages with stable URLs, one per document: only these get the
#: generated pages, feeds and social tags.
WEB_BUILDERS = frozenset({"html", "dirhtml"})


@dataclass(frozen=True)
class FeedFormat:
    """One of ``blogpost_feeds``: where it is written, its media type, its name for readers."""

    filename: str
    media_type: str
    label: str


FEED_FORMATS: Mapping[str, FeedFormat] = {
    "atom": FeedFormat("atom.xml", "application/atom+xml", "Atom"),
    "rss": FeedFormat("rss.xml", "application/rss+xml", "RSS"),
    "json": FeedFormat("feed.json", "application/feed+json", "JSON Feed"),
}
#: Kinds of names that get their own (Atom) feed: every kind with a page per name.
FEED_KINDS = KINDS
#: Kinds of names an entry carries as Atom categories (RSS categories, JSON Feed tags).
TERM_KINDS = ("category", "tag")
INDEX_FILENAME = "index.json"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
GENERATOR = "sphinx-blogpost"


@cache
def _not_xml() -> re.Pattern[str]:
    # Characters XML 1.0 cannot hold, even escaped; lxml refuses them, so they are dropped.
    # Named as they are, not as the complement of XML's Char ranges: the same set, but a
    # negated class of those ranges takes ~10 ms to compile.
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# -- what goes into feeds ------------------------------------------------------------------
def syndicated(posts: Iterable[Post]) -> list[Post]:
    """The posts feeds may show: dated and never drafts, even when ``blogpost_drafts`` lists
    drafts on the site for a preview."""
    return [p for p in posts if p.date is not None and not p.draft]


def site_url(base: str, target_uri: str) -> str:
    """An output page's absolute URL, joined as Sphinx joins ``pageurl`` (canonical links)."""
    return posixpath.join(base, target_uri)


def page_uri(builder: Builder, pagename: str) -> str:
    """*pagename*'s URI as the builder links it, percent-encoded: ``html`` quotes its URIs,
    ``dirhtml`` does not (a post ``été français`` is at ``été français/``), and a feed's or
    ``index.json``'s links must be URIs (RFC 4287's ids, JSON Feed's urls)."""
    return quote(builder.get_target_uri(pagename), safe="/%")


def file_url(base: str, path: str) -> str:
    """The absolute URL of the output file at *path* (a feed, a cover), percent-encoded as
    Sphinx encodes page URIs: a tag Café's feed is at the same ``caf%C3%A9`` as its page."""
    return site_url(base, quote(path))


def static_file_url(base: str, value: str | None) -> str | None:
    """The absolute URL of ``html_logo`` or ``html_favicon``: a URL as it is, or the file
    Sphinx copies into ``_static`` under its own name."""
    if not value:
        return None
    return value if "://" in value else file_url(base, f"_static/{posixpath.basename(value)}")


#: The characters a URI holds as they are (RFC 3986's reserved ones, and "%" of an escape).
_URI_CHARACTERS = ":/?#[]@!$&'()*+,;=%~"


def _as_uri(url: str) -> str:
    """*url* as written, but a URI: a space or a non-ASCII letter of its path, query or
    fragment percent-encoded; what is encoded already (``%20``), the delimiters and the host
    are kept."""
    parts = urlsplit(url)
    path, query, fragment = (
        quote(part, safe=_URI_CHARACTERS) for part in (parts.path, parts.query, parts.fragment)
    )
    return urlunsplit(parts._replace(path=path, query=query, fragment=fragment))


def image_url(base: str, post: Post) -> str | None:
    """The cover as an absolute URL (Open Graph, feeds), or None without ``html_baseurl``."""
    if post.image and is_url(post.image):
        # a data: URL is no address to fetch a cover from (Media RSS, JSON Feed's image)
        if post.image.lower().startswith("data:"):
            return None
        return _as_uri(post.image)
    path = cover_path(post.docname, post.image)
    return file_url(base, path) if path and base else None


@dataclass(frozen=True)
class FeedInfo:
    """The feed as a whole: its title, the page it stands for, its own URL."""

    title: str
    subtitle: str
    home_url: str
    feed_url: str
    language: str | None
    schemes: Mapping[str, str]  # "category"/"tag" -> URL naming that scheme of terms
    base: str  # the site's URL (html_baseurl), for the paths of conf.py's links
    icon: str | None = None  # html_favicon, absolute
    logo: str | None = None  # html_logo, absolute


@dataclass(frozen=True)
class FeedItem:
    """One post as feeds show it; ``content_html`` is its full body (links absolute) or None."""

    post: Post
    url: str
    image: str | None
    content_html: str | None


def _moment(post: Post) -> datetime:
    assert post.date is not None  # syndicated posts are dated
    return (post.updated or post.date).moment


def _xml(text: str) -> str:
    return _not_xml().sub("", text)


def _feed_generator(
    info: FeedInfo,
    items: Sequence[FeedItem],
    fmt: str,
    entries: dict[str, FeedEntry] | None = None,
) -> Any:
    """The feed of *items*; an Atom feed takes each item's entry from *entries* when given
    (made once per build and shared by the blog's feed and those of its names)."""
    # Imported here: feedgen and lxml take ~25 ms to import, which a build that makes no
    # feed (nothing changed) need not pay.
    from feedgen.entry import FeedEntry
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    if fmt == "rss":  # RSS <author> needs an e-mail; dc:creator does not (dc:language too)
        fg.load_extension("dc", atom=False, rss=True)
    fg.id(info.feed_url)
    fg.title(_xml(info.title))
    fg.link(href=info.feed_url, rel="self", type=FEED_FORMATS[fmt].media_type)
    fg.link(href=info.home_url, rel="alternate")  # last: feedgen makes it RSS's <link>
    if fmt == "rss" or info.subtitle:
        # RSS requires a description, which readers take for HTML (Atom's is text)
        subtitle = _xml(info.subtitle or info.title)
        fg.subtitle(escape(subtitle, quote=False) if fmt == "rss" else subtitle)
    if info.language:
        fg.language(info.language)
    if info.icon:
        fg.icon(info.icon)
    if info.logo:  # Atom's logo, RSS's image
        fg.logo(info.logo)
    # feedgen stamps the build time (updated, lastBuildDate) and its own version by default:
    # both are replaced, so the same posts always give the same bytes.
    fg.generator(GENERATOR)
    fg.updated(max(_moment(item.post) for item in items))
    if any(not item.post.authors for item in items):  # Atom: an entry without author inherits
        fg.author({"name": _xml(info.title)})
    if any(item.image for item in items):  # the covers, as Media RSS (Jekyll, Ghost...)
        fg.load_extension("media")
    for item in items:
        if entries is not None and fmt == "atom":
            if item.url not in entries:
                entries[item.url] = _fill_entry(FeedEntry(), item, info, rss=False)
            fg.add_entry(entries[item.url], order="append")
        else:  # the default order prepends
            _fill_entry(fg.add_entry(order="append"), item, info, rss=fmt == "rss")
    return fg


def _fill_entry(entry: Any, item: FeedItem, info: FeedInfo, *, rss: bool) -> Any:
    post = item.post
    assert post.date is not None
    schemes = info.schemes
    entry.guid(item.url, permalink=True)
    entry.title(_xml(post.title))
    entry.link(href=item.url, rel="alternate")
    entry.published(post.date.moment)
    entry.updated(_moment(post))
    for author in post.authors:
        uri = site_link(info.base, author.url)
        entry.author({"name": _xml(author.name), **({"uri": uri} if uri else {})})
    if post.authors and rss:
        entry.dc.dc_creator([_xml(a.name) for a in post.authors])
    terms = [("category", c) for c in post.categories] + [("tag", t) for t in post.tags]
    if terms:
        entry.category([{"term": _xml(t), "scheme": schemes[k]} for k, t in terms])
    # RSS readers take a description for HTML; Atom's summary is text, as the summary is
    summary = _xml(post.summary)
    entry.summary(escape(summary, quote=False) if rss else summary)
    if item.content_html is not None:
        entry.content(_xml(item.content_html), type="html")
    if item.image:
        _add_cover(entry, item.image)
    if post.language and post.language != info.language:
        if rss:  # RSS 2.0 has a language per channel only: Dublin Core's per item
            entry.dc.dc_language([post.language])
        else:
            entry.register_extension("blogpost_language", _entry_language(), atom=True, rss=False)
            entry.blogpost_language.code = post.language
    return entry


@cache
def _entry_language() -> type:
    """A feedgen extension: ``xml:lang`` on the Atom entry of a post in another language than
    its feed, so that readers read (and hyphenate, and speak) its text in that language."""
    from feedgen.ext.base import BaseEntryExtension

    class EntryLanguage(BaseEntryExtension):  # type: ignore[misc]
        code = ""

        def extend_atom(self, entry: Any) -> Any:
            entry.set("{http://www.w3.org/XML/1998/namespace}lang", self.code)
            return entry

    return EntryLanguage


def _add_cover(entry: Any, url: str) -> None:
    """The cover as ``<media:content medium="image">``: what feed readers show as an item's
    picture. Not an enclosure, which is for a download (a podcast's audio) and needs a size."""
    if not hasattr(entry, "media"):  # an Atom entry made apart, shared by several feeds
        entry.load_extension("media")
    media_type = mimetypes.guess_type(url)[0]
    cover = {"url": url, "medium": "image"}
    if media_type and media_type.startswith("image/"):
        cover["type"] = media_type
    entry.media.content(cover, group=None)


def atom_feed(
    info: FeedInfo, items: Sequence[FeedItem], entries: dict[str, FeedEntry] | None = None
) -> bytes:
    """An Atom 1.0 document (feedgen escapes every text); *entries*: see _feed_generator."""
    data: bytes = _feed_generator(info, items, "atom", entries).atom_str(pretty=True)
    return data


def rss_feed(info: FeedInfo, items: Sequence[FeedItem]) -> bytes:
    """An RSS 2.0 document: the summary as description, the full text as content:encoded."""
    data: bytes = _feed_generator(info, items, "rss").rss_str(pretty=True)
    return data


def _dump(head: Mapping[str, Any], key: str, items: Sequence[Any]) -> bytes:
    """A JSON object of *head*'s members then ``key: items``, one member and one item per
    line: readable and diff-friendly, yet written by json's C encoder (``indent=`` makes
    json fall back to its pure-Python encoder, several times slower on a big blog)."""

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    members = [f"{dump(name)}: {dump(value)}" for name, value in head.items()]
    rows = ",\n".join(dump(item) for item in items)
    members.append(f"{dump(key)}: [\n{rows}\n]" if rows else f"{dump(key)}: []")
    return ("{\n" + ",\n".join(members) + "\n}\n").encode("utf-8")


def json_feed(info: FeedInfo, items: Sequence[FeedItem]) -> bytes:
    """A JSON Feed 1.1 document; each item carries ``_blogpost`` (categories, words, minutes)."""
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": info.title,
        "home_page_url": info.home_url,
        "feed_url": info.feed_url,
    }
    if info.subtitle:
        feed["description"] = info.subtitle
    if info.language:
        feed["language"] = info.language
    if info.logo:
        feed["icon"] = info.logo
    if info.icon:
        feed["favicon"] = info.icon
    return _dump(feed, "items", [_json_item(item, info.base) for item in items])


def _json_item(item: FeedItem, base: str) -> dict[str, Any]:
    post = item.post
    assert post.date is not None
    entry: dict[str, Any] = {"id": item.url, "url": item.url, "title": post.title}
    if item.content_html is not None:
        entry["content_html"] = item.content_html
    else:
        entry["content_text"] = post.summary
    entry["summary"] = post.summary
    if item.image:
        entry["image"] = item.image
    entry["date_published"] = post.date.moment.isoformat()
    entry["date_modified"] = _moment(post).isoformat()
    if post.authors:
        entry["authors"] = [_json_author(author, base) for author in post.authors]
    if post.tags:
        entry["tags"] = list(post.tags)
    if post.language:
        entry["language"] = post.language
    entry["_blogpost"] = {
        "category": list(post.categories),
        "words": post.words,
        "minutes": post.minutes,
    }
    return entry


def _json_author(author: Author, base: str) -> dict[str, str]:
    links = {"url": site_link(base, author.url), "avatar": site_link(base, author.avatar)}
    return {"name": author.name, **{key: link for key, link in links.items() if link}}


def post_index(title: str, posts: Sequence[Post], url_of: Callable[[Post], str]) -> bytes:
    """``index.json``: every listed post, newest first, for search and other tools. Unlike
    feeds, it holds the drafts a preview build lists (``blogpost_drafts``), marked as such,
    so that a search built on it finds what the preview's pages show."""
    return _dump(
        {"title": title},
        "posts",
        [
            {
                "title": p.title,
                "url": url_of(p),
                "date": p.date.iso if p.date else None,
                "updated": p.updated.iso if p.updated else None,
                "category": list(p.categories),
                "tags": list(p.tags),
                "authors": [a.name for a in p.authors],
                "series": p.series,
                "words": p.words,
                "minutes": p.minutes,
                "summary": p.summary,
                "docname": p.docname,
                "draft": p.draft,
            }
            for p in posts
        ],
    )


_WRITERS: Mapping[str, Callable[[FeedInfo, Sequence[FeedItem]], bytes]] = {
    "atom": atom_feed,
    "rss": rss_feed,
    "json": json_feed,
}


def absolute_url(base: str, url: str) -> str:
    """*url* made absolute against *base* (the URL of the page it is on); as given if it
    cannot be (a malformed address)."""
    try:
        return urljoin(base, url)
    except ValueError:
        return url


def site_link(base: str, url: str) -> str:
    """*url*, a link from ``conf.py`` (an author's ``url`` or ``avatar``), absolute: a path
    within the site from the site's URL *base* (``html_baseurl``), a path from the host's
    root against it; an address as it is."""
    path = site_path(url)
    if path is not None:
        return site_url(base, path)
    return absolute_url(base, url) if url.startswith("/") and not url.startswith("//") else url


# -- full text -------------------------------------------------------------------------------
def absolute_links(html: str, page_url: str) -> str:
    """*html* (a body fragment of the page at *page_url*) with every link and image absolute,
    so it reads the same inside a feed reader; without the headings' "¶" links."""
    if not html.strip():
        return ""
    import lxml.html  # see _feed_generator

    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for anchor in root.find_class("headerlink"):  # a link to the page itself, after each heading
        anchor.drop_tree()
    # A malformed link ("http://[oops") stays as written, as on the page: it stops nothing.
    root.make_links_absolute(page_url, resolve_base_href=False, handle_failures="ignore")
    for element in root.iter():  # what lxml's links leave out: responsive images, posters
        if element.get("poster"):
            element.set("poster", absolute_url(page_url, element.get("poster", "")))
        if element.get("srcset"):
            element.set("srcset", _absolute_srcset(page_url, element.get("srcset", "")))
    head = escape(root.text, quote=False) if root.text else ""
    return head + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


def _absolute_srcset(base: str, srcset: str) -> str:
    """``srcset``'s candidates ("a.png 1x, b.png 2x") each with an absolute URL."""
    candidates = []
    for candidate in srcset.split(","):
        url, _, descriptor = candidate.strip().partition(" ")
        candidates.append(f"{absolute_url(base, url)} {descriptor}".strip())
    return ", ".join(candidates)


# The builder state the HTML translator reads for "the page being written".
_PAGE_STATE = ("current_docname", "secnumbers", "fignumbers", "imgpath", "dlpath")


def render_body(app: Sphinx, docname: str) -> str:
    """The post's body as HTML, as on its page but without the title, the blog header and
    footer (feeds carry those as metadata) and the navigation trees. Links are relative to
    the post's page."""
    builder = cast("StandaloneHTMLBuilder", app.builder)
    env = app.env
    doctree = env.get_doctree(docname)
    # With its declaration gone, doctree-resolved adds no header or footer to the post.
    for node in [*doctree.findall(blogpost_node), *doctree.findall(addnodes.toctree)]:
        node.parent.remove(node)
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.remove(section[0])
    target = builder.get_target_uri(docname)
    saved = {name: getattr(builder, name, None) for name in _PAGE_STATE}
    # The page itself was resolved, and warned about, when it was written: say nothing twice.
    with suppress_logging():
        try:
            # Not get_and_resolve_doctree(): its signature differs between Sphinx 8.2 and 9,
            # and toctrees (navigation) are not wanted here anyway.
            env.apply_post_transforms(doctree, docname)
            builder.current_docname = docname
            builder.secnumbers = env.toc_secnumbers.get(docname, {})
            builder.fignumbers = env.toc_fignumbers.get(docname, {})
            builder.imgpath = relative_uri(target, builder.imagedir)
            builder.dlpath = relative_uri(target, "_downloads")
            builder.post_process_images(doctree)
            # As Sphinx writes a page: render_partial() would run docutils' writer transforms,
            # made for lone titles, which fail on Sphinx's admonitions (seealso, versionadded).
            doctree.settings = builder.docsettings
            translator = cast("HTML5Translator", builder.create_translator(doctree, builder))
            _math_as_mathml(translator)
            doctree.walkabout(translator)
            return "".join(translator.fragment)
        finally:
            for name, value in saved.items():
                setattr(builder, name, value)


def _math_as_mathml(translator: HTML5Translator) -> None:
    """Math in a feed as MathML, which feed readers show as they show HTML: the page's math
    renderer (MathJax) is a script, which no reader runs, so its TeX would be shown as written.
    TeX that docutils' converter does not know is left to the page's renderer."""
    page_inline, page_block = translator.visit_math, translator.visit_math_block

    def visit_math(node: nodes.math, math_env: str = "") -> None:
        mathml = tex_mathml(node.astext())
        if mathml is None:
            page_inline(node, math_env)
            return
        translator.body.append(mathml)
        raise nodes.SkipNode

    def visit_math_block(node: nodes.math_block, math_env: str = "") -> None:
        # Sphinx's own rule: without "nowrap", equations apart (a blank line) are one each.
        tex = node.astext()
        parts = [tex] if node.get("nowrap") else [p for p in tex.split("\n\n") if p.strip()]
        equations = [tex_mathml(part, block=True) for part in parts]
        if not equations or None in equations:
            page_block(node, math_env)
            return
        translator.body.append(translator.starttag(node, "div", CLASS="math"))  # its ids
        if node.get("number"):
            number = get_node_equation_number(translator, node)
            translator.body.append(f'<span class="eqno">({escape(str(number))})</span>')
        translator.body.extend([*cast("list[str]", equations), "</div>\n"])
        raise nodes.SkipNode

    # docutils looks visitors up on the instance: this translator only, the pages' unchanged
    translator.visit_math = visit_math  # type: ignore[method-assign]
    translator.visit_math_block = visit_math_block  # type: ignore[method-assign]


# -- writing -----------------------------------------------------------------------------------
def write_file(path: Path, data: bytes) -> None:
    """Write *data*, leaving an identical file untouched (its time stamp too)."""
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


#: What the files the blog writes besides its feeds are, by file name.
_FILE_KINDS = {INDEX_FILENAME: "post index"}


@dataclass
class _FeedWriter:
    """Writes the feeds of one build; each post's item (and full text) is made once, however
    many feeds (blog, category, tag, author, series) it is in."""

    app: Sphinx
    blog: Blog
    config: BlogpostConfig
    base: str
    written: WrittenPages
    around: str  # digest of what every feed is made from besides its posts: options, language
    _items: dict[str, FeedItem] = field(default_factory=dict)
    _atom_entries: dict[str, FeedEntry] = field(default_factory=dict)

    def url(self, pagename: str) -> str:
        return site_url(self.base, page_uri(self.app.builder, pagename))

    def taken(self, path: str) -> bool:
        """Whether ``html_extra_path`` puts a file of the project's own at *path* (under the
        output folder): that file is kept, and the blog's not written, with a warning."""
        if not put_by_sphinx(self.app, path):
            return False
        warn(
            BlogpostWarning.CONFLICT,
            f"html_extra_path has a file at {path!r}, where the blog writes its "
            f"{_FILE_KINDS.get(posixpath.basename(path), 'feed')}: the file is kept, and the "
            "blog's is not written",
            assignment_location(Path(self.app.confdir, "conf.py"), "html_extra_path"),
        )
        return True

    def item(self, post: Post) -> FeedItem:
        if post.docname not in self._items:
            url = self.url(post.docname)
            body = None
            if self.config.feed_full_text:
                body = absolute_links(render_body(self.app, post.docname), url)
            self._items[post.docname] = FeedItem(post, url, image_url(self.base, post), body)
        return self._items[post.docname]

    def write(
        self,
        folder: str,
        posts: Sequence[Post],
        formats: Iterable[str],
        *,
        title: str,
        subtitle: str,
        home_page: str,
    ) -> None:
        shown = posts[: self.config.feed_length]
        if not shown:  # a name whose posts are all drafts (listed with ``blogpost_drafts``)
            return
        # A feed is made from its posts (with full text, their bodies too: the times they were
        # read, and what their pages show of other posts, as a `postlist` in the body), the
        # options and its own titles: when none changed, its file holds it already.
        bodies = []
        if self.config.feed_full_text:
            read, pages = self.app.env.all_docs, WrittenDocuments.of(self.app).shown
            bodies = [(read.get(p.docname), pages.get(p.docname)) for p in shown]
        state = (self.around, title, subtitle, home_page, bodies)
        formats = [
            fmt
            for fmt in formats
            if not self.taken(posixpath.join(folder, FEED_FORMATS[fmt].filename))
            and not self.fresh(
                posixpath.join(folder, FEED_FORMATS[fmt].filename),
                (state, self.shown_of(shown, fmt)),
            )
        ]
        if not formats:
            return
        items = [self.item(p) for p in shown]
        language: str | None = self.app.config.language
        schemes = {kind: self.url(self.blog.kind_index(kind)) for kind in TERM_KINDS}
        for fmt in formats:
            path = posixpath.join(folder, FEED_FORMATS[fmt].filename)
            info = FeedInfo(
                title=title,
                subtitle=subtitle,
                home_url=self.url(home_page),
                feed_url=file_url(self.base, path),
                language=language_tag(language) if language else None,
                schemes=schemes,
                base=self.base,
                icon=static_file_url(self.base, self.app.config.html_favicon),
                logo=static_file_url(self.base, self.app.config.html_logo),
            )
            data = (
                atom_feed(info, items, self._atom_entries)
                if fmt == "atom"
                else _WRITERS[fmt](info, items)
            )
            write_file(Path(self.app.outdir, path), data)

    def shown_of(self, posts: Sequence[Post], fmt: str) -> list[str]:
        """Digests of what a feed in *fmt* shows of *posts*. Atom and RSS show no word count
        or reading time: an edit that changes only those (the text past the summary) leaves
        them as they are, and the build need not even import feedgen."""
        return fingerprints(posts) if fmt == "json" else [post.syndication for post in posts]

    def fresh(self, path: str, state: object) -> bool:
        """Whether the file at *path* (under the output folder) was made from *state*."""
        return self.written.is_fresh(path, (path, state), output=Path(self.app.outdir, path))

    def write_all(self, posts: Sequence[Post]) -> None:
        """The blog's feeds in every format, then an Atom feed per category, tag, author and
        series."""
        title = self.config.title
        self.write(
            self.blog.root,
            posts,
            self.config.feeds,
            title=title,
            subtitle=self.config.tagline,
            home_page=self.blog.index_page(),
        )
        if "atom" not in self.config.feeds:
            return
        for kind in FEED_KINDS:
            for name in self.blog.slugs[kind]:
                page = self.blog.page(kind, name)
                assert page is not None  # every name with a slug has its page
                # The feed sits in the folder named like the page: {root}/tag/{slug}/atom.xml
                self.write_term(page, kind, name, page)
        if self.config.ablog_compat:
            self.write_ablog_addresses()

    def write_term(self, folder: str, kind: str, name: str, page: str) -> None:
        """The Atom feed of the category, tag, author or series *name* (whose page is
        *page*) in *folder*."""
        self.write(
            folder,
            syndicated(self.blog.with_name(kind, name)),
            ["atom"],
            title=term_feed_title(self.config.title, self.blog.label(kind, name)),
            subtitle="",
            home_page=page,
        )

    def write_ablog_addresses(self) -> None:
        """In ABlog compatibility mode, a tag's, category's or author's Atom feed at ABlog's
        address too, where its slug is not ours (``blog/tag/my_tag/atom.xml``): feed readers
        do not follow a redirect page, so those who subscribed there keep their feed only if
        it is there. Not where the file is a feed of ours (another name's). So is a feed of
        each year's posts, where ABlog has one (``blog/2018/atom.xml``) and we have none."""
        # Here, not at the top: the ABlog module imports this one (through the sidebars').
        from .ablog import ablog_name_pages, ablog_root, ablog_year_folder

        ours = {self.blog.page(kind, name) for kind in FEED_KINDS for name in self.blog.slugs[kind]}
        root = ablog_root(self.app.config)
        for kind, name, ablogs, page in ablog_name_pages(self.blog, root):
            if ablogs not in ours:
                self.write_term(ablogs, kind, name, page)
        for year, posts in self.blog.years().items():
            folder = ablog_year_folder(root, year)
            if folder not in ours:
                self.write(
                    folder,
                    syndicated(posts),
                    ["atom"],
                    title=term_feed_title(self.config.title, str(year)),
                    subtitle="",
                    home_page=self.blog.year_page(year),
                )


def term_feed_title(blog_title: str, label: str) -> str:
    """The title of the Atom feed of a category, tag, author or series shown as *label*."""
    return f"{blog_title}: {label}"


def term_feed(app: Sphinx, kind: str, name: str) -> str | None:
    """The path (under the output folder) of the Atom feed of the category, tag, author or
    series *name*, when this build writes it: the blog's feeds are written, Atom among them,
    and *name* has a post that feeds may show (see ``_FeedWriter.write_all``)."""
    blog = get_blog(app)
    page = blog.page(kind, name)
    if (
        page is None
        or kind not in FEED_KINDS
        or "atom" not in get_config(app.config).feeds
        or not feeds_written(app)
        or not syndicated(blog.with_name(kind, name))
    ):
        return None
    return posixpath.join(page, FEED_FORMATS["atom"].filename)


def feeds_written(app: Sphinx) -> bool:
    """Whether this build writes feeds (autodiscovery links point only at files that exist)."""
    return (
        app.builder.name in WEB_BUILDERS
        and bool(app.config.html_baseurl)
        and bool(get_config(app.config).feeds)
        and any(not post.draft for post in get_blog(app).posts)  # listed posts are dated
    )


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write ``index.json`` and the feeds from the current posts.

    Done here rather than while pages are written because this runs once per build, in the
    main process (which holds the merged environment even with ``-j N``), after every page,
    and also when no page was out of date. They are made anew from the current posts whenever
    what they are made from changed, so an incremental build never leaves one out of date.
    """
    if exception is not None or app.builder.name not in WEB_BUILDERS:
        return
    config = get_config(app.config)
    blog = get_blog(app)
    posts = syndicated(blog.posts)
    base: str = app.config.html_baseurl
    index_path = f"{blog.root}/{INDEX_FILENAME}"

    def index_url(post: Post) -> str:
        target = page_uri(app.builder, post.docname)
        # Without a base URL, links are relative to index.json itself, as a browser reads them.
        return site_url(base, target) if base else relative_uri(index_path, target)

    written = WrittenPages(app, "feeds", chrome=False)
    around = stable_digest(
        (config, base, app.config.language, app.config.html_logo, app.config.html_favicon)
    )
    writer = _FeedWriter(app, blog, config, base, written, around)
    # index.json lists every listed post: made again whenever one of them changed.
    if not writer.taken(index_path) and not writer.fresh(
        index_path, (around, fingerprints(blog.posts))
    ):
        write_file(Path(app.outdir, index_path), post_index(config.title, blog.posts, index_url))
    if config.feeds and posts and not base:
        warn(
            BlogpostWarning.FEED,
            "html_baseurl is not set; feeds need absolute links, so none were written",
            assignment_location(Path(app.confdir, "conf.py"), "html_baseurl"),
        )
    elif config.feeds and posts:
        writer.write_all(posts)
    # A file the blog wrote where the project's own now goes is the project's now.
    keep = {path for path in written.written_before if put_by_sphinx(app, path)}
    written.remove_gone(keep=keep, output_of=lambda path: Path(app.outdir, path))
    written.save()


def setup_feeds(app: Sphinx) -> None:
    """Register the feed writer."""
    app.connect("build-finished", write_feeds)
