"""sphinx-blogpost: a fast, parallel-safe blog for Sphinx projects."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .ablog import setup_ablog
from .collector import BlogpostCollector, build_blog
from .config import add_config_values, validate_config
from .context import setup_theme
from .directives import (
    BlogpostDirective,
    MoreDirective,
    PostlistDirective,
    blogpost_node,
    more_marker,
    postlist_node,
)
from .feeds import setup_feeds
from .freshness import note_written_document, save_written_documents
from .frontmatter import FrontMatterTransform, read_declaration
from .i18n import pages_in_other_words, setup_i18n
from .pages import add_search_script, add_static_files, collect_pages, resolve_page_reference
from .postpage import (
    blog_html,
    depart_post_section,
    post_section,
    resolve_blog_nodes,
    theme_neighbours,
    visit_blog_html,
    visit_post_section,
)
from .redirects import setup_redirects
from .sidebars import setup_sidebars
from .social import setup_social

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"

#: Bumped whenever the environment data (the ``Post`` record) or what doctrees hold of the
#: blog (a ``postlist``'s query) changes shape or meaning: Sphinx then reads every document.
ENV_VERSION = 18


def setup(app: Sphinx) -> dict[str, Any]:
    """Register sphinx-blogpost: the one readable list of what it adds to Sphinx."""
    setup_ablog(app)  # first: refuses to run beside ABlog; ABlog's forms if blogpost_ablog_compat
    if ".md" not in app.registry.source_suffix:  # else owned by myst-nb, say, listed first
        app.setup_extension("myst_parser")  # posts in Markdown with `extensions = [...]` alone
    app.setup_extension("sphinx_design")  # listing cards in any theme

    add_config_values(app)
    setup_i18n(app)  # the blog's words in the project's language
    app.connect("env-get-updated", pages_in_other_words)
    app.connect("config-inited", validate_config, priority=750)  # before Sphinx's own (800)

    app.add_node(blogpost_node)
    app.add_node(more_marker)
    app.add_directive("blogpost", BlogpostDirective)
    app.add_directive("more", MoreDirective)
    app.add_node(postlist_node)
    app.add_directive("postlist", PostlistDirective)
    app.connect("source-read", read_declaration)
    app.add_transform(FrontMatterTransform)
    app.add_env_collector(BlogpostCollector)
    app.connect("doctree-resolved", note_written_document)
    app.connect("build-finished", save_written_documents)  # once every page is written
    app.connect("env-updated", build_blog)
    app.add_node(blog_html, html=(visit_blog_html, None))
    app.add_node(post_section, html=(visit_post_section, depart_post_section))
    app.connect("doctree-resolved", resolve_blog_nodes)
    app.connect("html-page-context", theme_neighbours)  # a theme's prev/next: older/newer
    app.connect("html-collect-pages", collect_pages)
    app.connect("missing-reference", resolve_page_reference)
    app.connect("builder-inited", add_static_files)
    app.connect("html-page-context", add_search_script)
    setup_feeds(app)
    setup_redirects(app)  # a post's old addresses; ABlog's of the blog's pages
    setup_social(app)
    setup_sidebars(app)  # recent posts, tags... in themes that show html_sidebars
    setup_theme(app)  # the dispatches theme and the blogpost_* page context

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
