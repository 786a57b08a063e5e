"""The example site in the dispatches theme, built once, served on 127.0.0.1, in Chromium.

Debian's Chromium drives the tests (``playwright install`` downloads nothing here). Without
it the tests are skipped locally, and fail in CI (``CI`` set), where they must run.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .chromium import CHROMIUM, CHROMIUM_ARGS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from playwright.sync_api import Browser, Page

    from sphinx_blogpost.posts import Post

EXAMPLE_SITE = Path(__file__).parents[2] / "example_site"


@dataclass(frozen=True)
class Site:
    """The built example site: where it is served, its posts, and page names to visit."""

    url: str  # http://127.0.0.1:PORT/
    outdir: Path
    posts: dict[str, Post]
    index_cards: list[str]  # titles on page 1 of the blog index, in order
    longest_post: str  # page path of the longest post with code, tables and math
    tag_page: str
    category_page: str

    def page(self, path: str) -> str:
        return self.url + path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _build(outdir: Path) -> tuple[dict[str, Post], list[str], dict[str, str]]:
    """Build the example site as ``sphinx-build -nW`` would; returns posts, index titles and
    two listing pages (the most used tag and category)."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    from sphinx_blogpost.collector import get_blog, posts_of

    warnings = io.StringIO()
    with patch_docutils(EXAMPLE_SITE), docutils_namespace():
        app = Sphinx(
            EXAMPLE_SITE, EXAMPLE_SITE, outdir, outdir / ".doctrees", "html",
            confoverrides={"nitpicky": True}, status=None, warning=warnings, freshenv=True,
        )  # fmt: skip
        app.build()
        assert warnings.getvalue() == "", warnings.getvalue()
        blog = get_blog(app)
        per_page = app.config.blogpost_posts_per_page
        posts = dict(posts_of(app.env))
        pages = {}
        for kind in ("tag", "category"):
            name = blog.counts(kind).most_common(1)[0][0]
            pages[kind] = f"{blog.page(kind, name)}.html"
    listed = sorted(
        (p for p in posts.values() if p.date and not p.draft),
        key=lambda p: (p.date.moment, p.docname),  # type: ignore[union-attr]
        reverse=True,
    )
    order = [p for p in listed if p.pin] + [p for p in listed if not p.pin]
    return posts, [p.title for p in order[:per_page]], pages


def _has_code_tables_and_math(page: Path) -> bool:
    html = page.read_text("utf8")
    return "<pre" in html and "<table" in html and 'class="math' in html


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must run the browser tests, never skip them
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    outdir = tmp_path_factory.mktemp("example") / "html"
    posts, index_cards, pages = _build(outdir)
    # the hardest page to fit, and the one that loads most: the longest post with code,
    # tables and math (MathJax, served by sphinx-mathjax-offline)
    longest = max(
        (p for p in posts.values() if _has_code_tables_and_math(outdir / f"{p.docname}.html")),
        key=lambda p: p.words,
    )
    handler = functools.partial(_QuietHandler, directory=str(outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(
            url=f"http://127.0.0.1:{server.server_address[1]}/",
            outdir=outdir,
            posts=posts,
            index_cards=index_cards,
            longest_post=f"{longest.docname}.html",
            tag_page=pages["tag"],
            category_page=pages["category"],
        )
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Visit:
    """A browser tab and every URL it requested."""

    page: Page
    requests: list[str]


def settle(page: Page) -> None:
    """Wait until MathJax has typeset the page and its fonts have loaded."""
    page.evaluate(
        """async () => {
          if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
            await MathJax.startup.promise;
          }
          await document.fonts.ready;
        }"""
    )


@pytest.fixture
def visit(browser: Browser) -> Iterator[Callable[..., Visit]]:
    """Open a URL in a fresh context (no stored choices) of the given size and scheme."""
    contexts = []

    def open_page(url: str, width: int = 1280, height: int = 900, scheme: str = "light") -> Visit:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=scheme,  # type: ignore[arg-type]
        )
        contexts.append(context)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(url, wait_until="load")
        settle(page)
        return Visit(page, requests)

    yield open_page
    for context in contexts:
        context.close()
