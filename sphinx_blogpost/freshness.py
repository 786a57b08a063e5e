"""Which generated pages and files must be made again: one is skipped when what it is made
from and the site around it (configuration, theme, the set of documents and their titles) are
unchanged since the last build into the same output folder, and its file is still there.
Which ones the last build made and this one does not: their files are removed. And what each
document's page showed of the blog when it was last written (:class:`WrittenDocuments`), for
the collector to name the pages to write again.

All of it is kept in files beside the doctrees, one per builder and output folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .posts import stable_digest

if TYPE_CHECKING:
    from collections.abc import Callable, Container
    from collections.abc import Set as AbstractSet

    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder


def _package_version() -> str:
    # A new release may render pages differently: its pages are all written again. The
    # package's own __version__ (flit gives it to the distribution): asking the installed
    # metadata (importlib.metadata) scans every distribution on sys.path, twice a build.
    from . import __version__

    return __version__


class _StateFile:
    """A JSON file of state beside the doctrees, one per builder and output folder (builds
    into other folders from the same doctrees keep their own), written only when its
    content changed: a no-op build writes none."""

    def __init__(self, app: Sphinx, what: str) -> None:
        self.outdir = str(app.outdir)
        folder = stable_digest(self.outdir)[:12]
        self.path = Path(app.doctreedir, f"blogpost-{what}-{app.builder.name}-{folder}.json")
        try:
            self._text = self.path.read_text("utf-8")
            saved = json.loads(self._text)
        except (OSError, ValueError):
            self._text, saved = "", {}
        if not isinstance(saved, dict) or saved.get("outdir") != self.outdir:
            saved = {}  # none that can be read, or (names alike) another folder's
        #: The state last saved for this output folder, or an empty one.
        self.saved: dict[str, Any] = saved

    def write(self, state: dict[str, Any]) -> None:
        text = json.dumps({**state, "outdir": self.outdir}, sort_keys=True)
        if text != self._text:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(text, "utf-8")
            self._text = text


class WrittenPages:
    """The fingerprints of the generated pages a builder wrote, kept beside the doctrees."""

    def __init__(self, app: Sphinx, what: str = "pages", *, chrome: bool = True) -> None:
        """*what* names the state file; *chrome* says the output shows the theme's page
        chrome (navigation with every document's title), which feeds do not."""
        self.app = app
        self._file = _StateFile(app, what)
        env = app.env
        build_info = getattr(app.builder, "build_info", None)
        self.site = stable_digest((
            _package_version(),
            str(getattr(build_info, "config_hash", "")),
            str(getattr(build_info, "tags_hash", "")),
            # Theme chrome may show any document's title (navigation sidebars).
            *(f"{doc}\t{env.titles[doc].astext() if doc in env.titles else ''}"
              for doc in (sorted(env.found_docs) if chrome else ())),
        ))  # fmt: skip
        self.before: dict[str, str] = {}
        self.before_inputs = ""
        self.inputs = ""
        saved = self._file.saved
        #: (document, warning) of the pages not made, as a document of the project is where
        #: they would be written.
        self.conflicts: list[tuple[str, str]] = []
        self.conflicts_before: list[tuple[str, str]] = []
        if saved.get("site") == self.site:
            self.before = saved.get("pages", {})
            self.before_inputs = saved.get("inputs", "")
            self.conflicts_before = [
                (doc, warning) for doc, warning in saved.get("conflict_warnings", [])
            ]
        # Whatever else changed, the names last written into this output folder: those this
        # build does not make again are gone from the blog (a tag whose last post lost it).
        self.written_before = set(saved.get("pages", {}))
        self.now: dict[str, str] = {}
        #: Other state a writer keeps for the next build into this output folder, by key:
        #: the last build's (whatever else changed since) and this one's.
        self.notes_before: dict[str, Any] = saved.get("notes", {})
        self.notes: dict[str, Any] = {}

    def recorded(self, name: str) -> str | None:
        """The fingerprint the last build into this output folder recorded for the page or
        file *name*, whatever else changed since; None if it made none."""
        fingerprint: str | None = self._file.saved.get("pages", {}).get(name)
        return fingerprint

    def unchanged(self, inputs: object) -> bool:
        """True if *inputs* (what every page is made from) are those of the pages already
        written, and all their files are still there; recorded for the next build."""
        key = stable_digest(inputs)
        self.inputs = key
        if self.before_inputs != key:
            return False
        return all(self.page_file(name).is_file() for name in self.before)

    def is_fresh(self, name: str, state: object, output: Path | None = None) -> bool:
        """Record the fingerprint of *state*, what the page or file *name* is made from;
        True if the written file (the page's own, or *output*) already holds it."""
        key = stable_digest(state)
        self.now[name] = key
        if self.before.get(name) != key:
            return False
        return (output or self.page_file(name)).is_file()

    def page_file(self, name: str) -> Path:
        """The file the builder writes the page *name* to."""
        builder = cast("StandaloneHTMLBuilder", self.app.builder)
        return Path(builder.get_outfilename(name))

    def remove_gone(
        self, keep: Container[str] = (), output_of: Callable[[str], Path] | None = None
    ) -> None:
        """Delete the files of the pages (or files) that the last build into this output
        folder wrote and this one did not make, so that an incremental build leaves what a
        clean one does; names in *keep* (now documents of the project's own) are left alone;
        *output_of* gives a name's file when it is not a page. Folders left empty go too."""
        outdir = Path(self._file.outdir)
        for name in sorted(self.written_before - self.now.keys()):
            if name in keep:
                continue
            path = output_of(name) if output_of is not None else self.page_file(name)
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            folder = path.parent
            while folder != outdir and outdir in folder.parents and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent

    def save(self) -> None:
        state = {
            "site": self.site,
            "inputs": self.inputs,
            "pages": self.now,
            "conflict_warnings": self.conflicts,
            **({"notes": self.notes} if self.notes else {}),
        }
        self._file.write(state)


class WrittenDocuments:
    """What the documents' pages showed of the blog when this builder last wrote them into
    this output folder: for each page, the fingerprint of what it showed of other posts
    (listings, neighbours, series, related posts; see ``BlogpostCollector.get_updated_docs``)
    and what all pages showed of the site (the feeds, the theme's nav links).

    Kept in a file beside the doctrees, not in the environment, and saved once a build has
    written its pages, for the pages it wrote: Sphinx saves the environment before writing
    and shares it between builders and output folders, so a build stopped while writing,
    one that wrote only the documents named on its command line, or another builder on the
    same doctrees (``make -M``, html then dirhtml) would have it record pages that were
    never written, which later builds would then take as current."""

    def __init__(self, app: Sphinx) -> None:
        self._file = _StateFile(app, "documents")
        saved = self._file.saved
        self._shown_before: dict[str, str] = saved.get("shown", {})
        self._site_before: dict[str, Any] = saved.get("site", {})
        #: A digest of everything ``shown`` was computed from.
        self.inputs: str = saved.get("inputs", "")
        #: docname -> fingerprint of what its page shows of other posts.
        self.shown = self._shown_before
        #: What every page shows of the site as a whole, by name (whether it links the blog's
        #: feeds, where the theme's nav links lead); see :meth:`site_changed`.
        self.site: dict[str, Any] = dict(self._site_before)
        #: The documents this build wrote (resolved for writing).
        self.written: set[str] = set()

    @classmethod
    def of(cls, app: Sphinx) -> WrittenDocuments:
        """The state of the current build, read once and kept on the builder."""
        state: WrittenDocuments | None = getattr(app.builder, _DOCUMENTS_ATTR, None)
        if state is None:
            state = cls(app)
            setattr(app.builder, _DOCUMENTS_ATTR, state)
        return state

    def site_changed(self, name: str, now: str | bool) -> bool:
        """Note *now* as what every page shows of the site's *name*; whether the pages in
        this output folder show something else, or may (no build into it is known): then
        every document is to be written again, as a clean build would write it."""
        changed = self.site.get(name) != now or name not in self.site
        self.site[name] = now
        return changed

    def save(self, found_docs: AbstractSet[str]) -> None:
        """Record the states of the pages as they are now in the output folder: this build's
        for those it wrote or that show no change, the last ones for the others. Only when
        every page shows this build's blog do the inputs stand for all of them."""
        before = self._shown_before
        shown: dict[str, str] = {}
        for docname, state in self.shown.items():
            if docname in self.written or before.get(docname) == state:
                shown[docname] = state
            elif docname in before:
                shown[docname] = before[docname]
        every_page_written = found_docs <= self.written
        site = {}
        for name, value in self.site.items():
            if every_page_written or self._site_before.get(name) == value:
                site[name] = value
            elif name in self._site_before:  # a build stopped before writing them all
                site[name] = self._site_before[name]
        state = {"inputs": self.inputs if shown == self.shown else "", "shown": shown, "site": site}
        self._file.write(state)


_DOCUMENTS_ATTR = "_blogpost_written_documents"


def note_written_document(app: Sphinx, doctree: object, docname: str) -> None:
    """``doctree-resolved``: the page of *docname* is being written (in the main process,
    with ``-j N`` too), so it shows this build's blog."""
    WrittenDocuments.of(app).written.add(docname)


def save_written_documents(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: record what the pages now show, once they are written."""
    if exception is None:
        WrittenDocuments.of(app).save(app.env.found_docs)


def put_by_sphinx(app: Sphinx, path: str) -> bool:
    """Whether Sphinx itself puts a file at *path* (under the output folder): an entry of
    ``html_extra_path`` (a folder's files go to the root, a file there too), or of
    ``html_static_path`` (likewise into ``_static``)."""
    first, _, rest = path.partition("/")
    places = [(app.config.html_extra_path, path)]
    if first == "_static" and rest:
        places.append((app.config.html_static_path, rest))
    for entries, name in places:
        for entry in entries:
            source = Path(app.confdir, entry)
            if Path(source, name).is_file() or (source.is_file() and source.name == name):
                return True
    return False
