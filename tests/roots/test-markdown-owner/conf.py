import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

# An extension that owns ".md" before sphinx_blogpost is set up, as myst-nb does when it is
# listed first: the blog must not register MyST's parser for ".md" over it.
extensions = ["own_markdown", "sphinx_blogpost"]
html_baseurl = "https://example.org/"
# A dict of its own: Sphinx merges the extensions' suffixes into the default dict itself, which
# earlier test apps in this process have filled with MyST's ".md".
source_suffix = {".rst": "restructuredtext"}
