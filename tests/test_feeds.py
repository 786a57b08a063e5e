"""Feeds and ``index.json``: what readers parse equals the posts, escaping, full text,
determinism, the options, and builds without ``html_baseurl`` or with ``dirhtml``."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from io import StringIO
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_blogpost import feeds as feeds_module
from sphinx_blogpost.blog import Blog
from sphinx_blogpost.feeds import syndicated

from .conftest import Build, build, copy_root, make_site

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx_blogpost.posts import Post

BLOG_BASE = "https://blog.example.org/"
FEEDS_BASE = "https://example.org/site/"
ATOM = "{http://www.w3.org/2005/Atom}"
FEED_FILES = ("atom.xml", "rss.xml", "feed.json")


def _quiet_app(*args: Any, **kwargs: Any) -> SphinxTestApp:
    """``make_app`` for module-scoped builds: one build serves many tests."""
    return SphinxTestApp(*args, status=StringIO(), warning=StringIO(), **kwargs)


@pytest.fixture(scope="module")
def blog(rootdir, tmp_path_factory) -> Build:
    """The 30-post blog (one draft, post07), default options."""
    return build(
        _quiet_app, "html", srcdir=rootdir / "test-blog", builddir=tmp_path_factory.mktemp("b")
    )


@pytest.fixture(scope="module")
def feeds(rootdir, tmp_path_factory) -> Build:
    """Four posts and a draft; full text, three items per feed, hostile metadata."""
    return build(
        _quiet_app, "html", srcdir=rootdir / "test-feeds", builddir=tmp_path_factory.mktemp("f")
    )


def _listed(result: Build) -> list[Post]:
    """Posts in feed order, computed independently of the feed code."""
    return syndicated(Blog.from_posts(result.posts.values(), "blog", drafts=False).posts)


def _parse(path: Path) -> Any:
    parsed = feedparser.parse(path.read_bytes())
    assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
    return parsed


def _utc(parsed_time: Any) -> datetime:
    return datetime(*parsed_time[:6], tzinfo=UTC)


def _terms(post: Post) -> list[tuple[str, str]]:
    return [("category", c) for c in post.categories] + [("tag", t) for t in post.tags]


# -- the 30-post blog ------------------------------------------------------------------------
def test_blog_builds_without_warnings(blog):
    assert blog.warnings == []


def test_every_feed_of_the_blog_parses(blog):
    atom_feeds = sorted((blog.outdir / "blog").glob("*/*/atom.xml"))
    assert len(atom_feeds) >= 10  # one per category, tag, author and series
    for path in [blog.outdir / "blog" / "atom.xml", blog.outdir / "blog" / "rss.xml", *atom_feeds]:
        assert _parse(path).entries


@pytest.mark.parametrize("filename", ["atom.xml", "rss.xml"])
def test_entries_equal_the_posts(blog, filename):
    posts = _listed(blog)[:20]  # blogpost_feed_length
    assert "post07" not in {p.docname for p in _listed(blog)}  # the draft
    feed = _parse(blog.outdir / "blog" / filename)
    assert feed.feed.link == BLOG_BASE + "blog/index.html"
    assert len(feed.entries) == 20
    for entry, post in zip(feed.entries, posts, strict=True):
        assert entry.title == post.title
        assert entry.link == BLOG_BASE + f"{post.docname}.html"
        assert _utc(entry.published_parsed) == post.date.moment
        if filename == "atom.xml":  # RSS has no per-item update date
            assert _utc(entry.updated_parsed) == (post.updated or post.date).moment
        assert [a["name"] for a in entry.authors] == [a.name for a in post.authors]
        kinds = [(t.scheme.rsplit("/", 2)[-2], t.term) for t in entry.tags]
        assert kinds == _terms(post)
    newest = max((p.updated or p.date).moment for p in posts)
    assert _utc(feed.feed.updated_parsed) == newest  # never the build time


def test_tag_feed_holds_only_that_tag(blog):
    listed = _listed(blog)
    slugs = Blog.from_posts(blog.posts.values(), "blog", drafts=False).slugs["tag"]
    expected = [p for p in listed if "attention" in p.tags]
    assert 1 < len(expected) < len(listed)
    feed = _parse(blog.outdir / "blog" / "tag" / slugs["attention"] / "atom.xml")
    assert [e.link for e in feed.entries] == [BLOG_BASE + f"{p.docname}.html" for p in expected]
    assert all("attention" in [t.term for t in e.tags] for e in feed.entries)
    assert feed.feed.link == BLOG_BASE + f"blog/tag/{slugs['attention']}.html"


def test_json_feed_carries_words_and_minutes(blog):
    feed = json.loads((blog.outdir / "blog" / "feed.json").read_text("utf8"))
    posts = _listed(blog)[:20]
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == BLOG_BASE + "blog/feed.json"
    assert [item["url"] for item in feed["items"]] == [
        BLOG_BASE + f"{p.docname}.html" for p in posts
    ]
    for item, post in zip(feed["items"], posts, strict=True):
        assert item["id"] == item["url"]
        assert item["title"] == post.title
        assert item["content_text"] == item["summary"] == post.summary  # summary mode
        assert item["date_published"] == post.date.moment.isoformat()
        assert [a["name"] for a in item["authors"]] == [a.name for a in post.authors]
        assert item.get("tags", []) == list(post.tags)
        assert item["_blogpost"] == {
            "category": list(post.categories),
            "words": post.words,
            "minutes": post.minutes,
        }


def test_index_json_lists_every_post(blog):
    index = json.loads((blog.outdir / "blog" / "index.json").read_text("utf8"))
    posts = _listed(blog)
    assert len(posts) == 29  # no length limit; the draft left out
    assert [p["docname"] for p in index["posts"]] == [p.docname for p in posts]
    first, post = index["posts"][0], posts[0]
    assert first == {
        "title": post.title,
        "url": BLOG_BASE + f"{post.docname}.html",
        "date": post.date.iso,
        "updated": None,
        "category": list(post.categories),
        "tags": list(post.tags),
        "authors": [a.name for a in post.authors],
        "series": post.series,
        "words": post.words,
        "minutes": post.minutes,
        "summary": post.summary,
        "docname": post.docname,
        "draft": False,
    }


@pytest.mark.parametrize(("filename", "key"), [("index.json", "posts"), ("feed.json", "items")])
def test_json_files_hold_one_post_per_line(blog, filename, key):
    lines = (blog.outdir / "blog" / filename).read_text("utf8").splitlines()
    start = lines.index(f'"{key}": [')
    rows = lines[start + 1 : lines.index("]", start)]
    expected = json.loads("\n".join(lines))[key]
    assert [json.loads(row.removesuffix(",")) for row in rows] == expected


# -- a small blog with full text and hostile metadata ----------------------------------------
def test_feeds_root_builds_without_warnings(feeds):
    assert feeds.warnings == []


def test_feed_length_and_drafts(feeds):
    # Newest first: the draft is the newest post of all, and oldest is beyond the length (3).
    expected = ["escape", "linked", "older"]
    for filename in ("atom.xml", "rss.xml"):
        feed = _parse(feeds.outdir / "blog" / filename)
        assert [e.link for e in feed.entries] == [f"{FEEDS_BASE}{d}.html" for d in expected]
    items = json.loads((feeds.outdir / "blog" / "feed.json").read_text("utf8"))["items"]
    assert [i["url"] for i in items] == [f"{FEEDS_BASE}{d}.html" for d in expected]
    index = json.loads((feeds.outdir / "blog" / "index.json").read_text("utf8"))
    assert [p["docname"] for p in index["posts"]] == [*expected, "oldest"]
    assert [p["draft"] for p in index["posts"]] == [False] * 4


def test_a_preview_lists_drafts_in_index_json_never_in_feeds(make_app, rootdir, tmp_path):
    # index.json holds every listed post (SPEC 5): in a preview, the drafts its pages list.
    # The value as `sphinx-build -D blogpost_drafts=1` gives it (docs/howto/drafts.md).
    result = build(
        make_app, "html", srcdir=rootdir / "test-feeds", builddir=tmp_path,
        confoverrides={"blogpost_drafts": "1"},
    )  # fmt: skip
    assert result.warnings == []
    index = json.loads((result.outdir / "blog" / "index.json").read_text("utf8"))
    drafts = {p["docname"]: p["draft"] for p in index["posts"]}
    assert drafts == {"draft": True, "escape": False, "linked": False, "older": False,
                      "oldest": False}  # fmt: skip
    for path in result.outdir.rglob("*.xml"):
        assert all(e.link != f"{FEEDS_BASE}draft.html" for e in _parse(path).entries), path
    items = json.loads((result.outdir / "blog" / "feed.json").read_text("utf8"))["items"]
    assert f"{FEEDS_BASE}draft.html" not in {i["url"] for i in items}


def test_full_text_has_the_body_with_absolute_links(feeds):
    blog_dir = feeds.outdir / "blog"
    body = json.loads((blog_dir / "feed.json").read_text("utf8"))["items"][1]["content_html"]
    assert "The second section." in body
    assert "Linked post" not in body and "bp-post-header" not in body  # title, header: metadata
    assert f'href="{FEEDS_BASE}escape.html"' in body
    assert f'href="{FEEDS_BASE}linked.html#details"' in body
    assert 'href="https://www.python.org/"' in body
    image = re.search(r'<img[^>]* src="([^"]+)"', body)
    assert image is not None and image[1] == FEEDS_BASE + "_images/cover.png"
    assert (feeds.outdir / "_images" / "cover.png").is_file()
    for url in re.findall(r'(?:href|src)="([^"]+)"', body):
        assert url.startswith("https://"), url
    # The same body in Atom's content and RSS's content:encoded; the summary stays apart.
    atom_entry = ET.parse(blog_dir / "atom.xml").getroot().findall(f"{ATOM}entry")[1]
    assert atom_entry.findtext(f"{ATOM}content") == body
    rss_item = ET.parse(blog_dir / "rss.xml").getroot().findall("channel/item")[1]
    assert rss_item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") == body
    assert rss_item.findtext("description") == feeds.posts["linked"].summary


def test_escaped_metadata_reads_back_as_written(feeds):
    post = feeds.posts["escape"]
    assert post.title == "<script>alert(\"t\")</script> & 'quotes' 🎉"
    assert post.tags == ("<script>x</script>", "a&b", '"q"', "🎉")
    title = 'Notes & "Dispatches" <b>'
    blog_dir = feeds.outdir / "blog"

    atom = ET.parse(blog_dir / "atom.xml").getroot()
    assert atom.findtext(f"{ATOM}title") == title
    assert atom.findtext(f"{ATOM}subtitle") == "Tagline with <i>markup</i> & ampersands"
    entry = atom.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == post.title
    assert entry.findtext(f"{ATOM}summary") == post.summary
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "O'Brien <x@y>"
    assert entry.findtext(f"{ATOM}author/{ATOM}uri") == "https://example.org/ob?a=1&b=2"
    terms = [c.get("term") for c in entry.findall(f"{ATOM}category")]
    assert terms == ["R&D <b>", *post.tags]
    # The body is HTML: its text "</script> ... &" is escaped there, and again by the XML.
    assert "a &lt;/script&gt; end tag &amp; an" in entry.findtext(f"{ATOM}content")

    rss = ET.parse(blog_dir / "rss.xml").getroot()
    assert rss.findtext("channel/title") == title
    item = rss.find("channel/item")
    assert item.findtext("title") == post.title
    # RSS readers take a description for HTML: the text is escaped for it, then for XML
    description = item.findtext("description")
    assert "<script>" not in description and html.unescape(description) == post.summary
    channel = rss.findtext("channel/description")
    assert channel == "Tagline with &lt;i&gt;markup&lt;/i&gt; &amp; ampersands"
    assert [c.text for c in item.findall("category")] == ["R&D <b>", *post.tags]
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "O'Brien <x@y>"

    feed = json.loads((blog_dir / "feed.json").read_text("utf8"))
    assert feed["title"] == title
    first = feed["items"][0]
    assert (first["title"], first["summary"], first["tags"]) == (
        post.title,
        post.summary,
        list(post.tags),
    )
    assert first["_blogpost"]["category"] == ["R&D <b>"]
    assert first["image"] == FEEDS_BASE + "images/cover.png"

    indexed = json.loads((blog_dir / "index.json").read_text("utf8"))["posts"][0]
    assert (indexed["title"], indexed["summary"], indexed["tags"]) == (
        post.title,
        post.summary,
        list(post.tags),
    )
    assert indexed["authors"] == ["O'Brien <x@y>"]
    assert indexed["updated"] == "2025-03-04T08:00:00+02:00"


@pytest.mark.parametrize(
    "filename", ["atom.xml", "rss.xml", "category/r-d-b/atom.xml", "tag/a-b/atom.xml"]
)
def test_atom_and_rss_items_carry_the_cover(feeds, filename):
    # escape.rst has a cover; linked.md has an image in its text, not a cover.
    entries = {e.link: e for e in _parse(feeds.outdir / "blog" / filename).entries}
    with_cover = entries.pop(FEEDS_BASE + "escape.html", None)
    if with_cover is not None:
        assert with_cover.media_content == [
            {"url": FEEDS_BASE + "images/cover.png", "medium": "image", "type": "image/png"}
        ]
    else:
        assert "tag/" in filename  # the tag feed of a post without a cover
    assert entries or with_cover is not None
    for entry in entries.values():
        assert "media_content" not in entry, entry.link


def test_category_feed_of_a_hostile_name(feeds):
    feed = _parse(feeds.outdir / "blog" / "category" / "r-d-b" / "atom.xml")
    assert feed.feed.title == 'Notes & "Dispatches" <b>: R&D <b>'
    assert [e.link for e in feed.entries] == [FEEDS_BASE + "escape.html"]
    notes = _parse(feeds.outdir / "blog" / "category" / "notes" / "atom.xml")
    assert len(notes.entries) == 3  # oldest is a fourth Notes post; the draft is left out


def _feed_files(outdir: Path) -> dict[str, bytes]:
    blog_dir = outdir / "blog"
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted([*blog_dir.rglob("*.xml"), *blog_dir.rglob("*.json")])
    }


def test_two_clean_builds_are_byte_identical(feeds, make_app, rootdir, tmp_path):
    again = build(make_app, "html", srcdir=rootdir / "test-feeds", builddir=tmp_path)
    first, second = _feed_files(feeds.outdir), _feed_files(again.outdir)
    # blog feeds, index.json, 2 category, 4 tag and 2 author feeds
    assert len(first) == 3 + 1 + 2 + 4 + 2
    assert second == first
    # Nothing from the build's moment: every date-time in the feeds is a post's.
    moments = set(re.findall(rb"\d{4}-\d\d-\d\dT[\d:]+[+-]\d\d:\d\d", b"".join(first.values())))
    posts = feeds.posts.values()
    dates = {d.moment.isoformat().encode() for p in posts for d in (p.date, p.updated) if d}
    assert moments and moments <= dates


def test_feeds_option_picks_the_formats(make_app, rootdir, tmp_path):
    result = build(
        make_app,
        "html",
        srcdir=rootdir / "test-feeds",
        builddir=tmp_path,
        confoverrides={"blogpost_feeds": ["json"]},
    )
    assert result.warnings == []
    assert sorted(_feed_files(result.outdir)) == ["blog/feed.json", "blog/index.json"]


@pytest.mark.parametrize("none", [[], ""])  # "": `sphinx-build -D blogpost_feeds=`
def test_feeds_option_may_name_none(make_app, rootdir, tmp_path, none):
    result = build(
        make_app, "html", srcdir=rootdir / "test-feeds", builddir=tmp_path,
        confoverrides={"blogpost_feeds": none},
    )  # fmt: skip
    assert result.warnings == []
    assert sorted(_feed_files(result.outdir)) == ["blog/index.json"]


def test_feeds_are_linked_in_one_order_whatever_the_order_given(make_app, rootdir, tmp_path):
    # Sphinx hashes a list setting as a set: reordering it would rewrite no document, and
    # documents would keep the old order of the links that generated pages no longer have.
    srcdir = rootdir / "test-feeds"
    out = tmp_path / "incremental"
    build(make_app, "html", srcdir=srcdir, builddir=out)
    swapped = {"blogpost_feeds": ["json", "rss", "atom"]}
    result = build(make_app, "html", srcdir=srcdir, builddir=out, confoverrides=swapped)
    for page in ("older.html", "blog/index.html"):
        head = BeautifulSoup((result.outdir / page).read_text("utf8"), "html.parser").head
        links = head.select("link[rel=alternate]")
        assert [link["type"] for link in links][:3] == [
            "application/atom+xml", "application/rss+xml", "application/feed+json",
        ], page  # fmt: skip


def test_a_file_of_html_extra_path_at_a_feeds_place_is_kept(make_app, tmp_path):
    files = {"post.rst": "Post\n====\n\n.. blogpost::\n   :date: 2025-01-01\n\nText.\n"}
    conf = (
        'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://example.org/"\n'
        'html_extra_path = ["extra"]\n'
    )
    srcdir = make_site(tmp_path / "src", files, conf)
    (srcdir / "extra").mkdir()
    out = tmp_path / "out"
    first = build(make_app, "html", srcdir=srcdir, builddir=out)
    assert first.warnings == [] and _parse(first.outdir / "blog/atom.xml").entries
    # The project's own Atom feed and post index, added after a build wrote the blog's.
    own = {"blog/atom.xml": b"<feed>mine</feed>", "blog/index.json": b'{"mine": true}'}
    for path, data in own.items():
        (srcdir / "extra" / path).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / "extra" / path).write_bytes(data)
    for step in ("added", "again"):
        result = build(make_app, "html", srcdir=srcdir, builddir=out)
        for path, data in own.items():
            assert (result.outdir / path).read_bytes() == data, (step, path)
        assert len(result.warnings) == 2, (step, result.warnings)
        assert all("conf.py:3" in w and "[blogpost.conflict]" in w for w in result.warnings)
        assert "the file is kept" in result.warnings[0]
        assert _parse(result.outdir / "blog/rss.xml").entries  # the others are written


def test_feeds_turned_off_are_removed_by_the_next_build(make_app, rootdir, tmp_path):
    srcdir = rootdir / "test-feeds"
    build(make_app, "html", srcdir=srcdir, builddir=tmp_path)
    only_json = {"blogpost_feeds": ["json"]}
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path, confoverrides=only_json)
    assert result.warnings == []
    assert sorted(_feed_files(result.outdir)) == ["blog/feed.json", "blog/index.json"]


# -- builders and html_baseurl ---------------------------------------------------------------
def test_without_baseurl_one_warning_no_feeds(make_app, rootdir, tmp_path):
    result = build(
        make_app,
        "html",
        srcdir=rootdir / "test-feeds",
        builddir=tmp_path,
        confoverrides={"html_baseurl": ""},
    )
    assert len(result.warnings) == 1
    assert "html_baseurl is not set" in result.warnings[0]
    assert result.warnings[0].endswith("[blogpost.feed]")
    assert sorted(_feed_files(result.outdir)) == ["blog/index.json"]
    index = json.loads((result.outdir / "blog" / "index.json").read_text("utf8"))
    for post in index["posts"]:
        assert not urlsplit(post["url"]).scheme  # relative to index.json
        target = urljoin("blog/index.json", post["url"])
        assert (result.outdir / target).is_file(), target
    assert "application/atom+xml" not in (result.outdir / "escape.html").read_text("utf8")


def test_feed_warning_can_be_suppressed(make_app, rootdir, tmp_path):
    overrides = {"html_baseurl": "", "suppress_warnings": ["blogpost.feed"]}
    result = build(
        make_app, "html", srcdir=rootdir / "test-feeds", builddir=tmp_path, confoverrides=overrides
    )
    assert result.warnings == []
    assert (result.outdir / "blog" / "index.json").is_file()


def test_dirhtml_links_point_at_pages_that_exist(make_app, rootdir, tmp_path):
    result = build(make_app, "dirhtml", srcdir=rootdir / "test-feeds", builddir=tmp_path)
    assert result.warnings == []
    feed = _parse(result.outdir / "blog" / "atom.xml")
    urls = [feed.feed.link] + [e.link for e in feed.entries]
    index = json.loads((result.outdir / "blog" / "index.json").read_text("utf8"))
    urls += [post["url"] for post in index["posts"]]
    assert FEEDS_BASE + "escape/" in urls
    for url in urls:
        assert url.startswith(FEEDS_BASE) and url.endswith("/"), url
        assert (result.outdir / url.removeprefix(FEEDS_BASE) / "index.html").is_file(), url
    body = feed.entries[1].content[0].value
    assert f'href="{FEEDS_BASE}escape/"' in body
    assert f'src="{FEEDS_BASE}_images/cover.png"' in body
    head = (result.outdir / "escape" / "index.html").read_text("utf8").split("</head>")[0]
    assert f'<meta property="og:url" content="{FEEDS_BASE}escape/" />' in head
    assert f'href="{FEEDS_BASE}blog/atom.xml"' in head


def test_other_builders_write_no_feeds(make_app, rootdir, tmp_path):
    result = build(make_app, "text", srcdir=rootdir / "test-feeds", builddir=tmp_path)
    assert result.warnings == []
    assert not (result.outdir / "blog").exists()


def test_parallel_build_gives_the_same_feeds(feeds, make_app, rootdir, tmp_path):
    parallel = build(make_app, "html", srcdir=rootdir / "test-feeds", builddir=tmp_path, parallel=2)
    assert parallel.warnings == []
    assert _feed_files(parallel.outdir) == _feed_files(feeds.outdir)


def test_full_text_does_not_repeat_warnings(make_app, tmp_path):
    srcdir = copy_root("feeds", tmp_path)
    post = srcdir / "older.rst"
    post.write_text(post.read_text() + "\nSee :doc:`missing`.\n")
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "build")
    assert len(result.warnings) == 1  # from writing the page, not again from the feed
    assert "unknown document: 'missing'" in result.warnings[0]
    assert "See " in (result.outdir / "blog" / "atom.xml").read_text("utf8")


def _full_text_with(make_app, tmp_path, text: str) -> tuple[Path, str]:
    """The output folder and the full text in the Atom feed of the "older" post, built
    without a warning with *text* added to it."""
    srcdir = copy_root("feeds", tmp_path)
    post = srcdir / "older.rst"
    post.write_text(post.read_text() + text)
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "build")
    assert result.warnings == []
    entry = next(
        e for e in _parse(result.outdir / "blog" / "atom.xml").entries if "older" in e.link
    )
    return result.outdir, entry.content[0].value


def test_full_text_renders_sphinx_admonitions(make_app, tmp_path):
    # Each once made the feeds fail the build (docutils has no label for Sphinx's nodes).
    _, body = _full_text_with(
        make_app,
        tmp_path,
        "\n.. seealso:: The other post.\n\n.. versionadded:: 1.0\n\n.. deprecated:: 2.0\n",
    )
    assert "The other post." in body and 'class="admonition seealso"' in body
    assert 'class="versionmodified added"' in body and "version 1.0" in body
    assert 'class="versionmodified deprecated"' in body


def test_full_text_math_is_mathml_that_readers_show(make_app, tmp_path):
    # MathJax is a script, which no feed reader runs: its TeX reached readers as written.
    outdir, html = _full_text_with(
        make_app,
        tmp_path,
        "\nInline :math:`a^2 < b`.\n\n.. math::\n   :label: sum\n\n   x = \\frac{1}{2}\n\n"
        "   y = 2\n\nUnknown :math:`\\unknowncommand{x}` stays as written.\n",
    )
    body = BeautifulSoup(html, "html.parser")
    inline, *blocks = body.select("math")
    assert inline.get("display") is None and inline.get_text() == "a2<b"
    assert [m.get("display") for m in blocks] == ["block", "block"]  # one per equation
    assert [m.get_text() for m in blocks] == ["x=12", "y=2"]
    assert body.select_one("div.math#equation-sum .eqno").get_text() == "(1)"
    assert "\\unknowncommand{x}" in body.get_text()  # left to MathJax, as on the page
    assert "\\frac" not in body.get_text()
    page = (outdir / "older.html").read_text("utf8")
    assert "\\frac{1}{2}" in page and "<math" not in page  # the page keeps MathJax


def test_feed_urls_are_percent_encoded_as_page_urls(make_app, tmp_path):
    # A tag Café: its page's canonical link was .../caf%C3%A9.html, its feed's .../café/...
    srcdir = copy_root("feeds", tmp_path)
    post = srcdir / "older.rst"
    post.write_text(post.read_text().replace(":tags: ", ":tags: Café, ", 1))
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "build")
    assert result.warnings == []
    page = BeautifulSoup((result.outdir / "blog/tag/café.html").read_text(), "html.parser")
    assert page.select_one("link[rel=canonical]")["href"] == FEEDS_BASE + "blog/tag/caf%C3%A9.html"
    feed_url = FEEDS_BASE + "blog/tag/caf%C3%A9/atom.xml"
    assert page.select_one("link[rel=alternate][title$='Café (Atom)']")["href"] == feed_url
    feed = _parse(result.outdir / "blog/tag/café/atom.xml")
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [feed_url]


def test_dirhtml_feed_urls_are_percent_encoded(make_app, tmp_path):
    # dirhtml's page URIs are not quoted: a post "café crème" was at a URL with a space
    srcdir = copy_root("feeds", tmp_path)
    (srcdir / "older.rst").rename(srcdir / "café crème.rst")
    result = build(make_app, "dirhtml", srcdir=srcdir, builddir=tmp_path / "build")
    assert result.warnings == []
    url = FEEDS_BASE + "caf%C3%A9%20cr%C3%A8me/"
    feed = json.loads((result.outdir / "blog/feed.json").read_text("utf8"))
    assert url in [item["id"] for item in feed["items"]]
    assert url in [e.id for e in _parse(result.outdir / "blog/atom.xml").entries]
    index = json.loads((result.outdir / "blog/index.json").read_text("utf8"))
    assert url in [post["url"] for post in index["posts"]]
    page = BeautifulSoup((result.outdir / "café crème/index.html").read_text(), "html.parser")
    assert page.select_one('meta[property="og:url"]')["content"] == url


def test_full_text_links_are_absolute_and_conf_links_lead_from_the_site(make_app, tmp_path):
    """Responsive images and video posters (which lxml's links leave out) made absolute; a
    malformed link kept as written (it stopped the build); no heading's "¶"; an author's
    links from conf.py that are paths within the site, absolute from the site's folder; a
    cover given as a data: URL, no image of the feeds; a post in French, marked so in Atom and
    RSS."""
    srcdir = copy_root("feeds", tmp_path)
    post = srcdir / "older.rst"
    post.write_text(
        post.read_text().replace(
            "   :author: ada\n",
            "   :author: ada\n   :image: data:image/png;base64,iVBOR\n   :language: fr\n",
        )
        + "\nA `bad link <http://[oops/x>`_.\n\nHeading\n-------\n\n.. raw:: html\n\n"
        '   <img srcset="images/cover.png 1x, images/cover.png 2x" alt="">\n'
        '   <video poster="images/cover.png"></video>\n'
    )
    authors = {"ada": {"name": "Ada", "url": "/people/ada/", "avatar": "_static/ada.png"}}
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "build",
                   confoverrides={"blogpost_authors": authors})  # fmt: skip
    assert [w for w in result.warnings if "blogpost_authors" not in w] == []
    feed = json.loads((result.outdir / "blog/feed.json").read_text("utf8"))
    item = next(i for i in feed["items"] if i["url"].endswith("/older.html"))
    body = item["content_html"]
    cover = FEEDS_BASE + "images/cover.png"
    assert f'srcset="{cover} 1x, {cover} 2x"' in body and f'poster="{cover}"' in body
    assert 'href="http://[oops/x"' in body
    assert "Heading" in body and "headerlink" not in body and "¶" not in body
    assert item["authors"] == [
        {"name": "Ada", "url": "https://example.org/people/ada/",
         "avatar": FEEDS_BASE + "_static/ada.png"}
    ]  # fmt: skip
    assert "image" not in item
    entry = next(e for e in _parse(result.outdir / "blog/atom.xml").entries if "older" in e.link)
    assert entry.author_detail.href == "https://example.org/people/ada/"
    assert "media_content" not in entry
    langs = {
        e.findtext(f"{ATOM}id"): e.get("{http://www.w3.org/XML/1998/namespace}lang")
        for e in ET.parse(result.outdir / "blog/atom.xml").getroot().findall(f"{ATOM}entry")
    }
    assert langs.pop(FEEDS_BASE + "older.html") == "fr"
    assert set(langs.values()) == {None}  # the feed's own language
    # RSS items have no language of their own: Dublin Core's dc:language, as feedparser reads
    rss_langs = {e.link: e.get("language") for e in _parse(result.outdir / "blog/rss.xml").entries}
    assert rss_langs.pop(FEEDS_BASE + "older.html") == "fr"
    assert set(rss_langs.values()) == {None}
    # on the site: the avatar from the author's page, as Sphinx links html_logo
    profile = BeautifulSoup((result.outdir / "blog/author/ada.html").read_text(), "html.parser")
    assert profile.select_one(".bp-avatar")["src"] == "../../_static/ada.png"
    assert profile.select_one(".bp-author-url")["href"] == "/people/ada/"
    page = BeautifulSoup((result.outdir / "older.html").read_text(), "html.parser")
    posting = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert posting["author"] == [
        {"@type": "Person", "name": "Ada", "url": "https://example.org/people/ada/"}
    ]


def test_feeds_carry_the_sites_logo_and_favicon(make_app, rootdir, tmp_path):
    overrides = {"html_logo": "images/cover.png", "html_favicon": "https://example.org/f.ico"}
    result = build(make_app, "html", srcdir=rootdir / "test-feeds", builddir=tmp_path,
                   confoverrides=overrides)  # fmt: skip
    assert result.warnings == []
    logo = FEEDS_BASE + "_static/cover.png"
    assert (result.outdir / "_static/cover.png").is_file()
    atom = ET.parse(result.outdir / "blog/atom.xml").getroot()
    assert (atom.findtext(f"{ATOM}logo"), atom.findtext(f"{ATOM}icon")) == (
        logo,
        overrides["html_favicon"],
    )
    assert ET.parse(result.outdir / "blog/rss.xml").getroot().findtext("channel/image/url") == logo
    feed = json.loads((result.outdir / "blog/feed.json").read_text("utf8"))
    assert (feed["icon"], feed["favicon"]) == (logo, overrides["html_favicon"])


def test_incremental_build_feeds_match_a_clean_build(make_app, tmp_path):
    srcdir = copy_root("feeds", tmp_path)
    build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "incremental")
    older = srcdir / "older.rst"
    older.write_text(
        older.read_text().replace("Older post\n==========", "Older, renamed\n" + "=" * 14)
    )
    (srcdir / "linked.md").unlink()
    incremental = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "incremental")
    clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "clean")
    assert incremental.warnings == clean.warnings == []
    assert _feed_files(incremental.outdir) == _feed_files(clean.outdir)
    titles = [e.title for e in _parse(incremental.outdir / "blog" / "atom.xml").entries]
    assert titles == [incremental.posts["escape"].title, "Older, renamed", "Oldest post"]


def test_a_term_feed_link_follows_posts_on_other_pages_of_its_listing(make_app, tmp_path):
    # With drafts listed, a tag's first page shows only a draft: its feed link in <head>
    # depends on the post on page 2, which becomes a draft and leaves the tag no feed.
    posts = [("b", "2025-03-01", "x", "   :draft:\n"), ("a", "2025-02-01", "x", "")]
    posts += [("other", "2025-01-01", "y", "")]  # the blog keeps its feeds
    files = {
        f"{name}.rst": f"{name}\n=====\n\n.. blogpost::\n   :date: {date}\n   :tags: {tag}\n"
        f"{extra}\nText.\n"
        for name, date, tag, extra in posts
    }
    conf = (
        'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://example.org/"\n'
        "blogpost_drafts = True\nblogpost_posts_per_page = 1\n"
    )
    srcdir = make_site(tmp_path / "src", files, conf)
    out = tmp_path / "incremental"
    before = build(make_app, "html", srcdir=srcdir, builddir=out)
    feed_link = 'href="https://example.org/blog/tag/x/atom.xml"'
    assert feed_link in (before.outdir / "blog/tag/x.html").read_text("utf8")
    assert len(_term_feed_links(before.outdir, "blog/tag/x/page/2")) == 1  # and in the body
    (srcdir / "a.rst").write_text(
        (srcdir / "a.rst").read_text().replace(":tags:", ":draft:\n   :tags:")
    )
    incremental = build(make_app, "html", srcdir=srcdir, builddir=out)
    clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "clean")
    assert incremental.warnings == clean.warnings == []
    assert not (clean.outdir / "blog/tag/x/atom.xml").exists()
    for page in ("blog/tag/x.html", "blog/tag/x/page/2.html"):
        assert feed_link not in (incremental.outdir / page).read_text("utf8"), page
        assert feed_link not in (clean.outdir / page).read_text("utf8"), page
        assert _term_feed_links(incremental.outdir, page.removesuffix(".html")) == [], page


def test_an_edit_makes_again_only_the_feeds_that_show_the_post(make_app, tmp_path, monkeypatch):
    made: list[str] = []  # the URL of every Atom feed generated (not only written)
    make_atom = feeds_module.atom_feed

    def spy(info: Any, *args: Any) -> bytes:
        made.append(urlsplit(info.feed_url).path)
        return make_atom(info, *args)

    monkeypatch.setattr(feeds_module, "atom_feed", spy)
    srcdir = copy_root("blog", tmp_path)
    out = tmp_path / "incremental"
    build(make_app, "html", srcdir=srcdir, builddir=out)
    every_feed = set(made)
    made.clear()
    build(make_app, "html", srcdir=srcdir, builddir=out)
    assert made == []  # a no-op build makes no feed
    post = srcdir / "post00.rst"  # State Space Model; mamba, s4
    old = ":tags: mamba, s4"
    post.write_text(post.read_text().replace(old, old + "\n   :summary: New words."))
    edited = build(make_app, "html", srcdir=srcdir, builddir=out)
    assert edited.warnings == []
    url = "https://blog.example.org/post00.html"
    showing = {f for f in every_feed if url in (edited.outdir / f.lstrip("/")).read_text("utf8")}
    assert {"/blog/tag/s4/atom.xml", "/blog/category/state-space-model/atom.xml"} <= showing
    assert sorted(made) == sorted(showing)  # not the feeds of other tags and categories
    assert "New words." in (edited.outdir / "blog/tag/s4/atom.xml").read_text("utf8")
    clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "clean")
    assert _feed_files(edited.outdir) == _feed_files(clean.outdir)


def test_an_edit_past_the_summary_makes_only_the_json_feed_again(make_app, tmp_path, monkeypatch):
    made: list[str] = []  # every Atom or RSS feed generated (not only written)
    generate = feeds_module._feed_generator

    def spy(info: Any, items: Any, fmt: str, *args: Any) -> Any:
        made.append(fmt + " " + urlsplit(info.feed_url).path)
        return generate(info, items, fmt, *args)

    monkeypatch.setattr(feeds_module, "_feed_generator", spy)
    srcdir = copy_root("blog", tmp_path)
    out = tmp_path / "incremental"
    before = build(make_app, "html", srcdir=srcdir, builddir=out)
    made.clear()
    post = srcdir / "post09.rst"  # in the blog's feeds and its terms'
    post.write_text(post.read_text() + "\nA paragraph added at the end, past the summary.\n")
    edited = build(make_app, "html", srcdir=srcdir, builddir=out)
    assert edited.posts["post09"].summary == before.posts["post09"].summary
    assert edited.posts["post09"].words == before.posts["post09"].words + 9
    # Atom and RSS show no word count: none is made again, feedgen need not even be imported
    assert made == []
    items = json.loads((edited.outdir / "blog/feed.json").read_text("utf8"))["items"]
    words = {item["url"]: item["_blogpost"]["words"] for item in items}
    assert words["https://blog.example.org/post09.html"] == edited.posts["post09"].words
    clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "clean")
    assert _feed_files(edited.outdir) == _feed_files(clean.outdir)


def test_a_full_text_feed_shows_a_listing_in_a_post_as_it_is_now(make_app, tmp_path):
    srcdir = copy_root("feeds", tmp_path)
    older = srcdir / "older.rst"  # in the blog's feed, which shows its full text
    older.write_text(older.read_text() + "\n.. postlist::\n   :layout: list\n")
    build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "incremental")
    # Only another post changes (one past the feed's length): the listing in the text of
    # `older`, which is not read again, shows it anew.
    oldest = srcdir / "oldest.md"
    oldest.write_text(oldest.read_text().replace("# Oldest post", "# Oldest, renamed"))
    incremental = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "incremental")
    clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "clean")
    assert incremental.warnings == clean.warnings == []
    entries = _parse(incremental.outdir / "blog" / "atom.xml").entries
    older_entry = next(e for e in entries if e.title == "Older post")
    assert "Oldest, renamed" in older_entry.content[0].value
    assert _feed_files(incremental.outdir) == _feed_files(clean.outdir)


# -- author and series feeds -----------------------------------------------------------------
NAMES_BASE = "https://example.org/"
NAMES_CONF = (
    'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://example.org/"\n'
    'blogpost_title = "Site"\nblogpost_authors = {"ada": {"name": "Ada Moreau"}}\n'
    # Plain Person is a plain name: it has its page, and warns only as the registry is there.
    'suppress_warnings = ["blogpost.author"]\n'
)


def _names_post(date: str, options: str) -> str:
    return f"Post {date}\n===============\n\n.. blogpost::\n   :date: {date}\n{options}\nText.\n"


#: A registered author, a plain-name one, a series, a draft of each, a lone author's draft.
NAMES_FILES = {
    "a.rst": _names_post("2025-01-01", "   :author: ada\n   :series: Deep dive\n"),
    "b.rst": _names_post("2025-02-01", "   :author: Plain Person\n   :series: Deep dive\n"),
    "c.rst": _names_post("2025-03-01", "   :author: ada\n   :series: Deep dive\n   :draft:\n"),
    "d.rst": _names_post("2025-04-01", "   :author: Draft Only\n   :draft:\n"),
    "e.md": "# Solo\n\n```{blogpost}\n:date: 2025-05-01\n:author: ada\n:series: Solo\n```\n\nX.\n",
}


def _names_feeds(outdir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for kind in ("author", "series")
        for path in sorted((outdir / "blog" / kind).glob("*/atom.xml"))
    }


def _names_pages(outdir: Path) -> set[str]:
    return {
        str(path.relative_to(outdir).with_suffix(""))
        for kind in ("author", "series")
        for path in (outdir / "blog" / kind).glob("*.html")
        if path.name != "index.html"
    }


def _alternates(outdir: Path, page: str) -> dict[str, str]:
    head = BeautifulSoup((outdir / f"{page}.html").read_text("utf8"), "html.parser").head
    links = head.select("link[rel=alternate][type='application/atom+xml']")
    return {link["href"]: link["title"] for link in links}


def test_every_author_and_series_page_has_its_atom_feed(make_app, tmp_path):
    srcdir = make_site(tmp_path / "src", NAMES_FILES, NAMES_CONF)
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert result.warnings == []
    pages = {"blog/author/ada", "blog/author/plain-person", "blog/series/deep-dive"}
    assert _names_pages(result.outdir) == pages | {"blog/series/solo"}
    # Exactly the pages that exist, a plain name's too; no draft's (Draft Only has no page).
    feeds = {path.removesuffix("/atom.xml") for path in _names_feeds(result.outdir)}
    assert feeds == pages | {"blog/series/solo"}
    entries = {
        page: [e.link for e in _parse(result.outdir / page / "atom.xml").entries]
        for page in sorted(pages)
    }
    assert entries == {  # newest first, drafts never
        "blog/author/ada": [NAMES_BASE + "e.html", NAMES_BASE + "a.html"],
        "blog/author/plain-person": [NAMES_BASE + "b.html"],
        "blog/series/deep-dive": [NAMES_BASE + "b.html", NAMES_BASE + "a.html"],
    }
    ada = _parse(result.outdir / "blog/author/ada/atom.xml").feed
    assert ada.title == "Site: Ada Moreau"  # the author's name, not the registry key
    assert ada.link == NAMES_BASE + "blog/author/ada.html"
    assert ada.id == NAMES_BASE + "blog/author/ada/atom.xml"
    for page in pages:  # each page links its own feed in <head>, besides the blog's
        alternates = _alternates(result.outdir, page)
        assert set(alternates) == {NAMES_BASE + "blog/atom.xml", NAMES_BASE + f"{page}/atom.xml"}
    assert (
        _alternates(result.outdir, "blog/series/deep-dive")[
            NAMES_BASE + "blog/series/deep-dive/atom.xml"
        ]
        == "Site: Deep dive (Atom)"
    )


def test_a_preview_gives_a_name_of_drafts_only_a_page_and_no_feed(make_app, tmp_path):
    srcdir = make_site(tmp_path / "src", NAMES_FILES, NAMES_CONF + "blogpost_drafts = True\n")
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert result.warnings == []
    assert "blog/author/draft-only" in _names_pages(result.outdir)
    assert not (result.outdir / "blog/author/draft-only/atom.xml").exists()
    assert set(_alternates(result.outdir, "blog/author/draft-only")) == {
        NAMES_BASE + "blog/atom.xml"
    }
    ada = _parse(result.outdir / "blog/author/ada/atom.xml")
    assert NAMES_BASE + "c.html" not in [e.link for e in ada.entries]


@pytest.mark.parametrize(
    "overrides",
    [{"blogpost_feeds": ["rss", "json"]}, {"html_baseurl": ""}],
    ids=["no-atom", "no-base"],
)
def test_author_and_series_feeds_need_atom_and_a_base_url(make_app, tmp_path, overrides):
    srcdir = make_site(tmp_path / "src", NAMES_FILES, NAMES_CONF)
    result = build(
        make_app, "html", srcdir=srcdir, builddir=tmp_path / "out", confoverrides=overrides
    )
    assert _names_pages(result.outdir) and _names_feeds(result.outdir) == {}
    html = (result.outdir / "blog/author/ada.html").read_text("utf8")
    assert "application/atom+xml" not in html


def test_author_and_series_feeds_follow_edits_as_a_clean_build(make_app, tmp_path):
    srcdir = make_site(tmp_path / "src", NAMES_FILES, NAMES_CONF)
    out = tmp_path / "incremental"
    before = build(make_app, "html", srcdir=srcdir, builddir=out)
    assert _names_feeds(before.outdir) == _names_feeds(
        build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "twice").outdir
    )  # byte-identical for the same sources
    # The plain-name author's only post gets another author; the series loses a part; the
    # lone part of another series goes.
    b = srcdir / "b.rst"
    b.write_text(b.read_text().replace(":author: Plain Person", ":author: ada"))
    a = srcdir / "a.rst"
    a.write_text(a.read_text().replace("   :series: Deep dive\n", ""))
    (srcdir / "e.md").unlink()
    incremental = build(make_app, "html", srcdir=srcdir, builddir=out)
    clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "clean")
    assert incremental.warnings == clean.warnings == []
    assert _names_feeds(incremental.outdir) == _names_feeds(clean.outdir)
    assert set(_names_feeds(incremental.outdir)) == {
        "blog/author/ada/atom.xml",
        "blog/series/deep-dive/atom.xml",
    }
    for gone in ("blog/author/plain-person", "blog/series/solo"):
        assert not (incremental.outdir / gone).exists(), gone  # the feed, and its folder
    deep_dive = _parse(incremental.outdir / "blog/series/deep-dive/atom.xml")
    assert [e.link for e in deep_dive.entries] == [NAMES_BASE + "b.html"]
    ada = _parse(incremental.outdir / "blog/author/ada/atom.xml")
    assert [e.link for e in ada.entries] == [NAMES_BASE + "b.html", NAMES_BASE + "a.html"]


def test_an_unchanged_author_feed_is_not_written_again(make_app, tmp_path):
    srcdir = make_site(tmp_path / "src", NAMES_FILES, NAMES_CONF)
    out = tmp_path / "out"
    first = build(make_app, "html", srcdir=srcdir, builddir=out).outdir
    feeds = {path: (first / path).stat().st_mtime_ns for path in _names_feeds(first)}
    b = srcdir / "b.rst"  # Plain Person's post, in the Deep dive series: not Ada's or Solo's
    b.write_text(b.read_text().replace("Text.", "Other text."))
    result = build(make_app, "html", srcdir=srcdir, builddir=out)
    changed = {p for p, mtime in feeds.items() if (result.outdir / p).stat().st_mtime_ns != mtime}
    assert changed == {"blog/author/plain-person/atom.xml", "blog/series/deep-dive/atom.xml"}


def test_a_file_of_html_extra_path_at_an_author_feeds_place_is_kept(make_app, tmp_path):
    srcdir = make_site(tmp_path / "src", NAMES_FILES, NAMES_CONF + 'html_extra_path = ["extra"]\n')
    own = srcdir / "extra/blog/author/ada/atom.xml"
    own.parent.mkdir(parents=True)
    own.write_bytes(b"<feed>mine</feed>")
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert (result.outdir / "blog/author/ada/atom.xml").read_bytes() == b"<feed>mine</feed>"
    assert len(result.warnings) == 1, result.warnings
    assert "blog/author/ada/atom.xml" in result.warnings[0]
    assert result.warnings[0].endswith("[blogpost.conflict]")
    assert _parse(result.outdir / "blog/series/deep-dive/atom.xml").entries


def test_the_author_feed_of_a_hostile_name(feeds):
    feed = _parse(feeds.outdir / "blog" / "author" / "ob" / "atom.xml")
    assert feed.feed.title == 'Notes & "Dispatches" <b>: O\'Brien <x@y>'
    assert [e.link for e in feed.entries] == [FEEDS_BASE + "escape.html"]


# -- the visible link to a name's own feed ---------------------------------------------------
def _term_feed_links(outdir: Path, page: str) -> list[Any]:
    page_soup = BeautifulSoup((outdir / f"{page}.html").read_text("utf8"), "html.parser")
    return page_soup.body.select(".bp-term-feed a")


@pytest.mark.parametrize("theme", ["alabaster", "dispatches", "furo", "pydata_sphinx_theme"])
def test_every_names_page_shows_a_link_to_its_own_feed(make_app, tmp_path, theme):
    a = NAMES_FILES["a.rst"].replace(":author:", ":category: Notes\n   :tags: x\n   :author:")
    b = NAMES_FILES["b.rst"].replace(":author:", ":tags: x\n   :author:")
    srcdir = make_site(tmp_path / "src", {**NAMES_FILES, "a.rst": a, "b.rst": b}, NAMES_CONF)
    overrides = {"html_theme": theme, "blogpost_posts_per_page": 1}  # tag x has two pages
    result = build(
        make_app, "html", srcdir=srcdir, builddir=tmp_path / "out", confoverrides=overrides
    )
    assert result.warnings == []
    pages = {
        "blog/category/notes": "category",
        "blog/tag/x": "tag",
        "blog/tag/x/page/2": "tag",  # every page of a listing: it is the same name's
        "blog/author/ada": "author",
        "blog/author/plain-person": "author",
        "blog/series/deep-dive": "series",
    }
    for page, kind in pages.items():
        links = _term_feed_links(result.outdir, page)
        assert len(links) == 1, page
        link = links[0]
        assert link.get_text() == f"Atom feed of this {kind}"
        assert link["rel"] == ["alternate"] and link["type"] == "application/atom+xml"
        feed = urljoin(f"{page}.html", link["href"])  # as a browser follows it
        assert feed == re.sub(r"/page/\d+$", "", page) + "/atom.xml", page
        assert _parse(result.outdir / feed).entries
    for page in ("blog/index", "blog/archive", "blog/tag/index", "blog/author/index", "a"):
        assert _term_feed_links(result.outdir, page) == [], page


def test_a_name_without_a_feed_shows_no_link_to_one(make_app, tmp_path):
    conf = NAMES_CONF + "blogpost_drafts = True\n"  # Draft Only: a page, and no feed
    srcdir = make_site(tmp_path / "src", NAMES_FILES, conf)
    preview = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "preview")
    assert _term_feed_links(preview.outdir, "blog/author/draft-only") == []
    assert len(_term_feed_links(preview.outdir, "blog/author/ada")) == 1
    for overrides in ({"html_baseurl": ""}, {"blogpost_feeds": ["rss"]}):
        result = build(
            make_app, "html", srcdir=srcdir, builddir=tmp_path / "other", confoverrides=overrides
        )
        for page in ("blog/author/ada", "blog/series/deep-dive"):
            assert _term_feed_links(result.outdir, page) == [], (overrides, page)


def test_dirhtml_links_each_names_own_feed_from_its_folder(make_app, tmp_path):
    b = NAMES_FILES["b.rst"].replace(":author:", ":tags: café\n   :author:")
    a = NAMES_FILES["a.rst"].replace(":author:", ":tags: café\n   :author:")
    srcdir = make_site(tmp_path / "src", {**NAMES_FILES, "a.rst": a, "b.rst": b}, NAMES_CONF)
    overrides = {"blogpost_posts_per_page": 1}
    result = build(
        make_app, "dirhtml", srcdir=srcdir, builddir=tmp_path / "out", confoverrides=overrides
    )
    assert result.warnings == []
    for folder in ("blog/tag/café", "blog/tag/café/page/2", "blog/author/ada"):
        (link,) = _term_feed_links(result.outdir, f"{folder}/index")
        feed = urljoin(f"{folder}/", link["href"])
        assert feed == re.sub(r"/page/\d+$", "", folder) + "/atom.xml", folder
        assert (result.outdir / feed).is_file(), folder
