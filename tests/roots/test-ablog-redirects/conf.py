# An ABlog blog in compatibility mode: ABlog's addresses of its pages lead to ours.
extensions = ["sphinx_blogpost"]
blogpost_ablog_compat = True
html_theme = "alabaster"
html_baseurl = "https://blog.example.org/"
blogpost_authors = {"ada": {"name": "Ada Lovelace"}}
