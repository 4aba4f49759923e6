"""Abbreviations as tooltips, in the page's language.

The definitions (`*[NDA]: sekretessavtal`, read by the abbr extension) are in
overrides/snippets/abbreviations.<lang>.md, and every page gets the file of its
own language through pymdownx.snippets. MkDocs shares one Markdown
configuration between the languages, so snippets' `auto_append` would add the
same file to every page; this hook appends the include line of the page's
language instead. A missing file fails the build.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.abbreviations")

FOLDER = Path("overrides") / "snippets"
_missing_reported: set[Path] = set()


def _folder(config) -> Path:
    return Path(config.config_file_path).resolve().parent / FOLDER


def on_config(config):
    snippets = config.mdx_configs.setdefault("pymdownx.snippets", {})
    snippets["base_path"] = [str(_folder(config))]
    snippets["check_paths"] = True  # an include that points nowhere is an error, not a silent gap
    if "pymdownx.snippets" not in config.markdown_extensions:
        config.markdown_extensions.append("pymdownx.snippets")
    _missing_reported.clear()
    return config


def on_page_markdown(markdown, page, config, files):
    lang = getattr(page.file, "locale", None) or config.theme["language"]
    name = f"abbreviations.{lang}.md"
    path = _folder(config) / name
    if not path.is_file():
        if path not in _missing_reported:
            _missing_reported.add(path)
            log.error(
                f"{os.path.relpath(path)}: missing; create it with the {lang} abbreviations, "
                f"one a line: *[NDA]: what it stands for"
            )
        return markdown
    return f'{markdown}\n\n--8<-- "{name}"\n'
