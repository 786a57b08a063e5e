"""The blog's labels in the site's language: the catalogs, and real builds in German, French
and the four right-to-left languages (Arabic, Hebrew, Persian, Urdu)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup

from .conftest import build, make_site

if TYPE_CHECKING:
    from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
#: The languages the package must translate.
LANGUAGES = ("ar", "de", "es", "fa", "fr", "he", "ja", "pt_BR", "ur", "zh_CN")


def _catalogs_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_catalogs", REPO / "scripts/update_catalogs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("update_catalogs", module)
    spec.loader.exec_module(module)
    return module


catalogs = _catalogs_script()
#: Every catalog the package has: one added later is checked with the others by itself.
CATALOGS = sorted({*LANGUAGES, *catalogs.languages()})


def _keys(catalog: Any) -> set[tuple[str | None, str]]:
    """(context, msgid) of every message; a plural message by its singular."""
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}


# -- the catalogs -------------------------------------------------------------------------


def test_the_template_is_current():
    """The .pot is what the script extracts from the code now: a label added or changed in
    the code without running scripts/update_catalogs.py fails here."""
    expected = catalogs.po_text(catalogs.extract())
    assert catalogs.TEMPLATE.read_bytes() == expected, "run: python scripts/update_catalogs.py"


# A translatable call with a literal message, wherever it is written (Babel's extractor does
# not look into f-strings: a message there would be left out of the template unseen).
_CALL = re.compile(
    r"""(?<![\w."])(?:_|sphinx_fallback|ngettext|pgettext)\(\s*(?:"\w+",\s*)?"((?:[^"\\]|\\.)*)\""""
)


def test_every_message_written_in_the_code_is_in_the_template():
    template = {msgid for _context, msgid in _keys(catalogs.read(catalogs.TEMPLATE))}
    written = {
        message
        for path in (REPO / "sphinx_blogpost").rglob("*.py")
        for message in _CALL.findall(path.read_text("utf8"))
    }
    assert written, "the pattern finds the package's messages"
    assert written <= template, sorted(written - template)


def test_the_template_holds_the_labels_of_the_review():
    msgids = {msgid for _context, msgid in _keys(catalogs.read(catalogs.TEMPLATE))}
    for label in ("%(count)d min read", "%(count)d word", "Updated %(date)s", "Older", "Newer",
                  "Archive", "Categories", "Tags", "Tag: %(name)s", "Related posts",
                  "Part %(number)d of %(total)d", "Skip to content", "Dark mode"):  # fmt: skip
        assert label in msgids, label


def test_the_package_has_a_catalog_for_each_language():
    assert set(LANGUAGES) <= set(catalogs.languages())


@pytest.mark.parametrize("language", CATALOGS)
def test_every_message_is_translated_with_the_same_placeholders(language):
    po = catalogs.read(catalogs.LOCALE / language / "LC_MESSAGES/sphinx_blogpost.po", language)
    assert _keys(po) == _keys(catalogs.read(catalogs.TEMPLATE)), "run the script to merge"
    for message in po:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert len(strings) == (po.num_plurals if message.pluralizable else 1), message.id
        assert all(strings), f"{language}: {message.id!r} is not translated"
        assert not message.fuzzy, f"{language}: {message.id!r} is fuzzy"
    # Babel's checks: python-format placeholders of each translation are those of its msgid.
    assert [(m.id, [str(e) for e in errors]) for m, errors in po.check()] == []


#: What Babel writes in a header the project has not filled in.
_PLACEHOLDERS = ("PROJECT", "VERSION", "FULL NAME", "EMAIL@ADDRESS", "YEAR", "LANGUAGE",
                 "LL@li.org", "FIRST AUTHOR", "ORGANIZATION")  # fmt: skip


@pytest.mark.parametrize("language", [None, *CATALOGS])
def test_each_catalog_header_is_the_projects_as_the_script_writes_it(language):
    """No Babel placeholder is left in a header, and a run of the script keeps it so."""
    path = catalogs.TEMPLATE
    if language is not None:
        path = catalogs.LOCALE / language / "LC_MESSAGES/sphinx_blogpost.po"
    header = path.read_text("utf8").split("\n\n", 1)[0]
    assert [word for word in _PLACEHOLDERS if word in header] == []
    assert '"Project-Id-Version: sphinx-blogpost\\n"' in header
    if language is not None:
        team = catalogs.read(path, language).locale.english_name
        assert f'"Language-Team: {team}\\n"' in header
    assert path.read_bytes() == catalogs.po_text(catalogs.read(path, language))


@pytest.mark.parametrize("language", CATALOGS)
def test_each_compiled_catalog_is_that_of_its_po(language):
    """The .mo files Sphinx reads are compiled from the .po files as they are now."""
    folder = catalogs.LOCALE / language / "LC_MESSAGES"
    po = catalogs.read(folder / "sphinx_blogpost.po", language)
    assert (folder / "sphinx_blogpost.mo").read_bytes() == catalogs.mo_bytes(po), (
        "stale .mo: run python scripts/update_catalogs.py"
    )


# -- builds -------------------------------------------------------------------------------

_POST = """\
{title}
{underline}

.. blogpost::
   :date: {date}
   :updated: 2026-02-0{day}
   :category: Notes
   :tags: python
   :series: Tour

Text of the post, {words} words.
"""
_CONF = """\
project = "Site"
extensions = ["sphinx_blogpost"]
html_theme = "dispatches"
html_baseurl = "https://example.org/"
blogpost_posts_per_page = 2
"""


def _site(folder: Path, conf: str = _CONF) -> Path:
    posts = {}
    for n, (title, date) in enumerate((("First", "2026-01-01"), ("Second", "2026-01-02"),
                                       ("Third", "2026-01-03")), start=1):  # fmt: skip
        text = _POST.format(title=title, underline="=" * len(title), date=date, day=n, words=n)
        posts[f"posts/{title.lower()}.rst"] = text
    return make_site(folder, posts, conf)


#: What each language shows where the English site shows the label of the key.
EXPECTED = {
    "de": {
        "readtime": "1 Min. Lesezeit", "words": "6 Wörter", "updated": "Aktualisiert am",
        "nav": ["Blog", "Archiv", "Kategorien", "Schlagwörter"], "pager_next": "Ältere Beiträge",
        "post_older": "Älter", "tag_title": "Schlagwort: python", "archive": "Archiv",
        "part": "Teil 1 von 3", "related": "Ähnliche Beiträge", "skip": "Zum Inhalt springen",
        "page_2": "Blog — Seite 2", "page_link": "Seite 2", "series_count": "3 Teile",
        "tag_feed": "Atom-Feed dieses Schlagworts", "archive_count": "(3 Beiträge)",
    },
    "fr": {
        "readtime": "1 min de lecture", "words": "6 mots", "updated": "Mis à jour le",
        "nav": ["Blog", "Archives", "Catégories", "Étiquettes"], "pager_next": "Plus anciens",
        "post_older": "Plus ancien", "tag_title": "Étiquette\u00a0: python", "archive": "Archives",
        "part": "Partie 1 sur 3", "related": "Articles connexes", "skip": "Aller au contenu",
        "page_2": "Blog — page 2", "page_link": "Page 2", "series_count": "3 parties",
        "tag_feed": "Flux Atom de ce mot-clé", "archive_count": "(3 articles)",
    },
    # Right to left. One minute and one part are said without the number in Arabic and
    # Hebrew, as CLDR says them ("دقيقة واحدة"); 6 and 3 take the plural of 3 to 10.
    "ar": {
        "readtime": "دقيقة واحدة للقراءة", "words": "6 كلمات", "updated": "آخر تحديث:",
        "nav": ["المدونة", "الأرشيف", "التصنيفات", "الوسوم"], "pager_next": "مقالات أقدم",
        "post_older": "مقالة أقدم", "tag_title": "الوسم: python", "archive": "الأرشيف",
        "part": "الجزء 1 من 3", "related": "مقالات ذات صلة", "skip": "التخطي إلى المحتوى",
        "page_2": "المدونة — الصفحة 2", "page_link": "الصفحة 2", "series_count": "3 أجزاء",
        "tag_feed": "خلاصة Atom لهذا الوسم", "archive_count": "(3 مقالات)",
    },
    "he": {
        "readtime": "דקת קריאה אחת", "words": "6 מילים", "updated": "עודכן ב־",
        "nav": ["בלוג", "ארכיון", "קטגוריות", "תגיות"], "pager_next": "פוסטים ישנים יותר",
        "post_older": "פוסט ישן יותר", "tag_title": "תגית: python", "archive": "ארכיון",
        "part": "חלק 1 מתוך 3", "related": "פוסטים קשורים", "skip": "דילוג לתוכן",
        "page_2": "בלוג — עמוד 2", "page_link": "עמוד 2", "series_count": "3 חלקים",
        "tag_feed": "פיד Atom של תגית זו", "archive_count": "(3 פוסטים)",
    },
    # Persian words hold zero-width non-joiners (U+200C), as Persian is typed; ruff takes
    # their plural ending (heh, alef) after one for a Latin "lo".
    "fa": {
        "readtime": "1 دقیقه مطالعه", "words": "6 کلمه", "updated": "به‌روزرسانی:",
        "nav": ["وبلاگ", "بایگانی", "دسته‌ها", "برچسب‌ها"],  # noqa: RUF001
        "pager_next": "نوشته‌های قدیمی‌تر", "post_older": "نوشتهٔ قدیمی‌تر",
        "tag_title": "برچسب: python", "archive": "بایگانی", "part": "بخش 1 از 3",
        "related": "نوشته‌های مرتبط", "skip": "پرش به محتوا", "page_2": "وبلاگ — صفحهٔ 2",
        "page_link": "صفحهٔ 2", "series_count": "3 بخش", "tag_feed": "خوراک Atom این برچسب",
        "archive_count": "(3 نوشته)",
    },
    "ur": {
        "readtime": "1 منٹ کا مطالعہ", "words": "6 الفاظ", "updated": "تازہ کاری:",
        "nav": ["بلاگ", "آرکائیو", "زمرے", "ٹیگز"], "pager_next": "پرانی تحریریں",
        "post_older": "پرانی تحریر", "tag_title": "ٹیگ: python", "archive": "آرکائیو",
        "part": "3 میں سے حصہ 1", "related": "متعلقہ تحریریں", "skip": "مواد پر جائیں",
        "page_2": "بلاگ — صفحہ 2", "page_link": "صفحہ 2", "series_count": "3 حصے",
        "tag_feed": "اس ٹیگ کی Atom فیڈ", "archive_count": "(3 تحریریں)",
    },
}  # fmt: skip

#: What docutils says of a language it has no module for (Urdu), in a test build: its own
#: words (section titles it writes, such as "Contents") stay English; none of them is ours.
_DOCUTILS_LACKS = ('WARNING: rST localisation for language "{0}" not found. [docutils]',
                   'WARNING: Language "{0}" not supported: Docutils-generated text will be in '
                   "English. [docutils]")  # fmt: skip


def _ours(warnings: list[str], language: str) -> list[str]:
    """The build's warnings but docutils' own about *language*."""
    theirs = [message.format(language) for message in _DOCUTILS_LACKS]
    return [w for w in warnings if not any(w.endswith(message) for message in theirs)]


def _page(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / f"{name}.html").read_text("utf8"), "html.parser")


def _text(page: BeautifulSoup, selector: str) -> str:
    element = page.select_one(selector)
    assert element is not None, selector
    return re.sub(r"[ \t\n]+", " ", element.get_text(" ")).strip()  # no-break spaces kept


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_labels_in_the_site_language(make_app, tmp_path, language):
    expected = EXPECTED[language]
    srcdir = _site(tmp_path / "src")
    site = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out",
                 confoverrides={"language": language})  # fmt: skip
    assert _ours(site.warnings, language) == []
    out = site.outdir

    post = _page(out, "posts/first")
    assert _text(post, ".bp-post-header .bp-readtime") == expected["readtime"]
    assert _text(post, ".bp-post-header .bp-words") == expected["words"]
    assert _text(post, ".bp-post-header .bp-updated").startswith(expected["updated"])
    assert _text(post, ".bp-series-part") == expected["part"]
    assert _text(post, ".bp-related-title") == expected["related"]
    assert [a.get_text() for a in post.select(".bp-site-nav a")] == expected["nav"]
    assert _text(post, ".bp-skip-link") == expected["skip"]
    second = _page(out, "posts/second")
    assert second.select_one(".bp-post-nav-prev")["data-label"] == expected["post_older"]

    index = _page(out, "blog/index")
    assert _text(index, "h1.bp-heading") == expected["nav"][0]  # blogpost_title unset
    assert _text(index, ".bp-card .bp-readtime") == expected["readtime"]  # a card
    assert _text(index, ".bp-pagination a[rel=next]") == expected["pager_next"] + " →"
    assert _page(out, "blog/page/2").title.get_text().startswith(expected["page_2"])
    assert index.select_one(".bp-pagination a.bp-page")["aria-label"] == expected["page_link"]

    tag = _page(out, "blog/tag/python")
    assert _text(tag, "h1.bp-page-title") == expected["tag_title"]
    assert _text(tag, ".bp-term-feed a") == expected["tag_feed"]
    # Sphinx's <title> makes every space a plain one (French has a no-break space before ":")
    assert tag.title.get_text().startswith(" ".join(expected["tag_title"].split()))
    archive = _page(out, "blog/archive")
    assert _text(archive, "h1.bp-page-title") == expected["archive"]
    assert _text(archive, "h2 .bp-count .bp-visually-hidden") == expected["archive_count"]
    assert _text(_page(out, "blog/series/tour"), ".bp-series-count") == expected["series_count"]


@pytest.mark.parametrize(
    ("conf", "heading"), [("", "ブログ"), ('blogpost_title = "Blog"\n', "Blog")]
)
def test_the_blogs_title_is_the_sites_word_unless_set(make_app, tmp_path, conf, heading):
    srcdir = _site(tmp_path / "src", _CONF + 'language = "ja"\n' + conf)
    site = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert site.warnings == []
    assert _text(_page(site.outdir, "blog/index"), "h1.bp-heading") == heading
    assert _page(site.outdir, "blog/page/2").title.get_text().startswith(f"{heading} — ")
    feed = (site.outdir / "blog" / "atom.xml").read_text("utf8")
    assert f"<title>{heading}</title>" in feed


@pytest.mark.parametrize("language", ["de_DE", "de-AT"])
def test_a_regional_language_falls_back_to_its_language(make_app, tmp_path, language):
    """As Sphinx reads ``de`` for ``de_DE``; and a BCP 47 code, which dates read too."""
    site = build(make_app, "html", srcdir=_site(tmp_path / "src"), builddir=tmp_path / "out",
                 confoverrides={"language": language})  # fmt: skip
    assert _text(_page(site.outdir, "posts/first"), ".bp-readtime") == "1 Min. Lesezeit"


def test_a_language_without_our_catalog_keeps_sphinx_words_in_the_theme(make_app, tmp_path):
    """The theme's labels that Sphinx translates ("Search") stay Sphinx's; ours are English."""
    site = build(make_app, "html", srcdir=_site(tmp_path / "src"), builddir=tmp_path / "out",
                 confoverrides={"language": "it"})  # fmt: skip
    post = _page(site.outdir, "posts/first")
    assert post.select_one("#bp-search-input")["placeholder"] == "Cerca"
    assert _text(post, ".bp-readtime") == "1 min read"


def test_other_builders_write_the_header_in_the_site_language(make_app, tmp_path):
    site = build(make_app, "text", srcdir=_site(tmp_path / "src"), builddir=tmp_path / "out",
                 confoverrides={"language": "de"})  # fmt: skip
    assert "1 Min. Lesezeit · 6 Wörter" in (site.outdir / "posts/first.txt").read_text("utf8")


def test_a_second_project_in_the_same_process_gets_its_own_language(make_app, tmp_path):
    """Sphinx merges a catalog into one set up earlier in the process; ours starts anew."""
    from sphinx_blogpost.i18n import _

    make_app("html", srcdir=_site(tmp_path / "de"), confoverrides={"language": "de"})
    make_app("html", srcdir=_site(tmp_path / "fr"), confoverrides={"language": "fr"})
    assert _("Archive") == "Archives"


_OVERRIDE = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Related posts"
msgstr "{related}"

msgid "Archive"
msgstr "{archive}"
"""


def _pages(outdir: Path) -> dict[str, str]:
    """The HTML pages and feeds of a build. Without Sphinx's own files, which Sphinx leaves
    from the last language (the English stemmer, English words in its search index), nor
    the checksums of static files, which Sphinx computes once per process."""
    return {
        p.relative_to(outdir).as_posix(): re.sub(r"\?v=[0-9a-f]+", "", p.read_text("utf8"))
        for p in outdir.rglob("*")
        if p.suffix in (".html", ".xml", ".json") and ".doctrees" not in p.parts
    }


def test_a_project_catalog_overrides_some_labels(make_app, tmp_path):
    """A ``sphinx_blogpost.po`` in the project's ``locale_dirs`` (compiled by the build)
    wins for its messages; the others are the package's. Editing it rewrites the pages."""
    srcdir = _site(tmp_path / "src", _CONF + 'locale_dirs = ["locales"]\n')
    po = srcdir / "locales/de/LC_MESSAGES/sphinx_blogpost.po"
    po.parent.mkdir(parents=True)
    po.write_text(_OVERRIDE.format(related="Verwandte Artikel", archive="Alle Beiträge"), "utf8")
    out = tmp_path / "out"
    build(make_app, "html", srcdir=srcdir, builddir=out, confoverrides={"language": "de"})
    post = out / "html/posts/first.html"
    page = BeautifulSoup(post.read_text("utf8"), "html.parser")
    assert _text(page, ".bp-related-title") == "Verwandte Artikel"
    assert _text(page, ".bp-post-header .bp-readtime") == "1 Min. Lesezeit"  # the package's
    assert [a.get_text() for a in page.select(".bp-site-nav a")][1] == "Alle Beiträge"

    po.write_text(_OVERRIDE.format(related="Lesen Sie auch", archive="Chronik"), "utf8")
    site = build(make_app, "html", srcdir=srcdir, builddir=out, confoverrides={"language": "de"})
    page = BeautifulSoup(post.read_text("utf8"), "html.parser")
    assert _text(page, ".bp-related-title") == "Lesen Sie auch"
    assert _text(_page(out / "html", "blog/archive"), "h1") == "Chronik"  # a generated page
    clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "clean",
                  confoverrides={"language": "de"})  # fmt: skip
    assert _pages(site.outdir) == _pages(clean.outdir)


def test_a_language_change_rewrites_every_page_as_a_clean_build(make_app, tmp_path):
    """English, then German into the same folder: no English page or label is left."""
    srcdir = _site(tmp_path / "src")
    out = tmp_path / "out"
    build(make_app, "html", srcdir=srcdir, builddir=out, confoverrides={"language": "en"})
    site = build(make_app, "html", srcdir=srcdir, builddir=out, confoverrides={"language": "de"})
    clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "clean",
                  confoverrides={"language": "de"})  # fmt: skip
    assert _pages(site.outdir) == _pages(clean.outdir)
    shutil.rmtree(tmp_path / "clean")
