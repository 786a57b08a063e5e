"""The blog's generated pages (``html-collect-pages``): index with pagination, archive and
a page per year, category, tag, author and series pages. Each is rendered with the theme's
``page.html``."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from html import escape
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import docname_join, logging
from sphinx.util.nodes import clean_astext

from .collector import get_blog, postlists_of
from .config import get_config
from .feeds import FEED_FORMATS, WEB_BUILDERS, feeds_written, term_feed, term_feed_title
from .freshness import WrittenDocuments, WrittenPages
from .i18n import _, ngettext
from .links import Linker, month_names
from .listing import count_html, listing_state, render_listing, render_pagination
from .posts import fingerprints, stable_digest
from .query import page_order, pins_first, select
from .theme import theme_options
from .warnings_ import BlogpostWarning, warn

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence

    from sphinx import addnodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .blog import Blog
    from .config import BlogpostConfig
    from .posts import Post

logger = logging.getLogger(__name__)


def kind_title(kind: str) -> str:
    """The title of the page of every name of *kind*: ``Categories``, ``Tags``..."""
    # Whole messages, not "%s" of a word: in many languages the word changes in a title.
    titles = {"category": _("Categories"), "tag": _("Tags"), "author": _("Authors"),
              "series": _("Series")}  # fmt: skip
    return titles[kind]


def _feed_label(kind: str) -> str:
    """The visible link to the feed of one category, tag, author or series."""
    labels = {
        "category": _("Atom feed of this category"),
        "tag": _("Atom feed of this tag"),
        "author": _("Atom feed of this author"),
        "series": _("Atom feed of this series"),
    }
    return labels[kind]


def term_title(kind: str, name: str) -> str:
    """The title of the page of one category, tag, author or series *name*."""
    titles = {"category": _("Category: %(name)s"), "tag": _("Tag: %(name)s"),
              "author": _("Author: %(name)s"), "series": _("Series: %(name)s")}  # fmt: skip
    return titles[kind] % {"name": name}


@dataclass(frozen=True)
class Page:
    """One generated page: its name, title, what it shows and a function that renders its
    body from a linker and the link to the page's own feed (``""`` when it has none). Equal
    *shows* (post fingerprints and the like) and feed give an equal body, so a page whose
    *shows* and feed did not change since it was written is not rendered again."""

    name: str
    title: str
    kind: str  # index, archive, year, category, tag, author, series, and "<kind>-index"
    render: Callable[[Linker, str], str]
    shows: object
    term: tuple[str, str] | None = None  # (kind, name) of a category, tag, author or series page
    first: str = ""  # the first page of the listing this page goes on (page 2, 3...)


@dataclass(frozen=True)
class Intro:
    """The document written where the blog index goes, that lists the blog there itself with a
    paginated ``postlist`` (``:paginate:``): its page is the index's first page, and the
    blog's pages 2, 3... go on with its listing, under its title."""

    docname: str
    title: str
    posts: tuple[Post, ...]  # its whole listing, in order
    layout: str
    query: Mapping[str, Any]  # the postlist's options, as read

    @property
    def order(self) -> str:
        """How its pages follow each other (:func:`.query.page_order`)."""
        order = page_order(self.query["sort"])
        if self.query.get("reverse"):  # ABlog's `:sort:` flag: its posts shown the other way
            return {"newest": "oldest", "oldest": "newest"}.get(order, order)
        return order

    def state(self) -> object:
        """What the generated pages show of it (the posts aside): what the next build compares."""
        return (self.docname, self.title, self.layout, self.query)


_INTRO_ATTR = "_blogpost_intro"  # per build, on the builder: (blog, its Intro or None)


def blog_intro(app: Sphinx) -> Intro | None:
    """The document at the blog index's place (``{root}/index``, or where the builder writes
    it: ``{root}`` in dirhtml) whose first paginated postlist is the index's first page, if
    any; only the html and dirhtml builders have such pages. Found once per build. Of two
    documents there (dirhtml's ``blog`` and ``blog/index``), the one whose page is left in
    the output: the last by name, which Sphinx writes last (see :func:`documents_at`)."""
    blog = get_blog(app)
    cached: tuple[Blog, Intro | None] | None = getattr(app.builder, _INTRO_ATTR, None)
    if cached is not None and cached[0] is blog:
        return cached[1]
    intro = None
    if app.builder.name in WEB_BUILDERS:
        env = app.env
        docname = documents_at(app).get(app.builder.get_target_uri(blog.index_page()))
        queries = postlists_of(env).get(docname or "", ())
        query = next((q for q in queries if q.get("paginate")), None)
        if docname is not None and query is not None:
            title = clean_astext(env.titles[docname]) if docname in env.titles else ""
            layout = query["layout"] or theme_options(app).listing_style
            posts = tuple(select(blog, query))
            intro = Intro(docname, title or get_config(app.config).title, posts, layout, query)
    setattr(app.builder, _INTRO_ATTR, (blog, intro))
    return intro


def documents_at(app: Sphinx) -> dict[str, str]:
    """The document whose page is at each URI of the builder. By URI, not name: in dirhtml
    the document ``blog`` is written where ``blog/index`` is; of two such documents, the one
    left there is the last by name, which Sphinx writes last (the page does not then depend
    on the order of a set)."""
    target_uri = app.builder.get_target_uri
    return {target_uri(docname): docname for docname in sorted(app.env.found_docs)}


_TITLES_ATTR = "_blogpost_page_titles"  # per build, on the builder: (blog, name -> title)


def page_titles(app: Sphinx) -> dict[str, str]:
    """The name and title of every page the blog generates in this build, planned once for
    all who ask: ``:doc:`` links (each missing reference), the pages a build knows, and the
    places redirects may not go."""
    blog = get_blog(app)
    cached: tuple[Blog, dict[str, str]] | None = getattr(app.builder, _TITLES_ATTR, None)
    if cached is not None and cached[0] is blog:
        return cached[1]
    pages = plan_pages(blog, get_config(app.config), intro=blog_intro(app))
    titles = {page.name: page.title for page in pages}
    setattr(app.builder, _TITLES_ATTR, (blog, titles))
    return titles


def index_chunks(posts: Sequence[Post], per_page: int) -> list[Sequence[Post]]:
    """*posts* cut into the pages of a listing of *per_page* posts a page (``0``: one page)."""
    total = max(1, math.ceil(len(posts) / per_page)) if per_page else 1
    size = per_page or max(1, len(posts))
    return [posts[(number - 1) * size : number * size] for number in range(1, total + 1)]


STATIC = Path(__file__).parent / "static"


def add_static_files(app: Sphinx) -> None:
    """``builder-inited``: the base style of listings and headers, on every HTML page."""
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))
        app.add_css_file("blogpost.css")


def add_search_script(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: on the search page, a script that leaves the blog's additions
    to a page (post header and footer, listings) out of the results' excerpts, as the
    search index leaves them out. Deferred: it runs after Sphinx's searchtools.js."""
    if templatename == "search.html" and app.builder.format == "html":
        app.add_js_file("blogpost-search.js", loading_method="defer")


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: yield the generated pages whose content changed since they
    were last written (all of them on a fresh build), showing progress as it goes."""
    if app.builder.name not in WEB_BUILDERS:
        return
    blog, config = get_blog(app), get_config(app.config)
    layout = theme_options(app).listing_style
    written = WrittenPages(app)
    # Besides its own posts, a page shows what every page does: the options, the layout, the
    # language of its dates and whether the blog has feeds (linked in <head>, as on every
    # page). Listings link no term page: a new tag's slug changes only the pages that link
    # to it, whose *shows* say so; a term's feed comes and goes with its listed posts.
    # So does the theme's nav: where its entries lead (see context.check_nav_links).
    # And their words: those of the catalog of their language (see i18n.pages_in_other_words).
    # So do the sidebars (sidebars.py), where html_sidebars shows them.
    site = WrittenDocuments.of(app).site
    nav, catalog, sidebars = site.get("nav_links"), site.get("catalog"), site.get("sidebars")
    shown = (config, layout, app.config.language, feeds_written(app), nav, catalog, sidebars)
    around = stable_digest(shown)
    intro = blog_intro(app)
    intro_state = intro.state() if intro is not None else None
    if written.unchanged((fingerprints(blog.posts), around, intro_state)):
        # Nothing any page is made from changed since they were written. The documents in
        # the way of a page are those of the last build, and warned about again, as Sphinx's
        # own warnings about the whole project are: `-W` fails as on a clean build.
        for docname, message in written.conflicts_before:
            warn(BlogpostWarning.CONFLICT, message, (docname, 1))
        return
    due = []
    target_uri = app.builder.get_target_uri
    documents = documents_at(app)
    taken: set[str] = set()
    feeds: dict[tuple[str, str], str | None] = {}  # (kind, name) -> its feed, once each
    for page in plan_pages(blog, config, layout, intro):
        # A term's feed is linked on every page of its listing, and comes and goes with any
        # of its posts (a draft, listed with blogpost_drafts, is in no feed): not only this
        # page's.
        feed = None
        if (term := page.term) is not None:
            if term not in feeds:
                feeds[term] = term_feed(app, *term)
            feed = feeds[term]
        if page.first in taken:
            continue  # the document in the way of its first page replaces the whole listing
        if (document := documents.get(target_uri(page.name))) is not None:
            if intro is not None and document == intro.docname:
                continue  # the first page of its own listing, which the document shows itself
            message = _conflict_message(page, blog)
            warn(BlogpostWarning.CONFLICT, message, (document, 1))  # the whole document
            written.conflicts.append((document, message))
            taken.add(page.name)
        elif not written.is_fresh(page.name, (around, page.title, page.shows, feed)):
            due.append((page, feed))
    if due:
        # One line, not a progress line per page: Sphinx's logging costs more per message
        # than rendering a page's listing (0.25% of a 200-post build for ~100 pages).
        logger.info("writing blog pages... %d", len(due))
    for page, feed in due:
        linker = Linker.for_page(app, page.name)
        body = page.render(linker, term_feed_link(linker, page.kind, feed) if feed else "")
        # Themes take `title` as HTML, as Sphinx gives a document's (rendered) title.
        context: dict[str, Any] = {
            "title": escape(page.title),
            "body": body,
            "blogpost_page": page.kind,
        }
        if page.term is not None and feed is not None:
            # social.add_page_metadata links it in <head>
            label = blog.label(*page.term)
            context["blogpost_term_feed"] = (term_feed_title(config.title, label), feed)
        yield page.name, context, "page.html"
    # A page once generated where a document is now written is that document's page now.
    written.remove_gone(keep={n for n in written.written_before if target_uri(n) in documents})
    written.save()


def term_feed_link(linker: Linker, kind: str, feed: str) -> str:
    """The visible link, under a name's heading, to its own feed (*feed*: its path): browsers
    no longer show the feeds a page names in ``<head>``, so readers would not know that they
    can subscribe to just this tag, category, author or series."""
    return (
        f'<p class="bp-term-feed"><a rel="alternate" type="{FEED_FORMATS["atom"].media_type}" '
        f'href="{escape(linker.file(feed))}">{escape(_feed_label(kind))}</a></p>\n'
    )


def _conflict_message(page: Page, blog: Blog) -> str:
    keep = ""
    if page.name == blog.index_page():
        keep = ", or keep the listing under the document's text: a postlist with :paginate:"
    return (
        f"this document is where the generated blog page {page.name!r} ({page.title}) would "
        "be written: the document is kept and that page is not written (rename the document, "
        f"or move the blog's pages with blogpost_root{keep})"
    )


def plan_pages(
    blog: Blog, config: BlogpostConfig, layout: str = "cards", intro: Intro | None = None
) -> list[Page]:
    """Every page the blog needs, in a stable order; *layout* is that of the index,
    category and tag listings (the theme option ``listing_style`` of dispatches). With an
    *intro*, the index's pages are those of its listing (the first is the document's)."""
    per_page = config.posts_per_page
    if intro is None:
        index = _paginated(blog.for_index(), per_page, blog.index_page, config.title, "index",
                           _hero(config), layout, pins=True)  # fmt: skip
    else:
        heading = f'<h1 class="bp-page-title">{escape(intro.title)}</h1>\n'
        index = _paginated(intro.posts, per_page, blog.index_page, intro.title, "index",
                           heading, intro.layout, order=intro.order,
                           pins=pins_first(intro.query))  # fmt: skip
    pages = list(index)
    shows = listing_state(blog.posts, "compact")
    pages.append(
        Page(
            blog.archive_page, _("Archive"), "archive", lambda ln, _feed: _archive(blog, ln), shows
        )
    )
    for year, in_year in blog.years().items():
        title = year_title(year)
        heading = f'<h1 class="bp-page-title">{escape(title)}</h1>\n'
        # A list, as an author's or a series' page: a year is read through, not browsed.
        pages += _paginated(
            in_year, per_page, partial(blog.year_page, year), title, "year", heading, "list"
        )
    for kind in ("category", "tag"):
        pages.append(_kind_index(blog, kind))
        for name in blog.slugs[kind]:
            title = term_title(kind, name)
            heading = f'<h1 class="bp-page-title">{escape(title)}</h1>\n'
            pages += _paginated(
                blog.with_name(kind, name), per_page, _term_page_name(blog, kind, name),
                title, kind, heading, layout, term=(kind, name),
            )  # fmt: skip
    # Every blog has categories and tags pages; only blogs with authors or series get those.
    if blog.slugs["author"]:
        pages.append(_kind_index(blog, "author"))
    for key in blog.slugs["author"]:
        pages.append(_author_page(blog, key))
    if blog.slugs["series"]:
        pages.append(_kind_index(blog, "series"))
    for name in blog.slugs["series"]:
        pages.append(_series_page(blog, name))
    return pages


def year_title(year: int) -> str:
    """The title of the page of one year's posts: ``Archive: 2025``."""
    # Translators: the title of the page of one year's posts; a year has no digit separators.
    return _("Archive: %(year)d") % {"year": year}


def _term_page_name(blog: Blog, kind: str, name: str) -> Callable[[int], str]:
    def page_name(number: int) -> str:
        return blog.page(kind, name, number) or ""

    return page_name


def _hero(config: BlogpostConfig) -> str:
    # A <div>, not a <header>: outside <main> (alabaster has none) a <header> is one more
    # banner landmark besides the site's; the same holds for an author's profile.
    eyebrow = f'<p class="bp-eyebrow">{escape(config.eyebrow)}</p>' if config.eyebrow else ""
    tagline = f'<p class="bp-tagline">{escape(config.tagline)}</p>' if config.tagline else ""
    return (
        f'<div class="bp-hero">{eyebrow}'
        f'<h1 class="bp-heading">{escape(config.title)}</h1>{tagline}</div>\n'
    )


def _paginated(
    posts: Sequence[Post],
    per_page: int,
    page_name: Callable[[int], str],
    title: str,
    kind: str,
    heading: str,
    layout: str = "cards",
    term: tuple[str, str] | None = None,
    order: str = "newest",
    pins: bool = False,
) -> Iterator[Page]:
    chunks = index_chunks(posts, per_page)
    total = len(chunks)
    for number, chunk in enumerate(chunks, start=1):

        def render(
            linker: Linker, feed: str, chunk: Sequence[Post] = chunk, number: int = number
        ) -> str:
            pager = render_pagination(number, total, lambda n: linker.to(page_name(n)), order)
            listing = render_listing(chunk, layout, linker.listing(), pins=pins)
            return heading + feed + listing + pager

        page_title = title if number == 1 else numbered_title(title, number)
        shows = (heading, total, layout, order, pins, listing_state(chunk, layout))
        first = page_name(1) if number > 1 else ""
        yield Page(page_name(number), page_title, kind, render, shows, term, first)


def numbered_title(title: str, number: int) -> str:
    """The title of page *number* (2, 3...) of a listing: ``Tag: python — page 2``."""
    return _("%(title)s — page %(number)d") % {"title": title, "number": number}


def _kind_index(blog: Blog, kind: str) -> Page:
    """The page of every name of *kind* with its count of posts, in alphabetical order."""
    counts = blog.counts(kind)
    labels = {name: blog.label(kind, name) for name in blog.slugs[kind]}
    names = sorted(labels, key=lambda name: (labels[name].casefold(), name))

    def render(linker: Linker, feed: str) -> str:
        items = "".join(
            f'<li><a class="bp-{kind}" href="{escape(linker.page(kind, name) or "")}">'
            f'{escape(labels[name])}</a> <span class="bp-count">{counts[name]}</span></li>'
            for name in names
        )
        return (
            f'<h1 class="bp-page-title">{escape(kind_title(kind))}</h1>\n'
            f'<ul class="bp-term-index bp-{kind}-index">{items}</ul>\n'
        )

    shows = [(labels[name], blog.slugs[kind][name], counts[name]) for name in names]
    return Page(blog.kind_index(kind), kind_title(kind), f"{kind}-index", render, shows)


def _archive(blog: Blog, linker: Linker) -> str:
    months = month_names(linker.app.config.language)
    title = escape(_("Archive"))
    parts = [f'<h1 class="bp-page-title">{title}</h1>']
    # Grouped by the year and month each post's date is written in: posts are in UTC order,
    # and around New Year two posts with different UTC offsets may be in the other order of
    # their local years. A stable sort by local month keeps UTC order within each month.
    posts = sorted(blog.posts, key=_local_month, reverse=True)
    for year, in_year in groupby(posts, key=lambda p: p.date.moment.year):  # type: ignore[union-attr]
        year_posts = list(in_year)
        year_link = escape(linker.to(blog.year_page(year)))
        parts.append(
            f'<section class="bp-archive-year" id="year-{year}"><h2><a href="{year_link}">'
            f"{year}</a> {count_html(len(year_posts))}</h2>"
        )
        for month, in_month in groupby(year_posts, key=lambda p: p.date.moment.month):  # type: ignore[union-attr]
            month_posts = list(in_month)
            parts.append(f"<h3>{escape(months[month])} {count_html(len(month_posts))}</h3>")
            parts.append(render_listing(month_posts, "compact", linker.listing()))
        parts.append("</section>")
    return "\n".join(parts) + "\n"


def _local_month(post: Post) -> tuple[int, int]:
    assert post.date is not None  # listed posts are dated
    return post.date.moment.year, post.date.moment.month


def _author_page(blog: Blog, key: str) -> Page:
    author = blog.authors[key]

    def render(linker: Linker, feed: str) -> str:
        avatar, url = escape(linker.site_link(author.avatar)), escape(linker.site_link(author.url))
        shown_url = escape(author.url)
        parts = ['<div class="bp-author-profile">']
        if avatar:
            parts.append(f'<img class="bp-avatar" src="{avatar}" alt="" width="96" height="96" />')
        parts.append(f'<h1 class="bp-page-title">{escape(author.name)}</h1>')
        if author.bio:
            parts.append(f'<p class="bp-author-bio">{escape(author.bio)}</p>')
        if url:
            parts.append(f'<p><a class="bp-author-url" href="{url}">{shown_url}</a></p>')
        parts.append("</div>\n")
        posts = blog.with_name("author", key)
        return "".join(parts) + feed + render_listing(posts, "list", linker.listing())

    shows = (author, listing_state(blog.with_name("author", key), "list"))
    title = term_title("author", author.name)
    return Page(blog.page("author", key) or "", title, "author", render, shows, ("author", key))


def _series_page(blog: Blog, name: str) -> Page:
    def render(linker: Linker, feed: str) -> str:
        parts = blog.series(name)
        return (
            f'<h1 class="bp-page-title">{escape(term_title("series", name))}</h1>\n'
            f'<p class="bp-series-count">{escape(parts_label(len(parts)))}</p>\n'
            + feed
            + render_listing(parts, "list", linker.listing())
            .replace('<ul class="bp-listing', '<ol class="bp-listing', 1)
            .replace("</ul>\n", "</ol>\n")
        )

    shows = listing_state(blog.series(name), "list")
    title = term_title("series", name)
    return Page(blog.page("series", name) or "", title, "series", render, shows, ("series", name))


def parts_label(parts: int) -> str:
    """``3 parts``: the length of a series."""
    # Translators: how many posts a series has, under its name.
    return ngettext("%(count)d part", "%(count)d parts", parts) % {"count": parts}


def resolve_page_reference(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.TextElement
) -> nodes.Element | None:
    """``missing-reference``: let ``:doc:`` link to generated pages (``blog/tag/mamba``)."""
    if node.get("refdomain") != "std" or node.get("reftype") != "doc":
        return None
    target = docname_join(node.get("refdoc", ""), node["reftarget"])
    titles = page_titles(app)
    if target not in titles:
        return None
    text = contnode.astext() if node.get("refexplicit") else titles[target]
    if app.builder.name not in WEB_BUILDERS:  # no generated pages there: the words alone
        return nodes.inline(text, text)
    uri = app.builder.get_relative_uri(node["refdoc"], target)
    return nodes.reference("", text, internal=True, refuri=uri)
