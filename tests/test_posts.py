"""The pure functions behind a Post: dates, option values, words, minutes, summaries, slugs."""

from __future__ import annotations

import pickle
import random
import subprocess
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from sphinx_blogpost.posts import (
    SLUG_LENGTH,
    Author,
    DateError,
    Post,
    count_words,
    inline_mathml,
    language_tag,
    leading_paragraphs,
    parse_date,
    parse_options,
    reading_minutes,
    slugify,
    split_list,
)

if TYPE_CHECKING:
    from sphinx_blogpost.warnings_ import BlogpostWarning


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2025-12-18", "2025-12-18"),
        ("2026-01-05 14:30", "2026-01-05T14:30:00+00:00"),
        ("2026-01-05T14:30:00+01:00", "2026-01-05T14:30:00+01:00"),
        ("2026-01-05T14:30Z", "2026-01-05T14:30:00+00:00"),
        ("5 Jan 2021", "2021-01-05"),
        ("January 5, 2021", "2021-01-05"),
        ("13/01/2021", "2021-01-13"),  # only one reading is a real date
        ("2021/01/02", "2021-01-02"),  # year first is read as year-month-day
        ("Jan 5 2021 10:15", "2021-01-05T10:15:00+00:00"),
        ("Jan 5 2021 10:15 UTC", "2021-01-05T10:15:00+00:00"),
        ("Jan 5 2021 10:15 GMT", "2021-01-05T10:15:00+00:00"),
        ("Jan 5 2021 10:15 +0100", "2021-01-05T10:15:00+01:00"),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text).iso == iso


@pytest.mark.parametrize(("text", "has_time"), [
    ("2025-01-05", False), ("20250105", False), ("2025-W02-7", False),  # a week date
    ("2025-01-05T10", True), ("20250105T1000", True), ("2025-01-05 10:00", True),
])  # fmt: skip
def test_an_iso_date_alone_has_no_time(text, has_time):
    assert parse_date(text).has_time is has_time


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("01/02/2021", "ambiguous"),
        ("next tuesday", "cannot read"),
        ("March 2021", "has no day"),
        ("12", "has no year or month"),
        # a zone by name: its offset depends on place and season; dateutil read CET as UTC
        ("2025-12-18 14:30 CET", "the time zone 'CET' is not known"),
        ("Dec 18, 2025 2:30 PM EST", "the time zone 'EST' is not known"),
        # dateutil reads "UTC+1" as POSIX does: one hour behind UTC
        ("2025-12-18 14:30 UTC+1", "offset from UTC as"),
        ("2025-12-18 14:30 GMT-5", "offset from UTC as"),
        # a UTC offset of a day or more: datetime refuses it only once it is used
        ("2024-01-01 10:00 +99:00", "cannot read"),
        # dateutil read the second date as a time and an offset (20:25 at -10:00)
        ("2025-02-09, 2025-02-10", "more than one date"),
        ("2025-01-01 2025-06-01", "more than one date"),
    ],
)
def test_parse_date_rejects(text, reason):
    with pytest.raises(DateError, match=reason):
        parse_date(text)


@pytest.mark.parametrize(("code", "tag"), [
    ("pt_BR", "pt-BR"), ("en", "en"), ("zh_Hans_CN", "zh-Hans-CN"),
    # Sphinx's locales with a glibc modifier: a feed's xml:lang refuses the "@"
    ("sr@latin", "sr-Latn"), ("sr_RS@latin", "sr-Latn-RS"), ("ca@valencia", "ca-valencia"),
    ("de_DE@euro", "de-DE"),
])  # fmt: skip
def test_language_tag_is_bcp_47(code, tag):
    assert language_tag(code) == tag


def test_count_words_counts_each_cjk_character():
    assert count_words("two words") == (2, 0)
    assert count_words("Mamba模型很快。") == (6, 5)
    assert count_words("  spaced\n\tout  text ") == (3, 0)


@pytest.mark.parametrize(
    ("words", "cjk", "minutes"),
    [
        (1796, 0, 9),
        (737, 0, 4),
        (212, 0, 1),
        (213, 0, 2),
        (1, 0, 1),
        (0, 0, 0),
        (1660, 1660, 4),
        (1660, 100, 8),
    ],
)
def test_reading_minutes(words, cjk, minutes):
    assert reading_minutes(words, cjk, 212, 500) == minutes


def test_leading_paragraphs_stop_after_enough_words():
    paragraphs = ["one two three", "four five", "six"]
    assert leading_paragraphs(paragraphs, 4) == (2, 5)
    assert leading_paragraphs(paragraphs, 100) == (3, 6)
    assert leading_paragraphs([], 10) == (0, 0)


def test_split_list():
    assert split_list("a, b ,, c  d") == ["a", "b", "c d"]
    assert split_list(["x", " y "]) == ["x", "y"]
    assert split_list(None) == []


def test_slugify_keeps_non_ascii_letters():
    assert slugify("State Space Model") == "state-space-model"
    assert slugify("Ünïcode Straße") == "ünïcode-straße"
    assert slugify("注意力") == "注意力"
    assert slugify("🎉") == "1f389"
    assert slugify("++") == "2b-2b"


def test_a_long_name_gives_a_slug_of_whole_words_a_file_name_can_hold():
    words = ("Überlänge " * 40).strip()
    assert slugify(words) == "-".join(["überlänge"] * 6)  # 59 characters
    assert slugify("x" * 300) == "x" * SLUG_LENGTH
    assert slugify("🎉" * 100) == "-".join(["1f389"] * 10)
    assert len(slugify("a" * 58 + " bcd")) == 58


def test_plain_names_slug_as_python_slugify_slugs_them():
    # Names of ASCII letters, digits, spaces, hyphens and underscores are slugged without
    # python-slugify (its import is slow): the slugs must be the ones it gives.
    from slugify import slugify as python_slugify

    rng = random.Random(7)
    names = ["State Space Model", "  a--b__c  ", "C 3PO", "x_", "-", " ", "", "ML-2025"]
    names += ["".join(rng.choices("aZ9 _-", k=rng.randint(0, 9))) for _ in range(3000)]
    for name in names:
        expected = python_slugify(name, allow_unicode=True) or "-".join(
            f"{ord(c):x}" for c in name.strip() or name
        )
        assert slugify(name) == expected, name


def test_plain_names_do_not_import_python_slugify():
    code = (
        "import sys; from sphinx_blogpost.posts import slugify; "
        "print(slugify('Machine Learning_2'), 'slugify' in sys.modules, slugify('Ü'), "
        "'slugify' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, text=True)
    assert out.stdout.split() == ["machine-learning-2", "False", "ü", "True"]


def test_parse_options_reports_each_problem_once():
    problems: list[tuple[BlogpostWarning, str]] = []
    meta = parse_options(
        {"date": "2025-01-01", "pin": "maybe", "readtime": "0", "author": "zed, ada", "x": "1"},
        authors={"ada": {"name": "Ada"}},
        default_author=None,
        categories=None,
        report=lambda kind, message, option: problems.append((kind, message)),
    )
    assert sorted(kind.subtype for kind, _ in problems) == ["author", "option", "option", "option"]
    assert "readtime '0' is not a whole number of minutes, 1 or more" in [m for _, m in problems]
    assert meta.pin is False and meta.readtime is None
    assert [a.name for a in meta.authors] == ["zed", "Ada"]


def test_page_window_keeps_the_pager_short():
    from sphinx_blogpost.listing import page_window

    assert page_window(1, 3) == [1, 2, 3]
    assert page_window(1, 84) == [1, 2, 3, None, 84]
    assert page_window(40, 84) == [1, None, 38, 39, 40, 41, 42, None, 84]
    assert page_window(84, 84) == [1, None, 82, 83, 84]
    assert page_window(4, 7) == [1, 2, 3, 4, 5, 6, 7]


_FINGERPRINTED = """
import pickle, sys
post = pickle.loads(sys.stdin.buffer.read())
print(post.__dict__.pop("fingerprint"), post.fingerprint)
"""


def test_a_fingerprint_is_kept_with_the_post_and_the_same_in_another_process():
    post = Post(
        docname="posts/one", title="One", words=10, minutes=1, summary="Tags: é, 中文",
        summary_is_partial=False, date=parse_date("2025-12-18 10:00+01:00"),
        tags=("a", "b"), authors=(Author("Ada", "ada"),),
    )  # fmt: skip
    assert post.fingerprint != replace(post, tags=("a",)).fingerprint
    assert post.fingerprint == replace(post).fingerprint  # equal posts, equal fingerprints
    # what Atom and RSS show: all but the counts
    counted = replace(post, words=11, minutes=2, readtime=2, summary_is_partial=True)
    assert counted.fingerprint != post.fingerprint
    assert counted.syndication == post.syndication != replace(post, tags=("a",)).syndication
    data = pickle.dumps(post)  # with its fingerprint: not hashed again after unpickling
    kept, recomputed = (
        subprocess.run(
            [sys.executable, "-c", _FINGERPRINTED], input=data, capture_output=True, check=True
        )
        .stdout.decode()
        .split()
    )
    assert kept == recomputed == post.fingerprint  # str hashes differ between processes


def test_a_repeated_category_or_author_is_kept_once():
    meta = parse_options(
        {"date": "2025-01-01", "category": "Dup, Dup", "author": "ada, Ada, Jane, Jane"},
        authors={"ada": {"name": "Ada"}, "jane": {"name": "Jane"}},
        default_author=None,
        categories=None,
        report=lambda kind, message, option: pytest.fail(message),
    )
    assert meta.categories == ("Dup",)
    assert [a.key for a in meta.authors] == ["ada", "jane"]


def test_names_typed_two_ways_are_one_and_controls_are_left_out():
    problems: list[tuple[str | None, str]] = []
    meta = parse_options(
        # "café" with a combining accent, then composed; a bell; a lone surrogate from YAML
        {"date": "2025-01-01", "tags": ["cafe\u0301", "café"], "summary": "ring\a\ud800 it"},
        authors={},
        default_author=None,
        categories=None,
        report=lambda kind, message, option: problems.append((option, message)),
    )
    assert meta.tags == ("café",) and meta.summary == "ring it"
    assert [option for option, _ in problems] == ["summary"]
    assert "control characters" in problems[0][1]


def test_a_name_of_spaces_alone_gets_a_slug():
    assert slugify(" ") == "20"  # an author's key " ": never blog/author/.html


def test_no_name_takes_the_slug_of_its_kinds_index_page():
    from sphinx_blogpost.blog import unique_slugs

    slugs, collisions = unique_slugs(["Index", "other"])
    assert slugs == {"Index": "index-2", "other": "other"}
    assert collisions == [("Index", "the index page", "index-2")]


@pytest.mark.parametrize(("written", "kept"), [("pt_BR", "pt-BR"), ("zh-Hant", "zh-Hant")])
def test_a_language_is_kept_as_a_bcp_47_tag(written, kept):
    # HTML's lang and JSON-LD's inLanguage take "pt-BR", not Python's locale name "pt_BR".
    meta = parse_options(
        {"date": "2025-01-01", "language": written},
        authors={},
        default_author=None,
        categories=None,
        report=lambda kind, message, option: pytest.fail(message),
    )
    assert meta.language == kept


@pytest.mark.parametrize(
    ("tex", "found", "absent"),
    [
        (r"\text{<script>alert(1)</script>}", "<mtext>&lt;script&gt;", "<script"),
        (r'\hspace{1em" onclick="x}', 'width="1em&quot; onclick=&quot;x"', 'onclick="'),
        (r'\color{red" onmouseover="x}{y}', "\\color{red&quot; onmouseover", 'onmouseover="'),
        (r"x<y", "<mo>&lt;</mo>", "<y"),
        (r"\frac" * 50, r"\frac\frac", "<math"),  # arguments missing: as written
    ],
)
def test_inline_math_as_mathml_holds_no_markup_of_the_writers(tex, found, absent):
    """Summaries' math is the writer's text: the converter's MathML escapes it, and TeX it
    cannot read (unknown commands, arguments missing) is escaped text."""
    html = inline_mathml(tex)
    assert found in html and absent not in html
