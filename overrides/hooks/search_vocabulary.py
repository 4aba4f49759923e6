"""Search vocabulary: the words readers use for a page, given to Pagefind only.

overrides/data/search-vocabulary.yml lists, per page and language, the
synonyms, everyday words and jargon readers type for what the page covers.
It must match search-vocabulary.schema.json; an unknown page, an empty list,
a term twice on one page or a missing language fails the build at its line.

Each page's terms go into its article as one attribute Pagefind indexes
(data-pagefind-index-attrs) on an empty element before the title: searchable
and weighted, never shown, printed, read aloud or seen by other search
engines. The same element carries the page description and the number of
index words the terms take, for the excerpts of search.js.

The file is loaded and checked once a build (the first language's on_config
reports its problems); every language reads it from this build's state.
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path

from problems import Problem, load_once
from schema_check import load_data
from site_languages import page_language, site_languages

log = logging.getLogger("mkdocs.hooks.search_vocabulary")

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
VOCABULARY_FILE = DATA_DIR / "search-vocabulary.yml"
SCHEMA_FILE = DATA_DIR / "search-vocabulary.schema.json"
WEIGHT = 5  # Pagefind's scale: body text 1, h3 5, h2 6, h1 7


def _fold(term: str) -> str:
    return " ".join(term.casefold().split())


def _duplicates(doc, data: dict) -> list[Problem]:
    problems = []
    for page, languages in data.items():
        for lang, terms in languages.items():
            seen = {}
            for index, term in enumerate(terms):
                key = _fold(term)
                if not key or "\n" in term.strip():
                    problems.append(doc.problem(
                        [page, lang, index], f"{page}.{lang}[{index}]: write each term as one non-blank line"
                    ))
                    continue
                if key in seen:
                    first = doc.position([page, lang, seen[key]])[0]
                    problems.append(doc.problem(
                        [page, lang, index],
                        f"{page}.{lang}: duplicate term '{term}' (first at line {first}); remove one",
                    ))
                seen.setdefault(key, index)
    return problems


def _unknown_pages(doc, data: dict, docs_dir: Path, languages: tuple[str, ...]) -> list[Problem]:
    problems = []
    for page in data:
        missing = [lang for lang in languages if not (docs_dir / lang / page).is_file()]
        if missing:
            where = ", ".join(f"docs/{lang}/{page}" for lang in missing)
            problems.append(doc.problem(
                [page], f"unknown page '{page}': there is no {where}; use the page's path under docs/<language>/"
            ))
    return problems


def load_vocabulary(
    docs_dir: Path, languages: tuple[str, ...], path: Path = VOCABULARY_FILE
) -> tuple[dict, list[Problem]]:
    """{page path: {language: [terms]}} and the problems found. No file: no vocabulary."""
    if not path.is_file():
        return {}, []
    doc, problems = load_data(path, SCHEMA_FILE, example_id="prepayment.md")
    if doc is None:
        return {}, problems
    data = doc.data or {}
    problems = _unknown_pages(doc, data, docs_dir, languages) + _duplicates(doc, data)
    return ({} if problems else data), problems


def render(terms: list[str], description: str) -> str:
    """The element Pagefind reads: terms as an indexed attribute, nothing visible."""
    text = " ".join(", ".join(" ".join(term.split()) for term in terms).split())
    words = len(text.split())
    return (
        f'<span class="search-terms" data-pagefind-weight="{WEIGHT}" '
        f'data-pagefind-meta="skip[data-words], description[data-description]" '
        f'data-words="{words}" data-description="{escape(description)}">'
        f'<span data-pagefind-index-attrs="data-terms" data-terms="{escape(text)}"></span></span>'
    )


# MkDocs events --------------------------------------------------------------



def build_vocabulary(config) -> dict:
    """This build's vocabulary, loaded once (its problems reported then)."""
    return load_once(log, config, "search_vocabulary", lambda: load_vocabulary(Path(config.docs_dir), site_languages(config).all))[0]


def on_config(config):
    build_vocabulary(config)


def on_page_content(html, page, config, files):
    lang = page_language(page, config)
    path = page.file.src_uri
    if path.startswith(f"{lang}/"):
        path = path[len(lang) + 1:]
    terms = build_vocabulary(config).get(path, {}).get(lang)
    description = (page.meta or {}).get("description") or config.site_description or ""
    return render(terms or [], str(description)) + html
