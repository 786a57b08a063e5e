extensions = ["sphinx_blogpost"]
html_theme = "alabaster"
html_baseurl = "https://blog.example.org/"
smartquotes = False  # the title is compared as written
