"""The ``dispatches`` HTML theme: where it lives, its validated options, and the entry point.

Use it with ``html_theme = "dispatches"``; listing ``sphinx_blogpost`` in ``extensions`` is
optional (the theme sets the extension up). Everything it shows is computed in
:mod:`sphinx_blogpost.context`; the templates only print it.

The theme never loads anything from another host: no web fonts, no CDN. Sphinx itself loads
MathJax from a CDN on pages with math; for a fully self-hosted site add the extension
``sphinx-mathjax-offline`` (``pip install sphinx-mathjax-offline``,
``extensions = [..., "sphinx-mathjax-offline"]``), which serves a bundled MathJax instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import assignment_location
from ..warnings_ import BlogpostWarning, warn

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from sphinx.application import Sphinx

THEME_NAME = "dispatches"
THEME_PATH = Path(__file__).parent / THEME_NAME
LISTING_STYLES = ("cards", "list")
_OPTIONS_ATTR = "_blogpost_theme_options"


@dataclass(frozen=True)
class ThemeOptions:
    """The dispatches options this package acts on, validated."""

    listing_style: str = "cards"  # layout of the generated listing pages
    nav_links: tuple[tuple[str, str], ...] = ()  # extra (title, url) entries of the site nav


def uses_dispatches(app: Sphinx) -> bool:
    """Whether the HTML theme of this build is dispatches or a theme that inherits it."""
    theme = getattr(app.builder, "theme", None)
    if theme is None:
        return False
    target = THEME_PATH.resolve()
    return any(Path(folder).resolve() == target for folder in theme.get_theme_dirs())


def theme_options(app: Sphinx) -> ThemeOptions:
    """The validated options of this build (defaults for other themes); bad values warn once
    per build, with a ``blogpost.config`` warning, and are replaced by their default."""
    cached: ThemeOptions | None = getattr(app.builder, _OPTIONS_ATTR, None)
    if cached is None:
        cached = ThemeOptions()
        if uses_dispatches(app):
            overrides: Mapping[str, Any] = app.config.html_theme_options or {}
            theme = app.builder.theme  # type: ignore[attr-defined]
            raw = {
                name: overrides.get(name, theme.get_config("options", name, None))
                for name in ("listing_style", "nav_links")
            }
            location = assignment_location(Path(app.confdir, "conf.py"), "html_theme_options")
            cached = parse_options(
                raw, report=lambda message: warn(BlogpostWarning.CONFIG, message, location)
            )
        setattr(app.builder, _OPTIONS_ATTR, cached)
    return cached


def parse_options(raw: Mapping[str, Any], report: Callable[[str], None]) -> ThemeOptions:
    """Validate raw theme option values; *report* receives each problem's message."""
    style = raw.get("listing_style") or "cards"
    if style not in LISTING_STYLES:
        report(
            f"html_theme_options['listing_style'] = {style!r} is invalid "
            f"(expected one of {', '.join(LISTING_STYLES)}); using 'cards'"
        )
        style = "cards"
    links = []
    for entry in raw.get("nav_links") or ():
        if isinstance(entry, dict):
            pair = (entry.get("title"), entry.get("url"))
        elif isinstance(entry, list | tuple) and len(entry) == 2:
            pair = (entry[0], entry[1])
        else:
            pair = (None, None)
        if not all(isinstance(part, str) and part for part in pair):
            report(
                f"html_theme_options['nav_links'] entry {entry!r} is invalid "
                '(expected {"title": ..., "url": ...} or a (title, url) pair); it is left out'
            )
            continue
        links.append((str(pair[0]), str(pair[1])))
    return ThemeOptions(listing_style=style, nav_links=tuple(links))


def setup(app: Sphinx) -> dict[str, Any]:
    """Entry point of ``html_theme = "dispatches"`` when ``sphinx_blogpost`` is not listed in
    ``extensions``: set the extension up (which registers the theme).

    Sphinx loads a theme's entry point while the builder starts, after ``config-inited``;
    so the ``config-inited`` handlers this adds (config validation, new source suffixes
    such as MyST's ``.md``) are run here, as they would have run had the extension been
    listed.
    """
    late = getattr(app, "builder", None) is not None
    if late:
        # Sphinx merged the extensions' source suffixes into the config at config-inited and
        # shares one dict between both since; collect the ones added now apart (merged below)
        # and never mutate the shared dict, which may be Sphinx's default value itself.
        app.config.source_suffix = dict(app.config.source_suffix)
        app.registry.source_suffix = {}
    before = {listener.id for listeners in app.events.listeners.values() for listener in listeners}
    app.setup_extension("sphinx_blogpost")
    if late:
        _run_missed_config_inited(app, before)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def _run_missed_config_inited(app: Sphinx, known: set[int]) -> None:
    from sphinx.registry import merge_source_suffix

    added = [
        listener
        for listener in app.events.listeners.get("config-inited", [])
        if listener.id not in known
    ]
    for listener in sorted(added, key=attrgetter("priority")):
        listener.handler(app, app.config)
    merge_source_suffix(app, app.config)  # Sphinx's own, so that `.md` posts are found
    app.project.source_suffix = tuple(app.config.source_suffix)
