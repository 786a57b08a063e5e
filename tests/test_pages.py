"""Generated pages and listings (SPEC sections 4-6) on the 30-post root, in html and dirhtml,
in three themes, through incremental edits and parallel builds."""

from __future__ import annotations

import json
import math
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import babel.dates
import pytest
from bs4 import BeautifulSoup

from sphinx_blogpost.blog import Blog, page_name_pattern
from sphinx_blogpost.links import format_date, month_names, relative_link
from sphinx_blogpost.pages import page_titles
from sphinx_blogpost.posts import SLUG_LENGTH, PostDate

from .conftest import Build, build, copy_root, make_site, posts, soup, warnings_of

CONF = 'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://example.org/"\n'

if TYPE_CHECKING:
    from sphinx_blogpost.posts import Post

PER_PAGE = 12
DRAFT = "post07"
PINNED = "post20"


def newest_first(records: dict[str, Post]) -> list[Post]:
    listed = [p for p in records.values() if p.date and not p.draft]
    return sorted(listed, key=lambda p: (p.date.moment, p.docname), reverse=True)


def card_titles(page: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in page.select(".bp-card .bp-card-title a")]


def pages_of(app, base: str) -> list[BeautifulSoup]:
    """Page 1, 2, ... of a paginated listing, until one does not exist."""
    found, number = [], 1
    while True:
        name = base if number == 1 else f"{base.removesuffix('/index')}/page/{number}"
        if not (Path(app.outdir) / f"{name}.html").exists():
            return found
        found.append(soup(app, name))
        number += 1


@pytest.fixture
def blog(make_app, rootdir, tmp_path):
    app = make_app("html", srcdir=rootdir / "test-blog", builddir=tmp_path, freshenv=True)
    app.build()
    return app


def test_builds_without_warnings(blog):
    assert warnings_of(blog) == []


def test_the_search_page_alone_gets_the_excerpt_script(blog):
    # tests/browser: the excerpts of search results leave the blog's additions out
    script = "script[src*='blogpost-search.js'][defer]"
    assert soup(blog, "search").select_one(script) is not None
    assert (Path(blog.outdir) / "_static/blogpost-search.js").exists()
    for page in ("post00", "blog/index", "index"):
        assert soup(blog, page).select_one("script[src*='blogpost-search.js']") is None, page


def test_index_pinned_first_then_newest_with_pagination(blog):
    records = posts(blog)
    order = newest_first(records)
    expected = [records[PINNED].title] + [p.title for p in order if p.docname != PINNED]
    index_pages = pages_of(blog, "blog/index")
    assert len(index_pages) == math.ceil(29 / PER_PAGE) == 3
    assert (Path(blog.outdir) / "blog/page/3.html").exists()
    assert not (Path(blog.outdir) / "blog/page/4.html").exists()
    assert [t for page in index_pages for t in card_titles(page)] == expected
    assert [len(card_titles(p)) for p in index_pages] == [12, 12, 5]
    # The pinned post says why it leads; where posts are by date alone, it does not lead
    labels = index_pages[0].select(".bp-card .bp-card-title .bp-pin-label")
    assert [label.get_text() for label in labels] == ["Pinned"]
    assert labels[0].find_previous("a").get_text() == records[PINNED].title
    assert sum(len(page.select(".bp-pin-label")) for page in index_pages) == 1
    for tag in records[PINNED].tags:
        for page in pages_of(blog, f"blog/tag/{tag}"):
            assert page.select_one(".bp-pin-label") is None, tag
    first, middle, last = index_pages
    assert first.select_one(".bp-heading").get_text() == "Blog"
    assert first.select_one("nav.bp-pagination a[rel=prev]") is None
    assert first.select_one("nav.bp-pagination a[rel=next]")["href"] == "page/2.html"
    assert middle.select_one("nav.bp-pagination a[rel=prev]")["href"] == "../index.html"
    assert last.select_one("nav.bp-pagination a[rel=next]") is None
    assert middle.title.get_text().startswith("Blog — page 2")


def test_cards_carry_the_contract_classes(blog):
    records = {p.title: p for p in posts(blog).values()}
    for card in soup(blog, "blog/index").select(".bp-card"):
        assert "sd-card" in card["class"]
        post = records[card.select_one(".bp-card-title a").get_text()]
        assert card.select_one(".bp-card-category").get_text() == post.categories[0]
        assert card.select_one(".bp-card-summary").get_text() == post.summary
        readtime = card.select_one(".bp-readtime")
        assert readtime["data-minutes"] == str(post.minutes)
        assert readtime.get_text() == f"{post.minutes} min read"
        assert card.select_one("time.bp-date")["datetime"] == post.date.iso
        assert len(card.select("a")) == 1  # one link per card


@pytest.mark.parametrize(
    ("kind", "attr"), [("category", "categories"), ("tag", "tags"), ("author", "authors")]
)
def test_term_pages_list_their_posts(blog, kind, attr):
    records = posts(blog)
    model = Blog.from_posts(records.values(), "blog", drafts=False)
    order = newest_first(records)
    for name, slug in model.slugs[kind].items():

        def has(post, name=name):
            values = getattr(post, attr)
            return name in ([a.key or a.name for a in values] if kind == "author" else values)

        expected = [p.title for p in order if has(p)]
        found = pages_of(blog, f"blog/{kind}/{slug}")
        titles = [t for page in found for t in card_titles(page)]
        assert titles == expected, name
        if kind != "author":
            assert len(found) == math.ceil(len(expected) / PER_PAGE)
            assert found[0].select_one("h1").get_text() == f"{kind.title()}: {name}"


def test_term_indexes_count_posts(blog):
    records = newest_first(posts(blog))
    page = soup(blog, "blog/tag/index")
    counts = {
        li.a.get_text(): int(li.select_one(".bp-count").get_text())
        for li in page.select(".bp-term-index li")
    }
    assert counts["mamba"] == sum("mamba" in p.tags for p in records)
    assert sum(
        int(li.select_one(".bp-count").get_text())
        for li in soup(blog, "blog/category/index").select(".bp-term-index li")
    ) == len(records)


def test_author_and_series_indexes_list_every_one_by_name(blog):
    records = newest_first(posts(blog))
    authors = soup(blog, "blog/author/index")
    assert authors.select_one("h1").get_text() == "Authors"
    assert [
        (a.get_text(), a["href"], int(a.find_next_sibling(class_="bp-count").get_text()))
        for a in authors.select(".bp-author-index li a")
    ] == [
        (name, f"{key}.html", sum(key in [a.key for a in p.authors] for p in records))
        for key, name in [("ada", "Ada Moreau"), ("lin", "Lin Okafor"), ("sam", "Sam Richter")]
    ]
    series = soup(blog, "blog/series/index")
    assert [(a.get_text(), a["href"]) for a in series.select(".bp-series-index li a")] == [
        ("Beyond Attention", "beyond-attention.html")
    ]
    assert series.select_one(".bp-count").get_text() == "3"


def test_no_authors_or_series_no_index_of_them(make_app, rootdir, tmp_path):
    site = build(make_app, "html", srcdir=rootdir / "test-new-year", builddir=tmp_path)
    assert site.warnings == []
    assert (site.outdir / "blog/tag/index.html").exists()  # always written, even empty
    assert not (site.outdir / "blog/author/index.html").exists()
    assert not (site.outdir / "blog/series/index.html").exists()


def test_author_page_shows_the_registry(blog):
    page = soup(blog, "blog/author/ada")
    assert page.select_one("h1").get_text() == "Ada Moreau"
    assert page.select_one(".bp-author-bio").get_text() == "Sequence models."
    assert page.select_one(".bp-avatar")["src"] == "https://example.org/ada.png"
    assert page.select_one(".bp-author-url")["href"] == "https://example.org/ada"
    assert page.select_one(".bp-layout-list .bp-words")


def test_archive_by_year_then_month(blog):
    page = soup(blog, "blog/archive")
    years = [int(h.a.get_text()) for h in page.select(".bp-archive-year > h2")]
    assert years == [2025, 2024]
    links = [h.a["href"] for h in page.select(".bp-archive-year > h2")]
    assert links == ["archive/2025.html", "archive/2024.html"]  # each year's own page
    total = sum(int(h.select_one(".bp-count [aria-hidden]").get_text()) for h in page.select("h2"))
    assert total == len(page.select(".bp-compact-item")) == 29
    # A count is read out as a count: "August 1" alone is read as a date.
    for heading in page.select(".bp-archive-year :is(h2, h3)"):
        shown = int(heading.select_one(".bp-count [aria-hidden]").get_text())
        said = heading.select_one(".bp-count .bp-visually-hidden").get_text()
        assert said == (" (1 post)" if shown == 1 else f" ({shown} posts)")


def test_a_page_per_year_lists_its_posts_newest_first(blog):
    order = newest_first(posts(blog))  # a year's page puts no pinned post first
    for year, pages in ((2025, 1), (2024, 2)):  # 11 and 18 posts
        expected = [p.title for p in order if p.date.moment.year == year]
        found = pages_of(blog, f"blog/archive/{year}")
        assert [t for page in found for t in card_titles(page)] == expected, year
        assert len(found) == math.ceil(len(expected) / PER_PAGE) == pages, year
        assert [page.select_one("h1").get_text() for page in found] == [f"Archive: {year}"] * pages
        for page in found:
            assert page.select_one(".bp-layout-list .bp-words")  # read through: the list
    next_page = soup(blog, "blog/archive/2024").select_one("nav.bp-pagination a[rel=next]")
    assert next_page["href"] == "2024/page/2.html"
    assert not (Path(blog.outdir) / "blog/archive/2023.html").exists()


def test_the_site_navigation_marks_the_archive_on_a_years_page(make_app, rootdir, tmp_path):
    site = build(
        make_app, "html", srcdir=rootdir / "test-blog", builddir=tmp_path,
        confoverrides={"html_theme": "dispatches"},
    )  # fmt: skip
    assert site.warnings == []
    for page, current in (("blog/archive", "page"), ("blog/archive/2024", "true"),
                          ("blog/archive/2024/page/2", "true")):  # fmt: skip
        html = BeautifulSoup((site.outdir / f"{page}.html").read_text("utf8"), "html.parser")
        marked = {a.get_text(): a["aria-current"] for a in html.select("a[aria-current]")}
        assert marked == {"Archive": current}, page


def test_archive_groups_by_the_year_a_date_is_written_in(make_app, rootdir, tmp_path):
    # Berlin's 00:30 on January 1 is 22:30 UTC on December 31, older than the UTC post.
    site = build(make_app, "html", srcdir=rootdir / "test-new-year", builddir=tmp_path)
    assert site.warnings == []
    page = BeautifulSoup((site.outdir / "blog/archive.html").read_text("utf8"), "html.parser")
    sections = {
        int(section.h2.a.get_text()): [
            (h3.contents[0].strip(), [a.get_text() for a in h3.find_next("ul").select("a")])
            for h3 in section.select("h3")
        ]
        for section in page.select(".bp-archive-year")
    }
    assert list(sections) == [2026, 2025]  # each year once, newest first
    assert sections == {
        2026: [("March", ["In March"]), ("January", ["Just after midnight in Berlin"])],
        2025: [("December", ["The last evening of 2025"]), ("November", ["In November"])],
    }
    for year, months in sections.items():  # so do the years' own pages
        html = (site.outdir / f"blog/archive/{year}.html").read_text("utf8")
        titles = [
            a.get_text() for a in BeautifulSoup(html, "html.parser").select(".bp-card-title a")
        ]
        assert titles == [title for _, in_month in months for title in in_month], year


def test_one_word_and_one_part_are_singular(make_app, tmp_path):
    srcdir = copy_root("new-year", tmp_path)  # each post's text is one word
    march = srcdir / "posts" / "march.rst"
    march.write_text(march.read_text().replace(":date:", ":series: Solo\n   :date:"))
    site = build(
        make_app, "html", srcdir=srcdir, builddir=tmp_path / "out",
        confoverrides={"html_theme": "dispatches",
                       "html_theme_options": {"listing_style": "list"}},
    )  # fmt: skip
    assert site.warnings == []
    index = BeautifulSoup((site.outdir / "blog/index.html").read_text("utf8"), "html.parser")
    assert {m.get_text() for m in index.select(".bp-card-meta")} == {"1 min · 1 word"}
    post = BeautifulSoup((site.outdir / "posts/march.html").read_text("utf8"), "html.parser")
    assert post.select_one(".bp-post-header .bp-words").get_text() == "1 word"
    series = BeautifulSoup((site.outdir / "blog/series/solo.html").read_text("utf8"), "html.parser")
    assert series.select_one(".bp-series-count").get_text() == "1 part"


@pytest.mark.parametrize(
    ("language", "date", "month"),
    [
        ("fr", "22 déc. 2025", "décembre"),
        ("de-AT", "22.12.2025", "Dezember"),  # Sphinx's code style or BCP 47, both read
        ("xx", "Dec 22, 2025", "December"),  # a code babel has no data for: English
    ],
)
def test_dates_and_months_in_the_site_language(make_app, rootdir, tmp_path, language, date, month):
    site = build(
        make_app, "html", srcdir=rootdir / "test-blog", builddir=tmp_path, freshenv=True,
        confoverrides={"language": language},
    )  # fmt: skip
    assert not [w for w in site.warnings if "blogpost" in w]
    page = BeautifulSoup(
        (site.outdir / "blog/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert date in [t.get_text() for t in page.select(".bp-card time.bp-date")]
    archive = (site.outdir / "blog/archive.html").read_text(encoding="utf-8")
    assert f"<h3>{month} " in archive


@pytest.mark.parametrize("language", [None, "en"])
def test_english_dates_and_months_are_babels(language):
    # English skips loading Babel's locale data (links.py); it must still write Babel's text.
    days = [datetime(2025, month, day, tzinfo=UTC) for month in range(1, 13) for day in (1, 28)]
    days += [datetime(1999, 9, 3, tzinfo=UTC), datetime(2026, 11, 28, 23, 59, tzinfo=UTC)]
    for moment in days:
        expected = babel.dates.format_date(moment.date(), "medium", locale="en")
        assert format_date(PostDate(moment, True), None, language) == expected
    assert month_names(language) == dict(babel.dates.get_month_names("wide", locale="en"))


def test_series_page_and_box(blog):
    records = posts(blog)
    parts = sorted((p for p in records.values() if p.series), key=lambda p: p.date.moment)
    page = soup(blog, "blog/series/beyond-attention")
    assert [a.get_text() for a in page.select(".bp-card-title a")] == [p.title for p in parts]
    box = soup(blog, parts[1].docname).select_one(".bp-series")
    assert "Part 2 of 3" in box.get_text()
    assert box.select_one("[aria-current=page]").get_text() == parts[1].title


def test_drafts_and_undated_posts_are_no_parts_of_a_series(make_app, tmp_path):
    """As docs/howto/series.md says: they are not counted in "Part N of M" nor listed; a
    preview with blogpost_drafts shows a draft as a part, as it will be once published."""
    post = "{0}\n=====\n\n.. blogpost::\n{1}   :series: Trio\n{2}\nText.\n"
    files = {
        "one.rst": post.format("One", "   :date: 2025-01-01\n", ""),
        "two.rst": post.format("Two", "   :date: 2025-01-02\n", ""),
        "draft.rst": post.format("Wip", "   :date: 2025-01-03\n", "   :draft:\n"),
        "undated.rst": post.format("Nil", "", ""),
    }
    srcdir = make_site(tmp_path / "src", files, CONF)
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert len(result.warnings) == 1, result.warnings
    assert "undated.rst" in result.warnings[0] and "[blogpost.date]" in result.warnings[0]
    box = soup_of(result.outdir / "two.html").select_one(".bp-series")
    assert "Part 2 of 2" in box.get_text()
    assert [li.get_text(strip=True) for li in box.select("li")] == ["One", "Two"]
    series = soup_of(result.outdir / "blog/series/trio.html")
    assert [a.get_text() for a in series.select(".bp-card-title a")] == ["One", "Two"]

    preview = build(
        make_app, "html", srcdir=srcdir, builddir=tmp_path / "preview",
        confoverrides={"blogpost_drafts": True},
    )  # fmt: skip
    box = soup_of(preview.outdir / "two.html").select_one(".bp-series")
    assert "Part 2 of 3" in box.get_text()
    assert [li.get_text(strip=True) for li in box.select("li")] == ["One", "Two", "Wip"]


def test_post_navigation_and_related(blog):
    order = newest_first(posts(blog))
    middle = order[5]
    page = soup(blog, middle.docname)
    nav = page.select_one("nav.bp-post-nav")
    assert nav.select_one("a[rel=prev]").get_text() == order[6].title
    assert nav.select_one("a[rel=next]").get_text() == order[4].title
    related = [a.get_text() for a in page.select(".bp-related a")]
    assert 0 < len(related) <= 3

    # the posts sharing the most tags, then the most categories; the newest first among equals
    def shared(other):
        tags = len(set(other.tags) & set(middle.tags))
        return tags, len(set(other.categories) & set(middle.categories))

    others = [p for p in order if p is not middle and any(shared(p))]
    expected = sorted(others, key=lambda p: tuple(-n for n in shared(p)))[:3]  # stable: by date
    assert related == [p.title for p in expected]
    header = page.select_one(".bp-post-header")
    assert header.select_one("a.bp-category")["href"].startswith("blog/category/")
    assert all(a["href"].startswith("blog/tag/") for a in header.select(".bp-tags a.bp-tag"))


def spoken(element: Any) -> str:
    """The text of *element* that a screen reader reads: without its aria-hidden parts."""
    copy = BeautifulSoup(str(element), "html.parser")
    for hidden in copy.select("[aria-hidden=true]"):
        hidden.decompose()
    return " ".join(copy.get_text().split())


def test_page_links_read_their_words_not_their_arrows(blog):
    # "Older →" was read "Older, right arrow" (VoiceOver, NVDA): the arrow repeats the word.
    nav = soup(blog, "blog/page/2").select_one("nav.bp-pagination")
    links = {a["rel"][0]: a for a in nav.select("a[rel]")}
    assert [a.get_text() for a in links.values()] == ["\u2190 Newer", "Older \u2192"]  # shown
    assert [spoken(a) for a in links.values()] == ["Newer", "Older"]


def test_page_numbers_say_which_page_they_lead_to(blog):
    # A screen reader's list of links read "2", "3": each is "Page 2"... (WCAG 2.4.4), and
    # keeps its number, the words that speech input users say (WCAG 2.5.3).
    numbers = soup(blog, "blog/page/2").select("nav.bp-pagination a.bp-page")
    assert [(a.get_text(), a["aria-label"]) for a in numbers] == [("1", "Page 1"), ("3", "Page 3")]


def test_the_boxes_under_a_post_are_headed(blog):
    # Screen readers go from heading to heading: the series box's and the related posts' titles
    # look like headings and are ones, of the level of the post's sections (the look is kept).
    part = sorted((p for p in posts(blog).values() if p.series), key=lambda p: p.date.moment)[1]
    page = soup(blog, part.docname)
    for box, title in (
        (".bp-series", "Beyond Attention · Part 2 of 3"),
        (".bp-related", "Related posts"),
    ):
        heading = page.select_one(f"{box} > .bp-{box[4:]}-title")
        assert (heading["role"], heading["aria-level"], spoken(heading)) == ("heading", "2", title)


def test_the_blogs_markup_keeps_pages_to_latin_1(blog):
    # Arrows and ellipses are written as entities: one character above U+00FF makes Python
    # hold the whole page at two bytes a character, in every copy Sphinx makes of it. The
    # sources of this root are ASCII; Sphinx's own markup adds "¶".
    order = newest_first(posts(blog))
    for name in (order[5].docname, "blog/index"):
        html = (Path(blog.outdir) / f"{name}.html").read_text(encoding="utf-8")
        assert "bp-post-nav" in html or "bp-pagination" in html, name
        assert max(html, key=ord) <= "\xff", name


def test_draft_appears_nowhere(blog):
    title = posts(blog)[DRAFT].title
    outdir = Path(blog.outdir)
    blog_parts = ".bp-listing, .bp-post-nav, .bp-related, .bp-series, .bp-term-index"
    listed_in = [
        str(page.relative_to(outdir))
        for page in outdir.rglob("*.html")
        for part in BeautifulSoup(page.read_text("utf8"), "html.parser").select(blog_parts)
        if title in part.get_text()
    ]
    assert listed_in == []
    assert (outdir / f"{DRAFT}.html").exists()  # built, but listed nowhere
    # ...nor found by the site's search: neither its title nor a word of its own
    index = search_index(blog)
    assert title not in index["titles"]
    assert "token" in index["terms"] and "attent" in index["terms"]  # words of other posts
    draft = index["docnames"].index(DRAFT)
    assert not any(draft in _doc_numbers(docs) for docs in index["terms"].values())


def test_a_preview_finds_drafts_in_the_search_too(make_app, rootdir, tmp_path):
    app = make_app(
        "html", srcdir=rootdir / "test-blog", builddir=tmp_path, freshenv=True,
        confoverrides={"blogpost_drafts": True},
    )  # fmt: skip
    app.build()
    assert posts(app)[DRAFT].title in search_index(app)["titles"]


def search_index(app: Any) -> dict[str, Any]:
    """Sphinx's search index of a build (``Search.setIndex({...})``)."""
    text = (Path(app.outdir) / "searchindex.js").read_text("utf8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def _doc_numbers(docs: int | list[int]) -> list[int]:
    return docs if isinstance(docs, list) else [docs]


def test_postlist_filters_sort_and_layouts(blog):
    records = newest_first(posts(blog))
    listings = soup(blog, "lists").select(".bp-listing")
    latest, transformers, tagged, series = ([a.get_text() for a in lst.select(".bp-card-title a")]
                                             for lst in listings)  # fmt: skip
    assert latest == [p.title for p in records[:5]]
    assert "bp-layout-cards" in listings[0]["class"]
    assert transformers == [
        p.title for p in records
        if "Transformer" in p.categories and p.date.moment.year == 2025
        and {a.key for a in p.authors} & {"ada", "lin"}
    ]  # fmt: skip
    assert listings[1].select_one(".bp-card-meta").get_text().count(" · ") == 1
    assert listings[1].select_one(".bp-card-date time.bp-date")
    assert tagged == sorted(
        (p.title for p in records if {"mamba", "rl"} & set(p.tags)), key=str.casefold
    )
    assert "bp-layout-compact" in listings[2]["class"]
    assert series == [p.title for p in reversed(records) if p.series]


def test_doc_role_links_generated_pages(blog):
    links = soup(blog, "lists").select("div.body p a.reference")
    assert [(a.get_text(), a["href"]) for a in links[:2]] == [
        ("Tag: mamba", "blog/tag/mamba.html"),
        ("everything", "blog/index.html"),
    ]


def test_list_layout_meta_line(blog):
    item = soup(blog, "lists").select_one(".bp-layout-list .bp-card")
    post = {p.title: p for p in posts(blog).values()}[item.select_one("a").get_text()]
    meta = item.select_one(".bp-card-meta").get_text()
    assert meta.endswith(f"{post.minutes} min · {post.words} words")
    summary = item.select_one(".bp-card-summary").get_text()
    assert summary == post.summary + (" ..." if post.summary_is_partial else "")


def _local_targets(outdir: Path, pages: str = "*.html") -> list[tuple[str, str]]:
    """Every (page, href) on written pages whose target file does not exist."""
    missing = []
    for page in outdir.rglob(pages):
        for a in BeautifulSoup(page.read_text("utf8"), "html.parser").select("a[href]"):
            url = urlsplit(a["href"])
            if url.scheme or url.netloc or not url.path:
                continue
            target = (page.parent / unquote(url.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                missing.append((str(page.relative_to(outdir)), a["href"]))
    return missing


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_every_link_resolves(make_app, rootdir, tmp_path, builder):
    result = build(make_app, builder, srcdir=rootdir / "test-blog", builddir=tmp_path)
    assert result.warnings == []
    assert _local_targets(result.outdir) == []
    if builder == "dirhtml":
        assert (result.outdir / "blog/tag/mamba/index.html").exists()
        assert (result.outdir / "blog/page/2/index.html").exists()
        assert (result.outdir / "blog/archive/index.html").exists()
        assert (result.outdir / "blog/archive/2024/page/2/index.html").exists()


@pytest.mark.parametrize(("builder", "post"), [("singlehtml", "index.html"),
                                               ("epub", "post00.xhtml")])  # fmt: skip
def test_no_links_to_pages_other_builders_do_not_write(make_app, rootdir, tmp_path, builder, post):
    # The post headers name categories, tags, authors and series: as labels, since these
    # builders write no generated page to link to.
    result = build(make_app, builder, srcdir=rootdir / "test-blog", builddir=tmp_path)
    assert _local_targets(result.outdir, f"*{Path(post).suffix}") == []
    page = (result.outdir / post).read_text("utf8")
    header = BeautifulSoup(page, "html.parser").select_one(".bp-post-header")
    assert header.select_one("span.bp-category") is not None
    assert header.select("span.bp-tag") and not header.select("a")


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_links_made_once_per_folder_are_sphinx_links(make_app, rootdir, tmp_path, builder):
    app = make_app(builder, srcdir=rootdir / "test-blog", builddir=tmp_path, freshenv=True)
    app.build()
    pages = ["index", "post00", "lists", "blog/index", "blog/page/2", "blog/tag/mamba",
             "blog/tag/index", "blog/category/transformer", "blog/archive", "search"]  # fmt: skip
    for from_page in pages:  # every link twice: made, then taken from the cache
        for to_page in pages + pages:
            expected = app.builder.get_relative_uri(from_page, to_page)
            assert relative_link(app.builder, from_page, to_page) == expected


@pytest.mark.parametrize("builder", ["singlehtml", "latex", "text"])
def test_other_builders_finish(make_app, rootdir, tmp_path, builder):
    result = build(make_app, builder, srcdir=rootdir / "test-blog", builddir=tmp_path)
    assert result.warnings == []
    if builder == "text":
        lists = (result.outdir / "lists.txt").read_text()
        assert lists.count("* ") >= 5  # postlist becomes a plain list


@pytest.mark.parametrize("theme", ["alabaster", "furo", "pydata_sphinx_theme"])
def test_listings_in_other_themes(make_app, rootdir, tmp_path, theme):
    app = make_app(
        "html", srcdir=rootdir / "test-blog", builddir=tmp_path, confoverrides={"html_theme": theme}
    )
    app.build()
    assert warnings_of(app) == []
    for page in ("blog/index", "lists", "blog/tag/mamba"):
        cards = soup(app, page).select(".bp-layout-cards .bp-card")
        assert cards, page
        for card in cards:
            assert card.select_one(".bp-card-title a") is not None
            assert card.select_one(".bp-readtime[data-minutes]") is not None
    assert soup(app, "post00").select_one(".bp-post-header .bp-words[data-words]")


def _bodies(outdir: Path) -> dict[str, str]:
    """The main content of every page (the blog's part; theme sidebars are Sphinx's own)."""
    bodies = {}
    for page in sorted(outdir.rglob("*.html")):
        body = BeautifulSoup(page.read_text("utf8"), "html.parser").select_one("div.body")
        if body is not None:
            bodies[str(page.relative_to(outdir))] = str(body)
    return bodies


def test_incremental_edits_match_clean_builds(make_app, tmp_path):
    srcdir = copy_root("blog", tmp_path)
    incremental_dir = tmp_path / "incremental"
    build(make_app, "html", srcdir=srcdir, builddir=incremental_dir)

    def replace(doc: str, old: str, new: str) -> None:
        path = next(srcdir.glob(f"{doc}.*"))
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new, 1))

    def add_post() -> None:
        (srcdir / "post30.rst").write_text(
            "A brand new post\n================\n\n.. blogpost::\n   :date: 2026-02-01\n"
            "   :category: Reasoning\n   :tags: mamba, fresh\n\nNew words here.\n"
        )

    steps = {
        "body": lambda: replace("post07", "```{blogpost}", "Words before.\n\n```{blogpost}"),
        "retitle": lambda: replace("post07", "# Post 07: Context", "# Post 07: Renamed"),
        "retag": lambda: replace("post05", "tags: ", "tags: fresh, "),
        "recategorise": lambda: replace("post10", "Efficiency", "Transformer"),
        # its neighbours' and related posts' footers give its title its language
        "language": lambda: replace("post05", "tags: ", "language: fr\n  tags: "),
        "draft": lambda: replace("post11", "  date:", "  draft: true\n  date:"),
        "delete": lambda: next(srcdir.glob("post12.*")).unlink(),
        "add": add_post,
        "untag": lambda: replace("post05", "tags: fresh, ", "tags: "),
        # A year's first post, and its page; then the year has none left.
        "redate": lambda: replace("post03", ":date: 2025-04-22", ":date: 2023-04-22"),
        "redate back": lambda: replace("post03", ":date: 2023-04-22", ":date: 2025-04-22"),
        # The last post tagged "fresh" goes: its pages and feed must go too.
        "delete new": lambda: (srcdir / "post30.rst").unlink(),
    }
    for step, edit in steps.items():
        edit()
        incremental = build(make_app, "html", srcdir=srcdir, builddir=incremental_dir)
        clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / f"clean-{step}")
        assert incremental.warnings == clean.warnings == [], step
        assert incremental.posts == clean.posts, step
        if step == "delete":  # Sphinx leaves a removed document's old page; the blog does not
            (incremental.outdir / "post12.html").unlink()
        if step == "delete new":
            (incremental.outdir / "post30.html").unlink()
            assert not (incremental.outdir / "blog" / "tag" / "fresh").exists()
        blog_files = [_files(incremental.outdir / "blog"), _files(clean.outdir / "blog")]
        assert blog_files[0] == blog_files[1], step  # pages and feeds: none left behind
        inc, ref = _bodies(incremental.outdir), _bodies(clean.outdir)
        assert inc.keys() == ref.keys(), step
        assert [page for page in ref if inc[page] != ref[page]] == [], step
        shutil.rmtree(clean.outdir.parent)


def _retitle_post09(srcdir: Path) -> None:
    """An edit that other pages show: post09's neighbours, related posts and listings."""
    post = srcdir / "post09.rst"
    old = "Post 09: Space Input Signal\n==========================="
    post.write_text(post.read_text().replace(old, "Post 09 renamed\n===============", 1))


def _assert_pages_match_a_clean_build(
    make_app: Any, srcdir: Path, outdir: Path, tmp_path: Path, builder: str = "html"
) -> None:
    clean = build(make_app, builder, srcdir=srcdir, builddir=tmp_path / "clean")
    inc, ref = _bodies(outdir), _bodies(clean.outdir)
    assert inc.keys() == ref.keys()
    assert [page for page in ref if inc[page] != ref[page]] == []


def test_builders_sharing_doctrees_each_write_the_pages_that_changed(make_app, tmp_path):
    # As `make -M html` then `make -M dirhtml` do: one doctree folder, one environment.
    srcdir, shared = copy_root("blog", tmp_path), tmp_path / "shared"
    build(make_app, "html", srcdir=srcdir, builddir=shared)
    build(make_app, "dirhtml", srcdir=srcdir, builddir=shared)
    _retitle_post09(srcdir)
    build(make_app, "dirhtml", srcdir=srcdir, builddir=shared)  # reads the edit
    html = build(make_app, "html", srcdir=srcdir, builddir=shared)  # reads nothing
    assert html.warnings == []
    assert "Post 09 renamed" in (html.outdir / "lists.html").read_text("utf8")
    _assert_pages_match_a_clean_build(make_app, srcdir, html.outdir, tmp_path)


def test_a_build_stopped_while_writing_leaves_no_stale_page(make_app, tmp_path, monkeypatch):
    from sphinx.builders.html import StandaloneHTMLBuilder

    srcdir, out = copy_root("blog", tmp_path), tmp_path / "out"
    build(make_app, "html", srcdir=srcdir, builddir=out)
    _retitle_post09(srcdir)

    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    # Sphinx saves the environment, then the first page it writes stops the build.
    with monkeypatch.context() as patch:
        patch.setattr(StandaloneHTMLBuilder, "handle_page", interrupted)
        with pytest.raises(KeyboardInterrupt):
            build(make_app, "html", srcdir=srcdir, builddir=out)
    resumed = build(make_app, "html", srcdir=srcdir, builddir=out)
    assert resumed.warnings == []
    assert "Post 09 renamed" in (resumed.outdir / "lists.html").read_text("utf8")
    _assert_pages_match_a_clean_build(make_app, srcdir, resumed.outdir, tmp_path)


def test_a_build_of_named_files_leaves_the_other_pages_for_the_next_build(make_app, tmp_path):
    srcdir, out = copy_root("blog", tmp_path), tmp_path / "out"
    build(make_app, "html", srcdir=srcdir, builddir=out)
    _retitle_post09(srcdir)
    app = make_app("html", srcdir=srcdir, builddir=out)
    try:  # `sphinx-build src out post09.rst`: Sphinx writes that page alone
        app.build(filenames=[str(srcdir / "post09.rst")])
    finally:
        app.cleanup()
    assert "Post 09 renamed" not in (out / "html" / "lists.html").read_text("utf8")
    after = build(make_app, "html", srcdir=srcdir, builddir=out)
    assert after.warnings == []
    assert "Post 09 renamed" in (after.outdir / "lists.html").read_text("utf8")
    _assert_pages_match_a_clean_build(make_app, srcdir, after.outdir, tmp_path)


def test_output_folders_sharing_doctrees_each_lose_the_pages_the_blog_no_longer_has(
    make_app, tmp_path
):
    srcdir, first, second = copy_root("blog", tmp_path), tmp_path / "1", tmp_path / "2"
    (first / "doctrees").mkdir(parents=True)
    second.mkdir()
    (second / "doctrees").symlink_to(first / "doctrees")  # one environment, two folders
    build(make_app, "html", srcdir=srcdir, builddir=first)
    build(make_app, "html", srcdir=srcdir, builddir=second)
    assert (first / "html" / "blog" / "tag" / "scaling.html").is_file()
    for post in srcdir.glob("post*"):  # the tag "scaling" goes from every post
        post.write_text(post.read_text().replace("scaling, ", "").replace(", scaling", ""))
    outdir = build(make_app, "html", srcdir=srcdir, builddir=first).outdir
    assert not (outdir / "blog" / "tag" / "scaling.html").exists()
    assert not (outdir / "blog" / "tag" / "scaling").exists()  # its feed neither
    clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "clean").outdir
    assert _files(outdir / "blog") == _files(clean / "blog")


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_doc_links_to_generated_pages_follow_them_in_incremental_builds(
    make_app, tmp_path, builder
):
    # The page that links them is not read again when a tag's page goes (its last post loses
    # the tag) or a series' page comes: its links must go and come as in a clean build.
    files = {
        "links.rst": "Links\n=====\n\nSee :doc:`blog/tag/fresh`, :doc:`blog/series/long-run`.\n",
        "one.rst": "One\n===\n\n.. blogpost::\n   :date: 2025-01-01\n   :tags: fresh\n\nText.\n",
        "two.md": "# Two\n\n```{blogpost}\n:date: 2025-01-02\n```\n\nText.\n",
    }
    srcdir, out = make_site(tmp_path / "src", files, CONF), tmp_path / "out"
    build(make_app, builder, srcdir=srcdir, builddir=out)
    page = "links.html" if builder == "html" else "links/index.html"

    def links() -> list[str]:
        body = BeautifulSoup((out / builder / page).read_text("utf8"), "html.parser")
        return [a.get_text() for a in body.select("div.body p a")]

    assert links() == ["Tag: fresh"]
    edits = [("one.rst", ":tags: fresh\n", ""), ("two.md", ":date:", ":series: Long run\n:date:")]
    for (name, old, new), shown in zip(edits, [[], ["Series: Long run"]], strict=True):
        (srcdir / name).write_text((srcdir / name).read_text().replace(old, new))
        incremental = build(make_app, builder, srcdir=srcdir, builddir=out)
        clean = build(make_app, builder, srcdir=srcdir, builddir=tmp_path / "clean")
        assert links() == shown
        assert _bodies(incremental.outdir) == _bodies(clean.outdir)
        # and the link now broken is reported, as a clean build reports it
        assert incremental.warnings == clean.warnings
        assert "unknown document: 'blog/tag/fresh'" in clean.warnings[0]
        shutil.rmtree(tmp_path / "clean")


@pytest.mark.parametrize(("builder", "jobs"), [("html", 1), ("dirhtml", 1), ("html", 2)])
def test_doc_links_follow_a_name_handed_between_a_document_and_a_generated_page(
    make_app, tmp_path, builder, jobs
):
    # A document at a generated page's name is linked by its title; when it goes, the
    # generated page takes the name back, and the page that links it, not read again, must
    # show the generated page's title, as a clean build does; and the other way round.
    dated = "Post {0}\n=======\n\n.. blogpost::\n   :date: 2025-01-0{0}\n{1}\nText.\n"
    files = {
        "links.rst": "Links\n=====\n\nSee :doc:`blog/tag/fresh`, :doc:`blog/series/long-run`.\n",
        **{
            f"post{n}.rst": dated.format(n, "   :tags: fresh\n" if n == 1 else "")
            for n in range(1, 7)
        },
        "blog/tag/fresh.rst": "My fresh page\n=============\n\nMine.\n",
        "blog/series/long-run.rst": "My series page\n==============\n\nMine.\n",
    }
    srcdir, out = make_site(tmp_path / "src", files, CONF), tmp_path / "out"
    first = build(make_app, builder, srcdir=srcdir, builddir=out, parallel=jobs)
    assert sum("blogpost.conflict" in w for w in first.warnings) == 1  # the tag's page
    page = "links.html" if builder == "html" else "links/index.html"

    def links() -> list[str]:
        body = BeautifulSoup((out / builder / page).read_text("utf8"), "html.parser")
        return [a.get_text() for a in body.select("div.body p a")]

    assert links() == ["My fresh page", "My series page"]

    def write(name: str, text: str) -> None:
        (srcdir / name).write_text(text)

    def series() -> None:  # the document goes as the series' page comes
        (srcdir / "blog/series/long-run.rst").unlink()
        write("post2.rst", dated.format(2, "   :series: Long run\n"))

    steps = {
        "delete": (lambda: (srcdir / "blog/tag/fresh.rst").unlink(), "Tag: fresh"),
        "create": (
            lambda: write("blog/tag/fresh.rst", files["blog/tag/fresh.rst"]),
            "My fresh page",
        ),
        "retitle": (lambda: write("blog/tag/fresh.rst", "Renamed\n=======\n\nMine.\n"), "Renamed"),
        "series": (series, "Renamed"),
    }
    for step, (edit, shown) in steps.items():
        edit()
        incremental = build(make_app, builder, srcdir=srcdir, builddir=out, parallel=jobs)
        clean = build(make_app, builder, srcdir=srcdir, builddir=tmp_path / "clean")
        assert links()[0] == shown, step
        inc, ref = _bodies(incremental.outdir), _bodies(clean.outdir)
        gone = {"blog/tag/fresh.html", "blog/tag/fresh/index.html"}  # Sphinx leaves its page
        assert [p for p in ref if inc[p] != ref[p] and p not in gone] == [], step
        assert incremental.warnings == clean.warnings, step
        shutil.rmtree(tmp_path / "clean")
    assert links() == ["Renamed", "Series: Long run"]


def test_every_generated_page_has_a_name_a_document_may_hand_it(blog):
    # The names whose :doc: links a page's incremental builds follow (collector._doc_links).
    pattern = page_name_pattern("blog")
    names = page_titles(blog).keys()
    kinds = {name.split("/")[1] for name in names if name.count("/") > 1}
    assert kinds >= {"page", "archive", "category", "tag", "author", "series"}
    assert [name for name in names if not pattern.fullmatch(name)] == []
    for name in ("blog/tag/mamba/index", "blog/archive/2025/notes", "blog/notes", "blogs/index"):
        assert not pattern.fullmatch(name), name


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _mtimes(outdir: Path) -> dict[str, int]:
    return {str(p.relative_to(outdir)): p.stat().st_mtime_ns for p in outdir.glob("blog/**/*.html")}


def test_only_generated_pages_that_changed_are_written_again(make_app, tmp_path):
    srcdir = copy_root("blog", tmp_path)
    first = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    before = _mtimes(first.outdir)
    states = {p: p.stat().st_mtime_ns for p in (tmp_path / "out" / "doctrees").glob("blogpost-*")}
    assert len(states) == 4  # pages, feeds, covers, documents
    noop = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert _mtimes(noop.outdir) == before  # a no-op build writes no generated page
    assert {p: p.stat().st_mtime_ns for p in states} == states  # nor any state file

    post = srcdir / "post00.rst"  # tagged mamba and s4
    post.write_text(post.read_text() + "\n" + "more words " * 300 + "\n")
    edited = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    after = _mtimes(edited.outdir)
    rewritten = sorted(page for page in after if after[page] != before.get(page))
    shown_on = [p for p in before if "post00.html" in (edited.outdir / p).read_text("utf8")]
    # Its minutes changed: pages with its card are written again, the archive (titles and
    # dates only) and pages without it are not.
    assert "blog/archive.html" not in rewritten
    assert "blog/tag/mamba.html" in rewritten
    assert set(rewritten) <= set(shown_on)

    before = after  # a new tag: its page and the tag index, not the pages of other tags
    post.write_text(post.read_text().replace(":tags: mamba, s4", ":tags: mamba, s4, brand new"))
    retagged = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    after = _mtimes(retagged.outdir)
    rewritten = sorted(page for page in after if after[page] != before.get(page))
    assert {"blog/tag/brand-new.html", "blog/tag/index.html", "blog/tag/mamba.html"} <= set(
        rewritten
    )
    assert "blog/tag/lora.html" not in rewritten  # neither links to the new tag nor shows the post
    assert "blog/archive.html" not in rewritten


def test_slug_warnings_advise_as_the_names_call_for(make_app, tmp_path):
    """One name spelt twice is told how to become one; different names, or a name that
    would be the index's, are told what they get and no more."""
    post = "{0}\n{1}\n\n.. blogpost::\n   :date: 2025-01-0{2}\n   :tags: {3}\n\nText.\n"
    tags = ["C++", "C#", "LoRA", "lora", "Index"]
    files = {
        f"p{n}.rst": post.format(f"P{n}", "=" * (len(str(n)) + 1), n + 1, tag)
        for n, tag in enumerate(tags)
    }
    result = build(make_app, "html", srcdir=make_site(tmp_path / "src", files, CONF),
                   builddir=tmp_path / "out")  # fmt: skip
    found = sorted(w.split(": WARNING: ")[1] for w in result.warnings)
    assert found == [
        "tag 'C++' and 'C#' give the same slug; 'C++' gets 'c-2' (the name that sorts first"
        " keeps it) [blogpost.slug]",
        "tag 'Index' would have the slug 'index', which names the page of all tags; it gets"
        " 'index-2' [blogpost.slug]",
        "tag 'lora' and 'LoRA' give the same slug; 'lora' gets 'lora-2' (the name that sorts"
        " first keeps it; to make them one, spell them alike) [blogpost.slug]",
    ]


def test_a_themes_previous_and_next_are_the_older_and_newer_posts(make_app, tmp_path):
    """A `:reversed:` glob toctree (the newest first, as the docs advise) runs the theme's
    previous/next the other way from the post's own navigation, and reaches drafts and pages
    that are not posts: on a post's page, both say older and newer."""
    post = "{0}\n=======\n\n.. blogpost::\n   :date: {1}\n{2}\nText.\n"
    files = {
        "index.rst": "Home\n====\n\n.. toctree::\n   :glob:\n   :reversed:\n\n   posts/*\n"
        "   about\n",
        "about.rst": "About\n=====\n\nNot a post.\n",
        "posts/1.rst": post.format("One", "2025-01-01", ""),
        "posts/2.rst": post.format("Two <b>", "2025-01-02", ""),
        "posts/3.rst": post.format("Tri", "2025-01-03", "   :draft:\n"),
        "posts/4.rst": post.format("Four", "2025-01-04", ""),
    }
    result = build(make_app, "html", srcdir=make_site(tmp_path / "src", files, CONF),
                   builddir=tmp_path / "out")  # fmt: skip
    assert result.warnings == []

    def theme_links(page: str) -> dict[str, str]:
        head = BeautifulSoup((result.outdir / page).read_text("utf8"), "html.parser").head
        return {rel: link["href"] for rel in ("prev", "next")
                if (link := head.select_one(f'link[rel="{rel}"]'))}  # fmt: skip

    assert theme_links("posts/2.html") == {"prev": "1.html", "next": "4.html"}  # not the draft
    assert theme_links("posts/4.html") == {"prev": "2.html"}  # not "about"
    assert theme_links("posts/1.html") == {"next": "2.html"}
    # alabaster's "Previous/Next" sidebar, and the escaped title
    relations = (result.outdir / "posts/1.html").read_text("utf8")
    assert 'title="next chapter">Two &lt;b&gt;</a>' in relations
    # a draft and a page that is not a post keep the toctree's neighbours
    assert theme_links("posts/3.html") == {"prev": "4.html", "next": "2.html"}


def test_parallel_build_writes_the_same_pages(make_app, rootdir, tmp_path):
    serial, parallel = (
        build(make_app, "html", srcdir=rootdir / "test-blog", builddir=tmp_path / f"j{jobs}",
              parallel=jobs)
        for jobs in (1, 2)
    )  # fmt: skip
    pages = {p.relative_to(serial.outdir) for p in serial.outdir.rglob("*.html")}
    assert pages == {p.relative_to(parallel.outdir) for p in parallel.outdir.rglob("*.html")}
    differ = [
        str(p) for p in sorted(pages)
        if (serial.outdir / p).read_bytes() != (parallel.outdir / p).read_bytes()
    ]  # fmt: skip
    assert differ == []


@pytest.mark.sphinx("html", testroot="conflict")
def test_user_documents_win_and_slugs_stay_distinct(app):
    app.build()
    warnings = warnings_of(app)
    assert len(warnings) == 2
    conflict = next(w for w in warnings if "[blogpost.conflict]" in w)
    page = "the generated blog page 'blog/archive' (Archive)"
    assert f"blog/archive.rst:1: WARNING: this document is where {page}" in conflict
    assert "that page is not written" in conflict
    slug = next(w for w in warnings if "[blogpost.slug]" in w)
    assert "tag 'c' and 'C++' give the same slug" in slug
    assert "two.rst:6:" in slug  # the line of its tags
    assert "the name that sorts first keeps it" in slug
    assert soup(app, "blog/archive").select_one("h1").get_text().startswith("My own archive")
    assert soup(app, "blog/tag/c-2").select_one("h1").get_text() == "Tag: c"
    assert soup(app, "blog/tag/c").select_one("h1").get_text() == "Tag: C++"
    assert soup(app, "two").select_one(".bp-tag")["href"] == "blog/tag/c-2.html"


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
@pytest.mark.parametrize("first", ["clean", "built without it"])
def test_a_document_written_where_a_generated_page_goes_wins(make_app, tmp_path, builder, first):
    # In dirhtml the document `blog` is written to blog/index.html, the blog index's file:
    # it was overwritten, without a word; added after a build, it was deleted as the index.
    srcdir = copy_root("conflict", tmp_path)
    if first != "clean":
        build(make_app, builder, srcdir=srcdir, builddir=tmp_path / "out")
    (srcdir / "blog.rst").write_text(":orphan:\n\nMy blog page\n============\n")
    result = build(make_app, builder, srcdir=srcdir, builddir=tmp_path / "out")
    conflicts = [w for w in result.warnings if "[blogpost.conflict]" in w]
    index = BeautifulSoup((result.outdir / "blog" / "index.html").read_text(), "html.parser")
    if builder == "dirhtml":
        assert len(conflicts) == 2 and any("blog.rst:1:" in w for w in conflicts)
        assert index.select_one("h1").get_text().startswith("My blog page")
    else:  # blog.html, beside the blog
        assert len(conflicts) == 1
        assert index.select_one("h1").get_text() != "My blog page"


def test_a_document_at_a_listings_first_page_replaces_the_whole_listing(make_app, tmp_path):
    # A blog's own blog/index.md (a real ABlog blog has one): the generated page 2 of the
    # index was still written, and nothing linked to it.
    srcdir = copy_root("conflict", tmp_path)
    one_per_page = {"blogpost_posts_per_page": 1}
    first = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out",
                  confoverrides=one_per_page)  # fmt: skip
    assert (first.outdir / "blog" / "page" / "2.html").is_file()
    (srcdir / "blog" / "index.rst").write_text(":orphan:\n\nOur blog\n========\n")
    again = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out",
                  confoverrides=one_per_page)  # fmt: skip
    assert not (again.outdir / "blog" / "page").exists()
    index = BeautifulSoup((again.outdir / "blog" / "index.html").read_text(), "html.parser")
    assert index.select_one("h1").get_text().startswith("Our blog")
    assert (again.outdir / "blog" / "tag" / "c.html").is_file()  # other listings stay


def test_a_conflict_is_warned_about_on_every_build(make_app, rootdir, tmp_path):
    # As Sphinx's warnings about the whole project: `-W` fails a no-op build as a clean one.
    for run in ("first", "no-op"):
        again = build(make_app, "html", srcdir=rootdir / "test-conflict", builddir=tmp_path)
        conflicts = [w for w in again.warnings if "[blogpost.conflict]" in w]
        assert len(conflicts) == 1, run


def test_a_very_long_name_gets_a_page_and_feed_of_a_shorter_slug(make_app, tmp_path):
    # 300 characters: as a file name, more than file systems allow (255 bytes)
    long_tag = "Ü" + "x" * 299
    srcdir = copy_root("blog", tmp_path)
    post = srcdir / "post00.rst"
    text = post.read_text()
    post.write_text(text.replace(":tags: ", f":tags: {long_tag}, ", 1))
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert result.warnings == []
    assert result.posts["post00"].tags[0] == long_tag
    slug = "ü" + "x" * (SLUG_LENGTH - 1)
    page = BeautifulSoup((result.outdir / f"blog/tag/{slug}.html").read_text(), "html.parser")
    assert page.select_one("h1").get_text() == f"Tag: {long_tag}"
    assert (result.outdir / f"blog/tag/{slug}/atom.xml").is_file()


def test_an_edit_to_the_text_of_a_post_ranks_no_related_posts_again(
    make_app, tmp_path, monkeypatch
):
    ranked: list[str] = []  # the posts whose related posts were ranked
    rank = Blog.related

    def spy(self: Blog, post: Any, *args: Any) -> Any:
        ranked.append(post.docname)
        return rank(self, post, *args)

    monkeypatch.setattr(Blog, "related", spy)
    srcdir = copy_root("blog", tmp_path)
    first = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert set(ranked) == set(first.posts)  # a full build ranks them for every post
    ranked.clear()
    post = srcdir / "post00.rst"
    post.write_text(post.read_text() + "\nMore words, none of them a title, date or tag.\n")
    edited = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert edited.warnings == []
    assert set(ranked) == {"post00"}  # for its own footer, not to compare every post page


def test_the_generated_pages_are_announced_in_one_line(make_app, tmp_path):
    srcdir = copy_root("blog", tmp_path)
    for run in ("first", "no-op"):
        app = make_app("html", srcdir=srcdir, builddir=tmp_path / "out")
        try:
            app.build()
            status = app._status.getvalue()
        finally:
            app.cleanup()
        said = [line for line in status.splitlines() if "blog pages" in line]
        written = len(list((Path(app.outdir) / "blog").rglob("*.html")))
        assert said == ([f"writing blog pages... {written}"] if run == "first" else [])


def test_a_document_that_takes_a_generated_page_name_later_is_kept(make_app, tmp_path):
    srcdir = copy_root("blog", tmp_path)
    build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    (srcdir / "blog").mkdir()
    (srcdir / "blog" / "archive.rst").write_text(":orphan:\n\nMy archive\n==========\n\nMine.\n")
    again = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert [w for w in again.warnings if "[blogpost.conflict]" in w] != []
    page = BeautifulSoup((again.outdir / "blog" / "archive.html").read_text("utf8"), "html.parser")
    assert page.select_one("h1").get_text().startswith("My archive")


def _epoch(moment: str) -> str:
    return str(int(datetime.fromisoformat(moment).timestamp()))


def test_a_post_dated_after_the_build_is_scheduled_until_its_date(make_app, tmp_path, monkeypatch):
    """With blogpost_future_drafts, a post dated after the build (SOURCE_DATE_EPOCH when
    set) is a draft, labelled "Scheduled"; the first build on or after its date lists it,
    an incremental one as a clean one does, though no source changed."""
    post = "{0}\n=====\n\n.. blogpost::\n   :date: {1}\n\nText of {0}.\n"
    files = {
        "posts/now.rst": post.format("Now", "2025-01-10"),
        "posts/hour.rst": post.format("Hour", "2025-02-01 12:00+00:00"),
        "posts/day.rst": post.format("Day", "2025-03-01"),  # a bare date: listed on its day
    }
    src = make_site(tmp_path / "src", files, CONF + "blogpost_future_drafts = True\n")

    def listed(outdir: Path) -> list[str]:
        titles = soup_of(outdir / "blog/index.html").select(".bp-card-title a")
        return sorted(a.get_text() for a in titles)

    def built_at(moment: str, out: str) -> Build:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(moment))
        return build(make_app, "html", srcdir=src, builddir=tmp_path / out)

    site = built_at("2025-02-01T11:59:59+00:00", "out")
    assert site.warnings == []
    assert listed(site.outdir) == ["Now"]
    page = soup_of(site.outdir / "posts/hour.html")
    assert page.select_one(".bp-draft-label").get_text() == "Scheduled"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "Hour" not in (site.outdir / "blog/atom.xml").read_text("utf8")
    assert site.posts["posts/hour"].scheduled and site.posts["posts/hour"].draft
    for moment, expected in [
        ("2025-02-01T12:00:00+00:00", ["Hour", "Now"]),  # its moment has come
        ("2025-02-28T23:59:59+00:00", ["Hour", "Now"]),
        ("2025-03-01T00:00:00+00:00", ["Day", "Hour", "Now"]),
    ]:
        site = built_at(moment, "out")
        assert listed(site.outdir) == expected, moment
        clean = built_at(moment, f"clean-{moment[:10]}")
        assert _differing_files(site.outdir, clean.outdir) == [], moment
    assert soup_of(site.outdir / "posts/day.html").select_one(".bp-draft-label") is None
    assert "Day" in (site.outdir / "blog/atom.xml").read_text("utf8")


def _differing_files(one: Path, other: Path) -> list[str]:
    """The pages and feeds that differ between two output folders (or are in one only)."""

    def files(root: Path) -> set[Path]:
        return {p.relative_to(root) for p in root.rglob("*")
                if p.suffix in {".html", ".xml", ".json"} and p.is_file()}  # fmt: skip

    names = files(one) | files(other)
    return sorted(
        str(name) for name in names
        if not (one / name).is_file() or not (other / name).is_file()
        or (one / name).read_bytes() != (other / name).read_bytes()
    )  # fmt: skip


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf8"), "html.parser")


def test_a_postlist_sorts_by_last_change(make_app, tmp_path):
    """`:sort: -updated`: the posts changed last first (`updated`, else the date), as a
    "recently updated" list shows them; `updated` the other way round."""
    post = "{0}\n=====\n\n.. blogpost::\n   :date: {1}\n{2}\nText.\n"
    files = {
        "old.rst": post.format("Old", "2025-01-01", "   :updated: 2025-06-01\n"),
        "mid.rst": post.format("Mid", "2025-03-01", ""),
        "new.rst": post.format("New", "2025-05-01", ""),
        "lists.rst": "Lists\n=====\n\n.. postlist::\n   :sort: -updated\n   :layout: list\n\n"
        ".. postlist::\n   :sort: updated\n   :layout: list\n",
    }
    result = build(make_app, "html", srcdir=make_site(tmp_path / "src", files, CONF))
    assert result.warnings == []
    page = soup_of(result.outdir / "lists.html")
    listings = [[a.get_text() for a in lst.select(".bp-card-title a")]
                for lst in page.select(".bp-listing")]  # fmt: skip
    assert listings == [["Old", "New", "Mid"], ["Mid", "New", "Old"]]


def test_a_translated_build_shows_translated_summaries(make_app, tmp_path):
    # A summary given as an option is a message of its post, as the title and text are:
    # extracted by gettext, and translated in listings, feeds and sharing metadata, whichever
    # way the post is declared (under the title, further down, in front matter).
    declaration = ".. blogpost::\n   :date: 2025-01-0{n}\n   :summary: Summary {n}.\n"
    files = {
        "under.rst": "Under\n=====\n\n" + declaration.format(n=1) + "\nText.\n",
        "below.rst": "Below\n=====\n\nText first.\n\n" + declaration.format(n=2),
        "front.md": "---\nblogpost:\n  date: 2025-01-03\n  summary: Summary 3.\n---\n"
        "# Front\n\nText.\n",
    }
    srcdir = make_site(tmp_path / "src", files, CONF)
    result = build(make_app, "gettext", srcdir=srcdir, builddir=tmp_path / "pot")
    assert result.warnings == []
    for n, doc in enumerate(files, start=1):
        assert f'msgid "Summary {n}."' in (result.outdir / f"{Path(doc).stem}.pot").read_text()
        po = f'msgid "Summary {n}."\nmsgstr "Résumé *{n}."\n'
        (srcdir / "locale/fr/LC_MESSAGES").mkdir(parents=True, exist_ok=True)
        (srcdir / f"locale/fr/LC_MESSAGES/{Path(doc).stem}.po").write_text(po)
    overrides = {"language": "fr", "locale_dirs": ["locale"]}
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "fr",
                   confoverrides=overrides)  # fmt: skip
    assert result.warnings == []
    # Plain text, as the summary is: a "*" is no reStructuredText (and gets no warning).
    assert sorted(p.summary for p in result.posts.values()) == ["Résumé *1.", "Résumé *2.",
                                                                "Résumé *3."]  # fmt: skip
    index = BeautifulSoup((result.outdir / "blog/index.html").read_text(), "html.parser")
    summaries = [s.get_text() for s in index.select(".bp-card-summary")]
    assert summaries == ["Résumé *3.", "Résumé *2.", "Résumé *1."]


def test_epub_pages_are_well_formed_xhtml(make_app, rootdir, tmp_path):
    # An EPUB's pages are XHTML: what the blog adds (cards with a cover, the post navigation)
    # must parse as XML, or readers show an error instead of the page.
    post = ".. blogpost::\n   :date: 2025-01-0{n}\n   :image: cover.png\n   :series: S\n"
    files = {
        "index.rst": "Home\n====\n\n.. postlist::\n\n.. toctree::\n   :glob:\n\n   post*\n",
        **{f"post{n}.rst": f"Post {n}\n======\n\n{post.format(n=n)}\nText.\n" for n in (1, 2, 3)},
    }
    srcdir = make_site(tmp_path / "src", files, CONF)
    shutil.copy(rootdir / "test-feeds" / "images" / "cover.png", srcdir / "cover.png")
    result = build(make_app, "epub", srcdir=srcdir, builddir=tmp_path / "out")
    pages = sorted(result.outdir.glob("*.xhtml"))
    assert len(pages) > 4
    for page in pages:
        ElementTree.parse(page)  # raises ParseError on any page that is not XML
    index = BeautifulSoup((result.outdir / "index.xhtml").read_text(), "html.parser")
    assert len(index.select("img.bp-card-cover")) == 3
    assert BeautifulSoup((result.outdir / "post2.xhtml").read_text(), "html.parser").select(
        "nav.bp-post-nav a[rel=prev], nav.bp-post-nav a[rel=next]"
    )


@pytest.mark.parametrize(("builder", "link"), [("latex", r"\hyperref[\detokenize{inside::doc}]"),
                                               ("texinfo", "@ref{")])  # fmt: skip
def test_postlist_links_the_posts_of_the_same_book(make_app, tmp_path, builder, link):
    # A PDF (or Info manual) of the site holds the posts of its toctree: a postlist there
    # links each one to its chapter; a post the book does not hold keeps its plain title.
    post = "{title}\n{rule}\n\n.. blogpost::\n   :date: 2025-01-0{n}\n\nText.\n"
    files = {
        "index.rst": "Home\n====\n\n.. postlist::\n\n.. toctree::\n\n   inside\n",
        "inside.rst": post.format(title="Inside", rule="======", n=1),
        "outside.rst": ":orphan:\n\n" + post.format(title="Outside", rule="=======", n=2),
    }
    srcdir = make_site(tmp_path / "src", files, CONF)
    result = build(make_app, builder, srcdir=srcdir, builddir=tmp_path / "out")
    assert result.warnings == []
    book = next(result.outdir.glob("*.tex" if builder == "latex" else "*.texi")).read_text()
    listing = book[book.index("Jan 2, 2025") :]
    assert listing.startswith("Jan 2, 2025 — Outside")  # no link
    assert f"Jan 1, 2025 — {{{link}" in listing or f"Jan 1, 2025 — {link}" in listing
