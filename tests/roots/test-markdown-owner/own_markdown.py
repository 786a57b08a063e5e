"""Registers ".md" the way myst-nb does: MyST set up without its parser, its own in its place."""

from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.sphinx_ext.main import setup_sphinx


class OwnParser(MystParser):
    supported = ("own-markdown",)


def setup(app):
    setup_sphinx(app)  # MyST's settings and transforms, not its ".md" suffix
    app.add_source_parser(OwnParser)
    app.add_source_suffix(".md", "own-markdown", override=True)
    return {"parallel_read_safe": True}
