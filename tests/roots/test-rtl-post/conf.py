# A blog in English (the default theme, alabaster) with one post in Arabic.
project = "Blog"
extensions = ["sphinx_blogpost"]
blogpost_feeds = []
