extensions = ["sphinx_blogpost"]
html_theme = "alabaster"
blogpost_posts_per_page = "ten"
blogpost_words_per_minute = 0
blogpost_feeds = ["atom", "gopher"]
blogpost_authors = ["ada"]
blogpost_root = "../outside"
html_baseurl = "https://blog.example.org/"
