# The tests write the docs' postlist examples beside these files, one page each.
extensions = ["sphinx_blogpost"]
html_theme = "alabaster"
html_baseurl = "https://examples.example.org/"
