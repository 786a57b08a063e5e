# A blog in Arabic in the dispatches theme, with one post in English.
project = "مدونة"
extensions = ["sphinx_blogpost"]
html_theme = "dispatches"
html_baseurl = "https://rtl.example.org/"
language = "ar"
blogpost_posts_per_page = 2
