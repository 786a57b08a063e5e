"""Declaring posts: the directive in rST and MyST, both front-matter forms, ``more``, summaries,
and escaping of every user text in the header."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives
from markdown_it import MarkdownIt
from sphinx.util.docutils import docutils_namespace

from sphinx_blogpost.directives import BlogpostDirective, blogpost_node, directive_under_title

from .conftest import build, copy_root, make_site, posts, soup, warnings_of


@pytest.fixture
def built(make_app, rootdir, tmp_path):
    app = make_app("html", srcdir=rootdir / "test-syntax", builddir=tmp_path, freshenv=True)
    app.build()
    return app


def test_builds_without_warnings(built):
    assert warnings_of(built) == []


@pytest.mark.parametrize("doc", ["more_comment", "more_directive", "more_fenced", "more_multiline"])
def test_every_declaration_form_matches_rst(built, doc):
    records = posts(built)
    assert dataclasses.replace(records[doc], docname="more") == records["more"]


def test_excerpt_ends_at_more(built):
    post = posts(built)["more"]
    assert post.summary == "First paragraph is short. Second paragraph is also short."
    assert post.summary_is_partial
    assert post.tags == ("one", "two")  # repeated tags are listed once
    assert [(a.key, a.name) for a in post.authors] == [("ada", "Ada Lovelace"), ("lin", "Lin Wei")]
    assert post.date.iso == "2025-03-04T09:30:00+00:00"
    assert post.updated.iso == "2025-03-05T10:00:00+02:00"


def test_automatic_summary_takes_whole_paragraphs(built):
    post = posts(built)["auto"]
    assert post.summary.startswith("Alpha beta") and post.summary.endswith("omega done.")
    assert "third" not in post.summary
    assert post.summary_is_partial
    assert post.categories == ("Transformer", "Efficiency")
    assert post.date.iso == "2021-01-05"
    assert [a.name for a in post.authors] == ["Lin Wei"]  # blogpost_default_author


def test_summary_skips_image_alt_text(built):
    post = posts(built)["inline_image"]
    assert post.summary == "Only these words are the summary."
    assert post.words == 6


def test_both_front_matter_forms(built):
    records = posts(built)
    toplevel, nested = records["toplevel"], records["nested"]
    by_hand = {"summary": toplevel.summary, "summary_is_partial": False}
    assert dataclasses.replace(nested, docname="toplevel", **by_hand) == toplevel
    assert (nested.summary, nested.summary_is_partial) == ("Given by hand.", True)
    assert (toplevel.draft, toplevel.pin, toplevel.minutes) == (True, True, 7)
    assert (toplevel.series, toplevel.language, toplevel.tags) == (
        "Thinking Machines",
        "en",
        ("grpo", "rl"),
    )
    assert not toplevel.is_listed(drafts=False) and toplevel.is_listed(drafts=True)


def test_top_level_front_matter_names_each_author_of_a_list(make_app, rootdir, tmp_path):
    """docutils reads `author` and `authors` as its own bibliographic fields, which MyST
    fills with JSON for a YAML list (`authors` then split at its commas by docutils): each
    form names the authors it lists, as text or in rST's field list."""
    result = build(make_app, "html", srcdir=rootdir / "test-top-level-authors", builddir=tmp_path)
    assert result.warnings == []
    ada, lin = ("ada", "Ada Lovelace"), ("lin", "Lin Wei")
    authors = {doc: [(a.key, a.name) for a in post.authors] for doc, post in result.posts.items()}
    assert authors == {
        "myst_list": [ada, lin],
        "myst_plural": [ada, lin],
        "myst_one": [ada],
        "myst_plural_one": [lin],
        "myst_text": [ada, lin],
        "rst_author": [ada, lin],
        "rst_authors": [ada, lin],
    }
    # `date`, a bibliographic field too, is read as before
    assert result.posts["myst_one"].date.iso == "2025-01-03T09:30:00+00:00"
    assert result.posts["rst_authors"].date.iso == "2025-01-07"


def test_top_level_front_matter_values_are_read_as_written(make_app, rootdir, tmp_path):
    """MyST renders `author`, `authors` and `date` as Markdown (here with smart quotes), a
    list as JSON, and docutils splits `authors`: ABlog's form (`blogpost: true` beside the
    options) is read from the YAML as written, as the `blogpost:` mapping is."""
    app = make_app("html", srcdir=rootdir / "test-top-level-as-written", builddir=tmp_path)
    try:
        app.build()
        assert warnings_of(app) == []
        markup, moments = posts(app)["markup"], posts(app)["moments"]
        summary = 'Use *args and __init__ here -- mail <x@y>, a back\\slash and "quotes".'
        assert markup.summary == summary
        assert markup.series == 'A "quoted" *series* of __init__'
        assert markup.tags == ("snake_case", "*starred*")
        ada, lin = ("ada", "Ada Lovelace"), ("lin", "Lin Wei")
        for post in (markup, moments):  # `author: [...]`, `authors: [...]`
            assert [(a.key, a.name) for a in post.authors] == [ada, lin]
        odd = 'The "quoted" *name* of __init__ <x@y> back\\\\slash'  # two backslashes
        assert [(a.key, a.name) for a in posts(app)["named"].authors] == [("odd", odd)]
        # YAML's dates and date-times, and `yes` for true
        assert markup.date.iso == "2025-01-02"
        assert moments.date.iso == "2025-01-03T09:30:00+02:00"
        assert moments.updated.iso == "2025-01-04T10:15:00+00:00"
        cards = soup(app, "blog/index").select(".bp-card-summary")
        assert summary in [card.get_text() for card in cards]
        assert soup(app, "markup").select_one(".bp-series").get_text().startswith(markup.series)
        # The keys stay in the text MyST reads: the page's metadata keeps them (as MyST
        # renders them), and no line moves.
        metadata = app.env.metadata["markup"]
        assert {"blogpost", "date", "author", "tags", "series", "summary"} <= set(metadata)
        assert app.env.get_doctree("markup").next_node(nodes.title).line == 9
    finally:
        app.cleanup()


def test_yaml_numbers_and_booleans_are_read_as_written(make_app, tmp_path):
    """YAML 1.1 reads 3.10 as 3.1, 010 as 8 and the language `no` (Norwegian) as False: the
    options are the text written, as in the directive; MyST still gets YAML's values."""
    files = {
        "versions.md": "---\nblogpost:\n  date: 2025-01-01\n  tags: [3.10, 010, yes]\n"
        "  category: 3.10\n  language: no\n  readtime: 010\n  draft: false\n"
        "myst:\n  heading_anchors: 2\n---\n# Versions\n\n## A section\n\nText.\n",
        "versions_rst.rst": "Versions\n========\n\n.. blogpost::\n   :date: 2025-01-01\n"
        "   :tags: 3.10, 010, yes\n   :category: 3.10\n   :language: no\n   :readtime: 010\n\n"
        "A section\n---------\n\nText.\n",
    }
    conf = 'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://x.org/"\n'
    srcdir = make_site(tmp_path / "src", files, conf)
    site = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert site.warnings == []
    post = site.posts["versions"]
    assert (post.tags, post.categories, post.language) == (("3.10", "010", "yes"), ("3.10",), "no")
    assert post.minutes == 10 and not post.draft
    assert dataclasses.replace(post, docname="versions_rst") == site.posts["versions_rst"]
    page = (site.outdir / "versions.html").read_text("utf8")
    assert 'id="a-section"' in page  # MyST's own settings keep YAML's values (2, not "2")


def test_names_match_however_their_accents_are_typed(make_app, tmp_path):
    # "é" as one character in one place, "e" and a combining accent in another.
    files = {
        "index.rst": "Home\n====\n\n.. postlist::\n   :tags: cafe\u0301\n\n"
        ".. toctree::\n   :glob:\n\n   *\n",
        "post.rst": "Post\n====\n\n.. blogpost::\n   :date: 2025-01-01\n   :author: jos\u00e9\n"
        "   :category: Caf\u00e9\n   :tags: caf\u00e9\n\nText.\n",
    }
    conf = (
        'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://x.org/"\n'
        'blogpost_authors = {"jose\\u0301": {"name": "Jose\\u0301 Q"}}\n'
        'blogpost_categories = ["Cafe\\u0301"]\n'
    )
    srcdir = make_site(tmp_path / "src", files, conf)
    site = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert site.warnings == []
    assert [(a.key, a.name) for a in site.posts["post"].authors] == [("jos\u00e9", "Jos\u00e9 Q")]
    home = BeautifulSoup((site.outdir / "index.html").read_text("utf8"), "html.parser")
    assert [a.get_text() for a in home.select(".bp-card-title a")] == ["Post"]


def test_a_blogpost_mapping_in_front_matter_is_read_with_the_source(built):
    # MyST renders front matter into fields, which Sphinx keeps as the page's metadata. The
    # documented form is read when the source is, and MyST never parses it (it would read
    # that YAML twice; MyST 4 even fails on its dates when other keys are beside it)...
    assert "blogpost" not in built.env.metadata["nested"]
    assert "blogpost" not in built.env.metadata["other_keys"]
    # ...while the other keys are still MyST's, and no line moves.
    assert built.env.metadata["other_keys"]["layout"] == "wide"
    nested, other_keys = posts(built)["nested"], posts(built)["other_keys"]
    assert dataclasses.replace(other_keys, docname="nested", title=nested.title) == nested
    title = built.env.get_doctree("other_keys").next_node(nodes.title)
    assert title.line == 15  # "# ..." right under the front matter


def test_a_directive_under_the_opening_title_is_read_with_the_source(
    make_app, rootdir, tmp_path, monkeypatch
):
    parsed = []
    run = BlogpostDirective.run
    monkeypatch.setattr(
        BlogpostDirective, "run", lambda self: parsed.append(self.env.docname) or run(self)
    )
    app = make_app("html", srcdir=rootdir / "test-syntax", builddir=tmp_path, freshenv=True)
    app.build()
    # In rST, docutils runs the directive only where it is not right under the title that
    # opens the document (labelled.rst has a label above its title); MyST runs its own.
    rst = [doc for doc in parsed if app.env.doc2path(doc).suffix == ".rst"]
    assert rst == ["labelled"] and "more_fenced" in parsed
    # ...and both give the same post, from the same node at the same place.
    auto, labelled = posts(app)["auto"], posts(app)["labelled"]
    assert dataclasses.replace(labelled, docname="auto") == auto
    for doc, line in (("auto", 4), ("labelled", 6), ("more_multiline", 4)):
        doctree = app.env.get_doctree(doc)
        declaration = next(doctree.findall(blogpost_node))
        section = declaration.parent
        assert section.tagname == "section" and section.index(declaration) == 1, doc
        assert (declaration.source, declaration.line) == (str(app.srcdir / f"{doc}.rst"), line)
    assert soup(app, "auto").select_one(".bp-post-header") is not None


READ_WITH_THE_SOURCE = [
    "Title\n=====\n\n.. blogpost::\n   :date: 2021\n\nText.\n",
    "\n=====\nTitle\n=====\n\n.. blogpost::\n  :a: 1\n\n  :b: 2\n",
    "Ünïcode title 🎉\n-----------------\n\n.. blogpost::\n\n   :date: 2021\n     more\n",
    "<b>Title</b>\n============\n\n\n.. blogpost::\n",
    # a no-break space does not indent, for docutils: the line after the blank one is text
    "Title\n=====\n\n.. blogpost::\n   :date: 2021\n\n\u00a0:tags: a\n",
]
LEFT_TO_DOCUTILS = [
    ".. _label:\n\nTitle\n=====\n\n.. blogpost::\n   :date: 2021\n",
    "Title\n===\n\n.. blogpost::\n   :date: 2021\n",  # underline too short
    "Title\n=====\n.. blogpost::\n   :date: 2021\n",  # no blank line above
    "Title\n=====\n\n.. blogpost::\n   :date: 2021\nText.\n",  # nor below
    "Title\n=====\n\n.. blogpost:: :date: 2021\n",
    "Title\n=====\n\n.. blogpost::\n\t:date: 2021\n",  # tabs
    "Title\n=====\n\n.. blogpost::\n   :date: 2021\n\n\t:tags: a\n",  # (docutils: indented)
    "=====\nTitle\n======\n\n.. blogpost::\n",  # over- and underline differ
    "- Title\n=======\n\n.. blogpost::\n",  # a list, not a title
    "Title\n=====\n\nText.\n\n.. blogpost::\n",
]


@pytest.mark.parametrize("text", READ_WITH_THE_SOURCE)
def test_a_directive_read_with_the_source_has_the_content_docutils_gives_it(text):
    given = []

    class Probe(Directive):
        has_content = True

        def run(self):
            given.append((list(self.content), self.content_offset))
            return []

    with docutils_namespace():
        directives.register_directive("blogpost", Probe)
        publish_doctree(text, settings_overrides={"report_level": 5})
    block = directive_under_title(text.splitlines(keepends=True))
    assert given == [(block.content, block.content_offset)]


@pytest.mark.parametrize("text", LEFT_TO_DOCUTILS)
def test_any_other_directive_is_left_to_docutils(text):
    assert directive_under_title(text.splitlines(keepends=True)) is None


def test_header_of_a_draft_says_so(built):
    assert soup(built, "toplevel").select_one(".bp-draft-label").get_text() == "Draft"


def test_header_escapes_user_text(built):
    page = soup(built, "escape")
    header = page.select_one(".bp-post-header")
    assert header.find("script") is None and header.find("b") is None
    assert page.select_one(".bp-category").get_text() == "R&D <b>"
    assert [t.get_text() for t in page.select(".bp-tag")] == [
        "<script>x</script>",
        "a&b",
        '"q"',
        "🎉",
    ]
    assert page.select_one(".bp-author").get_text() == "O'Brien <x@y>"
    assert posts(built)["escape"].title == "<script>alert(\"t\")</script> & 'quotes' 🎉"


@pytest.mark.parametrize("builder", ["text", "latex", "singlehtml", "dirhtml"])
def test_other_builders_finish(make_app, rootdir, tmp_path, builder):
    app = make_app(builder, srcdir=rootdir / "test-syntax", builddir=tmp_path)
    app.build()
    assert warnings_of(app) == []
    if builder == "text":
        text = " ".join((tmp_path / "text" / "more.txt").read_text().split())
        line = "Mar 4, 2025 · 1 min read · 15 words · Ada Lovelace, Lin Wei · Updated Mar 5, 2025"
        assert f"{line} · #one #two" in text
    if builder == "singlehtml":
        html = (tmp_path / "singlehtml" / "index.html").read_text()
        assert html.count('class="bp-post-header"') == len(posts(app))


def test_plain_header_says_updated_and_draft(make_app, tmp_path):
    # As the HTML header does: a PDF or man page of a post says when it was updated.
    post = ("A post\n======\n\n.. blogpost::\n   :date: 2025-01-02\n   :updated: 2025-02-03\n"
            "   :draft:\n   :tags: one\n\nText.\n")  # fmt: skip
    srcdir = make_site(tmp_path / "src", {"post.rst": post}, 'extensions = ["sphinx_blogpost"]\n')
    result = build(make_app, "text", srcdir=srcdir, builddir=tmp_path / "out")
    text = " ".join((result.outdir / "post.txt").read_text().split())
    assert "Jan 2, 2025 · 1 min read · 1 word · Updated Feb 3, 2025 · Draft · #one" in text


def _search_terms(app) -> tuple[list[str], dict[str, list[int]]]:
    text = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    terms = {
        term: docs if isinstance(docs, list) else [docs] for term, docs in index["terms"].items()
    }
    return index["docnames"], terms


def test_search_indexes_the_post_not_the_blog_around_it(built):
    docnames, terms = _search_terms(built)
    more = docnames.index("more")
    # The header's author name and reading time are not indexed; the body is...
    assert "lovelac" not in terms and "paragraph" in terms and more in terms["paragraph"]
    # ...and categories and tags are, as the page's keywords (more.rst's body has no "two").
    assert more in terms["two"]
    assert docnames.index("auto") in terms["transform"]


# -- postlist: options in rST and MyST, as documented --------------------------------------
REPO = Path(__file__).resolve().parent.parent


@pytest.mark.sphinx("html", testroot="postlist-options")
def test_postlist_options_read_alike_in_rst_and_myst(app):
    app.build()
    rst, myst = (
        [str(listing) for listing in soup(app, page).select(".bp-listing")]
        for page in ("lists", "lists_md")
    )
    assert rst[:3] == myst[:3]  # the same options (and problems), written in either


def _postlist_examples(page: Path) -> list[tuple[str, str]]:
    """``(suffix, text)`` of each code block of a Markdown page that shows a ``postlist``."""
    examples = []
    for token in MarkdownIt().parse(page.read_text("utf8")):
        if token.type == "fence" and token.info == "rst" and ".. postlist::" in token.content:
            examples.append(("rst", f"Example\n=======\n\n{token.content}"))
        elif token.type == "fence" and token.info == "markdown" and "{postlist}" in token.content:
            examples.append(("md", f"# Example\n\n{token.content}"))
    return examples


@pytest.mark.parametrize("page", ["README.md", "docs/reference/directives.md"])
def test_documented_postlists_build_without_warnings(make_app, tmp_path, page):
    examples = _postlist_examples(REPO / page)
    assert examples
    srcdir = copy_root("postlist-examples", tmp_path)
    for number, (suffix, text) in enumerate(examples):
        (srcdir / f"example{number}.{suffix}").write_text(text, encoding="utf8")
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert result.warnings == []
    for number in range(len(examples)):
        html = (result.outdir / f"example{number}.html").read_text("utf8")
        assert 'class="bp-listing' in html, number
