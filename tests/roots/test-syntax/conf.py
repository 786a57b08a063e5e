extensions = ["sphinx_blogpost"]
html_theme = "alabaster"
blogpost_summary_words = 20
blogpost_authors = {
    "ada": {"name": "Ada Lovelace"},
    "lin": {"name": "Lin Wei"},
    "ob": {"name": "O'Brien <x@y>"},
}
blogpost_default_author = "lin"
smartquotes = False  # the escaping test compares titles with the source text
html_baseurl = "https://blog.example.org/"
