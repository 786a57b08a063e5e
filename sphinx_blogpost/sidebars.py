"""Sidebars for themes that show ``html_sidebars`` (alabaster, furo, pydata-sphinx-theme...):
the blog's recent posts, tags, categories, authors and archive, as the templates
``blogpost/*.html``. Their data is made once per build (``blogpost_sidebar``); a page that
shows them is written again when what they show changes, as a clean build would write it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .blog import PLURALS
from .collector import get_blog
from .config import get_config
from .freshness import WrittenDocuments
from .i18n import _
from .links import format_date
from .posts import foreign_language, other_direction, stable_digest

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: Where the templates are: added to ``templates_path``, so any theme finds them by name.
TEMPLATES_PATH = Path(__file__).parent / "templates"
#: ABlog's sidebars that have a counterpart here, by their name in ABlog's folder.
FROM_ABLOG = {
    "recentposts.html": "blogpost/recent-posts.html",
    "tagcloud.html": "blogpost/tags.html",
    "categories.html": "blogpost/categories.html",
    "authors.html": "blogpost/authors.html",
    "archives.html": "blogpost/archives.html",
}
#: How many posts "Recent posts" shows (ABlog's default too).
RECENT_POSTS = 5
_BUILD_ATTR = "_blogpost_sidebar"  # on the builder: this build's data, made once


def add_templates_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: the sidebar templates, found as the project's own would be."""
    config.templates_path = [*config.templates_path, str(TEMPLATES_PATH)]


def shows_sidebars(app: Sphinx) -> bool:
    """Whether ``html_sidebars`` names one of the blog's sidebars."""
    sidebars = app.config.html_sidebars
    if not isinstance(sidebars, dict):
        return False
    return any(
        str(name).startswith("blogpost/")
        for names in sidebars.values()
        if isinstance(names, list | tuple)
        for name in names
    )


def sidebar_data(app: Sphinx) -> dict[str, Any]:
    """What the sidebars show, the same on every page: names of pages, which templates link
    with Sphinx's ``pathto``. Plain data, as the json builder writes it with the context."""
    made: dict[str, Any] | None = getattr(app.builder, _BUILD_ATTR, None)
    if made is not None:
        return made
    blog, config = get_blog(app), get_config(app.config)
    language = app.config.language
    recent = [
        {
            "title": post.title,
            "page": post.docname,
            # a title in another language than the site's is marked so: read and set right
            "lang": (lang := foreign_language(post.language, language)) or "",
            "dir": other_direction(lang, language),
            "date": post.date.iso if post.date else "",
            "date_text": format_date(post.date, config.date_format, language) if post.date else "",
        }
        for post in blog.posts[:RECENT_POSTS]
    ]
    names = {
        kind: [
            {"name": blog.label(kind, name), "page": blog.page(kind, name), "count": count}
            for name, count in sorted(blog.counts(kind).items(), key=lambda i: i[0].casefold())
        ]
        for kind in ("tag", "category", "author")
    }
    archive = [
        {"year": year, "count": len(posts), "page": blog.year_page(year)}
        for year, posts in blog.years().items()
    ]
    headings = {"recent": _("Recent posts"), "tags": _("Tags"), "categories": _("Categories"),
                "authors": _("Authors"), "archive": _("Archive")}  # fmt: skip
    made = {"recent": recent, **{PLURALS[kind]: names[kind] for kind in names}, "archive": archive}
    made["headings"] = headings
    setattr(app.builder, _BUILD_ATTR, made)
    return made


def add_sidebar_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: the sidebars' data, where ``html_sidebars`` shows them."""
    if shows_sidebars(app):
        context["blogpost_sidebar"] = sidebar_data(app)


def pages_showing_sidebars(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: when what the sidebars show changed (a post added, retitled,
    retagged...), every document is written again: any page may show them."""
    if hasattr(app.builder, _BUILD_ATTR):
        delattr(app.builder, _BUILD_ATTR)  # this build's posts
    shown = stable_digest(sidebar_data(app)) if shows_sidebars(app) else ""
    changed = WrittenDocuments.of(app).site_changed("sidebars", shown)
    return sorted(env.found_docs) if changed else []


def setup_sidebars(app: Sphinx) -> None:
    """Register the sidebar templates and what they show."""
    app.connect("config-inited", add_templates_path)
    app.connect("env-get-updated", pages_showing_sidebars)
    app.connect("html-page-context", add_sidebar_context)
