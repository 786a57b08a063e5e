# Top-level front matter with bad values, without ABlog compatibility: each warning names the
# line of its key.
extensions = ["sphinx_blogpost"]
html_baseurl = "https://lines.example.org/"
blogpost_authors = {"ada": {"name": "Ada Lovelace"}}
blogpost_categories = ["Notes"]
