extensions = ["sphinx_blogpost"]
html_theme = "dispatches"
html_baseurl = "https://nav.example.org/"
html_extra_path = ["extra"]

html_theme_options = {
    "nav_links": [
        {"title": "About", "url": "about.html"},
        {"title": "Docs", "url": "docs/"},
        {"title": "Attention", "url": "blog/tag/attention#posts"},
        {"title": "Mamba", "url": "blog/tag/mamba"},  # no post has this tag (yet)
        {"title": "Typo", "url": "blog/tag/atention"},
        {"title": "Legacy", "url": "legacy"},  # extra/legacy.html
        {"title": "Index", "url": "genindex"},
        {"title": "CV", "url": "files/cv.pdf"},
        {"title": "Source", "url": "https://example.org/source"},
    ]
}
