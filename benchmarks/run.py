#!/usr/bin/env python3
"""Benchmark sphinx-blogpost against plain Sphinx and ABlog on synthetic blogs (issue 7).

What is measured, and why
-------------------------
A blog extension is only worth having if it keeps Sphinx fast, above all on the builds a writer
runs all day: the no-op rebuild and the rebuild after touching one post. So the same synthetic
blog (N posts of ``--words`` words, default 500: paragraphs, a section, a code block; 2-3 tags
out of 30, one category out of 6, one author out of 3, dates over six years, 2/3
reStructuredText and 1/3 MyST) is written, from one seed, in three flavours that differ only in
their blog metadata:

``plain``
    no metadata at all; ``extensions = ["myst_parser", "sphinx_design"]``: the Sphinx baseline.
``ablog``
    ABlog's ``.. post::`` directive / ``blogpost: true`` front matter, ``extensions = ["ablog",
    ...]``. ABlog lives in its own virtualenv (``benchmarks/.venvs/ablog``, made on first use)
    so that its pins cannot meet sphinx-blogpost's.
``blogpost``
    ``.. blogpost::`` / ``blogpost:`` front matter, ``extensions = ["sphinx_blogpost"]``, built
    with alabaster and, when it exists, the ``dispatches`` theme.

Every flavour has the same ``index.rst`` (a ``:glob:`` toctree of ``posts/*``, ``:maxdepth: 1``)
and the same search-box-only sidebar: alabaster's default sidebar draws that whole toctree on
every page, which makes a build grow as N² and drowns the rest (``--nav-sidebar`` keeps it).

Each variant is built with ``python -m sphinx -b html`` of its own environment, as a subprocess,
in five scenarios: a full build into an empty output folder, a no-op rebuild, a rebuild after
appending a paragraph to one post, a rebuild after retagging that post (plain: the file is
rewritten unchanged, so Sphinx re-reads it as well), and a full build with ``-j 2``. For each:
wall-clock seconds (median over ``--runs``), peak resident memory of the largest build process
(GNU ``/usr/bin/time``, else ``getrusage`` in a wrapper), the size of ``environment.pickle``, and
how many documents were read (doctrees rewritten) and how many HTML pages were written.

Ratios are taken against the plain build *of the same environment* (same Sphinx, docutils and
MyST), so a ratio is the cost of the blog extension alone: 1.00 is free, 2.00 doubles the build.
The script checks nothing; it reports a table (stdout and Markdown), raw JSON, and a PNG plot.
Only the standard library is used here; matplotlib, if importable, draws the plot.
"""

# ruff: noqa: RUF001, RUF002, RUF003  (tables say "× plain": a ratio sign)
from __future__ import annotations

import argparse
import compileall
import hashlib
import importlib.util
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
VENVS = HERE / ".venvs"
ABLOG_REQUIREMENTS = ["ablog>=0.11,<0.12", "myst-parser", "sphinx-design"]
PLOT_REQUIREMENTS = ["matplotlib"]
SEED = 7
SCENARIOS = ("full", "no-op", "edit body", "retag", "full -j2")

# --------------------------------------------------------------------------------------------
# Synthetic posts
# --------------------------------------------------------------------------------------------

WORDS = """
model models attention state space sequence token tokens layer layers gradient gradients
memory context window linear recurrent convolution kernel matrix vector tensor scale scaling
training inference batch loss optimizer learning rate schedule warmup decay weight weights
dynamics chaos attractor orbit phase bifurcation stability noise signal spectrum frequency
emergence system systems agent agents reward policy value network graph node edge cluster
data dataset sample samples benchmark baseline experiment result results figure table error
precision recall metric latency throughput hardware accelerator cache buffer pipeline stage
simple careful small large long short fast slow stable unstable sparse dense hidden visible
early late first second final local global random fixed adaptive selective shared separate
we they it this that these those our their its one two three several many few most each every
shows suggests explains measures compares trains predicts learns remembers forgets chooses
grows shrinks converges diverges improves degrades holds breaks runs fails returns builds
because although while when where which whose so yet still also only even often rarely
across between within without under over through against toward along beyond behind inside
about after before during since until upon into onto from with for of in on at by to and or
question answer idea reason claim proof argument intuition picture story detail example case
paper note draft review reader writer author editor version release change update history
""".split()  # noqa: SIM905 (a word list reads better as text)

CODE_LINES = [
    "def step(state, x, a={a}, b={b}):",
    "    h = a * state + b * x",
    "    return h, h.clip(-{c}, {c})",
    "",
    "def run(xs, h0=0.0):",
    "    h, out = h0, []",
    "    for x in xs:",
    "        h, y = step(h, x)",
    "        out.append(y)",
    "    return out",
    "",
    "print(sum(run(range({n}))) / {n})",
]

TAGS = [
    "attention", "long context", "mamba", "transformers", "scaling laws", "optimization",
    "chaos", "attractors", "bifurcations", "emergence", "agents", "reinforcement learning",
    "graphs", "sparsity", "quantization", "hardware", "compilers", "evaluation", "benchmarks",
    "datasets", "interpretability", "memory", "recurrence", "convolution", "signals",
    "spectra", "noise", "stability", "tooling", "writing",
]  # fmt: skip
CATEGORIES = [
    "State Space Model", "Transformer", "Nonlinear Dynamics", "Emergence", "Systems", "Notes",
]  # fmt: skip
AUTHORS = {"ada": "Ada Moreau", "ben": "Ben Okafor", "chen": "Chen Li"}


@dataclass(frozen=True)
class Post:
    """One synthetic post: its metadata and its body as abstract blocks."""

    slug: str
    fmt: str  # "rst" or "md"
    title: str
    date: date
    tags: tuple[str, ...]
    category: str
    author: str
    blocks: tuple[tuple[str, Any], ...]  # ("p", [(word, style)...]) | ("h", str) | ("code", str)


def _sentence(rng: random.Random) -> list[tuple[str, str]]:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 20))]
    words[0] = words[0].capitalize()
    styled = [(w, rng.choices(("", "em", "code"), (0.97, 0.02, 0.01))[0]) for w in words]
    if len(styled) > 10 and rng.random() < 0.4:
        word, style = styled[len(styled) // 2]
        styled[len(styled) // 2] = (word + ",", style) if not style else (word, style)
    last, style = styled[-1]
    styled[-1] = (last, style) if style else (last + rng.choice(".....?"), style)
    if style:
        styled.append((".", "punct"))
    return styled


def _paragraph(rng: random.Random, words: int) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    while sum(1 for _, s in tokens if s != "punct") < words:
        tokens.extend(_sentence(rng))
    return tokens


def _code(rng: random.Random) -> str:
    values = {"a": rng.randint(2, 9) / 10, "b": rng.randint(1, 9) / 10, "c": rng.randint(2, 9)}
    values["n"] = rng.randint(10, 1000)
    return "\n".join(line.format(**values) for line in CODE_LINES)


def _title(rng: random.Random) -> str:
    return " ".join(w.capitalize() for w in rng.sample(WORDS, rng.randint(3, 7)))


def make_post(index: int, seed: int, words: int) -> Post:
    """Post ``index`` of the blog made from ``seed``: the same in every flavour."""
    rng = random.Random(seed * 1_000_003 + index)
    blocks: list[tuple[str, Any]] = []
    remaining = words - 40  # the code block and heading count too
    heading_at, code_at = rng.randint(1, 3), rng.randint(3, 5)
    while remaining > 0:
        if len(blocks) == heading_at:
            blocks.append(("h", _title(rng)))
        if len(blocks) == code_at:
            blocks.append(("code", _code(rng)))
        size = min(remaining, rng.randint(50, 110))
        blocks.append(("p", _paragraph(rng, size)))
        remaining -= size
    return Post(
        slug=f"post-{index:04d}",
        fmt="md" if index % 3 == 2 else "rst",
        title=_title(rng),
        date=date(2019, 1, 1) + timedelta(days=rng.randint(0, 6 * 365)),
        tags=tuple(rng.sample(TAGS, rng.randint(2, 3))),
        category=rng.choice(CATEGORIES),
        author=rng.choice(sorted(AUTHORS)),
        blocks=tuple(blocks),
    )


def extra_paragraph(seed: int, run: int) -> list[tuple[str, str]]:
    """The paragraph appended in the *edit body* scenario."""
    return _paragraph(random.Random(seed + 999 + run), 60)


# --------------------------------------------------------------------------------------------
# Rendering a post in one flavour
# --------------------------------------------------------------------------------------------

INLINE = {"rst": {"em": "*{}*", "code": "``{}``"}, "md": {"em": "*{}*", "code": "`{}`"}}


def render_paragraph(tokens: list[tuple[str, str]], fmt: str) -> str:
    parts: list[str] = []
    for word, style in tokens:
        if style == "punct":
            parts[-1] += word
        else:
            parts.append(INLINE[fmt][style].format(word) if style else word)
    return textwrap.fill(" ".join(parts), width=96)


def _underline(text: str, char: str) -> str:
    return f"{text}\n{char * len(text)}"


def _rst_metadata(post: Post, flavour: str) -> str:
    tags = ", ".join(post.tags)
    if flavour == "ablog":
        return (
            f".. post:: {post.date.isoformat()}\n   :tags: {tags}\n"
            f"   :category: {post.category}\n   :author: {post.author}\n\n"
        )
    if flavour == "blogpost":
        return (
            f".. blogpost::\n   :date: {post.date.isoformat()}\n   :category: {post.category}\n"
            f"   :tags: {tags}\n   :author: {post.author}\n\n"
        )
    return ""


def _md_front_matter(post: Post, flavour: str) -> str:
    if flavour == "ablog":
        return (
            f"---\nblogpost: true\ndate: {post.date.isoformat()}\ntags: {', '.join(post.tags)}\n"
            f"category: {post.category}\nauthor: {post.author}\n---\n\n"
        )
    if flavour == "blogpost":
        tags = ", ".join(post.tags)
        return (
            f"---\nblogpost:\n  date: {post.date.isoformat()}\n  category: {post.category}\n"
            f"  tags: [{tags}]\n  author: {post.author}\n---\n\n"
        )
    return ""


def _render_block(kind: str, value: Any, fmt: str) -> str:
    if kind == "p":
        return render_paragraph(value, fmt)
    if kind == "h":
        return _underline(value, "-") if fmt == "rst" else f"## {value}"
    code = str(value)
    if fmt == "rst":
        return ".. code-block:: python\n\n" + textwrap.indent(code, "   ", lambda s: bool(s))
    return f"```python\n{code}\n```"


def render_post(post: Post, flavour: str) -> str:
    """The source text of ``post`` in ``flavour`` ("plain", "ablog" or "blogpost")."""
    if post.fmt == "rst":
        head = _underline(post.title, "=") + "\n\n" + _rst_metadata(post, flavour)
    else:
        head = _md_front_matter(post, flavour) + f"# {post.title}\n\n"
    body = "\n\n".join(_render_block(kind, value, post.fmt) for kind, value in post.blocks)
    return head + body + "\n"


INDEX = """\
Benchmark blog
==============

Synthetic posts for ``benchmarks/run.py``.

.. toctree::
   :maxdepth: 1
   :glob:

   posts/*
"""

CONF_COMMON = """\
project = "Benchmark blog"
author = "Benchmark"
html_theme = "alabaster"
exclude_patterns = ["_build"]
"""

# alabaster's default sidebar draws the whole toctree on every page: with N posts every page
# holds N links, so a build grows as N² (1000 posts: ~7 min for plain Sphinx alone) and that
# drowns what is measured. All variants get the same search-box-only sidebar instead, unless
# --nav-sidebar asks for alabaster's default.
NO_NAV_SIDEBAR = 'html_sidebars = {"**": ["searchbox.html"]}\n'

AUTHOR_TUPLES = ", ".join(f'"{k}": ("{v}", None)' for k, v in AUTHORS.items())
AUTHOR_DICTS = ", ".join(f'"{k}": {{"name": "{v}"}}' for k, v in AUTHORS.items())

CONF = {
    "plain": CONF_COMMON + 'extensions = ["myst_parser", "sphinx_design"]\n',
    # ABlog: templates are injected by ABlog itself (putting get_html_templates_path() in
    # templates_path is an error since 0.11); sphinx_design too, to match the other flavours.
    "ablog": CONF_COMMON
    + 'extensions = ["ablog", "myst_parser", "sphinx_design"]\n'
    + 'blog_path = "blog"\nblog_title = "Blog"\nblog_baseurl = "https://example.org/"\n'
    + 'post_date_format = "%Y-%m-%d"\n'
    + f"blog_authors = {{{AUTHOR_TUPLES}}}\n",
    "blogpost": CONF_COMMON
    + 'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://example.org/"\n'
    + f"blogpost_authors = {{{AUTHOR_DICTS}}}\n",
}


@dataclass
class Site:
    """A generated source folder of one flavour, and how to edit its target post."""

    flavour: str
    src: Path
    posts: list[Post]
    target: Post  # the post edited and retagged

    def path_of(self, post: Post) -> Path:
        return self.src / "posts" / f"{post.slug}.{post.fmt}"

    def write_post(self, post: Post, extra: str = "") -> None:
        self.path_of(post).write_text(render_post(post, self.flavour) + extra, encoding="utf-8")

    def edit_body(self, run: int) -> None:
        paragraph = render_paragraph(extra_paragraph(SEED, run), self.target.fmt)
        self.write_post(self.target, "\n" + paragraph + "\n")

    def retag(self) -> None:
        new_tags = tuple(t for t in TAGS if t not in self.target.tags)[:2]
        self.write_post(replace(self.target, tags=new_tags))

    def restore(self) -> None:
        self.write_post(self.target)


def write_site(root: Path, flavour: str, posts: list[Post], nav_sidebar: bool = False) -> Site:
    """Write conf.py, index.rst and every post of ``flavour`` under ``root/flavour``."""
    src = root / flavour
    shutil.rmtree(src, ignore_errors=True)
    (src / "posts").mkdir(parents=True)
    conf = CONF[flavour] + ("" if nav_sidebar else NO_NAV_SIDEBAR)
    (src / "conf.py").write_text(conf, encoding="utf-8")
    (src / "index.rst").write_text(INDEX, encoding="utf-8")
    target = next(p for p in posts[len(posts) // 2 :] if p.fmt == "rst")
    site = Site(flavour, src, posts, target)
    for post in posts:
        site.write_post(post)
    return site


# --------------------------------------------------------------------------------------------
# Environments
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Env:
    """A Python environment that runs builds: its name, interpreter and library versions."""

    name: str
    python: str
    versions: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def stack(self) -> tuple[str, ...]:
        """The versions that decide how fast plain Sphinx is."""
        keys = ("python", "sphinx", "docutils", "myst_parser", "sphinx_design", "PyStemmer")
        return tuple(self.versions.get(k, "?") for k in keys)


VERSION_PROBE = """
import importlib, importlib.metadata, json, platform
out = {"python": platform.python_version()}
for name in ("sphinx", "docutils", "myst_parser", "sphinx_design", "ablog", "sphinx_blogpost"):
    try:
        out[name] = getattr(importlib.import_module(name), "__version__", "?")
    except Exception:
        pass
try:  # with it, Sphinx's search index stems in C: a plain build in ~30% less time
    out["PyStemmer"] = importlib.metadata.version("PyStemmer")
except importlib.metadata.PackageNotFoundError:
    pass
print(json.dumps(out))
"""


def probe_env(name: str, python: str) -> Env:
    result = subprocess.run(
        [python, "-c", VERSION_PROBE], capture_output=True, text=True, check=True
    )
    return Env(name, python, json.loads(result.stdout))


def venv_python(name: str) -> Path:
    return VENVS / name / "bin" / "python"


def has_modules(python: Path, modules: list[str]) -> bool:
    if not python.exists():
        return False
    code = "import " + ", ".join(modules)
    return subprocess.run([str(python), "-c", code], capture_output=True).returncode == 0


def ensure_venv(name: str, requirements: list[str], modules: list[str]) -> Path | None:
    """``benchmarks/.venvs/<name>`` with ``requirements``, made on first use; None on failure."""
    python = venv_python(name)
    if has_modules(python, modules):
        return python
    print(f"Creating benchmarks/.venvs/{name} ({' '.join(requirements)}) ...", flush=True)
    started = time.perf_counter()
    shutil.rmtree(VENVS / name, ignore_errors=True)
    steps = [
        [sys.executable, "-m", "venv", str(VENVS / name)],
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *requirements],
    ]
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True)
        if result.returncode != 0:
            print(f"  failed: {' '.join(step)}\n{result.stderr[-2000:]}", flush=True)
            return None
    print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)
    return python


# --------------------------------------------------------------------------------------------
# One build
# --------------------------------------------------------------------------------------------

USAGE_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "open(sys.argv[1], 'w').write(f'{r.ru_maxrss} {r.ru_utime} {r.ru_stime}')\n"
    "sys.exit(code)\n"
)


def gnu_time() -> str | None:
    """``/usr/bin/time`` if it is GNU time (``%M``: peak RSS; ``%U``, ``%S``: CPU seconds)."""
    path = "/usr/bin/time"
    if not os.access(path, os.X_OK):
        return None
    result = subprocess.run([path, "--version"], capture_output=True, text=True)
    return path if "GNU" in result.stdout + result.stderr else None


def measured(command: list[str], usage_file: Path) -> list[str]:
    """``command`` wrapped so that "peak-RSS-KiB user-s system-s" lands in ``usage_file``."""
    timer = gnu_time()
    if timer:
        return [timer, "-f", "%M %U %S", "-o", str(usage_file), *command]
    return [sys.executable, "-c", USAGE_WRAPPER, str(usage_file), *command]


@dataclass
class Measurement:
    """What one build cost and did."""

    seconds: float
    ok: bool
    cpu_seconds: float | None  # user + system, of the build and its workers
    peak_kb: int | None
    pickle_bytes: int | None
    read: int
    written: int
    warnings: int


def snapshot(folder: Path, suffix: str) -> dict[Path, int]:
    if not folder.exists():
        return {}
    return {p: p.stat().st_mtime_ns for p in folder.rglob(f"*{suffix}")}


def changed(before: dict[Path, int], after: dict[Path, int]) -> int:
    return sum(1 for path, mtime in after.items() if before.get(path) != mtime)


def _read_usage(path: Path) -> tuple[int | None, float | None]:
    """Peak RSS (KiB) and CPU seconds from the last line of a ``measured`` usage file."""
    try:
        peak, user, system = path.read_text().strip().splitlines()[-1].split()
        return int(peak), float(user) + float(system)
    except (OSError, ValueError, IndexError):
        return None, None


def build(env: Env, src: Path, out: Path, theme: str, jobs: int, log: Path) -> Measurement:
    """Run ``python -m sphinx -b html`` of ``env`` once and measure it."""
    html, doctrees = out / "html", out / "doctrees"
    command = [env.python, "-m", "sphinx", "-b", "html", "-d", str(doctrees), str(src), str(html)]
    command += ["-D", f"html_theme={theme}"] + (["-j", str(jobs)] if jobs > 1 else [])
    before_html, before_trees = snapshot(html, ".html"), snapshot(doctrees, ".doctree")
    with tempfile.NamedTemporaryFile("r", suffix=".usage") as usage:
        started = time.perf_counter()
        wrapped = measured(command, Path(usage.name))
        result = subprocess.run(wrapped, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        peak, cpu = _read_usage(Path(usage.name))
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"\n$ {' '.join(command)}\n{result.stdout}{result.stderr}")
    pickle = doctrees / "environment.pickle"
    return Measurement(
        seconds=seconds,
        ok=result.returncode == 0,
        cpu_seconds=cpu,
        peak_kb=peak,
        pickle_bytes=pickle.stat().st_size if pickle.exists() else None,
        read=changed(before_trees, snapshot(doctrees, ".doctree")),
        written=changed(before_html, snapshot(html, ".html")),
        warnings=result.stderr.count("WARNING"),
    )


# --------------------------------------------------------------------------------------------
# Variants and scenarios
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """What is built: a flavour of the sources, by an environment, in a theme."""

    name: str
    env: Env
    flavour: str
    theme: str
    baseline: str  # the plain variant of the same environment
    compare_ablog: bool = False


def run_round(
    variants: list[Variant],
    sites: dict[str, Site],
    outs: dict[str, Path],
    run: int,
    logs: dict[str, Path],
) -> dict[str, dict[str, Measurement]]:
    """One run of every scenario for every variant: full, no-op, edit, retag, then a fresh
    ``-j 2`` build; sources are restored after.

    Scenario by scenario, every variant in turn (in an order that rotates with *run*), so the
    builds compared with each other run within a minute or two: this machine's speed drifts
    by tens of percent over minutes, and a ratio of two builds made far apart measures that.
    """
    results: dict[str, dict[str, Measurement]] = {v.name: {} for v in variants}
    order = variants[run % len(variants) :] + variants[: run % len(variants)]

    def go(scenario: str, jobs: int = 1) -> None:
        for variant in order:
            src = sites[variant.flavour].src
            m = build(variant.env, src, outs[variant.name], variant.theme, jobs, logs[variant.name])
            results[variant.name][scenario] = m
            status = "" if m.ok else "  FAILED (see log)"
            peak = f"{m.peak_kb / 1024:.0f} MB" if m.peak_kb else "? MB"
            print(
                f"    {variant.name:<20} {scenario:<10} {m.seconds:7.2f} s"
                f"  CPU {m.cpu_seconds or 0:7.2f} s  read {m.read:>5}"
                f"  written {m.written:>5}  peak {peak}{status}",
                flush=True,
            )

    for out in outs.values():
        shutil.rmtree(out, ignore_errors=True)
    try:
        go("full")
        go("no-op")
        for site in sites.values():
            site.edit_body(run)
        go("edit body")
        for site in sites.values():
            site.retag()
        go("retag")
    finally:
        for site in sites.values():
            site.restore()
    for out in outs.values():
        shutil.rmtree(out, ignore_errors=True)
    go("full -j2", jobs=2)
    return results


def dispatches_available(env: Env, scratch: Path) -> tuple[bool, str]:
    """Whether a three-post blog builds with ``html_theme = "dispatches"``."""
    root = scratch / "probe"
    site = write_site(root, "blogpost", [make_post(i, SEED, 120) for i in range(3)])
    out = root / "_build"
    log = root / "probe.log"
    log.unlink(missing_ok=True)
    m = build(env, site.src, out, "dispatches", 1, log)
    reason = "" if m.ok else _error_line(log.read_text(encoding="utf-8"))
    shutil.rmtree(root, ignore_errors=True)
    return m.ok, reason


def _error_line(output: str) -> str:
    """The most telling line of a failed build's output (Sphinx's exception message)."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if "Error" in line or "error:" in line]
    return (errors or lines or ["no output"])[-1][:200]


def make_variants(main: Env, ablog: Env | None, dispatches: bool) -> list[Variant]:
    variants = [
        Variant("plain", main, "plain", "alabaster", "plain"),
        Variant("blogpost", main, "blogpost", "alabaster", "plain", compare_ablog=True),
    ]
    if dispatches:
        variants.append(
            Variant("blogpost/dispatches", main, "blogpost", "dispatches", "plain", True)
        )
    if ablog is not None:
        baseline = "plain"
        if ablog.stack() != main.stack():
            baseline = "plain (ablog env)"
            variants.append(Variant(baseline, ablog, "plain", "alabaster", baseline))
        variants.append(Variant("ablog", ablog, "ablog", "alabaster", baseline))
    return variants


# --------------------------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the table: a variant in a scenario at one size, over all runs."""

    size: int
    variant: str
    scenario: str
    seconds: float | None
    cpu_seconds: float | None
    vs_plain: float | None
    vs_plain_range: tuple[float, float] | None  # lowest and highest of one run's ratio
    cpu_vs_plain: float | None
    vs_ablog: float | None
    peak_mb: float | None
    pickle_kb: float | None
    read: int
    written: int
    failed: int


def _median(measurements: list[Measurement]) -> float | None:
    good = [m.seconds for m in measurements if m.ok]
    return statistics.median(good) if good else None


def _median_cpu(measurements: list[Measurement]) -> float | None:
    good = [m.cpu_seconds for m in measurements if m.ok and m.cpu_seconds is not None]
    return statistics.median(good) if good else None


def _paired_ratios(
    measurements: list[Measurement], baseline: list[Measurement], cpu: bool = False
) -> list[float]:
    """Each run's figure over the baseline's in the same run (the two were built a minute or
    so apart, so slow drift of the machine cancels out)."""
    ratios = []
    for m, b in zip(measurements, baseline, strict=True):
        a, c = (m.cpu_seconds, b.cpu_seconds) if cpu else (m.seconds, b.seconds)
        if m.ok and b.ok and a is not None and c:
            ratios.append(a / c)
    return ratios


def _paired_ratio(
    measurements: list[Measurement], baseline: list[Measurement], cpu: bool = False
) -> float | None:
    """The median over runs of :func:`_paired_ratios`."""
    ratios = _paired_ratios(measurements, baseline, cpu)
    return statistics.median(ratios) if ratios else None


def _ratio_range(
    measurements: list[Measurement], baseline: list[Measurement]
) -> tuple[float, float] | None:
    """The lowest and highest of one run's ratio: how far to trust the median. On a shared
    machine it can span a third of the ratio; a single run has no range."""
    ratios = _paired_ratios(measurements, baseline)
    return (min(ratios), max(ratios)) if len(ratios) > 1 else None


def summarize(
    results: dict[int, dict[str, dict[str, list[Measurement]]]], variants: list[Variant]
) -> list[Row]:
    """Rows for every size × variant × scenario: medians, ratios and the last run's counts."""
    rows: list[Row] = []
    for size, by_variant in results.items():
        for variant in variants:
            for scenario in SCENARIOS:
                ms = by_variant[variant.name][scenario]
                seconds, cpu = _median(ms), _median_cpu(ms)
                base = by_variant[variant.baseline][scenario]
                ablog = by_variant.get("ablog", {}).get(scenario)
                peaks = [m.peak_kb for m in ms if m.peak_kb]
                last = next((m for m in reversed(ms) if m.ok), ms[-1])  # counts: last good run
                rows.append(
                    Row(
                        size=size,
                        variant=variant.name,
                        scenario=scenario,
                        seconds=seconds,
                        cpu_seconds=cpu,
                        vs_plain=_paired_ratio(ms, base),
                        vs_plain_range=_ratio_range(ms, base)
                        if variant.name != variant.baseline
                        else None,
                        cpu_vs_plain=_paired_ratio(ms, base, cpu=True),
                        vs_ablog=_paired_ratio(ms, ablog)
                        if variant.compare_ablog and ablog
                        else None,
                        peak_mb=max(peaks) / 1024 if peaks else None,
                        pickle_kb=last.pickle_bytes / 1024 if last.pickle_bytes else None,
                        read=last.read,
                        written=last.written,
                        failed=sum(1 for m in ms if not m.ok),
                    )
                )
    return rows


HEADERS = (
    "posts", "variant", "scenario", "median s", "× plain", "runs' × plain", "× ABlog", "CPU s",
    "CPU × plain", "peak MB", "pickle KB", "read", "written",
)  # fmt: skip


def _fmt(value: float | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def row_cells(row: Row) -> list[str]:
    seconds = _fmt(row.seconds, ".2f") + (f" ({row.failed} failed)" if row.failed else "")
    return [
        str(row.size),
        row.variant,
        row.scenario,
        seconds,
        _fmt(row.vs_plain, ".2f"),
        "—" if row.vs_plain_range is None else "{:.2f}–{:.2f}".format(*row.vs_plain_range),
        _fmt(row.vs_ablog, ".2f"),
        _fmt(row.cpu_seconds, ".2f"),
        _fmt(row.cpu_vs_plain, ".2f"),
        _fmt(row.peak_mb, ".0f"),
        _fmt(row.pickle_kb, ".0f"),
        str(row.read),
        str(row.written),
    ]


def text_table(rows: list[Row]) -> str:
    cells = [list(HEADERS)] + [row_cells(r) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADERS))]
    left = {1, 2}
    lines = []
    for n, line in enumerate(cells):
        parts = [
            c.ljust(w) if i in left else c.rjust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        ]
        lines.append("  ".join(parts))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(rows: list[Row]) -> str:
    align = ["---:", ":---", ":---", *["---:"] * (len(HEADERS) - 3)]
    lines = ["| " + " | ".join(HEADERS) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row_cells(r)) + " |" for r in rows]
    return "\n".join(lines)


def describe_envs(envs: list[Env]) -> list[str]:
    lines = []
    for env in envs:
        versions = ", ".join(f"{k} {v}" for k, v in env.versions.items())
        lines.append(f"- `{env.name}` environment ({env.python}): {versions}")
    return lines


def _runs_text(runs: dict[int, int]) -> str:
    """How many runs: "3 runs", or "9 runs (200 posts), 3 runs (1000 posts)"."""

    def text(n: int) -> str:
        return f"{n} run{'s' if n > 1 else ''}"

    if len(set(runs.values())) == 1:
        return text(next(iter(runs.values())))
    return ", ".join(f"{text(n)} ({size} posts)" for size, n in runs.items())


def cpu_model() -> str | None:
    """The processor's name where Linux tells it: machines of one kind differ by 2x in speed,
    so a table's times mean little without it (its ratios travel better)."""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    return found.group(1).strip() if found else None


def machine_text() -> str:
    """``Linux x86_64, AMD EPYC, 2 cores``: where the times of a report were taken."""
    parts = [f"{platform.system()} {platform.machine()}", cpu_model(), f"{os.cpu_count()} cores"]
    return ", ".join(part for part in parts if part)


def markdown_report(
    rows: list[Row], envs: list[Env], args: argparse.Namespace, notes: list[str]
) -> str:
    machine = machine_text()
    head = [
        "# sphinx-blogpost benchmark",
        "",
        f"Written by `benchmarks/run.py` ({' '.join(sys.argv[1:]) or 'defaults'}): "
        f"{', '.join(map(str, args.sizes))} posts of ~{args.words} words, "
        f"median of {_runs_text(args.runs)}, on {machine}.",
        "",
        *describe_envs(envs),
        "",
        "`× plain` is the median, over runs, of the time over plain Sphinx's in the same run, "
        "environment and scenario (the two builds ran a minute or two apart), and `runs' × "
        "plain` the lowest and the highest of that ratio in one run: how far the machine "
        "moved it. `× ABlog` is the same over ABlog's. `CPU s` is the build's user + system "
        "time (workers included), which another load on the machine disturbs less than the "
        "wall-clock time. "
        "`read` and `written` are the documents whose doctree was re-pickled and the HTML "
        "pages written (last successful run); `peak MB` is the largest build process's peak "
        "RSS; `pickle KB` the size of `environment.pickle`. In the plain variant `retag` "
        "rewrites the post unchanged (no metadata to change).",
        "",
        *[f"- {note}" for note in notes],
        "",
        markdown_table(rows),
        "",
    ]
    return "\n".join(head)


# --------------------------------------------------------------------------------------------
# Instruction counts (--instructions)
# --------------------------------------------------------------------------------------------

INSTRUCTIONS = re.compile(r"I\s+refs:\s+([\d,]+)")


#: The scenarios counted: a ``-j 2`` build is about time, which a count does not measure.
COUNTED_SCENARIOS = ("full", "no-op", "edit body", "retag")


def _count(variant: Variant, src: Path, out: Path, log: Path) -> int | None:
    """Instructions of one build of *variant* from *src* into *out*, or None if it failed."""
    command = [
        "valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
        variant.env.python, "-m", "sphinx", "-b", "html", "-d", str(out / "doctrees"),
        str(src), str(out / "html"), "-D", f"html_theme={variant.theme}",
    ]  # fmt: skip
    # A fixed hash seed: set and dict orders, hence some work, depend on it.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"\n$ {' '.join(command)}\n{result.stdout}{result.stderr}")
    found = INSTRUCTIONS.search(result.stderr)
    if result.returncode != 0 or found is None:
        return None
    return int(found.group(1).replace(",", ""))


def count_instructions(variant: Variant, site: Site, out: Path, log: Path) -> dict[str, int | None]:
    """Instructions executed by each of ``COUNTED_SCENARIOS`` of *variant*, in order (a full
    build, then the incremental ones on its output), counted by valgrind's cachegrind: the same
    for the same sources and code however busy the machine is (about 25 times slower than the
    build itself). *site* is the variant's own copy, as it is edited."""
    shutil.rmtree(out, ignore_errors=True)
    counts: dict[str, int | None] = {}
    try:
        for scenario in COUNTED_SCENARIOS:
            if scenario == "edit body":
                site.edit_body(0)
            elif scenario == "retag":
                site.retag()
            counts[scenario] = _count(variant, site.src, out, log)
    finally:
        site.restore()
        shutil.rmtree(out, ignore_errors=True)
    return counts


def instructions_report(args: argparse.Namespace, variants: list[Variant], envs: list[Env]) -> str:
    """Count every variant's scenarios at every size (variants side by side, one per core)
    and return the Markdown report."""
    lines = [
        "| posts | variant | scenario | instructions (G) | × plain | × ABlog |",
        "| ---: | :--- | :--- | ---: | ---: | ---: |",
    ]
    for size in args.sizes:
        posts = [make_post(i, SEED, args.words) for i in range(size)]
        scratch = args.out / "instructions" / f"n{size}"
        (args.out / "logs").mkdir(parents=True, exist_ok=True)
        print(f"== {size} posts: counting instructions of {len(variants)} variants", flush=True)
        log = args.out / "logs" / f"n{size}-instructions.log"
        jobs = []
        for variant in variants:
            folder = scratch / variant.name.replace("/", "-")
            # Each variant edits its own copy: variants of one flavour are counted side by side.
            site = write_site(folder / "src", variant.flavour, posts, args.nav_sidebar)
            jobs.append((variant, site, folder / "build", log))
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            found = pool.map(lambda job: count_instructions(*job), jobs)
            counts = dict(zip([v.name for v in variants], found, strict=True))
        for variant in variants:
            for scenario in COUNTED_SCENARIOS:
                count = counts[variant.name][scenario]
                base = counts.get(variant.baseline, {}).get(scenario)
                ablog = counts.get("ablog", {}).get(scenario) if variant.compare_ablog else None
                cells = [
                    str(size), variant.name, scenario, _fmt(count / 1e9 if count else None, ".2f"),
                    _fmt(count / base if count and base else None, ".3f"),
                    _fmt(count / ablog if count and ablog else None, ".3f"),
                ]  # fmt: skip
                lines.append("| " + " | ".join(cells) + " |")
                print(
                    f"    {variant.name:<20} {scenario:<10} {cells[3]:>8} G  × plain {cells[4]}"
                    f"  × ABlog {cells[5]}",
                    flush=True,
                )
    return "\n".join(
        [
            "# sphinx-blogpost benchmark: instructions",
            "",
            f"Written by `benchmarks/run.py` ({' '.join(sys.argv[1:])}): the instructions that "
            f"each build executes, counted by valgrind (cachegrind), for {args.words}-word "
            "posts: a full build, then on its output a no-op build, a build after an edit to "
            "one post's text and one after a change of its tags, as in the timed run. Unlike "
            "times, counts do not depend on what else the machine is doing: they are the "
            "steady measure of what the extension adds. They weigh every instruction alike, "
            "so a ratio of counts and a ratio of times differ a little.",
            "",
            *describe_envs(envs),
            "",
            *lines,
            "",
        ]
    )


def _row_size(line: str) -> int | None:
    """The number of posts of a table row of the instructions report, else None."""
    cells = line.split("|")
    return int(cells[1]) if line.startswith("| ") and cells[1].strip().isdigit() else None


KEPT_NOTE_START = "Rows for "
KEPT_NOTE = KEPT_NOTE_START + "{sizes} posts: kept from an earlier run."


def keep_other_sizes(report: str, previous: Path, sizes: list[int]) -> str:
    """*report* with the rows and notes of *previous* for the sizes not counted this time
    (a 1000-post count takes some 40 minutes: counting 200 posts again keeps it)."""
    if not previous.exists():
        return report
    old = previous.read_text(encoding="utf-8").splitlines()
    kept = [line for line in old if _row_size(line) not in (None, *sizes)]
    if not kept:
        return report
    after_table = max(i for i, line in enumerate(old) if _row_size(line) is not None) + 1
    notes = "\n".join(line for line in old[after_table:] if not line.startswith(KEPT_NOTE_START))
    lines = report.rstrip("\n").splitlines()
    rows = [line for line in lines if _row_size(line) is not None]
    first = lines.index(rows[0])
    lines[first : first + len(rows)] = sorted(rows + kept, key=lambda line: _row_size(line) or 0)
    sizes = sorted({size for size in map(_row_size, kept) if size is not None})
    kept_sizes = ", ".join(map(str, sizes))
    lines += ["", KEPT_NOTE.format(sizes=kept_sizes)]
    paragraphs = [p.strip("\n") for p in re.split(r"\n\s*\n", notes) if p.strip()]
    return "\n\n".join(["\n".join(lines), *paragraphs]) + "\n"


# --------------------------------------------------------------------------------------------
# Plot
# --------------------------------------------------------------------------------------------


def draw_plot(data: dict[str, Any], png: Path) -> None:
    """Full-build median seconds against the number of posts, one line per variant."""
    import matplotlib  # type: ignore[import-not-found, unused-ignore]  # optional: only here

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # type: ignore[import-not-found, unused-ignore]

    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=120)
    lines: dict[str, list[tuple[int, float]]] = {}
    for row in data["rows"]:
        if row["scenario"] == "full" and row["seconds"] is not None:
            lines.setdefault(row["variant"], []).append((row["size"], row["seconds"]))
    for variant, points in lines.items():
        points.sort()
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=variant)
    ax.set_xlabel("posts")
    ax.set_ylabel("full HTML build (s, median)")
    ax.set_title(f"Full build time, {data['machine']}")
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    png.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(png)
    print(f"Plot written to {png}")


def plot(json_file: Path, png: Path, make_venv: bool) -> None:
    """Draw with matplotlib here if importable, else with benchmarks/.venvs/plot."""
    if importlib.util.find_spec("matplotlib") is not None:
        draw_plot(json.loads(json_file.read_text(encoding="utf-8")), png)
        return
    python: Path | None = venv_python("plot")
    if make_venv:
        python = ensure_venv("plot", PLOT_REQUIREMENTS, ["matplotlib"])
    if python is None or not has_modules(python, ["matplotlib"]):
        print("matplotlib is not installed: no plot (--plot-venv makes benchmarks/.venvs/plot).")
        return
    command = [str(python), __file__, "--plot-from", str(json_file), "--plot", str(png)]
    subprocess.run(command, check=False)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        epilog="Ratios are against plain Sphinx in the same environment. See benchmarks/README.md.",
    )
    parser.add_argument("--quick", action="store_true", help="100 posts, one run (< 3 minutes)")
    parser.add_argument("--sizes", type=int, nargs="+", help="numbers of posts (default 200 1000)")
    parser.add_argument(
        "--runs", nargs="+", type=_runs_entry, metavar="[SIZE:]N",
        help="runs per scenario, median taken (default 4: each of the 4 variants comes first "
        "once); SIZE:N for one size, e.g. '4 200:8': a small blog's builds are short and "
        "noisy, and more runs are cheap there",
    )  # fmt: skip
    parser.add_argument(
        "--words", type=int, default=500, help="words per post, code included (default 500)"
    )
    parser.add_argument(
        "--out", type=Path, default=HERE / "results", help="scratch: sites, builds, logs, JSON"
    )
    parser.add_argument(
        "--plot", type=Path, default=REPO / "docs" / "_static" / "benchmark.png",
        help="PNG of full-build time against posts (default docs/_static/benchmark.png)",
    )  # fmt: skip
    parser.add_argument(
        "--table", type=Path, default=HERE / "results.md", help="Markdown table to write"
    )
    parser.add_argument(
        "--nav-sidebar",
        action="store_true",
        help="keep alabaster's default sidebar (the whole toctree on every page: N² growth)",
    )
    parser.add_argument("--no-ablog", action="store_true", help="skip ABlog (and its venv)")
    parser.add_argument("--no-plot", action="store_true", help="write no plot")
    parser.add_argument(
        "--plot-venv", action="store_true",
        help="if matplotlib is missing here, make benchmarks/.venvs/plot with it to draw the plot",
    )  # fmt: skip
    parser.add_argument(
        "--instructions", action="store_true",
        help="instead of timing, count with valgrind the instructions of each variant's full, "
        "no-op, edit and retag builds (steady on a busy machine; ~25x slower than building)",
    )  # fmt: skip
    parser.add_argument(
        "--instructions-table", type=Path, default=HERE / "instructions.md",
        help="Markdown report of --instructions (default benchmarks/instructions.md)",
    )  # fmt: skip
    parser.add_argument("--plot-from", type=Path, help=argparse.SUPPRESS)  # internal
    args = parser.parse_args(argv)
    args.sizes = args.sizes or ([100] if args.quick else [200, 1000])
    runs = {None: 1 if args.quick else 4} | dict(args.runs or [])  # the last entry wins
    args.runs = {size: runs.get(size, runs[None]) for size in args.sizes}
    return args


def _runs_entry(text: str) -> tuple[int | None, int]:
    """``N`` (every size) or ``SIZE:N`` (one size) of ``--runs``."""
    size, _, runs = text.rpartition(":")
    try:
        entry = (int(size) if size else None, int(runs))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not N or SIZE:N: {text!r}") from None
    if entry[1] < 1:
        raise argparse.ArgumentTypeError(f"runs must be at least 1: {text!r}")
    return entry


def prepare_envs(args: argparse.Namespace, notes: list[str]) -> tuple[Env, Env | None]:
    main = probe_env("main", sys.executable)
    if "sphinx_blogpost" not in main.versions:
        sys.exit(f"{sys.executable} cannot import sphinx_blogpost: run with the project's venv.")
    compile_package("sphinx_blogpost")
    if args.no_ablog:
        notes.append("ABlog skipped (--no-ablog).")
        return main, None
    requirements, modules = ABLOG_REQUIREMENTS, ["ablog", "myst_parser", "sphinx_design"]
    if "PyStemmer" in main.versions:  # ABlog's builds stem as fast as the main ones
        requirements = [*requirements, f"PyStemmer=={main.versions['PyStemmer']}"]
        modules = [*modules, "Stemmer"]
        name = "ablog-pystemmer"  # its own: an environment is never changed, only made
    else:
        name = "ablog"
    python = ensure_venv(name, requirements, modules)
    if python is None:
        notes.append("ABlog skipped: its virtualenv could not be made (see above).")
        return main, None
    ablog = probe_env(name, str(python))
    if ablog.stack() == main.stack():
        notes.append(
            "The ABlog environment has the same Python, Sphinx, docutils, MyST and stemmer as "
            "the main one, so ABlog's ratios use the main plain run."
        )
    elif ablog.versions.get("PyStemmer") != main.versions.get("PyStemmer"):
        notes.append(
            "PyStemmer is in one environment and not the other: the ratios to ABlog compare "
            "builds whose search index stems words at different speeds."
        )
    return main, ablog


def compile_package(name: str) -> None:
    """Byte-compile *name* as ``pip install`` does. An editable install (or a machine that sets
    PYTHONDONTWRITEBYTECODE) leaves it uncompiled, and every build would then compile it
    again, a cost that the installed packages of the other variants do not pay."""
    spec = importlib.util.find_spec(name)
    if spec is not None and spec.origin is not None:
        compileall.compile_dir(Path(spec.origin).parent, quiet=1)


SOURCES_CHANGED = "sphinx_blogpost's sources changed during the run: results mix versions."


def package_digest() -> str | None:
    """A digest of sphinx_blogpost's sources, to tell if they changed while the run went on."""
    spec = importlib.util.find_spec("sphinx_blogpost")
    if spec is None or spec.origin is None:
        return None
    digest = hashlib.sha256()
    for path in sorted(Path(spec.origin).parent.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".css", ".js", ".toml", ".conf"):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.plot_from:
        draw_plot(json.loads(args.plot_from.read_text(encoding="utf-8")), args.plot)
        return
    started = time.perf_counter()
    notes: list[str] = []
    main_env, ablog_env = prepare_envs(args, notes)
    args.out.mkdir(parents=True, exist_ok=True)
    dispatches, reason = dispatches_available(main_env, args.out)
    if not dispatches:
        notes.append(f"Theme `dispatches` skipped: a probe build failed ({reason}).")
        print(f"Note: theme dispatches unavailable, variant skipped: {reason}", flush=True)
    notes.append(
        "Sidebar: alabaster's default (whole toctree on every page)."
        if args.nav_sidebar
        else "Sidebar: search box only, in every variant (see --nav-sidebar)."
    )
    load_at_start, digest_at_start = os.getloadavg()[0], package_digest()
    variants = make_variants(main_env, ablog_env, dispatches)
    envs = [main_env] + ([ablog_env] if ablog_env else [])
    if args.instructions:
        if shutil.which("valgrind") is None:
            sys.exit("--instructions needs valgrind (apt-get install valgrind)")
        report = instructions_report(args, variants, envs)
        if package_digest() != digest_at_start:
            print(f"Note: {SOURCES_CHANGED}", flush=True)
            report += f"\n{SOURCES_CHANGED}\n"
        report = keep_other_sizes(report, args.instructions_table, args.sizes)
        args.instructions_table.write_text(report, encoding="utf-8")
        print(f"Report written to {args.instructions_table}; {time.perf_counter() - started:.0f} s")
        return

    results: dict[int, dict[str, dict[str, list[Measurement]]]] = {}
    uneven = sorted({n for size in args.sizes if (n := args.runs[size]) % len(variants)})
    if uneven and max(uneven) > 1:
        # Where a build comes in a scenario's round moves its time (seen: plain Sphinx ~5%
        # faster when first), so every variant should come at every place equally often.
        notes.append(
            f"{'/'.join(map(str, uneven))} runs for {len(variants)} variants: their order, which "
            "rotates from run to run, is not balanced; a multiple of "
            f"{len(variants)} runs would be."
        )
    for size in args.sizes:
        posts = [make_post(i, SEED, args.words) for i in range(size)]
        sites_root = args.out / "sites" / f"n{size}"
        flavours = {v.flavour for v in variants}
        sites = {f: write_site(sites_root, f, posts, args.nav_sidebar) for f in flavours}
        results[size] = {v.name: {s: [] for s in SCENARIOS} for v in variants}
        outs = {
            v.name: args.out / "builds" / f"n{size}" / v.name.replace("/", "-").replace(" ", "_")
            for v in variants
        }
        logs = {name: args.out / "logs" / f"n{size}-{out.name}.log" for name, out in outs.items()}
        (args.out / "logs").mkdir(parents=True, exist_ok=True)
        for run in range(args.runs[size]):
            print(f"== {size} posts, run {run + 1}/{args.runs[size]}", flush=True)
            for name, by_scenario in run_round(variants, sites, outs, run, logs).items():
                for scenario, m in by_scenario.items():
                    results[size][name][scenario].append(m)

    notes.append(
        f"1-minute load average {load_at_start:.2f} at start, {os.getloadavg()[0]:.2f} at end "
        f"({os.cpu_count()} cores): a load above 1 means other work shared the machine."
    )
    if package_digest() != digest_at_start:
        notes.append(SOURCES_CHANGED)
    rows = summarize(results, variants)
    print("\n" + text_table(rows))
    for note in notes:
        print(f"Note: {note}")
    args.table.parent.mkdir(parents=True, exist_ok=True)
    args.table.write_text(markdown_report(rows, envs, args, notes), encoding="utf-8")
    raw = {
        "machine": machine_text(),
        "args": {k: str(v) for k, v in vars(args).items()},
        "envs": [asdict(e) for e in envs],
        "rows": [asdict(r) for r in rows],
        "measurements": {
            str(size): {
                v: {s: [asdict(m) for m in ms] for s, ms in by_s.items()}
                for v, by_s in by_v.items()
            }
            for size, by_v in results.items()
        },
    }
    json_file = args.out / "results.json"
    json_file.write_text(json.dumps(raw, indent=1), encoding="utf-8")
    print(f"Table written to {args.table}; raw data in {json_file}")
    if not args.no_plot:
        plot(json_file, args.plot, args.plot_venv)
    print(f"Total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
