# The theme alone: sphinx_blogpost is not listed, the theme's entry point sets it up.
project = "Theme only"
html_theme = "dispatches"
html_theme_options = {"listing_style": "list"}
blogpost_title = "Notes"
html_baseurl = "https://notes.example.org/"
