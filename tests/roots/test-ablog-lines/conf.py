# ABlog's top-level front matter with bad values: each warning names the line of its key.
extensions = ["sphinx_blogpost"]
blogpost_ablog_compat = True
html_baseurl = "https://lines.example.org/"
blogpost_authors = {"ada": {"name": "Ada Lovelace"}}
blogpost_categories = ["Notes"]
blog_post_pattern = "pattern/*"
