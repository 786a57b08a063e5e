"""``python -m sphinx_blogpost new "Title"``: start a post, as ``hugo new`` and ``ablog post``
do: a file named after the title, dated today, a draft until its flag is removed."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from docutils.utils import column_width

from .posts import slugify

_MARKDOWN = """\
---
blogpost:
  date: {date}
  category:
  tags:
  draft: true
---
# {title}

The first paragraph, which listings and feeds show as the summary.

<!-- more -->

The rest of the post.
"""

_RST = """\
{title}
{underline}

.. blogpost::
   :date: {date}
   :category:
   :tags:
   :draft:

The first paragraph, which listings and feeds show as the summary.

.. more::

The rest of the post.
"""


#: Characters that would make markup of a title, each escaped with a backslash: Markdown's
#: (inline HTML, entities, emphasis, links, code, math) and reStructuredText's inline markup.
_MARKUP = {"md": re.compile(r"([\\`*_\[\]<>&~|${}])"), "rst": re.compile(r"([\\`*_|])")}


def new_post(title: str, folder: Path, *, rst: bool = False, day: date | None = None) -> Path:
    """Write a new draft post titled *title* into *folder*; its path. Raises FileExistsError
    rather than overwrite a post."""
    title = " ".join(title.split())
    if not title:
        raise ValueError("a post needs a title")
    suffix = "rst" if rst else "md"
    path = folder / f"{slugify(title)}.{suffix}"
    written = _MARKUP[suffix].sub(r"\\\1", title)
    # The underline as wide as the title on screen: CJK characters take two columns.
    underline = "=" * column_width(written)
    template = _RST if rst else _MARKDOWN
    text = template.format(title=written, underline=underline, date=(day or date.today()))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:  # "x": never over a post written before
            file.write(text)
    except FileExistsError:
        raise FileExistsError(f"{path} exists already: give the post another title") from None
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sphinx_blogpost")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="start a new post: a draft dated today")
    new.add_argument("title", help="the post's title; its file is named after it")
    new.add_argument("--folder", type=Path, default=Path("posts"), help="default: posts")
    new.add_argument("--rst", action="store_true", help="reStructuredText (default: MyST)")
    args = parser.parse_args(argv)
    try:
        path = new_post(args.title, args.folder, rst=args.rst)
    except (FileExistsError, ValueError) as error:
        parser.exit(1, f"{parser.prog}: {error}\n")
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
