"""Bad input: exactly one ``blogpost.<subtype>`` warning each, with file and line; the site is
still built; ``suppress_warnings`` silences each subtype."""

from __future__ import annotations

import pytest

from sphinx_blogpost.directives import blogpost_node

from .conftest import posts, soup, warnings_of

EXPECTED = {  # (file, line) -> (subtype, part of the message)
    ("ambiguous.rst", 4): ("date", "'01/02/2021' is ambiguous (2021-01-02 or 2021-02-01)"),
    ("badauthor.rst", 4): ("author", "author 'zed' is not in blogpost_authors"),
    ("badcategory.rst", 4): ("category", "category 'Gardening' is not in blogpost_categories"),
    ("baddate.rst", 4): ("date", "cannot read 'next tuesday' as a date"),
    ("badreadtime.md", 3): ("option", "readtime 'soon' is not a whole number of minutes"),
    ("duplicate.rst", 9): ("duplicate", "a second post declaration is ignored"),
    ("frontmatter_nodate.md", 1): ("date", "the post has no date"),
    # the listing is still made, of the options it knows
    ("badlist.rst", 7): ("option", "unknown postlist option 'colour'"),
    ("frontmatter_nested.md", 1): ("option", "tags: [[1], 'ok'] is not text or a list of text"),
    # the front matter is taken out of the text MyST parses: the body keeps its line numbers
    ("frontmatter_badlist.md", 10): ("option", "postlist sort 'sideways' is not one of"),
    ("nodate.rst", 4): ("date", "the post has no date"),
    ("notitle.md", 5): ("title", "the post has no title; using 'notitle'"),
    ("unknownopt.rst", 4): ("option", "unknown post option 'colour'"),
    ("stray.rst", 7): ("option", "'this line is not an option' is not a post option"),
    ("stray.rst", 8): ("option", "option 'tags' is given twice; the last one is used"),
    # stray.rst's declaration is read with the source; this one (not under the opening title)
    # by docutils: both warn at the line of the problem
    ("stray_labelled.rst", 8): ("option", "'this line is not an option' is not a post option"),
    # MyST gives a directive's content offset from its opening line, docutils from the file's
    ("stray_myst.md", 8): ("option", "'this line is not an option' is not a post option"),
}


def _parse(line: str) -> tuple[tuple[str, int], str, str]:
    location, _, rest = line.partition(": WARNING: ")
    path, _, lineno = location.rpartition(":")
    message, _, subtype = rest.rpartition(" [blogpost.")
    return (path.rsplit("/", 1)[-1], int(lineno)), subtype.rstrip("]"), message


@pytest.mark.sphinx("html", testroot="bad-input")
def test_each_bad_input_gives_exactly_its_warning(app):
    app.build()
    found = [_parse(line) for line in warnings_of(app)]
    assert sorted(where for where, *_ in found) == sorted(EXPECTED)
    for where, subtype, message in found:
        expected_subtype, expected_text = EXPECTED[where]
        assert subtype == expected_subtype, where
        assert expected_text in message, where


@pytest.mark.sphinx("html", testroot="bad-input")
def test_the_rest_of_the_site_is_built(app):
    app.build()
    records = posts(app)
    assert records["good"].date is not None
    assert records["nodate"].date is None and not records["nodate"].is_listed(drafts=True)
    assert records["ambiguous"].date is None
    # an unknown author is kept as a plain name, an unlisted category is kept
    assert [a.name for a in records["badauthor"].authors] == ["zed"]
    assert records["badcategory"].categories == ("Gardening",)
    assert records["badreadtime"].minutes == 1  # computed, since the override was bad
    assert records["notitle"].title == "notitle"
    assert records["duplicate"].date.iso == "2025-01-04"  # the first declaration wins
    assert records["stray"].tags == ("two",)
    assert records["frontmatter_nested"].tags == ()  # the bad value is dropped, the post kept
    assert records["frontmatter_nested"].date is not None
    assert len(soup(app, "badlist").select(".bp-listing .bp-card")) == 2
    for doc in EXPECTED:
        page = soup(app, doc[0].rsplit(".", 1)[0])
        assert page.select_one(".bp-post-header") is not None, doc
    assert len(soup(app, "duplicate").select(".bp-post-header")) == 1
    # ...and is dropped when the document is read: writing its page finds the one it has
    assert len(list(app.env.get_doctree("duplicate").findall(blogpost_node))) == 1


SUBTYPES = sorted({subtype for subtype, _ in EXPECTED.values()})


@pytest.mark.parametrize("subtype", SUBTYPES)
def test_suppress_warnings_silences_each_subtype(make_app, rootdir, subtype):
    app = make_app(
        "html",
        srcdir=rootdir / "test-bad-input",
        confoverrides={"suppress_warnings": [f"blogpost.{subtype}"]},
    )
    app.build()
    remaining = {_parse(line)[1] for line in warnings_of(app)}
    assert subtype not in remaining
    assert remaining == set(SUBTYPES) - {subtype}


@pytest.mark.sphinx("html", testroot="bad-config")
def test_bad_config_values_warn_and_fall_back_to_defaults(app):
    app.build()
    found = sorted(_parse(line) for line in warnings_of(app))
    assert [(where[1], subtype) for where, subtype, _ in found] == [
        (3, "config"),
        (4, "config"),
        (5, "config"),
        (6, "config"),
        (7, "config"),
        (9, "config"),
    ]
    assert "blogpost_posts_per_page = 'ten' is invalid" in found[0][2]
    assert app.config.blogpost_posts_per_page == 12
    assert app.config.blogpost_words_per_minute == 212
    assert app.config.blogpost_feeds == ["atom", "rss", "json"]
    assert app.config.blogpost_authors == {}
    assert app.config.blogpost_root == "blog"
    assert app.config.blogpost_title == "Blog"  # feeds require a title
    assert posts(app)["post"].minutes == 1
