"""Sphinx configuration of the sphinx-blogpost documentation, which is itself a blog."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE / "_ext"))  # the local `reference` extension

from sphinx_blogpost import __version__  # noqa: E402

project = "sphinx-blogpost"
author = "sphinx-blogpost developers"
copyright = "2026, sphinx-blogpost developers"
version = release = __version__

# sphinx_blogpost sets up myst_parser and sphinx_design itself.
extensions = ["sphinx_blogpost", "reference"]

exclude_patterns = ["_build", "tutorial/files"]  # the tutorial's files are shown, not built
nitpicky = True
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]
smartquotes_action = "qe"  # curly quotes, but "--" stays two hyphens (command-line flags)

# The dispatches theme ships with the package; fall back to Sphinx's default until it does.
html_theme = "dispatches" if importlib.util.find_spec("sphinx_blogpost.theme") else "alabaster"
if html_theme == "dispatches":
    html_theme_options = {
        "nav_links": [
            {"title": "Tutorial", "url": "tutorial"},
            {"title": "How-to", "url": "howto/index"},
            {"title": "Reference", "url": "reference/index"},
            {"title": "Explanation", "url": "explanation/index"},
        ]
    }
html_title = "sphinx-blogpost"
html_baseurl = "https://sphinx-blogpost.example.org/"
html_static_path = ["_static"]
html_css_files = ["docs.css"]

# The release notes in releases/ are the blog of this site; its pages are generated there too.
blogpost_root = "releases"
blogpost_title = "Release notes"
blogpost_eyebrow = "sphinx-blogpost"
blogpost_tagline = "What is new in each release of sphinx-blogpost, the blog extension for Sphinx."
blogpost_categories = ["Release"]
blogpost_authors = {"team": {"name": "The sphinx-blogpost team"}}
blogpost_default_author = "team"
