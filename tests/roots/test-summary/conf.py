extensions = ["sphinx_blogpost"]
html_theme = "dispatches"
html_theme_options = {"listing_style": "list"}  # list views add " ..." to partial summaries
html_baseurl = "https://blog.example.org/"
blogpost_summary_words = 20
myst_enable_extensions = ["dollarmath"]
