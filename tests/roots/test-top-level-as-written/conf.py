# Top-level front matter (`blogpost: true` beside the options) with MyST's smart quotes: MyST
# renders `author`, `authors` and `date` (docutils' bibliographic fields) as Markdown, and
# every other value as literal text; the values are read from the YAML as written instead.
extensions = ["sphinx_blogpost"]
myst_enable_extensions = ["smartquotes"]
html_baseurl = "https://as-written.example.org/"
blogpost_authors = {
    "ada": {"name": "Ada Lovelace"},
    "lin": {"name": "Lin Wei"},
    "odd": {"name": 'The "quoted" *name* of __init__ <x@y> back\\\\slash'},
}
