# An older ABlog configuration: ABlog's sidebars named without `ablog/`, its templates folder
# in `templates_path` (`_ablog/ablog/templates` stands in for ablog.get_html_templates_path()),
# and a `postcard.html` of the project's own, which is kept.
extensions = ["sphinx_blogpost"]
blogpost_ablog_compat = True
html_baseurl = "https://sidebars.example.org/"
templates_path = ["_templates", "_ablog/ablog/templates"]
html_sidebars = {
    "**": [
        "postcard.html", "recentposts.html", "tagcloud.html", "categories.html",
        "archives.html", "authors.html", "localtoc.html", "ablog/archives.html",
    ],
}  # fmt: skip
