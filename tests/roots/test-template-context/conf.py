# Templates print blogpost_post (see _templates/page.html): a post's data for an embed.
project = "Template context"
extensions = ["sphinx_blogpost"]
templates_path = ["_templates"]
html_baseurl = "https://blog.example.org/"
blogpost_authors = {"ada": {"name": "Ada Moreau"}, "lin": {"name": "Lin Wei"}}
