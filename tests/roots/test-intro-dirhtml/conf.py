extensions = ["sphinx_blogpost"]
html_theme = "alabaster"
html_baseurl = "https://intro.example.org/"
blogpost_posts_per_page = 2
