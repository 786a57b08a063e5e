"""The documentation: it builds without a warning, its reference tables match the code, and
the tutorial's files and commands, taken from the tutorial page itself, give a working blog."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from sphinx.cmd.build import build_main

from sphinx_blogpost.config import CONFIG_FIELDS, PREFIX
from sphinx_blogpost.warnings_ import WARNING_TYPE, BlogpostWarning

DOCS = Path(__file__).resolve().parent.parent / "docs"
TUTORIAL = DOCS / "tutorial.md"
TUTORIAL_FILES = DOCS / "tutorial" / "files"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class DocsBuild:
    outdir: Path
    status: int
    warnings: list[str]

    def soup(self, page: str) -> BeautifulSoup:
        return BeautifulSoup((self.outdir / f"{page}.html").read_text("utf8"), "html.parser")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> DocsBuild:
    """The docs built once as CI builds them: nitpicky, every warning collected."""
    out = tmp_path_factory.mktemp("docs")
    warnings = out / "warnings.txt"
    status = build_main(
        ["-n", "--keep-going", "-q", "-b", "html", "-d", str(out / "doctrees"),
         "-w", str(warnings), str(DOCS), str(out / "html")]
    )  # fmt: skip
    lines = _ANSI.sub("", warnings.read_text("utf8")).splitlines()
    return DocsBuild(out / "html", status, [line for line in lines if line.strip()])


def test_docs_build_without_warnings(docs):
    assert docs.warnings == []
    assert docs.status == 0


def _plain(text: str) -> str:
    """Text with Sphinx's smart quotes made straight again and whitespace collapsed."""
    straight = text.translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''"))
    return " ".join(straight.split())


def _first_cells(table) -> list[str]:
    return [row.find("td").get_text(strip=True) for row in table.find("tbody").find_all("tr")]


def test_configuration_reference_lists_every_field(docs):
    table = docs.soup("reference/configuration").select_one("table.bp-config-table")
    assert table is not None
    assert _first_cells(table) == [PREFIX + f.name for f in CONFIG_FIELDS]
    # each row carries the field's own help text, so the docs follow the code
    rows = table.find("tbody").find_all("tr")
    for field, row in zip(CONFIG_FIELDS, rows, strict=True):
        shown = _plain(row.find_all("td")[2].get_text())
        assert shown == _plain(field.metadata["help"].replace("`", ""))


def test_warnings_reference_lists_every_member(docs):
    table = docs.soup("reference/warnings").select_one("table.bp-warnings-table")
    assert table is not None
    assert _first_cells(table) == [f"{WARNING_TYPE}.{w.subtype}" for w in BlogpostWarning]


def test_theme_variables_table_comes_from_the_stylesheet(docs):
    pytest.importorskip("sphinx_blogpost.theme")
    table = docs.soup("howto/customise-theme").select_one("table.bp-theme-variables-table")
    assert table is not None
    names = _first_cells(table)
    assert "--bp-accent" in names
    assert all(name.startswith("--bp-") for name in names)


def test_config_names_link_to_the_table(docs):
    link = docs.soup("howto/feeds").select_one('a[href*="configuration.html#confval-"]')
    assert link is not None


def test_release_notes_are_a_blog(docs):
    index = docs.soup("index")
    titles = [a.get_text(strip=True) for a in index.select(".bp-listing .bp-card-title a")]
    assert "sphinx-blogpost 0.1.0" in titles
    post = docs.soup("releases/0.1.0")
    assert post.select_one(".bp-post-header .bp-category").get_text() == "Release"
    assert (docs.outdir / "releases" / "index.html").is_file()
    assert (docs.outdir / "releases" / "atom.xml").is_file()


# -- the tutorial ------------------------------------------------------------------------------
@dataclass
class Step:
    """One thing the tutorial asks the reader to do: run a command or write a file."""

    kind: str  # "command" or "file"
    text: str  # the command line, or the path the reader writes (relative to the blog folder)
    source: Path | None = None  # for files: the included file in docs/tutorial/files


def _directive_options(content: str) -> dict[str, str]:
    options = {}
    for line in content.splitlines():
        match = re.match(r":(\w[\w-]*):\s*(.*)", line)
        if not match:
            break
        options[match[1]] = match[2].strip()
    return options


def tutorial_steps() -> list[Step]:
    """The tutorial's commands and files, in page order, read from its MyST source."""
    steps = []
    tokens = MarkdownIt("commonmark").parse(TUTORIAL.read_text("utf8"))
    for token in tokens:
        if token.type != "fence":
            continue
        name, _, argument = token.info.partition(" ")
        options = _directive_options(token.content)
        if name == "{code-block}" and "tutorial-command" in options.get("class", "").split():
            for line in token.content.splitlines():
                if line.startswith("$ "):
                    steps.append(Step("command", line[2:].strip()))
        elif name == "{literalinclude}":
            source = (TUTORIAL.parent / argument.strip()).resolve()
            assert source.is_relative_to(TUTORIAL_FILES), source
            path = source.relative_to(TUTORIAL_FILES).as_posix()
            assert options.get("caption") == path, "the caption names the file the reader writes"
            steps.append(Step("file", path, source))
    return steps


# Commands that set up the reader's Python environment: the test runs in one that already has
# sphinx-blogpost, and uses the current interpreter instead.
_ENVIRONMENT = re.compile(r"^(python3? -m (venv|pip)|pip3? install|source |\. )")


def test_tutorial_shows_every_file_and_builds(tmp_path):
    steps = tutorial_steps()
    shown = {s.text for s in steps if s.kind == "file"}
    written = {p.relative_to(TUTORIAL_FILES).as_posix() for p in TUTORIAL_FILES.rglob("*")
               if p.is_file()}  # fmt: skip
    assert shown == written, "every file of docs/tutorial/files is on the tutorial page"
    assert any(s.kind == "command" and s.text.startswith("sphinx-build") for s in steps)

    cwd = tmp_path
    for step in steps:
        if step.kind == "file":
            assert step.source is not None
            target = cwd / step.text
            assert target.parent.is_dir(), f"the tutorial writes {step.text} into a folder it made"
            target.write_bytes(step.source.read_bytes())
            continue
        argv = shlex.split(step.text)
        if _ENVIRONMENT.match(step.text):
            continue
        if argv[0] == "mkdir":
            (cwd / argv[-1]).mkdir()
        elif argv[0] == "cd":
            cwd = cwd / argv[1]
        elif argv[0] == "sphinx-build":
            result = subprocess.run(
                [sys.executable, "-m", "sphinx", *argv[1:]],
                cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
            )  # fmt: skip
            assert result.returncode == 0, result.stderr
            assert "WARNING" not in result.stderr, result.stderr
            assert "build succeeded" in result.stdout
        else:
            pytest.fail(f"the tutorial runs a command this test does not know: {step.text!r}")

    html = cwd / "_build" / "html"
    index = BeautifulSoup((html / "blog" / "index.html").read_text("utf8"), "html.parser")
    cards = index.select(".bp-card")
    assert len(cards) == 1
    assert cards[0].select_one(".bp-card-title a").get_text(strip=True) == "Hello, world"
    assert cards[0].select_one(".bp-card-category").get_text(strip=True) == "Notes"
    readtime = cards[0].select_one(".bp-readtime[data-minutes]")
    assert readtime.get_text(strip=True) == "1 min read"  # as the tutorial says

    post = BeautifulSoup((html / "posts" / "hello-world.html").read_text("utf8"), "html.parser")
    header = post.select_one(".bp-post-header")
    assert header is not None
    assert header.select_one(".bp-readtime").get_text(strip=True) == "1 min read"
    assert [a.get_text(strip=True) for a in header.select(".bp-tags a.bp-tag")] == [
        "sphinx",
        "first steps",
    ]
    for feed in ("atom.xml", "rss.xml", "feed.json", "index.json"):
        assert (html / "blog" / feed).is_file(), feed
