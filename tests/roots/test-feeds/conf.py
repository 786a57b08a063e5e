project = "Feeds <&> test"
extensions = ["sphinx_blogpost"]
html_theme = "alabaster"
html_baseurl = "https://example.org/site/"
smartquotes = False  # the escaping tests compare titles with the source text
blogpost_title = 'Notes & "Dispatches" <b>'
blogpost_tagline = "Tagline with <i>markup</i> & ampersands"
blogpost_feed_full_text = True
blogpost_feed_length = 3
blogpost_authors = {
    "ob": {"name": "O'Brien <x@y>", "url": "https://example.org/ob?a=1&b=2"},
    "ada": {"name": "Ada Moreau"},
}
myst_heading_anchors = 2  # "#details" links to a heading in every MyST release (4 needs it)
