"""An introduction above the blog index: a document at ``{root}/index`` whose ``postlist`` has
``:paginate:`` shows the index's first page under its text; the blog goes on at ``page/N``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from .conftest import build, copy_root, soup, warnings_of

if TYPE_CHECKING:
    from typing import Any


def _page(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / name).read_text("utf8"), "html.parser")


def _titles(page: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in page.select("div.body .bp-card-title a")]


def _pager(page: BeautifulSoup) -> dict[str, str]:
    links = page.select("nav.bp-pagination a[rel]")
    return {a["rel"][0]: a["href"] for a in links}


@pytest.mark.sphinx("html", testroot="intro")
def test_the_blog_index_document_shows_its_text_then_the_first_page(app):
    app.build()
    assert warnings_of(app) == []  # no blogpost.conflict: the document asked for the listing
    index = soup(app, "blog/index")
    body = index.select_one("div.body")
    assert body.select_one("h1").get_text().startswith("Notes from the lab")
    assert "this text stands above the list of posts" in body.get_text()
    # Pinned first, then the newest; two a page (blogpost_posts_per_page)
    assert _titles(index) == ["Post 2", "Post 5"]
    assert body.select(".bp-card.sd-card")  # cards: the generated index's layout
    # ...the pinned post labelled, as on the generated index
    labels = [
        (label.find_previous("a").get_text(), label.get_text())
        for label in body.select(".bp-pin-label")
    ]
    assert labels == [("Post 2", "Pinned")]
    assert _pager(index) == {"next": "page/2.html"}
    # dispatches: the page looks like the blog index (the wide grid)
    assert "bp-kind-index" in index.select_one("body")["class"]
    current = index.select_one(".bp-site-nav a[aria-current=page]")
    assert current is not None and current.get_text() == "Blog"

    second = soup(app, "blog/page/2")
    assert second.select_one("div.body h1").get_text() == "Notes from the lab"
    assert "Notes from the lab — page 2" in second.select_one("title").get_text()
    assert "this text stands above" not in second.get_text()
    assert _titles(second) == ["Post 4", "Post 3"]
    assert _pager(second) == {"prev": "../index.html", "next": "3.html"}
    assert "bp-kind-index" in second.select_one("body")["class"]
    third = soup(app, "blog/page/3")
    assert _titles(third) == ["Post 1"]
    assert _pager(third) == {"prev": "2.html"}
    assert not (Path(app.outdir) / "blog" / "page" / "4.html").exists()
    # Feeds and the post index are the blog's, as before
    assert (Path(app.outdir) / "blog" / "atom.xml").is_file()
    listed = json.loads((Path(app.outdir) / "blog" / "index.json").read_text("utf8"))
    assert len(listed["posts"] if isinstance(listed, dict) else listed) == 5


def test_a_blog_document_under_dirhtml_is_the_index_document(make_app, rootdir, tmp_path):
    # `blog.rst` is written to blog/index.html by dirhtml: the blog index's place.
    result = build(make_app, "dirhtml", srcdir=rootdir / "test-intro-dirhtml", builddir=tmp_path)
    assert result.warnings == []
    index = _page(result.outdir, "blog/index.html")
    assert "this text stands above" in index.select_one("div.body").get_text()
    assert _titles(index) == ["Post 2", "Post 5"]
    assert index.select(".bp-list-item")  # its :layout:
    assert _pager(index) == {"next": "page/2/"}
    second = _page(result.outdir, "blog/page/2/index.html")
    assert second.select_one("div.body h1").get_text() == "Notes from the lab"
    assert _titles(second) == ["Post 4", "Post 3"]
    assert _pager(second) == {"prev": "../../", "next": "../3/"}
    # :doc: to the blog index leads to the document's page, named by its title
    link = _page(result.outdir, "index.html").select_one("div.body a.reference[href='blog/']")
    assert link is not None and link.get_text() == "Notes from the lab"


def test_of_two_documents_at_the_index_the_one_left_in_the_output_is_the_index_document(
    make_app, tmp_path
):
    # dirhtml writes `blog` and `blog/index` both to blog/index.html; Sphinx writes documents
    # in order of name, so the page left there is blog/index's: its listing goes on at
    # page/2, under its title, whatever order a set gives the names in.
    srcdir = copy_root("intro-dirhtml", tmp_path)
    (srcdir / "blog").mkdir()
    intro = ":orphan:\n\nSecond intro\n============\n\nThe page left.\n\n"
    intro += ".. postlist::\n   :paginate:\n"
    (srcdir / "blog" / "index.rst").write_text(intro, "utf8")
    result = build(make_app, "dirhtml", srcdir=srcdir, builddir=tmp_path / "out")
    assert result.warnings == [
        f"{srcdir / 'blog.rst'}:7: WARNING: paginate applies only in the blog index document "
        "blog/index; this list is shown unpaginated [blogpost.option]"
    ]
    index = _page(result.outdir, "blog/index.html")
    assert "The page left." in index.select_one("div.body").get_text()
    assert _pager(index) == {"next": "page/2/"}
    second = _page(result.outdir, "blog/page/2/index.html")
    assert second.select_one("div.body h1").get_text() == "Second intro"


def test_a_blog_document_under_dirhtml_looks_like_the_blog_index(make_app, rootdir, tmp_path):
    srcdir, theme = rootdir / "test-intro-dirhtml", {"html_theme": "dispatches"}
    result = build(make_app, "dirhtml", srcdir=srcdir, builddir=tmp_path, confoverrides=theme)
    assert result.warnings == []
    index = _page(result.outdir, "blog/index.html")
    assert "bp-kind-index" in index.select_one("body")["class"]
    current = index.select_one(".bp-site-nav a[aria-current=page]")
    assert current is not None and current.get_text() == "Blog"  # the document is the blog's page
    second = _page(result.outdir, "blog/page/2/index.html")
    assert "bp-kind-index" in second.select_one("body")["class"]
    assert second.select_one(".bp-site-nav a[aria-current=true]").get_text() == "Blog"


def test_a_blog_document_under_html_is_not_the_index_document(make_app, rootdir, tmp_path):
    # With html, `blog.rst` is blog.html, beside the generated blog/index.html.
    result = build(make_app, "html", srcdir=rootdir / "test-intro-dirhtml", builddir=tmp_path)
    assert result.warnings == [
        f"{rootdir / 'test-intro-dirhtml' / 'blog.rst'}:7: WARNING: paginate applies only in "
        "the blog index document blog/index; this list is shown unpaginated [blogpost.option]"
    ]
    page = _page(result.outdir, "blog.html")
    assert len(page.select(".bp-list-item")) == 5 and not page.select("nav.bp-pagination")
    generated = _page(result.outdir, "blog/index.html")
    assert generated.select_one("div.body .bp-heading") is not None  # the generated index


@pytest.mark.sphinx("html", testroot="intro-misuse")
def test_a_paginate_that_cannot_be_honoured_is_warned_about(app):
    app.build()
    src = Path(app.srcdir)
    assert sorted(warnings_of(app)) == sorted([
        f"{src / 'blog' / 'index.rst'}:5: WARNING: postlist limit is ignored with paginate: "
        "each page shows blogpost_posts_per_page posts [blogpost.option]",
        f"{src / 'blog' / 'index.rst'}:11: WARNING: only the first paginated postlist of the "
        "blog index document is paginated; this one is shown unpaginated [blogpost.option]",
        f"{src / 'elsewhere.rst'}:5: WARNING: paginate applies only in the blog index "
        "document blog/index; this list is shown unpaginated [blogpost.option]",
    ])  # fmt: skip
    index = soup(app, "blog/index")
    first, second = index.select("div.body .bp-listing")
    assert len(first.select(".bp-card")) == 2  # a page, not :limit: 1
    assert len(second.select(".bp-card")) == 3
    assert len(index.select("nav.bp-pagination")) == 1
    assert (Path(app.outdir) / "blog" / "page" / "2.html").is_file()
    elsewhere = soup(app, "elsewhere")
    assert len(elsewhere.select(".bp-card")) == 3 and not elsewhere.select("nav.bp-pagination")


def test_without_paginate_the_document_still_wins_with_a_warning(make_app, tmp_path):
    srcdir = copy_root("intro", tmp_path)
    document = srcdir / "blog" / "index.md"
    document.write_text(document.read_text().replace(":paginate:\n", ""))
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert len(result.warnings) == 1
    start = f"{document}:1: WARNING: this document is where the generated blog page"
    assert result.warnings[0].startswith(start)
    keep = "keep the listing under the document's text: a postlist with :paginate:)"
    assert keep in result.warnings[0]
    assert "[blogpost.conflict]" in result.warnings[0]
    index = _page(result.outdir, "blog/index.html")
    assert len(index.select(".bp-card")) == 5  # the postlist as it is: every post
    assert not (result.outdir / "blog" / "page").exists()  # the whole listing goes
    assert "bp-kind-doc" in index.select_one("body")["class"]


def _bodies(outdir: Path) -> dict[str, str]:
    bodies = {}
    for page in sorted(outdir.rglob("*.html")):
        html = BeautifulSoup(page.read_text("utf8"), "html.parser")
        body = html.select_one("div.body")
        if body is not None:
            bodies[str(page.relative_to(outdir))] = f"{html.select_one('body')['class']}{body}"
    return bodies


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.suffix != ".pickle")


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_incremental_edits_of_the_index_document_match_clean_builds(make_app, tmp_path, builder):
    srcdir = copy_root("intro", tmp_path)
    document = srcdir / "blog" / "index.md"
    text = document.read_text()
    document.unlink()
    out = tmp_path / "incremental"
    build(make_app, builder, srcdir=srcdir, builddir=out)

    def replace(old: str, new: str) -> None:
        current = document.read_text()
        assert old in current
        document.write_text(current.replace(old, new, 1))

    def add_posts() -> None:
        for day in (6, 7, 8):
            (srcdir / "posts" / f"p{day}.rst").write_text(
                f"Post {day}\n======\n\n.. blogpost::\n   :date: 2025-01-0{day}\n\nText.\n"
            )

    steps: dict[str, Any] = {
        "add the document": lambda: document.write_text(text),
        "remove paginate": lambda: replace(":paginate:\n", ""),
        "add paginate": lambda: replace("```{postlist}\n", "```{postlist}\n:paginate:\n"),
        "add posts": add_posts,  # 8 posts: four pages
        "filter": lambda: replace(":paginate:\n", ":paginate:\n:year: 2025\n:layout: list\n"),
        "remove the document": document.unlink,
    }
    for step, edit in steps.items():
        edit()
        incremental = build(make_app, builder, srcdir=srcdir, builddir=out)
        clean = build(make_app, builder, srcdir=srcdir, builddir=tmp_path / "clean")
        assert incremental.warnings == clean.warnings, step
        if step != "remove paginate":
            assert clean.warnings == [], step
        pages = [_files(incremental.outdir / "blog"), _files(clean.outdir / "blog")]
        assert pages[0] == pages[1], step  # no page 2... left behind, none missing
        inc, ref = _bodies(incremental.outdir), _bodies(clean.outdir)
        assert inc.keys() == ref.keys(), step
        assert [page for page in ref if inc[page] != ref[page]] == [], step
        shutil.rmtree(clean.outdir.parent)


def test_a_parallel_build_gives_the_same_pages(make_app, rootdir, tmp_path):
    srcdir = rootdir / "test-intro"
    serial, parallel = (
        build(make_app, "html", srcdir=srcdir, builddir=tmp_path / f"j{jobs}", parallel=jobs)
        for jobs in (1, 2)
    )
    assert serial.warnings == parallel.warnings == []
    pages = sorted(p.relative_to(serial.outdir) for p in serial.outdir.rglob("*.html"))
    assert Path("blog/page/2.html") in pages
    assert pages == sorted(p.relative_to(parallel.outdir) for p in parallel.outdir.rglob("*.html"))
    differ = [
        str(p) for p in pages
        if (serial.outdir / p).read_bytes() != (parallel.outdir / p).read_bytes()
    ]  # fmt: skip
    assert differ == []


@pytest.mark.parametrize(
    ("sort", "words"),
    [("title", ("Previous", "Next")), ("date", ("Older", "Newer")), ("-date", ("Newer", "Older"))],
)
def test_the_page_links_say_which_way_the_pages_go(make_app, tmp_path, sort, words):
    # "Newer" and "Older" only where pages go by date, and the way they go.
    srcdir = copy_root("intro", tmp_path)
    index = srcdir / "blog" / "index.md"
    index.write_text(index.read_text("utf8").replace(":paginate:", f":paginate:\n:sort: {sort}"))
    site = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert site.warnings == []
    for name in ("blog/index.html", "blog/page/2.html"):  # the document's page, and ours
        page = _page(site.outdir, name)
        for rel, word in zip(("prev", "next"), words, strict=True):
            link = page.select_one(f"nav.bp-pagination a[rel={rel}]")
            assert link is None or word in link.get_text(), (name, rel)
    second = _page(site.outdir, "blog/page/2.html")
    assert [a.get_text().strip("←→ ") for a in second.select("nav.bp-pagination a[rel]")] == [
        *words
    ]


def test_ablogs_sort_flag_lists_oldest_first_and_the_links_say_so(make_app, tmp_path):
    # ABlog's `:sort:` (a flag) shows the newest posts oldest first: here, all of them, so the
    # pages go from the oldest post on, as `:sort: date` does.
    srcdir = copy_root("intro", tmp_path)
    index = srcdir / "blog" / "index.md"
    index.write_text(index.read_text("utf8").replace(":paginate:", ":paginate:\n:sort:"))
    site = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out",
                 confoverrides={"blogpost_ablog_compat": True})  # fmt: skip
    assert site.warnings == []
    first, second = _page(site.outdir, "blog/index.html"), _page(site.outdir, "blog/page/2.html")
    assert _titles(first) + _titles(second) == ["Post 1", "Post 2", "Post 3", "Post 4"]
    assert first.select_one("nav.bp-pagination a[rel=next]").get_text().strip("←→ ") == "Newer"
    assert [a.get_text().strip("←→ ") for a in second.select("nav.bp-pagination a[rel]")] == [
        "Older", "Newer"
    ]  # fmt: skip
