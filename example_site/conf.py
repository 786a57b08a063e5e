"""The "Dispatches" example blog: every feature of sphinx-blogpost on real-looking posts."""

project = "Dispatches"
author = "The Dispatches authors"
copyright = "2026, The Dispatches authors"

# sphinx_blogpost brings MyST Markdown and sphinx-design with it; sphinx-mathjax-offline serves
# MathJax from the site itself instead of a CDN (pip install ".[example]").
extensions = ["sphinx_blogpost", "sphinx-mathjax-offline"]
html_theme = "dispatches"
html_title = "Dispatches"
html_baseurl = "https://dispatches.example.org/"
exclude_patterns = ["_build"]

blogpost_title = "Blog"
blogpost_eyebrow = "Research & Writing"
blogpost_tagline = (
    "Dispatches from the edge of chaos — on nonlinear dynamics, AI, emergence, "
    "and the mathematics of complex systems."
)
blogpost_categories = ["State Space Model", "Transformer", "Efficiency", "Reasoning"]
blogpost_authors = {
    "ada": {
        "name": "Ada Moreau",
        "bio": "Works on sequence models and the dynamics of long memory.",
    },
    "lin": {
        "name": "Lin Okafor",
        "bio": "Builds multimodal systems and worries about their evaluation.",
    },
    "sam": {
        "name": "Sam Richter",
        "bio": "Writes GPU kernels by day and essays on reasoning by night.",
    },
}
