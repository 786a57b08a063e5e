"""Screenshots of the example site's blog index in the dispatches theme, light and dark.

Builds example_site into a temporary folder, serves it on 127.0.0.1 and photographs
``blog/index.html`` at 1280x900 with Playwright driving Debian's Chromium. Run from the
repository root::

    python scripts/screenshots.py [--out docs/_static/screenshots] [--page blog/index.html]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import sync_playwright
from sphinx.cmd.build import build_main

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the launch settings are shared with the browser tests

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve *folder* on 127.0.0.1 (a free port) while the block runs; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build_example(outdir: Path) -> None:
    status = build_main(["-q", "-b", "html", str(ROOT / "example_site"), str(outdir)])
    if status:
        raise SystemExit(f"the example site did not build (status {status})")


def shoot(base: str, page: str, out: Path, width: int, height: int) -> list[Path]:
    saved = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for scheme in ("light", "dark"):
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    color_scheme=scheme,
                    device_scale_factor=1,
                )
                tab = context.new_page()
                tab.goto(base + page, wait_until="networkidle")
                target = (
                    out
                    / f"{Path(page).stem if page != 'blog/index.html' else 'index'}-{scheme}.png"
                )
                tab.screenshot(path=str(target))
                saved.append(target)
                context.close()
        finally:
            browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs/_static/screenshots")
    parser.add_argument("--page", default="blog/index.html")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        outdir = Path(tmp, "html")
        build_example(outdir)
        with serve(outdir) as base:
            for path in shoot(base, args.page, args.out, args.width, args.height):
                print(
                    f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
                    f"{path.stat().st_size // 1024} KB"
                )


if __name__ == "__main__":
    main()
