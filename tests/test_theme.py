"""The dispatches theme without a browser: registration (extension and entry point), options,
the page context its templates print, asset budgets, warning-free builds."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from sphinx_blogpost.blog import Blog
from sphinx_blogpost.context import (
    NavLink,
    blog_nav,
    extra_nav,
    split_after_post_header,
)
from sphinx_blogpost.theme import THEME_PATH, ThemeOptions, parse_options

from .conftest import ROOTS, Build, build, copy_root, make_site, posts, warnings_of

if TYPE_CHECKING:
    from collections.abc import Iterator

STATIC = THEME_PATH / "static"
THEMED = {"html_theme": "dispatches"}


def page_soup(outdir: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / page).read_text("utf8"), "html.parser")


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    found = soup.select_one(selector)
    assert found is not None, selector
    return found


def attr(tag: Tag, name: str) -> str:
    value = tag.get(name)
    return " ".join(value) if isinstance(value, list) else str(value)


def resolves(outdir: Path, page: str, href: str) -> bool:
    """Whether a relative link on *page* points at a file of the build."""
    path = unquote(urlsplit(href).path)
    target = (outdir / page).parent / path
    return target.is_file() or (target / "index.html").is_file()


@pytest.fixture(scope="module")
def themed_blog(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    """The 30-post root in dispatches, with extra navigation entries, built once."""
    options = {
        "nav_links": [
            {"title": "Lists", "url": "lists"},
            ("Source", "https://example.org/source"),
        ]
    }
    app = SphinxTestApp(
        "html",
        srcdir=ROOTS / "test-blog",
        builddir=tmp_path_factory.mktemp("themed"),
        confoverrides={**THEMED, "html_theme_options": options},
        freshenv=True,
    )
    # Released before the tests run: while an app holds docutils' registrations, another
    # test's app would warn that each node class "is already registered".
    try:
        app.build()
        built = Build(warnings_of(app), posts(app), Path(app.outdir))
    finally:
        app.cleanup()
    yield built


# -- registration ---------------------------------------------------------------------------
def test_entry_point_names_the_theme_module() -> None:
    (entry,) = [e for e in entry_points(group="sphinx.html_themes") if e.name == "dispatches"]
    assert entry.value == "sphinx_blogpost.theme"
    assert callable(entry.load().setup)


def test_extension_registers_the_theme(make_app: Any, tmp_path: Path) -> None:
    app = make_app("html", srcdir=ROOTS / "test-readtime", builddir=tmp_path)
    assert Path(app.registry.html_themes["dispatches"]) == THEME_PATH
    app.cleanup()


def test_theme_alone_sets_up_the_extension(make_app: Any, tmp_path: Path) -> None:
    """``html_theme = "dispatches"`` without ``sphinx_blogpost`` in ``extensions``."""
    result = build(make_app, "html", srcdir=ROOTS / "test-theme-only", builddir=tmp_path)
    assert result.warnings == []
    assert sorted(result.posts) == ["first", "second"]  # .md found: MyST was set up in time
    index = page_soup(result.outdir, "blog/index.html")
    assert one(index, ".bp-heading").get_text() == "Notes"  # blogpost_* config read
    assert len(index.select(".bp-layout-list .bp-card")) == 2
    assert index.select_one("link[href*='dispatches.css']") is not None


# -- builds -----------------------------------------------------------------------------------
def test_blog_builds_without_warnings(themed_blog: Build) -> None:
    assert themed_blog.warnings == []


def test_stylesheet_comes_after_the_extensions(themed_blog: Build) -> None:
    links = [
        attr(link, "href").split("?")[0].rsplit("/", 1)[-1]
        for link in page_soup(themed_blog.outdir, "blog/index.html").select("link[rel=stylesheet]")
    ]
    assert links[-1] == "dispatches.css"
    assert links.index("blogpost.css") < links.index("dispatches.css")
    assert links.index("sphinx-design.min.css") < links.index("dispatches.css")


@pytest.mark.parametrize(
    "page", ["blog/index.html", "blog/tag/mamba.html", "post03.html", "lists.html", "search.html"]
)
def test_nav_links_are_present_and_resolve(themed_blog: Build, page: str) -> None:
    nav = page_soup(themed_blog.outdir, page).select("nav.bp-site-nav a")
    titles = [a.get_text() for a in nav]
    assert titles == ["Blog", "Archive", "Categories", "Tags", "Lists", "Source"]
    for a in nav:
        href = attr(a, "href")
        if href.startswith("https://"):
            assert href == "https://example.org/source"
        else:
            assert resolves(themed_blog.outdir, page, href), (page, href)


def test_nav_marks_the_current_section(themed_blog: Build) -> None:
    def current(page: str) -> dict[str, str]:
        nav = page_soup(themed_blog.outdir, page).select("nav.bp-site-nav a[aria-current]")
        return {a.get_text(): attr(a, "aria-current") for a in nav}

    assert current("blog/index.html") == {"Blog": "page"}
    assert current("blog/page/2.html") == {"Blog": "true"}
    assert current("blog/tag/index.html") == {"Tags": "page"}
    assert current("blog/tag/mamba.html") == {"Tags": "true"}
    assert current("lists.html") == {"Lists": "page"}
    assert current("post03.html") == {}


def test_header_footer_and_search(themed_blog: Build) -> None:
    page = page_soup(themed_blog.outdir, "post03.html")
    assert attr(one(page, "a.bp-skip-link"), "href") == "#bp-main"
    assert page.select_one("main#bp-main[role=main] div.body") is not None
    assert one(page, ".bp-brand").get_text(strip=True) == "Test blog"
    assert attr(one(page, "form.bp-search"), "action") == "search.html"
    toggle = one(page, "button.bp-scheme-toggle")
    assert attr(toggle, "aria-label") and attr(toggle, "aria-pressed") == "false"
    # the stored scheme is applied in <head>, before the body is painted
    head_script = one(page, "head").find("script", string=lambda s: bool(s and "bp-scheme" in s))
    assert head_script is not None
    feeds = {a.get_text(): attr(a, "href") for a in page.select(".bp-feeds a")}
    assert feeds == {"Atom": "blog/atom.xml", "RSS": "blog/rss.xml", "JSON Feed": "blog/feed.json"}
    for href in feeds.values():
        assert resolves(themed_blog.outdir, "post03.html", href)
    search = page_soup(themed_blog.outdir, "search.html")
    assert search.select_one("#search-results") is not None
    form = one(search, "form:has(input[name=q]):not(.bp-search)")  # the page's own, to itself
    assert form.get("action") is None and attr(form, "method") == "get"
    assert search.select_one("script[src*='searchtools.js']") is not None


def test_no_feed_links_without_base_url(make_app: Any, tmp_path: Path) -> None:
    overrides = {**THEMED, "html_baseurl": "", "suppress_warnings": ["blogpost.feed"]}
    result = build(
        make_app, "html", srcdir=ROOTS / "test-readtime", builddir=tmp_path,
        confoverrides=overrides,
    )  # fmt: skip
    assert page_soup(result.outdir, "blog/index.html").select(".bp-feeds") == []


def test_post_page_has_its_contents_and_no_cover_when_none(themed_blog: Build) -> None:
    page = page_soup(themed_blog.outdir, "post03.html")
    assert page.select_one(".bp-post-header") is not None
    assert page.select_one("figure.bp-cover") is None
    assert "bp-kind-post" in attr(one(page, "body"), "class").split()


# -- list style (SPEC 8) --------------------------------------------------------------------
def test_list_style_shows_minutes_and_words(make_app: Any, tmp_path: Path) -> None:
    overrides = {**THEMED, "html_theme_options": {"listing_style": "list"}}
    result = build(
        make_app, "html", srcdir=ROOTS / "test-readtime", builddir=tmp_path,
        confoverrides=overrides,
    )  # fmt: skip
    assert result.warnings == []
    for page in ("blog/index.html", "blog/category/state-space-model.html", "blog/tag/mamba.html"):
        soup = page_soup(result.outdir, page)
        assert soup.select(".bp-layout-cards") == [], page
        metas = [m.get_text() for m in soup.select(".bp-layout-list .bp-card-meta")]
        assert "9 min · 1796 words" in metas, page
    index = page_soup(result.outdir, "blog/index.html")
    assert "4 min · 737 words" in [m.get_text() for m in index.select(".bp-card-meta")]
    summaries = [s.get_text() for s in index.select(".bp-layout-list .bp-card-summary")]
    assert any(s.endswith(" ...") for s in summaries)


def test_cards_are_the_default(make_app: Any, tmp_path: Path) -> None:
    result = build(
        make_app, "html", srcdir=ROOTS / "test-readtime", builddir=tmp_path, confoverrides=THEMED
    )
    index = page_soup(result.outdir, "blog/index.html")
    assert index.select(".bp-layout-cards .bp-card")
    assert index.select(".bp-layout-list") == []


# -- options and context, as pure functions -------------------------------------------------
def test_theme_options_are_validated() -> None:
    problems: list[str] = []
    options = parse_options(
        {
            "listing_style": "grid",
            "nav_links": [{"title": "A", "url": "a"}, ("B", "https://b"), {"title": "C"}, 3],
        },
        problems.append,
    )
    assert options == ThemeOptions("cards", (("A", "a"), ("B", "https://b")))
    assert len(problems) == 3
    assert parse_options({"listing_style": "list", "nav_links": []}, problems.append) == (
        ThemeOptions("list", ())
    )


def test_blog_nav_marks_pages_and_sections() -> None:
    blog = Blog.from_posts([], "news", drafts=False)

    def nav(page: str) -> list[NavLink]:
        return blog_nav(blog, page, lambda name: f"/{name}")

    assert [(n.title, n.url) for n in nav("index")] == [
        ("Blog", "/news/index"),
        ("Archive", "/news/archive"),
        ("Categories", "/news/category/index"),
        ("Tags", "/news/tag/index"),
    ]
    assert [n.current for n in nav("news/archive")] == ["", "page", "", ""]
    assert [n.current for n in nav("news/page/3")] == ["true", "", "", ""]
    assert [n.current for n in nav("news/category/x/page/2")] == ["", "", "true", ""]


def test_extra_nav_links_documents_pages_and_urls() -> None:
    pages = {"about", "index", "docs/index", "releases/0.1.0"}
    entries = [
        ("About", "about.html"),
        ("Home", "https://x.org"),
        ("Raw", "files/cv.pdf"),
        ("Mamba", "blog/tag/mamba"),
        ("Docs", "docs/"),
        ("Guide", "guide/"),
        ("Team", "about#team"),
        ("Release", "releases/0.1.0"),
        ("Top", "#top"),
        ("Root", "/x"),
    ]
    links = extra_nav(entries, "about", pages, lambda name: f"page:{name}", "root:{}".format)
    assert links == [
        NavLink("About", "page:about", "page"),
        NavLink("Home", "https://x.org"),
        NavLink("Raw", "root:files/cv.pdf"),
        # a page that does not exist is linked as it will be once it does
        NavLink("Mamba", "page:blog/tag/mamba"),
        NavLink("Docs", "page:docs/index"),  # a folder: its index page, when there is one
        NavLink("Guide", "page:guide"),  # ...else the page of that name
        NavLink("Team", "page:about#team", "page"),
        NavLink("Release", "page:releases/0.1.0"),  # a page, though its name has a suffix
        NavLink("Top", "#top"),
        NavLink("Root", "/x"),
    ]


def test_body_is_split_after_the_post_header() -> None:
    body = '<h1>T</h1>\n<div class="bp-post-header">\n<p>a</p>\n</div>\n<p>text</p>'
    assert split_after_post_header(body) == (
        '<h1>T</h1>\n<div class="bp-post-header">\n<p>a</p>\n</div>',
        "\n<p>text</p>",
    )
    assert split_after_post_header("<p>no header</p>") is None


# -- budgets --------------------------------------------------------------------------------
def test_assets_stay_within_budget() -> None:
    assert (STATIC / "dispatches.css").stat().st_size < 30 * 1024
    assert (STATIC / "dispatches.js").stat().st_size < 5 * 1024


def test_components_say_what_they_show() -> None:
    """Each template opens with a one-line comment of what it shows."""
    for template in THEME_PATH.rglob("*.html"):
        first = template.read_text("utf8").lstrip()
        assert first.startswith("{#"), template.name


# -- nav_links: pages by name, whether they exist yet or not --------------------------------
NAV_ROOT = ROOTS / "test-nav-links"
NAV_CONF = "conf.py:6"  # where the root's conf.py sets html_theme_options
NAV_EXPECTED = {  # builder -> (page, {title: href})
    "html": ("about.html", {
        "About": "about.html", "Docs": "docs/index.html",
        "Attention": "blog/tag/attention.html#posts", "Mamba": "blog/tag/mamba.html",
        "Typo": "blog/tag/atention.html", "Legacy": "legacy.html", "Index": "genindex.html",
        "CV": "files/cv.pdf", "Source": "https://example.org/source",
    }),
    "dirhtml": ("about/index.html", {
        "About": "./", "Docs": "../docs/", "Attention": "../blog/tag/attention/#posts",
        "Mamba": "../blog/tag/mamba/", "Typo": "../blog/tag/atention/", "Legacy": "../legacy/",
        "Index": "../genindex/", "CV": "../files/cv.pdf", "Source": "https://example.org/source",
    }),
}  # fmt: skip
#: Entries that name no page of the build: in dirhtml, ``legacy`` is ``legacy/``, which
#: ``extra/legacy.html`` is not.
NAV_MISSING = {"html": ["blog/tag/atention", "blog/tag/mamba"]}
NAV_MISSING["dirhtml"] = [*NAV_MISSING["html"], "legacy"]
_NAMES_NO_PAGE = re.compile(r"entry '([^']+)' names no document or blog page")


def nav_hrefs(outdir: Path, page: str) -> dict[str, str]:
    """The extra entries of a page's site navigation (after Blog, Archive, ...): title -> href."""
    links = page_soup(outdir, page).select("nav.bp-site-nav a")[4:]
    return {a.get_text(): attr(a, "href") for a in links}


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_nav_links_name_pages_as_the_builder_links_them(
    make_app: Any, tmp_path: Path, builder: str
) -> None:
    result = build(make_app, builder, srcdir=NAV_ROOT, builddir=tmp_path)
    page, expected = NAV_EXPECTED[builder]
    hrefs = nav_hrefs(result.outdir, page)
    assert hrefs == expected
    for title, href in hrefs.items():
        missing = title in ("Mamba", "Typo", "CV") or (builder, title) == ("dirhtml", "Legacy")
        if not href.startswith("https://"):
            assert resolves(result.outdir, page, href) is not missing, title
    # One warning for each entry that names no page, in this build of several pages.
    named = sorted(m[1] for w in result.warnings if (m := _NAMES_NO_PAGE.search(w)))
    assert named == NAV_MISSING[builder]
    assert len(result.warnings) == len(NAV_MISSING[builder])
    for warning in result.warnings:
        assert f"{NAV_CONF}: WARNING: " in warning and warning.endswith("[blogpost.config]")


def test_nav_link_warnings_can_be_suppressed(make_app: Any, tmp_path: Path) -> None:
    overrides = {"suppress_warnings": ["blogpost.config"]}
    result = build(make_app, "html", srcdir=NAV_ROOT, builddir=tmp_path, confoverrides=overrides)
    assert result.warnings == []
    assert nav_hrefs(result.outdir, "about.html")["Mamba"] == "blog/tag/mamba.html"


def test_a_nav_link_reaches_its_page_once_it_exists_from_pages_not_written_again(
    make_app: Any, tmp_path: Path
) -> None:
    srcdir = copy_root("nav-links", tmp_path)
    first = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert any("'blog/tag/mamba' names no" in warning for warning in first.warnings)
    about = first.outdir / "about.html"
    written = about.stat().st_mtime_ns
    (srcdir / "mamba.rst").write_text(
        "On Mamba\n========\n\n.. blogpost::\n   :date: 2025-05-01\n   :tags: mamba\n\nText.\n"
    )
    second = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert not any("'blog/tag/mamba'" in warning for warning in second.warnings)
    assert about.stat().st_mtime_ns == written  # the page was not written again...
    href = nav_hrefs(second.outdir, "about.html")["Mamba"]
    assert resolves(second.outdir, "about.html", href)  # ...and its link reaches the new page


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_nav_links_that_lead_elsewhere_once_a_page_exists_are_written_again(
    make_app: Any, tmp_path: Path, builder: str
) -> None:
    # "notes/" is the page notes/index once there is one; "releases/1.2" a file until there
    # is a page of that name; "blog/series/" the series index once a post has a series. Every
    # page shows the links: all are written again, the blog's generated pages too.
    srcdir = copy_root("nav-links", tmp_path)
    entries = [("Notes", "notes/"), ("Release", "releases/1.2"), ("Series", "blog/series/")]
    options = {"html_theme_options": {"nav_links": entries}, "suppress_warnings": ["blogpost"]}
    out = tmp_path / "incremental"
    build(make_app, builder, srcdir=srcdir, builddir=out, confoverrides=options)
    suffix = ".html" if builder == "html" else "/index.html"

    def same_links_as_a_clean_build(step: str, page: str) -> None:
        incremental = build(make_app, builder, srcdir=srcdir, builddir=out, confoverrides=options)
        clean = build(make_app, builder, srcdir=srcdir, builddir=tmp_path / f"clean-{step}",
                      confoverrides=options)  # fmt: skip
        links = page_soup(incremental.outdir, page).select("nav.bp-site-nav a")[4:]
        assert [attr(a, "href") for a in links] == [
            attr(a, "href") for a in page_soup(clean.outdir, page).select("nav.bp-site-nav a")[4:]
        ], (step, page)

    # The first series: a page the blog generates, whose own content is the same, too.
    post = srcdir / "post.rst"
    post.write_text(post.read_text().replace(":tags:", ":series: Attention\n   :tags:"))
    same_links_as_a_clean_build("series", "blog/tag/index.html")
    for path in ("notes/index.rst", "releases/1.2.rst"):
        (srcdir / path).parent.mkdir()
        (srcdir / path).write_text(f"{path}\n{'=' * len(path)}\n\nText.\n")
    with (srcdir / "index.rst").open("a") as index:
        index.write("\n.. toctree::\n\n   notes/index\n   releases/1.2\n")
    same_links_as_a_clean_build("documents", f"about{suffix}")
    links = page_soup(out / builder, f"about{suffix}").select("nav.bp-site-nav a")[4:]
    assert all(resolves(out / builder, f"about{suffix}", attr(a, "href")) for a in links)


# -- builders that write the context itself -------------------------------------------------
@pytest.mark.parametrize("builder", ["json", "pickle"])
def test_serializing_builders_get_the_context_as_plain_data(
    make_app: Any, tmp_path: Path, builder: str
) -> None:
    # json and pickle dump every page's context: a cover and nav links as dicts, not as this
    # extension's classes (which json cannot dump: the build stopped with a TypeError); the
    # body once, in `body`, not again split for the cover (no template prints it here).
    files = {
        "post.rst": "A post\n======\n\n.. blogpost::\n   :date: 2025-01-02\n"
        "   :image: https://example.org/cover.png\n\nA body to keep once.\n"
    }
    srcdir = make_site(tmp_path / "src", files, 'extensions = ["sphinx_blogpost"]\n')
    options = {**THEMED, "html_theme_options": {"nav_links": [("Source", "https://example.org/")]}}
    result = build(make_app, builder, srcdir=srcdir, builddir=tmp_path / "out",
                   confoverrides=options)  # fmt: skip
    assert result.warnings == []
    if builder == "json":
        written = (result.outdir / "post.fjson").read_text("utf8")
        assert written.count("<p>A body to keep once.</p>") == 1
        context = json.loads(written)
    else:
        # Loaded where this extension's classes are unknown, as a program serving pages would.
        keys = ("blogpost_cover", "blogpost_nav", "blogpost_body_parts", "body")
        loader = "import pickle; c = pickle.load(open(sys.argv[1], 'rb'))\n"
        loader += f"print({{k: c[k] for k in {keys}}})"
        script = "import sys; sys.modules['sphinx_blogpost'] = None; " + loader
        shown = subprocess.run([sys.executable, "-c", script, result.outdir / "post.fpickle"],
                               capture_output=True, text=True, check=True).stdout  # fmt: skip
        context = ast.literal_eval(shown)
    assert context["blogpost_cover"] == {"url": "https://example.org/cover.png", "alt": ""}
    assert context["blogpost_body_parts"] is None
    assert "<p>A body to keep once.</p>" in context["body"]
    assert {"title": "Source", "url": "https://example.org/", "current": ""} in context[
        "blogpost_nav"
    ]


def test_singlehtml_has_no_search_form(make_app: Any, tmp_path: Path) -> None:
    # singlehtml writes no search page: a search box would lead to a missing search.html.
    result = build(make_app, "singlehtml", srcdir=ROOTS / "test-theme-only", builddir=tmp_path)
    assert result.warnings == []
    page = page_soup(result.outdir, "index.html")
    assert page.select("form.bp-search") == []
    assert not (result.outdir / "search.html").exists()
    assert page.select_one(".bp-post-header") is not None  # the page itself is all there
