"""Listings of posts as HTML: cards (sphinx-design), list and compact layouts, pagination.

The same functions render ``postlist`` in documents and every generated page, so a card looks
the same everywhere. Every user text is escaped here."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from .i18n import _, ngettext, pgettext, sphinx_fallback
from .posts import dir_attribute, fingerprints

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from .posts import Post

LAYOUTS = ("cards", "list", "compact")
_SEP = '<span class="bp-sep"> · </span>'
#: The arrows of links to what comes before and after (pages, posts), as character references
#: (see postpage.footer_html). Their class turns them round in a right-to-left page
#: (blogpost.css), where what comes before is on the right.
ARROW_BACK = '<span class="bp-arrow">&#8592;</span>'
ARROW_ON = '<span class="bp-arrow">&#8594;</span>'
# The pager's, beside the word they point with ("Older →"): shown, not read out ("Older,
# right arrow"), as the word says it.
_PAGER_BACK = '<span class="bp-arrow" aria-hidden="true">&#8592;</span>'
_PAGER_ON = '<span class="bp-arrow" aria-hidden="true">&#8594;</span>'


def count_html(count: int) -> str:
    """A count of posts after a heading's year or month (``.bp-count``): the number shown,
    "(3 posts)" read out, as "August 3" alone is read as a date."""
    # Translators: a count of posts, read out by screen readers after a month or a year.
    said = ngettext("%(count)d post", "%(count)d posts", count) % {"count": count}
    return (
        f'<span class="bp-count"><span aria-hidden="true">{count}</span>'
        f'<span class="bp-visually-hidden"> ({escape(said)})</span></span>'
    )


def words_label(words: int) -> str:
    """``1 word``, ``1796 words``, in the site's language."""
    return ngettext("%(count)d word", "%(count)d words", words) % {"count": words}


def minutes_label(minutes: int) -> str:
    """A reading time on its own (cards, post headers): ``9 min read``."""
    return ngettext("%(count)d min read", "%(count)d min read", minutes) % {"count": minutes}


def short_minutes_label(minutes: int) -> str:
    """A reading time beside a word count (list layout): ``9 min``."""
    # Translators: a reading time in minutes, beside a word count ("9 min · 1796 words").
    return ngettext("%(count)d min", "%(count)d min", minutes) % {"count": minutes}


def _no_cover(post: Post) -> str | None:
    return None


@dataclass(frozen=True)
class LinkContext:
    """How a listing on one page links out, shows dates and finds cover images."""

    post_url: Callable[[str], str]  # docname -> URL relative to the page
    format_date: Callable[[Post], str]
    cover_url: Callable[[Post], str | None] = _no_cover  # None: no (findable) cover
    #: Whether the page may hold MathML: an EPUB's manifest must declare each page that does,
    #: and Sphinx's declares none, so there summaries show their math as TeX text.
    mathml: bool = True
    #: The site's language (Sphinx's ``language``): a post's words in another direction than
    #: its text's are marked with their ``dir``.
    site_language: str | None = None


def _date(post: Post, links: LinkContext, separator: str = "") -> str:
    if post.date is None:
        return ""
    text = escape(links.format_date(post))
    return f'<time class="bp-date" datetime="{post.date.iso}">{text}</time>{separator}'


def _category(post: Post) -> str:
    if not post.categories:
        return ""
    return f'<p class="bp-card-category">{escape(post.categories[0])}</p>'


def summary_html(post: Post, links: LinkContext) -> str:
    """A post's summary in a listing: its inline math as MathML (``summary_markup``) where the
    page may hold MathML, the rest escaped."""
    if links.mathml and post.summary_markup is not None:
        return post.summary_markup
    return escape(post.summary)


def _lang(post: Post, links: LinkContext) -> str:
    """``lang`` on what a post writes in its own language (title, summary), for screen readers,
    and ``dir`` where that language runs the other way than the site's (Arabic in English)."""
    if not post.language:
        return ""
    direction = dir_attribute(post.language, links.site_language)
    return f' lang="{escape(post.language)}"{direction}'


def draft_label(post: Post) -> str:
    """What a draft is called where it is shown: one dated after the build is "Scheduled"."""
    return _("Scheduled") if post.scheduled else _("Draft")


def _labels(post: Post, pins: bool) -> str:
    """The labels after a post's title: "Draft" (or "Scheduled"), and "Pinned" where *pins*
    (a listing in the blog index's order, which puts pinned posts first: the label says why
    an older post leads)."""
    labels = (
        f' <span class="bp-draft-label">{escape(draft_label(post))}</span>' if post.draft else ""
    )
    if pins and post.pin:
        pinned = _("Pinned")  # outside the f-string, where Babel's extractor finds it
        labels += f' <span class="bp-pin-label">{escape(pinned)}</span>'
    return labels


def _cover(post: Post, links: LinkContext) -> str:
    # Decorative (alt=""): the card's title says what the post is, right under it. Closed
    # with "/>", as Sphinx writes its own: epub's pages are XHTML, which needs it.
    url = links.cover_url(post)
    if url is None:
        return ""
    return (
        f'<img class="sd-card-img-top bp-card-cover" src="{escape(url)}" alt="" '
        'loading="lazy" decoding="async" />'
    )


def _card(post: Post, links: LinkContext, h: str, pins: bool) -> str:
    # One link per card; sphinx-design's stretched link makes the whole card clickable.
    url = escape(links.post_url(post.docname))
    lang = _lang(post, links)
    return (
        '<div class="sd-col sd-d-flex-row">'
        '<article class="sd-card sd-sphinx-override sd-w-100 sd-shadow-sm sd-card-hover bp-card">'
        f"{_cover(post, links)}"
        '<div class="sd-card-body">'
        f"{_category(post)}"
        f'<{h} class="sd-card-title bp-card-title"{lang}>'
        f'<a class="sd-stretched-link" href="{url}">{escape(post.title)}</a>'
        f"{_labels(post, pins)}</{h}>"
        f'<p class="sd-card-text bp-card-summary"{lang}>{summary_html(post, links)}</p>'
        f'<p class="bp-card-meta">{_date(post, links, _SEP)}'
        f'<span class="bp-readtime" data-minutes="{post.minutes}">'
        f"{minutes_label(post.minutes)}</span>"
        "</p></div></article></div>"
    )


def _list_item(post: Post, links: LinkContext, h: str, pins: bool) -> str:
    url = escape(links.post_url(post.docname))
    more = " ..." if post.summary_is_partial else ""
    lang = _lang(post, links)
    return (
        '<li class="bp-card bp-list-item">'
        f"{_category(post)}"
        f'<{h} class="bp-card-title"{lang}><a href="{url}">{escape(post.title)}</a>'
        f"{_labels(post, pins)}</{h}>"
        f'<p class="bp-card-date">{_date(post, links)}</p>'
        f'<p class="bp-card-summary"{lang}>{summary_html(post, links)}{more}</p>'
        '<p class="bp-card-meta">'
        f'<span class="bp-readtime" data-minutes="{post.minutes}">'
        f"{short_minutes_label(post.minutes)}</span>{_SEP}"
        f'<span class="bp-words" data-words="{post.words}">{words_label(post.words)}</span></p>'
        "</li>"
    )


def _compact_item(post: Post, links: LinkContext, h: str, pins: bool) -> str:
    # A line, not a heading: *h* is not used
    url = escape(links.post_url(post.docname))
    lang = _lang(post, links)
    return (
        f'<li class="bp-card bp-compact-item">{_date(post, links)} '
        f'<span class="bp-card-title"{lang}><a href="{url}">{escape(post.title)}</a></span>'
        f"{_labels(post, pins)}</li>"
    )


def listing_state(posts: Sequence[Post], layout: str) -> Sequence[object]:
    """What :func:`render_listing` shows of *posts*, to compare between builds: a compact
    line shows only the date and title; cards and list items show most of a post."""
    if layout == "compact":
        return [(p.docname, p.title, p.date, p.draft, p.pin, p.language) for p in posts]
    return fingerprints(posts)


def render_listing(
    posts: Sequence[Post],
    layout: str,
    links: LinkContext,
    heading_level: int = 2,
    pins: bool = False,
) -> str:
    """The HTML of *posts* in one of :data:`LAYOUTS`; titles are headings of *heading_level*,
    one below the heading the listing sits under, so the page outline stays in order. With
    *pins* (the blog index's order), pinned posts are labelled so."""
    h = f"h{min(max(heading_level, 2), 6)}"
    if not posts:
        empty = escape(_("No posts yet."))
        return f'<p class="bp-listing bp-empty">{empty}</p>\n'
    if layout == "cards":
        cards = "\n".join(_card(p, links, h, pins) for p in posts)
        return (
            '<div class="bp-listing bp-layout-cards sd-container-fluid sd-sphinx-override sd-mb-4">'
            '<div class="sd-row sd-row-cols-1 sd-row-cols-xs-1 sd-row-cols-sm-2 sd-row-cols-md-2 '
            f'sd-row-cols-lg-3 sd-g-3 sd-g-xs-3 sd-g-sm-3 sd-g-md-3 sd-g-lg-3">\n{cards}\n'
            "</div></div>\n"
        )
    item = _list_item if layout == "list" else _compact_item
    items = "\n".join(item(p, links, h, pins) for p in posts)
    return f'<ul class="bp-listing bp-layout-{layout}">\n{items}\n</ul>\n'


def page_window(number: int, total: int, around: int = 2) -> list[int | None]:
    """Page numbers to show: the first, the last and *around* each side of the current one;
    None stands for a gap. Long blogs get a short pager: 1 … 4 5 6 7 8 … 84."""
    shown = {1, total, *range(max(1, number - around), min(total, number + around) + 1)}
    window: list[int | None] = []
    for n in sorted(shown):
        if window and window[-1] is not None and n - window[-1] > 1:
            window.append(None)
        window.append(n)
    return window


def render_pagination(
    number: int, total: int, page_url: Callable[[int], str], order: str = "newest"
) -> str:
    """``nav.bp-pagination``: previous/next links and a window of page numbers. *order* (see
    :func:`.query.page_order`) names the links: "Newer" and "Older" for pages of posts by
    date, "Previous" and "Next" for pages in another order (by title)."""
    if total <= 1:
        return ""
    labels = _pager_labels(order)
    # Translators: the name of the page-number navigation, for screen readers.
    pages = escape(_("Pages"))
    parts = [f'<nav class="bp-pagination" aria-label="{pages}">']
    if number > 1:
        before = f"{_PAGER_BACK} {escape(labels[0])}"
        parts.append(f'<a rel="prev" href="{escape(page_url(number - 1))}">{before}</a>')
    # Translators: a page number's link, as screen readers name it ("2" alone says little).
    page_name = _("Page %(number)d")
    for n in page_window(number, total):
        if n is None:
            parts.append('<span class="bp-page-gap" aria-hidden="true">&#8230;</span>')
        elif n == number:
            parts.append(f'<span class="bp-page-current" aria-current="page">{n}</span>')
        else:
            href, name = escape(page_url(n)), escape(page_name % {"number": n})
            parts.append(f'<a class="bp-page" href="{href}" aria-label="{name}">{n}</a>')
    if number < total:
        after = f"{escape(labels[1])} {_PAGER_ON}"
        parts.append(f'<a rel="next" href="{escape(page_url(number + 1))}">{after}</a>')
    parts.append("</nav>")
    return "\n".join(parts) + "\n"


def _pager_labels(order: str) -> tuple[str, str]:
    """The words of the links to the page before and the page after, in *order*."""
    if order == "other":
        # The words of the theme's links to the documents before and after.
        return sphinx_fallback("Previous"), sphinx_fallback("Next")
    # Translators: the link to the page of newer posts ("← Newer").
    newer = pgettext("pages", "Newer")
    # Translators: the link to the page of older posts ("Older →").
    older = pgettext("pages", "Older")
    return (newer, older) if order == "newest" else (older, newer)
