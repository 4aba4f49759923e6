"""Every page needs valid front matter with a `description:` (search results, link previews).

MkDocs silently treats broken front matter as text; here it fails the build.
"""

from __future__ import annotations

import logging
import re

from problems import report
from source_position import locate
from strict_yaml import YamlError, load_text

log = logging.getLogger("mkdocs.hooks.page_meta")

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)(?:---|\.\.\.)[ \t]*\n", re.S)


def on_page_markdown(markdown, page, config, files):
    where = locate(page, "")
    match = FRONT_MATTER.match(page.file.content_string)
    if match and FRONT_MATTER.match(markdown):  # MkDocs left it in the text: unreadable
        try:
            load_text(match["yaml"], where)
            report(log, where, "the front matter could not be read")
        except YamlError as error:
            path = where.rsplit(":", 2)[0]
            report(log, f"{path}:{error.problem.line + 1}:{error.problem.column}", (
                f"front matter: {error.problem.message} (put text that contains ': ' in double quotes)"
            ))
    elif not str(page.meta.get("description", "")).strip():
        report(log, where, "add 'description: one sentence' to the page's front matter")
    return markdown
