extensions = ["sphinx_blogpost"]
html_theme = "alabaster"
html_baseurl = "https://blog.example.org/"
