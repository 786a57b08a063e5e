"""A stand-in for ABlog: registers what ABlog registers first (see ablog/__init__.py)."""


def setup(app):
    app.add_config_value("blog_title", "Blog", "env")
    app.add_config_value("post_date_format", "%d %B %Y", "env")
    app.add_directive("post", object)
    app.add_directive("postlist", object)
    return {"parallel_read_safe": False}
