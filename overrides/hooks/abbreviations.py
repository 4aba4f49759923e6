"""Abbreviations as tooltips, in the page's language.

The definitions (`*[NDA]: sekretessavtal`, read by the abbr extension) are in
overrides/snippets/abbreviations.<lang>.md, and every page gets the file of its
own language through pymdownx.snippets. MkDocs shares one Markdown
configuration between the languages, so snippets' `auto_append` would add the
same file to every page; this hook appends the include line of the page's
language instead. A missing file fails the build (reported once a build).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from build_state import state_of
from problems import report
from site_languages import page_language

log = logging.getLogger("mkdocs.hooks.abbreviations")

FOLDER = Path("overrides") / "snippets"


def _folder(config) -> Path:
    return Path(config.config_file_path).resolve().parent / FOLDER


def on_config(config):
    snippets = config.mdx_configs.setdefault("pymdownx.snippets", {})
    snippets["base_path"] = [str(_folder(config))]
    snippets["check_paths"] = True  # an include that points nowhere is an error, not a silent gap
    if "pymdownx.snippets" not in config.markdown_extensions:
        config.markdown_extensions.append("pymdownx.snippets")
    return config


def on_page_markdown(markdown, page, config, files):
    lang = page_language(page, config)
    name = f"abbreviations.{lang}.md"
    path = _folder(config) / name
    if not path.is_file():
        reported = state_of(config, "abbreviations").setdefault("missing", set())
        if path not in reported:
            reported.add(path)
            report(log, os.path.relpath(path), (
                f"missing; create it with the {lang} abbreviations, one a line: *[NDA]: what it stands for"
            ))
        return markdown
    return f'{markdown}\n\n--8<-- "{name}"\n'
