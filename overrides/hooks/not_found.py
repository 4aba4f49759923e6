"""One 404 page per language: /404.html in Swedish, /en/404.html in English.

The i18n plugin builds each language into the same site folder, so every
language writes its 404.html to the root and the last one wins. Here the
default language's page is kept and each other language's is moved under its
own folder.
"""

from __future__ import annotations

from pathlib import Path

_default_page: dict[str, str] = {}


def on_post_build(config):
    site = Path(config.site_dir)
    page = site / "404.html"
    if not page.is_file():
        return
    i18n = config.plugins["i18n"]
    language = i18n.current_language
    if language == i18n.default_language:
        _default_page[config.site_dir] = page.read_text(encoding="utf-8")
        return
    (site / language).mkdir(exist_ok=True)
    page.replace(site / language / "404.html")
    if config.site_dir in _default_page:
        page.write_text(_default_page.pop(config.site_dir), encoding="utf-8")
