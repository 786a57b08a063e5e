"""``postlist`` queries: validating the directive's options and selecting the posts they name."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .listing import LAYOUTS
from .posts import fit_items, flag_word, names_of, short_repr, split_list, whole_number

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from .blog import Blog
    from .posts import Post, RawValue

    #: An option's value as a query takes it: text, a filter's list of names (from YAML), or
    #: None for an option given without a value.
    OptionValue = str | Sequence[str] | None
    #: Receives each problem: its message, and the option it is about (so that the caller can
    #: point at that option's line).
    ReportOption = Callable[[str, str], None]


SORTS = ("date", "-date", "updated", "-updated", "title", "-title")
_FILTERS = {"category": "category", "tags": "tag", "author": "author", "series": "series"}
#: Every option of ``postlist``, in the order the docs list them.
POSTLIST_OPTIONS = (*_FILTERS, "year", "limit", "sort", "layout", "paginate")
#: The ``sort`` of a paginated postlist without one: the blog index's order, pinned posts
#: first, each group newest first. Not a value users write.
INDEX_ORDER = "index"


def option_values(raw: Mapping[str, RawValue], report: ReportOption) -> dict[str, OptionValue]:
    """*raw* options (as written, or from a YAML block) as values a query takes; a value of
    another kind (a flag, a mapping, a list of a scalar option) is reported and left out.
    YAML numbers are text already (``limit: 3`` gives ``"3"``)."""
    values: dict[str, OptionValue] = {}
    for name, value in raw.items():
        if value is None or isinstance(value, str):
            values[name] = value
        elif name in _FILTERS and isinstance(value, list | tuple):
            fit, unfit = fit_items(f"postlist {name}", value)
            for message in unfit:
                report(message, name)
            if fit:  # else the filter is left out, as a value of another kind is
                values[name] = [str(item) for item in fit]
        else:
            kind = "text or a list of text" if name in _FILTERS else "text"
            report(f"postlist {name}: {short_repr(value)} is not {kind}; it is ignored", name)
    return values


def parse_query(options: Mapping[str, OptionValue], report: ReportOption) -> dict[str, Any]:
    """Validate ``postlist`` options into a plain, picklable query (bad values reported, each
    with the name of its option, and replaced by their default)."""
    query: dict[str, Any] = {kind: split_list(options.get(kind)) for kind in _FILTERS}
    paginate = _paginate(options, report)
    # A paginated postlist lists as the blog index does unless told otherwise: in its order
    # and (None: known only when written) in its layout.
    defaults = {
        "sort": INDEX_ORDER if paginate else "-date",
        "layout": None if paginate else "cards",
    }
    for name, choices in (("sort", SORTS), ("layout", LAYOUTS)):
        value = _text(options.get(name))
        if value and value not in choices:
            report(f"postlist {name} {value!r} is not one of {', '.join(choices)}", name)
            value = ""
        query[name] = value or defaults[name]
    for name in ("year", "limit"):
        text = _text(options.get(name))
        query[name] = None
        if text:
            query[name] = whole_number(text)
            if query[name] is None:
                wanted = "a year such as 2025" if name == "year" else "a number of posts"
                report(f"postlist {name} {text!r} is not {wanted}", name)
    if paginate:
        query["paginate"] = True  # only then: the queries of other postlists are as they were
        if query["limit"] is not None:
            message = (
                "postlist limit is ignored with paginate: each page shows "
                "blogpost_posts_per_page posts"
            )
            report(message, "limit")
            query["limit"] = None
    return query


def _paginate(options: Mapping[str, OptionValue], report: ReportOption) -> bool:
    """The ``paginate`` flag: given without a value, or ``true``/``false`` and the like."""
    if "paginate" not in options:
        return False
    text = _text(options["paginate"])
    flag = flag_word(text)
    if flag is None:
        report(f"postlist paginate is a flag; {text!r} is not true or false", "paginate")
    return bool(flag)


def _last_change(post: Post) -> datetime:
    """When a post last changed: its ``updated`` date, else its date (listed posts have one)."""
    changed = post.updated or post.date
    return changed.moment if changed is not None else datetime.min.replace(tzinfo=UTC)


def _text(value: OptionValue) -> str:
    # A list here comes from a caller that did not go through option_values: read it as
    # the comma-separated text it stands for rather than fail.
    if value is None:
        return ""
    return (value if isinstance(value, str) else ", ".join(value)).strip()


def pins_first(query: Mapping[str, Any]) -> bool:
    """Whether a listing of *query* puts pinned posts first, as the blog index does (and then
    labels them)."""
    return bool(query["sort"] == INDEX_ORDER)


def page_order(sort: str) -> str:
    """How the pages of a listing sorted by *sort* follow each other, for the words of their
    links: ``newest`` first (page 2 is older), ``oldest`` first, or in ``other`` order."""
    if sort in (INDEX_ORDER, "-date", "-updated"):
        return "newest"
    return "oldest" if sort in ("date", "updated") else "other"


def select(blog: Blog, query: Mapping[str, Any]) -> list[Post]:
    """The posts a ``postlist`` query shows: filters combined with AND, any value within one."""
    posts: list[Post] = list(blog.posts)
    for option, kind in _FILTERS.items():
        wanted = set(query[option])
        if kind == "author":  # authors may be named by key or by name
            wanted |= {key for key, a in blog.authors.items() if a.name in wanted}
        if wanted:
            posts = [p for p in posts if wanted.intersection(names_of(p, kind))]
    if query["year"] is not None:
        posts = [p for p in posts if p.date is not None and p.date.moment.year == query["year"]]
    sort = query["sort"]
    if sort == INDEX_ORDER:  # posts are newest first: as Blog.for_index orders them
        posts = [p for p in posts if p.pin] + [p for p in posts if not p.pin]
    elif sort.endswith("title"):
        posts.sort(key=lambda p: (p.title.casefold(), p.docname))
    elif sort.endswith("updated"):
        posts.sort(key=_last_change, reverse=True)  # stable: a tie keeps the newest first
    if sort in ("date", "updated", "-title"):
        posts.reverse()
    posts = posts[: query["limit"]] if query["limit"] else posts
    if query.get("reverse"):  # ABlog's `:sort:`: the newest posts, shown oldest first
        posts.reverse()
    return posts
