extensions = ["sphinx_blogpost"]
html_theme = "alabaster"
blogpost_authors = {"ada": {"name": "Ada Lovelace"}}
blogpost_categories = ["Transformer", "State Space Model"]
html_baseurl = "https://blog.example.org/"
