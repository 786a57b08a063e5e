"""ABlog compatibility (``blogpost_ablog_compat``): ABlog's forms read as posts, its settings
mapped with a hint, its dates, the clear error beside ABlog, and three real ABlog blogs."""

from __future__ import annotations

import json
import re
import shutil
import sys
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup
from dateutil import parser as dateutil_parser
from docutils import nodes
from docutils.utils import new_document
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

from sphinx_blogpost.ablog import (
    _registered_id,
    ablog_date,
    ablog_postlist_options,
    language_code,
    translate,
)
from sphinx_blogpost.collector import get_blog, posts_of

from .conftest import ROOTS, make_site, warnings_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx_blogpost.posts import Post

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Site:
    """What one build left: warnings, posts, listed posts, output folder and post index."""

    def __init__(self, app: SphinxTestApp) -> None:
        self.warnings = warnings_of(app)
        self.posts: dict[str, Post] = dict(posts_of(app.env))
        self.listed = [p.docname for p in get_blog(app).posts]
        self.config = app.config
        self.outdir = Path(app.outdir)

    def page(self, name: str) -> BeautifulSoup:
        html = (self.outdir / f"{name}.html").read_text("utf8")
        return BeautifulSoup(html, "html.parser")

    def index(self, root: str = "blog") -> dict[str, dict[str, Any]]:
        data = json.loads((self.outdir / root / "index.json").read_text("utf8"))
        return {entry["docname"]: entry for entry in data["posts"]}


def run_build(srcdir: Path, builddir: Path, **confoverrides: Any) -> Site:
    """Build once and keep what the tests read (module-scoped builds serve many tests)."""
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        builddir=builddir,
        confoverrides=confoverrides,
        status=StringIO(),
        warning=StringIO(),
        freshenv=True,
    )
    try:
        app.build()
        return Site(app)
    finally:
        app.cleanup()


COMPAT = (
    'extensions = ["sphinx_blogpost"]\nblogpost_ablog_compat = True\n'
    'html_baseurl = "https://example.org/"\n'
)


# -- ABlog's forms give the same posts and pages as the same posts written natively -------
@pytest.fixture(scope="module")
def style(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return run_build(ROOTS / "test-ablog-style", tmp_path_factory.mktemp("style"))


@pytest.fixture(scope="module")
def native(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return run_build(ROOTS / "test-ablog-native", tmp_path_factory.mktemp("native"))


STYLE_HINTS = [  # (conf.py line, message): one hint per ABlog setting, and nothing else
    (5, "blog_title is ABlog's; use blogpost_title = 'Field Notes'"),
    (6, "blog_baseurl is ABlog's; use html_baseurl = 'https://notes.example.org/'"),
    (7, "blog_path is ABlog's; use blogpost_root = 'notes'"),
    (
        8,
        "blog_authors is ABlog's; use blogpost_authors = {'ada': {'name': 'Ada Lovelace', "
        "'url': 'https://ada.example.org/'}, 'lin': {'name': 'Lin Wei'}}",
    ),
    (12, "blog_default_author is ABlog's; use blogpost_default_author = 'lin'"),
    (13, "blog_feed_length is ABlog's; use blogpost_feed_length = 5"),
    (14, "blog_feed_fulltext is ABlog's; use blogpost_feed_full_text = True"),
    (
        15,
        "blog_feed_archives is ABlog's: sphinx-blogpost always writes an Atom feed per "
        "category, tag, author and series; remove it",
    ),
    (16, "post_date_format is ABlog's; use blogpost_date_format = '%d %B %Y'"),
]


def _hint(line: str) -> tuple[int, str]:
    match = re.fullmatch(r".*/conf\.py:(\d+): WARNING: (.*) \[blogpost\.config\]", line)
    assert match, line
    return int(match[1]), match[2]


def test_ablog_settings_are_mapped_each_with_one_hint(style, native):
    assert native.warnings == []
    assert sorted(_hint(line) for line in style.warnings) == STYLE_HINTS
    for name in (
        "blogpost_title", "blogpost_root", "blogpost_authors", "blogpost_default_author",
        "blogpost_feed_length", "blogpost_feed_full_text", "blogpost_date_format",
        "html_baseurl",
    ):  # fmt: skip
        assert style.config[name] == native.config[name], name


def test_ablog_forms_give_the_same_posts(style, native):
    assert sorted(style.posts) == sorted(native.posts) == [
        "ablog_myst", "ablog_rst", "excerpt_content", "exclude", "fieldlist", "frontmatter",
        "pattern/first",
    ]  # fmt: skip
    for docname, post in style.posts.items():
        assert post == native.posts[docname], docname
    # ABlog's `nocomments`, in its directive and its front matter, turns a post's comments off
    assert [d for d, post in sorted(style.posts.items()) if not post.comments] == [
        "ablog_rst", "frontmatter",
    ]  # fmt: skip
    assert style.listed == native.listed


def test_what_each_ablog_option_became(style):
    posts = style.posts
    rst = posts["ablog_rst"]
    assert rst.date.iso == "2021-01-25"  # "Jan 25, 2021"
    assert rst.updated.iso == "2021-02-02"  # the latest `update`
    assert (rst.categories, rst.tags, rst.language) == (
        ("Notes", "Archive"),
        ("rst", "ablog"),
        "en",
    )
    assert [(a.key, a.name, a.url) for a in rst.authors] == [
        ("ada", "Ada Lovelace", "https://ada.example.org/"),
        ("lin", "Lin Wei", ""),
    ]
    # `:excerpt: 2`: the first two paragraphs
    assert rst.summary == "First paragraph of the post. Second paragraph, still in the excerpt."
    assert posts["ablog_myst"].date.iso == "2021-01-02"  # 01/02/2021, month first as in ABlog
    assert posts["excerpt_content"].summary == "This paragraph is the excerpt, as ABlog writes it."
    assert posts["exclude"].summary == "Only listings show this excerpt."
    front = posts["frontmatter"]
    assert front.title == "Listed title"  # ABlog's `title` names the post in listings
    assert (front.image, front.summary) == ("cover.png", "First paragraph.")  # `image: 1`
    assert posts["fieldlist"].date.iso == "2021-01-25"  # read with post_date_format


def test_the_page_shows_the_excerpt_unless_excluded_and_updates(style, native):
    assert "This paragraph is the excerpt" in style.page("excerpt_content").get_text()
    assert "Only listings show this excerpt" not in style.page("exclude").get_text()
    updates = style.page("ablog_rst").select(".admonition.update .admonition-title")
    assert [title.get_text() for title in updates] == [
        "Updated on 2 February 2021",
        "Updated on 1 February 2021",
    ]
    assert updates == native.page("ablog_rst").select(".admonition.update .admonition-title")
    # the heading of the page stays as written; `title` only names the post elsewhere
    assert style.page("frontmatter").select_one("h1").get_text().startswith("Heading in the page")


def test_headers_cards_listings_and_index_are_the_same(style, native):
    pages = ["notes/index", "notes/archive", "notes/category/notes", "notes/tag/rst"]
    for name in pages:
        mine, theirs = style.page(name), native.page(name)
        assert mine.select(".bp-card"), name
        assert mine.select(".bp-card") == theirs.select(".bp-card"), name
    for docname in style.posts:
        header = style.page(docname).select_one(".bp-post-header")
        assert header == native.page(docname).select_one(".bp-post-header"), docname
    assert style.page("lists").select(".bp-listing") == native.page("lists").select(".bp-listing")
    assert style.index("notes") == native.index("notes")


# -- pure parts -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("written", "date_format", "iso"),
    [
        ("Jan 25, 2021", None, "Jan 25, 2021"),  # read alike by both: left as written
        ("2021-01-25 10:00", None, "2021-01-25 10:00"),
        ("25 January 2021", "%d %B %Y", "2021-01-25"),
        ("Jan 8th, 2024", None, "Jan 8th, 2024"),
        ("01/02/2021", None, "2021-01-02"),  # dateutil's default, as in ABlog: month first
        ("01/02/2021 10:30", None, "2021-01-02T10:30:00+00:00"),
        ("01/02/2021", "%d/%m/%Y", "2021-02-01"),  # post_date_format is tried first
        ("01/02/2021 10:30", "%d/%m/%Y %H:%M", "2021-02-01T10:30:00"),
        ("next tuesday", None, "next tuesday"),  # left for the collector to report
    ],
)
def test_dates_as_ablog_reads_them(written, date_format, iso):
    assert ablog_date(written, date_format) == iso


def test_written_dates_parse_to_the_same_day():
    from sphinx_blogpost.posts import parse_date

    for written in ("Jan 25, 2021", "January 25 2021", "25 January 2021", "25th Jan 2021"):
        assert parse_date(ablog_date(written, None)).iso == "2021-01-25", written


def test_translate_keeps_ours_maps_ablogs_and_drops_empty_names():
    problems: list[tuple[str, str]] = []

    def report(message: str, option: str) -> None:
        problems.append((message, option))

    declaration = translate(
        {
            "date": "Jan 25, 2021",
            "tags": "a, , b,",
            "location": "London, England",
            "redirect": "old",
            "external_link": "https://x.org",
            "canonical_link": "https://x.org",
            "nocomments": None,
            "title": "  Listed  ",
            "excerpt": "3",
            "image": "2",
            "exclude": None,
            "language": "English, French",
            "series": "Mine",
            "colour": "blue",
        },
        report,
    )
    assert declaration.options == {
        "date": "Jan 25, 2021",
        "tags": "a, , b,",
        "nocomments": None,  # ours too: the post's comments are off
        "redirect": "old",  # ours too: a page at the old address leads to the post
        "language": "en",
        "series": "Mine",
        "colour": "blue",  # neither ABlog's nor ours: the collector warns as for `blogpost`
    }
    assert (declaration.title, declaration.excerpt, declaration.image) == ("Listed", 3, 2)
    assert declaration.exclude and problems == []
    assert translate({"image": "img/cover.png"}, report).options == {"image": "img/cover.png"}
    assert not translate({"exclude": False}, report).exclude
    assert not translate({"exclude": "no"}, report).exclude
    assert translate({"exclude": True}, report).exclude
    assert translate({"excerpt": "many"}, report).excerpt is None
    assert translate({"excerpt": "²"}, report).excerpt is None  # "²".isdigit(); not int()'s
    assert translate({"image": "²"}, report).options == {"image": "²"}  # a file, then
    # the option is named, so that the warning can point at the line that sets it
    assert problems == [
        ("excerpt 'many' is not a whole number of paragraphs", "excerpt"),
        ("excerpt '²' is not a whole number of paragraphs", "excerpt"),
    ]


def test_an_ablog_title_of_control_characters_warns_and_the_blog_is_written(tmp_path):
    files = {  # YAML's "\ud800" is a lone surrogate, which no page or feed can hold
        "post.md": '---\nblogpost: true\ndate: 2025-01-01\ntitle: "\\ud800"\n---\n'
        "# Heading\n\nText.\n"
    }
    site = run_build(make_site(tmp_path / "src", files, COMPAT), tmp_path / "out")
    assert [w for w in site.warnings if "[blogpost.title]" in w]
    assert site.posts["post"].title == "post"
    assert json.loads((site.outdir / "blog/index.json").read_text("utf8"))["posts"]


def test_an_ablog_option_given_twice_warns_at_its_line_and_the_post_is_kept(tmp_path):
    """docutils' option parsing dropped the whole post, with its error shown in the page; the
    options are read as `blogpost` reads its own, in reStructuredText and in MyST."""
    files = {
        "twice.rst": "Twice\n=====\n\n.. post:: 2021-01-25\n   :tags: a\n   :tags: b\n"
        "   :excerpt: many\n   :exclude:\n\n   The excerpt.\n\nThe body.\n",
        "twice_myst.md": "# Twice in MyST\n\n```{post} 2021-01-26\n:tags: a\n:tags: c\n\n"
        "The excerpt.\n```\n\nThe body.\n",
        "twice_yaml.md": "# Twice in YAML\n\n```{post} 2021-01-27\n---\ntags: a\ntags: d\n---\n"
        "The excerpt.\n```\n",
    }
    site = run_build(make_site(tmp_path / "src", files, COMPAT), tmp_path / "out")
    given_twice = "option 'tags' is given twice; the last one is used [blogpost.option]"
    assert sorted(w.split("/src/")[1] for w in site.warnings) == [
        f"twice.rst:6: WARNING: {given_twice}",
        "twice.rst:7: WARNING: excerpt 'many' is not a whole number of paragraphs "
        "[blogpost.option]",
        f"twice_myst.md:5: WARNING: {given_twice}",
        f"twice_yaml.md:6: WARNING: {given_twice}",
    ]
    assert [site.posts[name].tags for name in ("twice", "twice_myst", "twice_yaml")] == [
        ("b",),
        ("c",),
        ("d",),
    ]
    assert all(site.posts[name].summary == "The excerpt." for name in site.posts)
    page = (site.outdir / "twice.html").read_text("utf8")
    assert "The excerpt." not in page.split('<div class="body"', 1)[1]  # :exclude:
    assert "The excerpt." in (site.outdir / "twice_myst.html").read_text("utf8")


def test_empty_ablog_lists_give_no_empty_names(make_app, tmp_path):
    files = {
        "post.rst": "Post\n====\n\n.. post:: 2021-01-25\n   :tags: a,, b, \n   :author:\n"
        "   :category: ,Notes\n\nText.\n"
    }
    src = make_site(tmp_path / "src", files, COMPAT)
    site = run_build(src, tmp_path / "out")
    post = site.posts["post"]
    assert (post.tags, post.categories, post.authors) == (("a", "b"), ("Notes",), ())
    assert site.warnings == []


def test_a_value_for_the_exclude_flag_that_is_not_true_or_false_warns(tmp_path):
    """As `draft` and `pin` say it (ABlog itself stops the build at any value)."""
    files = {
        "post.rst": "Post\n====\n\n.. post:: 2021-01-25\n   :exclude: maybe\n\n   Excerpt.\n"
        "\nText.\n"
    }
    site = run_build(make_site(tmp_path / "src", files, COMPAT), tmp_path / "out")
    assert len(site.warnings) == 1, site.warnings
    assert "option 'exclude' is a flag; 'maybe' is not true or false" in site.warnings[0]
    assert site.warnings[0].endswith("[blogpost.option]")
    assert "Excerpt." in (site.outdir / "post.html").read_text("utf8")  # not excluded


@pytest.mark.parametrize(
    ("name", "code"),
    [("English", "en"), ("en", "en"), ("pt-BR", "pt-BR"), ("german", "de"), ("Elvish", "Elvish")],
)
def test_language_names_become_codes(name, code):
    assert language_code(name) == code


def test_postlist_options_map_onto_the_query():
    assert ablog_postlist_options(
        {"tags": "a", "sort": "", "excerpts": "", "format": "{title}", "expand": "More"}, ["3"]
    ) == {"tags": "a", "sort": "-date", "limit": "3", "layout": "list"}
    assert ablog_postlist_options({"sort": "-title", "layout": "cards"}, []) == {
        "sort": "-title",
        "layout": "cards",
    }
    assert ablog_postlist_options({}, []) == {"layout": "compact"}


def test_ablogs_sort_flag_lists_the_newest_posts_oldest_first(tmp_path):
    """ABlog's `.. postlist:: N` with `:sort:` takes the N newest posts and shows them oldest
    first; sphinx-blogpost's `:sort: date` keeps its meaning (the N oldest)."""
    files = {
        f"posts/{month}.rst": f"{month}\n===\n\n.. post:: 2021-{month}-01\n\nText.\n"
        for month in ("01", "02", "03", "04")
    }
    files["lists.rst"] = (
        "Lists\n=====\n\n.. postlist:: 2\n   :sort:\n\n.. postlist:: 2\n   :sort: date\n\n"
        ".. postlist::\n   :sort:\n\n.. postlist:: 2\n"
    )
    site = run_build(make_site(tmp_path / "src", files, COMPAT), tmp_path / "out")
    assert site.warnings == []
    listings = site.page("lists").select(".bp-listing")
    titles = [[a.get_text() for a in listing.select("a")] for listing in listings]
    assert titles == [["03", "04"], ["01", "02"], ["01", "02", "03", "04"], ["04", "03"]]


def test_an_ablog_postlist_option_given_twice_warns_at_its_line_and_the_listing_is_kept(
    tmp_path,
):
    """docutils' option parsing dropped the whole listing, with its error shown in the page;
    ABlog's `postlist` reads its options as `postlist` does, after its argument or without
    one, in reStructuredText and in MyST."""
    files = {
        f"posts/{tag}.rst": f"{tag}\n===\n\n.. post:: 2021-01-0{day}\n   :tags: {tag}\n\nText.\n"
        for day, tag in enumerate(("a", "b", "c"), start=1)
    }
    files["lists.rst"] = (
        "Lists\n=====\n\n.. postlist:: 5\n   :tags: a\n   :tags: b\n   :excerpts:\n\n"
        ".. postlist::\n   :tags: c\n   :tags: a, c\n   :nonsense: 1\n"
    )
    files["lists_myst.md"] = "# Lists\n\n```{postlist} 5\n:tags: a\n:tags: c\n```\n"
    site = run_build(make_site(tmp_path / "src", files, COMPAT), tmp_path / "out")
    given_twice = "option 'tags' is given twice; the last one is used [blogpost.option]"
    assert sorted(w.split("/src/")[1] for w in site.warnings) == [
        f"lists.rst:11: WARNING: {given_twice}",
        "lists.rst:12: WARNING: unknown postlist option 'nonsense' [blogpost.option]",
        f"lists.rst:6: WARNING: {given_twice}",
        f"lists_myst.md:5: WARNING: {given_twice}",
    ]
    titles = [
        [a.get_text() for a in listing.select(".bp-card-title a")]
        for page in ("lists", "lists_myst")
        for listing in site.page(page).select(".bp-listing")
    ]
    assert titles == [["b"], ["c", "a"], ["c"]]
    first = site.page("lists").select_one(".bp-listing")
    assert first is not None and "bp-layout-list" in first["class"]  # :excerpts: was read


# -- blog_post_pattern, and what compat mode leaves alone --------------------------------------
def test_blog_post_pattern_makes_posts(tmp_path):
    files = {
        "blog/2021/dated.md": "---\ndate: 2021-01-25\ntags: a, b\npermalink: x\n---\n# D\n\nT.\n",
        "blog/2021/undated.md": "---\ncategory: thoughts\n---\n# Undated\n\nText.\n",
        "blog/2021/nofront.md": "# No front matter\n\nText.\n",
        "blog/2021/declared.rst": "Declared\n========\n\n.. post:: 2021-02-01\n\nT.\n",
        "blog/about.md": "# About\n\nNot matched by the pattern.\n",
    }
    conf = COMPAT + 'blog_post_pattern = ["blog/*/*"]\n'
    site = run_build(make_site(tmp_path / "src", files, conf), tmp_path / "out")
    assert sorted(site.posts) == [
        "blog/2021/dated", "blog/2021/declared", "blog/2021/nofront", "blog/2021/undated",
    ]  # fmt: skip
    assert site.posts["blog/2021/dated"].tags == ("a", "b")  # `permalink` is ignored
    assert site.listed == ["blog/2021/declared", "blog/2021/dated"]
    # a matched document without a date is a draft in ABlog; here it warns as any undated post
    undated = sorted(line for line in site.warnings if "[blogpost.date]" in line)
    assert len(undated) == 2 and len(site.warnings) == 2
    assert "nofront.md:1" in undated[0] and "undated.md:1" in undated[1]


def test_blogpost_false_takes_a_page_out_of_blog_post_pattern(tmp_path):
    """A page the pattern matches is a post unless it says it is not one (ABlog only looks
    for the key, so its `blogpost: false` made a post: surely not what its author meant)."""
    files = {
        "blog/post.md": "---\ndate: 2021-01-25\n---\n# Post\n\nT.\n",
        "blog/intro.md": "---\nblogpost: false\n---\n# The blog\n\nT.\n",
        "blog/about.rst": ":blogpost: no\n\nAbout\n=====\n\nT.\n",
    }
    conf = COMPAT + 'blog_post_pattern = ["blog/*"]\n'
    site = run_build(make_site(tmp_path / "src", files, conf), tmp_path / "out")
    assert site.warnings == []
    assert sorted(site.posts) == ["blog/post"]


def test_an_author_missing_from_blog_authors_is_a_name_as_in_ablog(tmp_path):
    """ABlog takes any author for a name: a blog that registers a few authors names the
    others plainly, and would get a warning for each of their posts."""
    files = {
        "guest.rst": "Guest\n=====\n\n.. post:: 2021-01-25\n   :author: Guest Writer, ada\n\nT.\n"
    }
    conf = COMPAT + 'blog_authors = {"ada": ("Ada Lovelace", None)}\n'
    site = run_build(make_site(tmp_path / "src", files, conf), tmp_path / "out")
    assert len(site.warnings) == 1 and "blog_authors is ABlog's" in site.warnings[0]  # a hint
    assert [a.name for a in site.posts["guest"].authors] == ["Guest Writer", "Ada Lovelace"]


LINES_ROOT = ROOTS / "test-ablog-lines"
_UNREADABLE_DATE = "date: cannot read 'next tuesday' as a date; the post is not listed"
KEY_LINES = [  # (file, line, subtype, message): each at the line of the key that sets it
    ("myst_frontmatter.md", 4, "date", _UNREADABLE_DATE),
    # (an author missing from the registry is a name, as in ABlog: nothing to warn about)
    ("myst_frontmatter.md", 5, "option", "author: '\\u200b' has nothing visible in it"),
    ("myst_frontmatter.md", 6, "category", "category 'Gardening' is not in blogpost_categories"),
    ("myst_frontmatter.md", 7, "option", "excerpt 'many' is not a whole number of paragraphs"),
    ("pattern/undated.md", 1, "date", "the post has no date; it is not listed"),  # no key to name
    ("pattern/undated.md", 3, "category", "category 'Gardening' is not in blogpost_categories"),
    ("pattern/undated.md", 4, "option", "option 'tags' is given twice; the last one is used"),
    # a docinfo after a comment; `date` and `Authors` become docutils' bibliographic nodes
    ("rst_fields.rst", 6, "date", _UNREADABLE_DATE),
    ("rst_fields.rst", 7, "option", "author: '\\u200b' has nothing visible in it"),
    ("rst_fields.rst", 8, "option", "excerpt 'many' is not a whole number of paragraphs"),
    ("rst_fields.rst", 9, "option", "language 'Elvish' is not a code such as 'en' or 'pt-BR'"),
]  # fmt: skip
_WARNING = re.compile(
    r"(?P<file>.+):(?P<line>\d+): WARNING: (?P<message>.*) \[blogpost\.(?P<subtype>\w+)\]"
)


def test_top_level_front_matter_warns_at_the_line_of_each_key(tmp_path):
    """ABlog's front matter (MyST's `blogpost: true`, rST's `:blogpost: true` field list, a
    post by `blog_post_pattern`): a bad value warns at the line of its key, ABlog's own keys
    (`excerpt`, `language` as a name) and `Authors` (read as `author`) included."""
    site = run_build(LINES_ROOT, tmp_path)
    found = []
    for line in site.warnings:
        match = _WARNING.fullmatch(line)
        assert match, line
        file = Path(match["file"]).relative_to(LINES_ROOT).as_posix()
        found.append((file, int(match["line"]), match["subtype"], match["message"]))
    assert sorted(found) == KEY_LINES
    # the values around the bad ones are read as before
    assert site.posts["rst_fields"].tags == ("lines", "rst")
    assert [a.name for a in site.posts["rst_fields"].authors] == ["Ada Lovelace"]
    assert site.posts["myst_frontmatter"].tags == ("lines", "myst")
    assert site.posts["pattern/undated"].tags == ("lines", "again")


def test_an_author_list_in_top_level_front_matter_names_each_author(tmp_path):
    """docutils reads `author` and `authors` as its own fields, which MyST fills with JSON
    for a YAML list: each listed author is named, with `blogpost: true` or by the pattern."""
    front = "---\nblogpost: true\ndate: 2021-01-25\n{}\n---\n# Post\n\nText.\n"
    files = {
        "list.md": front.format("author: [ada, lin]"),
        "plural.md": front.format("authors: [ada, lin]"),
        "one.md": front.format("author: [lin]"),
        "pattern/post.md": "---\ndate: 2021-01-25\nauthor: [ada, lin]\n---\n# P\n\nT.\n",
    }
    authors = {"ada": {"name": "Ada Lovelace"}, "lin": {"name": "Lin Wei"}}
    conf = COMPAT + f'blogpost_authors = {authors!r}\nblog_post_pattern = "pattern/*"\n'
    site = run_build(make_site(tmp_path / "src", files, conf), tmp_path / "out")
    assert site.warnings == []
    names = {doc: [a.name for a in post.authors] for doc, post in site.posts.items()}
    both = ["Ada Lovelace", "Lin Wei"]
    assert names == {"list": both, "plural": both, "one": ["Lin Wei"], "pattern/post": both}


def test_top_level_front_matter_is_read_as_written_in_myst(tmp_path):
    """MyST renders `author` as Markdown (here with smart quotes) and a list as JSON: ABlog's
    keys and ours are read from the YAML as written, with `blogpost: true` or by the pattern."""
    files = {
        "post.md": (
            "---\nblogpost: true\ndate: 2021-01-25\nauthor: [ada, lin]\nexcerpt: 2\n"
            "title: '\"Quoted\" *stars* and __init__'\nlanguage: English\nlocation: <x@y>\n"
            "---\n# Post\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n"
        ),
        "pattern/post.md": (
            '---\ndate: 2021-01-26\nauthor: [ada, lin]\ntags: snake_case, "c d"\n---\n'
            "# Pattern\n\nText.\n"
        ),
    }
    authors = {"ada": {"name": "Ada Lovelace"}, "lin": {"name": "Lin Wei"}}
    conf = (
        COMPAT + 'myst_enable_extensions = ["smartquotes"]\n'
        f'blogpost_authors = {authors!r}\nblog_post_pattern = "pattern/*"\n'
    )
    site = run_build(make_site(tmp_path / "src", files, conf), tmp_path / "out")
    assert site.warnings == []
    post, by_pattern = site.posts["post"], site.posts["pattern/post"]
    both = ["Ada Lovelace", "Lin Wei"]
    assert [a.name for a in post.authors] == [a.name for a in by_pattern.authors] == both
    assert post.title == '"Quoted" *stars* and __init__'
    assert (post.summary, post.language) == ("First paragraph. Second paragraph.", "en")
    assert by_pattern.tags == ("snake_case", "c d")  # ABlog unquotes a tag


def test_a_post_is_labelled_with_its_file_name_as_in_ablog(tmp_path):
    files = {
        "blog/axolotl-atlas.md": "---\nblogpost: true\ndate: 2024-01-08\n---\n# Axolotl\n\nT.\n",
        "posts/2021/index.rst": "Folder post\n===========\n\n.. post:: 2021-02-01\n\nT.\n",
        "refs.md": "# Refs\n\n{ref}`axolotl-atlas` and {ref}`the folder post <2021>`.\n",
    }
    site = run_build(make_site(tmp_path / "src", files, COMPAT), tmp_path / "out")
    assert site.warnings == []
    links = [(a["href"], a.get_text()) for a in site.page("refs").select("a.reference")]
    assert links == [
        ("blog/axolotl-atlas.html#axolotl", "Axolotl"),
        ("posts/2021/index.html#folder-post", "the folder post"),
    ]


def test_a_post_whose_section_ids_were_rewritten_is_labelled_by_its_anchor(tmp_path):
    """nbsphinx gives a notebook's sections Jupyter's anchors without telling the document:
    the post's label names the anchor the page has, and the build does not stop."""
    site = run_build(ROOTS / "test-ablog-notebook-ids", tmp_path)
    assert site.warnings == []
    anchor = "Transition-from-datetime-to-astropy.time"
    assert site.page("notebooks/time").select_one(f"section[id='{anchor}']")
    links = [(a["href"], a.get_text()) for a in site.page("index").select("a.reference")]
    assert links == [(f"notebooks/time.html#{anchor}", "Transition from datetime to astropy.time")]
    assert site.posts["notebooks/time"].tags == ("sunpy", "time")


def test_a_label_never_names_an_id_that_another_node_holds():
    document = new_document("post.rst")
    section, other = nodes.section(ids=["Title"]), nodes.target(ids=["Title"])
    document += [other, section]
    document.ids["Title"] = other
    assert _registered_id(document, section) is None
    section["ids"].append("title-1")  # not known to the document yet: it is registered
    assert _registered_id(document, section) == "title-1"
    assert document.ids["title-1"] is section


def test_posts_need_no_toctree_and_ablog_sidebars_are_replaced_or_left_out(tmp_path):
    files = {
        "index.rst": "Home\n====\n\nNo toctree, as in many ABlog sites.\n",
        "posts/a.rst": "A\n=\n\n.. post:: 2021-01-25\n\nText.\n",
        "about.rst": "About\n=====\n\nNot a post.\n",
    }
    sidebars = {"**": ["ablog/postcard.html", "localtoc.html", "ablog/recentposts.html"]}
    conf = COMPAT + f"html_sidebars = {sidebars!r}\n"
    site = run_build(make_site(tmp_path / "src", files, conf), tmp_path / "out")
    assert site.config.html_sidebars == {"**": ["localtoc.html", "blogpost/recent-posts.html"]}
    assert [_hint(line) for line in site.warnings if "[blogpost.config]" in line] == [
        (
            4,
            "ABlog's sidebars are replaced: ablog/recentposts.html by "
            "blogpost/recent-posts.html; name these instead; html_sidebars names ABlog's "
            "templates (ablog/postcard.html); they are left out: remove them",
        )
    ]
    recent = site.page("about").select(".bp-sidebar-recent a")
    assert [(a.get_text(), a["href"]) for a in recent] == [("A", "posts/a.html")]
    # the post is an orphan, as ABlog makes it; other documents are not
    unlisted = [line for line in site.warnings if "isn't included in any toctree" in line]
    assert len(unlisted) == 1 and "about.rst" in unlisted[0]
    assert len(site.warnings) == 2
    assert site.page("posts/a").select_one(".bp-post-header")


def test_without_compat_mode_ablog_leftovers_are_named_and_its_sidebars_left_out(tmp_path):
    """A blog that turned compatibility mode off (or never turned it on) with ABlog's
    settings left: told once that they are not read, and how to read them; ABlog's sidebars
    would stop the build (no such template), so they are left out as in compat mode."""
    files = {"posts/a.rst": "A\n=\n\n.. blogpost::\n   :date: 2021-01-25\n\nText.\n"}
    conf = (
        'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://x.org/"\n'
        'blog_title = "Old"\nblog_post_pattern = "posts/*"\n'
        'html_sidebars = {"**": ["ablog/postcard.html", "localtoc.html"]}\n'
    )
    site = run_build(make_site(tmp_path / "src", files, conf), tmp_path / "out")
    assert site.config.html_sidebars == {"**": ["localtoc.html"]}
    assert sorted(_hint(line) for line in site.warnings) == [
        (
            3,
            "blog_title, blog_post_pattern are ABlog's, not read without "
            "blogpost_ablog_compat = True: set it to read an ABlog blog as it is, or remove them",
        ),
        (
            5,
            "html_sidebars names ABlog's templates (ablog/postcard.html); they are left out: "
            "remove them",
        ),
    ]
    assert site.page("posts/a").select_one(".bp-post-header")


@pytest.mark.parametrize(
    ("setting", "listed"), [({}, False), ({"blogpost_future_drafts": False}, True)]
)
def test_compat_mode_holds_a_future_post_back_as_ablog_does(tmp_path, monkeypatch, setting, listed):
    """ABlog makes a post dated in the future a draft: compatibility mode does too, unless
    blogpost_future_drafts says otherwise."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01
    files = {
        "posts/past.rst": "Past\n====\n\n.. post:: 2024-12-31\n\nText.\n",
        "posts/future.rst": "Future\n======\n\n.. post:: 2025-01-02\n\nText.\n",
    }
    site = run_build(make_site(tmp_path / "src", files, COMPAT), tmp_path / "out", **setting)
    assert site.warnings == []
    assert site.listed == (["posts/future", "posts/past"] if listed else ["posts/past"])
    assert site.posts["posts/future"].draft is not listed


def test_without_compat_mode_ablogs_directives_warn_and_keep_their_content(tmp_path):
    """ABlog's `post` and `update` left in posts after compatibility mode is turned off: a
    warning at each, saying how to read it, and the text they hold kept (docutils would give
    "Unknown directive type" and show the directive's source in the page)."""
    files = {
        "a.rst": (
            "A\n=\n\n.. post:: 2021-01-25\n   :tags: x\n\n   The excerpt.\n\nBody.\n\n"
            ".. update:: 2021-02-01\n\n   A fix.\n"
        ),
        "b.md": "# B\n\n```{post} 2021-01-26\n:tags: x\n\nMarkdown excerpt.\n```\n",
    }
    conf = 'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://x.org/"\n'
    site = run_build(make_site(tmp_path / "src", files, conf), tmp_path / "out")
    compat = "is read only with blogpost_ablog_compat = True: set it, or"
    found = [_WARNING.fullmatch(line) for line in site.warnings]
    assert sorted((Path(m["file"]).name, int(m["line"]), m["subtype"], m["message"])
                  for m in found if m) == [
        ("a.rst", 4, "config", f"ABlog's 'post' directive {compat} declare the post with the "
                               "'blogpost' directive"),
        ("a.rst", 11, "config", f"ABlog's 'update' directive {compat} give the post an "
                                "'updated' date"),
        ("b.md", 3, "config", f"ABlog's 'post' directive {compat} declare the post with the "
                              "'blogpost' directive"),
    ]  # fmt: skip
    assert len(site.warnings) == 3
    assert not site.posts  # nothing declares a post this extension reads
    paragraphs = [p.get_text() for p in site.page("a").select(".body p")]
    assert paragraphs == ["The excerpt.", "Body.", "A fix."]
    assert "Markdown excerpt." in site.page("b").get_text()


def test_another_extensions_post_directive_is_left_alone(tmp_path):
    """`post` is claimed for ABlog's leftovers only when no other extension has it."""
    conf = (
        'extensions = ["sphinx_blogpost"]\n'
        "from docutils.parsers.rst.directives.body import Rubric\n"
        "def setup(app):\n    app.add_directive('post', Rubric)\n"
    )
    files = {"index.rst": "Home\n====\n\n.. post:: Their own\n"}
    site = run_build(make_site(tmp_path / "src", files, conf), tmp_path / "out")
    assert site.page("index").select_one("p.rubric").get_text() == "Their own"
    assert not [line for line in site.warnings if "post" in line]


def test_ablog_sidebars_named_without_their_folder_are_replaced_but_the_projects_own(tmp_path):
    """Older ABlog configurations name ABlog's sidebars without `ablog/` (and may put ABlog's
    templates folder in `templates_path`): replaced by this extension's with one hint, unless
    the project has a template of its own by that name."""
    site = run_build(ROOTS / "test-ablog-sidebars", tmp_path)
    ours = ["recent-posts", "tags", "categories", "archives", "authors"]
    assert site.config.html_sidebars == {
        "**": ["postcard.html", *(f"blogpost/{name}.html" for name in ours), "localtoc.html"]
    }
    assert [_hint(line) for line in site.warnings] == [
        (
            8,
            "ABlog's sidebars are replaced: recentposts.html by blogpost/recent-posts.html, "
            "tagcloud.html by blogpost/tags.html, categories.html by blogpost/categories.html, "
            "archives.html by blogpost/archives.html, authors.html by blogpost/authors.html, "
            "ablog/archives.html by blogpost/archives.html; name these instead",
        )
    ]
    assert site.page("posts/first").select_one(".my-postcard").get_text() == "posts/first"


def test_a_post_titled_only_by_the_title_option_has_that_title_everywhere(tmp_path):
    files = {"post.rst": ".. post:: 2021-01-25\n   :title: Named <b>here</b>\n\nText.\n"}
    site = run_build(make_site(tmp_path / "src", files, COMPAT), tmp_path / "out")
    assert site.warnings == []  # not Sphinx's toc.no_title on every page
    assert site.posts["post"].title == "Named <b>here</b>"
    assert site.page("index").select_one(".toctree-wrapper a").get_text() == "Named <b>here</b>"
    assert site.page("post").title.get_text().startswith("Named <b>here</b> —")


def test_without_compat_ablog_forms_are_not_posts(tmp_path):
    files = {
        "post.rst": "Post\n====\n\n.. post:: 2021-01-25\n\nText.\n",
        "blog/p.md": "---\ndate: 2021-01-25\n---\n# P\n\nText.\n",
    }
    conf = 'extensions = ["sphinx_blogpost"]\nblog_post_pattern = "blog/*"\nblog_title = "X"\n'
    site = run_build(make_site(tmp_path / "src", files, conf), tmp_path / "out")
    assert site.posts == {}
    assert "blog_title, blog_post_pattern are ABlog's, not read" in site.warnings[0]  # one hint
    assert "post.rst:4: WARNING: ABlog's 'post' directive is read only with" in site.warnings[1]
    assert len(site.warnings) == 2


@pytest.mark.parametrize(
    ("blog_baseurl", "html_baseurl", "note"),
    [
        (
            "https://sunpy.org/blog.html",  # sunpy.org's: it ends in a page name
            "https://sunpy.org/",
            " (without the page name 'blog.html': links are joined to a folder)",
        ),
        ("https://example.org/blog/", "https://example.org/blog/", ""),
        ("https://user.github.io/project", "https://user.github.io/project", ""),  # a folder
    ],
)
def test_blog_baseurl_is_the_sites_folder(tmp_path, blog_baseurl, html_baseurl, note):
    files = {"posts/a.rst": "A\n=\n\n.. post:: 2021-01-25\n\nText.\n"}
    conf = COMPAT.replace(
        'html_baseurl = "https://example.org/"', f"blog_baseurl = {blog_baseurl!r}"
    )
    site = run_build(make_site(tmp_path / "src", files, conf), tmp_path / "out")
    assert site.config.html_baseurl == html_baseurl
    assert [_hint(line) for line in site.warnings] == [
        (3, f"blog_baseurl is ABlog's; use html_baseurl = {html_baseurl!r}{note}")
    ]
    folder = html_baseurl.rstrip("/")
    feed = site.page("posts/a").select_one("link[rel=alternate][type='application/atom+xml']")
    assert feed["href"] == f"{folder}/blog/atom.xml"
    entry = BeautifulSoup((site.outdir / "blog" / "atom.xml").read_text("utf8"), "xml")
    assert entry.select_one("entry link")["href"] == f"{folder}/posts/a.html"


def test_a_set_blogpost_value_wins_over_ablogs(tmp_path):
    conf = COMPAT + 'blogpost_title = "Mine"\nblog_title = "Theirs"\nblog_feed_length = "ten"\n'
    files = {"post.rst": "Post\n====\n\n.. post:: 2021-01-25\n\nText.\n"}
    site = run_build(make_site(tmp_path / "src", files, conf), tmp_path / "out")
    assert site.config.blogpost_title == "Mine"
    assert site.config.blogpost_feed_length == 20
    assert [_hint(line) for line in site.warnings] == [
        (5, "blog_title is ABlog's and is ignored, since blogpost_title is set"),
        (
            6,
            "blog_feed_length = 'ten' is invalid (expected a whole number of at least 1); "
            "it is ignored",
        ),
    ]


# -- ABlog itself --------------------------------------------------------------------------------
@pytest.fixture
def fake_ablog() -> Iterator[Path]:
    """The root whose conf.py puts a stand-in ``ablog`` on the path (ABlog is not installed
    here and must not be); the stand-in is forgotten afterwards."""
    try:
        yield ROOTS / "test-ablog-conflict"
    finally:
        sys.modules.pop("ablog", None)


@pytest.mark.parametrize("extensions", [["ablog", "sphinx_blogpost"], ["sphinx_blogpost", "ablog"]])
def test_loading_ablog_too_stops_with_one_clear_error(fake_ablog, tmp_path, extensions):
    with pytest.raises(ConfigError) as error:
        SphinxTestApp(
            "html",
            srcdir=fake_ablog,
            builddir=tmp_path / "out",
            confoverrides={"extensions": extensions},
            status=StringIO(),
            warning=StringIO(),
        )
    message = str(error.value)
    assert 'remove "ablog" from `extensions`' in message
    assert "blogpost_ablog_compat = True" in message
    assert "already" not in message  # not Sphinx's clash of config values or directives


# -- three real ABlog blogs ------------------------------------------------------------------
MYST_COMMON = ["colon_fence", "deflist", "html_image"]
CORPUS_CONF = {
    "sunpy-org": {"myst_enable_extensions": ["colon_fence"]},
    "choldgraf": {"myst_enable_extensions": MYST_COMMON, "blog_post_pattern": "blog/*/*"},
    "brainglobe": {
        "myst_enable_extensions": [
            *MYST_COMMON, "amsmath", "dollarmath", "fieldlist", "html_admonition",
            "replacements", "strikethrough", "substitution", "tasklist",
        ],  # the origin's, but linkify (linkify-it-py is not installed)
        "myst_heading_anchors": 3,
    },
}  # fmt: skip


def _corpus(name: str) -> Path:
    folder = CORPORA / name
    if not (folder / "expected.json").is_file():
        pytest.skip(f"the ABlog corpora are not beside the repository ({CORPORA})")
    return folder


@pytest.fixture(scope="module", params=sorted(CORPUS_CONF))
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    name: str = request.param
    folder = _corpus(name)
    src = tmp_path_factory.mktemp(name) / "src"
    shutil.copytree(folder / "posts", src, ignore=shutil.ignore_patterns("*.ipynb"))
    settings = {
        "smartquotes": False,  # titles are compared with the source text
        "blogpost_feeds": [],  # half the build time; index.json is still written
        **CORPUS_CONF[name],
    }
    conf = COMPAT + "".join(f"{key} = {value!r}\n" for key, value in settings.items())
    make_site(src, {}, conf)
    expected = json.loads((folder / "expected.json").read_text("utf8"))
    return name, expected, run_build(src, src.parent / "out")


def _day(written: str) -> str:
    return dateutil_parser.parse(written).date().isoformat()  # as ABlog reads it


def test_corpus_posts_have_the_metadata_their_source_declares(corpus):
    name, expected, site = corpus
    index = site.index()
    # Notebooks need a notebook reader (myst-nb, nbsphinx) that the test site does not load.
    entries = [e for e in expected if e["format"] != "ipynb"]
    assert entries, name
    for entry in entries:
        docname = entry["path"].rsplit(".", 1)[0]
        if entry["draft"]:
            assert docname not in index and docname not in site.listed, docname
            continue
        post, listed = site.posts[docname], index[docname]
        assert listed["date"][:10] == post.date.iso[:10] == _day(entry["date"]), docname
        assert listed["tags"] == list(post.tags) == entry["tags"], docname
        assert listed["category"] == list(post.categories) == entry["category"], docname
        assert listed["authors"] == [a.name for a in post.authors] == entry["author"], docname
        title = entry.get("other_ablog_options", {}).get("title", entry["title"])
        assert post.title == listed["title"] == title, docname
    assert len(index) == len(site.listed) == sum(not e["draft"] for e in entries)


_SLUG = re.compile(r"WARNING: (tag|category|author) '(.+)' and '(.+)' give the same slug")
_KEYS = {"tag": "tags", "category": "category", "author": "author"}


def _case_variants(entries: list[dict[str, Any]]) -> set[tuple[str, frozenset[str]]]:
    """Names of one kind that differ only in case ("sunpy", "Sunpy"): one slug for both."""
    found = set()
    for kind, key in _KEYS.items():
        groups: dict[str, set[str]] = {}
        for name in {n for e in entries if not e["draft"] for n in e[key]}:
            groups.setdefault(name.casefold(), set()).add(name)
        found |= {(kind, frozenset(group)) for group in groups.values() if len(group) > 1}
    return found


def test_corpus_blogpost_warnings_are_undated_drafts_and_case_variants(corpus):
    """The corpus's own inconsistencies, and nothing else: ABlog makes a draft of a post
    without a date (here: a `blogpost.date` warning), and gives tags that differ only in case
    one page each at the same address (here: a `blogpost.slug` warning and two pages)."""
    _, expected, site = corpus
    entries = [e for e in expected if e["format"] != "ipynb"]
    ours = [line for line in site.warnings if "[blogpost." in line]
    undated = sorted(line for line in ours if "[blogpost.date]" in line)
    drafts = sorted(e["path"] for e in entries if e["draft"])
    assert len(undated) == len(drafts)
    for line, path in zip(undated, drafts, strict=True):
        assert f"{path}:1: WARNING: the post has no date" in line
    slugs = [_SLUG.search(line) for line in ours if "[blogpost.slug]" in line]
    assert {(m[1], frozenset(m.group(2, 3))) for m in slugs if m} == _case_variants(entries)
    assert len(undated) + len(slugs) == len(ours), ours


def test_a_yaml_list_in_ablogs_postlist_filters_by_each_name(tmp_path):
    """MyST gives a directive with options of its own (ABlog's `postlist`) the YAML list
    `category: [x, y]` as the text "[x, y]": read as the list, not split at its comma."""
    post = "---\nblogpost: true\ndate: 2025-01-0{0}\ncategory: {1}\n---\n# {2}\n\nText.\n"
    files = {
        "p1.md": post.format(1, "x", "One"),
        "p2.md": post.format(2, "y", "Two"),
        "p3.md": post.format(3, "z", "Three"),
        "lists.md": "# Lists\n\n```{postlist}\n---\ncategory: [x, y]\n---\n```\n\n"
        "```{postlist}\n:category: x, y\n```\n",
    }
    site = run_build(make_site(tmp_path / "src", files, COMPAT), tmp_path / "out")
    assert site.warnings == []
    listings = site.page("lists").select(".bp-listing")
    assert [[a.get_text() for a in lst.select("a")] for lst in listings] == [["Two", "One"]] * 2
