# A stand-in for nbsphinx, not a dependency: it gives a notebook's sections Jupyter's anchors
# ("Transition-from-datetime-to-astropy.time") without telling the document about them.
from docutils import nodes
from docutils.transforms import Transform

extensions = ["sphinx_blogpost"]
blogpost_ablog_compat = True
html_baseurl = "https://notebooks.example.org/"


class NotebookSectionAnchors(Transform):
    default_priority = 200  # nbsphinx's CreateNotebookSectionAnchors

    def apply(self):
        if self.document.settings.env.docname.startswith("notebooks/"):
            for section in self.document.findall(nodes.section):
                section["ids"] = [section[0].astext().replace(" ", "-")]


def setup(app):
    app.add_transform(NotebookSectionAnchors)
