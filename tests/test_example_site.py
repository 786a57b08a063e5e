"""The example site: builds without warnings, lists page 1 on the blog index, and every post
shows its words and minutes (with the figures the README and docs quote)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import posts, soup, warnings_of

EXAMPLE_SITE = Path(__file__).parents[1] / "example_site"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One build of the example site, shared by the tests of this module."""
    app = SphinxTestApp("html", srcdir=EXAMPLE_SITE, builddir=tmp_path_factory.mktemp("example"))
    app.build()
    app.cleanup()  # its docutils registrations released: other tests build apps of their own
    yield app


def test_builds_without_warnings(site):
    assert warnings_of(site) == []


def test_index_lists_page_one(site):
    records = posts(site)
    listed = sorted(
        (p for p in records.values() if p.date and not p.draft),
        key=lambda p: (p.date.moment, p.docname),
        reverse=True,
    )
    pinned = [p for p in listed if p.pin]
    expected = [p.title for p in (pinned + [p for p in listed if not p.pin])][:12]
    cards = soup(site, "blog/index").select(".bp-card .bp-card-title a")
    assert [a.get_text() for a in cards] == expected


def test_every_post_has_words_and_minutes(site):
    records = posts(site)
    assert len(records) >= 24
    for docname, post in records.items():
        header = soup(site, docname).select_one(".bp-post-header")
        assert int(header.select_one(".bp-words")["data-words"]) == post.words > 0, docname
        assert int(header.select_one(".bp-readtime")["data-minutes"]) == post.minutes > 0
    minutes = {p.minutes for p in records.values()}
    assert min(minutes) == 2 and max(minutes) == 12
    assert (records["posts/mamba"].words, records["posts/mamba"].minutes) == (1796, 9)
    assert (records["posts/clip"].words, records["posts/clip"].minutes) == (737, 4)
    chinese = records["posts/mamba-zh"]
    assert chinese.language == "zh" and chinese.minutes == -(-chinese.words // 500)
