# A blog for the comments how-to's recipes: tests/test_templates.py writes _templates/ from
# docs/howto/comments.md and builds it in each theme.
project = "Comments"
extensions = ["sphinx_blogpost"]
templates_path = ["_templates"]
html_baseurl = "https://comments.example.org/"
