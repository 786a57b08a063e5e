"""Reference tables generated from sphinx-blogpost's own code, so the docs cannot drift.

``blogpost-config-table`` lists every field of ``sphinx_blogpost.config.CONFIG_FIELDS``;
``blogpost-warnings-table`` lists every member of ``sphinx_blogpost.warnings_.BlogpostWarning``;
``blogpost-theme-variables`` lists the ``--bp-*`` custom properties the dispatches theme's
stylesheet declares on ``:root``; ``blogpost-benchmark`` shows the chart and table of the last
benchmark run (``benchmarks/run.py``), or its own content where there is none yet.
Each configuration value is also registered as a ``confval`` object of the standard domain,
so pages link to its row with ``{confval}`blogpost_title``` and ``-n`` checks every link.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from sphinx_blogpost.config import CONFIG_FIELDS, PREFIX, BlogpostConfig
from sphinx_blogpost.warnings_ import WARNING_TYPE, BlogpostWarning

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx
    from sphinx.domains.std import StandardDomain

#: What each ``rebuild`` value of a config field means for the next build.
REBUILD = {"env": "every document", "html": "HTML pages", "": "nothing"}

_CODE = re.compile(r"`([^`]+)`")


def inline_text(text: str) -> list[nodes.Node]:
    """Plain text in which `backquoted` spans become inline code, as in the code's docs."""
    parts: list[nodes.Node] = []
    for index, piece in enumerate(_CODE.split(text)):
        if index % 2:
            parts.append(nodes.literal(piece, piece))
        elif piece:
            parts.append(nodes.Text(piece))
    return parts


def type_name(annotation: Any) -> str:
    """The annotation as written in the dataclass (a string under postponed evaluation)."""
    if isinstance(annotation, str):
        return annotation
    if isinstance(annotation, type):
        return annotation.__name__
    return str(annotation).replace("typing.", "")


def build_table(headers: Sequence[str], rows: Sequence[Sequence[list[nodes.Node]]]) -> nodes.table:
    """A docutils table with a header row; each cell is a list of inline nodes. Column widths
    are left to the browser, which fits long option names best."""
    table = nodes.table()
    group = nodes.tgroup(cols=len(headers))
    table += group
    group += [nodes.colspec(colwidth=1) for _ in headers]
    head = nodes.thead()
    group += head
    head += _row([[nodes.Text(text)] for text in headers])
    body = nodes.tbody()
    group += body
    body += [_row(cells) for cells in rows]
    return table


def _row(cells: Sequence[list[nodes.Node]]) -> nodes.row:
    row = nodes.row()
    for content in cells:
        entry = nodes.entry()
        entry += nodes.paragraph("", "", *content)
        row += entry
    return row


class ConfigTable(SphinxDirective):
    """``blogpost-config-table``: one row per ``blogpost_*`` configuration value."""

    has_content = False
    headers: ClassVar[tuple[str, ...]] = ("Name", "Value", "Meaning", "Rebuilds")

    def run(self) -> list[nodes.Node]:
        defaults = BlogpostConfig()
        std: StandardDomain = self.env.get_domain("std")  # type: ignore[assignment]
        rows = []
        for field in CONFIG_FIELDS:
            name = PREFIX + field.name
            node_id = make_id(self.env, self.state.document, "confval", name)
            std.note_object("confval", name, node_id, location=(self.env.docname, self.lineno))
            name_cell = nodes.literal(name, name, ids=[node_id], classes=["bp-confval-name"])
            default = repr(getattr(defaults, field.name))
            kind = type_name(field.type)
            rows.append(
                [
                    [name_cell],
                    [
                        nodes.literal(kind, kind),
                        nodes.Text(", default "),
                        nodes.literal(default, default),
                    ],
                    inline_text(field.metadata["help"]),
                    [nodes.Text(REBUILD.get(field.metadata["rebuild"], field.metadata["rebuild"]))],
                ]
            )
        table = build_table(self.headers, rows)
        table["classes"].append("bp-config-table")
        return [table]


class WarningsTable(SphinxDirective):
    """``blogpost-warnings-table``: one row per ``blogpost.<subtype>`` warning."""

    has_content = False
    headers: ClassVar[tuple[str, ...]] = ("Warning", "When it is emitted")

    def run(self) -> list[nodes.Node]:
        rows = []
        for member in BlogpostWarning:
            name = f"{WARNING_TYPE}.{member.subtype}"
            node_id = make_id(self.env, self.state.document, "warning", name)
            cell = nodes.literal(name, name, ids=[node_id], classes=["bp-warning-name"])
            rows.append([[cell], inline_text(member.description)])
        table = build_table(self.headers, rows)
        table["classes"].append("bp-warnings-table")
        return [table]


#: What each variable of the dispatches theme is for; variables missing here are listed bare.
THEME_VARIABLES = {
    "bg": "page background",
    "surface": "background of cards, boxes and inputs",
    "surface-2": "background of code blocks, card headers and footers",
    "text": "body text",
    "muted": "secondary text: navigation, captions, dates",
    "border": "hairlines and card borders",
    "border-strong": "stronger borders: inputs, table headers, hovered cards",
    "accent": "category labels, the brand dot, hovered links, the current page in the navigation",
    "link": "links",
    "accent-soft": "selected and highlighted text",
    "focus": "keyboard focus ring",
    "shadow": "card shadows",
    "note": "note and info admonitions",
    "note-soft": "their background",
    "warn": "warning admonitions and the Draft label",
    "warn-soft": "their background",
    "danger": "danger and error admonitions",
    "danger-soft": "their background",
    "tip": "tip and hint admonitions",
    "tip-soft": "their background",
    "font-sans": "body text",
    "font-serif": "headings, card titles and the site name",
    "font-mono": "code",
    "measure": "width of the text column",
    "wide": "width of the header, the page and the footer",
    "gutter": "space at the page's sides",
    "radius": "corner radius of cards and boxes",
}
_ROOT_BLOCK = re.compile(r"^:root\s*\{(.*?)^\}", re.MULTILINE | re.DOTALL)
_VARIABLE = re.compile(r"--bp-([\w-]+)\s*:\s*([^;]+);")
_LIGHT_DARK = re.compile(r"light-dark\((.*)\)\s*$", re.DOTALL)


def theme_stylesheet() -> Path | None:
    """The dispatches stylesheet, or None where the theme is not installed."""
    try:
        from sphinx_blogpost.theme import THEME_PATH
    except ImportError:
        return None
    path = Path(THEME_PATH, "static", "dispatches.css")
    return path if path.is_file() else None


def theme_variables(css: str) -> list[tuple[str, str, str]]:
    """``(name, light value, dark value)`` of each variable of the first ``:root`` block."""
    block = _ROOT_BLOCK.search(css)
    variables = []
    for name, raw in _VARIABLE.findall(block[1] if block else ""):
        value = " ".join(raw.split())
        light = dark = value
        match = _LIGHT_DARK.match(value)
        if match:  # light-dark(a, b): split at the comma outside parentheses
            depth, inner = 0, match[1]
            for index, char in enumerate(inner):
                depth += {"(": 1, ")": -1}.get(char, 0)
                if char == "," and depth == 0:
                    light, dark = inner[:index].strip(), inner[index + 1 :].strip()
                    break
        variables.append((f"--bp-{name}", light, dark))
    return variables


class ThemeVariablesTable(SphinxDirective):
    """``blogpost-theme-variables``: the dispatches theme's ``--bp-*`` properties."""

    has_content = False
    headers: ClassVar[tuple[str, ...]] = ("Variable", "For", "Light", "Dark")

    def run(self) -> list[nodes.Node]:
        path = theme_stylesheet()
        if path is None:
            return [nodes.paragraph("", "The dispatches theme is not installed in this build.")]
        self.env.note_dependency(str(path))
        rows = []
        for name, light, dark in theme_variables(path.read_text(encoding="utf-8")):
            use = THEME_VARIABLES.get(name.removeprefix("--bp-"), "")
            rows.append(
                [
                    [nodes.literal(name, name)],
                    [nodes.Text(use)],
                    [nodes.literal(light, light)],
                    [nodes.literal(dark, dark)] if dark != light else [nodes.Text("same")],
                ]
            )
        table = build_table(self.headers, rows)
        table["classes"].append("bp-theme-variables-table")
        return [table]


#: Where benchmarks/run.py writes its chart and table, relative to the docs' source folder.
BENCHMARK_CHARTS = ("_static/benchmark.png",)
#: Its reports: times (the default run), then instruction counts (``--instructions``).
BENCHMARK_TABLES = ("../benchmarks/results.md", "../benchmarks/instructions.md")
BENCHMARK_CAPTIONS = {"results.md": "Build times", "instructions.md": "Instructions executed"}
_HEADING = re.compile(r"^(#+) ", re.MULTILINE)


class BenchmarkResults(SphinxDirective):
    """``blogpost-benchmark``: the benchmark's chart and Markdown table where a run has
    written them; otherwise the directive's own content. Use it in a MyST page."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        srcdir = Path(self.env.srcdir)
        container = nodes.container(classes=["bp-benchmark"])
        chart = next((name for name in BENCHMARK_CHARTS if (srcdir / name).is_file()), None)
        if chart is not None:
            self.env.note_dependency(str(srcdir / chart))
            alt = "Full build time against the number of posts, for each variant."
            container += nodes.image(uri="/" + chart, alt=alt, classes=["bp-benchmark-chart"])
        tables = [srcdir / name for name in BENCHMARK_TABLES if (srcdir / name).is_file()]
        for table in tables:
            self.env.note_dependency(str(table))
            text = table.read_text(encoding="utf-8")
            lines = text.splitlines()
            if lines and lines[0].startswith("# "):  # its title: a caption here (no sections
                lines[0] = f"**{BENCHMARK_CAPTIONS[table.name]}**"  # inside a directive)
            text = _HEADING.sub(lambda m: "#" * (len(m[1]) + 2) + " ", "\n".join(lines))
            self.state.nested_parse(StringList(text.splitlines(), str(table)), 0, container)
        if chart is None and not tables:
            self.state.nested_parse(self.content, self.content_offset, container)
        return [container]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("blogpost-config-table", ConfigTable)
    app.add_directive("blogpost-warnings-table", WarningsTable)
    app.add_directive("blogpost-theme-variables", ThemeVariablesTable)
    app.add_directive("blogpost-benchmark", BenchmarkResults)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
