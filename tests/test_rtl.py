"""Right-to-left languages: a site in Arabic is laid out right to left (``dir`` on ``<html>``
in dispatches), a post whose language runs the other way than the site's has its ``dir``
wherever its words are marked with their ``lang``, and the blog's labels are in the site's
language, each count in its plural form."""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_blogpost.i18n import LOCALE_DIR
from sphinx_blogpost.posts import dir_attribute, text_direction

from .conftest import ROOTS, Build, build, warnings_of


@pytest.mark.parametrize(
    ("language", "direction"),
    [("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("ar_EG", "rtl"),
     ("en", "ltr"), ("pt_BR", "ltr"), ("sr@latin", "ltr"), ("zh-Hant", "ltr"), (None, "ltr"),
     ("xx", "ltr"), ("not a code", "ltr")],
)  # fmt: skip
def test_a_languages_direction_is_babels(language: str | None, direction: str) -> None:
    """From Babel's data (CLDR), not a list of ours; a code Babel does not know is LTR."""
    assert text_direction(language) == direction


def test_dir_is_written_only_across_directions() -> None:
    assert dir_attribute("ar", "en") == ' dir="rtl"'
    assert dir_attribute("en", "ar") == ' dir="ltr"'
    assert dir_attribute("he", "ar") == ""  # both right to left
    assert dir_attribute("de", None) == ""  # English, the site's language when unset


def _built(root: str, out: Path) -> Build:
    """One build for the module's tests (cleaned up before the next app starts)."""
    app = SphinxTestApp("html", srcdir=ROOTS / root, builddir=out)
    try:
        app.build()
        return Build(warnings_of(app), {}, Path(app.outdir))
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def rtl_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """An Arabic blog in dispatches, with a post in English."""
    return _built("test-rtl", tmp_path_factory.mktemp("rtl"))


@pytest.fixture(scope="module")
def rtl_post_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """An English blog in alabaster (the default theme), with a post in Arabic."""
    return _built("test-rtl-post", tmp_path_factory.mktemp("rtl-post"))


def soup(site: Build, page: str) -> BeautifulSoup:
    return BeautifulSoup((site.outdir / f"{page}.html").read_text("utf8"), "html.parser")


def _attrs(tag: Any) -> tuple[str | None, str | None]:
    return tag.get("lang"), tag.get("dir")


def test_the_builds_are_warning_free(rtl_site: Build, rtl_post_site: Build) -> None:
    assert rtl_site.warnings == []
    assert rtl_post_site.warnings == []


@pytest.mark.parametrize("page", ["blog/index", "blog/archive", "posts/arabic-1", "index"])
def test_a_right_to_left_site_is_written_right_to_left(rtl_site: Build, page: str) -> None:
    html = soup(rtl_site, page).html
    assert _attrs(html) == ("ar", "rtl")
    assert html["data-content_root"]  # the rest of Sphinx's <html> tag, as Sphinx writes it


def test_a_left_to_right_site_has_no_dir(make_app: Any, tmp_path: Any) -> None:
    """Sphinx's own <html> tag, untouched: English is the default direction."""
    site = build(make_app, "html", srcdir=ROOTS / "test-rtl", builddir=tmp_path,
                 confoverrides={"language": "en"})  # fmt: skip
    for page in ("blog/index", "posts/english", "posts/arabic-1"):
        text = (site.outdir / f"{page}.html").read_text("utf8")
        assert " dir=" not in text, page


def test_a_post_in_english_in_an_arabic_site(rtl_site: Build) -> None:
    page = soup(rtl_site, "posts/english")
    section = page.select_one("div.body > section")
    assert _attrs(section) == ("en", "ltr")
    # the blog's own words in it are the site's, in the site's direction
    assert _attrs(page.select_one(".bp-post-header")) == ("ar", "rtl")
    assert _attrs(page.select_one(".bp-post-nav")) == ("ar", "rtl")
    assert _attrs(page.select_one(".bp-toc [lang]")) == ("en", "ltr")
    # the Arabic posts linked from it are in the site's language: no lang, no dir
    assert all(_attrs(a) == (None, None) for a in page.select(".bp-post-nav a, .bp-related a"))


def test_links_to_the_english_post_say_its_direction(rtl_site: Build) -> None:
    index = soup(rtl_site, "blog/index")
    card = next(c for c in index.select(".bp-card") if "English" in c.get_text())
    assert _attrs(card.select_one(".bp-card-title")) == ("en", "ltr")
    assert _attrs(card.select_one(".bp-card-summary")) == ("en", "ltr")
    other = next(c for c in index.select(".bp-card") if "English" not in c.get_text())
    assert _attrs(other.select_one(".bp-card-title")) == (None, None)
    newer = soup(rtl_site, "posts/arabic-2").select_one(".bp-post-nav a[rel=next]")
    assert _attrs(newer) == ("en", "ltr")
    compact = soup(rtl_site, "blog/archive").select(".bp-compact-item .bp-card-title[lang]")
    assert [_attrs(title) for title in compact] == [("en", "ltr")]


def test_an_arabic_post_among_english_ones_in_any_theme(rtl_post_site: Build) -> None:
    """The default theme (alabaster): the markup is the blog's, whatever the theme."""
    page = soup(rtl_post_site, "posts/arabic")
    assert _attrs(page.html)[1] is None  # the theme's own direction: left to right
    assert _attrs(page.select_one("div.body > section")) == ("ar", "rtl")
    assert _attrs(page.select_one(".bp-post-header")) == ("en", "ltr")
    assert _attrs(page.select_one(".bp-series li[aria-current]")) == ("ar", "rtl")
    for aside in (".bp-series", ".bp-post-nav"):
        assert _attrs(page.select_one(aside)) == ("en", "ltr")
    neighbour = soup(rtl_post_site, "posts/english-1").select_one(".bp-post-nav a[rel=next]")
    assert _attrs(neighbour) == ("ar", "rtl")
    english = soup(rtl_post_site, "posts/english-1").select_one("div.body > section")
    assert _attrs(english) == (None, None)
    index = soup(rtl_post_site, "index")
    titles = index.select(".bp-card-title[lang], .bp-card-summary[lang]")
    assert [_attrs(t) for t in titles] == [("ar", "rtl")] * 4  # cards, then the list


def test_arrows_are_marked_to_turn_round(rtl_site: Build) -> None:
    """Before and after are on the right and the left in a right-to-left page: the arrows'
    class lets the stylesheet turn them round (blogpost.css)."""
    pager = soup(rtl_site, "blog/index").select_one(".bp-pagination a[rel=next]")
    assert pager.select_one(".bp-arrow").get_text() == "\u2192"
    nav = soup(rtl_site, "posts/arabic-2").select(".bp-post-nav .bp-arrow")
    assert [arrow.get_text() for arrow in nav] == ["\u2190", "\u2192"]


def test_a_no_op_build_knows_the_sites_direction_without_asking_babel(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The direction is kept in the environment: Babel reads the language's whole locale data
    to know it (a twentieth of a second), which a no-op build would otherwise pay each time
    (its index and search pages are written every time)."""
    from sphinx_blogpost import context

    out = tmp_path / "out"
    first = build(make_app, "html", srcdir=ROOTS / "test-rtl-post", builddir=out)
    asked: list[str | None] = []

    def spy(language: str | None) -> str:
        asked.append(language)
        return text_direction(language)

    monkeypatch.setattr(context, "text_direction", spy)
    again = build(make_app, "html", srcdir=ROOTS / "test-rtl-post", builddir=out)
    assert first.warnings == again.warnings == []
    assert asked == []


# -- the blog's labels in the right-to-left languages ------------------------------------


@pytest.fixture(scope="module")
def labels_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """An Arabic blog whose posts have 1, 2, 3, 11 and 100 words, read at a word a minute."""
    return _built("test-rtl-labels", tmp_path_factory.mktemp("rtl-labels"))


def _text(tag: Any) -> str:
    return " ".join(tag.get_text(" ").split())


#: Arabic has six plural forms (CLDR): 0, 1, 2, 3-10, 11-99 and the rest (100). One and two
#: are said without the number, in the word's singular and dual.
ARABIC = {
    1: ("دقيقة واحدة للقراءة", "دقيقة واحدة · كلمة واحدة"),
    2: ("دقيقتان للقراءة", "دقيقتان · كلمتان"),
    3: ("3 دقائق للقراءة", "3 دقائق · 3 كلمات"),
    11: ("11 دقيقة للقراءة", "11 دقيقة · 11 كلمة"),
    100: ("100 دقيقة للقراءة", "100 دقيقة · 100 كلمة"),
}


def test_an_arabic_site_says_each_count_in_its_plural_form(labels_site: Build) -> None:
    assert labels_site.warnings == []
    for words, (readtime, meta) in ARABIC.items():
        header = soup(labels_site, f"posts/words-{words}").select_one(".bp-post-header")
        assert _text(header.select_one(".bp-readtime")) == readtime
        assert _text(header.select_one(".bp-words")) == meta.split(" · ")[1]
    # the list layout: "N min · M words", newest first
    home = soup(labels_site, "index")
    assert [_text(p) for p in home.select(".bp-list-item .bp-card-meta")] == [
        meta for _readtime, meta in reversed(ARABIC.values())
    ]
    index = soup(labels_site, "blog/index")  # cards, two a page
    assert [_text(t) for t in index.select(".bp-card .bp-readtime")] == [
        ARABIC[100][0],
        ARABIC[11][0],
    ]
    assert _text(index.select_one(".bp-pagination a[rel=next]")) == "مقالات أقدم →"
    assert [a["aria-label"] for a in index.select(".bp-pagination a.bp-page")] == [
        "الصفحة 2",
        "الصفحة 3",
    ]
    assert "الصفحة 2" in soup(labels_site, "blog/page/2").title.get_text()
    assert _text(soup(labels_site, "blog/page/2").select_one(".bp-pagination a[rel=prev]")) == (
        "← مقالات أحدث"
    )
    post = soup(labels_site, "posts/words-2")
    assert _text(post.select_one(".bp-series-part")) == "الجزء 2 من 3"
    assert [(a["class"], a["data-label"]) for a in post.select(".bp-post-nav > [data-label]")] == [
        (["bp-post-nav-prev"], "مقالة أقدم"), (["bp-post-nav-next"], "مقالة أحدث")
    ]  # fmt: skip
    archive = soup(labels_site, "blog/archive")  # 2025: 5 posts; March 2, February 2, January 1
    assert [_text(c) for c in archive.select(".bp-count .bp-visually-hidden")] == [
        "(5 مقالات)", "(مقالتان)", "(مقالتان)", "(مقالة واحدة)"
    ]  # fmt: skip
    series = soup(labels_site, "blog/series/جولة")
    assert _text(series.select_one(".bp-series-count")) == "3 أجزاء"


def test_a_hebrew_site_says_one_and_two_as_hebrew_does(make_app: Any, tmp_path: Path) -> None:
    """Hebrew's three forms (CLDR): one, two, and the rest."""
    site = build(make_app, "html", srcdir=ROOTS / "test-rtl-labels", builddir=tmp_path,
                 confoverrides={"language": "he"})  # fmt: skip
    assert site.warnings == []
    said = {
        words: [_text(soup(site, f"posts/words-{words}").select_one(f".bp-post-header {kind}"))
                for kind in (".bp-readtime", ".bp-words")]
        for words in (1, 2, 3, 11)
    }  # fmt: skip
    assert said == {
        1: ["דקת קריאה אחת", "מילה אחת"],
        2: ["שתי דקות קריאה", "שתי מילים"],
        3: ["3 דקות קריאה", "3 מילים"],
        11: ["11 דקות קריאה", "11 מילים"],
    }
    archive = soup(site, "blog/archive")
    assert [_text(c) for c in archive.select(".bp-count .bp-visually-hidden")] == [
        "(5 פוסטים)", "(שני פוסטים)", "(שני פוסטים)", "(פוסט אחד)"
    ]  # fmt: skip
    index = soup(site, "blog/index")
    assert _text(index.select_one(".bp-pagination a[rel=next]")) == "פוסטים ישנים יותר →"


@pytest.mark.parametrize(
    ("language", "said"),
    [("ar", {0: "0 كلمة", 1: "كلمة واحدة", 2: "كلمتان", 3: "3 كلمات", 10: "10 كلمات",
             11: "11 كلمة", 99: "99 كلمة", 100: "100 كلمة", 102: "102 كلمة",
             103: "103 كلمات", 111: "111 كلمة", 1000: "1000 كلمة"}),
     ("he", {0: "0 מילים", 1: "מילה אחת", 2: "שתי מילים", 20: "20 מילים"}),
     ("fa", {0: "0 کلمه", 1: "1 کلمه", 2: "2 کلمه"}),
     ("ur", {0: "0 الفاظ", 1: "1 لفظ", 2: "2 الفاظ"})],
)  # fmt: skip
def test_each_count_takes_its_languages_form(language: str, said: dict[int, str]) -> None:
    """Counts a small site does not reach, from the compiled catalog as Sphinx reads it."""
    catalog = gettext.translation("sphinx_blogpost", LOCALE_DIR, [language])
    forms = {n: catalog.ngettext("%(count)d word", "%(count)d words", n) for n in said}
    assert {n: form % {"count": n} for n, form in forms.items()} == said
