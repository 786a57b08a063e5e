"""Every check CI runs: the tests on each supported Sphinx, lint and types, the two sites.

Run all with ``nox``; one with ``nox -s lint``. Each session installs what it needs itself.
Browser tests drive Debian's Chromium (``apt-get install chromium``), see tests/browser.
"""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = False
nox.options.error_on_missing_interpreters = True

# Python only: ruff would also reformat the examples inside the docs' Markdown pages.
PY_PATHS = ("sphinx_blogpost", "tests", "docs/conf.py", "docs/_ext", "benchmarks", "scripts",
            "noxfile.py")  # fmt: skip
SPHINX_VERSIONS = {
    "8.2": ("sphinx~=8.2.0",),
    "9": ("sphinx>=9.0,<10",),
    # The oldest releases the package says it works with (sphinx-design 0.6.0 refuses Sphinx
    # 8): a floor in pyproject.toml that no longer holds fails here, not on a user's machine.
    "oldest": ("sphinx==8.2.0", "docutils==0.21", "myst-parser==4.0.0", "sphinx-design==0.6.1"),
}


@nox.session(python="3.11")
@nox.parametrize("sphinx", list(SPHINX_VERSIONS))
def tests(session: nox.Session, sphinx: str) -> None:
    """The whole test suite, browser tests included, on one supported Sphinx release line
    (or on the oldest supported releases of Sphinx, docutils, MyST and sphinx-design)."""
    session.install("-e", ".[test]", *SPHINX_VERSIONS[sphinx])
    session.run("python", "-c", "import sphinx; print('Sphinx', sphinx.__version__)")
    session.run("pytest", *session.posargs)


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    """ruff (lint and format) and mypy, as configured in pyproject.toml."""
    session.install("-e", ".[dev]")
    session.run("ruff", "check", *PY_PATHS)
    session.run("ruff", "format", "--check", *PY_PATHS)
    session.run("mypy")


@nox.session(python="3.11")
def sites(session: nox.Session) -> None:
    """Build example_site and docs as a user would, failing on any warning."""
    session.install(".[example]")
    for site in ("example_site", "docs"):
        session.run(
            "sphinx-build", "-nW", "--keep-going", "-b", "html", site, f"{site}/_build/html"
        )
