# dispatches with a project's _templates/page.html that fills the blogpost_after_post block.
project = "After the post"
extensions = ["sphinx_blogpost"]
html_theme = "dispatches"
templates_path = ["_templates"]
html_baseurl = "https://after.example.org/"
