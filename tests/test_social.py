"""What pages say in ``<head>``: feed links everywhere; Open Graph, Twitter card, article
tags and JSON-LD on post pages, with hostile metadata read back exactly as written."""

from __future__ import annotations

import json
import shutil
import zipfile
from io import StringIO
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_blogpost.social import json_ld, post_metatags

from .conftest import Build, build, copy_root, make_site

if TYPE_CHECKING:
    from pathlib import Path


BASE = "https://example.org/site/"
FEED_TYPES = {
    "application/atom+xml": "blog/atom.xml",
    "application/rss+xml": "blog/rss.xml",
    "application/feed+json": "blog/feed.json",
}


@pytest.fixture(scope="module")
def site(rootdir, tmp_path_factory) -> Build:
    def quiet_app(*args: Any, **kwargs: Any) -> SphinxTestApp:
        return SphinxTestApp(*args, status=StringIO(), warning=StringIO(), **kwargs)

    result = build(
        quiet_app, "html", srcdir=rootdir / "test-feeds", builddir=tmp_path_factory.mktemp("s")
    )
    assert result.warnings == []
    return result


def _head(site: Build, page: str) -> Any:
    html = (site.outdir / f"{page}.html").read_text("utf8")
    return BeautifulSoup(html, "html.parser").head


def _meta(head: Any, key: str) -> list[str]:
    return [m["content"] for m in head.find_all("meta", attrs={"property": key})] + [
        m["content"] for m in head.find_all("meta", attrs={"name": key})
    ]


@pytest.mark.parametrize("page", ["index", "escape", "genindex", "blog/index", "blog/archive"])
def test_every_page_links_the_feeds(site, page):
    links = _head(site, page).find_all("link", rel="alternate")
    found = {link["type"]: link["href"] for link in links}
    assert found == {kind: BASE + path for kind, path in FEED_TYPES.items()}
    for path in FEED_TYPES.values():
        assert (site.outdir / path).is_file()
    assert links[0]["title"] == 'Notes & "Dispatches" <b> (Atom)'


def test_post_page_open_graph_reads_back_as_written(site, rootdir):
    post = site.posts["escape"]
    head = _head(site, "escape")
    assert _meta(head, "og:type") == ["article"]
    assert _meta(head, "og:title") == [post.title]
    assert _meta(head, "og:description") == [post.summary]
    assert _meta(head, "description") == [post.summary]  # for search engines' snippets
    assert _meta(head, "og:url") == [BASE + "escape.html"]
    assert _meta(head, "og:image") == [BASE + "images/cover.png"]
    assert _meta(head, "twitter:card") == ["summary_large_image"]
    assert _meta(head, "article:published_time") == ["2025-03-01T10:30:00+00:00"]
    assert _meta(head, "article:modified_time") == ["2025-03-04T08:00:00+02:00"]
    assert _meta(head, "article:section") == ["R&D <b>"]
    assert _meta(head, "article:tag") == list(post.tags)
    assert _meta(head, "robots") == []
    # The cover is copied where og:image points.
    cover = rootdir / "test-feeds" / "images" / "cover.png"
    assert (site.outdir / "images" / "cover.png").read_bytes() == cover.read_bytes()
    # No user text became markup: the only scripts are Sphinx's and the JSON-LD.
    raw = (site.outdir / "escape.html").read_text("utf8")
    assert "<script>alert" not in raw and "<b>" not in raw.split("</head>")[0]


def test_json_ld_is_a_blog_posting(site):
    for docname, post in site.posts.items():
        scripts = _head(site, docname).find_all("script", type="application/ld+json")
        assert len(scripts) == 1, docname
        text = scripts[0].string
        assert not {"<", ">", "&"} & set(text)  # nothing can close the script early
        data = json.loads(text)
        assert data["@type"] == "BlogPosting"
        assert data["@context"] == "https://schema.org"
        assert data["headline"] == post.title
        assert data["wordCount"] == post.words
        assert data["keywords"] == list(post.tags)
        assert data["datePublished"] == post.date.iso
        assert data["dateModified"] == (post.updated or post.date).iso
        assert [a["name"] for a in data["author"]] == [a.name for a in post.authors]
        assert data["url"] == BASE + f"{docname}.html"


def test_json_ld_of_hostile_metadata(site):
    data = json.loads(_head(site, "escape").find("script", type="application/ld+json").string)
    post = site.posts["escape"]
    assert data["description"] == post.summary
    assert data["author"] == [
        {"@type": "Person", "name": "O'Brien <x@y>", "url": "https://example.org/ob?a=1&b=2"}
    ]
    assert data["image"] == BASE + "images/cover.png"
    assert data["articleSection"] == ["R&D <b>"]


def test_one_canonical_link(site):
    canonical = _head(site, "linked").find_all("link", rel="canonical")
    assert [link["href"] for link in canonical] == [BASE + "linked.html"]


def test_drafts_are_not_indexed(site):
    assert _meta(_head(site, "draft"), "robots") == ["noindex"]
    assert _meta(_head(site, "older"), "robots") == []


def test_other_pages_are_not_articles(site):
    head = _head(site, "index")
    assert _meta(head, "og:type") == [] and _meta(head, "article:tag") == []
    assert head.find("script", type="application/ld+json") is None


@pytest.mark.parametrize(
    ("page", "title", "description"),
    [
        ("blog/index", 'Notes & "Dispatches" <b>', "Tagline with <i>markup</i> & ampersands"),
        ("blog/category/r-d-b", "Category: R&D <b>", None),
        ("blog/archive", "Archive", None),
        ("blog/tag/index", "Tags", None),
    ],
)
def test_generated_pages_say_what_a_shared_link_shows(site, page, title, description):
    head = _head(site, page)
    assert _meta(head, "og:type") == ["website"]
    assert _meta(head, "og:title") == [title]
    assert _meta(head, "og:url") == [f"{BASE}{page}.html"]
    assert _meta(head, "og:site_name") == ["Feeds <&> test"]
    assert _meta(head, "twitter:card") == ["summary"]
    expected = [description] if description else []
    assert _meta(head, "og:description") == _meta(head, "description") == expected
    assert head.find("script", type="application/ld+json") is None


def test_sphinxext_opengraph_keeps_its_tags(site):
    post = site.posts["escape"]
    args = {"url": BASE + "escape.html", "image": BASE + "c.png", "site_name": "S"}
    mine = post_metatags(post, **args, opengraph=True, canonical=False)
    assert "og:" not in mine and "twitter:" not in mine
    assert 'property="article:published_time"' in mine
    assert json_ld(post, url=args["url"], image=args["image"]) in mine
    alone = post_metatags(post, **args, opengraph=False, canonical=False)
    assert 'property="og:title"' in alone and 'name="twitter:card"' in alone


def test_without_absolute_urls_no_url_tags(site):
    post = site.posts["linked"]
    tags = post_metatags(post, url=None, image=None, site_name="", opengraph=False, canonical=True)
    assert "og:url" not in tags and "og:image" not in tags and "canonical" not in tags
    assert 'content="summary"' in tags
    script = BeautifulSoup(json_ld(post, url=None, image=None), "html.parser").script
    assert "url" not in json.loads(script.string)


def _cover_of(page: BeautifulSoup, docname: str) -> Any:
    card = next(
        c
        for c in page.select(".bp-card")
        if c.select_one(".bp-card-title a")["href"].endswith(f"{docname}.html")
    )
    return card.select_one("img.bp-card-cover")


def test_cards_show_the_cover_linked_from_their_page(site):
    category_pages = [
        p for p in (site.outdir / "blog" / "category").glob("*.html") if p.stem != "index"
    ]
    pages = [site.outdir / "blog" / "index.html", *category_pages]
    checked = 0
    for path in pages:
        page = BeautifulSoup(path.read_text("utf8"), "html.parser")
        if not any(a["href"].endswith("escape.html") for a in page.select(".bp-card-title a")):
            continue
        img = _cover_of(page, "escape")
        assert img is not None and img["alt"] == ""  # decorative: the title is right below
        assert (path.parent / img["src"]).resolve() == (
            site.outdir / "images" / "cover.png"
        ).resolve()
        for card in page.select(".bp-card"):  # posts without an image have no cover
            if not card.select_one(".bp-card-title a")["href"].endswith("escape.html"):
                assert card.select_one("img.bp-card-cover") is None
        checked += 1
    assert checked == 2  # the blog index and the post's category page (one level deeper)


def test_a_missing_cover_is_shown_nowhere_until_its_file_is_there(make_app, tmp_path):
    srcdir = copy_root("feeds", tmp_path)
    (srcdir / "nocover.rst").write_text(
        "No cover\n========\n\n.. blogpost::\n   :date: 2026-01-01\n"
        "   :image: images/missing.png\n\nText.\n"
    )
    with (srcdir / "index.rst").open("a") as index:
        index.write("\n.. toctree::\n\n   nocover\n")

    def build_site() -> Build:
        return build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")

    for _ in range(2):  # a missing cover is read again on every build, and warned about
        first = build_site()
        (warning,) = first.warnings
        assert warning.endswith(
            "/nocover.rst:6: WARNING: cover image 'images/missing.png' not found [blogpost.image]"
        )
        head = _head(first, "nocover")
        assert _meta(head, "og:image") == [] and _meta(head, "twitter:card") == ["summary"]
        data = json.loads(head.find("script", type="application/ld+json").string)
        assert "image" not in data
        feed = json.loads((first.outdir / "blog" / "feed.json").read_text("utf8"))
        item = next(i for i in feed["items"] if i["url"] == BASE + "nocover.html")
        assert "image" not in item
        index = BeautifulSoup((first.outdir / "blog/index.html").read_text("utf8"), "html.parser")
        assert _cover_of(index, "nocover") is None
    (srcdir / "images" / "missing.png").write_bytes((srcdir / "images" / "cover.png").read_bytes())
    found = build_site()
    assert found.warnings == []
    assert _meta(_head(found, "nocover"), "og:image") == [BASE + "images/missing.png"]
    feed = json.loads((found.outdir / "blog" / "feed.json").read_text("utf8"))
    assert feed["items"][0]["image"] == BASE + "images/missing.png"
    index = BeautifulSoup((found.outdir / "blog/index.html").read_text("utf8"), "html.parser")
    assert _cover_of(index, "nocover")["src"] == "../images/missing.png"
    assert (found.outdir / "images" / "missing.png").is_file()


def test_a_cover_path_too_long_for_a_file_is_not_found(make_app, tmp_path):
    """The file system refuses to look for it (File name too long): that stopped the build."""
    image = "é" * 200 + ".png"  # beside the post: a folder that is not there is found first
    post = f".. blogpost::\n   :date: 2025-01-02\n   :image: {image}\n"
    files = {"long.rst": "Long\n====\n\n" + post + "\nText.\n"}
    conf = f'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "{BASE}"\n'
    result = build(make_app, "html", srcdir=make_site(tmp_path / "src", files, conf))
    (warning,) = result.warnings
    assert warning.endswith(
        f"/long.rst:6: WARNING: cover image {image!r} not found [blogpost.image]"
    )
    assert result.posts["long"].image is None
    assert _meta(_head(result, "long"), "og:image") == []


def _feed_links(outdir: Path) -> dict[str, list[tuple[str, str]]]:
    """Per page: the feeds its <head> links, and those its footer (dispatches) links."""
    found = {}
    for page in sorted(outdir.rglob("*.html")):
        html = BeautifulSoup(page.read_text("utf8"), "html.parser")
        head = [
            (link["title"], link["href"]) for link in html.head.find_all("link", rel="alternate")
        ]
        footer = html.select_one("footer")
        foot = [(a.get_text(), a["href"]) for a in footer.find_all("a") if "xml" in a["href"] or
                "json" in a["href"]] if footer is not None else []  # fmt: skip
        found[str(page.relative_to(outdir))] = head + foot
    return found


def test_publishing_the_first_post_links_the_feeds_on_every_page(make_app, tmp_path):
    srcdir = copy_root("feed-links", tmp_path)
    post = srcdir / "post.rst"

    def builds() -> tuple[Build, Build]:
        incremental = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "incremental")
        clean = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "clean", freshenv=True)
        assert incremental.warnings == clean.warnings == []
        return incremental, clean

    incremental, _ = builds()
    assert all(links == [] for links in _feed_links(incremental.outdir).values())
    post.write_text(post.read_text().replace("   :draft:\n", ""))  # published
    incremental, clean = builds()
    links = _feed_links(incremental.outdir)
    assert links == _feed_links(clean.outdir)
    blog_feeds = [("Notes (Atom)", "https://example.org/blog/atom.xml"),
                  ("Notes (RSS)", "https://example.org/blog/rss.xml"),
                  ("Notes (JSON Feed)", "https://example.org/blog/feed.json")]  # fmt: skip
    for page in ("about.html", "index.html", "post.html", "blog/archive.html"):
        assert links[page][:3] == blog_feeds, page
    # A tag or category page links its own feed too.
    assert links["blog/tag/solo.html"][3] == (
        "Notes: solo (Atom)",
        "https://example.org/blog/tag/solo/atom.xml",
    )
    assert links["blog/category/notes.html"][3] == (
        "Notes: Notes (Atom)",
        "https://example.org/blog/category/notes/atom.xml",
    )
    assert (clean.outdir / "blog/tag/solo/atom.xml").is_file()
    post.write_text(post.read_text().replace("   :tags: solo\n", "   :tags: solo\n   :draft:\n"))
    incremental, clean = builds()
    assert _feed_links(incremental.outdir) == _feed_links(clean.outdir)
    assert all(links == [] for links in _feed_links(incremental.outdir).values())


def test_output_folders_sharing_doctrees_link_the_feeds_once_there_are_some(make_app, tmp_path):
    # One environment, two output folders: each has its pages as its own builds wrote them.
    srcdir, first, second = copy_root("feed-links", tmp_path), tmp_path / "1", tmp_path / "2"
    (first / "doctrees").mkdir(parents=True)
    second.mkdir()
    (second / "doctrees").symlink_to(first / "doctrees")

    def build_into(builddir: Path) -> Path:
        return build(make_app, "html", srcdir=srcdir, builddir=builddir).outdir

    build_into(first)
    build_into(second)
    post = srcdir / "post.rst"
    post.write_text(post.read_text().replace("   :draft:\n", ""))  # the blog gets its feeds
    build_into(first)
    links = _feed_links(build_into(second))  # reads nothing: its pages did not link feeds yet
    assert links == _feed_links(build_into(tmp_path / "clean"))
    assert links["about.html"] != []


def test_a_cover_is_copied_when_edited_and_removed_once_no_post_uses_it(make_app, tmp_path):
    srcdir = copy_root("feeds", tmp_path)
    source = srcdir / "images" / "cover.png"  # the cover of escape.rst, and now of older.rst
    older = srcdir / "older.rst"
    older.write_text(older.read_text().replace("   :author: ada\n", "   :author: ada\n"
                                               "   :image: images/cover.png\n"))  # fmt: skip

    def build_site() -> Path:
        result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
        assert result.warnings == []
        return result.outdir / "images" / "cover.png"

    copied = build_site()
    assert copied.read_bytes() == source.read_bytes()
    source.write_bytes(source.read_bytes() + b"edited")  # same name, new picture
    assert build_site().read_bytes() == source.read_bytes()
    for post in (srcdir / "escape.rst", older):
        post.write_text(post.read_text().replace("   :image: images/cover.png\n", ""))
    assert not build_site().exists()  # as after a clean build
    assert not copied.parent.exists()  # with the folder it leaves empty


@pytest.mark.parametrize(
    ("setting", "cover"),
    [
        ('html_static_path = ["_static"]', "_static/cover.png"),  # a folder's file
        ('html_static_path = ["cover.png"]', "_static/cover.png"),  # a file
        ('html_extra_path = ["extra"]', "cover.png"),
        ('html_extra_path = ["cover.png"]', "cover.png"),
    ],
)
@pytest.mark.parametrize("from_the_start", [True, False])
def test_a_cover_sphinx_copies_itself_stays_once_no_post_uses_it(
    make_app, tmp_path, setting, cover, from_the_start
):
    srcdir = copy_root("feeds", tmp_path)
    picture = (srcdir / "images" / "cover.png").read_bytes()
    for place in (
        "_static/cover.png",
        "extra/cover.png",
        "cover.png",
    ):  # where each setting takes it
        (srcdir / place).parent.mkdir(exist_ok=True)
        (srcdir / place).write_bytes(picture)
    post = srcdir / "escape.rst"
    post.write_text(post.read_text().replace("images/cover.png", f"/{cover}"))

    def build_site() -> Path:
        result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
        assert result.warnings == []
        return result.outdir / cover

    if not from_the_start:  # the extension copies the cover, until Sphinx does
        assert build_site().is_file()
    with (srcdir / "conf.py").open("a") as conf:
        conf.write(setting + "\n")
    assert build_site().is_file()
    post.write_text(post.read_text().replace(f"   :image: /{cover}\n", ""))
    assert build_site().is_file()  # Sphinx's file, as in a clean build


def test_a_post_read_again_for_another_output_folder_is_written_in_this_one(make_app, tmp_path):
    srcdir, first, second = copy_root("feeds", tmp_path), tmp_path / "1", tmp_path / "2"
    (first / "doctrees").mkdir(parents=True)
    second.mkdir()
    (second / "doctrees").symlink_to(first / "doctrees")  # one environment, two folders
    cover = srcdir / "images" / "cover.png"
    picture = cover.read_bytes()
    cover.unlink()  # escape.rst's cover is missing: the post is read on every build

    def build_into(builddir: Path) -> Build:
        return build(make_app, "html", srcdir=srcdir, builddir=builddir)

    build_into(first)
    build_into(second)
    cover.write_bytes(picture)
    assert _meta(_head(build_into(first), "escape"), "og:image") != []  # read again here
    assert _meta(_head(build_into(second), "escape"), "og:image") != []  # not read again


def test_sphinxext_opengraph_is_given_each_posts_summary_type_and_cover(make_app, tmp_path):
    """sphinxext-opengraph writes the og: tags of documents: it is handed what it cannot know
    of a post (a page's own og: fields win); the blog's generated pages, which have no
    document for it to read, get this extension's own."""
    post = ".. blogpost::\n   :date: 2025-01-02\n   :summary: {summary}\n{image}\nBody text.\n"
    files = {
        "covered.rst": "Covered\n=======\n\n"
        + post.format(summary="The covered <one>.", image="   :image: cover.png\n"),
        "cover.png": "not really a PNG",
        "own.rst": ":og:description: Its own words.\n\nOwn\n===\n\n.. meta::\n"
        "   :description: Its own description.\n\n" + post.format(summary="The summary.", image=""),
    }
    conf = (
        'extensions = ["sphinxext.opengraph", "sphinx_blogpost"]\n'
        f'html_baseurl = "{BASE}"\nogp_site_url = "{BASE}"\nproject = "P"\n'
        "ogp_social_cards = {'enable': False}\n"
    )
    result = build(make_app, "html", srcdir=make_site(tmp_path / "src", files, conf))
    assert result.warnings == []
    head = _head(result, "covered")
    assert _meta(head, "og:type") == ["article"]
    assert _meta(head, "og:description") == ["The covered <one>."]
    assert _meta(head, "description") == ["The covered <one>."]
    assert _meta(head, "og:image") == [BASE + "cover.png"]
    assert _meta(head, "og:image:alt") == ["Covered"]
    assert len(head.find_all("meta", property="og:title")) == 1  # one writer of each
    head = _head(result, "own")
    assert _meta(head, "og:description") == ["Its own words."]
    assert _meta(head, "description") == ["Its own description."]
    assert _meta(head, "og:type") == ["article"]
    head = _head(result, "blog/index")
    assert _meta(head, "og:type") == ["website"] and _meta(head, "og:title") == ["Blog"]


def test_a_posts_own_description_is_what_sharing_says(make_app, tmp_path):
    """A page's own description (docutils' ``meta``) was kept for search engines, but Open
    Graph, the Twitter card and JSON-LD still said the summary."""
    files = {
        "own.rst": "Own\n===\n\n.. meta::\n   :description: Its own <description>.\n\n"
        ".. blogpost::\n   :date: 2025-01-02\n   :summary: The summary.\n\nBody text.\n",
    }
    conf = f'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "{BASE}"\nproject = "P"\n'
    result = build(make_app, "html", srcdir=make_site(tmp_path / "src", files, conf))
    assert result.warnings == []
    head = _head(result, "own")
    assert _meta(head, "description") == ["Its own <description>."]  # once
    assert _meta(head, "og:description") == ["Its own <description>."]
    data = json.loads(head.find("script", type="application/ld+json").string)
    assert data["description"] == "Its own <description>."
    card = BeautifulSoup((result.outdir / "blog/index.html").read_text("utf8"), "html.parser")
    assert card.select_one(".bp-card-summary").get_text() == "The summary."  # listings keep it


@pytest.mark.parametrize(("builder", "page"), [("singlehtml", "index.html"),
                                               ("epub", "index.xhtml"),
                                               ("json", "index.fjson")])  # fmt: skip
def test_cards_show_their_cover_in_every_html_builder(make_app, rootdir, tmp_path, builder, page):
    # A postlist's cards show covers there too: the files must be in the output (and, for
    # epub, in the book, which is packed before build-finished).
    files = {
        "index.rst": "Home\n====\n\n.. postlist::\n\n.. toctree::\n\n   posts/post\n",
        "posts/post.rst": "A post\n======\n\n.. blogpost::\n   :date: 2025-01-02\n"
        "   :image: img/cover.png\n\nText.\n",
    }
    srcdir = make_site(tmp_path / "src", files, 'extensions = ["sphinx_blogpost"]\n')
    cover = (rootdir / "test-feeds" / "images" / "cover.png").read_bytes()
    (srcdir / "posts" / "img").mkdir()
    (srcdir / "posts" / "img" / "cover.png").write_bytes(cover)
    result = build(make_app, builder, srcdir=srcdir, builddir=tmp_path / "out")
    text = (result.outdir / page).read_text("utf8")
    body = json.loads(text)["body"] if builder == "json" else text
    src = BeautifulSoup(body, "html.parser").select_one("img.bp-card-cover")["src"]
    assert (result.outdir / src).read_bytes() == cover
    if builder == "epub":
        with zipfile.ZipFile(next(result.outdir.glob("*.epub"))) as book:
            assert book.read(src) == cover


def test_the_default_image_is_shared_for_pages_without_one_of_their_own(make_app, tmp_path):
    """blogpost_default_image: what a shared link to a post without a cover, or to a
    generated page, shows; a post's own cover wins, and JSON-LD names only the post's own."""
    post = "{0}\n=====\n\n.. blogpost::\n   :date: 2025-01-0{1}\n{2}\nText.\n"
    files = {
        "plain.rst": post.format("Plain", 1, ""),
        "covered.rst": post.format("Cover", 2, "   :image: https://cdn.example.org/c.png\n"),
    }
    conf = (
        f'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "{BASE}"\n'
        'blogpost_default_image = "_static/card.png"\n'
    )
    result = build(make_app, "html", srcdir=make_site(tmp_path / "src", files, conf))
    assert result.warnings == []
    card = BASE + "_static/card.png"
    head = _head(result, "plain")
    assert _meta(head, "og:image") == [card]
    assert _meta(head, "og:image:alt") == []  # the site's image says nothing of the post
    assert _meta(head, "twitter:card") == ["summary_large_image"]
    assert "image" not in json.loads(head.find("script", type="application/ld+json").string)
    assert _meta(_head(result, "covered"), "og:image") == ["https://cdn.example.org/c.png"]
    for page in ("blog/index", "blog/archive"):
        assert _meta(_head(result, page), "og:image") == [card], page
        assert _meta(_head(result, page), "twitter:card") == ["summary_large_image"], page


def test_a_default_image_that_is_no_address_is_refused(make_app, tmp_path):
    conf = 'extensions = ["sphinx_blogpost"]\nblogpost_default_image = "javascript:alert(1)"\n'
    src = make_site(tmp_path / "src", {"a.rst": "A\n=\n\nText.\n"}, conf)
    result = build(make_app, "html", srcdir=src)
    assert [line for line in result.warnings if "[blogpost.config]" in line] == [
        f"{src}/conf.py:2: WARNING: blogpost_default_image = 'javascript:alert(1)' is invalid "
        "(expected a path such as '_static/card.png' or an http(s) address); using None "
        "[blogpost.config]"
    ]


def test_a_cover_address_with_spaces_is_shared_as_a_uri(make_app, tmp_path):
    image = "https://cdn.example.org/my cover é.png?s=1&t=%20"
    post = f".. blogpost::\n   :date: 2025-01-02\n   :image: {image}\n"
    files = {"spaced.rst": "Spaced\n======\n\n" + post + "\nText.\n"}
    conf = f'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "{BASE}"\n'
    result = build(make_app, "html", srcdir=make_site(tmp_path / "src", files, conf))
    assert result.warnings == []
    uri = "https://cdn.example.org/my%20cover%20%C3%A9.png?s=1&t=%20"
    head = _head(result, "spaced")
    assert _meta(head, "og:image") == [uri]
    assert json.loads(head.find("script", type="application/ld+json").string)["image"] == uri
    assert (
        json.loads((result.outdir / "blog/feed.json").read_text("utf8"))["items"][0]["image"] == uri
    )


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_a_cover_that_would_take_another_files_place_is_not_copied(
    make_app, rootdir, tmp_path, builder
):
    # A cover is copied beside the pages, at its source path: `/index.html` there would be the
    # site's home page, `secret.env` a file published that no post means to show, and
    # `/_static/file.png` the theme's file (in a clean build; the theme's in the next), and
    # `/_images/photo.png` would be a document's image of that name, which Sphinx copies after.
    srcdir = rootdir / "test-covers-not-copied"
    result = build(make_app, builder, srcdir=srcdir, builddir=tmp_path)
    no_image = "is not an image file (by its suffix): it is not used, as its copy in the output "
    no_image += "could take a page's place [blogpost.image]"
    assert result.warnings == [
        f"{srcdir / 'posts' / 'images.rst'}:6: WARNING: cover image '/_images/photo.png' is in "
        "'_images', where Sphinx puts the documents' images: it is not used (move it to a "
        "folder of its own) [blogpost.image]",
        f"{srcdir / 'posts' / 'page.rst'}:6: WARNING: cover image '/index.html' {no_image}",
        f"{srcdir / 'posts' / 'secret.md'}:4: WARNING: cover image '../secret.env' {no_image}",
        f"{srcdir / 'posts' / 'static.rst'}:4: WARNING: cover image '/_static/file.png' is "
        "where Sphinx puts a file of its own: it is not copied to the output (move it to a "
        "folder of its own) [blogpost.image]",
    ]
    home = (result.outdir / "index.html").read_text("utf8")
    assert "not the home page" not in home
    assert BeautifulSoup(home, "html.parser").title is not None  # Sphinx's page
    assert not (result.outdir / "secret.env").exists()
    assert b"no theme file" not in (result.outdir / "_static" / "file.png").read_bytes()
    assert not (result.outdir / "_images" / "photo.png").exists()
    assert (result.outdir / "_static" / "covers" / "beside.png").read_bytes() == b"GIF89a: a cover"
    # A cover not used is shown nowhere (as one not found): no card or page links it.
    suffix = "" if builder == "html" else "/index"
    for name in ("page", "secret", "images"):
        page = (result.outdir / f"posts/{name}{suffix}.html").read_text("utf8")
        assert "og:image" not in page and "bp-cover" not in page, name
    index = (result.outdir / "blog/index.html").read_text("utf8")
    cards = BeautifulSoup(index, "html.parser").select(".bp-card img")
    assert [img["src"].rsplit("/", 1)[-1] for img in cards] == ["beside.png", "file.png"]
    # The same, with the record of the covers copied gone with the doctrees: one is there.
    shutil.rmtree(tmp_path / "doctrees")
    assert build(make_app, builder, srcdir=srcdir, builddir=tmp_path).warnings == result.warnings


def test_a_cover_whose_path_windows_reads_otherwise_is_not_copied(make_app, tmp_path):
    # On Windows `images\..\..\x.png` is two folders above the source (and the output) folder,
    # and `/C:/x.png` a drive's file. Here they are files of those very names, which would be
    # copied; the files are made by the test, as Git on Windows could not check them out.
    srcdir = copy_root("covers-not-copied", tmp_path)
    for name in ("page.rst", "secret.md", "static.rst", "images.rst", "beside.rst"):
        (srcdir / "posts" / name).unlink()
    (srcdir / "images\\..\\..\\up.png").write_bytes(b"GIF89a")
    (srcdir / "C:").mkdir()
    (srcdir / "C:" / "drive.png").write_bytes(b"GIF89a")
    post = "---\nblogpost:\n  date: 2025-01-0{}\n  image: '{}'\n---\n# Post {}\n\nText.\n"
    (srcdir / "posts" / "up.md").write_text(post.format(1, "/images\\..\\..\\up.png", 1))
    (srcdir / "posts" / "drive.md").write_text(post.format(2, "/C:/drive.png", 2))
    result = build(make_app, "html", srcdir=srcdir, builddir=tmp_path / "out")
    problem = "has a backslash or names a drive: it is not used (separate folders with '/') "
    problem += "[blogpost.image]"
    assert result.warnings == [
        f"{srcdir / 'posts' / 'drive.md'}:4: WARNING: cover image '/C:/drive.png' {problem}",
        f"{srcdir / 'posts' / 'up.md'}:4: WARNING: cover image '/images\\\\..\\\\..\\\\up.png' "
        + problem,
    ]
    assert not (result.outdir / "C:").exists()
    assert not (result.outdir / "images\\..\\..\\up.png").exists()
