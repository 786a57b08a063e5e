"""Words and minutes by SPEC section 3, rendered in the post header, equal in rST and MyST."""

from __future__ import annotations

import dataclasses

import pytest

from .conftest import posts, soup, warnings_of

CASES = [  # (document, words, minutes)
    ("words1796", 1796, 9),
    ("words737", 737, 4),
    ("chinese", 1660, 4),
    ("readtime3", 1500, 3),
]


@pytest.mark.sphinx("html", testroot="readtime")
@pytest.mark.parametrize("suffix", ["", "_md"])
@pytest.mark.parametrize(("doc", "words", "minutes"), CASES)
def test_header_shows_words_and_minutes(app, suffix, doc, words, minutes):
    app.build()
    assert warnings_of(app) == []
    header = soup(app, doc + suffix).select_one(".bp-post-header")
    assert header is not None
    assert header.select_one(".bp-words")["data-words"] == str(words)
    assert header.select_one(".bp-readtime")["data-minutes"] == str(minutes)
    assert header.select_one(".bp-readtime").get_text() == f"{minutes} min read"
    assert header.select_one(".bp-words").get_text() == f"{words} words"


@pytest.mark.sphinx("html", testroot="readtime")
def test_rst_and_myst_give_the_same_post(app):
    app.build()
    records = posts(app)
    for doc, *_ in CASES:
        rst, md = records[doc], records[doc + "_md"]
        assert dataclasses.replace(md, docname=rst.docname) == rst


@pytest.mark.sphinx("html", testroot="readtime")
def test_header_sits_under_the_title(app):
    app.build()
    page = soup(app, "words737")
    title = page.select_one("section > h1")
    assert title.find_next_sibling().get("class") == ["bp-post-header"]
    assert page.select_one("time.bp-date")["datetime"] == "2025-11-02"
    assert page.select_one(".bp-category").get_text() == "Transformer"
    assert [a.get_text() for a in page.select(".bp-tags .bp-tag")] == ["attention"]


def _titles_linking(page, href):
    return [
        a.get_text()
        for a in page.select(f".bp-related a[href='{href}'], .bp-post-nav a[href='{href}']")
    ]


@pytest.mark.sphinx("html", testroot="readtime")
def test_a_post_in_another_language_is_marked_so(app):
    # Screen readers read text in the language its element says: a Chinese post on an
    # English site was read out with English rules.
    app.build()
    page = soup(app, "chinese")
    assert page.select_one("section[lang=zh] > h1").get_text().startswith("Chinese post")
    assert page.select_one("section[lang=zh] > .bp-post-header")["lang"] == "en"  # the site's
    footer = page.select("section[lang=zh] > .bp-related, section[lang=zh] > .bp-post-nav")
    assert [element.get("lang") for element in footer] == ["en", "en"]
    # Links to it from other posts' pages, and only those, are marked.
    for other in ("words737", "readtime3_md"):
        marked = soup(app, other).select("body [lang]")
        assert [(a.name, a["lang"], a.get_text()) for a in marked] == [
            ("a", "zh", title) for title in _titles_linking(soup(app, other), "chinese.html")
        ]
    index = soup(app, "blog/index")
    for card in index.select(".bp-card"):
        title, summary = card.select_one(".bp-card-title"), card.select_one(".bp-card-summary")
        language = "zh" if title.get_text().startswith("Chinese post") else None
        assert title.get("lang") == summary.get("lang") == language
