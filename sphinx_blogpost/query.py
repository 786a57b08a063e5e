"""``postlist`` queries: validating the directive's options and selecting the posts they name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .listing import LAYOUTS
from .posts import names_of, split_list

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from .blog import Blog
    from .posts import Post


SORTS = ("date", "-date", "title", "-title")


def parse_query(options: Mapping[str, str | None], report: Callable[[str], None]) -> dict[str, Any]:
    """Validate ``postlist`` options into a plain, picklable query (bad values reported)."""
    query: dict[str, Any] = {kind: split_list(options.get(kind)) for kind in _FILTERS}
    for name, choices, default in (("sort", SORTS, "-date"), ("layout", LAYOUTS, "cards")):
        value = (options.get(name) or default).strip()
        if value not in choices:
            report(f"postlist {name} {value!r} is not one of {', '.join(choices)}")
            value = default
        query[name] = value
    for name in ("year", "limit"):
        text = (options.get(name) or "").strip()
        query[name] = None
        if text:
            if text.isdigit():
                query[name] = int(text)
            else:
                report(f"postlist {name} {text!r} is not a whole number")
    return query


_FILTERS = {"category": "category", "tags": "tag", "author": "author", "series": "series"}


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
    if sort.endswith("title"):
        posts.sort(key=lambda p: (p.title.casefold(), p.docname))
    if sort in ("date", "-title"):
        posts.reverse()
    return posts[: query["limit"]] if query["limit"] else posts
