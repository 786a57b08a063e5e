"""The collector: parallel reads and incremental rebuilds give the same posts and pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.core import publish_doctree

from sphinx_blogpost.collector import _VisibleText
from sphinx_blogpost.directives import blogpost_node, find_blog_nodes, postlist_node

from .conftest import build, copy_root

if TYPE_CHECKING:
    from pathlib import Path


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
