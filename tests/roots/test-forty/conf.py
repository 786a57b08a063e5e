extensions = ["sphinx_blogpost"]
html_theme = "alabaster"
blogpost_authors = {
    "ada": {"name": "Ada Lovelace", "bio": "Computes."},
    "lin": {"name": "Lin Wei"},
    "sam": {"name": "Sam Okafor", "url": "https://example.org/sam"},
}
html_baseurl = "https://blog.example.org/"
