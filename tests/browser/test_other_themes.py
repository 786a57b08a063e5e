"""The listings in themes other than dispatches, in a real browser: they sit in the theme's
own layout as its content does."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sphinx.testing.util import SphinxTestApp

from ..conftest import copy_root, make_site

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page

    from .conftest import Visit

THEMES = ["alabaster", "furo", "pydata_sphinx_theme"]

#: The left edge of an element's content, where its first letter starts.
CONTENT_LEFT = """e => {
  const style = getComputedStyle(e);
  return e.getBoundingClientRect().left + parseFloat(style.paddingLeft)
    + parseFloat(style.borderLeftWidth);
}"""

#: One more post for the 30-post root (the newest): words with no place to break, in its
#: title (on its neighbour's "Newer" link, the archive) and a tag (post header, tag index).
#: Added to a copy, not to the root: other tests count the root's posts and tags.
LONG_WORDS_POST = """\
Why torch.nn.functional.scaled_dot_product_attention Is Fast
============================================================

.. blogpost::
   :date: 2025-12-01
   :category: Transformer
   :tags: attention, averyveryverylongtagnamewithoutanybreakswhatsoever
   :author: ada

Fused attention kernels read the keys and values once.
"""
LONG_POST = "post30.html"
BEFORE_LONG_POST = "post10.html"  # the next newest: its "Newer" link is the long title


@pytest.fixture(scope="module", params=THEMES)
def themed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 30-post root and the long-words post in one theme, built once for the module;
    returns the output folder."""
    srcdir = copy_root("blog", tmp_path_factory.mktemp("src"))
    (srcdir / "post30.rst").write_text(LONG_WORDS_POST, encoding="utf8")
    overrides = {"html_theme": request.param, "blogpost_eyebrow": "Research & Writing"}
    app = SphinxTestApp(
        "html", srcdir=srcdir, builddir=tmp_path_factory.mktemp("out"),
        confoverrides=overrides, freshenv=True,
    )  # fmt: skip
    try:  # released before the tests run, as in test_theme.py
        app.build()
        outdir = Path(app.outdir)
    finally:
        app.cleanup()
    return outdir


def _content_left(page: Page, selector: str) -> float:
    return float(page.locator(selector).first.evaluate(CONTENT_LEFT))


def test_headings_line_up_with_the_text_around_them(
    themed: Path, visit: Callable[..., Visit]
) -> None:
    # Furo pads its headings and pulls them back by as much (margin: -.5rem): the blog's
    # margins once kept the padding and dropped the pull, so headings sat 8px to the right.
    page = visit((themed / "blog" / "index.html").as_uri()).page
    eyebrow = _content_left(page, ".bp-hero .bp-eyebrow")
    assert abs(_content_left(page, ".bp-hero .bp-heading") - eyebrow) < 1
    category = _content_left(page, ".bp-card .bp-card-category")
    assert abs(_content_left(page, ".bp-card .bp-card-title") - category) < 1


#: Where an element's box starts, from the top of the page.
PAGE_TOP = "e => e.getBoundingClientRect().top + window.scrollY"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_blog_index_head_starts_where_page_titles_do(
    themed: Path, visit: Callable[..., Visit], width: int
) -> None:
    # Furo puts the room above a page's title in the title's own margin: the hero, whose
    # heading keeps a small one under the eyebrow, started at the very top of the page
    # (2px under the window's edge), 28px above every other page's title.
    hero, title = (
        visit((themed / path).as_uri(), width=width).page.locator(selector).first.evaluate(PAGE_TOP)
        for path, selector in (("blog/index.html", ".bp-hero"), ("blog/tag/index.html", "h1"))
    )
    assert abs(hero - title) < 1


#: How far each element of *selector* sticks out past the window's sides, or out of its
#: nearest block (a link clipped by the theme's overflow: hidden is still out of sight).
STICKING_OUT = """selector => [...document.querySelectorAll(selector)].flatMap(e => {
  const box = e.getBoundingClientRect();
  const block = e.parentElement.closest('li, p, span, div, nav').getBoundingClientRect();
  const out = Math.max(box.right - Math.min(innerWidth, block.right),
                       Math.max(0, block.left) - box.left);
  return out > 0.5 ? [`${selector}: ${e.textContent.trim().slice(0, 30)} by ${out}px`] : [];
})"""


@pytest.mark.parametrize(
    ("path", "width", "links"),
    [
        (BEFORE_LONG_POST, 320, "nav.bp-post-nav a"),
        (LONG_POST, 320, ".bp-post-header a.bp-tag"),
        ("blog/archive.html", 320, ".bp-layout-compact .bp-card-title a"),
        ("blog/tag/index.html", 320, ".bp-term-index a"),
        ("blog/tag/index.html", 1280, ".bp-term-index a"),  # not into the next column
    ],
)
def test_long_words_break_inside_the_page(
    themed: Path, visit: Callable[..., Visit], path: str, width: int, links: str
) -> None:
    # A dotted API name in a title or a long tag has no place to break: it once pushed the
    # post navigation's "Newer" link past the window (clipped in furo, the page scrolled
    # sideways in the others), and a long tag past its column of the tag index.
    page = visit((themed / path).as_uri(), width=width, height=640).page
    assert page.locator(links).count()
    assert page.evaluate(STICKING_OUT, links) == []


#: The left edge of each line box of the archive's long title (a Range's client rects), and of
#: the title's own box: where each of its lines starts.
TITLE_LINES = """() => {
  const title = [...document.querySelectorAll('.bp-layout-compact .bp-card-title')]
    .find(e => e.textContent.includes('scaled_dot_product'));
  const range = document.createRange();
  range.selectNodeContents(title);
  const lines = [...range.getClientRects()].map(r => Math.round(r.left));
  return [Math.round(title.getBoundingClientRect().left), [...new Set(lines)]];
}"""


@pytest.mark.parametrize("width", [320, 1280])
def test_a_long_title_in_the_archive_wraps_beside_its_date(
    themed: Path, visit: Callable[..., Visit], width: int
) -> None:
    # Its second line once started under the date, at the line's very start (pydata).
    page = visit((themed / "blog/archive.html").as_uri(), width=width, height=640).page
    left, lines = page.evaluate(TITLE_LINES)
    assert lines == [left]
    date = page.locator(".bp-layout-compact .bp-date").first.bounding_box()
    assert date is not None and left >= date["x"] + date["width"]


def _axe_violations(page: Page, rules: set[str]) -> list[str]:
    """Which of axe's *rules* the page breaks (WCAG 2.2 AA and best practice, as in
    test_dispatches.py), and where; the themes' own failures elsewhere are not ours."""
    from axe_playwright_python.sync_playwright import Axe

    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["id"] in rules
    ]


#: The text, width and height of each element of a selector.
SIZES = """selector => [...document.querySelectorAll(selector)].map(e => {
  const box = e.getBoundingClientRect();
  return [e.textContent.trim().slice(0, 30), box.width, box.height];
})"""


def _small_targets(page: Page, selector: str) -> list[str]:
    sizes = page.evaluate(SIZES, selector)
    assert sizes, selector
    return [f"{text}: {w:.1f}x{h:.1f}" for text, w, h in sizes if w < 24 or h < 24]


def test_page_numbers_are_targets_big_enough(themed: Path, visit: Callable[..., Visit]) -> None:
    # WCAG 2.2 AA 2.5.8: a page number was as small as its digit (8.5x20px in alabaster)
    # and next to the others, and axe's target-size failed in every theme.
    page = visit((themed / "blog" / "page" / "2.html").as_uri()).page
    assert page.locator("nav.bp-pagination a.bp-page").count() >= 2
    assert _small_targets(page, "nav.bp-pagination a") == []
    assert _axe_violations(page, {"target-size"}) == []


def test_series_and_related_links_are_targets_big_enough(
    themed: Path, visit: Callable[..., Visit]
) -> None:
    # WCAG 2.2 AA 2.5.8: a title's link was as tall as its letters (19px in alabaster, one
    # under the other 23.8px apart), short of 24px in every theme.
    page = visit((themed / "post09.html").as_uri()).page  # part 3 of a series, with related
    assert _small_targets(page, ".bp-series li a, .bp-related li a") == []
    assert _axe_violations(page, {"target-size"}) == []


#: The width of each card, and of the window.
CARD_WIDTHS = """() => [...document.querySelectorAll('.bp-layout-cards .bp-card')]
  .map(card => card.getBoundingClientRect().width)"""


@pytest.mark.parametrize("path", ["blog/index.html", "lists.html"])
@pytest.mark.parametrize("width", [320, 1280])
def test_cards_fit_the_column_they_are_in(
    themed: Path, visit: Callable[..., Visit], path: str, width: int
) -> None:
    # Three cards a row came with a wide window, whatever the column: beside pydata's two
    # sidebars, cards of 189px, a long title one word a line.
    page = visit((themed / path).as_uri(), width=width, height=800).page
    widths = page.evaluate(CARD_WIDTHS)
    assert widths, path
    assert min(widths) >= min(224, width - 64), widths


#: How many cards the first row of the blog index holds, with the listing made *width* wide.
FIRST_ROW_IN = """width => {
  const listing = document.querySelector('.bp-listing.bp-layout-cards');
  Object.assign(listing.style, {width: width, maxWidth: 'none', padding: '0'});
  const tops = [...listing.querySelectorAll('.bp-card')].map(c => c.getBoundingClientRect().top);
  return tops.filter(top => Math.abs(top - tops[0]) < 2).length;
}"""


@pytest.mark.parametrize(("window", "column", "columns"), [
    (900, "48rem", 3),  # sphinx-design's classes give three only from a 992px window
    (900, "47.5rem", 2),
    (540, "30rem", 2),  # ...and two from a 576px one
    (540, "29.5rem", 1),
])  # fmt: skip
def test_cards_a_row_follow_the_column_not_the_window(
    themed: Path, visit: Callable[..., Visit], window: int, column: str, columns: int
) -> None:
    # As docs/howto/other-themes.md says: three cards a row in a column of at least 48rem,
    # two from 30rem, one below, whatever the window's width.
    page = visit((themed / "blog" / "index.html").as_uri(), width=window).page
    assert page.evaluate(FIRST_ROW_IN, column) == columns


@pytest.mark.parametrize(("path", "block"), [
    ("blog/index.html", ".bp-hero"),
    ("blog/author/ada.html", ".bp-author-profile"),
])  # fmt: skip
def test_page_heads_are_not_banners(
    themed: Path, visit: Callable[..., Visit], path: str, block: str
) -> None:
    # A <header> outside <main> and <article> is a banner landmark: in alabaster (no <main>)
    # the hero and an author's profile were banners besides the site's.
    page = visit((themed / path).as_uri()).page
    assert page.locator(block).count() == 1
    banners = {"landmark-banner-is-top-level", "landmark-no-duplicate-banner"}
    assert _axe_violations(page, banners) == []


#: Furo's sidebar with its navigation and the blog's sidebars under it.
FURO_SIDEBARS = [
    "sidebar/brand.html", "sidebar/search.html", "sidebar/scroll-start.html",
    "sidebar/navigation.html", "blogpost/recent-posts.html", "blogpost/tags.html",
    "sidebar/scroll-end.html",
]  # fmt: skip


def test_sidebars_line_up_with_furos_navigation(
    tmp_path: Path, visit: Callable[..., Visit]
) -> None:
    # The blog's sidebars stood at the very edge of Furo's sidebar, 16px left of its
    # navigation's links, and each heading 8px right of its list (Furo's heading padding).
    post = "Post\n====\n\n.. blogpost::\n   :date: 2025-01-0{0}\n   :tags: t{0}\n\nText.\n"
    conf = (
        f'extensions = ["sphinx_blogpost"]\nhtml_theme = "furo"\n'
        f'suppress_warnings = ["blogpost.feed"]\nhtml_sidebars = {{"**": {FURO_SIDEBARS!r}}}\n'
    )
    files = {f"post{n}.rst": post.format(n) for n in (1, 2)}
    app = SphinxTestApp(
        "html", srcdir=make_site(tmp_path / "src", files, conf), builddir=tmp_path / "out"
    )
    try:
        app.build()
    finally:
        app.cleanup()
    page = visit((Path(app.outdir) / "index.html").as_uri()).page
    navigation = _content_left(page, ".sidebar-tree a.reference")
    for selector in (".bp-sidebar h3", ".bp-sidebar li a"):
        assert page.locator(selector).count() >= 2, selector
        lefts = page.locator(selector).evaluate_all(f"es => es.map({CONTENT_LEFT})")
        assert [round(left - navigation) for left in lefts] == [0] * len(lefts), selector


#: The theme's own controls in sight that the blog's markup is drawn over, at their middle:
#: a click there goes to the blog's element, not to the control.
COVERED_CONTROLS = """() => [...document.querySelectorAll('a[href], button, input, label')]
  .filter(e => !e.closest('[class*="bp-"]') && e.checkVisibility({visibilityProperty: true}))
  .flatMap(e => {
    const box = e.getBoundingClientRect();
    if (!box.width || box.bottom < 0 || box.top > innerHeight) return [];
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const blogs = top && top.closest('[class*="bp-"]');
    const covered = blogs && !blogs.contains(e);
    return covered ? [`${e.outerHTML.slice(0, 60)} under ${blogs.className}`] : [];
  })"""


@pytest.mark.parametrize("path", ["blog/index.html", "blog/tag/index.html", "post09.html"])
@pytest.mark.parametrize("width", [375, 1280])
def test_the_blog_covers_none_of_the_themes_controls(
    themed: Path, visit: Callable[..., Visit], path: str, width: int
) -> None:
    # Furo's light/dark button, beside the blog index's eyebrow, could not be clicked: the
    # eyebrow's opacity (blogpost.css) drew it over the button, which Furo floats beside it.
    page = visit((themed / path).as_uri(), width=width, height=800).page
    assert page.evaluate(COVERED_CONTROLS) == []


#: Every sidebar of the blog, beside Alabaster's own.
ALABASTER_SIDEBARS = [
    "about.html", "navigation.html", "searchbox.html", "blogpost/recent-posts.html",
    "blogpost/tags.html", "blogpost/categories.html", "blogpost/authors.html",
    "blogpost/archives.html",
]  # fmt: skip


@pytest.mark.parametrize(("path", "width"), [("index.html", 375), ("blog/tag/index.html", 1280)])
def test_counts_and_dates_of_the_blog_are_legible_in_alabaster(
    tmp_path: Path, visit: Callable[..., Visit], path: str, width: int
) -> None:
    # WCAG 1.4.3: the counts of posts (and the sidebar's dates), faded to 70% of the text's
    # colour, were 4.2:1 on white; in the sidebar of a narrow window, which Alabaster makes
    # dark but whose lists it leaves black, they were black on #333 (1.5:1).
    from axe_playwright_python.sync_playwright import Axe

    # ten posts of one tag: axe leaves out a text of one character, such as a count of 1
    post = "Post\n====\n\n.. blogpost::\n   :date: 2025-01-{0:02}\n   :tags: t\n\nText.\n"
    conf = (
        f'extensions = ["sphinx_blogpost"]\nsuppress_warnings = ["blogpost.feed"]\n'
        f'html_sidebars = {{"**": {ALABASTER_SIDEBARS!r}}}\n'
    )
    files = {f"post{n}.rst": post.format(n) for n in range(1, 11)}
    app = SphinxTestApp(
        "html", srcdir=make_site(tmp_path / "src", files, conf), builddir=tmp_path / "out",
        confoverrides={"html_theme": "alabaster"},  # in conf.py, sphinx.testing makes it basic
    )  # fmt: skip
    try:
        app.build()
    finally:
        app.cleanup()
    page = visit((Path(app.outdir) / path).as_uri(), width=width).page
    assert page.locator(".bp-count").count() >= 1
    blogs = {"include": [[".bp-sidebar"], [".bp-term-index"]]}
    options = {"runOnly": {"type": "rule", "values": ["color-contrast"]}}
    violations = Axe().run(page, context=blogs, options=options).response["violations"]
    assert [node["target"] for v in violations for node in v["nodes"]] == []
