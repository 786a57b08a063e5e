"""The dispatches theme in a real browser (SPEC section 8): the blog index and its grid, light
and dark, keyboard use, no horizontal scrolling, accessibility (axe-core), no other host."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from .conftest import settle

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page

    from .conftest import Site, Visit

INDEX = "blog/index.html"


def background(page: Page) -> str:
    return str(page.evaluate("getComputedStyle(document.body).backgroundColor"))


def test_index_shows_hero_and_one_card_per_post(site: Site, visit: Callable[..., Visit]) -> None:
    page = visit(site.page(INDEX)).page
    assert page.locator(".bp-eyebrow").text_content() == "Research & Writing"
    assert page.locator("h1.bp-heading").text_content() == "Blog"
    tagline = page.locator(".bp-tagline")
    assert (tagline.text_content() or "").startswith("Dispatches from the edge of chaos")
    for element in (".bp-eyebrow", "h1.bp-heading", ".bp-tagline"):
        assert page.locator(element).is_visible()

    cards = page.locator(".bp-listing .bp-card")
    assert cards.count() == len(site.index_cards) == 12
    assert cards.locator(".bp-card-title a").all_text_contents() == site.index_cards
    for card in cards.all():
        for part in (".bp-card-category", ".bp-card-title a", ".bp-card-summary"):
            assert card.locator(part).is_visible(), part
        readtime = card.locator(".bp-readtime")
        assert readtime.is_visible()
        assert re.fullmatch(r"\d+ min read", readtime.text_content() or "")
        assert card.locator("a").count() == 1  # one link: the whole card is clickable


def test_card_label_and_meta_are_smaller_than_the_summary(
    site: Site, visit: Callable[..., Visit]
) -> None:
    # sphinx-design card paragraphs take the card's text size; that rule once outranked the
    # label's and the meta line's own sizes, so all three read alike.
    page = visit(site.page(INDEX)).page
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    card = page.locator(".bp-listing .bp-card").first
    label, meta, summary = (
        card.locator(part).evaluate(size)
        for part in (".bp-card-category", ".bp-card-meta", ".bp-card-summary")
    )
    assert label < meta < summary, (label, meta, summary)
    # A card written in a post keeps the card's text size for its paragraphs.
    written = page.evaluate(
        """() => {
          const body = document.createElement("div"), p = document.createElement("p");
          body.className = "sd-card-body"; p.textContent = "A card's text.";
          body.append(p); document.querySelector(".body").append(body);
          return [getComputedStyle(body).fontSize, getComputedStyle(p).fontSize];
        }"""
    )
    assert written[0] == written[1] == "15.2px", written


def test_page_numbers_are_pills_on_one_row(site: Site, visit: Callable[..., Visit]) -> None:
    # A page-number link once took the theme's full-width page-frame rules (same class name).
    page = visit(site.page(INDEX), width=1280).page
    links = page.locator("nav.bp-pagination").locator("a, .bp-page-current")
    assert links.count() >= 3  # a page number, the current one, and "Older"
    boxes = [box for link in links.all() if (box := link.bounding_box())]
    assert len(boxes) == links.count()
    assert max(box["y"] for box in boxes) - min(box["y"] for box in boxes) < 2  # one row
    assert all(box["width"] < 160 for box in boxes), [box["width"] for box in boxes]


def _first_row_columns(page: Page) -> int:
    return int(
        page.evaluate(
            """() => {
              const boxes = [...document.querySelectorAll('.bp-listing .bp-card')]
                .map(card => card.getBoundingClientRect());
              const top = boxes[0].top;
              return new Set(boxes.filter(b => Math.abs(b.top - top) < 2)
                                  .map(b => Math.round(b.left))).size;
            }"""
        )
    )


@pytest.mark.parametrize(("width", "columns"), [(1280, 3), (800, 2), (375, 1)])
def test_card_columns_follow_the_width(
    site: Site, visit: Callable[..., Visit], width: int, columns: int
) -> None:
    page = visit(site.page(INDEX), width=width).page
    assert _first_row_columns(page) == columns


def test_no_post_scrolls_sideways_at_320px(site: Site, visit: Callable[..., Visit]) -> None:
    # An inline formula (MathJax's hidden copy of it for screen readers) and a long inline
    # literal (basic.css keeps it on one line) made single posts wider than the window.
    tab = visit(site.page(INDEX), width=320, height=640).page
    wide = []
    for post in sorted(site.posts):
        tab.goto(site.page(f"{post}.html"), wait_until="load")
        settle(tab)
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append((post, width))
    assert wide == []
    tab.set_content(
        '<p class="x"><code class="docutils literal notranslate"><span class="pre">'
        "sphinx_blogpost.collector.BlogCollector.merge_other</span></code></p>"
    )
    tab.add_style_tag(path=str(site.outdir / "_static/basic.css"))
    tab.add_style_tag(path=str(site.outdir / "_static/dispatches.css"))
    assert tab.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("which", ["index", "longest post", "archive", "tag page"])
def test_no_horizontal_scrolling_at_320px(
    site: Site, visit: Callable[..., Visit], which: str
) -> None:
    path = {
        "index": INDEX,
        "longest post": site.longest_post,
        "archive": "blog/archive.html",
        "tag page": site.tag_page,
    }[which]
    page = visit(site.page(path), width=320, height=640).page
    if which == "longest post":  # the case the rules are for: code, tables and math
        for block in (".body pre", ".body table", ".body mjx-container"):
            assert page.locator(block).count(), block
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_toggle_switches_scheme_and_remembers_it(site: Site, visit: Callable[..., Visit]) -> None:
    page = visit(site.page(INDEX), scheme="light").page
    toggle = page.locator("button.bp-scheme-toggle")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-label")
    assert toggle.get_attribute("aria-pressed") == "false"
    light = background(page)

    toggle.click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert toggle.get_attribute("aria-pressed") == "true"
    dark = background(page)
    assert dark != light

    page.reload(wait_until="load")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert background(page) == dark
    assert page.locator("button.bp-scheme-toggle").get_attribute("aria-pressed") == "true"

    page.locator("button.bp-scheme-toggle").click()
    assert background(page) == light
    # Back to the system's scheme is back to following the system, and its changes.
    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate("document.documentElement.dataset.theme") is None
    page.emulate_media(color_scheme="dark")
    assert background(page) == dark
    # The toggle hears of the system's change in a `change` event, dispatched after it
    page.wait_for_function(
        "document.querySelector('button.bp-scheme-toggle').ariaPressed === 'true'", timeout=5000
    )
    assert page.evaluate("matchMedia(document.getElementById('pygments_dark_css').media).matches")


def test_system_dark_is_followed_without_a_stored_choice(
    site: Site, visit: Callable[..., Visit]
) -> None:
    light = background(visit(site.page(INDEX), scheme="light").page)
    page = visit(site.page(INDEX), scheme="dark").page
    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate("document.documentElement.dataset.theme") is None
    assert background(page) != light
    assert page.locator("button.bp-scheme-toggle").get_attribute("aria-pressed") == "true"
    # Code follows too: the dark Pygments stylesheet applies.
    assert page.evaluate("matchMedia(document.getElementById('pygments_dark_css').media).matches")


_FOCUS_RING = """el => {
  const ring = s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                    || (s.boxShadow && s.boxShadow !== 'none');
  return ring(getComputedStyle(el)) || ring(getComputedStyle(el, '::after'));
}"""


def test_tab_reaches_every_card_link_with_a_visible_ring(
    site: Site, visit: Callable[..., Visit]
) -> None:
    page = visit(site.page(INDEX)).page
    links = page.locator(".bp-card .bp-card-title a")
    wanted = set(links.evaluate_all("links => links.map(a => a.href)"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "bp-skip-link"
    reached = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        href = focused.evaluate("el => el.href || ''")
        if href in wanted:
            assert focused.evaluate(_FOCUS_RING), f"no focus indicator on {href}"
            reached.add(href)
        if reached == wanted:
            break
    assert reached == wanted


AXE_PAGES = ["index", "post", "archive", "category", "search"]


def _axe_page(site: Site, which: str) -> str:
    return {
        "index": INDEX,
        "post": site.longest_post,
        "archive": "blog/archive.html",
        "category": site.category_page,
        "search": "search.html?q=attention",
    }[which]


def _violations(page: Page, impacts: tuple[str, ...] | None = None) -> list[str]:
    """The violations axe finds (WCAG 2.2 A and AA, best practice): of the given *impacts*,
    or of any impact."""
    from axe_playwright_python.sync_playwright import Axe

    # WCAG 2.2 AA too: axe leaves its rules (target-size) out unless asked for them
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if impacts is None or v["impact"] in impacts
    ]


def _serious_violations(page: Page) -> list[str]:
    return _violations(page, ("serious", "critical"))


@pytest.mark.parametrize("which", AXE_PAGES)
def test_axe_finds_nothing_serious_and_no_request_leaves_the_site(
    site: Site, visit: Callable[..., Visit], which: str
) -> None:
    tab = visit(site.page(_axe_page(site, which)), scheme="light")
    if which == "search":
        tab.page.locator("#search-results li").first.wait_for()
    light = background(tab.page)
    assert _serious_violations(tab.page) == [], "light"
    tab.page.emulate_media(color_scheme="dark")
    assert background(tab.page) != light
    assert _serious_violations(tab.page) == [], "dark"

    # Everything the page loaded (styles, scripts, MathJax and its fonts, images, the
    # search index) came from the site itself.
    assert len(tab.requests) > 3
    if which == "post":  # with its math typeset by the site's own MathJax
        assert any("/_static/mathjax/" in url for url in tab.requests)
    elsewhere = [url for url in tab.requests if not url.startswith((site.url, "data:", "blob:"))]
    assert elsewhere == []


#: Pages of every kind, for the audit at a phone's width.
PHONE_AXE_PAGES = [
    INDEX, "blog/page/2.html", "posts/beyond-attention-2-selective-scans.html",
    "blog/archive.html", "blog/tag/attention.html", "blog/author/ada.html",
    "blog/series/beyond-attention.html", "search.html?q=attention",
]  # fmt: skip


@pytest.mark.parametrize("path", PHONE_AXE_PAGES)
def test_axe_finds_nothing_at_a_phones_width_in_either_scheme_of_the_toggle(
    site: Site, visit: Callable[..., Visit], path: str
) -> None:
    # The audit of the a11y branch found nothing, of any impact, at 375 and 1280px, light and
    # dark, by the system and by the toggle: kept so, at the width with most to go wrong.
    page = visit(site.page(path), width=375, scheme="light").page
    if path.startswith("search"):
        page.locator("#search-results li").first.wait_for()
    assert _violations(page) == [], "light"
    page.locator("button.bp-scheme-toggle").click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert _violations(page) == [], "dark, by the toggle"


def test_contents_links_are_targets_big_enough(site: Site, visit: Callable[..., Visit]) -> None:
    # axe's target-size (WCAG 2.2 AA): the contents box, opened above the text when narrow.
    for post in ("posts/mamba.html", site.longest_post):
        page = visit(site.page(post), width=768).page
        page.locator(".bp-toc summary").click()
        assert page.locator(".bp-toc a").first.is_visible()
        assert _serious_violations(page) == [], post


def test_search_finds_posts(site: Site, visit: Callable[..., Visit]) -> None:
    page = visit(site.page(INDEX)).page
    page.locator("input#bp-search-input").fill("selective")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=selective"))
    results = page.locator("#search-results li")
    results.first.wait_for()
    assert results.count() > 0
    assert "Selective State Spaces in Practice" in (
        page.locator("#search-results").text_content() or ""
    )


@pytest.mark.parametrize(
    ("query", "count"),
    [("selective", "Search finished, found"), ("zzqx", "did not match any documents")],
)
def test_search_result_count_is_a_status_message(
    site: Site, visit: Callable[..., Visit], query: str, count: str
) -> None:
    """WCAG 4.1.3: screen readers announce the count, from a status line there from the start
    (Sphinx makes its own count's paragraph anew with each search)."""
    page = visit(site.page(f"search.html?q={query}")).page
    status = page.locator("[role=status]")
    assert status.count() == 1
    page.wait_for_function("document.querySelector('[role=status]').textContent.length > 0")
    assert count in (status.text_content() or "")
    assert status.text_content() == page.locator(".search-summary").text_content()


def test_search_excerpts_show_the_posts_own_text(site: Site, visit: Callable[..., Visit]) -> None:
    # The post header ("9 min read", words, tags) and footer (other posts' titles) are not
    # in the search index; the excerpts Sphinx makes from the pages leave them out too.
    page = visit(site.page("search.html?q=selective")).page
    excerpts = page.locator("#search-results li p.context")
    excerpts.first.wait_for()
    page.wait_for_load_state("networkidle")  # every result's excerpt fetched
    texts = [text for text in excerpts.all_text_contents() if text.strip()]
    assert texts
    for text in texts:
        assert "min read" not in text and "Related posts" not in text, text
    mamba = site.posts["posts/mamba"]
    assert any(mamba.summary[:40] in " ".join(text.split()) for text in texts), texts


def test_post_shows_cover_toc_and_header(site: Site, visit: Callable[..., Visit]) -> None:
    page = visit(site.page("posts/mamba.html")).page
    header = page.locator(".bp-post-header")
    cover = page.locator("figure.bp-cover img")
    assert cover.is_visible()
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0")
    # the cover is under the header, the category label above the title
    assert cover.bounding_box()["y"] > header.bounding_box()["y"]  # type: ignore[index]
    category = page.locator(".bp-post-header .bp-category").first
    title = page.locator(".body h1").first
    assert category.bounding_box()["y"] < title.bounding_box()["y"]  # type: ignore[index]
    toc = page.locator("nav.bp-toc")
    assert toc.is_visible() and toc.locator("a").count() >= 3
    assert page.locator(".bp-toc details").get_attribute("open") is not None  # wide: a sidebar


def test_category_label_of_several_lines_keeps_clear_of_the_title(
    site: Site, visit: Callable[..., Visit]
) -> None:
    # Two categories at 320px with text at 200%: the label takes three lines above the title.
    post = next(p for p in sorted(site.posts.values(), key=lambda p: p.docname)
                if len(p.categories) > 1)  # fmt: skip
    page = visit(site.page(f"{post.docname}.html"), width=320, height=640).page
    page.add_style_tag(content="html { font-size: 200%; }")
    page.wait_for_timeout(100)  # the label's new height reaches the page (ResizeObserver)
    label = page.locator(".bp-post-header .bp-categories")
    box, title = label.bounding_box(), page.locator(".body h1").first.bounding_box()
    toc = page.locator(".bp-toc").bounding_box()
    assert box and title and toc and box["height"] > 60  # more than one line
    assert toc["y"] + toc["height"] <= box["y"] and box["y"] + box["height"] <= title["y"]
    assert label.evaluate("el => el.scrollWidth <= el.clientWidth")  # nothing cut off


@pytest.mark.parametrize("root_size", ["100%", "200%"])
def test_contents_sidebar_keeps_a_readable_width(
    site: Site, visit: Callable[..., Visit], root_size: str
) -> None:
    page = visit(site.page(site.longest_post), width=1280).page
    page.add_style_tag(content=f"html {{ font-size: {root_size}; }}")
    assert page.locator(".bp-toc").bounding_box()["width"] >= 12 * 16  # type: ignore[index]


def test_skip_link_stays_hidden_with_large_text(site: Site, visit: Callable[..., Visit]) -> None:
    page = visit(site.page(INDEX), width=375).page
    page.add_style_tag(content="html { font-size: 200%; }")
    link = page.locator("a.bp-skip-link")
    assert link.bounding_box()["y"] + link.bounding_box()["height"] <= 0  # type: ignore[index]
    link.focus()
    assert link.bounding_box()["y"] > 0  # type: ignore[index]


_CONTRAST = """([a, b]) => {
  const lum = c => {
    const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => {
      v = v / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_form_controls_have_visible_edges(
    site: Site, visit: Callable[..., Visit], scheme: str
) -> None:
    # WCAG 1.4.11: a control's edge needs 3:1 against what is around it.
    page = visit(site.page(INDEX), scheme=scheme).page
    around = background(page)
    for control in (".bp-search input", ".bp-scheme-toggle"):
        edge = page.locator(control).evaluate("el => getComputedStyle(el).borderTopColor")
        assert page.evaluate(_CONTRAST, [edge, around]) >= 3, (control, edge, around)


def test_toc_of_a_post_in_another_language_says_so(site: Site, visit: Callable[..., Visit]) -> None:
    post = next(p for p in site.posts.values() if p.language and p.language != "en")
    page = visit(site.page(f"{post.docname}.html")).page
    assert page.locator(f".bp-toc [lang='{post.language}'] a").count() >= 1
    assert page.locator(".bp-toc summary").evaluate("el => el.closest('[lang]').lang") == "en"


def test_admonitions_take_their_kinds_colours(site: Site, visit: Callable[..., Visit]) -> None:
    """A tip is green and a note blue, edge, background and title: each kind's tone."""
    tip_post = next(p for p in site.posts if "admonition tip" in _html(site, p))
    note_post = next(p for p in site.posts if "admonition note" in _html(site, p))
    style = "el => [getComputedStyle(el).borderLeftColor, getComputedStyle(el).backgroundColor]"
    tip = visit(site.page(f"{tip_post}.html")).page.locator(".admonition.tip")
    note = visit(site.page(f"{note_post}.html")).page.locator(".admonition.note")
    assert tip.evaluate(style) == ["rgb(30, 112, 72)", "rgb(232, 245, 238)"]  # --bp-tip(-soft)
    assert note.evaluate(style) == ["rgb(31, 95, 168)", "rgb(234, 241, 250)"]  # --bp-note(-soft)
    title = ".admonition-title"
    assert tip.locator(title).evaluate("el => getComputedStyle(el).color") == "rgb(30, 112, 72)"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_sidebar_is_a_box_of_the_theme_beside_the_text_when_wide(
    site: Site, visit: Callable[..., Visit], scheme: str
) -> None:
    """docutils writes `aside.sidebar`, which basic.css painted light yellow (#ffe): in the
    dark scheme its light text was unreadable on it. Beside the text only when wide."""
    post = next(p for p in site.posts if '<aside class="sidebar">' in _html(site, p))
    page = visit(site.page(f"{post}.html"), scheme=scheme).page
    sidebar = page.locator(".body aside.sidebar")
    colours = sidebar.evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
    )
    assert colours[1] != "rgb(255, 255, 238)"
    assert page.evaluate(_CONTRAST, colours) >= 4.5, colours
    assert sidebar.evaluate("el => getComputedStyle(el).float") == "inline-end"
    narrow = visit(site.page(f"{post}.html"), width=375, scheme=scheme).page
    assert (
        narrow.locator(".body aside.sidebar").evaluate("el => getComputedStyle(el).float") == "none"
    )


def _html(site: Site, docname: str) -> str:
    return (site.outdir / f"{docname}.html").read_text("utf8")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_code_prints_dark_on_light_in_either_scheme(
    site: Site, visit: Callable[..., Visit], scheme: str
) -> None:
    page = visit(site.page(site.longest_post), scheme=scheme).page
    code = page.locator(".body div.highlight").first
    on_screen = code.evaluate("el => getComputedStyle(el).backgroundColor")
    page.emulate_media(media="print")
    printed = code.evaluate("el => getComputedStyle(el).backgroundColor")
    assert page.evaluate(_CONTRAST, [printed, "rgb(255, 255, 255)"]) < 1.2, printed
    page.emulate_media(media="screen")
    page.locator("button.bp-scheme-toggle").click()  # the reader's choice: the same in print
    page.emulate_media(media="print")
    assert code.evaluate("el => getComputedStyle(el).backgroundColor") == printed
    assert on_screen  # dark on screen in the dark scheme: test_system_dark_is_followed...


def test_contents_sidebar_heading_is_no_tab_stop_and_stays_open(
    site: Site, visit: Callable[..., Visit]
) -> None:
    page = visit(site.page(site.longest_post), width=1280).page
    summary = page.locator(".bp-toc summary")
    assert summary.evaluate("el => el.tabIndex") == -1
    summary.focus()
    page.keyboard.press("Enter")
    # The box folds, then its "toggle" event (a task of its own) opens it again: wait for it,
    # as a loaded machine may run this check between the two.
    expect(page.locator(".bp-toc details")).to_have_js_property("open", True)
    narrow = visit(site.page(site.longest_post), width=768).page
    assert narrow.locator(".bp-toc summary").evaluate("el => el.tabIndex") == 0  # a box


def test_print_hides_the_chrome(site: Site, visit: Callable[..., Visit]) -> None:
    page = visit(site.page("posts/mamba.html")).page
    page.emulate_media(media="print")
    for chrome in (".bp-site-header", ".bp-site-footer", ".bp-toc", ".bp-post-nav"):
        assert not page.locator(chrome).is_visible(), chrome
    assert page.locator(".body h1").is_visible()
    assert background(page) == "rgb(255, 255, 255)"
