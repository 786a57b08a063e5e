# Top-level front matter (`blogpost: true` beside the options) naming authors in each form:
# docutils reads `author` and `authors` as its own bibliographic fields, in rST and in MyST.
extensions = ["sphinx_blogpost"]
html_baseurl = "https://authors.example.org/"
blogpost_authors = {"ada": {"name": "Ada Lovelace"}, "lin": {"name": "Lin Wei"}}
