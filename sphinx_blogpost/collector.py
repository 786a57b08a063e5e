"""The collector: the only owner of post data in the environment, one ``Post`` per docname."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util import docname_join
from sphinx.util.nodes import clean_astext

from .blog import INDEX_PAGE, PLURALS, TERM_OPTIONS, Blog, page_name_pattern
from .config import get_config
from .directives import (
    blogpost_node,
    find_blog_nodes,
    more_marker,
    option_location,
    postlist_node,
    translate_declaration,
)
from .freshness import WrittenDocuments
from .posts import (
    Post,
    TeX,
    build_moment,
    count_words,
    cover_path,
    cover_problem,
    is_future,
    is_url,
    leading_paragraphs,
    meta_fields,
    paragraph_markup,
    parse_options,
    reading_minutes,
    stable_digest,
    written_text,
)
from .query import select
from .warnings_ import BlogpostWarning, warn

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet
    from datetime import datetime

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .config import BlogpostConfig
    from .posts import PostDate

ENV_ATTR = "blogpost_posts"
POSTLISTS_ATTR = "blogpost_postlists"  # docname -> the postlist queries in it
DOC_LINKS_ATTR = "blogpost_doc_links"  # docname -> its :doc: targets a generated page may have
POST_PAGES_ATTR = "blogpost_post_pages"  # post docname -> fingerprint of Blog.page_state
NEIGHBOURHOOD_ATTR = "blogpost_neighbourhood"  # fingerprint of what POST_PAGES_ATTR came from
TODOS_HIDDEN_ATTR = "blogpost_todos_hidden"  # whether posts were read with todos left out

# Nodes whose text a reader never sees as part of the post.
_HIDDEN = (
    nodes.comment,
    nodes.raw,
    nodes.system_message,
    nodes.substitution_definition,
    nodes.docinfo,
    blogpost_node,
    postlist_node,
    addnodes.toctree,
    nodes.meta,
    # a footnote's mark ("1") and a note's label: no words, and no part of a summary (see
    # also _is_citation_mark)
    nodes.footnote_reference,
    nodes.label,
)


def _hidden_nodes(app: Sphinx) -> tuple[type[nodes.Node], ...]:
    """The nodes whose text no reader sees in this build: `_HIDDEN`, and sphinx.ext.todo's
    todos unless ``todo_include_todos`` (false by default) shows them."""
    if not _todos_hidden(app):
        return _HIDDEN
    from sphinx.ext.todo import todo_node  # only with that extension

    return (*_HIDDEN, todo_node)


def _todos_hidden(app: Sphinx) -> bool:
    return "sphinx.ext.todo" in app.extensions and not app.config.todo_include_todos


# The post's running text, whose paragraphs summaries are made of: sections, and lists and
# block quotes in them, at any depth. A table, admonition, figure, footnote or sidebar is an
# aside: its paragraphs are counted as words but never summarise the post.
_BODY_FLOW = (
    nodes.section,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.list_item,
    nodes.block_quote,
)
_MORE_COMMENT = re.compile(r"\s*<!--\s*more\s*-->\s*", re.IGNORECASE)


def _env_dict(env: BuildEnvironment, name: str) -> dict[str, Any]:
    data: dict[str, Any] | None = getattr(env, name, None)
    if data is None:
        data = {}
        setattr(env, name, data)
    return data


def posts_of(env: BuildEnvironment) -> dict[str, Post]:
    """Every collected post by docname (drafts and undated posts included)."""
    return _env_dict(env, ENV_ATTR)


def postlists_of(env: BuildEnvironment) -> dict[str, list[dict[str, Any]]]:
    """The ``postlist`` queries of each document that has any."""
    return _env_dict(env, POSTLISTS_ATTR)


def doc_links_of(env: BuildEnvironment) -> dict[str, tuple[str, ...]]:
    """The names that each document's ``:doc:`` links give and a generated page has or may
    come to have, which :func:`~sphinx_blogpost.pages.resolve_page_reference` links: those
    no document had when it was read, and those of documents in the way of a blog page."""
    return _env_dict(env, DOC_LINKS_ATTR)


def _doc_links(env: BuildEnvironment, links: list[addnodes.pending_xref]) -> tuple[str, ...]:
    """The names the ``:doc:`` *links* give that no document has, or that a generated page
    may have: when the document there goes, the page takes its name back (and its links)."""
    targets = {docname_join(node.get("refdoc", env.docname), node["reftarget"]) for node in links}
    pages = page_name_pattern(get_config(env.config).root)
    return tuple(sorted(t for t in targets if t not in env.found_docs or pages.fullmatch(t)))


def _link_state(env: BuildEnvironment, target: str, pages: dict[str, str]) -> object:
    """What a ``:doc:`` link to *target* shows: its document's title (Sphinx links it), or
    the title of the generated page of that name, or nothing (a broken link); whether it is
    a document's, as a page may bear its title."""
    if target in env.found_docs:
        title = env.titles.get(target)
        return (True, title.astext() if title is not None else None)
    return (False, pages.get(target))


class BlogpostCollector(EnvironmentCollector):
    """Reads each document's declaration and text into a :class:`Post`."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        posts_of(env).pop(docname, None)
        postlists_of(env).pop(docname, None)
        doc_links_of(env).pop(docname, None)

    def merge_other(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        docnames: AbstractSet[str],
        other: BuildEnvironment,
    ) -> None:
        for attr in (ENV_ATTR, POSTLISTS_ATTR, DOC_LINKS_ATTR):
            mine, theirs = _env_dict(env, attr), _env_dict(other, attr)
            for docname in docnames:
                if docname in theirs:
                    mine[docname] = theirs[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        doc_links: list[addnodes.pending_xref] = []  # found in the same walk
        declarations, postlists = find_blog_nodes(doctree, doc_links=doc_links)
        if postlists:
            postlists_of(app.env)[app.env.docname] = [node["query"] for node in postlists]
        links = _doc_links(app.env, doc_links) if doc_links else ()
        if links:
            doc_links_of(app.env)[app.env.docname] = links
        if not declarations:
            return
        for extra in declarations[1:]:
            warn(BlogpostWarning.DUPLICATE, "a second post declaration is ignored", extra)
            extra.parent.remove(extra)
        translate_declaration(declarations[0], app.env)  # a translated build's summary
        post = read_post(app, doctree, declarations[0])
        posts_of(app.env)[post.docname] = post
        if post.draft and not get_config(app.config).drafts:
            # Built but listed nowhere: nor in the site's search, which would show its title
            # and text (Sphinx's own `nosearch`; a preview with blogpost_drafts keeps them).
            app.env.metadata[post.docname]["nosearch"] = True

    def get_outdated_docs(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: AbstractSet[str],
        changed: AbstractSet[str],
        removed: AbstractSet[str],
    ) -> list[str]:
        """Posts whose date has come since they were read, a draft then (or, with an earlier
        ``SOURCE_DATE_EPOCH``, is still to come): read again, as a clean build would read
        them now, so that every page that lists them follows."""
        config, now = get_config(app.config), build_moment()
        outdated = {
            docname
            for docname, post in posts_of(env).items()
            if post.scheduled != _is_scheduled(config, post.date, now)
        }
        # Posts with todos, when `todo_include_todos` changed: their words are counted again
        # (Sphinx writes the pages again for that option, but reads nothing).
        hidden = _todos_hidden(app)
        if getattr(env, TODOS_HIDDEN_ATTR, hidden) != hidden:
            todos: dict[str, list[Any]] = getattr(env.get_domain("todo"), "todos", {})
            outdated.update(docname for docname in posts_of(env) if todos.get(docname))
        setattr(env, TODOS_HIDDEN_ATTR, hidden)
        return sorted(outdated)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Pages to write again without re-reading: those whose listings, neighbours, series
        or related posts changed since they were last written."""
        blog = get_blog(app)
        posts, postlists = posts_of(env), postlists_of(env)
        # What pages show of other posts is a function of every post and postlist and the
        # options: when none changed (a no-op build), neither did any page. Compared with
        # what this builder last wrote into this output folder, not with the last build.
        written = WrittenDocuments.of(app)
        config = get_config(app.config)
        fingerprints = sorted((docname, post.fingerprint) for docname, post in posts.items())
        # A page's `:doc:` links to generated pages show their titles, or are broken where
        # the blog has no such page (a tag whose last post lost it); a document at a page's
        # name is linked in its stead, by its own title, until it goes and the page is back.
        from .pages import page_titles  # here: pages imports this module

        # Pages are planned only for names no document has: a blog's own index document (at
        # blogpost_root's `index`, linked from every page, say) needs none on a no-op build.
        doc_links = doc_links_of(env)
        targets = {target for linked_targets in doc_links.values() for target in linked_targets}
        titles = page_titles(app) if not targets <= env.found_docs else {}
        states = {target: _link_state(env, target, titles) for target in sorted(targets)}
        linked = {
            docname: [(target, states[target]) for target in linked_targets]
            for docname, linked_targets in doc_links.items()
        }
        inputs = stable_digest(
            (fingerprints, sorted(postlists.items()), config, sorted(doc_links.items()), states)
        )
        if written.inputs == inputs:
            return []
        written.inputs = inputs
        # A post page shows of other posts only their titles, dates and terms (neighbours,
        # series, related posts): when none of those changed, as after an edit to the text of
        # a post, no post page shows anything new, and the states of the last build stand.
        # Otherwise every post's related posts are ranked again, the costly part on big blogs.
        neighbourhood = stable_digest(
            (sorted((docname, post.neighbourhood) for docname, post in posts.items()), config)
        )
        post_pages: dict[str, str] = _env_dict(env, POST_PAGES_ATTR)
        if (
            getattr(env, NEIGHBOURHOOD_ATTR, None) != neighbourhood
            or post_pages.keys() != posts.keys()
        ):
            post_pages = {d: stable_digest(blog.page_state(post)) for d, post in posts.items()}
            setattr(env, POST_PAGES_ATTR, post_pages)
            setattr(env, NEIGHBOURHOOD_ATTR, neighbourhood)
        # A post's page shows the post too: when it was read again for another output folder
        # on the same doctrees (its cover file came back, say), this folder's page is old.
        shown = {d: stable_digest((state, posts[d].fingerprint)) for d, state in post_pages.items()}
        for docname, queries in postlists.items():
            listed = [[p.fingerprint for p in select(blog, query)] for query in queries]
            shown[docname] = stable_digest((shown.get(docname), listed))
        for docname, links in linked.items():
            shown[docname] = stable_digest((shown.get(docname), links))
        before, written.shown = written.shown, shown
        return sorted(d for d, state in shown.items() if before.get(d) != state)


#: The schemes a cover given as a URL may have.
_COVER_SCHEMES = ("http", "https", "data")


def _found_cover(
    env: BuildEnvironment, docname: str, image: str | None, location: Any
) -> str | None:
    """The post's ``image`` option if it is a URL or a file in the source folder, else None
    (with a ``blogpost.image`` warning): a cover that cannot be found is shown nowhere, not
    in cards, the post header, Open Graph, JSON-LD or feeds.

    The file is a dependency of the post: editing or removing it reads the post again, and
    while it is missing Sphinx reads the post on every build (it does so for any missing
    dependency), so the warning stays until the file is there and the cover then appears."""
    if not image:
        return image
    if is_url(image):
        # As an author's avatar: `javascript://...` or `file://...` is no image a reader can
        # be sent; Open Graph, feeds and their readers' links would carry it.
        if urlsplit(image).scheme.lower() not in _COVER_SCHEMES:
            message = f"cover image {image!r} is not an address on the web (http, https, data)"
            warn(BlogpostWarning.IMAGE, message, location)
            return None
        return image
    path = cover_path(docname, image)
    if path is None:
        message = f"cover image {image!r} is outside the source folder"
        warn(BlogpostWarning.IMAGE, message, location)
        return None
    if problem := cover_problem(path):
        warn(BlogpostWarning.IMAGE, f"cover image {image!r} {problem}", location)
        return None
    env.note_dependency(path)
    try:
        found = Path(env.srcdir, path).is_file()
    except OSError:  # a name longer than a file's may be (ENAMETOOLONG): no such file
        found = False
    if not found:
        warn(BlogpostWarning.IMAGE, f"cover image {image!r} not found", location)
        return None
    return image


def read_post(app: Sphinx, doctree: nodes.document, declaration: blogpost_node) -> Post:
    """Build the :class:`Post` of a document from its declaration and its text."""
    env, config = app.env, get_config(app.config)
    docname = declaration["docname"]
    meta = parse_options(
        declaration["options"],
        authors=config.authors,
        default_author=config.default_author,
        categories=config.categories,
        report=lambda kind, message, option: warn(
            kind, message, option_location(declaration, option)
        ),
        # ABlog knows no unknown author: one not in `blog_authors` is a name
        plain_names=config.ablog_compat,
    )
    image = _found_cover(env, docname, meta.image, option_location(declaration, "image"))

    title_node = _document_title(doctree)
    title = clean_astext(title_node) if title_node is not None else ""
    title = declaration.get("title") or title  # ABlog's `title` option names the post
    # Looked at before stripping: str.strip() takes the controls U+001C-U+001F and U+0085
    # for spaces, so a title that starts or ends with one would lose it without a word.
    title, dropped = written_text(title)
    if dropped:
        message = "the title has control characters, which listings and feeds leave out"
        warn(BlogpostWarning.TITLE, message, declaration)
    title = title.strip()
    if not title:
        title = docname.rsplit("/", 1)[-1]
        message = f"the post has no title; using {title!r}"
        # Hugo's and Jekyll's front matter names the page, which MyST makes a heading of
        # only when asked; in reStructuredText a `:title:` field is docutils' own metadata
        if env.metadata[docname].get("title") and env.doc2path(docname).suffix != ".rst":
            message += (
                " (a 'title' in front matter is no heading: write it as the first one,"
                " or set myst_title_to_header = True)"
            )
        warn(BlogpostWarning.TITLE, message, declaration)
    if not env.tocs[docname].children:
        _give_document_title(env, docname, title)

    text = _VisibleText(title_node, _hidden_nodes(app))
    text.walk(doctree)
    markup = None
    if meta.summary is not None:
        summary, summary_words = meta.summary, 0
    else:
        if text.paragraphs_before_more is not None:
            count = text.paragraphs_before_more
            summary = " ".join(text.paragraphs[:count])
            summary_words = count_words(summary)[0]
        else:
            count, summary_words = leading_paragraphs(text.paragraphs, config.summary_words)
            summary = " ".join(text.paragraphs[:count])
        # A copy of the body for listings, feeds and sharing tags: without the controls the
        # `summary` option and the title leave out. The page shows the body as written.
        summary = written_text(summary)[0]
        markup = text.summary_markup(count)
    minutes = meta.readtime or reading_minutes(
        text.words, text.cjk, config.words_per_minute, config.cjk_characters_per_minute
    )
    scheduled = _is_scheduled(config, meta.date, build_moment())
    meta = replace(meta, draft=meta.draft or scheduled)
    return Post(
        **{**meta_fields(meta), "summary": summary, "image": image},
        scheduled=scheduled,
        docname=docname,
        title=title,
        words=text.words,
        minutes=minutes,
        # " ..." after an empty summary (a post of only code, say) would be all a list shows.
        summary_is_partial=bool(summary) and text.words > summary_words,
        summary_markup=markup,
        line=declaration.line,
        term_lines=_term_lines(declaration),
    )


def _is_scheduled(config: BlogpostConfig, date: PostDate | None, now: datetime) -> bool:
    """Whether a post dated *date* is a draft at *now*, until its date comes
    (blogpost_future_drafts)."""
    return config.holds_future_posts and date is not None and is_future(date, now)


def _term_lines(declaration: blogpost_node) -> tuple[tuple[str, int], ...]:
    """The line of each option of *declaration* that names terms or old addresses, where it
    is known: their conflicts are found once every post is known."""
    lines: dict[str, int] = declaration.get("option_lines", {})
    named = (*TERM_OPTIONS.values(), "redirect")
    return tuple((option, lines[option]) for option in named if option in lines)


def _give_document_title(env: BuildEnvironment, docname: str, title: str) -> None:
    """Give a post without a heading its listing title in Sphinx's eyes too (page title,
    ``:doc:`` links, toctree entry), as Sphinx's title and toctree collectors would have.

    Otherwise Sphinx leaves the post out of every toctree, with a ``toc.no_title`` warning
    on each page that draws one: hundreds for one missing heading, which the
    ``blogpost.title`` warning has already reported. Runs after those collectors (they are
    set up before any extension) and before the environment is merged or pickled."""
    env.titles[docname] = nodes.title(title, title)
    env.longtitles[docname] = nodes.title(title, title)
    link = nodes.reference("", title, internal=True, refuri=docname, anchorname="")
    env.tocs[docname] = nodes.bullet_list(
        "", nodes.list_item("", addnodes.compact_paragraph("", "", link))
    )
    env.toc_num_entries[docname] = 1


def _document_title(doctree: nodes.document) -> nodes.title | None:
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        return section[0]
    return None


@dataclass
class _VisibleText:
    """Counts the words a reader sees and gathers body paragraphs, in one pass.

    Words are counted once per block of text (paragraph, heading, code block, caption, term,
    line...) with its inline markup joined in, as a reader sees it: ``H\\ :sub:`2`\\ O`` is
    one word, and so is an inline literal with the full stop after it."""

    title: nodes.title | None
    hidden: tuple[type[nodes.Node], ...] = _HIDDEN  # nodes whose text a reader never sees
    words: int = 0
    cjk: int = 0
    paragraphs: list[str] = field(default_factory=list)  # body paragraphs, summary material
    paragraphs_before_more: int | None = None
    #: The pieces of text of the body paragraphs with inline math, by index in `paragraphs`.
    math_parts: dict[int, list[str]] = field(default_factory=dict)
    math_seen: int = 0  # inline math nodes met so far

    def walk(self, node: nodes.Node, body: bool = True) -> None:
        """Count the text under *node*, which is in the post's running text if *body*."""
        # This runs on every block of every post. Hidden nodes are tested first, as comments
        # (`more` markers among them) are text blocks too; then the rest by how often they match.
        run: list[str] = []  # inline content lying loose in a container, as one block
        for child in node.children:
            if isinstance(child, self.hidden):
                self._hidden(child)
            elif isinstance(child, nodes.TextElement) and not isinstance(child, nodes.Inline):
                if child is self.title:
                    continue
                if run:
                    self._count("".join(run))
                    run = []
                parts: list[str] = []
                math_seen = self.math_seen
                self._inline(child, parts)
                text = "".join(parts)
                words, cjk = count_words(text)  # self._count inlined on the busiest path
                self.words += words
                self.cjk += cjk
                if body and isinstance(child, nodes.paragraph):
                    paragraph = " ".join(text.split())
                    if paragraph:  # not an image alone: summaries join no empty paragraphs
                        if self.math_seen != math_seen:
                            self.math_parts[len(self.paragraphs)] = parts
                        self.paragraphs.append(paragraph)
            elif isinstance(child, nodes.Text):
                run.append(child.astext() if "\x00" in child else child)
            elif isinstance(child, nodes.Inline):
                self._inline(child, run)
            else:
                if run:
                    self._count("".join(run))
                    run = []
                self.walk(child, body and isinstance(child, _BODY_FLOW))
        if run:
            self._count("".join(run))

    def _inline(self, node: nodes.Node, parts: list[str]) -> None:
        """Add the text of *node*'s descendants to *parts*, to be counted as one block."""
        for child in node.children:
            if isinstance(child, nodes.Text):
                # A Text is its string, with NUL marks where the source escaped a character:
                # only then is astext() (three splits and joins) needed.
                parts.append(child.astext() if "\x00" in child else child)
            elif isinstance(child, self.hidden) or _is_citation_mark(child):
                self._hidden(child)
            elif isinstance(child, nodes.math):
                parts.append(TeX(child.astext()))
                self.math_seen += 1
            else:
                self._inline(child, parts)

    def summary_markup(self, count: int) -> str | None:
        """The HTML of the first *count* paragraphs, joined as the summary is, if inline math
        is in them (as MathML); else None."""
        if not any(index < count for index in self.math_parts):
            return None
        html = " ".join(
            paragraph_markup(self.math_parts[index]) if index in self.math_parts else escape(text)
            for index, text in enumerate(self.paragraphs[:count])
        )
        return written_text(html)[0]

    def _count(self, text: str) -> None:
        words, cjk = count_words(text)
        self.words += words
        self.cjk += cjk

    def _hidden(self, node: nodes.Node) -> None:
        if self.paragraphs_before_more is None and _is_more(node):
            self.paragraphs_before_more = len(self.paragraphs)


def _is_citation_mark(node: nodes.Node) -> bool:
    """Whether *node* is a citation's mark ("[Doe2020]"), which Sphinx has made a reference
    across documents by the time posts are read: no word, as a footnote's mark."""
    return isinstance(node, addnodes.pending_xref) and node.get("refdomain") == "citation"


def _is_more(node: nodes.Node) -> bool:
    if isinstance(node, more_marker):
        return True
    return (
        isinstance(node, nodes.raw)
        and "html" in node.get("format", "").split()
        and _MORE_COMMENT.fullmatch(node.astext()) is not None
    )


_BUILDER_ATTR = "_blogpost_blog"


def build_blog(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: compute the blog once for this build and warn about slug collisions."""
    config = get_config(app.config)
    posts = posts_of(env)
    blog = Blog.from_posts(posts.values(), config.root, config.drafts)
    setattr(app.builder, _BUILDER_ATTR, blog)
    for kind, name, other, slug in blog.collisions:
        first_user = blog.with_name(kind, name)[-1]
        line = dict(first_user.term_lines).get(TERM_OPTIONS[kind], first_user.line)
        if other == INDEX_PAGE:
            message = (
                f"{kind} {name!r} would have the slug 'index', which names the page of all "
                f"{PLURALS[kind]}; it gets {slug!r}"
            )
        else:
            message = (
                f"{kind} {name!r} and {other!r} give the same slug; {name!r} gets {slug!r} "
                "(the name that sorts first keeps it"
                + ("; to make them one, spell them alike)" if _variants(name, other) else ")")
            )
        warn(BlogpostWarning.SLUG, message, (first_user.docname, line))


def _variants(name: str, other: str) -> bool:
    """Whether two names differ only in case, accents or the marks between words ("LoRA",
    "lora"; "Café", "cafe"; "long context", "long-context"): surely one name, spelt twice."""

    def letters(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        return "".join(
            c for c in decomposed
            if not (c.isspace() or c in "-_." or unicodedata.category(c) == "Mn")
        )  # fmt: skip

    return letters(name) == letters(other)


def get_blog(app: Sphinx) -> Blog:
    """The blog of the current build (computed at ``env-updated``)."""
    blog: Blog | None = getattr(app.builder, _BUILDER_ATTR, None)
    if blog is None:  # a builder that writes without reading, e.g. after an interrupted build
        config = get_config(app.config)
        blog = Blog.from_posts(posts_of(app.env).values(), config.root, config.drafts)
        setattr(app.builder, _BUILDER_ATTR, blog)
    return blog
