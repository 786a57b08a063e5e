# The posts of test-ablog-style, written for sphinx-blogpost: both builds must agree.
extensions = ["sphinx_blogpost"]
html_theme = "alabaster"
blogpost_title = "Field Notes"
html_baseurl = "https://notes.example.org/"
blogpost_root = "notes"
blogpost_authors = {
    "ada": {"name": "Ada Lovelace", "url": "https://ada.example.org/"},
    "lin": {"name": "Lin Wei"},
}
blogpost_default_author = "lin"
blogpost_feed_length = 5
blogpost_feed_full_text = True
blogpost_date_format = "%d %B %Y"
