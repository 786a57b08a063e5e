"""sphinx-blogpost beside other extensions: what it does for them (docs/howto/other-extensions)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bs4 import BeautifulSoup

from .conftest import ROOTS, build

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
