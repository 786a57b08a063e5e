"""What a post page shows besides its body (header; previous/next, series and related posts),
and the ``postlist`` listings of any page. Filled in at ``doctree-resolved``."""

from __future__ import annotations

from functools import partial
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.locale import _ as sphinx_gettext

from .collector import get_blog, postlists_of, posts_of
from .config import get_config
from .directives import blogpost_node, find_blog_nodes
from .feeds import WEB_BUILDERS
from .i18n import _, ngettext, pgettext
from .links import Linker, relative_link
from .listing import (
    ARROW_BACK,
    ARROW_ON,
    draft_label,
    minutes_label,
    render_listing,
    render_pagination,
    words_label,
)
from .pages import blog_intro, index_chunks
from .posts import dir_attribute, foreign_language, language_tag, text_direction
from .query import pins_first, select
from .theme import theme_options
from .warnings_ import BlogpostWarning, warn

if TYPE_CHECKING:
    from collections.abc import Container, Iterator, Sequence

    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from .blog import Blog
    from .posts import Post


#: Builder formats whose books link a listed post to its chapter.
BOOK_FORMATS = ("latex", "texinfo")


class blog_html(nodes.raw):
    """HTML that the blog adds to a page (post header and footer, listings). Sphinx's search
    index skips it (``no-search``): its text belongs to other posts or repeats metadata that
    the ``keywords`` meta carries, and leaving it out keeps each page's index to its own text."""

    def __init__(self, html: str) -> None:
        super().__init__("", html, format="html", classes=["no-search"])


class post_section(nodes.section):
    """The section of a post whose language runs the other way than the site's (Arabic in an
    English site): HTML builders write it with its ``dir``, others as any section."""


def visit_post_section(translator: HTML5Translator, node: post_section) -> None:
    translator.visit_section(node)  # the translator's own <section ...>, its dir added
    start = translator.body[-1]
    if start.startswith("<section"):
        translator.body[-1] = f'<section dir="{node["dir"]}"{start.removeprefix("<section")}'


def depart_post_section(translator: HTML5Translator, node: post_section) -> None:
    translator.depart_section(node)


def visit_blog_html(translator: HTML5Translator, node: blog_html) -> None:
    # Written as it is: docutils' raw visitor would wrap it in a div for its classes.
    translator.body.append(node.astext())
    raise nodes.SkipNode


def _keywords(post: Post) -> nodes.meta | None:
    """Categories and tags as the page's ``keywords`` meta, which Sphinx's search indexes."""
    words = [*post.categories, *post.tags]
    return nodes.meta(name="keywords", content=", ".join(words)) if words else None


def _label(linker: Linker | None, kind: str, name: str, css: str, text: str = "") -> str:
    """A link to the page of *name* (a category, tag or author id), else a plain label."""
    url = linker.page(kind, name) if linker is not None else None
    label = escape(text or name)
    if url is None:
        return f'<span class="{css}">{label}</span>'
    return f'<a class="{css}" href="{escape(url)}">{label}</a>'


def header_html(post: Post, linker: Linker) -> str:
    """The ``.bp-post-header`` block of SPEC section 6; every user text is escaped."""
    parts = [f'<div class="bp-post-header"{_site_lang(post, linker)}>']
    if post.categories:
        labels = "".join(_label(linker, "category", c, "bp-category") for c in post.categories)
        parts.append(f'<p class="bp-categories">{labels}</p>')
    meta = []
    if post.date is not None:
        when = escape(linker.date(post.date))
        meta.append(f'<time class="bp-date" datetime="{post.date.iso}">{when}</time>')
    minutes = minutes_label(post.minutes)
    meta.append(f'<span class="bp-readtime" data-minutes="{post.minutes}">{minutes}</span>')
    words = words_label(post.words)
    meta.append(f'<span class="bp-words" data-words="{post.words}">{words}</span>')
    if post.authors:
        names = ", ".join(
            _label(linker, "author", a.key or a.name, "bp-author-name", a.name)
            for a in post.authors
        )
        meta.append(f'<span class="bp-author">{names}</span>')
    if post.updated is not None:
        # The date inside the sentence: "Aktualisiert am <date>", "<date> 更新".
        when = f'<time datetime="{post.updated.iso}">{escape(linker.date(post.updated))}</time>'
        updated = escape(_("Updated %(date)s")) % {"date": when}
        meta.append(f'<span class="bp-updated">{updated}</span>')
    if post.draft:
        meta.append(f'<span class="bp-draft-label">{escape(draft_label(post))}</span>')
    parts.append('<p class="bp-meta">' + '<span class="bp-sep"> · </span>'.join(meta) + "</p>")
    if post.tags:
        tags = " ".join(_label(linker, "tag", t, "bp-tag") for t in post.tags)
        parts.append(f'<p class="bp-tags">{tags}</p>')
    parts.append("</div>")
    return "\n".join(parts) + "\n"


def part_label(number: int, total: int) -> str:
    """``Part 2 of 5``: where a post stands in its series."""
    return ngettext("Part %(number)d of %(total)d", "Part %(number)d of %(total)d", total) % {
        "number": number,
        "total": total,
    }


def _site_lang(post: Post, linker: Linker) -> str:
    """``lang`` for the blog's own words on a post's page: in a post of another language
    (its section's lang), the header's dates and labels and the footer's are the site's."""
    if foreign_language(post.language, linker.language) is None:
        return ""
    site = language_tag(linker.language or "en")
    return f' lang="{escape(site)}"{dir_attribute(site, post.language)}'


def _title_lang(post: Post, linker: Linker) -> str:
    """``lang`` for a post's title among the site's words, if the post is in another language,
    and ``dir`` if that language runs the other way."""
    language = foreign_language(post.language, linker.language)
    if not language:
        return ""
    return f' lang="{escape(language)}"{dir_attribute(language, linker.language)}'


def _post_link(post: Post, linker: Linker, rel: str = "") -> str:
    rel_attr = f' rel="{rel}"' if rel else ""
    url, lang = escape(linker.to(post.docname)), _title_lang(post, linker)
    return f'<a href="{url}"{rel_attr}{lang}>{escape(post.title)}</a>'


def footer_html(post: Post, blog: Blog, linker: Linker) -> str:
    """Series box, related posts and previous/next navigation under a post."""
    parts = []
    lang = _site_lang(post, linker)
    # The boxes' titles are headings for screen readers, of the level of the post's sections,
    # but keep the look a theme gives their classes (an <h2> would take its headings' look).
    heading = 'role="heading" aria-level="2"'
    if post.series and post.is_listed(drafts=True):
        series = blog.series(post.series)
        if post in series:
            number = series.index(post) + 1
            title = _label(linker, "series", post.series, "bp-series-name")
            items = "".join(
                f'<li aria-current="page"{_title_lang(p, linker)}>{escape(p.title)}</li>'
                if p == post
                else f"<li>{_post_link(p, linker)}</li>"
                for p in series
            )  # fmt: skip
            parts.append(
                f'<aside class="bp-series"{lang}><p class="bp-series-title" {heading}>{title} · '
                f'<span class="bp-series-part">{escape(part_label(number, len(series)))}</span></p>'
                f"<ol>{items}</ol></aside>"
            )
    related = blog.related(post)
    if related:
        items = "".join(f"<li>{_post_link(p, linker)}</li>" for p in related)
        title = escape(_("Related posts"))
        parts.append(
            f'<aside class="bp-related"{lang}><p class="bp-related-title" {heading}>{title}</p>'
            f"<ul>{items}</ul></aside>"
        )
    older, newer = blog.neighbours(post.docname)
    if older or newer:
        # Arrows as character references: one character above U+00FF in a page makes Python
        # hold all of it at two bytes a character, in every copy Sphinx makes of it (0.1% of a
        # build). Numeric ones: the epub builder writes XHTML, where `&larr;` is an error.
        # data-label: the word a theme may show above each link (dispatches does, in CSS).
        more = escape(_("More posts"))
        nav = [f'<nav class="bp-post-nav" aria-label="{more}"{lang}>']
        if older:
            # Translators: over the title of the one post before this one.
            label = escape(pgettext("post", "Older"))
            link = f"{ARROW_BACK} {_post_link(older, linker, 'prev')}"
            nav.append(f'<span class="bp-post-nav-prev" data-label="{label}">{link}</span>')
        if newer:
            # Translators: over the title of the one post after this one.
            label = escape(pgettext("post", "Newer"))
            link = f"{_post_link(newer, linker, 'next')} {ARROW_ON}"
            nav.append(f'<span class="bp-post-nav-next" data-label="{label}">{link}</span>')
        nav.append("</nav>")
        parts.append("".join(nav))
    return "\n".join(parts) + "\n" if parts else ""


def theme_neighbours(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: on a listed post's page, the theme's previous and next pages
    (its links, and ``<link rel>`` in the head) are the older and newer posts, as in the
    post's own navigation; not its neighbours in the toctree, which a ``:reversed:`` glob
    (the newest first) runs the other way, and which reach drafts and pages that are not
    posts. The pages a post's neighbours change are written again for its footer already."""
    if doctree is None or app.builder.format != "html":
        return
    blog = get_blog(app)
    if not blog.lists(pagename):
        return
    older, newer = blog.neighbours(pagename)
    kept = [link for link in context.get("rellinks", []) if link[2] not in ("N", "P")]
    # Sphinx's own words for its own links (its rellinks), from Sphinx's catalog.
    _next, _previous = sphinx_gettext("next"), sphinx_gettext("previous")
    for key, post, accesskey, text in (("next", newer, "N", _next),
                                       ("prev", older, "P", _previous)):  # fmt: skip
        context[key] = None
        if post is not None:
            title = escape(post.title)  # Sphinx's titles here are HTML
            context[key] = {"link": relative_link(app.builder, pagename, post.docname),
                            "title": title}  # fmt: skip
            kept.append((post.docname, title, accesskey, text))
    context["rellinks"] = kept


def header_text(post: Post, date_text: str, updated_text: str = "") -> str:
    """The header as one plain line, for builders that are not HTML: what the HTML header
    says, in its order (*updated_text*: the date of ``updated``, if any)."""
    bits = [", ".join(post.categories), date_text, minutes_label(post.minutes)]
    bits += [words_label(post.words), ", ".join(a.name for a in post.authors)]
    bits += [
        _("Updated %(date)s") % {"date": updated_text} if updated_text else "",
        draft_label(post) if post.draft else "",
    ]
    bits += [" ".join(f"#{tag}" for tag in post.tags)]
    return " · ".join(bit for bit in bits if bit)


def resolve_blog_nodes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: post declarations become headers (and footers), postlists become
    listings; HTML builders get the full markup, others a plain rendering."""
    if isinstance(app.builder, MessageCatalogBuilder):
        # It writes messages, not pages: the declarations stay, offering their summary.
        for node in doctree.findall(blogpost_node):
            node["extract_messages"] = True
        return
    html = app.builder.format == "html"
    linker = Linker.for_page(app, docname)
    posts = posts_of(app.env)
    seen: set[str] = set()
    # A web page is one document, whose blog nodes reading counted (a second declaration was
    # dropped then): the walk stops once it has them, at once for most documents.
    expected = (
        (int(docname in posts), len(postlists_of(app.env).get(docname, ())))
        if app.builder.name in WEB_BUILDERS
        else None
    )
    declarations, postlists = find_blog_nodes(doctree, expected)
    # A singlehtml page holds many posts: each declaration names its own document.
    for node in declarations:
        post = posts.get(node["docname"])
        if post is None or post.docname in seen:
            node.parent.remove(node)
            continue
        seen.add(post.docname)
        if not html:
            date = linker.date(post.date) if post.date else ""
            updated = linker.date(post.updated) if post.updated else ""
            text = header_text(post, date, updated)
            header = nodes.paragraph("", text, classes=["bp-post-header"])
            node.replace_self(header)
            continue
        section = node.parent if isinstance(node.parent, nodes.section) else doctree
        if post.language and section is not doctree:
            # docutils writes a language-* class as the element's lang: screen readers then
            # read the post in its language, not in the site's.
            section["classes"].append(f"language-{post.language}")
            direction = text_direction(post.language)
            if direction != text_direction(linker.language):
                # The same node, of a class whose HTML has the post's dir (see post_section).
                section.__class__ = post_section
                section["dir"] = direction
        node.replace_self(blog_html(header_html(post, linker)))
        keywords = _keywords(post) if post.docname == docname else None
        if keywords is not None:
            doctree.insert(0, keywords)
        footer = footer_html(post, linker.blog, linker)
        if footer:
            section.append(blog_html(footer))
    # latex and texinfo write one book of many documents (each one's start marked): a listed
    # post that is in it is a chapter to link to; elsewhere (or in man pages), a title.
    included = (
        {str(n["docname"]) for n in doctree.findall(addnodes.start_of_file)}
        if app.builder.format in BOOK_FORMATS
        else set()
    )
    intro = blog_intro(app)
    in_index = intro is not None and intro.docname == docname
    paginated = in_index  # the first paginated postlist of the index's document is paginated
    for placeholder in postlists:
        query = placeholder["query"]
        chosen: Sequence[Post] = select(linker.blog, query)
        pager = ""
        if query.get("paginate") and app.builder.name in WEB_BUILDERS:
            if paginated:
                assert intro is not None  # the index's document: this postlist is its listing
                paginated = False  # the document's next ones are warned about
                pages = index_chunks(intro.posts, get_config(app.config).posts_per_page)
                chosen = pages[0]
                link = partial(_index_link, linker)
                pager = render_pagination(1, len(pages), link, intro.order)
            else:
                _warn_paginate(placeholder, linker.blog, in_index)
        if html:
            depth = sum(1 for n in _ancestors(placeholder) if isinstance(n, nodes.section))
            # A paginated postlist lists as the blog index does, unless :layout: is given.
            layout = query["layout"] or theme_options(app).listing_style
            listing = render_listing(
                chosen, layout, linker.listing(), heading_level=depth + 1, pins=pins_first(query)
            )
            placeholder.replace_self(blog_html(listing + pager))
        else:
            placeholder.replace_self(_plain_list(chosen, linker, included))


def _index_link(linker: Linker, number: int) -> str:
    return linker.to(linker.blog.index_page(number))


def _warn_paginate(placeholder: nodes.Element, blog: Blog, in_index: bool) -> None:
    """A ``:paginate:`` that is not honoured: outside the blog index's document, or after the
    first in it. The list is shown whole."""
    if in_index:
        message = (
            "only the first paginated postlist of the blog index document is paginated; "
            "this one is shown unpaginated"
        )
    else:
        message = (
            f"paginate applies only in the blog index document {blog.index_page()}; "
            "this list is shown unpaginated"
        )
    location = placeholder.get("paginate_location") or placeholder
    warn(BlogpostWarning.OPTION, message, location)


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    while node.parent is not None:
        node = node.parent
        yield node


def _plain_list(
    posts: Sequence[Post], linker: Linker, included: Container[str] = ()
) -> nodes.Element:
    """Dates and titles; the title of a post in *included* (in the same book) links to it."""
    items = nodes.bullet_list(classes=["bp-listing"])
    for post in posts:
        date = linker.date(post.date) if post.date else ""
        paragraph = nodes.paragraph("", f"{date} — ")
        title = nodes.Text(post.title)
        if post.docname in included:
            uri = linker.app.builder.get_relative_uri(linker.from_page, post.docname)
            paragraph += nodes.reference("", "", title, internal=True, refuri=uri)
        else:
            paragraph += title
        items += nodes.list_item("", paragraph)
    return items
