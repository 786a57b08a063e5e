project = "My blog"
author = "Ada"

extensions = ["sphinx_blogpost"]  # also brings MyST Markdown and sphinx-design
exclude_patterns = ["_build", ".venv"]  # never read the build output or the virtual env

html_theme = "dispatches"  # the blog theme that comes with sphinx-blogpost
html_title = "My blog"
html_baseurl = "https://blog.example.org/"  # feeds need absolute links

blogpost_title = "My blog"
blogpost_tagline = "Notes on whatever I am learning this week."
