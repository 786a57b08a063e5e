"""Bring the message catalogs of sphinx-blogpost up to date with its code.

Extracts every message of the package (calls of ``_``, ``ngettext`` and ``sphinx_fallback``,
see ``sphinx_blogpost/i18n.py``) into ``sphinx_blogpost/locale/sphinx_blogpost.pot``, merges
the template into each language's ``sphinx_blogpost.po`` (new messages untranslated, gone
ones dropped) and compiles each ``.po`` into its ``.mo``. Run from the repository root, after
changing a message or a translation::

    python scripts/update_catalogs.py            # all languages
    python scripts/update_catalogs.py --add it   # and start a catalog for Italian

``tests/test_i18n.py`` fails when the template misses a message of the code, when a ``.po``
misses or mistranslates one, or when a ``.mo`` is older than its ``.po``. Babel (which Sphinx
depends on) does the work; the files carry no dates, so a run with nothing new changes none.
"""

from __future__ import annotations

import argparse
import io
import tomllib
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sphinx_blogpost"
LOCALE = PACKAGE / "locale"
DOMAIN = "sphinx_blogpost"
PROJECT = "sphinx-blogpost"
AUTHORS = "sphinx-blogpost developers"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "sphinx_fallback": None}
_HEADER = """\
# Translations of sphinx-blogpost's labels.
# This file is distributed under the same license as sphinx-blogpost (MIT)."""


def _bugs_address() -> str:
    """Where to report a problem with a message: the project's issue tracker or home page, if
    pyproject.toml names one, else nothing (Babel's placeholder is ``EMAIL@ADDRESS``)."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        urls = tomllib.load(file).get("project", {}).get("urls", {})
    found = {name.lower(): url for name, url in urls.items()}
    return next((found[name] for name in _BUG_URLS if name in found), "")


_BUG_URLS = ("issues", "bug tracker", "tracker", "source", "homepage")


class UndatedCatalog(Catalog):
    """A catalog whose header has no dates: Babel would write the time of each run into
    every file (and into the .mo); the git log has the dates. Its other headers are the
    project's, never Babel's placeholders (``PROJECT VERSION``, ``LANGUAGE <LL@li.org>``),
    whatever the file read had."""

    def _get_mime_headers(self) -> list[tuple[str, str]]:
        language = self.locale.english_name if self.locale is not None else None
        ours = {
            "Project-Id-Version": PROJECT,
            "Report-Msgid-Bugs-To": _bugs_address(),
            "Last-Translator": AUTHORS,
            "Language-Team": language,  # none for the template, which has no language
        }
        headers = []
        for key, value in super()._get_mime_headers():
            if key in ("POT-Creation-Date", "PO-Revision-Date"):
                continue
            if key in ours:
                replacement = ours[key]
                if replacement is None:
                    continue
                value = replacement
            headers.append((key, value))
        return headers

    mime_headers = property(_get_mime_headers, Catalog._set_mime_headers)


def extract() -> Catalog:
    """The messages of the package's code, as a template."""
    template = _catalog(None)
    found = extract_from_dir(
        PACKAGE,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        path = (PACKAGE / filename).relative_to(ROOT).as_posix()
        template.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return template


def _catalog(language: str | None) -> Catalog:
    return UndatedCatalog(
        locale=language,
        domain=DOMAIN,
        header_comment=_HEADER,
        project=PROJECT,
        last_translator=AUTHORS,
        charset="utf-8",
        fuzzy=False,
    )


def po_text(catalog: Catalog) -> bytes:
    """A catalog as a ``.po`` or ``.pot`` file, in the one form the tests expect."""
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_lineno=False, ignore_obsolete=True, sort_output=True)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    """A catalog compiled as a ``.mo`` file (fuzzy translations left out)."""
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as file:
        catalog = read_po(file, locale=language, domain=DOMAIN)
    catalog.__class__ = UndatedCatalog  # read_po makes a plain Catalog
    return catalog


def languages() -> list[str]:
    """The languages that have a catalog."""
    return sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def update(language: str, template: Catalog) -> None:
    """Merge *template* into *language*'s ``.po`` (created if missing), compile its ``.mo``."""
    folder = LOCALE / language / "LC_MESSAGES"
    po = folder / f"{DOMAIN}.po"
    catalog = read(po, language) if po.exists() else _catalog(language)
    catalog.update(template, no_fuzzy_matching=True)
    folder.mkdir(parents=True, exist_ok=True)
    _write(po, po_text(catalog))
    _write(folder / f"{DOMAIN}.mo", mo_bytes(read(po, language)))


def _write(path: Path, data: bytes) -> None:
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--add", action="append", default=[], help="start a language's catalog")
    args = parser.parse_args()
    template = extract()
    LOCALE.mkdir(exist_ok=True)
    _write(TEMPLATE, po_text(template))
    for language in sorted({*languages(), *args.add}):
        update(language, template)


if __name__ == "__main__":
    main()
