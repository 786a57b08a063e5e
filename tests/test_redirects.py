"""Redirect pages: a post's old addresses (``redirect``) in every form of declaration, at the
file each builder gives the address; bad values and taken addresses warn; incremental and
parallel builds write what a clean one does; ABlog's addresses in compatibility mode."""

from __future__ import annotations

import shutil
import unicodedata
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup

from sphinx_blogpost.posts import redirect_name

from .conftest import build, copy_root, make_site

if TYPE_CHECKING:
    from pathlib import Path

    from .conftest import Build

BASE = "https://blog.example.org/"


def _redirect(outdir: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / path).read_text("utf8"), "html.parser")


def _target(page: BeautifulSoup, path: str) -> str:
    """Where the redirect at *path* (under the output folder) sends readers, as a path under
    the output folder; the refresh, the visible link and the canonical address agree."""
    refresh = page.select_one('meta[http-equiv="refresh"]')
    assert refresh is not None
    delay, _, url = refresh["content"].partition("; url=")
    assert delay == "0"
    link = page.select_one("body a")
    assert link is not None and link["href"] == url  # relative: any host, and files
    assert "://" not in url and not url.startswith("/")
    resolved = urljoin(BASE + path, url)
    assert page.select_one('link[rel="canonical"]')["href"] == resolved
    return resolved.removeprefix(BASE)


# -- the option -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("address", "name"),
    [
        # a page's name, ABlog's form: the builder names its file
        ("posts/old", "posts/old"),
        ("three-things-circleci", "three-things-circleci"),
        # a file's own name, written as it is by every builder: where a web server finds it
        ("/posts/old/", "posts/old/index.html"),  # Hugo's aliases: a folder's index
        ("/posts/old/index.html", "posts/old/index.html"),
        ("posts/old.html", "posts/old.html"),
        ("index.html", "index.html"),
        ("posts/old.htm", "posts/old.htm"),
        ("/OLD/Page.HTM", "OLD/Page.HTM"),
        ("old.htm/", "old.htm/index.html"),
        # percent-escapes decoded, as a web server maps the address to a file
        ("/posts/caf%C3%A9/", "posts/café/index.html"),
        ("posts/a%20b.html", "posts/a b.html"),
        ("posts/d%c3%a9j%c3%a0.htm", "posts/déjà.htm"),
        ("100%", "100%"),  # no escape: as written
    ],
)
def test_an_address_names_the_file_a_server_finds_it_in_or_a_page(address, name):
    assert redirect_name(address) == name


@pytest.mark.parametrize(
    "address",
    ["", "/", "https://x.org/a", "//host/a", "mailto:a", "../a", "a/../b", "a?b=1", "a#b",
     "a\x01b", "a//b", "./a", "a\\b",
     # escaped: what the characters themselves may not be, and delimiters, and no UTF-8
     "%2e%2e/a", "a/%2E%2E/b", "a%00b", "a%0Ab", "a%2Fb", "a%5cb", "a%3Fb", "a%23b", "caf%E9"],
)  # fmt: skip
def test_an_address_that_names_no_page_of_the_site_is_refused(address):
    with pytest.raises(ValueError, match=r"^'"):
        redirect_name(address)


# Where each post's old addresses lead, in every form a post is declared in: rST's
# directive, the front matter's mapping (a YAML list), MyST's fenced directive, ABlog's
# top-level form; a draft's page is built, so its old address leads to it too.
# A page's name (ABlog's form) is written where the builder writes that page; an address of
# a file or folder, where a web server finds it, whatever the builder.
REDIRECTS = {
    "posts/hugo-style/index.html": "posts/moved",  # /posts/hugo-style/
    "posts/ablog.html": "posts/moved",
    "posts/folder/index.html": "posts/moved",
    "legacy": "posts/moved",
    "old/mapping/index.html": "posts/mapping",
    "old/mapping-too.html": "posts/mapping",
    "old/fenced": "posts/fenced",
    "old/top": "posts/top",
    "old/draft": "posts/draft",
}


def redirect_path(name: str, suffix: str = ".html") -> str:
    """The file of the redirect *name* in the output: a file's own name is that file; a page's
    ends in the builder's *suffix*."""
    return name if name.endswith(".html") else name + suffix


@pytest.mark.parametrize(
    ("builder", "suffix", "target_suffix"),
    [("html", ".html", ".html"), ("dirhtml", "/index.html", "/")],
)
def test_each_old_address_leads_to_its_post(make_app, rootdir, tmp_path, builder, suffix,
                                            target_suffix):  # fmt: skip
    site = build(make_app, builder, srcdir=rootdir / "test-redirects", builddir=tmp_path)
    assert site.warnings == []
    assert {d: p.redirects for d, p in site.posts.items() if p.redirects} == {
        # as written (warnings name them so): each is written at the file redirect_name gives
        "posts/moved": (
            "/posts/hugo-style/",
            "posts/ablog.html",
            "posts/folder/index.html",
            "legacy",
        ),
        "posts/mapping": ("/old/mapping/", "old/mapping-too.html"),
        "posts/fenced": ("old/fenced",),
        "posts/top": ("old/top",),
        "posts/draft": ("old/draft",),
    }
    for name, post in REDIRECTS.items():
        path = redirect_path(name, suffix)
        page = _redirect(site.outdir, path)
        assert _target(page, path) == post + target_suffix
        assert page.select_one('meta[name="robots"]')["content"] == "noindex"
        assert page.select_one("meta[charset]")["charset"] == "utf-8"
        # no theme: no chrome, no scripts, nothing for the search index
        assert page.select("script") == [] and page.select("div.body") == []
    moved = _redirect(site.outdir, "legacy" + suffix)
    assert moved.title.string == 'Moved <b>&"'
    assert moved.select_one("body a").string == 'Moved <b>&"'
    raw = (site.outdir / f"legacy{suffix}").read_text("utf8")
    assert "<title>Moved &lt;b&gt;&amp;&quot;</title>" in raw  # text, never markup
    # no search entry, no listing: the blog index and the search index know the posts only
    index = (site.outdir / "searchindex.js").read_text("utf8")
    assert "legacy" not in index and "hugo-style" not in index


#: Old addresses of a file's own (.htm) and of a folder, percent-encoded or not: the file each
#: is written to with html and with dirhtml (the one a web server finds it in, with both), and
#: the post it leads to.
FILE_REDIRECTS = [
    ("posts/old.htm", "posts/old.htm", "posts/new"),
    ("archive/2019/Page.HTM", "archive/2019/Page.HTM", "posts/new"),
    ("posts/café/index.html", "posts/café/index.html", "posts/new"),
    ("posts/déjà.htm", "posts/déjà.htm", "posts/new"),
    ("old/naïve page/index.html", "old/naïve page/index.html", "posts/front"),
    ("old/front.htm", "old/front.htm", "posts/front"),
]


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_htm_addresses_are_their_files_and_escapes_are_decoded(make_app, rootdir, tmp_path,
                                                                builder):  # fmt: skip
    site = build(make_app, builder, srcdir=rootdir / "test-redirect-files", builddir=tmp_path)
    assert site.warnings == []
    html = builder == "html"
    expected = {html_file if html else dirhtml_file: post
                for html_file, dirhtml_file, post in FILE_REDIRECTS}  # fmt: skip
    assert sorted(_redirect_files(site.outdir)) == sorted(expected)
    for path, post in expected.items():
        target = _target(_redirect(site.outdir, path), quote(path))
        assert unquote(target) == (f"{post}.html" if html else f"{post}/"), path
    # Nothing at the address taken as a page name, nor escaped in a file's name.
    assert not (site.outdir / "posts/old.htm.html").exists()
    assert not (site.outdir / "posts/old.htm").is_dir()
    assert not any("%" in path.name for path in site.outdir.rglob("*"))


def test_without_html_baseurl_the_canonical_link_is_relative(make_app, rootdir, tmp_path):
    site = build(
        make_app, "html", srcdir=rootdir / "test-redirects", builddir=tmp_path,
        confoverrides={"html_baseurl": ""},
    )  # fmt: skip
    page = _redirect(site.outdir, "old/top.html")
    assert page.select_one('link[rel="canonical"]')["href"] == "../posts/top.html"
    # the one warning: feeds need html_baseurl
    assert [line.rpartition(" ")[2] for line in site.warnings] == ["[blogpost.feed]"]


EXPECTED_WARNINGS = [
    *(
        f"posts/bad.rst:7: WARNING: redirect: {value}; it is left out [blogpost.option]"
        for value in (
            "'https://example.org/x' has a scheme or a host: give a path within this site",
            "'//host/x' has a scheme or a host: give a path within this site",
            "'javascript:alert(1)' has a scheme or a host: give a path within this site",
            "'../up' has a '..' segment",
            "'a/../b' has a '..' segment",
            "'a?b' has a query or a fragment: no page of its own is there",
            "'a#b' has a query or a fragment: no page of its own is there",
            "'/' names no page",
            "'' is empty",
            "'a%2Fb' has '%2F', an escaped '/': no file is named so",
            "'%2e%2e/up' has a '..' segment",
            "'caf%E9' has percent-escapes that are not UTF-8",
        )
    ),
    "posts/control.md:4: WARNING: redirect: 'ctl\\x01here' has control characters; it is "
    "left out [blogpost.option]",
    *(
        f"posts/clash.rst:7: WARNING: redirect {value}: no redirect is written there "
        "[blogpost.conflict]"
        for value in (
            "'about' is where the document 'about' is written",
            "'blog/tag/kept' is where the blog's page 'blog/tag/kept' is written",
            "'genindex' is where Sphinx's page 'genindex' is written",
            "'extra' is where Sphinx's page 'extra' is written",
            "'posts/clash' is the post's own address",
            # a folder where the build wrote a file (dirhtml: blog/atom.xml/old/index.html)
            "'blog/atom.xml/old' goes through 'blog/atom.xml', a file of the site, where it "
            "needs a folder",
        )
    ),
    "posts/second.rst:6: WARNING: redirect 'shared' is the address of the post 'posts/clash' "
    "too, which keeps it: no redirect is written there [blogpost.conflict]",
    # Where case is ignored (macOS, Windows), these are one file with a taken one.
    *(
        f"posts/upper.rst:6: WARNING: redirect {value} (one file where case is ignored, as on "
        "macOS and Windows): no redirect is written there [blogpost.conflict]"
        for value in (
            "'BLOG/TAG/KEPT' differs only in case from 'blog/tag/kept{html}', where the blog's "
            "page 'blog/tag/kept' is written",
            "'ABOUT' differs only in case from 'about{html}', where the document 'about' is "
            "written",
            "'Posts/Upper' differs only in case from 'posts/upper{html}', the post's own address",
            "'SHARED' differs only in case from 'shared{html}', 'shared', an old address of the "
            "post 'posts/clash', which keeps it",
            "'OLD-CASE' differs only in case from 'old-case{html}', 'old-case', an old address "
            "of this post too",
        )
    ),
    "posts/upper.rst:6: WARNING: redirect 'BLOG/ATOM.XML/old' goes through 'blog/atom.xml', a "
    "file of the site, where it needs a folder: no redirect is written there "
    "[blogpost.conflict]",
]


def _relative_warnings(site: Build, srcdir: Path) -> list[str]:
    return [line.replace(f"{srcdir}/", "") for line in site.warnings]


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_bad_values_and_taken_addresses_warn_at_their_line_and_the_rest_is_kept(
    make_app, rootdir, tmp_path, builder
):
    srcdir = rootdir / "test-redirect-conflicts"
    site = build(make_app, builder, srcdir=srcdir, builddir=tmp_path)
    html = ".html" if builder == "html" else "/index.html"
    expected = [line.replace("{html}", html) for line in EXPECTED_WARNINGS]
    assert _relative_warnings(site, srcdir) == expected
    assert site.posts["posts/bad"].redirects == ("kept-address",)
    assert site.posts["posts/control"].redirects == ("control-kept",)
    html = builder == "html"

    def file(name: str) -> Path:
        return site.outdir / (f"{name}.html" if html else f"{name}/index.html")

    for name, post in [("kept-address", "posts/bad"), ("control-kept", "posts/control"),
                       ("shared", "posts/clash"), ("old-case", "posts/upper")]:  # fmt: skip
        path = str(file(name).relative_to(site.outdir))
        assert _target(_redirect(site.outdir, path), path).startswith(post)
    # The pages at the taken addresses are their own, untouched.
    assert "The about page stays." in file("about").read_text("utf8")
    assert "bp-card" in file("blog/tag/kept").read_text("utf8")
    assert "http-equiv" not in file("genindex").read_text("utf8")
    assert "http-equiv" not in file("extra").read_text("utf8")
    assert "Each address here is taken." in file("posts/clash").read_text("utf8")
    # Nothing at an address that differs only in case from a taken one.
    names = {str(path.relative_to(site.outdir)).lower() for path in site.outdir.rglob("*")}
    assert len(names) == len(list(site.outdir.rglob("*")))


def _taken(name: str, file: str) -> str:
    return (
        f"posts/moved.rst:6: WARNING: redirect {name!r} is where {file!r} is, a file the blog "
        "did not write (another extension's page, or one an earlier build left: delete it to "
        "have the redirect): no redirect is written there [blogpost.conflict]"
    )


@pytest.mark.parametrize(("builder", "suffix"), [("html", ".html"), ("dirhtml", "/index.html")])
def test_another_extensions_pages_and_files_are_not_written_over(make_app, rootdir, tmp_path,
                                                                 builder, suffix):  # fmt: skip
    srcdir = rootdir / "test-redirect-taken"
    site = build(make_app, builder, srcdir=srcdir, builddir=tmp_path)
    # a page added through html-collect-pages, and a file written once the build is done
    assert _relative_warnings(site, srcdir) == [
        _taken("legacy", f"legacy{suffix}"), _taken("direct", f"direct{suffix}")
    ]  # fmt: skip
    assert "Another extension's page." in (site.outdir / f"legacy{suffix}").read_text("utf8")
    assert "Another extension's file." in (site.outdir / f"direct{suffix}").read_text("utf8")
    assert list(_redirect_files(site.outdir)) == [f"kept{suffix}"]


def test_the_blogs_own_redirects_are_told_from_others_files(make_app, tmp_path):
    srcdir = copy_root("redirect-taken", tmp_path)
    out = tmp_path / "out"
    nobody_else = {"other_pages": [], "other_file": ""}
    site = build(make_app, "html", srcdir=srcdir, builddir=out, confoverrides=nobody_else)
    assert site.warnings == []
    assert sorted(_redirect_files(site.outdir)) == ["direct.html", "kept.html", "legacy.html"]
    # The redirects the last build wrote are the blog's: written again when they change...
    moved = srcdir / "posts" / "moved.rst"
    moved.write_text(moved.read_text("utf8").replace("Moved\n=====", "Moved on\n========"))
    site = build(make_app, "html", srcdir=srcdir, builddir=out, confoverrides=nobody_else)
    assert site.warnings == []
    assert all(b"<title>Moved on</title>" in page for page in _redirect_files(site.outdir).values())
    # ...and, with the state beside the doctrees gone, known by what they hold.
    shutil.rmtree(out / "doctrees")
    site = build(make_app, "html", srcdir=srcdir, builddir=out, confoverrides=nobody_else)
    assert site.warnings == []
    # Another extension's page and file there now: they are theirs, with a warning...
    site = build(make_app, "html", srcdir=srcdir, builddir=out)
    assert [line.replace(f"{srcdir}/", "") for line in site.warnings] == [
        _taken("legacy", "legacy.html"), _taken("direct", "direct.html")
    ]  # fmt: skip
    assert "Another extension's page." in (site.outdir / "legacy.html").read_text("utf8")
    assert "Another extension's file." in (site.outdir / "direct.html").read_text("utf8")
    # ...and when the post gives up those addresses, not removed with the blog's redirects.
    moved.write_text(moved.read_text("utf8").replace("legacy, direct, kept", "kept"))
    site = build(make_app, "html", srcdir=srcdir, builddir=out)
    clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "clean")
    assert site.warnings == clean.warnings == []
    assert "Another extension's page." in (site.outdir / "legacy.html").read_text("utf8")
    assert "Another extension's file." in (site.outdir / "direct.html").read_text("utf8")
    assert _redirect_files(site.outdir) == _redirect_files(clean.outdir)


@pytest.mark.parametrize("at_once", [True, False], ids=["moved with its redirect", "later"])
def test_the_page_a_moved_post_leaves_gives_way_to_its_redirect(make_app, tmp_path, at_once):
    # Sphinx leaves the page of a document that is gone: no one else's, and a clean build
    # has the redirect there.
    srcdir = copy_root("redirect-taken", tmp_path)
    out = tmp_path / "out"
    build(make_app, "html", srcdir=srcdir, builddir=out)
    old, new = srcdir / "posts" / "old.rst", srcdir / "posts" / "new.rst"
    text = old.read_text("utf8")
    old.unlink()
    redirected = text.replace(":date: 2025-02-01", ":date: 2025-02-01\n   :redirect: posts/old")
    if not at_once:  # moved, built, and only then given its old address
        new.write_text(text, "utf8")
        build(make_app, "html", srcdir=srcdir, builddir=out)
    new.write_text(redirected, "utf8")
    site = build(make_app, "html", srcdir=srcdir, builddir=out)
    clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "clean")
    assert site.warnings == clean.warnings
    assert len(site.warnings) == 2  # the other extension's page and file, as above
    assert _redirect_files(site.outdir) == _redirect_files(clean.outdir)
    assert _target(_redirect(site.outdir, "posts/old.html"), "posts/old.html") == "posts/new.html"


def test_a_file_there_but_for_case_is_taken_and_a_case_rename_is_clean(make_app, tmp_path):
    post = "Moved\n=====\n\n.. blogpost::\n   :date: 2025-01-01\n   :redirect: legacy, old\n"
    conf = (
        'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://example.org/"\n'
        'html_extra_path = ["extra"]\n'
    )
    files = {"posts/moved.rst": post, "extra/Legacy.html": "<p>Kept as it is.</p>\n"}
    srcdir = make_site(tmp_path / "src", files, conf)
    out = tmp_path / "out"
    site = build(make_app, "html", srcdir=srcdir, builddir=out)
    assert [line.split("WARNING: ")[1] for line in site.warnings] == [
        "redirect 'legacy' is where 'Legacy.html' is, a file the blog did not write (another "
        "extension's page, or one an earlier build left: delete it to have the redirect): no "
        "redirect is written there [blogpost.conflict]"
    ]
    assert list(_redirect_files(site.outdir)) == ["old.html"]
    # An old address renamed in case only: the new file, and not the old one, as clean.
    moved = srcdir / "posts" / "moved.rst"
    moved.write_text(post.replace("legacy, old", "OLD"), "utf8")
    site = build(make_app, "html", srcdir=srcdir, builddir=out)
    clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "clean")
    assert site.warnings == clean.warnings == []
    assert _redirect_files(site.outdir) == _redirect_files(clean.outdir)
    assert list(_redirect_files(site.outdir)) == ["OLD.html"]


# -- incremental and parallel builds ------------------------------------------------------
def _redirect_files(outdir: Path) -> dict[str, bytes]:
    """Every redirect page of a build (``.html``, or a file's own ``.htm``), by path."""
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.suffix.lower() in (".html", ".htm")
        and path.is_file()
        and b'http-equiv="refresh"' in path.read_bytes()
    }


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_an_old_address_too_long_for_a_file_name_warns_and_the_rest_is_kept(
    make_app, tmp_path, builder
):
    # 255 bytes a file's name: 130 "é" are 260 bytes in UTF-8, though 130 characters.
    long_ascii, long_accents = "a" * 300, "é" * 130
    post = (
        "Moved\n=====\n\n.. blogpost::\n   :date: 2025-01-01\n"
        f"   :redirect: old/{long_ascii}/x, kept, {long_accents}\n"
    )
    conf = 'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://example.org/"\n'
    srcdir = make_site(tmp_path / "src", {"posts/moved.rst": post}, conf)
    site = build(make_app, builder, srcdir=srcdir, builddir=tmp_path / "out")
    assert len(site.warnings) == 2
    for warning in site.warnings:
        assert warning.startswith(f"{srcdir / 'posts' / 'moved.rst'}:6: WARNING: redirect: ")
        assert "has a part longer than a file's name may be (255 bytes with '.html')" in warning
        assert warning.endswith("; it is left out [blogpost.option]")
    assert list(_redirect_files(site.outdir)) == [
        "kept.html" if builder == "html" else "kept/index.html"
    ]


def test_incremental_builds_write_the_redirects_a_clean_build_writes(make_app, tmp_path):
    srcdir = copy_root("redirects", tmp_path)
    out = tmp_path / "incremental"
    first = build(make_app, "html", srcdir=srcdir, builddir=out)
    assert _redirect_files(first.outdir).keys() == {redirect_path(n) for n in REDIRECTS}
    times = {p: (first.outdir / p).stat().st_mtime_ns for p in _redirect_files(first.outdir)}

    # A no-op build writes no redirect.
    again = build(make_app, "html", srcdir=srcdir, builddir=out)
    assert again.warnings == []
    assert {p: (again.outdir / p).stat().st_mtime_ns for p in times} == times

    def edit(doc: str, old: str, new: str) -> None:
        path = srcdir / doc
        text = path.read_text("utf8")
        assert old in text
        path.write_text(text.replace(old, new, 1), "utf8")

    steps: dict[str, tuple[Any, set[str], set[str]]] = {
        # (edit, redirect files written, redirect files gone)
        "add": (lambda: edit("posts/fenced.md", "old/fenced", "old/fenced, old/fenced-2"),
                {"old/fenced-2.html"}, set()),
        "rename": (lambda: edit("posts/top.md", "old/top", "old/top-renamed"),
                   {"old/top-renamed.html"}, {"old/top.html"}),
        "remove": (lambda: edit("posts/mapping.md", ", old/mapping-too.html", ""),
                   set(), {"old/mapping-too.html"}),
        "retitle": (lambda: edit("posts/draft.rst", "A draft\n=======", "Draft B\n======="),
                    {"old/draft.html"}, set()),
        "delete post": (lambda: (srcdir / "posts/fenced.md").unlink(),
                        set(), {"old/fenced.html", "old/fenced-2.html"}),
    }  # fmt: skip
    for step, (change, written, gone) in steps.items():
        before = _redirect_files(out / "html")
        times = {p: (out / "html" / p).stat().st_mtime_ns for p in before}
        change()
        incremental = build(make_app, "html", srcdir=srcdir, builddir=out)
        clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / f"clean-{step}")
        assert incremental.warnings == clean.warnings == [], step
        now = _redirect_files(incremental.outdir)
        assert now == _redirect_files(clean.outdir), step  # byte for byte
        assert before.keys() - now.keys() == gone, step
        rewritten = {p for p in now if p not in times or (out / "html" / p).stat().st_mtime_ns
                     != times[p]}  # fmt: skip
        assert rewritten == written, step
        shutil.rmtree(clean.outdir.parent)


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_incremental_builds_write_and_remove_htm_files_as_a_clean_build(make_app, tmp_path,
                                                                         builder):  # fmt: skip
    srcdir = copy_root("redirect-files", tmp_path)
    out = tmp_path / "out"
    build(make_app, builder, srcdir=srcdir, builddir=out)
    new = srcdir / "posts/new.rst"
    new.write_text(new.read_text("utf8").replace("posts/old.htm", "posts/older.htm"), "utf8")
    front = srcdir / "posts/front.md"
    front.write_text(front.read_text("utf8").replace(", old/front.htm", ""), "utf8")
    site = build(make_app, builder, srcdir=srcdir, builddir=out)
    clean = build(make_app, builder, srcdir=srcdir, builddir=tmp_path / "clean")
    assert site.warnings == clean.warnings == []
    assert _redirect_files(site.outdir) == _redirect_files(clean.outdir)
    assert (site.outdir / "posts/older.htm").is_file()
    assert not (site.outdir / "posts/old.htm").exists()
    assert not (site.outdir / "old/front.htm").exists()


def test_a_document_added_at_an_old_address_takes_its_file(make_app, tmp_path):
    srcdir = copy_root("redirects", tmp_path)
    out = tmp_path / "out"
    build(make_app, "html", srcdir=srcdir, builddir=out)
    (srcdir / "legacy.rst").write_text("Legacy\n======\n\nA page of its own now.\n", "utf8")
    site = build(make_app, "html", srcdir=srcdir, builddir=out)
    assert "A page of its own now." in (site.outdir / "legacy.html").read_text("utf8")
    assert [line.split("WARNING: ")[1] for line in site.warnings] == [
        "redirect 'legacy' is where the document 'legacy' is written: no redirect is written "
        "there [blogpost.conflict]"
    ]
    # ...and when it goes, the redirect is back, as on a clean build
    (srcdir / "legacy.rst").unlink()
    (site.outdir / "legacy.html").unlink()  # Sphinx leaves a removed document's page
    site = build(make_app, "html", srcdir=srcdir, builddir=out)
    assert site.warnings == []
    clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "clean")
    assert _redirect_files(site.outdir) == _redirect_files(clean.outdir)


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("he", "rtl"), ("de", None)])
def test_a_redirect_page_runs_in_its_languages_direction(make_app, tmp_path, language, direction):
    srcdir = copy_root("redirects", tmp_path)
    site = build(make_app, "html", srcdir=srcdir, confoverrides={"language": language})
    pages = _redirect_files(site.outdir)
    assert pages
    for page in pages.values():
        html = BeautifulSoup(page, "html.parser").html
        assert html is not None and (html["lang"], html.get("dir")) == (language, direction)


def test_when_the_last_old_address_goes_its_page_goes_too(make_app, tmp_path):
    srcdir = copy_root("redirects", tmp_path)
    out = tmp_path / "out"
    build(make_app, "html", srcdir=srcdir, builddir=out)
    for post in (srcdir / "posts").iterdir():
        lines = post.read_text("utf8").splitlines(keepends=True)
        post.write_text("".join(line for line in lines if "redirect" not in line), "utf8")
    site = build(make_app, "html", srcdir=srcdir, builddir=out)
    assert site.warnings == []
    assert _redirect_files(site.outdir) == {}
    assert not (site.outdir / "old").exists()  # the folders they leave empty go too
    again = build(make_app, "html", srcdir=srcdir, builddir=out)  # and nothing is left to do
    assert again.warnings == [] and _redirect_files(again.outdir) == {}


def test_a_parallel_build_writes_the_same_redirects(make_app, rootdir, tmp_path):
    serial, parallel = (
        build(
            make_app, "dirhtml", srcdir=rootdir / "test-redirects",
            builddir=tmp_path / f"j{jobs}", parallel=jobs,
        )
        for jobs in (1, 2)
    )  # fmt: skip
    assert serial.warnings == parallel.warnings == []
    assert parallel.posts == serial.posts
    files = _redirect_files(serial.outdir)
    assert len(files) == len(REDIRECTS)
    assert _redirect_files(parallel.outdir) == files


# -- ABlog's addresses of the blog's pages (compatibility mode) ----------------------------
#: ABlog's page names of the blog's pages (as ABlog 0.11 writes them for this root), each
#: with where ours is: the post list, the years, the indexes of names and each name whose
#: ABlog slug is not ours (ABlog deletes punctuation and accents, keeps `_`, and names an
#: author's page by the author's name).
ABLOG_PAGES = {
    "blog": "blog/index",
    "blog/2020": "blog/archive/2020",
    "blog/2021": "blog/archive/2021",
    "blog/tag": "blog/tag/index",
    "blog/category": "blog/category/index",
    "blog/author": "blog/author/index",
    "blog/tag/my_tag": "blog/tag/my-tag",
    "blog/tag/cafe": "blog/tag/caf%C3%A9",
    "blog/tag/02": "blog/tag/0-2",
    "blog/category/whats-new": "blog/category/what-s-new",
    "blog/author/ada-lovelace": "blog/author/ada",
}
#: ABlog's pages that are ours as they are (the same slug), or that have no counterpart.
ABLOG_SAME = ("blog/tag/python", "blog/category/notes", "blog/author/lin-wei", "blog/archive")


def _ours(name: str, builder: str) -> str:
    """The address of our page *name* with *builder*."""
    if builder == "html":
        return f"{name}.html"
    return name.removesuffix("index") if name.endswith("/index") else f"{name}/"


def test_ablogs_addresses_of_the_blogs_pages_lead_to_ours(make_app, rootdir, tmp_path):
    site = build(make_app, "html", srcdir=rootdir / "test-ablog-redirects", builddir=tmp_path)
    assert site.warnings == []
    redirects = _redirect_files(site.outdir)
    assert sorted(redirects) == sorted(f"{name}.html" for name in ABLOG_PAGES)
    for name, target in ABLOG_PAGES.items():
        path = f"{name}.html"
        assert _target(_redirect(site.outdir, path), path) == _ours(target, "html"), name
    titles = {name: _redirect(site.outdir, f"{name}.html").title.string for name in ABLOG_PAGES}
    assert (titles["blog/2020"], titles["blog/tag/my_tag"]) == ("Archive: 2020", "Tag: my_tag")
    for name in ABLOG_SAME:  # our own pages there, untouched
        assert b"http-equiv" not in (site.outdir / f"{name}.html").read_bytes()
    assert not (site.outdir / "blog" / "drafts.html").exists()  # drafts are listed nowhere
    assert not (site.outdir / "blog" / "tag" / "drafty.html").exists()


def test_with_dirhtml_ablogs_addresses_that_are_our_files_get_no_redirect(
    make_app, rootdir, tmp_path
):
    site = build(make_app, "dirhtml", srcdir=rootdir / "test-ablog-redirects", builddir=tmp_path)
    assert site.warnings == []
    # `blog` and `blog/index`, `blog/tag` and `blog/tag/index`... are one file with dirhtml
    same_file = {"blog", "blog/tag", "blog/category", "blog/author"}
    expected = {name: target for name, target in ABLOG_PAGES.items() if name not in same_file}
    assert sorted(_redirect_files(site.outdir)) == sorted(f"{n}/index.html" for n in expected)
    for name, target in expected.items():
        path = f"{name}/index.html"
        assert _target(_redirect(site.outdir, path), path) == _ours(target, "dirhtml"), name
    for name in same_file:
        assert b"bp-" in (site.outdir / name / "index.html").read_bytes()  # ours, a listing


def test_without_compat_mode_no_ablog_address_is_written(make_app, rootdir, tmp_path):
    site = build(
        make_app, "html", srcdir=rootdir / "test-redirects", builddir=tmp_path,
        confoverrides={"blogpost_ablog_compat": False},
    )  # fmt: skip
    assert site.warnings == []
    assert not (site.outdir / "blog.html").exists()
    assert sorted(_redirect_files(site.outdir)) == sorted(redirect_path(n) for n in REDIRECTS)


def test_a_post_redirect_and_a_document_win_over_ablogs_addresses(make_app, tmp_path):
    srcdir = copy_root("ablog-redirects", tmp_path)
    (srcdir / "blog.rst").write_text("Blog\n====\n\nThe placeholder page stays.\n", "utf8")
    two = srcdir / "posts" / "two.rst"
    two.write_text(two.read_text("utf8").replace(":author:", ":redirect: blog/2020\n   :author:"))
    out = tmp_path / "out"
    site = build(make_app, "html", srcdir=srcdir, builddir=out)
    assert site.warnings == []
    assert "The placeholder page stays." in (site.outdir / "blog.html").read_text("utf8")
    path = "blog/2020.html"
    assert _target(_redirect(site.outdir, path), path) == "posts/two.html"
    # Incremental: the post's redirect goes, ABlog's address is back, as on a clean build.
    two.write_text(two.read_text("utf8").replace("   :redirect: blog/2020\n", ""))
    site = build(make_app, "html", srcdir=srcdir, builddir=out)
    clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "clean")
    assert site.warnings == clean.warnings == []
    assert _redirect_files(site.outdir) == _redirect_files(clean.outdir)
    assert _target(_redirect(site.outdir, path), path) == "blog/archive/2020.html"


def test_ablogs_addresses_are_under_its_blog_path_wherever_ours_are(make_app, rootdir, tmp_path):
    site = build(
        make_app, "html", srcdir=rootdir / "test-ablog-redirects", builddir=tmp_path,
        confoverrides={"blog_path": "weblog", "blogpost_root": "news"},
    )  # fmt: skip
    assert [line.rpartition(" ")[2] for line in site.warnings] == ["[blogpost.config]"]
    leads = [("weblog", "news/index.html"), ("weblog/tag/my_tag", "news/tag/my-tag.html"),
             ("weblog/2021", "news/archive/2021.html")]  # fmt: skip
    for name, target in leads:
        path = f"{name}.html"
        assert _target(_redirect(site.outdir, path), path) == target


@pytest.mark.parametrize(
    ("blog_path", "folder"),
    [("/weblog/", "weblog"), ("weblog/", "weblog"), (" weblog ", "weblog"), ("../weblog", "blog"),
     ("<tmp>/outside", "<tmp>/outside"), ("", "blog"), (".", "blog"), (["weblog"], "blog")],
)  # fmt: skip
def test_ablogs_addresses_are_in_the_output_folder_whatever_blog_path_says(
    make_app, rootdir, tmp_path, blog_path, folder
):
    # blog_path is read as blogpost_root reads a folder; one that names none is ABlog's
    # default: no crash, and no file written outside the output folder.
    if blog_path == "<tmp>/outside":  # an absolute path: a folder of the output all the same
        blog_path = (tmp_path / "outside").as_posix()
        folder = blog_path.strip("/")
    out = tmp_path / "build" / "out"
    site = build(
        make_app, "html", srcdir=rootdir / "test-ablog-redirects", builddir=out,
        confoverrides={"blog_path": blog_path, "blogpost_root": "news"},
    )  # fmt: skip
    assert [line.rpartition(" ")[2] for line in site.warnings] == ["[blogpost.config]"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == ["out"]
    for name, target in [(folder, "news/index.html"), (f"{folder}/2021", "news/archive/2021.html"),
                         (f"{folder}/tag/my_tag", "news/tag/my-tag.html")]:  # fmt: skip
        path = f"{name}.html"
        assert _target(_redirect(site.outdir, path), path) == target
    copy = feedparser.parse((site.outdir / folder / "tag" / "my_tag" / "atom.xml").read_bytes())
    assert not copy.bozo
    assert [e.id for e in copy.entries] == ["https://blog.example.org/posts/one.html"]


def test_ablogs_feed_addresses_of_names_slugged_otherwise_hold_their_feeds(make_app, tmp_path):
    # Feed readers do not follow a redirect page: a tag's feed at ABlog's address is the feed.
    srcdir = copy_root("ablog-redirects", tmp_path)
    out = tmp_path / "out"
    site = build(make_app, "html", srcdir=srcdir, builddir=out)
    assert site.warnings == []
    ablogs = {
        "tag/my_tag": "tag/my-tag", "tag/cafe": "tag/café", "tag/02": "tag/0-2",
        "category/whats-new": "category/what-s-new", "author/ada-lovelace": "author/ada",
    }  # fmt: skip
    for old, ours in ablogs.items():
        copy = feedparser.parse((site.outdir / "blog" / old / "atom.xml").read_bytes())
        feed = feedparser.parse((site.outdir / "blog" / ours / "atom.xml").read_bytes())
        assert not copy.bozo, old
        assert copy.feed.title == feed.feed.title, old
        assert (
            [e.id for e in copy.entries]
            == [e.id for e in feed.entries]
            == ["https://blog.example.org/posts/one.html"]
        ), old
    # Names whose slugs are ABlog's have one feed, ours; no other copy is written.
    feeds = sorted(p.parent.relative_to(site.outdir / "blog").as_posix()
                   for p in (site.outdir / "blog").glob("*/*/atom.xml"))  # fmt: skip
    assert feeds == sorted([*ablogs, *ablogs.values(), "author/lin-wei", "category/notes",
                            "tag/python"])  # fmt: skip
    # Incremental: a name's last post drops it, and the copy goes with ours, as clean.
    one = srcdir / "posts" / "one.rst"
    one.write_text(one.read_text("utf8").replace("my_tag, ", ""), "utf8")
    site = build(make_app, "html", srcdir=srcdir, builddir=out)
    clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "clean")
    assert site.warnings == clean.warnings == []
    assert not (site.outdir / "blog/tag/my_tag").exists()
    for root in (site.outdir, clean.outdir):
        assert not (root / "blog/tag/my_tag/atom.xml").exists()
    mine = sorted(p.relative_to(site.outdir).as_posix() for p in site.outdir.rglob("atom.xml"))
    theirs = sorted(p.relative_to(clean.outdir).as_posix() for p in clean.outdir.rglob("atom.xml"))
    assert mine == theirs


def test_names_with_one_ablog_address_lead_to_one_name(make_app, tmp_path):
    # ABlog gives "my_tag" and "My_Tag" one page: its redirect and its feed copy are one name's
    posts = {
        f"posts/{n}.rst": f"P{n}\n==\n\n.. post:: 202{n}-05-01\n   :tags: {tag}\n\nBody.\n"
        for n, tag in (("1", "my_tag"), ("2", "My_Tag"))
    }
    conf = (
        'extensions = ["sphinx_blogpost"]\nblogpost_ablog_compat = True\n'
        'html_baseurl = "https://blog.example.org/"\nsuppress_warnings = ["blogpost.slug"]\n'
    )
    site = build(make_app, "html", srcdir=make_site(tmp_path / "src", posts, conf),
                 builddir=tmp_path / "out")  # fmt: skip
    assert site.warnings == []
    tag = site.outdir / "blog" / "tag"
    page = BeautifulSoup((tag / "my_tag.html").read_text("utf8"), "html.parser")
    target = page.select_one("link[rel=canonical]")["href"]
    copy = feedparser.parse((tag / "my_tag" / "atom.xml").read_bytes())
    assert copy.feed.link == target  # the feed's home page is the page the redirect leads to


def test_a_name_too_long_for_ablogs_file_gets_no_old_address(make_app, tmp_path):
    # ABlog does not shorten a slug: no file system held its page of this tag (255 bytes a
    # name), so there is no old address to keep; ours is shortened and written as usual.
    long_tag = " ".join(["Longword"] * 40)
    post = f"Long\n====\n\n.. post:: 2020-05-01\n   :tags: {long_tag}, my_tag\n\nBody.\n"
    conf = (
        'extensions = ["sphinx_blogpost"]\nblogpost_ablog_compat = True\n'
        'html_baseurl = "https://blog.example.org/"\n'
    )
    srcdir = make_site(tmp_path / "src", {"posts/long.rst": post}, conf)
    for builder in ("html", "dirhtml"):
        site = build(make_app, builder, srcdir=srcdir, builddir=tmp_path / builder)
        assert site.warnings == []
        tags = sorted(p.name for p in (site.outdir / "blog" / "tag").iterdir())
        ours = "longword-" * 5 + "longword"  # 60 characters at most, whole words
        if builder == "html":
            assert tags == sorted(["index.html", "my-tag", "my-tag.html", "my_tag",
                                   "my_tag.html", ours, f"{ours}.html"])  # fmt: skip
        else:
            assert tags == sorted(["index.html", "my-tag", "my_tag", ours])
        assert (site.outdir / "blog" / "tag" / ours / "atom.xml").is_file()


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_ablogs_feed_addresses_of_years_hold_each_years_feed(make_app, tmp_path, builder):
    # ABlog (blog_feed_archives) writes a feed per year at blog/{year}/atom.xml: so do we, in
    # compatibility mode, as for the names; a feed of that year's posts, drafts never.
    srcdir = copy_root("ablog-redirects", tmp_path)
    out = tmp_path / "out"
    site = build(make_app, builder, srcdir=srcdir, builddir=out)
    assert site.warnings == []
    home = {"html": "blog/archive/{}.html", "dirhtml": "blog/archive/{}/"}[builder]
    for year, entries in {"2020": ["posts/one"], "2021": ["posts/two"]}.items():
        feed = feedparser.parse((site.outdir / "blog" / year / "atom.xml").read_bytes())
        assert not feed.bozo, year
        assert feed.feed.title == f"Blog: {year}"
        assert feed.feed.link == BASE + home.format(year)
        assert [e.link.removeprefix(BASE) for e in feed.entries] == [
            {"html": f"{d}.html", "dirhtml": f"{d}/"}[builder] for d in entries
        ]  # fmt: skip
    # Incremental: a year's last post moves to another year; its feed goes, as clean.
    two = srcdir / "posts" / "two.rst"
    two.write_text(two.read_text("utf8").replace("2021-02-01", "2020-02-01"), "utf8")
    site = build(make_app, builder, srcdir=srcdir, builddir=out)
    clean = build(make_app, builder, srcdir=srcdir, builddir=tmp_path / "clean")
    assert site.warnings == clean.warnings == []
    assert not (site.outdir / "blog/2021/atom.xml").exists()
    feed = feedparser.parse((site.outdir / "blog/2020/atom.xml").read_bytes())
    assert len(feed.entries) == 2
    for outdir in (site.outdir, clean.outdir):
        assert not (outdir / "blog/2021").exists()
    mine = {p.relative_to(site.outdir): p.read_bytes() for p in site.outdir.rglob("atom.xml")}
    theirs = {p.relative_to(clean.outdir): p.read_bytes() for p in clean.outdir.rglob("atom.xml")}
    assert mine == theirs


@pytest.mark.parametrize(
    ("root", "overrides", "year"),
    [("ablog-redirects", {"blogpost_feeds": ["rss", "json"]}, 2020),  # no Atom feed at all
     ("redirects", {}, 2025)],  # not in compatibility mode
)  # fmt: skip
def test_without_atom_feeds_or_compatibility_no_year_feed_is_written(
    make_app, rootdir, tmp_path, root, overrides, year
):
    site = build(
        make_app, "html", srcdir=rootdir / f"test-{root}", builddir=tmp_path,
        confoverrides=overrides,
    )  # fmt: skip
    assert site.warnings == []
    assert (site.outdir / "blog" / "archive" / f"{year}.html").is_file()
    assert not (site.outdir / "blog" / str(year)).exists()


def test_a_conflict_names_each_address_as_written(make_app, tmp_path):
    # Not the file it names: `blog/index.html` is nowhere in the sources to search for.
    posts = {
        "posts/a.rst": "A\n=\n\n.. blogpost::\n   :date: 2025-01-01\n   :redirect: /Old/\n",
        "posts/b.rst": "B\n=\n\n.. blogpost::\n   :date: 2025-01-02\n   :redirect: /blog/, /old/\n",
    }
    conf = 'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://example.org/"\n'
    site = build(make_app, "html", srcdir=make_site(tmp_path / "src", posts, conf),
                 builddir=tmp_path / "out")  # fmt: skip
    problems = [line.partition("WARNING: ")[2] for line in site.warnings]
    assert problems == [
        "redirect '/blog/' is where the blog's page 'blog/index' is written: no redirect is "
        "written there [blogpost.conflict]",
        "redirect '/old/' differs only in case from 'Old/index.html', '/Old/', an old address "
        "of the post 'posts/a', which keeps it (one file where case is ignored, as on macOS "
        "and Windows): no redirect is written there [blogpost.conflict]",
    ]


def test_two_spellings_of_one_file_in_one_post_are_one_redirect(make_app, tmp_path):
    # With dirhtml, `old` and `old/index` are both old/index.html: the post's, without a word.
    post = "Moved\n=====\n\n.. blogpost::\n   :date: 2025-01-01\n   :redirect: old, old/index\n"
    conf = 'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://example.org/"\n'
    srcdir = make_site(tmp_path / "src", {"posts/moved.rst": post}, conf)
    site = build(make_app, "dirhtml", srcdir=srcdir, builddir=tmp_path / "out")
    assert site.warnings == []
    assert list(_redirect_files(site.outdir)) == ["old/index.html"]


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_an_old_address_that_is_a_page_but_for_how_its_accents_are_encoded_warns(
    make_app, rootdir, tmp_path, builder
):
    # macOS holds `café` with é as one code point (NFC) and as e and an accent (NFD) as one
    # file: a redirect there replaced the post's page, without a word, when built on a Mac.
    srcdir = rootdir / "test-redirect-accents"
    site = build(make_app, builder, srcdir=srcdir, builddir=tmp_path)
    page = "posts/café.html" if builder == "html" else "posts/café/index.html"
    assert _relative_warnings(site, srcdir) == [
        f"posts/moved.rst:6: WARNING: redirect 'posts/cafe%CC%81' differs from {page!r}, "
        "where the document 'posts/café' is written, only in how its accented letters are "
        "encoded (Unicode normalization), perhaps in case too (one file on macOS, which "
        "ignores both): no redirect is written there [blogpost.conflict]"
    ]
    folded = {unicodedata.normalize("NFC", str(path)) for path in site.outdir.rglob("*")}
    assert len(folded) == len(list(site.outdir.rglob("*")))  # no file is another but for that
