extensions = ["sphinx_blogpost"]
html_theme = "dispatches"
html_baseurl = "https://intro.example.org/"
blogpost_title = "Generated blog"
blogpost_posts_per_page = 2
