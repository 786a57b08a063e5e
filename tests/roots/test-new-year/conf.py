# Posts around New Year written with different UTC offsets: by UTC, the one dated 2026 in
# Berlin is older than the one dated New Year's Eve in UTC.
project = "New Year"
extensions = ["sphinx_blogpost"]
html_theme = "alabaster"
html_baseurl = "https://example.org/"
