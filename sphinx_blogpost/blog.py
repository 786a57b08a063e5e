"""The blog as a whole: listed posts in order, unique slugs, page names, neighbours, related
posts and series. Pure: built once per build from the collected posts (see collector.py)."""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from .posts import Author, Post, author_id, names_of, slugify

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

#: Kinds of generated pages named after a post attribute.
KINDS = ("category", "tag", "author", "series")
#: What the names of each kind are called, many of them ("the page of all tags").
PLURALS = {"category": "categories", "tag": "tags", "author": "authors", "series": "series"}
#: The post option that names a post's terms of each kind.
TERM_OPTIONS = {"category": "category", "tag": "tags", "author": "author", "series": "series"}
RELATED_POSTS = 3


def newest_first(posts: Iterable[Post]) -> list[Post]:
    """Posts by date, newest first; ties by docname, so every build gives the same order."""
    dated = [p for p in posts if p.date is not None]
    return sorted(dated, key=lambda p: (-p.date.moment.timestamp(), p.docname))  # type: ignore[union-attr]


@dataclass(frozen=True)
class Blog:
    """Everything pages need to know about the set of posts, computed once per build."""

    root: str
    posts: tuple[Post, ...]  # listed posts, newest first
    slugs: Mapping[str, Mapping[str, str]]  # kind -> name -> unique slug
    authors: Mapping[str, Author]
    collisions: tuple[tuple[str, str, str, str], ...]  # (kind, name, other name, slug given)
    _position: Mapping[str, int] = field(repr=False)
    _by_name: Mapping[tuple[str, str], list[Post]] = field(repr=False)
    _docnames: Mapping[tuple[str, str], list[str]] = field(repr=False)
    _related: dict[str, list[Post]] = field(default_factory=dict, repr=False)  # a cache

    @classmethod
    def from_posts(cls, posts: Iterable[Post], root: str, drafts: bool) -> Blog:
        listed = tuple(newest_first(p for p in posts if p.is_listed(drafts)))
        slugs, collisions = {}, []
        for kind in KINDS:
            slugs[kind], clashes = unique_slugs(_names(listed, kind))
            collisions += [(kind, *clash) for clash in clashes]
        authors = {author_id(a): a for p in listed for a in p.authors}
        by_name: dict[tuple[str, str], list[Post]] = defaultdict(list)
        for post in listed:
            for kind in KINDS:
                for name in names_of(post, kind):
                    by_name[(kind, name)].append(post)
        return cls(
            root=root,
            posts=listed,
            slugs=slugs,
            authors=authors,
            collisions=tuple(collisions),
            _position={p.docname: i for i, p in enumerate(listed)},
            _by_name=dict(by_name),
            _docnames={key: [p.docname for p in group] for key, group in by_name.items()},
        )

    # -- page names -------------------------------------------------------------------------
    def index_page(self, number: int = 1) -> str:
        return f"{self.root}/index" if number == 1 else f"{self.root}/page/{number}"

    def page(self, kind: str, name: str, number: int = 1) -> str | None:
        """The page listing *name*'s posts (page *number*), or None if it has no listed post."""
        slug = self.slugs[kind].get(name)
        if slug is None:
            return None
        base = f"{self.root}/{kind}/{slug}"
        return base if number == 1 else f"{base}/page/{number}"

    def kind_index(self, kind: str) -> str:
        return f"{self.root}/{kind}/index"

    def label(self, kind: str, name: str) -> str:
        """How *name* is shown: authors are keyed by registry key or name, shown by name."""
        return self.authors[name].name if kind == "author" else name

    @property
    def archive_page(self) -> str:
        return f"{self.root}/archive"

    def year_page(self, year: int, number: int = 1) -> str:
        """The page of the posts of *year* (page *number*), in the archive's folder, where
        Material for MkDocs has it (ABlog's ``{root}/{year}`` would take names from posts)."""
        base = f"{self.archive_page}/{year}"
        return base if number == 1 else f"{base}/page/{number}"

    # -- selections -------------------------------------------------------------------------
    def with_name(self, kind: str, name: str) -> list[Post]:
        """Listed posts carrying *name* as a category, tag, author or series; newest first."""
        return list(self._by_name.get((kind, name), ()))

    def counts(self, kind: str) -> Counter[str]:
        return Counter(name for p in self.posts for name in names_of(p, kind))

    def years(self) -> dict[int, list[Post]]:
        """Listed posts by the year their date is written in (whatever its UTC offset), the
        newest year first; each year's posts newest first, as UTC orders them."""
        by_year: dict[int, list[Post]] = {}
        for post in self.posts:
            assert post.date is not None  # listed posts are dated
            by_year.setdefault(post.date.moment.year, []).append(post)
        return dict(sorted(by_year.items(), reverse=True))

    def for_index(self) -> list[Post]:
        """The blog index order: pinned posts first, each group newest first."""
        return [p for p in self.posts if p.pin] + [p for p in self.posts if not p.pin]

    def series(self, name: str) -> list[Post]:
        """The parts of a series, oldest first."""
        return list(reversed(self.with_name("series", name)))

    def lists(self, docname: str) -> bool:
        """Whether the post *docname* is listed (dated, and not a hidden draft)."""
        return docname in self._position

    def neighbours(self, docname: str) -> tuple[Post | None, Post | None]:
        """``(older, newer)`` posts around *docname* in date order."""
        index = self._position.get(docname)
        if index is None:
            return None, None
        older = self.posts[index + 1] if index + 1 < len(self.posts) else None
        newer = self.posts[index - 1] if index > 0 else None
        return older, newer

    def related(self, post: Post, limit: int = RELATED_POSTS) -> list[Post]:
        """Posts sharing the most tags, then the most categories; newest first among equals."""
        if post.docname not in self._related:
            tags: Counter[str] = Counter()
            cats: Counter[str] = Counter()
            for counter, kind in ((tags, "tag"), (cats, "category")):
                for name in names_of(post, kind):
                    counter.update(self._docnames.get((kind, name), ()))
            tags.pop(post.docname, None)
            cats.pop(post.docname, None)
            # Shared tags outrank shared categories: with enough tag-sharing posts, the
            # category-only ones need not be ranked at all.
            candidates = tags.keys() if len(tags) >= limit else tags.keys() | cats.keys()
            position, shared_tags, shared_cats = self._position, tags.get, cats.get
            # Plain tuples compare in C: several times faster than a key function per post;
            # and get() does not call Counter's __missing__ (in Python) for every absent name.
            ranked = [(-shared_tags(d, 0), -shared_cats(d, 0), position[d]) for d in candidates]
            best = heapq.nsmallest(limit, ranked)
            self._related[post.docname] = [self.posts[index] for _, _, index in best]
        return self._related[post.docname]

    def page_state(self, post: Post) -> tuple[object, ...]:
        """What a post's page shows of other posts: links, neighbours, series, related.
        When this changes, the page is written again (its text need not be re-read)."""
        links = tuple(
            (kind, name, self.slugs[kind].get(name))
            for kind in KINDS
            for name in names_of(post, kind)
        )
        older, newer = self.neighbours(post.docname)
        series = self.series(post.series) if post.series else []
        return (
            links,
            tuple(_brief(p) for p in (older, newer)),
            tuple(_brief(p) for p in series),
            tuple(_brief(p) for p in self.related(post)),
        )


@cache
def page_name_pattern(root: str) -> re.Pattern[str]:
    """The names :class:`Blog` may give a generated page under *root*, whatever the posts
    (``{root}/index``, ``{root}/page/2``, ``{root}/archive/2025``, ``{root}/tag/mamba``...):
    a document at one is in the way of a page the blog has or may come to have."""
    more = "(?:/page/[0-9]+)?"
    return re.compile(
        rf"{re.escape(root)}/(?:index|page/[0-9]+|archive(?:/[0-9]+{more})?"
        rf"|(?:{'|'.join(KINDS)})/[^/]+{more})"
    )


def _names(posts: Iterable[Post], kind: str) -> list[str]:
    return list(dict.fromkeys(name for p in posts for name in names_of(p, kind)))


#: Who holds the slug "index" of every kind, in :func:`unique_slugs`' collisions.
INDEX_PAGE = "the index page"


def unique_slugs(names: Iterable[str]) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """A distinct slug per name; names are taken in sorted order, so slugs are stable.

    Returns the mapping and the collisions as ``(name, other name, slug given)``.
    """
    slugs: dict[str, str] = {}
    # "index" names the page listing every name of the kind ({root}/tag/index): no name may take it.
    owner: dict[str, str] = {"index": INDEX_PAGE}
    collisions = []
    for name in sorted(set(names)):
        base = slug = slugify(name)
        number = 2
        while slug in owner:
            slug = f"{base}-{number}"
            number += 1
        if slug != base:
            collisions.append((name, owner[base], slug))
        owner[slug] = name
        slugs[name] = slug
    return slugs, collisions


def _brief(post: Post | None) -> tuple[str, str, str | None] | None:
    return None if post is None else (post.docname, post.title, post.language)
