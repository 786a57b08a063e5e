"""The post header (category, date, reading time, words, authors, tags) on every post page."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from babel.dates import format_date as babel_format_date
from docutils import nodes
from sphinx.util.i18n import format_date as sphinx_format_date

from .collector import posts_of
from .config import get_config
from .directives import blogpost_node
from .urls import page_links

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

    from .posts import Post, PostDate


def format_date(date: PostDate, date_format: str | None, language: str | None) -> str:
    """The date as readers see it: ``date_format`` (strftime style), else a medium date."""
    if date_format is None:
        return babel_format_date(date.moment.date(), "medium", locale=language or "en")
    return sphinx_format_date(date_format, date=date.moment, language=language or "en")


def _link(
    href: Callable[[str, str], str | None], kind: str, name: str, css: str, text: str = ""
) -> str:
    """A link to the page of *name* (a category, tag or author key), else a plain label."""
    url = href(kind, name)
    label = escape(text or name)
    if url is None:
        return f'<span class="{css}">{label}</span>'
    return f'<a class="{css}" href="{escape(url)}">{label}</a>'


def header_html(
    post: Post, *, date_text: str, updated_text: str, href: Callable[[str, str], str | None]
) -> str:
    """The ``.bp-post-header`` block of SPEC section 6; every user text is escaped."""
    parts = ['<div class="bp-post-header">']
    if post.categories:
        labels = "".join(_link(href, "category", c, "bp-category") for c in post.categories)
        parts.append(f'<p class="bp-categories">{labels}</p>')
    meta = []
    if post.date is not None:
        meta.append(f'<time class="bp-date" datetime="{post.date.iso}">{escape(date_text)}</time>')
    meta.append(
        f'<span class="bp-readtime" data-minutes="{post.minutes}">{post.minutes} min read</span>'
    )
    meta.append(f'<span class="bp-words" data-words="{post.words}">{post.words} words</span>')
    if post.authors:
        names = ", ".join(
            _link(href, "author", a.key or a.name, "bp-author-name", a.name) for a in post.authors
        )
        meta.append(f'<span class="bp-author">{names}</span>')
    if post.updated is not None:
        meta.append(
            f'<span class="bp-updated">Updated <time datetime="{post.updated.iso}">'
            f"{escape(updated_text)}</time></span>"
        )
    if post.draft:
        meta.append('<span class="bp-draft-label">Draft</span>')
    parts.append('<p class="bp-meta">' + '<span class="bp-sep"> · </span>'.join(meta) + "</p>")
    if post.tags:
        tags = " ".join(_link(href, "tag", t, "bp-tag") for t in post.tags)
        parts.append(f'<p class="bp-tags">{tags}</p>')
    parts.append("</div>")
    return "\n".join(parts) + "\n"


def header_text(post: Post, *, date_text: str) -> str:
    """The header as one plain line, for builders that are not HTML."""
    bits = [", ".join(post.categories), date_text if post.date else "", f"{post.minutes} min read"]
    bits += [f"{post.words} words", ", ".join(a.name for a in post.authors)]
    bits += [" ".join(f"#{tag}" for tag in post.tags)]
    return " · ".join(bit for bit in bits if bit)


def insert_post_headers(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each post's declaration with its header (HTML, or a plain line elsewhere)."""
    posts = posts_of(app.env)
    config = get_config(app.config)
    seen: set[str] = set()
    # A singlehtml page holds many posts: each declaration names its own document.
    for node in list(doctree.findall(blogpost_node)):
        post = posts.get(node["docname"])
        if post is None or post.docname in seen:
            node.parent.remove(node)
            continue
        seen.add(post.docname)
        date, updated = (
            format_date(d, config.date_format, app.config.language) if d else ""
            for d in (post.date, post.updated)
        )
        header: nodes.Element
        if app.builder.format == "html":
            href = page_links(app, docname)
            html = header_html(post, date_text=date, updated_text=updated, href=href)
            header = nodes.raw("", html, format="html")
        else:
            header = nodes.paragraph("", header_text(post, date_text=date))
            header["classes"].append("bp-post-header")
        node.replace_self(header)
