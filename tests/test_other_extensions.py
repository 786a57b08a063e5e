"""sphinx-blogpost beside other extensions: what it does for them (docs/howto/other-extensions)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bs4 import BeautifulSoup

from .conftest import ROOTS, build, make_site

if TYPE_CHECKING:
    from pathlib import Path


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf8"), "html.parser")


def test_not_found_page_links_from_the_site_root(make_app: Any, tmp_path: Path) -> None:
    """sphinx-notfound-page's 404 page is shown at any address: the theme's links (home, blog,
    feeds) and its listings start at ``notfound_urls_prefix``, as that
    extension makes Sphinx's own; relative ones led nowhere from /en/latest/a/b/missing."""
    for builder, suffix in (("html", ".html"), ("dirhtml", "/")):
        result = build(
            make_app, builder, srcdir=ROOTS / "test-not-found", builddir=tmp_path / builder
        )
        assert result.warnings == []
        page = "404.html" if builder == "html" else "404/index.html"
        not_found = soup_of(result.outdir / page)
        links = [
            a["href"]
            for a in not_found.select("a[href]")
            if not a["href"].startswith(("#", "https:"))
        ]
        assert links, "no links on the 404 page"
        assert all(link.startswith("/en/latest/") for link in links), links
        assert f"/en/latest/notes/first{suffix}" in links  # the card's title
        assert "/en/latest/blog/atom.xml" in links
        (cover,) = not_found.select(".bp-card img")
        assert cover["src"] == "/en/latest/notes/images/cover.png"
        # Every other page links relatively, as before.
        post_page = "notes/first.html" if builder == "html" else "notes/first/index.html"
        post = soup_of(result.outdir / post_page)
        assert not any(a["href"].startswith("/") for a in post.select("a[href]"))


_TODO_POST = """\
Post
====

.. blogpost::
   :date: 2025-01-01

One two three four five.

.. todo::

   Six seven eight nine ten eleven.
"""


def test_hidden_todos_are_no_words(make_app: Any, tmp_path: Path) -> None:
    """sphinx.ext.todo leaves its todos out of the pages unless ``todo_include_todos``: their
    words are then none a reader sees (5, not 12 with the admonition's "Todo"), and an
    incremental build after the option changes counts as a clean one does."""
    conf = (
        'extensions = ["sphinx_blogpost", "sphinx.ext.todo"]\nhtml_baseurl = "https://b.example/"\n'
    )
    srcdir = make_site(tmp_path / "src", {"post.rst": _TODO_POST}, conf)
    counts = {}
    for shown in (False, True, False):
        for kind in ("incremental", "clean"):
            builddir = tmp_path / kind if kind == "incremental" else tmp_path / f"clean-{shown}"
            result = build(
                make_app,
                "html",
                srcdir=srcdir,
                builddir=builddir,
                confoverrides={"todo_include_todos": shown},
            )
            assert result.warnings == []
            counts[kind] = result.posts["post"].words
        assert counts == {"incremental": 12 if shown else 5, "clean": 12 if shown else 5}
