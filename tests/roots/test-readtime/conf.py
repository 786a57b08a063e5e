extensions = ["sphinx_blogpost"]
html_theme = "alabaster"
