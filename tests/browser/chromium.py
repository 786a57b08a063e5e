"""Debian's Chromium as the browser tests and scripts/screenshots.py launch it (Playwright's own
browser download is not possible here). Plain constants, no pytest: the script imports them too."""

from __future__ import annotations

import os
from pathlib import Path

# Where Debian's package puts it; BLOGPOST_CHROMIUM points elsewhere.
CHROMIUM = Path(os.environ.get("BLOGPOST_CHROMIUM", "/usr/bin/chromium"))
# As root, headless, and with no background connections (this network is closed).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
