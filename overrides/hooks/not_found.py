"""One 404 page per language: /404.html in Swedish, /en/404.html in English.

The i18n plugin builds each language into the same site folder, so every
language writes its 404.html to the root and the last one wins. Here the
default language's page is kept (in this build's state) and each other
language's is moved under its own folder.
"""

from __future__ import annotations

from pathlib import Path

from build_state import state_of
from site_languages import is_first_language, language_of


def on_post_build(config):
    site = Path(config.site_dir)
    page = site / "404.html"
    if not page.is_file():
        return
    state = state_of(config, "not_found")
    if is_first_language(config):
        state["default_page"] = page.read_text(encoding="utf-8")
        return
    _, prefix = language_of(config)
    (site / prefix).mkdir(exist_ok=True)
    page.replace(site / prefix / "404.html")
    if "default_page" in state:
        page.write_text(state.pop("default_page"), encoding="utf-8")
