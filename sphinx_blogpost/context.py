"""``html-page-context``: everything a template may print about the blog, under ``blogpost_*``.

The dispatches theme prints these and computes nothing itself; any theme's templates may use
them too. Keys (all present on every page of an HTML build):

``blogpost_nav``         site navigation: Blog, Archive, Categories, Tags, then the theme's
                         ``nav_links``; a list of :class:`NavLink`
``blogpost_feeds``       the blog's feeds (:class:`NavLink`), when this build writes them
``blogpost_home_url``    the root document
``blogpost_search_url``  the search page, or ``""`` when the build has none
``blogpost_page_kind``   ``post``, ``doc``, or the generated page's kind (``index``,
                         ``archive``, ``category``, ``tag-index``...); ``index`` too for the
                         document that shows the blog index's first page (``:paginate:``)
``blogpost_cover``       a post's cover image (:class:`Cover`) or None
``blogpost_body_parts``  with a cover: the body split after the post header, so that the
                         cover is printed between the two; else None (and always None in
                         json and pickle, which write ``body`` itself)
``blogpost_toc``         HTML list of the page's sections when it has at least
                         :data:`TOC_MIN_SECTIONS`, else ``""``
``blogpost_toc_lang``    the ``lang`` of those sections, in a post of another language than
                         the site's, else ``""``
``blogpost_toc_dir``     their ``dir`` (``rtl`` or ``ltr``), in a post whose language runs the
                         other way than the site's (Arabic in English), else ``""``
``blogpost_listing_style``  ``cards`` or ``list`` (theme option ``listing_style``)
``blogpost_post``        on a post's page, the post (the fields of :class:`PostContext`, as a
                         dict), for a template to print in an embed (comments, sharing); None
                         on every other page
``blogpost_labels``      the theme's words in the site's language (:class:`ThemeLabels`)

Values are plain text, escaped nowhere: Sphinx's templates do not autoescape, so a template
prints text with ``|e`` (or ``|tojson`` inside a script), as the dispatches theme does.
docs/reference/templates.md documents these keys for theme and project authors.

The json and pickle builders write the context instead of a page: there each
:class:`NavLink`, :class:`Cover` and :class:`ThemeLabels` is a dict of its fields.
"""

from __future__ import annotations

import posixpath
from dataclasses import asdict, dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.environment.adapters.toctree import document_toc
from sphinxcontrib.serializinghtml import SerializingHTMLBuilder

from .collector import get_blog, posts_of
from .config import assignment_location, get_config
from .feeds import FEED_FORMATS, WEB_BUILDERS, feeds_written, site_url
from .feeds import page_uri as quoted_uri
from .freshness import WrittenDocuments, put_by_sphinx
from .i18n import _, sphinx_fallback
from .links import cover_url, file_link, relative_link
from .pages import blog_intro, kind_title, page_titles
from .posts import foreign_language, language_tag, stable_digest, text_direction
from .theme import THEME_NAME, THEME_PATH, theme_options, uses_dispatches
from .warnings_ import BlogpostWarning, warn

if TYPE_CHECKING:
    from collections.abc import Callable, Container, Iterable, Sequence

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .blog import Blog
    from .posts import Post

#: A page gets an on-page table of contents from this many sections on.
TOC_MIN_SECTIONS = 3
_HEADER_START = '<div class="bp-post-header">'
_EXTERNAL = ("#", "/", "?", "mailto:", "tel:", "data:")


@dataclass(frozen=True)
class NavLink:
    """A link as templates print it; ``current`` is the value of ``aria-current`` (``"page"``
    on the page itself, ``"true"`` on a page within its section) or ``""``."""

    title: str
    url: str
    current: str = ""


@dataclass(frozen=True)
class Cover:
    """A post's cover image: ``url`` relative to the page (or the option's URL as given)."""

    url: str
    alt: str = ""  # decorative: the post title is right above it


@dataclass(frozen=True)
class PostContext:
    """A post as templates see it (``blogpost_post``): plain values made at write time from
    the collected post, never stored. Dates are ISO 8601; ``url`` is absolute with
    ``html_baseurl``, else the page's link to itself; ``language`` is the post's, else the
    site's, as a BCP 47 tag."""

    title: str
    url: str
    date: str | None
    updated: str | None
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    authors: tuple[str, ...]  # names, as the post header shows them
    series: str | None
    draft: bool
    language: str
    summary: str
    comments: bool  # False for a post with the `nocomments` flag


def post_context(post: Post, url: str, site_language: str | None) -> PostContext:
    """What :class:`PostContext` shows of *post*, whose page is at *url*."""
    return PostContext(
        title=post.title,
        url=url,
        date=post.date.iso if post.date is not None else None,
        updated=post.updated.iso if post.updated is not None else None,
        categories=post.categories,
        tags=post.tags,
        authors=tuple(author.name for author in post.authors),
        series=post.series,
        draft=post.draft,
        language=post.language or language_tag(site_language or "en"),
        summary=post.summary,
        comments=post.comments,
    )


@dataclass(frozen=True)
class ThemeLabels:
    """The words the dispatches templates print, in the site's language; plain text, but
    ``built_with``, which is HTML."""

    skip_to_content: str
    site_nav: str  # what the site navigation is called (its aria-label)
    search: str
    dark_mode: str
    on_this_page: str
    documents: str  # what the previous/next document navigation is called
    previous: str
    next: str
    feeds: str
    built_with: str

    @classmethod
    def now(cls, sphinx_version: str) -> ThemeLabels:
        """The labels in the language of the build. The theme took them from Sphinx's
        catalog once: where ours has none, Sphinx's translation is still used."""
        link = '<a href="https://www.sphinx-doc.org/">Sphinx</a>'
        built_with = escape(_("Built with %(sphinx)s %(version)s and sphinx-blogpost."))
        return cls(
            skip_to_content=sphinx_fallback("Skip to content"),
            # Translators: the name of the site's navigation, for screen readers.
            site_nav=sphinx_fallback("Site"),
            search=sphinx_fallback("Search"),
            # Translators: the name of the light/dark switch (pressed: dark).
            dark_mode=sphinx_fallback("Dark mode"),
            on_this_page=sphinx_fallback("On this page"),
            # Translators: the name of the links to the previous and next document.
            documents=sphinx_fallback("Documents"),
            previous=sphinx_fallback("Previous"),
            next=sphinx_fallback("Next"),
            # Translators: in the footer, before the links "Atom · RSS · JSON Feed".
            feeds=sphinx_fallback("Feeds"),
            built_with=built_with % {"sphinx": link, "version": escape(sphinx_version)},
        )


def blog_nav(blog: Blog, pagename: str, url_of: Callable[[str], str]) -> list[NavLink]:
    """The blog's own entries of the site navigation; *url_of* links a page name."""
    root = blog.root
    entries = (
        (_("Blog"), blog.index_page(), (f"{root}/page/",)),
        (_("Archive"), blog.archive_page, (f"{blog.archive_page}/",)),
        (kind_title("category"), blog.kind_index("category"), (f"{root}/category/",)),
        (kind_title("tag"), blog.kind_index("tag"), (f"{root}/tag/",)),
    )
    links = []
    for title, page, sections in entries:
        current = "page" if pagename == page else ""
        if not current and pagename.startswith(sections):
            current = "true"
        links.append(NavLink(title, url_of(page), current))
    return links


def extra_nav(
    entries: Iterable[tuple[str, str]],
    pagename: str,
    pages: Container[str],
    url_of_page: Callable[[str], str],
    url_from_root: Callable[[str], str],
) -> list[NavLink]:
    """The theme's ``nav_links``: a URL is used as is; a page name (see :func:`nav_page`) is
    linked from this page, and marked current on it; a file is a path from the site root.
    *pages* are the pages of this build."""
    links = []
    for title, url in entries:
        if is_url(url):
            links.append(NavLink(title, url))
            continue
        target = nav_page(url, pages)
        if target is None:
            links.append(NavLink(title, url_from_root(url)))
            continue
        name, rest = target
        current = "page" if name == pagename else ""
        links.append(NavLink(title, url_of_page(name) + rest, current))
    return links


def is_url(url: str) -> bool:
    """Whether a ``nav_links`` entry is a URL (``https://...``, ``/about``, ``#top``), which
    every page prints as it is."""
    return "://" in url or url.startswith(_EXTERNAL)


def nav_page(url: str, pages: Container[str]) -> tuple[str, str] | None:
    """The page a ``nav_links`` entry that is not a URL names, and what follows its path
    (``#fragment``, ``?query``, or ``""``); None for a file (``files/cv.pdf``: a suffix other
    than ``.html``, and no page of that name). *pages* are the pages of this build.

    A name gives the same page whether it exists or not, so that pages written before it
    appears link to it as those written after: ``about`` and ``about.html`` are ``about``.
    A folder, ``docs/``, is its index page ``docs/index`` when there is one, as a web server
    would serve it, else the page ``docs``, which dirhtml writes at that very URL."""
    cut = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    name = posixpath.normpath(path).removesuffix(".html")
    if path.endswith("/"):
        index = posixpath.normpath(f"{name}/index")
        return (index if index in pages or name == "." else name), rest
    if posixpath.splitext(name)[1] and name not in pages:  # (a page may be "releases/1.2")
        return None
    return name, rest


def split_after_post_header(body: str) -> tuple[str, str] | None:
    """``(up to the end of .bp-post-header, the rest)``, or None when the body has no header.
    The header holds paragraphs only, so its end is the first ``</div>`` after its start."""
    start = body.find(_HEADER_START)
    if start < 0:
        return None
    end = body.find("</div>", start + len(_HEADER_START))
    if end < 0:
        return None
    end += len("</div>")
    return body[:end], body[end:]


def section_list(toc: nodes.Node) -> nodes.bullet_list | None:
    """From a document's local toc (one entry, the title), the list of its sections."""
    for item in toc.findall(nodes.list_item):
        for child in item.children:
            if isinstance(child, nodes.bullet_list):
                return child
        return None
    return None


def _sections_to_show(toc: nodes.Node) -> nodes.bullet_list | None:
    sections = section_list(toc)
    return sections if sections is not None and len(sections) >= TOC_MIN_SECTIONS else None


def _page_toc(app: Sphinx, pagename: str) -> str:
    stored = app.env.tocs.get(pagename)
    if stored is None:
        return ""
    # Most pages have too few sections: count them on the stored toc before document_toc()
    # copies it to resolve `only` nodes and the page's tocdepth (which only take sections away).
    if next(stored.findall(addnodes.only), None) is None and _sections_to_show(stored) is None:
        return ""
    sections = _sections_to_show(document_toc(app.env, pagename, app.tags))
    if sections is None:
        return ""
    fragment: str = app.builder.render_partial(sections)["fragment"]  # type: ignore[attr-defined]
    return fragment


def _feeds(app: Sphinx, blog: Blog, url_of_file: Callable[[str], str]) -> list[NavLink]:
    if not feeds_written(app):
        return []
    formats: Sequence[str] = get_config(app.config).feeds
    return [
        NavLink(FEED_FORMATS[fmt].label, url_of_file(f"{blog.root}/{FEED_FORMATS[fmt].filename}"))
        for fmt in formats
    ]


#: The site's language and its direction, kept in the environment (pickled with it).
_SITE_DIRECTION_ATTR = "blogpost_site_direction"


def keep_site_direction(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: the site language's direction, found once and kept in the environment:
    Babel reads the language's whole locale data to know it, a twentieth of a second that a
    no-op build would otherwise spend (its index and search pages are written every time)."""
    language = app.config.language
    kept = getattr(env, _SITE_DIRECTION_ATTR, None)
    if kept is None or kept[0] != language:
        setattr(env, _SITE_DIRECTION_ATTR, (language, text_direction(language)))


def _site_direction(app: Sphinx) -> str:
    kept = getattr(app.env, _SITE_DIRECTION_ATTR, None)
    if kept is not None and kept[0] == app.config.language:
        return str(kept[1])
    return text_direction(app.config.language)


def _rtl_html_tag(context: dict[str, Any]) -> str:
    """The ``<html>`` tag of Sphinx's basic layout (its ``html_tag`` replaces it) with
    ``dir="rtl"``: Sphinx writes no ``dir``, and dispatches lays its pages out in logical
    directions (start and end), which follow it."""
    language = context.get("language")
    lang = f' lang="{escape(language)}"' if language is not None else ""
    root = escape(str(context.get("content_root", "")))
    return f'<html{lang} dir="rtl" data-content_root="{root}">'


def add_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: fill in the ``blogpost_*`` keys of the module docstring."""
    builder = app.builder
    if builder.format != "html":
        return

    def url_of_page(name: str) -> str:
        # A page links to itself by its file name (or "./" in dirhtml), never by "".
        url = relative_link(builder, pagename, name)
        return url or posixpath.basename(builder.get_target_uri(name)) or "./"

    def url_of_file(path: str) -> str:
        return file_link(builder, pagename, path)

    options = theme_options(app)
    blog = get_blog(app)
    web = builder.name in WEB_BUILDERS  # generated pages exist only there
    post = posts_of(app.env).get(pagename) if doctree is not None else None
    generated = context.get("blogpost_page")
    kind = generated or _document_kind(app, pagename, post)
    # The document that shows the blog index (`blog` in dirhtml, say) is where "Blog" leads.
    nav_page = blog.index_page() if kind == "index" and not generated else pagename
    nav = blog_nav(blog, nav_page, url_of_page) if web else []
    if options.nav_links:
        pages = _known_pages(app, blog)
        nav += extra_nav(options.nav_links, pagename, pages, url_of_page, url_of_file)
    cover_link = cover_url(post, url_of_file) if post is not None else None
    cover = Cover(cover_link) if cover_link is not None else None
    # json and pickle write the context itself, `body` with it: the body once, not twice
    serialized = isinstance(builder, SerializingHTMLBuilder)
    parts = None
    if cover is not None and not serialized:
        parts = split_after_post_header(context.get("body", ""))
    # "On this page" lists the post's own headings: in its language, if not the site's
    language = foreign_language(post.language, app.config.language) if post is not None else None
    site_direction = _site_direction(app)
    toc_direction = text_direction(language) if language else site_direction
    if site_direction == "rtl" and not context.get("html_tag") and uses_dispatches(app):
        context["html_tag"] = _rtl_html_tag(context)

    context.update(
        blogpost_nav=nav,
        blogpost_feeds=_feeds(app, blog, url_of_file) if web else [],
        blogpost_home_url=url_of_page(app.config.root_doc),
        blogpost_search_url=url_of_page("search") if writes_page(builder, "search") else "",
        blogpost_page_kind=kind,
        blogpost_cover=cover,
        blogpost_body_parts=parts,
        blogpost_toc=_page_toc(app, pagename) if doctree is not None else "",
        blogpost_toc_lang=language or "",
        blogpost_toc_dir=toc_direction if toc_direction != site_direction else "",
        blogpost_listing_style=options.listing_style,
        blogpost_post=_post_context(app, pagename, post, url_of_page),
        blogpost_labels=_theme_labels(app, str(context.get("sphinx_version", ""))),
    )
    if serialized:
        # json and pickle write the context itself, not a page made from it: plain data,
        # which json can dump and any program can load without sphinx_blogpost.
        for key in ("blogpost_nav", "blogpost_feeds"):
            context[key] = [asdict(link) for link in context[key]]
        context["blogpost_cover"] = asdict(cover) if cover is not None else None
        context["blogpost_labels"] = asdict(context["blogpost_labels"])


def _document_kind(app: Sphinx, pagename: str, post: Post | None) -> str:
    """A document's kind of page: ``post``, ``index`` for the one that shows the blog index's
    first page (a paginated postlist at its place, see pages.blog_intro), else ``doc``."""
    if post is not None:
        return "post"
    intro = blog_intro(app)
    return "index" if intro is not None and intro.docname == pagename else "doc"


def _post_context(
    app: Sphinx, pagename: str, post: Post | None, url_of_page: Callable[[str], str]
) -> dict[str, Any] | None:
    if post is None:
        return None
    base: str = app.config.html_baseurl
    # The address Open Graph and the canonical link give, which comment services key on.
    url = site_url(base, quoted_uri(app.builder, pagename)) if base else url_of_page(pagename)
    # A dict, which templates read as they read attributes (``blogpost_post.title``: Jinja
    # looks the key up then): the json and pickle builders write every page's context to a
    # file, and JSON takes no dataclass. Made for this page alone, so no template changes
    # what another page shows.
    return asdict(post_context(post, url, app.config.language))


_LABELS_ATTR = "_blogpost_labels"  # per build, on the builder: the ThemeLabels


def _theme_labels(app: Sphinx, sphinx_version: str) -> ThemeLabels:
    """The theme's labels, looked up once per build: every page prints the same ones."""
    labels: ThemeLabels | None = getattr(app.builder, _LABELS_ATTR, None)
    if labels is None:
        labels = ThemeLabels.now(sphinx_version)
        setattr(app.builder, _LABELS_ATTR, labels)
    return labels


_PAGES_ATTR = "_blogpost_pages"  # per build, on the builder: what _known_pages gives


def _known_pages(app: Sphinx, blog: Blog) -> frozenset[str]:
    """The pages of this build that ``nav_links`` may name: documents, the blog's generated
    pages, and the builder's own (index, search, domain indices, ``html_additional_pages``).
    Named once per build, at ``env-updated`` (:func:`check_nav_links`)."""
    pages: frozenset[str] | None = getattr(app.builder, _PAGES_ATTR, None)
    if pages is None:  # a builder that writes without reading
        pages = _name_pages(app, blog)
    return pages


#: Pages the HTML builder writes itself, each with the builder attribute that says it does.
_BUILDER_PAGES = (("genindex", "use_index"), ("search", "search"))


def writes_page(builder: Builder, attribute: str) -> bool:
    """Whether *builder* writes the page its *attribute* stands for (``search``: the search
    page, ``use_index``: genindex). singlehtml has the html builder's attributes, but writes
    neither page (Sphinx's own search box leaves singlehtml out too)."""
    return bool(getattr(builder, attribute, False)) and not isinstance(
        builder, SingleFileHTMLBuilder
    )


def _name_pages(app: Sphinx, blog: Blog) -> frozenset[str]:
    """What :func:`_known_pages` gives, computed and kept on the builder for this build."""
    builder = app.builder
    generated = page_titles(app).keys()
    # What html writes (singlehtml too, for the warnings to be those of the html build).
    own = {name for name, made in _BUILDER_PAGES if getattr(builder, made, False)}
    indices = {f"{d.name}-{index.name}" for d in app.env.domains.sorted() for index in d.indices}
    additional = set(getattr(app.config, "html_additional_pages", None) or ())
    pages = frozenset(app.env.found_docs | generated | own | indices | additional)
    setattr(builder, _PAGES_ATTR, pages)
    return pages


def check_nav_links(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: name the pages of this build, once the blog is known, and give each
    ``nav_links`` entry that names none of them (nor a file of ``html_extra_path``) one
    ``blogpost.config`` warning. Its link is made all the same, and right once it exists.

    Where an entry leads may change with the pages there are (``docs/`` is ``docs/index``
    once there is one): then every document is written again, as its page shows the links."""
    options = theme_options(app)
    if not options.nav_links:
        return []
    pages = _name_pages(app, get_blog(app))
    targets = [None if is_url(url) else nav_page(url, pages) for _title, url in options.nav_links]
    changed = WrittenDocuments.of(app).site_changed("nav_links", stable_digest(targets))
    location = assignment_location(Path(app.confdir, "conf.py"), "html_theme_options")
    for (_title, url), target in zip(options.nav_links, targets, strict=True):
        if target is None or target[0] in pages or _in_extra_path(app, target[0]):
            continue
        warn(
            BlogpostWarning.CONFIG,
            f"html_theme_options['nav_links'] entry {url!r} names no document or blog page; "
            "its link is broken until there is one",
            location,
        )
    return sorted(env.found_docs) if changed else []


def _in_extra_path(app: Sphinx, name: str) -> bool:
    """Whether the link to page *name* reaches a file of ``html_extra_path`` (copied to the
    root of the output), e.g. ``legacy.html`` for ``legacy`` in the html builder."""
    uri = unquote(app.builder.get_target_uri(name))
    return put_by_sphinx(app, uri + "index.html" if uri.endswith("/") or not uri else uri)


def add_theme_assets(app: Sphinx) -> None:
    """``builder-inited``: validate the theme options once, and add the theme's stylesheet
    after every extension's (sphinx-design, blogpost.css) so that it can restyle them."""
    theme_options(app)
    if uses_dispatches(app):
        app.add_css_file(f"{THEME_NAME}.css", priority=900)
        app.add_js_file(f"{THEME_NAME}.js", loading_method="defer")  # with its ?v= checksum


def setup_theme(app: Sphinx) -> None:
    """Register the dispatches theme and the page context every theme may use."""
    app.add_html_theme(THEME_NAME, str(THEME_PATH))
    app.connect("builder-inited", add_theme_assets)
    app.connect("env-updated", check_nav_links, priority=600)  # after build_blog (500)
    app.connect("env-updated", keep_site_direction)
    app.connect("html-page-context", add_page_context)
