"""The blog's own words (labels, page titles, counts) in Sphinx's ``language``.

They come from the message catalog ``sphinx_blogpost``: a project's own, in its
``locale_dirs``, first (it may override some messages and leave the rest to ours), then the
one in this package (``locale/<language>/LC_MESSAGES/sphinx_blogpost.mo``). ``scripts/
update_catalogs.py`` extracts the messages of the package into ``sphinx_blogpost.pot``,
merges them into every ``.po`` and compiles the ``.mo`` files.

Messages are looked up when a page is written, never at import: Sphinx sets the catalog up
for the project's language in :func:`setup_i18n`."""

from __future__ import annotations

import gettext
import hashlib
from gettext import GNUTranslations, NullTranslations
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx import locale
from sphinx.util.i18n import CatalogRepository

from .freshness import WrittenDocuments
from .posts import stable_digest

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

CATALOG = "sphinx_blogpost"
LOCALE_DIR = Path(__file__).parent / "locale"
_KEY = ("general", CATALOG)  # sphinx.locale.translators' key of our catalog


def _(message: str) -> str:
    """*message* in the site's language (itself in English, or when no catalog has it)."""
    return locale.get_translator(CATALOG).gettext(message)


def ngettext(singular: str, plural: str, number: int) -> str:
    """The form of a message for *number* (``1 word``, ``2 words``) in the site's language:
    the plural rules are the catalog's (one form in Japanese; 0 is singular in French)."""
    return locale.get_translator(CATALOG).ngettext(singular, plural, number)


def pgettext(context: str, message: str) -> str:
    """*message* in the site's language, as meant in *context*: the English word of two
    labels may be one ("Older": posts on the next page, the one post before this one)
    where other languages have two ("Plus anciens", "Plus ancien")."""
    return locale.get_translator(CATALOG).pgettext(context, message)


def sphinx_fallback(message: str) -> str:
    """Ours, else Sphinx's translation of a theme label that dispatches once took from
    Sphinx's catalog ("Search", "Next"): in a language we have no catalog for, it keeps
    what Sphinx says."""
    text = _(message)
    return text if text != message else locale._(message)


def _project_locale_dirs(app: Sphinx, *, compile_po: bool = False) -> list[Path]:
    """The project's ``locale_dirs`` that exist; with *compile_po*, their
    ``sphinx_blogpost.po`` of the site's language compiled where it changed (as Sphinx
    compiles its own ``sphinx.po`` there)."""
    repo = CatalogRepository(
        app.srcdir, app.config.locale_dirs, app.config.language, app.config.source_encoding
    )
    if compile_po:
        for catalog in repo.catalogs:
            if catalog.domain == CATALOG and catalog.is_outdated():
                catalog.write_mo(app.config.language, app.config.gettext_allow_fuzzy_translations)
    return [Path(folder) for folder in repo.locale_dirs]


def setup_i18n(app: Sphinx) -> None:
    """Set up the catalog of the site's language: the project's own before ours (the first
    that has a message gives it), its more specific files first (``de_AT``, then ``de``)."""
    translator: NullTranslations | None = None
    for path in _catalog_files(app, compile_po=True):
        # What app.add_message_catalog() would do, without gettext.translation(), which
        # keeps each file it read for the life of the process: a project's catalog edited
        # between two builds in one process would keep its old words. And anew for each
        # project, where Sphinx would merge it into one set up before in the process.
        with path.open("rb") as file:
            found = GNUTranslations(file)
        if translator is None:
            translator = found
        else:
            translator.add_fallback(found)
    locale.translators[_KEY] = translator or NullTranslations()


def _catalog_files(app: Sphinx, *, compile_po: bool = False) -> list[Path]:
    """The compiled catalogs of the site's language, the first to ask first. English too:
    the package has none, but a project may (to word a label its own way)."""
    # Sphinx's language code as gettext names folders: Sphinx reads "de-AT", "pt-BR" too
    # (as dates do), gettext looks for "de_AT" (then "de").
    language = (app.config.language or "en").replace("-", "_")
    folders = [*_project_locale_dirs(app, compile_po=compile_po), LOCALE_DIR]
    return [Path(f) for d in folders for f in gettext.find(CATALOG, str(d), [language], all=True)]


def catalog_digest(app: Sphinx) -> str:
    """A digest of the compiled catalogs the site's language reads (the project's and
    ours): every page shows their words, so a changed catalog changes every page."""
    files = _catalog_files(app)
    return stable_digest([(str(f), hashlib.sha256(f.read_bytes()).hexdigest()) for f in files])


def pages_in_other_words(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: when the catalog changed since the pages in this output folder
    were written (a project's edited ``sphinx_blogpost.po``; a language is a change of
    configuration, which Sphinx sees itself), every document is written again."""
    changed = WrittenDocuments.of(app).site_changed("catalog", catalog_digest(app))
    return sorted(env.found_docs) if changed else []
