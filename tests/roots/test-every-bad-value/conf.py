# The posts are written by tests/test_warnings.py: one for each bad value of each option.
extensions = ["sphinx_blogpost"]
html_theme = "alabaster"
html_baseurl = "https://blog.example.org/"
blogpost_authors = {"ada": {"name": "Ada Lovelace"}}
blogpost_feed_full_text = True
