# ABlog left in `extensions` beside sphinx-blogpost; `_ext/ablog` stands in for ABlog.
import os
import sys

sys.path.insert(0, os.path.abspath("_ext"))

extensions = ["ablog", "sphinx_blogpost"]
blogpost_ablog_compat = True
