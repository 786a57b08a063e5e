# The 404 page of sphinx-notfound-page, which the server shows at any address that has no
# page. That extension is not a test dependency: its two options are declared here as it
# declares them, and its page is a document named 404 (as a site may write one).
project = "Not found"
extensions = ["sphinx_blogpost"]
html_theme = "dispatches"
html_baseurl = "https://blog.example.org/"
notfound_urls_prefix = "/en/latest/"


def setup(app):
    app.add_config_value("notfound_pagename", "404", "html")
    app.add_config_value("notfound_urls_prefix", "/en/latest/", "html")
