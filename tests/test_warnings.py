"""Bad input: exactly one ``blogpost.<subtype>`` warning each, with file and line; the site is
still built; ``suppress_warnings`` silences each subtype."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import feedparser
import myst_parser
import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from sphinx_blogpost.directives import blogpost_node

from .conftest import build, copy_root, make_site, posts, soup, warnings_of

if TYPE_CHECKING:
    from pathlib import Path

_BAD_READTIME = "readtime 'soon' is not a whole number of minutes, 1 or more"

EXPECTED = {  # (file, line) -> (subtype, part of the message); at the option's own line
    ("ambiguous.rst", 5): ("date", "'01/02/2021' is ambiguous (2021-01-02 or 2021-02-01)"),
    ("badauthor.rst", 6): ("author", "author 'zed' is not in blogpost_authors"),
    ("badcategory.rst", 6): ("category", "category 'Gardening' is not in blogpost_categories"),
    ("baddate.rst", 5): ("date", "cannot read 'next tuesday' as a date"),
    ("badreadtime.md", 5): ("option", _BAD_READTIME),
    ("duplicate.rst", 9): ("duplicate", "a second post declaration is ignored"),
    ("frontmatter_nodate.md", 1): ("date", "the post has no date"),
    # the listing is still made, of the options it knows; the warning is at the option's line
    ("badlist.rst", 8): ("option", "unknown postlist option 'colour'"),
    # a stray item of a list is left out, not the list
    ("frontmatter_nested.md", 4): ("option", "tags: ['1'] is not text; it is left out"),
    # the front matter is taken out of the text MyST parses: the body keeps its line numbers
    ("frontmatter_badlist.md", 11): ("option", "postlist sort 'sideways' is not one of"),
    ("nodate.rst", 4): ("date", "the post has no date"),
    ("notitle.md", 1): ("title", "the post has no title; using 'notitle'"),
    # Hugo's and Jekyll's title, in front matter: the warning says how to make it the title
    ("frontmatter_title.md", 1): ("title", "or set myst_title_to_header = True)"),
    ("unknownopt.rst", 6): ("option", "unknown post option 'colour'"),
    ("stray.rst", 7): ("option", "'this line is not an option' is not a post option"),
    ("stray.rst", 8): ("option", "option 'tags' is given twice; the last one is used"),
    # YAML keeps the last value of a repeated key without a word
    ("frontmatter_repeated.md", 5): ("option", "option 'tags' is given twice; the last one is"),
    # ...in flow style, at top level (ABlog's form) or in a fenced declaration too
    ("frontmatter_repeated_flow.md", 3): ("option", "option 'tags' is given twice; the last"),
    ("top_level_repeated.md", 5): ("option", "option 'tags' is given twice; the last one is"),
    ("fenced_repeated_flow.md", 5): ("option", "option 'tags' is given twice; the last one"),
    # other blog tools' names: beside top-level options, any other key is the page's own
    ("top_level_foreign.md", 4): ("option", "key 'categories' is not a post option; did you me"),
    ("top_level_foreign.md", 6): ("option", "key 'lastmod' is not a post option; did you mean"),
    ("top_level_foreign.md", 7): ("option", "key 'aliases' is not a post option; did you mean"),
    ("top_level_foreign.md", 8): ("option", "key 'redirect_from' is not a post option; did yo"),
    ("material_date.md", 3): ("option", "(Material for MkDocs' form: give 'date' and 'updated"),
    ("material_date.md", 1): ("date", "the post has no date"),
    # a quoted name keeps no comma (a quote closed in its own item is a name's character)
    ("quoted_comma.rst", 6): ("option", "tags: quotes do not keep a comma in a name"),
    # stray.rst's declaration is read with the source; this one (not under the opening title)
    # by docutils: both warn at the line of the problem
    ("stray_labelled.rst", 8): ("option", "'this line is not an option' is not a post option"),
    ("stray_labelled.rst", 9): ("option", _BAD_READTIME),
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


_BAD_DATE = "date: cannot read '2025-01-0x' as a date; the post is not listed"
TOP_LEVEL_LINES = [  # ((file, line), subtype, message): each at the line of the key that sets it
    (("myst_frontmatter.md", 4), "date", _BAD_DATE),
    (("myst_frontmatter.md", 5), "author", "author 'zed' is not in blogpost_authors"),
    (("myst_frontmatter.md", 6), "category", "category 'Gardening' is not in blogpost_categories"),
    (("myst_frontmatter.md", 7), "option", _BAD_READTIME),
    # a docinfo after a comment; `date` and `Authors` become docutils' bibliographic nodes
    (("rst_fields.rst", 6), "date", _BAD_DATE),
    (("rst_fields.rst", 7), "author", "author 'zed' is not in blogpost_authors"),
    (("rst_fields.rst", 8), "category", "category 'Gardening' is not in blogpost_categories"),
    (("rst_fields.rst", 9), "option", _BAD_READTIME),
]


def test_top_level_front_matter_warns_at_the_line_of_each_key(make_app, rootdir, tmp_path):
    """`blogpost: true` beside the options, without ABlog compatibility (test_ablog.py has
    that mode's test): neither MyST's front matter nor rST's docinfo keeps a key's line."""
    result = build(make_app, "html", srcdir=rootdir / "test-top-level-lines", builddir=tmp_path)
    assert sorted(_parse(line) for line in result.warnings) == TOP_LEVEL_LINES
    # the values around the bad ones are read as before
    assert result.posts["myst_frontmatter"].tags == ("lines", "myst")
    assert result.posts["rst_fields"].tags == ("lines", "rst")


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
    # ...and so is it for Sphinx: in the toctree (no `toc.no_title` on every page), in <title>
    links = soup(app, "index").select('a[href="notitle.html"]')
    assert links and all(a.get_text() == "notitle" for a in links)
    assert soup(app, "notitle").title.get_text().startswith("notitle —")
    assert records["duplicate"].date.iso == "2025-01-04"  # the first declaration wins
    assert records["stray"].tags == ("two",)
    assert records["frontmatter_repeated"].tags == ("two",)
    for docname in ("frontmatter_repeated_flow", "top_level_repeated", "fenced_repeated_flow"):
        assert records[docname].tags == ("two",), docname
    assert records["top_level_foreign"].tags == ("hugo",)  # the options are read as before
    assert records["top_level_foreign"].categories == ()
    assert records["quoted_comma"].tags == ('"C', 'the language"', "Python")  # as before
    assert records["frontmatter_nested"].tags == ("ok",)  # the bad item is dropped, the post kept
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
def test_suppress_warnings_silences_each_subtype(make_app, rootdir, tmp_path, subtype):
    app = make_app(
        "html",
        srcdir=rootdir / "test-bad-input",
        builddir=tmp_path,  # not beside the sources: each run reads every document
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
        (10, "config"),
    ]
    assert "blogpost_posts_per_page = 'ten' is invalid" in found[0][2]
    assert app.config.blogpost_posts_per_page == 12
    assert app.config.blogpost_words_per_minute == 212
    assert app.config.blogpost_feeds == ["atom", "rss", "json"]
    assert app.config.blogpost_authors == {}
    assert app.config.blogpost_root == "blog"
    assert app.config.blogpost_title == "Blog"  # feeds require a title
    assert app.config.blogpost_date_format is None
    assert posts(app)["post"].minutes == 1


def test_config_text_must_be_writable_and_author_keys_not_blank(make_app, rootdir, tmp_path):
    result = build(
        make_app, "html", srcdir=rootdir / "test-feeds", builddir=tmp_path,
        confoverrides={
            "blogpost_tagline": "\x1b[31mred\x1b[0m",  # a terminal's colour codes
            "blogpost_authors": {" ": "Blank key"},  # would be blog/author/.html
            "blogpost_feeds": ["atom", "atom"],
            "blogpost_root": " ",  # a folder named by a space
        },
    )  # fmt: skip
    found = sorted(message for _, subtype, message in map(_parse, result.warnings))
    assert len(found) == 3, result.warnings
    assert "blogpost_authors" in found[0] and "expected a key such as 'ada'" in found[0]
    assert "blogpost_root" in found[1] and "expected a folder name" in found[1]
    assert "blogpost_tagline" in found[2] and "without control characters" in found[2]
    page = (result.outdir / "blog/index.html").read_text("utf8")
    assert "\x1b" not in page
    assert page.count('type="application/atom+xml"') == 1  # the feed named twice, linked once


@pytest.mark.parametrize(
    ("name", "value", "error"),
    [
        ("blogpost_authors", {"ada": {"url": "javascript:alert(1)"}}, "url must be an address"),
        ("blogpost_authors", {"ada": {"avatar": " data:image/svg+xml,x"}}, "avatar must be"),
        ("blogpost_authors", {"\u200b": "Nobody"}, "expected a key such as 'ada'"),
        ("blogpost_authors", {"ada": "\u200b"}, "the name has nothing visible in it"),
        ("blogpost_categories", ["notes", "\u200b\u0301"], "has nothing visible in it"),
        ("blogpost_default_author", "\u200b", "expected a name such as 'ada'"),
        ("blogpost_title", "\u200b", "expected some text"),
    ],
)
def test_config_names_must_show_and_links_lead_to_the_web(
    make_app, rootdir, tmp_path, name, value, error
):
    """A name with nothing to see would be a link of no text; `javascript:` a link that runs."""
    result = build(
        make_app, "html", srcdir=rootdir / "test-feeds", builddir=tmp_path,
        confoverrides={name: value},
    )  # fmt: skip
    assert len(result.warnings) == 1, result.warnings
    assert f"{name} = " in result.warnings[0] and error in result.warnings[0]
    assert "[blogpost.config]" in result.warnings[0]


def test_a_root_folder_no_file_system_can_make_warns(make_app, rootdir, tmp_path):
    """A folder name longer than a file's name may be: writing the blog index stopped the
    build (OSError: File name too long)."""
    result = build(
        make_app, "html", srcdir=rootdir / "test-feeds", builddir=tmp_path,
        confoverrides={"blogpost_root": "news/" + "a" * 300},
    )  # fmt: skip
    assert len(result.warnings) == 1, result.warnings
    assert "a folder's name is at most 255 bytes" in result.warnings[0]
    assert "[blogpost.config]" in result.warnings[0]
    assert (result.outdir / "blog/index.html").is_file()


@pytest.mark.parametrize(
    ("root", "error"),
    [
        ("%2e%2e", "that addresses keep as written"),  # `..` to a browser: links broke
        ("news?x", "that addresses keep as written"),
        ("_static", "that folder is Sphinx's own"),
        ("_Images/blog", "that folder is Sphinx's own"),
    ],
)
def test_a_root_folder_links_or_sphinx_would_read_otherwise_warns(
    make_app, rootdir, tmp_path, root, error
):
    result = build(
        make_app, "html", srcdir=rootdir / "test-feeds", builddir=tmp_path,
        confoverrides={"blogpost_root": root},
    )  # fmt: skip
    assert len(result.warnings) == 1, result.warnings
    assert error in result.warnings[0] and "[blogpost.config]" in result.warnings[0]
    assert (result.outdir / "blog/index.html").is_file()


def test_config_accepts_links_within_the_site_and_mail(make_app, rootdir, tmp_path):
    authors = {
        "ada": {"url": "mailto:ada@example.org", "avatar": "_static/ada.png"},
        "ob": {"url": "/people/ob.html", "avatar": "https://example.org/ob.png"},
    }
    result = build(
        make_app, "html", srcdir=rootdir / "test-feeds", builddir=tmp_path,
        confoverrides={"blogpost_authors": authors, "blogpost_default_author": ""},
    )  # fmt: skip
    assert result.warnings == []


def test_a_misspelt_setting_or_option_is_named_with_the_likely_one(make_app, tmp_path):
    conf = (
        'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://x.org/"\n'
        "blogpost_post_per_page = 5\nblogpost_sparkle = True\n"
    )
    files = {"post.rst": "Post\n====\n\n.. blogpost::\n   :date: 2025-01-01\n   :tag: x\n\nT.\n"}
    srcdir = make_site(tmp_path / "src", files, conf)
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert sorted(result.warnings) == [
        f"{srcdir / 'conf.py'}:3: WARNING: blogpost_post_per_page is not a setting of"
        " sphinx-blogpost; did you mean blogpost_posts_per_page? [blogpost.config]",
        f"{srcdir / 'conf.py'}:4: WARNING: blogpost_sparkle is not a setting of"
        " sphinx-blogpost [blogpost.config]",
        f"{srcdir / 'post.rst'}:6: WARNING: unknown post option 'tag'; did you mean 'tags'?"
        " [blogpost.option]",
    ]


def test_categories_can_be_given_on_the_command_line(make_app, rootdir, tmp_path):
    # `-D blogpost_categories=a,b` gives text: Sphinx splits it only for a list default
    result = build(
        make_app,
        "html",
        srcdir=rootdir / "test-bad-input",
        builddir=tmp_path / "out",
        confoverrides={"blogpost_categories": "Transformer, Gardening"},
    )
    assert not [line for line in result.warnings if "blogpost.c" in line]  # config, category


# -- every bad value at once ---------------------------------------------------------------
SCRIPT = "<script>alert(1)</script>"
BAD_VALUES = {  # each in a post of its own, beside a valid date (except for the date)
    "date": ["", "2024-13-45", "yesterday", "2024-02-30", "99999-01-01", "2024-01-01T25:00",
             "1/2/2024", "2024-01-01 10:00 +99:00", SCRIPT],
    "updated": ["garbage", "2024-02-30", SCRIPT, "2025-01-31"],  # the last: before the date
    "category": [",", SCRIPT, "c" * 300],
    "tags": [",,,", SCRIPT, "t" * 300, "#hash, %pct, ?q", "ok, \u200b"],  # zero-width space
    "author": ["nobody", SCRIPT],
    "readtime": ["-3", "abc", "1.5", "²"],  # "²".isdigit(), but int() refuses it
    "series": [SCRIPT, "\u0301"],  # an accent on nothing: a link of no text
    "summary": [SCRIPT, "]]>", "\x1fsum"],  # a control str.strip() takes for a space
    "image": ["missing.png", "javascript:alert(1)", "../../outside.png", "javascript://%0aalert(1)"],
    "pin": ["maybe"],
    "draft": ["maybe"],
    "nocomments": ["maybe"],
    "language": [SCRIPT],
    "colour": ["blue"],
}  # fmt: skip
BAD_FRONT_MATTER = [  # YAML a post cannot take
    "blogpost:\n  date: 2025-02-02\n  tags: [[1], ok]",
    "blogpost:\n  date: 2025-02-02\n  category: {a: 1}",
    "blogpost:\n  date: [2025]",
    "blogpost:\n  date: yes",  # YAML's True
    "blogpost:\n  date: 2025-02-02\n  series: !!set {b, a}",  # warned alike every time
    "blogpost:\n  date: [2025-02-09, 2025-02-10]",
    "blogpost: true\ndate: 2025-02-02\ntags: {a: 1}",
    "blogpost:\n  date: 2025-02-02\n  draft: maybe",
    "blogpost:\n  date: 2025-02-30",  # YAML's own date reading stops at it
    'blogpost:\n  date: 2025-02-02\n  summary: "a lone \\ud800 surrogate"',  # no UTF-8 for it
    'blogpost:\n  date: 2025-02-02\n  series: "a NUL \\0 and an escape \\e"',
    "blogpost:\n  date: 2025-02-02\n  tags: [fine, null, yes]",  # YAML's None and True
    "blogpost:\n  date: 2025-02-02\n  updated: 2025-13-01T10:00:00",
]
# the first is nothing once they are left out; the last, a control str.strip() takes for a space
CONTROL_TITLES = ["\x01", "D\x01\x02", "\x1fE\x85"]
#: Whether the Markdown parser leaves U+001F and U+0085 at a heading's ends for us to see:
#: markdown-it-py 3 (under MyST 4.0) strips them as white space, so no title has them.
_HEADINGS_KEEP_CONTROLS = (
    MarkdownIt().parse("# \x1fE\x85\n")[1].children[0].content != "E"  # type: ignore[index]
)
NOT_DECLARATIONS = [  # a `blogpost` key that neither declares a post nor says it is none
    "blogpost: maybe\ndate: 2025-02-02",
    "blogpost: [date, today]",  # (a YAML date in a list stops MyST 4.0 itself: JSON)
    "blogpost:\ndate: 2025-02-02",  # the options not indented under it
]
BAD_LISTINGS = [
    ":bogus: x",
    ":sort: sideways",
    ":limit: abc",
    ":year: 20x5",
    ":limit: ²",
    f":category: {SCRIPT}",
]
_OUR_WARNING = re.compile(r"^\S+:\d+: WARNING: .+ \[blogpost\.\w+\]$")


def _write_bad_posts(srcdir: Path) -> None:
    posts_dir = srcdir / "posts"
    for option, values in BAD_VALUES.items():
        for number, value in enumerate(values):
            title = f"Bad {option} {number} {SCRIPT}"
            date = "" if option == "date" else "   :date: 2025-02-01\n"
            (posts_dir / f"bad-{option}-{number}.rst").write_text(
                f"{title}\n{'=' * len(title)}\n\n.. blogpost::\n{date}   :{option}: {value}\n\n"
                "Some text.\n"
            )
    for number, front_matter in enumerate(BAD_FRONT_MATTER):
        (posts_dir / f"bad-yaml-{number}.md").write_text(
            f"---\n{front_matter}\n---\n# Bad YAML {number}\n\nSome text.\n"
        )
    for number, title in enumerate(CONTROL_TITLES):
        (posts_dir / f"bad-title-{number}.md").write_text(
            f"---\nblogpost:\n  date: 2025-02-02\n---\n# {title}\n\nSome text.\n"
        )
    for number, front_matter in enumerate(NOT_DECLARATIONS):
        (posts_dir / f"not-a-post-{number}.md").write_text(
            f"---\n{front_matter}\n---\n# Not a post {number}\n\nSome text.\n"
        )
    listings = "\n".join(f".. postlist::\n   {option}\n" for option in BAD_LISTINGS)
    with (srcdir / "index.rst").open("a") as index:
        index.write("\n" + listings)


@pytest.mark.parametrize("theme", ["alabaster", "dispatches"])
def test_every_bad_value_warns_with_its_line_and_the_site_is_built(make_app, tmp_path, theme):
    srcdir = copy_root("every-bad-value", tmp_path)
    _write_bad_posts(srcdir)
    result = build(
        make_app,
        "html",
        srcdir=srcdir,
        builddir=tmp_path / "out",
        confoverrides={"html_theme": theme},
    )
    # Only blogpost.* warnings, each with its file and line (no docutils error, no crash).
    assert [line for line in result.warnings if not _OUR_WARNING.match(line)] == []
    warned = {line.split(":", 1)[0].rsplit("/", 1)[-1].split(".")[0] for line in result.warnings}
    written = {p.stem for p in (srcdir / "posts").iterdir()}
    # What is left is valid: text, or an empty list ("," "") which names nothing
    quiet = [] if _HEADINGS_KEEP_CONTROLS else ["bad-title-2"]
    assert sorted(written - warned) == sorted([
        "bad-category-0", "bad-category-1", "bad-category-2", "bad-series-0", "bad-summary-0",
        "bad-summary-1", "bad-tags-0", "bad-tags-1", "bad-tags-2", "bad-tags-3", "good", *quiet,
    ])  # fmt: skip
    assert "index" in warned  # its listings
    bare = next(line for line in result.warnings if "not-a-post-2.md" in line)
    assert "blogpost: (nothing) declares no post" in bare  # not Python's None
    index = json.loads((result.outdir / "blog" / "index.json").read_text("utf8"))
    assert "posts/good" in {post["docname"] for post in index["posts"]}
    bad_posts = sum(map(len, BAD_VALUES.values())) + len(BAD_FRONT_MATTER) + len(CONTROL_TITLES)
    assert len(result.posts) == 1 + bad_posts
    assert result.posts["posts/bad-title-0"].title == "bad-title-0"
    assert result.posts["posts/bad-title-1"].title == "D"
    assert result.posts["posts/bad-title-2"].title == "E"
    # Metadata is text everywhere: escaped in HTML, well-formed in the feeds.
    for page in result.outdir.rglob("*.html"):
        text = page.read_text("utf8")
        assert SCRIPT not in text and "\x00" not in text and "\x1b" not in text, page
        assert "javascript:" not in text, page  # no cover with that scheme: a link to it runs
    # ...and escaped once: the text reads as written (a page's title is HTML to themes)
    series = BeautifulSoup(
        (result.outdir / "blog/series/script-alert-1-script.html").read_text("utf8"), "html.parser"
    )
    assert series.title.get_text().startswith(f"Series: {SCRIPT} ")
    assert series.select_one("h1").get_text() == f"Series: {SCRIPT}"
    feeds = sorted(result.outdir.rglob("*.xml"))
    assert feeds and [f for f in feeds if feedparser.parse(f.read_bytes()).bozo] == []
    for data in result.outdir.rglob("*.json"):
        json.loads(data.read_text("utf8"))


def test_controls_that_python_takes_for_spaces_warn_in_ablog_values(make_app, tmp_path):
    """U+001F and U+0085 are white space to str.strip() and str.split(): ABlog's title, read
    with its spaces collapsed, and its comma-separated tags, stripped, kept none of them."""
    conf = (
        'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://x.org/"\n'
        "blogpost_ablog_compat = True\n"
    )
    files = {
        "rst.rst": "R\n=\n\n.. post:: 2025-01-01\n   :title: T\x1fU\n\nText.\n",
        "md.md": '---\nblogpost: true\ndate: 2025-01-01\ntags: "\\u0085next, ok"\n---\n# M\n',
    }
    srcdir = make_site(tmp_path / "src", files, conf)
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert sorted(_parse(line)[:2] for line in result.warnings) == [
        (("md.md", 4), "option"),  # tags has control characters, which are left out
        (("rst.rst", 4), "title"),  # the title has control characters
    ]
    assert result.posts["rst"].title == "TU"
    assert result.posts["md"].tags == ("next", "ok")


def test_a_summary_made_from_the_text_leaves_its_controls_out(make_app, tmp_path):
    """The body is Sphinx's to show as written; its copy in listings, feeds and sharing tags
    holds only what HTML and XML take, as the `summary` option and the title do."""
    conf = 'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://x.org/"\n'
    files = {
        "index.rst": "Site\n====\n\n.. toctree::\n   :glob:\n\n   *\n\n.. postlist::\n",
        "post.rst": "Post\n====\n\n.. blogpost::\n   :date: 2025-01-01\n\nA \x01bell\x07.\n",
    }
    srcdir = make_site(tmp_path / "src", files, conf)
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert result.posts["post"].summary == "A bell."
    page = BeautifulSoup((result.outdir / "post.html").read_text("utf8"), "html.parser")
    assert page.select_one('meta[property="og:description"]')["content"] == "A bell."
    assert "A \x01bell\x07." in page.get_text()  # the body as written
    index = BeautifulSoup((result.outdir / "index.html").read_text("utf8"), "html.parser")
    assert index.select_one(".bp-card-summary").get_text() == "A bell."


def test_yaml_that_yaml_cannot_construct_warns_and_the_site_is_built(make_app, tmp_path):
    srcdir = copy_root("every-bad-value", tmp_path)
    fence = "```"
    files = {
        "fenced.md": f"# Fenced\n\n{fence}{{blogpost}}\n---\ndate: 2025-02-02\n"
        f"readtime: !!int abc\n---\n{fence}\n\nText.\n",
        "listed.md": f"# Listed\n\n{fence}{{postlist}}\n---\nlimit: !!int abc\n---\n{fence}\n",
    }
    for name, text in files.items():
        (srcdir / "posts" / name).write_text(text)
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    found = sorted(_parse(line) for line in result.warnings if "[blogpost." in line)
    # The values are read as written, and warned about at their lines.
    assert found == [
        (("fenced.md", 6), "option", _BAD_READTIME.replace("soon", "abc")),
        (("listed.md", 5), "option", "postlist limit 'abc' is not a number of posts"),
    ]
    assert (result.outdir / "posts/listed.html").exists()


def _laughs(depth: int) -> list[str]:
    """YAML lines of a list nested *depth* times, each level nine aliases of the one below:
    9**depth items from a few hundred bytes ("billion laughs")."""
    lines = ["lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, depth):
        lines.append(f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * 9)}]")
    return lines


def test_yaml_aliases_nested_many_times_over_are_warned_about_in_a_line(make_app, tmp_path):
    """A value's repr in a warning is cut short: nine to the ninth items would be gigabytes
    (here nine to the sixth, megabytes, keeps the test quick without the cut)."""
    laughs, fence = _laughs(6), "```"
    files = {
        "front.md": "\n".join(
            ["---", "blogpost:", "  date: 2025-01-01", *(f"  {line}" for line in laughs),
             "  tags: [*lol5]", "---", "# Front", "", "Text."]
        ),
        "fenced.md": "\n".join(
            ["# Fenced", "", f"{fence}{{blogpost}}", "---", "date: 2025-01-01", *laughs,
             "category: [*lol5]", "---", fence, "", "Text."]
        ),
        "listed.md": "\n".join(
            ["# Listed", "", f"{fence}{{postlist}}", "---", *laughs, "tags: [*lol5]", "---",
             fence]
        ),
    }  # fmt: skip
    conf = 'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://x.org/"\n'
    srcdir = make_site(tmp_path / "src", files, conf)
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    found = [line for line in result.warnings if "is not text" in line]
    assert len(found) == 3, result.warnings
    assert all(len(line) < 2500 for line in found), [len(line) for line in found]
    assert any("front.md:10: WARNING: tags: [[[[...], [...]," in line for line in found)
    assert result.posts["front"].tags == () and result.posts["fenced"].categories == ()


def test_front_matter_beside_a_post_may_name_itself_and_nest_aliases(make_app, tmp_path):
    """The keys beside a `blogpost` mapping are handed back to MyST, which warns about the
    ones it cannot show: a list that holds itself, or nine to the ninth items from aliases,
    are handed back as YAML made them, not copied out (no end, no memory left)."""
    if int(myst_parser.__version__.split(".")[0]) < 5:
        pytest.skip("MyST 4 writes front matter as JSON: such a list stops it, extension or not")
    files = {
        "itself.md": "---\nself: &s [*s, x]\nblogpost:\n  date: 2025-01-01\n---\n# Itself\n",
        "laughs.md": "\n".join(
            ["---", *_laughs(9), "blogpost:", "  date: 2025-01-02", "---", "# Laughs", ""]
        ),
    }
    conf = 'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://x.org/"\n'
    srcdir = make_site(tmp_path / "src", files, conf)
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert all("[myst.topmatter]" in line for line in result.warnings), result.warnings
    assert result.posts["itself"].date is not None and result.posts["laughs"].date is not None


def test_yaml_that_yaml_cannot_parse_warns_in_one_line_at_its_problem(make_app, tmp_path):
    fence = "```"
    files = {
        "post.md": f"# Post\n\n{fence}{{blogpost}}\n---\ndate: 2025-01-01\ntags: [a\n"
        f"series: b\n---\n{fence}\n\nText.\n",
        "listed.md": f"# Listed\n\n{fence}{{postlist}}\n---\ntags: x\n  limit: 2\n---\n{fence}\n",
    }
    conf = 'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://x.org/"\n'
    srcdir = make_site(tmp_path / "src", files, conf)
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    # YAML's message quotes the text over several lines; the warning is one, at the problem
    assert [line for line in result.warnings if not _OUR_WARNING.match(line)] == []
    found = sorted(_parse(line) for line in result.warnings if "not valid YAML" in line)
    assert [(where, subtype) for where, subtype, _ in found] == [
        (("listed.md", 6), "option"),
        (("post.md", 7), "option"),  # the line where YAML finds the `[` unclosed
    ]
    assert "while parsing a flow sequence: expected ',' or ']'" in found[1][2]


def test_a_page_whose_front_matter_yaml_cannot_read_is_left_to_myst(make_app, tmp_path):
    srcdir = copy_root("every-bad-value", tmp_path)
    (srcdir / "page.md").write_text("---\ntags: [a\n---\n# Page\n\nText.\n")
    with (srcdir / "index.rst").open("a") as index:
        index.write("   page\n")
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    # Not a post: MyST says its front matter cannot be read, and nothing else does.
    assert (
        [w for w in result.warnings if "page.md" in w]
        == [w for w in result.warnings if "page.md" in w and "[myst.topmatter]" in w]
        != []
    )
    assert (result.outdir / "page.html").exists()


def test_a_post_whose_front_matter_yaml_cannot_read_says_so_at_the_problem(make_app, tmp_path):
    """MyST's "Malformed YAML", at the first line, was all that said a post was lost."""
    files = {
        "unclosed.md": "---\nblogpost:\n  date: 2025-01-01\n  tags: [a\n  series: b\n---\n# U\n",
        "top_level.md": "---\nblogpost: true\ndate: 2025-01-01\ntags: [a\n---\n# T\n",
    }
    conf = 'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://x.org/"\n'
    srcdir = make_site(tmp_path / "src", files, conf)
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    ours = sorted(_parse(line) for line in result.warnings if "[blogpost." in line)
    assert [(where, subtype) for where, subtype, _ in ours] == [
        (("top_level.md", 5), "option"),  # the closing line: YAML finds no `]` before it
        (("unclosed.md", 5), "option"),  # where YAML finds the `[` unclosed
    ]
    assert all("the front matter is not valid YAML: " in message for *_, message in ours)
    assert all(message.endswith("; the post is not read") for *_, message in ours)
    assert len([line for line in result.warnings if "[myst.topmatter]" in line]) == len(files)


#: Front matter MyST reads beside the post's options: its html_meta must reach the page.
_KEPT = "myst:\n  html_meta:\n    x-kept: kept\n"


def _kept(outdir: Path, page: str) -> list[str]:
    html = BeautifulSoup((outdir / f"{page}.html").read_text("utf8"), "html.parser")
    return [str(meta["content"]) for meta in html.select('meta[name="x-kept"]')]


def test_a_character_yaml_cannot_read_is_removed_from_front_matter(make_app, tmp_path):
    """YAML refuses a whole text for one control character (DEL): MyST 4.0 let that stop the
    build, MyST 5 dropped the front matter, and the post with it. The character is removed,
    on any Markdown page (the build must not stop), and said at its line; the same on both."""
    files = {
        # the post's mapping, taken out of the text; a character in it, and in MyST's keys
        "mapping.md": (
            f'---\nblogpost:\n  date: 2025-01-01\n  summary: "a\x7fb"\n  tags: t\n{_KEPT}'
            "orphan: tr\x01ue\n---\n# Mapping\n\nText.\n"
        ),
        # ABlog's form, left to MyST too: two characters on one line are one warning
        "top_level.md": (
            f"---\nblogpost: true\ndate: 2025-01-02\ntags: \x01u\x7f, \x01v\n{_KEPT}---\n"
            "# Top level\n\nText.\n"
        ),
        # a page, not a post; the body's own DEL is not the front matter's, and stays
        "page.md": f"---\n{_KEPT}title: x\x7fy\n---\n# Page\n\nBody a\x7fb.\n",
    }
    conf = 'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://x.org/"\n'
    srcdir = make_site(tmp_path / "src", files, conf)
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    # nothing from MyST ("Malformed YAML"): the front matter is read
    assert [line for line in result.warnings if "[blogpost." not in line] == []
    assert sorted(_parse(line) for line in result.warnings) == [
        (("mapping.md", 4), "option", "character U+007F removed from the front matter: "
         "YAML cannot read it"),
        (("mapping.md", 9), "option", "character U+0001 removed from the front matter: "
         "YAML cannot read it"),
        (("page.md", 5), "option", "character U+007F removed from the front matter: "
         "YAML cannot read it"),
        (("top_level.md", 4), "option", "characters U+0001, U+007F removed from the front "
         "matter: YAML cannot read them"),
    ]  # fmt: skip
    mapping, top_level = result.posts["mapping"], result.posts["top_level"]
    assert (mapping.date.iso, mapping.summary, mapping.tags) == ("2025-01-01", "ab", ("t",))
    assert (top_level.date.iso, top_level.tags) == ("2025-01-02", ("u", "v"))
    for page in files:
        assert _kept(result.outdir, page.removesuffix(".md")) == ["kept"], page
    assert "Body a\x7fb." in (result.outdir / "page.html").read_text("utf8")


def test_a_date_yaml_cannot_make_is_read_as_text(make_app, tmp_path):
    """YAML takes ``2025-02-30`` for a date and cannot make it: MyST 4.0 let that stop the
    build, MyST 5 dropped the page's front matter. The value is quoted for MyST, which reads
    it as text; a post's own date says so in its date warning, any other value in one of its
    own, at its line; the same on both."""
    files = {
        "post.md": f"---\nblogpost: true\ndate: 2025-02-30\ntags: t\n{_KEPT}---\n# Post\n",
        "updated.md": (
            f"---\nblogpost: true\ndate: 2025-01-01\nupdated: 2025-01-01 25:00\n{_KEPT}---\n"
            "# Updated\n"
        ),
        "page.md": f"---\ndate: 2025-13-01  # a comment\nhex: 0x_\n{_KEPT}---\n# Page\n",
        # a tag's value, quoted as written; YAML lets `!!bool maybe` out as a KeyError, which
        # stopped the build in this extension's reading, and stops MyST (4 and 5)
        "tagged.md": f"---\ndate: !!timestamp 2025-02-30\nflag: !!bool maybe\n{_KEPT}---\n# T\n",
        # ...in the post's own options too: an option's value, as any other
        "mapped.md": f"---\nblogpost:\n  date: 2025-01-01\n  pin: !!bool maybe\n{_KEPT}---\n# M\n",
    }
    conf = 'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://x.org/"\n'
    srcdir = make_site(tmp_path / "src", files, conf)
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert [line for line in result.warnings if "[blogpost." not in line] == []  # MyST's
    assert sorted(_parse(line) for line in result.warnings) == [
        (("mapped.md", 4), "option", "option 'pin' is a flag; 'maybe' is not true or false"),
        (("page.md", 2), "option", "date: '2025-13-01' is not a date YAML can read; it is "
         "read as text"),
        (("page.md", 3), "option", "hex: '0x_' is not a number YAML can read; it is read "
         "as text"),
        (("post.md", 3), "date", "date: cannot read '2025-02-30' as a date; the post is not "
         "listed"),
        (("tagged.md", 2), "option", "date: '!!timestamp 2025-02-30' is not a date YAML "
         "can read; it is read as text"),
        (("tagged.md", 3), "option", "flag: '!!bool maybe' is not a boolean YAML can read; "
         "it is read as text"),
        (("updated.md", 4), "date", "updated: cannot read '2025-01-01 25:00' as a date"),
    ]  # fmt: skip
    assert result.posts["post"].tags == ("t",)
    assert result.posts["updated"].date.iso == "2025-01-01"
    for page in files:
        assert _kept(result.outdir, page.removesuffix(".md")) == ["kept"], page


# -- postlist: options read from the directive's content, each problem at its own line ------
POSTLIST_EXPECTED = {  # (file, line) -> part of the message, all [blogpost.option]
    ("lists.rst", 7): "option 'layout' is given twice; the last one is used",
    ("lists.rst", 10): "unknown postlist option 'colour'",
    ("lists.rst", 11): "postlist limit 'abc' is not a number of posts",
    ("lists.rst", 12): "postlist layout 'grid' is not one of cards, list, compact",
    ("lists.rst", 15): "'2' is not a postlist option (':name: value'; a number of posts is "
    "':limit: 2')",
    ("lists.rst", 20): "'Not an option.' is not a postlist option (':name: value')",
    # the file the directive is written in, not the document that includes it
    ("_included.txt", 3): "option 'limit' is given twice; the last one is used",
    ("lists_md.md", 6): "option 'layout' is given twice; the last one is used",
    ("lists_md.md", 10): "unknown postlist option 'colour'",
    ("lists_md.md", 11): "postlist limit 'abc' is not a number of posts",
    ("lists_md.md", 12): "postlist layout 'grid' is not one of cards, list, compact",
    ("lists_md.md", 16): "'2' is not a postlist option (':name: value'; a number of posts is "
    "':limit: 2')",
    # the YAML form: YAML itself keeps the last value of a repeated key without a word
    ("lists_md.md", 23): "option 'layout' is given twice; the last one is used",
    ("lists_md.md", 29): "postlist limit: ['1'] is not text; it is ignored",
    ("lists_md.md", 30): "postlist tags: None is not text; it is left out",
    # a post option, in a declaration docutils parses below rst_prolog's lines
    ("third.rst", 8): _BAD_READTIME,
}


@pytest.mark.sphinx("html", testroot="postlist-options", freshenv=True)  # each document read
def test_each_postlist_problem_warns_at_the_line_of_its_option(app):
    app.build()
    found = [_parse(line) for line in warnings_of(app)]
    assert sorted(where for where, *_ in found) == sorted(POSTLIST_EXPECTED)
    for where, subtype, message in found:
        assert subtype == "option", where
        assert POSTLIST_EXPECTED[where] in message, where


@pytest.mark.sphinx("html", testroot="postlist-options")
def test_a_postlist_with_problems_is_still_made_of_the_rest(app):
    app.build()

    def listings(page: str) -> list[tuple[str, list[str]]]:
        return [
            (listing["class"][1], [a.get_text() for a in listing.select(".bp-card-title a")])
            for listing in soup(app, page).select(".bp-listing")
        ]

    newest_first = ["Gamma post", "Beta post", "Alpha post"]
    both = [
        ("bp-layout-list", ["Gamma post"]),  # an option given twice: the last value
        ("bp-layout-cards", sorted(newest_first)),  # bad limit and layout: their defaults
        ("bp-layout-cards", newest_first),  # the argument is not a limit
    ]
    rst_only = [
        ("bp-layout-cards", newest_first[::-1]),  # without the line of text
        ("bp-layout-cards", newest_first[:2]),  # included: its last limit
    ]
    assert listings("lists") == both + rst_only
    assert listings("lists_md") == [
        *both,
        ("bp-layout-list", ["Gamma post"]),  # YAML, with a repeated key
        # a YAML list of tags, less its null (not the whole filter); no limit
        ("bp-layout-cards", ["Beta post", "Alpha post"]),
    ]


def test_suppress_warnings_silences_postlist_problems(make_app, rootdir, tmp_path):
    result = build(
        make_app,
        "html",
        srcdir=rootdir / "test-postlist-options",
        builddir=tmp_path,
        confoverrides={"suppress_warnings": ["blogpost.option"]},
    )
    assert result.warnings == []
    page = BeautifulSoup((result.outdir / "lists.html").read_text("utf8"), "html.parser")
    assert len(page.select(".bp-listing")) == 5  # the problems still have their effect


def test_keys_yaml_reads_as_null_true_numbers_or_dates_are_named_as_written(make_app, tmp_path):
    """YAML reads the key `null` (and `~`, `NULL`) as None, `true` as True, `1` as 1 and
    `2025-01-01` as a date: an unknown option is named as the user wrote it, at its line."""
    fence = "```"
    keys = ["null: a", "~: b", "NULL: c", "true: d", "1: e", "2025-01-01: f"]
    files = {
        "front.md": "\n".join(
            ["---", "blogpost:", "  date: 2025-01-01", *(f"  {key}" for key in keys), "---",
             "# Front", "", "Text."]
        ),
        "fenced.md": "\n".join(
            ["# Fenced", "", f"{fence}{{blogpost}}", "---", "date: 2025-01-01", *keys, "---",
             fence, "", "Text."]
        ),
        "listed.md": "\n".join(["# Listed", "", f"{fence}{{postlist}}", "---", *keys[:2],
                                "---", fence]),
    }  # fmt: skip
    conf = 'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://x.org/"\n'
    srcdir = make_site(tmp_path / "src", files, conf)
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    found = sorted(_parse(line) for line in result.warnings)
    written = ["null", "~", "NULL", "true", "1", "2025-01-01"]
    assert found == sorted(
        [(("front.md", 4 + n), "option", f"unknown post option {key!r}")
         for n, key in enumerate(written)]
        + [(("fenced.md", 6 + n), "option", f"unknown post option {key!r}")
           for n, key in enumerate(written)]
        + [(("listed.md", 5 + n), "option", f"unknown postlist option {key!r}")
           for n, key in enumerate(written[:2])]
    )  # fmt: skip
