"""The search vocabulary: valid data, on every page, only in the index; bad
vocabulary stops the build at its line and keeps the previous site."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

VOCABULARY = ROOT / "overrides" / "data" / "search-vocabulary.yml"
QUERIES = ROOT / "tests" / "data" / "search_queries.yml"
LANGUAGES = ("sv", "en")


def vocabulary() -> dict:
    return yaml.safe_load(VOCABULARY.read_text("utf-8"))


def test_every_page_has_terms_in_both_languages():
    pages = sorted(p.relative_to(ROOT / "docs" / "sv").as_posix() for p in (ROOT / "docs" / "sv").rglob("*.md"))
    data = vocabulary()
    assert sorted(data) == pages, "add the missing pages to overrides/data/search-vocabulary.yml"
    for page, languages in data.items():
        for lang in LANGUAGES:
            assert len(languages[lang]) >= 10, (page, lang, "give readers' words, at least ten")


def test_reader_queries_are_not_copied_into_the_vocabulary():
    """The test queries measure the mechanism, so none is a vocabulary term as it stands."""
    queries = yaml.safe_load(QUERIES.read_text("utf-8"))
    for lang in LANGUAGES:
        terms = {" ".join(term.casefold().split()) for entry in vocabulary().values() for term in entry[lang]}
        copied = [entry["q"] for entry in queries[lang] if " ".join(entry["q"].casefold().split()) in terms]
        assert copied == [], lang


def _terms_element(path: Path) -> dict:
    match = re.search(r'<span class="search-terms"[^>]*>.*?</span></span>', path.read_text("utf-8"), re.S)
    assert match, path
    return {name: html.unescape(value) for name, value in re.findall(r'(data-[\w-]+)="([^"]*)"', match.group(0))}


def test_built_pages_carry_their_terms_only_for_the_index(built_site):
    for page, languages in vocabulary().items():
        for lang in LANGUAGES:
            folder = page[:-3].removesuffix("index").strip("/")
            built = built_site / ("en" if lang == "en" else "") / folder / "index.html"
            element = _terms_element(built)
            assert element["data-terms"] == ", ".join(languages[lang]), built
            assert element["data-pagefind-index-attrs"] == "data-terms"
            assert int(element["data-words"]) == len(element["data-terms"].split())
            text = built.read_text("utf-8")
            article = text[text.index("data-pagefind-body"):]
            # Before the title, inside the indexed article, with nothing a reader can see.
            assert article.index('class="search-terms"') < article.index("<h1")
            assert re.search(r'<span class="search-terms"[^>]*><span [^>]*></span></span>', text)


def test_words_file_per_language(built_site):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    for lang in LANGUAGES:
        data = json.loads((built_site / "pagefind" / f"words.{lang}.json").read_text("utf-8"))
        words = data["words"].split()
        assert words == sorted(set(words))
        assert data["pages"] == entry["languages"][lang]["page_count"]
        assert {"och", "att"} <= set(data["stop"]) if lang == "sv" else {"the", "and"} <= set(data["stop"])
    sv = set(json.loads((built_site / "pagefind" / "words.sv.json").read_text("utf-8"))["words"].split())
    en = set(json.loads((built_site / "pagefind" / "words.en.json").read_text("utf-8"))["words"].split())
    assert {"förskott", "a-conto", "conto", "förhandling"} <= sv  # page text and vocabulary
    assert {"prepayment", "retainer"} <= en and "förskott" not in en


# Bad vocabulary in a fixture site --------------------------------------------

GOOD = """\
topic.md:
  sv: [ämnesord, synonym]
  en: [topic word, synonym]
"""


def write(site, text: str) -> Path:
    path = site.root / "overrides" / "data" / "search-vocabulary.yml"
    path.write_text(text, encoding="utf-8")
    return path


def unknown_page(site):
    write(site, GOOD + "nope.md:\n  sv: [ord]\n  en: [word]\n")
    return r"overrides/data/search-vocabulary\.yml:4:1: unknown page 'nope\.md': there is no docs/sv/nope\.md, docs/en/nope\.md"


def empty_list(site):
    write(site, GOOD.replace("sv: [ämnesord, synonym]", "sv: []"))
    return r"overrides/data/search-vocabulary\.yml:2:\d+: topic\.md\.sv: the list is empty"


def duplicate_term(site):
    write(site, GOOD.replace("en: [topic word, synonym]", "en: [topic word, synonym,\n    Topic Word]"))
    return r"overrides/data/search-vocabulary\.yml:4:5: topic\.md\.en: duplicate term 'Topic Word' \(first at line 3\)"


def missing_language(site):
    write(site, GOOD.replace("  en: [topic word, synonym]\n", ""))
    return r"overrides/data/search-vocabulary\.yml:1:1: topic\.md: 'en' \(the English text\) is missing"


def blank_term(site):
    write(site, GOOD.replace("sv: [ämnesord, synonym]", "sv: [ämnesord, ' ']"))
    return r"overrides/data/search-vocabulary\.yml:2:\d+: topic\.md\.sv\[1\]: write each term as one non-blank line"


def unknown_language(site):
    write(site, GOOD + "  de: [Wort]\n")
    return r"overrides/data/search-vocabulary\.yml:4:3: topic\.md: unknown key 'de'; allowed keys here: en, sv"


def not_a_list(site):
    write(site, GOOD.replace("sv: [ämnesord, synonym]", "sv: ämnesord"))
    return r"overrides/data/search-vocabulary\.yml:2:\d+: topic\.md\.sv: expected array, found text 'ämnesord'"


def vocabulary_syntax_error(site):
    write(site, GOOD.replace("sv: [ämnesord, synonym]", "sv: [ämnesord, synonym"))
    return r"overrides/data/search-vocabulary\.yml:\d+:\d+: YAML syntax error"


BAD_VOCABULARY = [
    unknown_page, empty_list, duplicate_term, missing_language, blank_term, unknown_language, not_a_list,
    vocabulary_syntax_error,
]


@pytest.mark.parametrize("break_it", BAD_VOCABULARY, ids=lambda f: f.__name__)
def test_bad_vocabulary_is_rejected_and_site_kept(fixture_site, break_it):
    fixture_site.assert_rejected(break_it)


def test_fixture_vocabulary_reaches_the_index(fixture_site):
    write(fixture_site, GOOD)
    result = fixture_site.build()
    assert result.returncode == 0, result.stderr
    element = _terms_element(fixture_site.site / "en" / "topic" / "index.html")
    assert element["data-terms"] == "topic word, synonym"
    words = json.loads((fixture_site.site / "pagefind" / "words.sv.json").read_text("utf-8"))["words"].split()
    assert "ämnesord" in words and "topic" not in words
