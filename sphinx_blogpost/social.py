"""What every page's ``<head>`` says for readers and sharing: feed autodiscovery links; on
post pages, a description, Open Graph, Twitter card, ``article:*`` tags and schema.org
JSON-LD; on the blog's generated pages, Open Graph's ``website`` tags."""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
from html import escape, unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .collector import get_blog, posts_of
from .config import get_config
from .feeds import (
    FEED_FORMATS,
    WEB_BUILDERS,
    feeds_written,
    file_url,
    image_url,
    page_uri,
    site_link,
    site_url,
)
from .freshness import WrittenDocuments, WrittenPages, put_by_sphinx
from .posts import SPHINX_FOLDERS, cover_path
from .warnings_ import BlogpostWarning, warn

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .posts import Post

#: When sphinxext-opengraph is on, it owns the og:* and twitter:* tags of every page.
OPENGRAPH_EXTENSION = "sphinxext.opengraph"

# JSON may hold these in strings; inside <script> they could end it or open a comment.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def _meta(attribute: str, key: str, value: str) -> str:
    return f'<meta {attribute}="{key}" content="{escape(value)}" />'


def feed_links(title: str, urls: Iterable[tuple[str, str]]) -> str:
    """``<link rel="alternate">`` for each ``(format, url)``, so readers find the feeds."""
    return "\n".join(
        f'<link rel="alternate" type="{FEED_FORMATS[fmt].media_type}" '
        f'title="{escape(f"{title} ({FEED_FORMATS[fmt].label})")}" href="{escape(url)}" />'
        for fmt, url in urls
    )


def json_ld(
    post: Post, *, url: str | None, image: str | None, base: str = "", description: str = ""
) -> str:
    """A schema.org ``BlogPosting`` in a ``<script>`` that no user text can end early; an
    author's link that is a path within the site is made absolute from *base*
    (``html_baseurl``), and left out without it. Its *description* is the post's summary
    unless given."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "description": description or post.summary,
    }
    if post.date is not None:
        data["datePublished"] = post.date.iso
        data["dateModified"] = (post.updated or post.date).iso
    data["author"] = []
    for author in post.authors:
        person = {"@type": "Person", "name": author.name}
        link = site_link(base, author.url)
        if urlsplit(link).scheme:  # absolute: JSON-LD would read a path from the page's URL
            person["url"] = link
        data["author"].append(person)
    if image:
        data["image"] = image
    data["wordCount"] = post.words
    data["keywords"] = list(post.tags)
    if post.categories:
        data["articleSection"] = list(post.categories)
    if post.language:
        data["inLanguage"] = post.language
    if url:
        data["url"] = url
        data["mainEntityOfPage"] = url
    text = json.dumps(data, ensure_ascii=False)
    for char, code in _SCRIPT_UNSAFE.items():
        text = text.replace(char, code)
    return f'<script type="application/ld+json">{text}</script>'


def post_metatags(
    post: Post,
    *,
    url: str | None,
    image: str | None,
    site_name: str,
    opengraph: bool,
    canonical: bool,
    own_description: str | None = None,
    base: str = "",
    default_image: str | None = None,
) -> str:
    """The ``<head>`` tags of a post page. *url* and *image* (its cover) are absolute or None;
    *opengraph*: sphinxext-opengraph writes the og:/twitter: tags; *canonical*: add one;
    *own_description*: the page's own (a ``meta`` directive's), which the page already has
    and which sharing metadata says instead of the summary; *default_image*: the site's image
    (``blogpost_default_image``), shared for a post without a cover, absolute or None."""
    tags = []
    if canonical and url:
        tags.append(f'<link rel="canonical" href="{escape(url)}" />')
    if own_description is None and post.summary:
        tags.append(_meta("name", "description", post.summary))
    description = post.summary if own_description is None else own_description
    if not opengraph:
        tags += _open_graph("article", post.title, description, url, site_name)
        if image:
            tags.append(_meta("property", "og:image", image))
            tags.append(_meta("property", "og:image:alt", post.title))
        elif default_image:  # the site's, not the post's: no alt text of the post's
            tags.append(_meta("property", "og:image", default_image))
        card = "summary_large_image" if image or default_image else "summary"
        tags.append(_meta("name", "twitter:card", card))
    if post.date is not None:
        tags.append(_meta("property", "article:published_time", post.date.iso))
        tags.append(_meta("property", "article:modified_time", (post.updated or post.date).iso))
    if post.categories:
        tags.append(_meta("property", "article:section", post.categories[0]))
    tags += [_meta("property", "article:tag", tag) for tag in post.tags]
    if post.draft:
        tags.append(_meta("name", "robots", "noindex"))
    tags.append(json_ld(post, url=url, image=image, base=base, description=description))
    return "\n".join(tags)


def _open_graph(
    kind: str, title: str, description: str, url: str | None, site_name: str
) -> list[str]:
    """Open Graph's basic tags of a page of the *kind* ``article`` or ``website``."""
    tags = [_meta("property", "og:type", kind), _meta("property", "og:title", title)]
    if description:
        tags.append(_meta("property", "og:description", description))
    if url:
        tags.append(_meta("property", "og:url", url))
    if site_name:
        tags.append(_meta("property", "og:site_name", site_name))
    return tags


def generated_page_metatags(
    title: str, description: str, *, url: str | None, site_name: str, image: str | None = None
) -> str:
    """The ``<head>`` tags of a page the blog generates (index, archive, a tag's page...):
    what a link to it shows where it is shared. sphinxext-opengraph writes none there: it
    reads a page's document, which these pages have not."""
    tags = []
    if description:
        tags.append(_meta("name", "description", description))
    tags += _open_graph("website", title, description, url, site_name)
    if image:
        tags.append(_meta("property", "og:image", image))
    tags.append(_meta("name", "twitter:card", "summary_large_image" if image else "summary"))
    return "\n".join(tags)


def _for_opengraph(
    post: Post, image: str | None, context: dict[str, Any], description: str | None
) -> None:
    """Give sphinxext-opengraph what it cannot know of a post page: it reads a page's
    ``og:*`` metadata (a field list) before its own guesses, so the post's summary (or the
    page's own *description*), type and cover go there, unless the page sets them. A new
    mapping: ``meta`` is the environment's."""
    ours = {
        "og:type": "article",
        "og:description": post.summary if description is None else description,
    }
    if image:
        ours |= {"og:image": image, "og:image:alt": post.title}
    context["meta"] = ours | (context.get("meta") or {})


def _default_image(base: str, link: str | None) -> str | None:
    """``blogpost_default_image`` as an absolute URL (a path from ``html_baseurl``), or None:
    sharing metadata takes no relative link."""
    if not link:
        return None
    image = site_link(base, link) if base else link
    return image if urlsplit(image).scheme in ("http", "https") else None


_META_TAG = re.compile(r"<meta\b[^>]*>")
_CONTENT = re.compile(r'\bcontent="([^"]*)"')


def _own_description(context: dict[str, Any]) -> str | None:
    """The description the page gives itself (docutils' ``meta`` directive), if any: what
    a writer chose to say of the page, over its summary, wherever a page is described."""
    for tag in _META_TAG.findall(context.get("metatags", "")):
        if 'name="description"' in tag and (content := _CONTENT.search(tag)):
            return unescape(content.group(1))
    return None


def add_page_metadata(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: append to ``metatags``, which every theme prints in ``<head>``."""
    if app.builder.name not in WEB_BUILDERS:
        return
    config = get_config(app.config)
    base: str = app.config.html_baseurl
    tags = []
    if feeds_written(app):
        root = get_blog(app).root
        urls = [
            (fmt, file_url(base, f"{root}/{FEED_FORMATS[fmt].filename}")) for fmt in config.feeds
        ]
        tags.append(feed_links(config.title, urls))
    term_feed = context.get("blogpost_term_feed")  # a name's page: its own feed
    if term_feed is not None:
        title, path = term_feed
        tags.append(feed_links(title, [("atom", file_url(base, path))]))
    post = posts_of(app.env).get(pagename)
    url = site_url(base, page_uri(app.builder, pagename)) if base else None
    default_image = _default_image(base, config.default_image)
    if post is not None and doctree is not None:
        image = image_url(base, post)
        opengraph = OPENGRAPH_EXTENSION in app.extensions
        own_description = _own_description(context)
        tags.append(
            post_metatags(
                post,
                url=url,
                image=image,
                site_name=app.config.project,
                base=base,
                opengraph=opengraph,
                # Sphinx's layout links `pageurl` as canonical whenever html_baseurl is set.
                canonical=not context.get("pageurl"),
                own_description=own_description,
                default_image=default_image,
            )
        )
        if opengraph:
            _for_opengraph(post, image, context, own_description)
    elif (kind := context.get("blogpost_page")) is not None:  # one the blog generates
        tagline = config.tagline if kind == "index" else ""
        title = unescape(context["title"])  # given to the theme as HTML
        tags.append(
            generated_page_metatags(
                title, tagline, url=url, site_name=app.config.project, image=default_image
            )
        )
    if tags:
        context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def pages_linking_feeds(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: every page links the blog's feeds (in ``<head>``, and in the
    dispatches footer) once they exist. The blog's first post, or its last one becoming a
    draft, adds or removes them: then every document is written again, as a clean build
    would write it, not only those that show the post. So too when no build is known to
    have written into this output folder (another one was built last from these doctrees):
    its pages may link the feeds or not."""
    changed = WrittenDocuments.of(app).site_changed("feeds_linked", feeds_written(app))
    return sorted(env.found_docs) if changed else []


_COVERS_COPIED = "_blogpost_covers_copied"  # on the builder, from collect to build-finished


def copy_covers_with_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the covers are copied with the builder's own files, before
    it finishes: the epub builder packs its output folder then, before ``build-finished``."""
    _copy_covers(app)
    setattr(app.builder, _COVERS_COPIED, True)
    return []


def copy_covers(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the covers, for a builder that collects no pages (singlehtml)."""
    copied = app.builder.__dict__.pop(_COVERS_COPIED, False)  # not left for the next build
    if exception is None and not copied:
        _copy_covers(app)


def _copy_covers(app: Sphinx) -> None:
    """Put each local cover image at its source path in the output, the URL Open Graph and
    feeds give and listings link, unless Sphinx puts it there itself (``html_static_path``,
    ``html_extra_path``). Every builder of HTML shows covers on cards, singlehtml and epub
    too. A cover this extension copied there that no post uses any more is removed, as a
    clean build would not have it. None is copied over a file of Sphinx's own
    (:data:`~sphinx_blogpost.posts.SPHINX_FOLDERS`): it would take that file's place in a
    clean build only, the next one putting Sphinx's back. Those that are no image file the
    collector left out."""
    if app.builder.format != "html":
        return
    written = WrittenPages(app, "covers", chrome=False)
    posts = posts_of(app.env)
    for post in (posts[docname] for docname in sorted(posts)):  # warnings in one order
        path = cover_path(post.docname, post.image)
        if path is None or put_by_sphinx(app, path):
            continue
        source, target = Path(app.srcdir, path), Path(app.outdir, path)
        if _sphinxs_file(path, source, target, written):
            message = (
                f"cover image {post.image!r} is where Sphinx puts a file of its own: it is not "
                "copied to the output (move it to a folder of its own)"
            )
            warn(BlogpostWarning.IMAGE, message, (post.docname, post.line))
            continue
        try:
            stat = source.stat()
        except OSError:  # gone since the post was read: it is read again next build
            continue
        if written.is_fresh(path, (stat.st_size, stat.st_mtime_ns), output=target):
            continue
        if not (target.is_file() and filecmp.cmp(source, target, False)):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    # A cover this extension copied that Sphinx now puts there itself is Sphinx's to keep.
    keep = {path for path in written.written_before if put_by_sphinx(app, path)}
    written.remove_gone(keep=keep, output_of=lambda path: Path(app.outdir, path))
    written.save()


def _sphinxs_file(path: str, source: Path, target: Path, written: WrittenPages) -> bool:
    """Whether the cover at *path* would be copied over a file Sphinx put in one of its
    folders (:data:`SPHINX_FOLDERS`), which no cover copied before."""
    return (
        path.partition("/")[0].lower() in SPHINX_FOLDERS
        and path not in written.written_before
        and _differs(source, target)
    )


def _differs(source: Path, target: Path) -> bool:
    """Whether a file other than *source* is at *target* (a copy of it is not: one an earlier
    build made, whose record went with the doctrees)."""
    if not os.path.lexists(target):
        return False
    try:
        return not filecmp.cmp(source, target, shallow=False)
    except OSError:  # a folder there, say
        return True


def setup_social(app: Sphinx) -> None:
    """Register the ``<head>`` metadata and the copying of cover images."""
    # Before sphinxext-opengraph's (500), which reads what this gives it.
    app.connect("html-page-context", add_page_metadata, priority=450)
    app.connect("env-get-updated", pages_linking_feeds)
    app.connect("html-collect-pages", copy_covers_with_pages)
    app.connect("build-finished", copy_covers)
