"""Fail the build on any `<!-- md:NAME … -->` marker that no hook replaced.

Hooks that own a marker (checklists.py: `md:checklist`, `md:checklists-all`; brief.py: `md:brief`;
share.py: `md:share-link`; dialogues.py: `md:practice`) run first and replace
theirs; whatever is left is a typo or a marker nobody renders.
"""

from __future__ import annotations

import logging
import re

from mkdocs.plugins import event_priority
from source_position import locate

log = logging.getLogger("mkdocs.hooks.markers")

LEFTOVER = re.compile(r"<!--\s*md:(?P<name>[^\s>]*?)(?=\s|-->)")


@event_priority(-90)
def on_page_markdown(markdown, page, config, files):
    for match in LEFTOVER.finditer(markdown):
        where = locate(page, match.group(0), markdown.count(match.group(0), 0, match.start()))
        log.error(
            f"{where}: unknown marker "
            f"'md:{match.group('name')}'; the known markers are <!-- md:checklist ID -->, "
            "<!-- md:checklists-all -->, <!-- md:brief -->, <!-- md:share-link --> and <!-- md:practice -->"
        )
    return markdown
