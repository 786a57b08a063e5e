"""Redirect pages: at each old address of a post (its ``redirect`` option) and, in ABlog
compatibility mode, at ABlog's addresses of the blog's own pages, a small page that sends
readers on to where the page is now. Written by the html and dirhtml builders."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, cast
from urllib.parse import quote

from sphinx.util.osutil import relative_uri

from .ablog import ablog_addresses, ablog_root
from .collector import get_blog, posts_of
from .config import get_config
from .feeds import WEB_BUILDERS, page_uri, site_url, write_file
from .freshness import WrittenPages, put_by_sphinx
from .i18n import _
from .links import relative_link
from .pages import page_titles
from .posts import dir_attribute, is_file_name, language_tag, redirect_name, stable_digest
from .warnings_ import BlogpostWarning, warn

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment

    from .posts import Post


@dataclass(frozen=True)
class Redirect:
    """A page at the old address *name* (a page name) that sends readers to *target*."""

    name: str
    target: str  # the page name readers are sent to
    title: str  # that page's
    language: str | None = None  # of the title, if not the site's


def setup_redirects(app: Sphinx) -> None:
    """Register the writing of redirect pages."""
    app.connect("env-get-outdated", note_removed_documents)
    app.connect("build-finished", write_redirects)


_REMOVED_ATTR = "_blogpost_removed_documents"  # per build, on the builder


def note_removed_documents(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: note the documents this build no longer has, whose pages Sphinx
    leaves in the output folder (a redirect may take their place, as in a clean build)."""
    setattr(app.builder, _REMOVED_ATTR, set(removed))
    return []


def write_redirects(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the redirect pages whose content changed since they were
    last written, and delete those of addresses no longer redirected.

    Once every page is written, in the main process (which holds the merged environment
    with ``-j N`` too), as feeds are; each file is written by the extension itself, not
    through the theme: a redirect is no page of the site (no chrome, search entry or
    sitemap), and a refresh that leads on at once needs nothing but its link."""
    if exception is not None or app.builder.name not in WEB_BUILDERS:
        return
    written = WrittenPages(app, "redirects", chrome=False)
    if not (_any_redirects(app) or written.written_before):
        return  # most blogs: no redirect to write or remove, and no state to keep
    # Where redirects may not go, and the titles of those that lead to them.
    blog_pages = page_titles(app)
    others = _output_files(app, blog_pages)  # the project's, the blog's and Sphinx's own pages
    output = _Output(app, written)  # the files already there
    for redirect, html in _redirects(app, others, blog_pages, output):
        path = redirect_file(app, redirect.name)
        if not written.is_fresh(redirect.name, html, output=path):
            write_file(path, html.encode("utf-8"))
        output.note_written(path)  # a redirect after it may need a folder where it is
    # A redirect's file that is now another page's (a document's at that address), or that
    # holds what the blog did not write there, is that page's or file's; and where case is
    # ignored, one written now may be the file of one that is gone (`old` renamed `OLD`).
    now = {_folded(path): path for path in (redirect_file(app, n) for n in written.now)}

    def is_kept(name: str) -> bool:
        path = redirect_file(app, name)
        if path in others or not output.as_written(name):
            return True
        other = now.get(_folded(path))  # written now, where case is ignored one file
        return other is not None and path.exists() and os.path.samefile(path, other)

    keep = {name for name in written.written_before - written.now.keys() if is_kept(name)}
    written.remove_gone(keep=keep, output_of=lambda name: redirect_file(app, name))
    written.save()


def redirect_file(app: Sphinx, name: str) -> Path:
    """The file of the redirect at *name*: where the builder writes that page, or, for a
    file's own name (``posts/old.htm``), that very file."""
    if is_file_name(name):
        return Path(app.outdir, name)
    return Path(cast("StandaloneHTMLBuilder", app.builder).get_outfilename(name))


class _Output:
    """The files already in the output folder where redirects would go: the redirects this
    builder wrote there, pages Sphinx left of documents that are gone, and others' files."""

    def __init__(self, app: Sphinx, written: WrittenPages) -> None:
        self.app, self.written = app, written
        builder = cast("StandaloneHTMLBuilder", app.builder)
        found = app.env.found_docs
        # The documents whose pages a build into this output folder wrote: Sphinx leaves
        # a page when its document goes, which a clean build does not have.
        gone = (set(written.notes_before.get("documents", ())) | _removed(app)) - found
        left = {d for d in gone if Path(builder.get_outfilename(d)).is_file()}
        self.left = {Path(builder.get_outfilename(d)) for d in left}
        written.notes["documents"] = sorted(found | left)
        self.redirects_before = {redirect_file(app, n): n for n in written.written_before}
        #: The entries of each folder looked in, by their names in lower case.
        self._listed: dict[Path, dict[str, list[str]]] = {}

    def matches(self, path: Path) -> list[Path]:
        """The files and folders of the output that are *path* where case is ignored (one
        on a file system that ignores it, any number on one that does not)."""
        found = [Path(self.app.outdir)]
        for part in path.relative_to(self.app.outdir).parts:
            folded = _fold(part)
            found = [
                Path(folder, entry)
                for folder in found
                for entry in self._entries(folder).get(folded, ())
            ]
        return found

    def _entries(self, folder: Path) -> dict[str, list[str]]:
        if folder not in self._listed:
            entries: dict[str, list[str]] = {}
            try:
                for entry in os.listdir(folder):
                    entries.setdefault(_fold(entry), []).append(entry)
            except OSError:  # no folder there, or a file
                pass
            self._listed[folder] = entries
        return self._listed[folder]

    def note_written(self, path: Path) -> None:
        """*path*, and the folders on the way to it, are in the output now."""
        outdir = Path(self.app.outdir)
        for folder in path.relative_to(outdir).parents:
            listed = self._listed.get(outdir / folder)
            child = path.relative_to(outdir / folder).parts[0]
            if listed is not None and child not in listed.setdefault(_fold(child), []):
                listed[_fold(child)].append(child)

    def in_the_way(self, path: Path) -> str:
        """The file the build wrote (a feed, ``objects.inv``...) where a folder of *path*
        would be, or the folder at *path* itself, as a path in the output; ``""`` if none
        is: no page can be written through one. Checked on the output itself, after every
        other file of the build (the feeds too) is written; where case is ignored."""
        outdir = Path(self.app.outdir)
        for folder in self.matches(path):
            if folder.is_dir():
                return folder.relative_to(outdir).as_posix()
        for parent in reversed(path.relative_to(outdir).parents[:-1]):
            for file in self.matches(outdir / parent):
                if file.is_file():
                    return file.relative_to(outdir).as_posix()
        return ""

    def as_written(self, name: str) -> bool:
        """Whether the file of the redirect *name* that the last build wrote holds what it
        wrote, or is gone: it was nobody else's since."""
        path = redirect_file(self.app, name)
        try:
            text = path.read_bytes().decode("utf-8", "surrogateescape")
        except OSError:
            return True
        return self.written.recorded(name) == stable_digest(text)

    def others_file(self, path: Path, html: str) -> str:
        """The path (in the output) of a file at *path*, or there but for case, that is
        someone else's: neither a redirect this builder wrote there (as it wrote it, or as
        it would write it now) nor a page Sphinx left of a document that is gone; ``""`` if
        no such file is there."""
        for file in self.matches(path):
            if not file.is_file() or file in self.left:
                continue
            name = self.redirects_before.get(file)
            if (name is not None and self.as_written(name)) or file.read_bytes() == html.encode():
                continue
            return file.relative_to(self.app.outdir).as_posix()
        return ""


def _removed(app: Sphinx) -> set[str]:
    removed: set[str] = getattr(app.builder, _REMOVED_ATTR, set())
    return removed


def _redirects(
    app: Sphinx, others: dict[Path, str], blog_pages: dict[str, str], output: _Output
) -> Iterator[tuple[Redirect, str]]:
    """The redirects to write, each with its page: every post's old addresses but those
    where another file goes (each warned about), then, in ABlog compatibility mode, ABlog's
    addresses of the blog's pages where no other file goes (left out without a word: the
    same page, most often)."""
    builder = cast("StandaloneHTMLBuilder", app.builder)

    def file_of(name: str) -> Path:
        return redirect_file(app, name)

    # Files compared as a file system that ignores case compares them (macOS, Windows):
    # there, `BLOG/ARCHIVE.html` is `blog/archive.html`, whichever system builds the site.
    taken = {_folded(path): (path, f"where {what} is written") for path, what in others.items()}
    claimed: dict[str, tuple[Path, str, str]] = {}  # folded file -> (file, post, address)
    posts = posts_of(app.env)
    for docname in sorted(posts):  # two posts with one address: the first by name has it
        post = posts[docname]
        own = Path(builder.get_outfilename(docname))
        for address in post.redirects:
            name = redirect_name(address)
            path = file_of(name)
            key = _folded(path)
            if key in claimed and claimed[key][:2] == (path, docname):
                continue  # the post's own other spelling of it (dirhtml: `old`, `old/index`)
            redirect = Redirect(name, docname, post.title, language=post.language)
            if key == _folded(own):
                problem = _clash(
                    app, path, own, "the post's own address", "is the post's own address"
                )
            elif key in taken:
                other, where = taken[key]
                problem = _clash(app, path, other, where, f"is {where}")
            elif key in claimed:
                other, owner, written = claimed[key]
                if owner == docname:
                    what = f"{written!r}, an old address of this post too"
                else:
                    what = f"{written!r}, an old address of the post {owner!r}, which keeps it"
                problem = _clash(
                    app,
                    path,
                    other,
                    what,
                    f"is the address of the post {owner!r} too, which keeps it",
                )
            elif put_by_sphinx(app, path.relative_to(app.outdir).as_posix()):
                problem = "is where a file of html_extra_path or html_static_path goes"
            elif blocked := output.in_the_way(path):
                problem = f"goes through {blocked!r}, a file of the site, where it needs a folder"
            elif kept := output.others_file(path, html := render_redirect(app, redirect)):
                problem = (
                    f"is where {kept!r} is, a file the blog did not write (another "
                    "extension's page, or one an earlier build left: delete it to have the "
                    "redirect)"
                )
            else:
                claimed[key] = (path, docname, address)
                yield redirect, html
                continue
            message = f"redirect {address!r} {problem}: no redirect is written there"
            warn(BlogpostWarning.CONFLICT, message, _redirect_location(post))
    if not get_config(app.config).ablog_compat:
        return
    for name, target in ablog_addresses(get_blog(app), ablog_root(app.config)):
        path = file_of(name)
        key = _folded(path)
        if key in taken or key in claimed or key == _folded(Path(builder.get_outfilename(target))):
            continue
        if put_by_sphinx(app, path.relative_to(app.outdir).as_posix()):
            continue
        if output.in_the_way(path):  # under a feed's name, say
            continue
        redirect = Redirect(name, target, blog_pages[target])
        if output.others_file(path, html := render_redirect(app, redirect)):
            continue
        claimed[key] = (path, target, name)
        yield redirect, html


def _folded(path: Path) -> str:
    """*path* as a file system that ignores case sees it: one key for the files it holds as one."""
    return _fold(path.as_posix())


def _fold(name: str) -> str:
    """*name* as macOS sees it, which ignores case and how an accented letter is encoded
    (``é`` as one code point or as ``e`` and a combining accent: Unicode normalization);
    Windows ignores case."""
    return unicodedata.normalize("NFC", name).lower()


def _clash(app: Sphinx, path: Path, other: Path, what: str, same: str) -> str:
    """The problem of a redirect's file *path* that is the file *other* (*same* says so) or,
    but for case, one file with it where case is ignored (*what* says what it is)."""
    if path == other:
        return same
    file = other.relative_to(app.outdir).as_posix()
    if path.as_posix().lower() == other.as_posix().lower():
        return (
            f"differs only in case from {file!r}, {what} (one file where case is ignored, as "
            "on macOS and Windows)"
        )
    return (
        f"differs from {file!r}, {what}, only in how its accented letters are encoded "
        "(Unicode normalization), perhaps in case too (one file on macOS, which ignores both)"
    )


def _any_redirects(app: Sphinx) -> bool:
    """Whether this build may write a redirect: a post has an old address, or ABlog's
    addresses lead to the blog's pages (compatibility mode)."""
    if get_config(app.config).ablog_compat:
        return True
    return any(post.redirects for post in posts_of(app.env).values())


def _redirect_location(post: Post) -> tuple[str, int | None]:
    """Where a post's ``redirect`` option is: its line, else the declaration's."""
    return post.docname, dict(post.term_lines).get("redirect", post.line)


def _output_files(app: Sphinx, blog_pages: dict[str, str]) -> dict[Path, str]:
    """The files of every page but redirects: the project's documents, the blog's pages
    (*blog_pages*, by name) and Sphinx's own (index, search, domain indices,
    ``html_additional_pages``), each with what it is. By file, not name: in dirhtml, ``old``
    and ``old/index`` are one file."""
    builder = cast("StandaloneHTMLBuilder", app.builder)
    config = app.config
    sphinx_pages = [
        *(["genindex"] if config.html_use_index else []),
        *(["search"] if getattr(builder, "search", False) else []),
        *(index_name for index_name, *_rest in getattr(builder, "domain_indices", [])),
        *config.html_additional_pages,
    ]
    files: dict[Path, str] = {}
    for name in sphinx_pages:
        files[Path(builder.get_outfilename(name))] = f"Sphinx's page {name!r}"
    for name in blog_pages:
        files[Path(builder.get_outfilename(name))] = f"the blog's page {name!r}"
    for docname in sorted(app.env.found_docs):  # last: a document takes a generated page's place
        files[Path(builder.get_outfilename(docname))] = f"the document {docname!r}"
    return files


def render_redirect(app: Sphinx, redirect: Redirect) -> str:
    """The page at *redirect*'s old address: a refresh that leads on at once, the canonical
    address of the page it leads to, and a link to it for readers whose browser stays.
    Links are relative (the site works on any host, and from files) but the canonical one
    when ``html_baseurl`` is set."""
    builder = app.builder
    # Percent-encoded as the canonical address is (dirhtml leaves its links as names are):
    # a refresh's URL ends at the attribute's end, and a space in it is not the browser's to guess.
    if is_file_name(redirect.name):  # a file's own name is its URI
        relative = relative_uri(redirect.name, builder.get_target_uri(redirect.target))
    else:
        relative = relative_link(builder, redirect.name, redirect.target)
    url = quote(relative, safe="/%")
    base: str = app.config.html_baseurl
    canonical = site_url(base, page_uri(builder, redirect.target)) if base else url
    language = language_tag(redirect.language or app.config.language or "en")
    direction = dir_attribute(language, None)  # rtl, as its post's page, in Arabic say
    title = escape(redirect.title)
    link = f'<a href="{escape(url)}">{title}</a>'
    moved = escape(_("This page has moved to %(link)s."), quote=False) % {"link": link}
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(language)}"{direction}>\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={escape(url)}">\n'
        "</head>\n"
        "<body>\n"
        f"<p>{moved}</p>\n"
        "</body>\n"
        "</html>\n"
    )
