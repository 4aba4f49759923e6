"""Every page needs valid front matter with a `description:` (search results, link previews).

MkDocs silently treats broken front matter as text; here it fails the build.

Also the one table of Open Graph locales (og:locale wants a region: sv_SE):
main.html reads `page_locale` (the language's og:locale, the other languages'
as alternates, the default language for hreflang x-default), and
guide_book.py asks og_locales() for its documents.
"""

from __future__ import annotations

import logging
import re

from build_state import state_of
from problems import report
from site_languages import language_of, site_languages
from source_position import locate
from strict_yaml import YamlError, load_text

log = logging.getLogger("mkdocs.hooks.page_meta")

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)(?:---|\.\.\.)[ \t]*\n", re.S)
OG_LOCALES = {"sv": "sv_SE", "en": "en_GB"}  # one per site language


def og_locale(config, lang: str) -> str:
    """The Open Graph locale of a language; a language without one is reported (once a build)."""
    if lang not in OG_LOCALES:
        missing = state_of(config, "page_meta").setdefault("missing_locales", set())
        if lang not in missing:
            missing.add(lang)
            report(log, "overrides/hooks/page_meta.py", f"no Open Graph locale for the language '{lang}'; add it to OG_LOCALES")
    return OG_LOCALES.get(lang, lang)


def og_locales(config, lang: str) -> tuple[str, list[str]]:
    """(og:locale of lang, og:locale:alternate of every other language of the site)."""
    others = [og_locale(config, other) for other in site_languages(config).all if other != lang]
    return og_locale(config, lang), others


def on_env(env, config, files):
    lang, _ = language_of(config)
    locale, alternates = og_locales(config, lang)
    env.globals["page_locale"] = {"og": locale, "og_alternates": alternates, "default": site_languages(config).default}
    return env


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
