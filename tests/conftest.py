"""Shared fixtures: Sphinx's testing app, and helpers to read what a build wrote."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

    from sphinx_blogpost.posts import Post

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def warnings_of(app: SphinxTestApp) -> list[str]:
    """The build's warning lines, without colour codes."""
    text = _ANSI.sub("", app.warning.getvalue())
    return [line for line in text.splitlines() if line.strip()]


def soup(app: SphinxTestApp, page: str) -> BeautifulSoup:
    """The parsed HTML of an output page (``page`` without suffix)."""
    return BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text("utf8"), "html.parser")


def posts(app: SphinxTestApp) -> dict[str, Post]:
    """The collected Post records of a build."""
    from sphinx_blogpost.collector import posts_of

    return dict(posts_of(app.env))


def copy_root(name: str, dest: Path) -> Path:
    """A writable copy of a test root (roots are read in place, so edits need a copy)."""
    target = dest / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


@dataclass
class Build:
    """What one build left: its warnings, posts and output folder (the app is cleaned up)."""

    warnings: list[str]
    posts: dict[str, Post]
    outdir: Path


def build(make_app: Any, *args: Any, **kwargs: Any) -> Build:
    """Run one build to the end; several builds in one test each go through here, so each
    app releases the docutils registrations it made before the next one starts."""
    app = make_app(*args, **kwargs)
    try:
        app.build()
        return Build(warnings_of(app), posts(app), Path(app.outdir))
    finally:
        app.cleanup()


def make_site(folder: Path, files: dict[str, str], conf: str) -> Path:
    """A source folder with *files*, a conf.py and a glob toctree index."""
    for name, text in {**files, "conf.py": conf}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf8")
    if "index.rst" not in files:
        (folder / "index.rst").write_text("Site\n====\n\n.. toctree::\n   :glob:\n\n   **\n")
    return folder
