project = "Test blog"
extensions = ["sphinx_blogpost"]
html_theme = "alabaster"
html_baseurl = "https://blog.example.org/"
blogpost_posts_per_page = 12
blogpost_authors = {
    "ada": {
        "name": "Ada Moreau",
        "bio": "Sequence models.",
        "url": "https://example.org/ada",
        "avatar": "https://example.org/ada.png",
    },
    "lin": {"name": "Lin Okafor", "bio": "Multimodal systems."},
    "sam": {"name": "Sam Richter"},
}
