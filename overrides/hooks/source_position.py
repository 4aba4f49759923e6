"""Where a piece of a page's Markdown stands in its source file (a helper, not a hook).

MkDocs hands hooks the Markdown without its front matter, so line numbers
must be counted in the file itself.
"""

from __future__ import annotations

import os


def display_path(path) -> str:
    """A path as a writer would type it: relative to the current folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def line_column(text: str, at: int) -> tuple[int, int]:
    """(line, column), both from 1, of offset `at` in text."""
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def locate(page, needle: str, occurrence: int = 0) -> str:
    """`path:line:col` of the n-th occurrence of needle in the page's source file."""
    path = page.file.abs_src_path
    text = page.file.content_string
    at = -1
    for _ in range(occurrence + 1):
        at = text.find(needle, at + 1)
        if at < 0:
            return f"{display_path(path)}:1:1"
    line, column = line_column(text, at)
    return f"{display_path(path)}:{line}:{column}"
