"""The blog's sidebars (``html_sidebars``): recent posts, tags, categories, authors, archive,
in the themes that show sidebars; pages showing them follow the posts, incremental builds too."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from .conftest import build, make_site

if TYPE_CHECKING:
    from pathlib import Path

SIDEBARS = ["recent-posts", "tags", "categories", "authors", "archives"]
POST = "{0}\n==========\n\n.. blogpost::\n   :date: {1}\n   :tags: {2}\n   :category: Notes\n   :author: Ada\n\nText.\n"  # noqa: E501


def _conf(theme: str) -> str:
    names = [f"blogpost/{name}.html" for name in SIDEBARS]
    return (
        f'extensions = ["sphinx_blogpost"]\nhtml_theme = "{theme}"\n'
        'suppress_warnings = ["blogpost.feed"]\n'
        f"html_sidebars = {{'**': {names!r}}}\n"
    )


#: A conf.py's Alabaster is swapped for "basic" by sphinx.testing; an override keeps it.
ALABASTER = {"html_theme": "alabaster"}


def _files() -> dict[str, str]:
    return {
        "index.rst": "Home\n====\n\n.. toctree::\n   :glob:\n\n   posts/*\n   about\n",
        "about.rst": "About\n=====\n\nNot a post.\n",
        "posts/one.rst": POST.format("One <b>", "2024-05-01", "mamba, common"),
        "posts/two.rst": POST.format("Two", "2025-02-01", "common"),
    }


def _sidebars(outdir: Path, page: str) -> dict[str, list[tuple[str, str, str]]]:
    """Each sidebar of *page*: (link text, href, what follows the link)."""
    soup = BeautifulSoup((outdir / f"{page}.html").read_text("utf8"), "html.parser")
    return {
        box["class"][1].removeprefix("bp-sidebar-"): [
            (li.a.get_text(), li.a["href"], li.a.next_sibling.next_sibling.get_text())
            for li in box.select("li")
        ]
        for box in soup.select(".bp-sidebar")
    }


def test_sidebars_show_the_blog_from_any_page(make_app, tmp_path):
    result = build(
        make_app,
        "html",
        srcdir=make_site(tmp_path / "src", _files(), _conf("alabaster")),
        confoverrides=ALABASTER,
    )
    assert result.warnings == []
    assert _sidebars(result.outdir, "about") == {
        "recent": [
            ("Two", "posts/two.html", "Feb 1, 2025"), ("One <b>", "posts/one.html", "May 1, 2024")
        ],
        "tags": [("common", "blog/tag/common.html", "2"), ("mamba", "blog/tag/mamba.html", "1")],
        "categories": [("Notes", "blog/category/notes.html", "2")],
        "authors": [("Ada", "blog/author/ada.html", "2")],
        "archive": [
            ("2025", "blog/archive/2025.html", "1"), ("2024", "blog/archive/2024.html", "1"),
        ],
    }  # fmt: skip
    # from a post and from a generated page, and the years' pages are where they lead
    assert _sidebars(result.outdir, "posts/one")["tags"][1][1] == "../blog/tag/mamba.html"
    assert _sidebars(result.outdir, "blog/tag/mamba")["recent"][0][1] == "../../posts/two.html"
    year = BeautifulSoup(
        (result.outdir / "blog/archive/2024.html").read_text("utf8"), "html.parser"
    )
    assert [a.get_text() for a in year.select(".bp-card-title a")] == ["One <b>"]


@pytest.mark.parametrize("theme", ["furo", "pydata_sphinx_theme"])
def test_sidebars_in_other_themes(make_app, tmp_path, theme):
    result = build(make_app, "html", srcdir=make_site(tmp_path / "src", _files(), _conf(theme)))
    assert result.warnings == []
    shown = _sidebars(result.outdir, "about")
    assert list(shown) == ["recent", "tags", "categories", "authors", "archive"]
    assert shown["recent"][0][:2] == ("Two", "posts/two.html")


def test_sidebar_headings_in_the_site_language(make_app, tmp_path):
    src = make_site(tmp_path / "src", _files(), _conf("alabaster") + 'language = "de"\n')
    page = BeautifulSoup(
        (
            build(make_app, "html", srcdir=src, confoverrides=ALABASTER).outdir / "about.html"
        ).read_text("utf8"),
        "html.parser",
    )
    headings = [h.get_text() for h in page.select(".bp-sidebar h3")]
    assert headings == ["Neueste Beiträge", "Schlagwörter", "Kategorien", "Autoren", "Archiv"]


def test_a_new_post_reaches_every_pages_sidebars_as_in_a_clean_build(make_app, tmp_path):
    src = make_site(tmp_path / "src", _files(), _conf("alabaster"))
    build(make_app, "html", srcdir=src, builddir=tmp_path / "out", confoverrides=ALABASTER)
    (src / "posts/three.rst").write_text(POST.format("Three", "2025-03-01", "new"), "utf8")
    result = build(make_app, "html", srcdir=src, builddir=tmp_path / "out", confoverrides=ALABASTER)
    assert _sidebars(result.outdir, "about")["recent"][0][0] == "Three"
    clean = build(
        make_app, "html", srcdir=src, builddir=tmp_path / "clean", confoverrides=ALABASTER
    )
    pages = sorted(p.relative_to(clean.outdir) for p in clean.outdir.rglob("*.html"))
    differ = [
        str(p) for p in pages if (clean.outdir / p).read_bytes() != (result.outdir / p).read_bytes()
    ]
    assert differ == []


def test_without_the_blogs_sidebars_a_new_post_rewrites_only_what_shows_it(make_app, tmp_path):
    conf = 'extensions = ["sphinx_blogpost"]\nhtml_theme = "alabaster"\nhtml_sidebars = {"**": ["localtoc.html"]}\n'  # noqa: E501
    src = make_site(tmp_path / "src", {**_files(), "index.rst": "Home\n====\n\nHi.\n"}, conf)
    first = build(make_app, "html", srcdir=src, builddir=tmp_path / "out", confoverrides=ALABASTER)
    about = first.outdir / "about.html"
    written = about.stat().st_mtime_ns
    (src / "posts/three.rst").write_text(
        ":orphan:\n\n" + POST.format("Three", "2025-03-01", "new"), "utf8"
    )
    build(make_app, "html", srcdir=src, builddir=tmp_path / "out", confoverrides=ALABASTER)
    assert about.stat().st_mtime_ns == written


def test_a_recent_title_in_another_language_is_marked_so(make_app, tmp_path):
    files = _files()
    files["posts/two.rst"] = files["posts/two.rst"].replace(
        "   :author: Ada\n", "   :author: Ada\n   :language: ar\n"
    )
    files["posts/three.rst"] = POST.format("Three", "2025-03-01", "common").replace(
        "   :author: Ada\n", "   :author: Ada\n   :language: fr\n"
    )
    src = make_site(tmp_path / "src", files, _conf("alabaster"))
    result = build(make_app, "html", srcdir=src, confoverrides=ALABASTER)
    assert result.warnings == []
    page = BeautifulSoup((result.outdir / "about.html").read_text("utf8"), "html.parser")
    links = page.select(".bp-sidebar-recent li a")
    assert [(a.get_text(), a.get("lang"), a.get("dir")) for a in links] == [
        ("Three", "fr", None), ("Two", "ar", "rtl"), ("One <b>", None, None),
    ]  # fmt: skip
