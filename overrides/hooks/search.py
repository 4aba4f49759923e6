"""Full-text search with Pagefind: one index per language, built once.

Pagefind reads each page's <html lang> and writes a separate index per
language, with that language's stemming, to site/pagefind/. Only the text
inside `data-pagefind-body` (the page content, see main.html) is indexed.

The i18n plugin builds the other languages in nested builds inside the
default language's on_post_build (priority -100). This runs after it and
only when the outermost build ends, so Pagefind sees the whole site once.

The labels of the search dialog (partials/search.html) are in LABELS.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.search")

# Not indexed: the "#" permalinks of headings, and what Material's search
# would skip too (data-search-exclude; Pagefind's own is data-pagefind-ignore).
EXCLUDE = ".headerlink, [data-search-exclude]"

# Pagefind's own search interfaces; the site has its own dialog (search.js).
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-highlight.js",
)

LABELS = {
    "sv": {
        "open": "Sök",
        "dialog": "Sök på webbplatsen",
        "input": "Sökord",
        "placeholder": "Skriv ett ord, till exempel förskott",
        "close": "Stäng sökningen",
        "results": "Sökträffar",
        "hint": "Skriv minst två bokstäver. Pilarna flyttar mellan träffarna, Enter öppnar och Esc stänger.",
        "loading": "Sökningen laddas …",
        "none": "Inga träffar för ”{query}”. Pröva ett annat ord.",
        "one": "1 sida hittades för ”{query}”.",
        "other": "{count} sidor hittades för ”{query}”.",
        "failed": "Sökningen gick inte att ladda. Ladda om sidan och försök igen.",
    },
    "en": {
        "open": "Search",
        "dialog": "Search this site",
        "input": "Search terms",
        "placeholder": "Type a word, for example prepayment",
        "close": "Close search",
        "results": "Search results",
        "hint": "Type at least two letters. Arrow keys move between results, Enter opens one, Esc closes.",
        "loading": "Loading search …",
        "none": "Nothing found for “{query}”. Try another word.",
        "one": "1 page found for “{query}”.",
        "other": "{count} pages found for “{query}”.",
        "failed": "Search could not be loaded. Reload the page and try again.",
    },
}


def on_env(env, config, files):
    env.globals["search_labels"] = LABELS
    return env


@event_priority(-200)  # after the i18n plugin's on_post_build
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # a nested one-language build; the outermost build indexes them all
    command = [
        sys.executable, "-m", "pagefind",
        "--site", config.site_dir,
        "--exclude-selectors", EXCLUDE,
        "--quiet",
    ]
    try:
        # From the project folder, so a pagefind.yml there applies
        project = Path(config.config_file_path).parent
        result = subprocess.run(command, capture_output=True, text=True, cwd=project)
    except OSError as error:
        log.error(f"search: could not run Pagefind ({error}); install requirements.txt")
        return
    if result.returncode != 0:
        output = " ".join((result.stderr or result.stdout).split())
        if "No module named pagefind" in output:
            output = "Pagefind is not installed; run pip install -r requirements.txt"
        log.error(f"search: Pagefind failed to index {config.site_dir}: {output}")
        return
    for line in (result.stdout + result.stderr).splitlines():
        if line.strip():  # with --quiet Pagefind prints only warnings
            log.warning(f"search: Pagefind: {line.strip()}")
    bundle = Path(config.site_dir) / "pagefind"
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    languages = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))["languages"]
    counts = ", ".join(f"{info['page_count']} pages in {lang}" for lang, info in sorted(languages.items()))
    log.info(f"search: Pagefind indexed {counts}")
