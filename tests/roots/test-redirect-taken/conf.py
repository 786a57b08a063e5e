# Another extension's pages and files where posts have old addresses: one page it adds through
# html-collect-pages (`other_pages`), and one file it writes itself once the build is done.
extensions = ["sphinx_blogpost"]
html_theme = "alabaster"
html_baseurl = "https://blog.example.org/"


def _collect(app):
    for name in app.config.other_pages:
        yield name, {"title": "Theirs", "body": "<p>Another extension's page.</p>"}, "page.html"


def _write(app, exception):
    if exception is None and app.config.other_file:
        from pathlib import Path

        path = Path(app.builder.get_outfilename(app.config.other_file))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<p>Another extension's file.</p>\n", "utf8")


def setup(app):
    app.add_config_value("other_pages", ["legacy"], "html")
    app.add_config_value("other_file", "direct", "html")
    app.connect("html-collect-pages", _collect)
    app.connect("build-finished", _write, priority=400)  # before the blog's redirects
