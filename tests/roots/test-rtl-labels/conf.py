# A blog in Arabic (tests build it in Hebrew too) whose posts have 1, 2, 3, 11 and 100 words,
# read at a word a minute: each count takes its own plural form in the labels of the pages.
project = "مدونة"
extensions = ["sphinx_blogpost"]
html_theme = "dispatches"
html_baseurl = "https://labels.example.org/"
language = "ar"
blogpost_posts_per_page = 2
blogpost_words_per_minute = 1
