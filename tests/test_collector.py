"""The collector: parallel reads and incremental rebuilds give the same posts and pages; words
are counted per block of text and summaries are made of the running text, lists included."""

from __future__ import annotations

from typing import TYPE_CHECKING

import feedparser
import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.core import publish_doctree
from sphinx.testing.util import SphinxTestApp

from sphinx_blogpost.collector import _VisibleText
from sphinx_blogpost.directives import blogpost_node, find_blog_nodes, postlist_node

from .conftest import ROOTS, build, copy_root, posts, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sphinx_blogpost.posts import Post


def _html_pages(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


def test_parallel_read_gives_identical_posts_and_html(make_app, rootdir, tmp_path):
    serial, parallel = (
        build(
            make_app,
            "html",
            srcdir=rootdir / "test-forty",
            builddir=tmp_path / f"j{jobs}",
            parallel=jobs,
        )
        for jobs in (1, 2)
    )
    assert serial.warnings == parallel.warnings == []
    assert len(serial.posts) == 40
    assert parallel.posts == serial.posts
    serial_pages, parallel_pages = _html_pages(serial.outdir), _html_pages(parallel.outdir)
    assert parallel_pages.keys() == serial_pages.keys()
    assert [p for p in serial_pages if serial_pages[p] != parallel_pages[p]] == []


def test_incremental_rebuilds_match_clean_builds(make_app, tmp_path):
    srcdir = copy_root("forty", tmp_path)
    build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "incremental")
    post = srcdir / "post04.rst"

    def edit_body() -> None:
        post.write_text(post.read_text() + "\nTen more words for the body of this post, counted.\n")

    def retag() -> None:
        post.write_text(post.read_text().replace(":tags: ", ":tags: retagged, "))

    for step, edit in [("body", edit_body), ("tags", retag), ("delete", post.unlink)]:
        before = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "incremental").posts
        edit()
        incremental = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "incremental")
        clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / f"clean-{step}")
        assert incremental.warnings == clean.warnings == []
        assert incremental.posts == clean.posts, step
        if step == "body":
            assert incremental.posts["post04"].words == before["post04"].words + 10
        elif step == "tags":
            assert incremental.posts["post04"].tags[0] == "retagged"
        else:
            assert "post04" not in incremental.posts


def test_markdown_owned_by_an_extension_listed_first(make_app, rootdir, tmp_path):
    # myst-nb listed before sphinx_blogpost: setting up MyST's own parser again for ".md"
    # stopped Sphinx at start ("source_suffix '.md' is already registered").
    result = build(make_app, "html", srcdir=rootdir / "test-markdown-owner", builddir=tmp_path)
    assert result.warnings == []
    post = result.posts["post"]
    assert (post.title, post.tags) == (
        "A post parsed by another Markdown extension",
        ("notebooks",),
    )
    index = BeautifulSoup((result.outdir / "blog" / "index.html").read_text("utf8"), "html.parser")
    assert [a.get_text() for a in index.select(".bp-card-title a")] == [post.title]


def test_escaped_characters_are_counted_as_readers_see_them():
    # "a\\ b" is one word ("ab"): docutils keeps the escape as a NUL mark in the text.
    doctree = publish_doctree(r"Sea\ son \*starred\* words here.")
    text = _VisibleText(title=None)
    text.walk(doctree)
    assert (text.words, text.paragraphs) == (4, ["Season *starred* words here."])


def test_blog_nodes_are_found_in_document_order_at_any_depth():
    doctree = publish_doctree("Text.\n\n* item\n\n  - nested item\n")
    first, deep, last = blogpost_node(), postlist_node(), postlist_node()
    doctree.insert(0, first)
    next(iter(doctree.findall(nodes.list_item)))[-1][0] += deep
    doctree += last
    assert find_blog_nodes(doctree) == ([first], [deep, last])


def test_the_walk_stops_once_it_has_the_blog_nodes_reading_counted():
    doctree = publish_doctree("Text.\n\n* item\n")
    declaration, later, listing = blogpost_node(), blogpost_node(), postlist_node()
    doctree.insert(0, declaration)
    doctree += [listing, later]
    assert find_blog_nodes(doctree, (1, 0)) == ([declaration], [])
    assert find_blog_nodes(doctree, (0, 0)) == ([], [])
    assert find_blog_nodes(doctree, (1, 1)) == ([declaration], [listing])
    # more than it expects: the whole document is walked, nothing is missed
    assert find_blog_nodes(doctree, (0, 1)) == ([declaration, later], [listing])


def test_inline_markup_does_not_split_words() -> None:
    # Each Text node counted apart would make 13 words of the paragraph ("H", "2", "O,",
    # "three", "." ...) and 4 of the list item: a reader sees 7 and 2.
    source = (
        "Water is H\\ :sub:`2`\\ O, ``three``. *Twice*, **loudly**; `on <https://a.b>`_!\n\n"
        "* ``x``-axis, *ok*?\n"
    )
    text = _VisibleText(title=None)
    text.walk(publish_doctree(source))
    assert text.words == 9
    assert text.paragraphs == ["Water is H2O, three. Twice, loudly; on!", "x-axis, ok?"]


def test_lists_and_quotes_are_running_text_and_asides_are_not() -> None:
    source = """Lead.

* One.
* |dot|

  1. Nested.

     Second paragraph of the nested item.

..

   Quoted.

.. note:: Noted.

+--------+
| Tabled |
+--------+

.. [#] Footnoted.

.. |dot| image:: dot.png
"""
    text = _VisibleText(title=None)
    text.walk(publish_doctree(source))
    # The item of an image alone adds no empty paragraph to join into a summary.
    paragraphs = ["Lead.", "One.", "Nested.", "Second paragraph of the nested item.", "Quoted."]
    assert text.paragraphs == paragraphs
    assert text.words == 13  # the asides' words count all the same; the footnote's label not


@pytest.fixture(scope="module")
def summary_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """One build of the test-summary root (in the list layout), shared by the tests below."""
    app = SphinxTestApp(
        "html", srcdir=ROOTS / "test-summary", builddir=tmp_path_factory.mktemp("summary")
    )
    app.build()
    app.cleanup()  # its docutils registrations released: other tests build apps of their own
    yield app


def _listed_summaries(app: SphinxTestApp) -> dict[str, str]:
    """The summary each post shows in the blog index's list layout, by post page."""
    items = soup(app, "blog/index").select(".bp-layout-list .bp-list-item")
    return {
        item.select_one(".bp-card-title a")["href"].removeprefix("../"): item.select_one(
            ".bp-card-summary"
        ).get_text()
        for item in items
    }


def _record(app: SphinxTestApp, docname: str) -> Post:
    post = posts(app)[docname]
    header = soup(app, docname).select_one(".bp-post-header")
    assert header.select_one(".bp-words")["data-words"] == str(post.words)
    return post


def test_summary_site_builds_without_warnings(summary_site: SphinxTestApp) -> None:
    assert warnings_of(summary_site) == []
    assert len(_listed_summaries(summary_site)) == 10


@pytest.mark.parametrize("doc", ["inline", "inline_md"])
def test_words_run_through_inline_markup_in_rst_and_myst(
    summary_site: SphinxTestApp, doc: str
) -> None:
    post = _record(summary_site, doc)
    # 14 words of prose, 3 in the subsection's title, 4 of code; the post's title is not counted
    assert post.words == 21
    assert post.summary == "Water is H2O; the answer is three. Say it twice, loudly; then read on!"
    assert post.summary_is_partial
    listed = _listed_summaries(summary_site)[f"{doc}.html"]
    assert listed == post.summary + " ..."


def test_a_post_of_only_a_list_is_summarised_by_its_list(summary_site: SphinxTestApp) -> None:
    post = _record(summary_site, "list_only")
    assert post.summary == "Milk and eggs. Bread, the brown kind. Butter, salted."
    assert (post.words, post.summary_is_partial) == (9, False)
    assert _listed_summaries(summary_site)["list_only.html"] == post.summary  # no " ..."


def test_a_list_before_more_is_in_the_summary(summary_site: SphinxTestApp) -> None:
    post = _record(summary_site, "list_before_more")
    assert post.summary == "Three things to pack: A map of the hills. Water for the day."
    assert (post.words, post.summary_is_partial) == (19, True)
    listed = _listed_summaries(summary_site)["list_before_more.html"]
    assert listed == post.summary + " ..."


def test_tables_admonitions_and_sidebars_stay_out_of_summaries(
    summary_site: SphinxTestApp,
) -> None:
    post = _record(summary_site, "asides")
    assert post.summary == "The body paragraph comes next. Quoted words are running text."
    assert (post.words, post.summary_is_partial) == (23, True)  # asides count as words


def test_footnote_and_citation_marks_are_no_words_of_a_summary(
    summary_site: SphinxTestApp,
) -> None:
    post = _record(summary_site, "footnotes")
    assert post.summary == "A claim and a source follow."
    assert post.words == 6 + 3 + 3  # the notes' own words count, as asides'


def test_an_empty_summary_is_not_followed_by_dots(summary_site: SphinxTestApp) -> None:
    post = _record(summary_site, "code_only")
    assert (post.summary, post.words, post.summary_is_partial) == ("", 1, False)
    assert _listed_summaries(summary_site)["code_only.html"] == ""


def test_inline_math_in_a_summary_is_mathml_in_listings_and_tex_in_feeds(
    summary_site: SphinxTestApp,
) -> None:
    """Math in a summary shows as MathML, which browsers draw without a script; TeX that
    docutils' converter does not know stays as written. Text around it stays escaped."""
    post = _record(summary_site, "math")
    assert post.summary == (
        r"Attention is \mathrm{softmax}(QK^T/\sqrt{d})V when a<b, and \operatorname{KL}(p\|q)"
        r" is <not> zero; \unknownmacro y stays as written, here and everywhere else in these"
        " few words."
    )
    index = soup(summary_site, "blog/index")
    (item,) = [
        i for i in index.select(".bp-list-item") if i.select_one("a")["href"] == "../math.html"
    ]
    cards = soup(summary_site, "index").select(".bp-layout-cards .bp-card-summary")
    assert len(cards) == 2  # the math posts, in the cards layout: the same summary HTML
    for summary in (item.select_one(".bp-card-summary"), cards[1]):
        maths = summary.find_all("math")
        assert [m.get("xmlns") for m in maths] == ["http://www.w3.org/1998/Math/MathML"] * 3
        assert maths[0].find("msqrt") is not None and maths[0].find("msup") is not None
        assert [mo.get_text() for mo in maths[1].find_all("mo")] == ["<"]
        assert summary.find("not") is None and "is <not> zero" in summary.get_text()
        assert "\\unknownmacro y stays" in summary.get_text()
    raw = (summary_site.outdir / "blog" / "index.html").read_text("utf8")
    # HTML's named entities are characters: EPUB's pages are XHTML, which knows none of them
    assert "&ApplyFunction;" not in raw and "\u2061" in raw

    md_post = _record(summary_site, "math_md")  # MyST's dollarmath gives the same nodes
    script_l = "<mi>\u2112</mi>"  # \mathcal{L}
    assert md_post.summary_markup is not None and script_l in md_post.summary_markup
    assert post.summary_markup is not None
    # No math in the summary (only past it), or none at all: the escaped text, as before
    assert _record(summary_site, "math_later").summary_markup is None
    assert _record(summary_site, "inline").summary_markup is None

    atom = feedparser.parse(summary_site.outdir / "blog" / "atom.xml")
    (entry,) = [e for e in atom.entries if e.link.endswith("/math.html")]
    assert entry.summary == post.summary  # feeds and metadata keep the text


def test_an_epub_listing_shows_a_summarys_math_as_text(make_app, tmp_path) -> None:
    """An EPUB's manifest must mark each page with MathML (``properties="mathml"``), and
    Sphinx's marks none: its listings show the TeX as text, as feeds do."""
    site = build(make_app, "epub", srcdir=ROOTS / "test-summary", builddir=tmp_path)
    page = (site.outdir / "index.xhtml").read_text("utf8")
    summaries = BeautifulSoup(page, "html.parser").select(".bp-card-summary")
    assert [s.get_text() for s in summaries] == [
        site.posts["math_md"].summary,
        site.posts["math"].summary,
    ]
    assert "<math" not in page and site.posts["math"].summary_markup is not None
