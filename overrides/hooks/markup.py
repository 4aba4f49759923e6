"""Text from data made safe where it enters Markdown (a helper, not a hook). HTML uses html.escape.

Two places take Markdown: the pages MkDocs renders (headings built from data),
and the Markdown files the build writes for readers to download (checklists,
the empty brief), which are read as plain text or by other tools.
"""

from __future__ import annotations

import re
from html import escape

# The characters that start Markdown syntax in a line of text (attr_list's { } too);
# < and & are escaped as HTML first.
RENDERED = re.compile(r"([\\`*_\[\]{}#!])")
# In a file read as text: only what would change its meaning, and no HTML entities.
DOWNLOADED = re.compile(r"([\\`*_\[\]<>|])")


def markdown_text(text: str) -> str:
    """Plain text inside Markdown that MkDocs renders (e.g. a heading): shown as written."""
    return RENDERED.sub(r"\\\1", escape(text, quote=False))


def download_text(text: str) -> str:
    """Plain text inside a Markdown file for download: shown as written by a Markdown viewer."""
    return DOWNLOADED.sub(r"\\\1", text)
