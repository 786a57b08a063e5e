extensions = ["sphinx_blogpost"]
html_theme = "alabaster"
html_baseurl = "https://lists.example.org/"
# Text before every document: warnings must still give the lines of the file itself.
rst_prolog = """
.. |site| replace:: Lists
"""
