# A blog whose only post starts as a draft: publishing it gives the blog its feeds.
project = "Feed links"
extensions = ["sphinx_blogpost"]
html_theme = "dispatches"
html_baseurl = "https://example.org/"
blogpost_title = "Notes"
