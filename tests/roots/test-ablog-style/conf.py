# An ABlog site switched over: only `extensions` and `blogpost_ablog_compat` changed.
extensions = ["sphinx_blogpost"]
blogpost_ablog_compat = True
html_theme = "alabaster"
blog_title = "Field Notes"
blog_baseurl = "https://notes.example.org/"
blog_path = "/notes/"  # read as blogpost_root reads a folder: the hint says "notes"
blog_authors = {
    "ada": ("Ada Lovelace", "https://ada.example.org/"),
    "lin": ("Lin Wei", None),
}
blog_default_author = "lin"
blog_feed_length = 5
blog_feed_fulltext = True
blog_feed_archives = True
post_date_format = "%d %B %Y"
blog_post_pattern = "pattern/*"
