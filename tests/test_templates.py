"""What templates get about a post (``blogpost_post``), built into real pages by a project's
own ``_templates/page.html``."""

from __future__ import annotations

import json
import pickle
import re
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from sphinx_blogpost.context import PostContext

from .conftest import ROOTS, build, copy_root, make_site


def printed_post(outdir: Path, page: str) -> dict[str, Any] | None:
    """``blogpost_post`` as the root's template printed it on *page*, or None."""
    html = BeautifulSoup((outdir / page).read_text("utf8"), "html.parser")
    listing = html.select_one("dl#post")
    if listing is None:
        return None
    names = [dt.get_text() for dt in listing.find_all("dt")]
    values = [json.loads(dd.get_text()) for dd in listing.find_all("dd")]
    return dict(zip(names, values, strict=True))


def page_kind(outdir: Path, page: str) -> str:
    html = BeautifulSoup((outdir / page).read_text("utf8"), "html.parser")
    kind = html.select_one("#kind")
    assert kind is not None
    return str(kind["data-kind"])


@pytest.fixture(scope="module")
def context_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(
        "html", srcdir=ROOTS / "test-template-context", builddir=tmp_path_factory.mktemp("ctx")
    )
    try:
        app.build()
        assert app.warning.getvalue() == ""
        return Path(app.outdir)
    finally:
        app.cleanup()


def test_a_post_page_gets_its_post(context_site: Path) -> None:
    post = printed_post(context_site, "full.html")
    assert post == {
        "title": "Ada & <Bob> on gates",  # as written: the template escapes, not the data
        "url": "https://blog.example.org/full.html",
        "date": "2025-12-18",
        "updated": "2026-01-05T14:30:00+00:00",
        "categories": ["Models", "Notes"],
        "tags": ["mamba", "long context"],
        "authors": ["Ada Moreau", "Lin Wei"],
        "series": "Beyond Attention",
        "draft": False,
        "language": "en",
        "summary": "Gates that <choose> what to remember & forget.",
        "comments": True,
    }
    assert set(post) == {f.name for f in fields(PostContext)}
    assert page_kind(context_site, "full.html") == "post"


def test_a_draft_in_its_language_with_defaults(context_site: Path) -> None:
    post = printed_post(context_site, "plain.html")
    assert post is not None
    assert post["draft"] is True
    assert post["language"] == "de"
    assert (post["updated"], post["series"], post["categories"], post["authors"]) == (
        None,
        None,
        [],
        [],
    )
    assert post["summary"] == "Ein kurzer Text, der die Zusammenfassung ist."


@pytest.mark.parametrize(
    ("page", "kind"),
    [("about.html", "doc"), ("index.html", "doc"), ("blog/index.html", "index"),
     ("blog/tag/mamba.html", "tag"), ("blog/archive.html", "archive")],
)  # fmt: skip
def test_other_pages_get_none(context_site: Path, page: str, kind: str) -> None:
    assert printed_post(context_site, page) is None
    assert page_kind(context_site, page) == kind


@pytest.mark.parametrize("builder", ["json", "pickle"])
def test_builders_that_write_the_context_write_the_post(
    make_app: Any, tmp_path: Path, builder: str
) -> None:
    """The json and pickle builders write each page's context to a file: the post too."""
    result = build(make_app, builder, srcdir=ROOTS / "test-template-context", builddir=tmp_path)
    assert result.warnings == []
    if builder == "json":
        written = json.loads((result.outdir / "full.fjson").read_text("utf8"))
    else:
        written = pickle.loads((result.outdir / "full.fpickle").read_bytes())
    post = written["blogpost_post"]
    assert (post["title"], post["url"]) == (
        "Ada & <Bob> on gates",
        "https://blog.example.org/full/",
    )
    assert list(post["tags"]) == ["mamba", "long context"]
    assert written["blogpost_page_kind"] == "post"


@pytest.mark.parametrize(
    ("builder", "page", "url"),
    [("html", "full.html", "full.html"), ("dirhtml", "full/index.html", "./")],
)
def test_without_base_url_the_url_is_the_page_link_to_itself(
    make_app: Any, tmp_path: Path, builder: str, page: str, url: str
) -> None:
    result = build(
        make_app,
        builder,
        srcdir=ROOTS / "test-template-context",
        builddir=tmp_path,
        confoverrides={"html_baseurl": ""},
    )
    post = printed_post(result.outdir, page)
    assert post is not None
    assert post["url"] == url


def test_the_reference_names_every_key_and_attribute(make_app: Any, tmp_path: Path) -> None:
    """docs/reference/templates.md documents each ``blogpost_*`` key a page gets, and each
    attribute of ``blogpost_post``."""
    keys: set[str] = set()
    app = make_app("html", srcdir=ROOTS / "test-template-context", builddir=tmp_path)
    try:

        def record(app: Any, pagename: str, template: str, context: dict[str, Any], doctree: Any):
            keys.update(key for key in context if key.startswith("blogpost_"))

        app.connect("html-page-context", record, priority=900)
        app.build()
    finally:
        app.cleanup()
    page = (ROOTS.parent.parent / "docs" / "reference" / "templates.md").read_text("utf8")
    assert "blogpost_post" in keys
    assert [key for key in sorted(keys) if f"`{key}`" not in page] == []
    attributes = [f.name for f in fields(PostContext)]
    assert [name for name in attributes if f"| `{name}` |" not in page] == []


@pytest.mark.parametrize(
    ("page", "comments"),
    [("quiet_rst.html", False), ("quiet_md.html", False), ("quiet_top.html", False),
     ("talkative.html", True), ("plain.html", True)],
)  # fmt: skip
def test_nocomments_turns_a_posts_comments_off(
    context_site: Path, page: str, comments: bool
) -> None:
    post = printed_post(context_site, page)
    assert post is not None
    assert post["comments"] is comments


def test_a_misspelt_nocomments_warns_with_the_name(make_app: Any, tmp_path: Path) -> None:
    files = {"post.rst": "Post\n====\n\n.. blogpost::\n   :date: 2025-10-01\n   :nocoments:\n"}
    conf = 'extensions = ["sphinx_blogpost"]\nblogpost_feeds = []\n'
    srcdir = make_site(tmp_path / "src", files, conf)
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    assert [w.split(": ", 1)[1] for w in result.warnings] == [
        "WARNING: unknown post option 'nocoments'; did you mean 'nocomments'? [blogpost.option]"
    ]
    assert result.posts["post"].comments


# -- dispatches: a project's page.html fills the place under a post ----------------------------
def _main(outdir: Path, page: str) -> Any:
    html = BeautifulSoup((outdir / page).read_text("utf8"), "html.parser")
    main = html.select_one("main#bp-main")
    assert main is not None
    return main


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_a_project_template_fills_the_place_after_each_post(
    make_app: Any, tmp_path: Path, builder: str
) -> None:
    result = build(make_app, builder, srcdir=ROOTS / "test-after-post", builddir=tmp_path)
    assert result.warnings == []
    suffix = ".html" if builder == "html" else "/index.html"
    for name, title in (("first", "A post in reStructuredText"), ("second", "A post in Markdown")):
        main = _main(result.outdir, name + suffix)
        added = main.select("section.after-post")
        assert [a["data-title"] for a in added] == [title]
        # after the post, its series box, related posts and navigation: the last of <main>
        body = main.select_one("div.body")
        assert body.select_one(".bp-post-nav") is not None
        assert body.select_one(".bp-series") is not None
        assert body.select_one(".bp-related") is not None
        assert [tag.name for tag in main.find_all(recursive=False)] == ["div", "section"]
    assert main.select_one(".bp-cover") is not None  # the second post: a cover, body in parts
    for page in ("about", "index", "blog/index", "blog/archive", "blog/tag/shared", "search"):
        path = page + (".html" if page.endswith("index") else suffix)
        html = (result.outdir / path).read_text("utf8")
        assert "after-post" not in html, page


def test_without_a_project_template_nothing_follows_a_post(make_app: Any, tmp_path: Path) -> None:
    result = build(
        make_app,
        "html",
        srcdir=ROOTS / "test-after-post",
        builddir=tmp_path,
        confoverrides={"templates_path": []},
    )
    assert result.warnings == []
    main = _main(result.outdir, "first.html")
    assert [tag.name for tag in main.find_all(recursive=False)] == ["div"]
    assert "after-post" not in (result.outdir / "first.html").read_text("utf8")


# -- the comments how-to: its recipes, as the page shows them, in each theme -------------------
COMMENTS_HOWTO = ROOTS.parent.parent / "docs" / "howto" / "comments.md"


def howto_recipes() -> dict[str, str]:
    """Each named ``code-block`` of the comments how-to: ``:name:`` -> its code."""
    from markdown_it import MarkdownIt

    recipes = {}
    for token in MarkdownIt("commonmark").parse(COMMENTS_HOWTO.read_text("utf8")):
        if token.type != "fence" or not token.info.startswith("{code-block}"):
            continue
        lines = token.content.splitlines()
        options = {}
        while lines and lines[0].startswith(":"):
            name, _, value = lines.pop(0)[1:].partition(":")
            options[name] = value.strip()
        recipes[options["name"]] = "\n".join(lines).strip() + "\n"
    return recipes


#: Where each theme's recipe puts the comments: inside the page's main content.
THEME_CONTAINERS = {
    "dispatches": "main#bp-main",
    "furo": "article#furo-main-content",
    "alabaster": 'div.body[role="main"]',
    "pydata_sphinx_theme": ".bd-article-container footer.bd-footer-article",
}


def build_recipe(make_app: Any, tmp_path: Path, theme: str, service: str) -> Path:
    """The test-comments root with the how-to's *service* embed and *theme* recipe."""
    recipes = howto_recipes()
    srcdir = copy_root("comments", tmp_path)
    templates = srcdir / "_templates"
    templates.mkdir()
    (templates / "post-comments.html").write_text(recipes[f"comments-{service}"], "utf8")
    overrides: dict[str, Any] = {"html_theme": theme}
    if theme == "pydata_sphinx_theme":
        namespace: dict[str, Any] = {}
        exec(recipes["conf-pydata"], namespace)  # the how-to's conf.py lines
        overrides["html_theme_options"] = namespace["html_theme_options"]
    else:
        page = "alabaster" if theme == "alabaster" else theme
        (templates / "page.html").write_text(recipes[f"page-{page}"], "utf8")
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out",
                   confoverrides=overrides)  # fmt: skip
    assert result.warnings == []
    return result.outdir


def _html(outdir: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / page).read_text("utf8"), "html.parser")


@pytest.mark.parametrize("theme", list(THEME_CONTAINERS))
def test_the_howto_puts_giscus_under_posts_in_each_theme(
    make_app: Any, tmp_path: Path, theme: str
) -> None:
    pytest.importorskip(theme if theme != "dispatches" else "sphinx_blogpost.theme")
    outdir = build_recipe(make_app, tmp_path, theme, "giscus")
    html = (outdir / "open.html").read_text("utf8")
    page = BeautifulSoup(html, "html.parser")
    comments = page.select(f"{THEME_CONTAINERS[theme]} section.post-comments")
    assert len(comments) == 1
    assert comments[0].select_one('script[src="https://giscus.app/client.js"]') is not None
    # after the post and its navigation
    assert html.index('class="bp-post-nav"') < html.index('class="post-comments"')
    assert html.index('class="bp-related"') < html.index('class="post-comments"')
    # none under a post with nocomments, a draft, a document or a generated page
    for other in ("closed.html", "draft.html", "about.html", "index.html", "blog/index.html",
                  "blog/tag/talk.html"):  # fmt: skip
        other_html = (outdir / other).read_text("utf8")
        assert "post-comments" not in other_html and "giscus" not in other_html, other
        if theme == "pydata_sphinx_theme":  # nothing printed: no empty article footer
            assert _html(outdir, other).select_one("footer.bd-footer-article") is None, other


def test_the_howto_puts_utterances_under_posts(make_app: Any, tmp_path: Path) -> None:
    outdir = build_recipe(make_app, tmp_path, "dispatches", "utterances")
    script = _html(outdir, "open.html").select_one("main section.post-comments script")
    assert script is not None and script["src"] == "https://utteranc.es/client.js"
    assert "utteranc" not in (outdir / "closed.html").read_text("utf8")


def test_the_howto_gives_disqus_the_post_as_javascript_strings(
    make_app: Any, tmp_path: Path
) -> None:
    outdir = build_recipe(make_app, tmp_path, "dispatches", "disqus")
    section = _html(outdir, "open.html").select_one("main section.post-comments")
    assert section is not None and section.select_one("#disqus_thread") is not None
    code = section.select_one("script").get_text()
    assert "</" not in code  # the title's "</script>" cannot end the script early
    values = dict(re.findall(r"this\.page\.(\w+) = (.+);", code))
    assert {name: json.loads(value) for name, value in values.items()} == {
        "url": "https://comments.example.org/open.html",
        "identifier": "open",
        "title": "Closing </script> early & more",
    }
    for other in ("closed.html", "draft.html", "about.html", "blog/index.html"):
        assert "disqus" not in (outdir / other).read_text("utf8"), other


def test_an_incremental_build_shows_a_post_as_it_is_now(make_app: Any, tmp_path: Path) -> None:
    srcdir = copy_root("template-context", tmp_path)
    out = tmp_path / "out"
    build(make_app, "html", srcdir=srcdir, builddir=out)
    post = srcdir / "quiet_rst.rst"
    post.write_text(post.read_text("utf8").replace("   :nocomments:\n", "   :draft:\n"), "utf8")
    result = build(make_app, "html", srcdir=srcdir, builddir=out)
    assert result.warnings == []
    printed = printed_post(result.outdir, "quiet_rst.html")
    assert printed is not None
    assert (printed["comments"], printed["draft"]) == (True, True)
