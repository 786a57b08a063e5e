"""``python -m sphinx_blogpost new``: a post started from the command line builds as written."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from typing import TYPE_CHECKING

import pytest

from .conftest import build, make_site

if TYPE_CHECKING:
    from pathlib import Path

HOSTILE = "Ünïcode & <b> *x* `c` $a$ a_b_ [l](u) |s| \\n 注意"


def _new(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sphinx_blogpost", "new", *args]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("form", ["md", "rst"])
def test_a_new_post_is_a_draft_dated_today_titled_as_given(make_app, tmp_path, form):
    conf = 'extensions = ["sphinx_blogpost"]\nhtml_baseurl = "https://x.org/"\n'
    src = make_site(tmp_path / "src", {}, conf)
    done = _new(src, HOSTILE, *(["--rst"] if form == "rst" else []))
    assert done.returncode == 0, done.stderr
    path = src / done.stdout.strip()
    assert path.parent.name == "posts" and path.suffix == f".{form}"
    result = build(make_app, "html", srcdir=src, confoverrides={"blogpost_drafts": True})
    assert result.warnings == []
    (post,) = result.posts.values()
    assert post.title == HOSTILE  # no character became markup
    assert post.draft and post.date is not None and post.date.iso == date.today().isoformat()
    assert post.summary == "The first paragraph, which listings and feeds show as the summary."
    # never over a post written before
    written = path.read_bytes()
    again = _new(src, HOSTILE, *(["--rst"] if form == "rst" else []))
    assert again.returncode == 1 and "exists already" in again.stderr
    assert path.read_bytes() == written
