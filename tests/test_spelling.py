"""Spell check of the rendered site with Hunspell, each text in its own language.

The text of every built page's article (headings, paragraphs, dialogues,
checklists, abbreviation titles; not code, nor addresses marked translate="no") is checked with the dictionary of its
language: the page's `lang`, or the `lang` of an element inside it (an English
term marked `*scope*{ lang=en }` on a Swedish page is checked in English).
Words the dictionaries lack but the site rightly uses are in the reviewed word
lists tests/wordlist.<lang>.txt; any other unknown word fails with its page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT

# Debian packages: hunspell, hunspell-sv (sv_SE), hunspell-en-gb (en_GB).
# British dictionary: the English pages use British spelling (roubles, flat, analyse).
DICTIONARIES = {"sv": "sv_SE", "en": "en_GB"}
UTF8 = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
SKIPPED_TAGS = {"script", "style", "code", "pre", "svg"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def word_list(lang: str) -> set[str]:
    """Entries of tests/wordlist.<lang>.txt: one word a line, '#' starts a comment."""
    path = ROOT / "tests" / f"wordlist.{lang}.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return words


def accepted(word: str, words: set[str]) -> bool:
    """A listed word, also capitalised at the start of a sentence."""
    return word in words or (word[:1].isupper() and word[:1].lower() + word[1:] in words)


class ArticleText(HTMLParser):
    """The visible text of <article>, grouped by language."""

    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = []  # (tag, lang, skipped)
        self.page_lang = page_lang
        self.in_article = 0
        self.text: dict[str, list[str]] = {}

    def _lang(self) -> str:
        return self.stack[-1][1] if self.stack else self.page_lang

    def _skipped(self) -> bool:
        return bool(self.stack) and self.stack[-1][2]

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "article":
            self.in_article += 1
        lang = (values.get("lang") or self._lang()).split("-")[0]
        classes = (values.get("class") or "").split()
        skipped = (
            self._skipped()
            or tag in SKIPPED_TAGS
            or "headerlink" in classes
            or values.get("translate") == "no"  # addresses and file names
        )
        if self.in_article and not skipped and tag == "abbr" and values.get("title"):
            self.text.setdefault(lang, []).append(values["title"])
        if tag not in VOID_TAGS:
            self.stack.append((tag, lang, skipped))

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag == "article":
            self.in_article -= 1

    def handle_data(self, data):
        if self.in_article and not self._skipped() and data.strip():
            self.text.setdefault(self._lang(), []).append(data)


def page_language(site: Path, path: Path) -> str:
    return "en" if path.relative_to(site).parts[0] == "en" else "sv"


def article_text(html: str, page_lang: str) -> dict[str, str]:
    """language -> the article's text in that language."""
    parser = ArticleText(page_lang)
    parser.feed(html)
    return {lang: "\n".join(chunks) for lang, chunks in parser.text.items()}


def hunspell_unknown(text: str, lang: str, personal: Path) -> list[str]:
    """Words of text that Hunspell's dictionary for lang does not know, in order, once each.

    sv_SE counts '.' as a word character (for "t.ex."), so a word ending a
    sentence comes back with its full stop; it is dropped here.
    """
    text = re.sub(r"’(?![^\W\d_])|‘", " ", text)  # quotation marks, not apostrophes (don’t)
    result = subprocess.run(
        ["hunspell", "-d", DICTIONARIES[lang], "-p", str(personal), "-i", "UTF-8", "-l"],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **UTF8},
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
    return list(dict.fromkeys(word.rstrip(".") for word in result.stdout.split()))


@pytest.fixture(scope="session")
def personal_dictionary(tmp_path_factory) -> Path:
    """An empty personal dictionary, so no one's ~/.hunspell_* can hide a misspelling.

    Without Hunspell or a dictionary the spell check is skipped, and fails in CI.
    """
    path = tmp_path_factory.mktemp("hunspell") / "empty.dic"
    path.write_text("", encoding="utf-8")
    problem = "" if shutil.which("hunspell") else "hunspell not found; install Debian's 'hunspell'"
    for dictionary in DICTIONARIES.values() if not problem else ():
        probe = subprocess.run(
            ["hunspell", "-d", dictionary, "-p", str(path), "-l"],
            input="test\n",
            capture_output=True,
            text=True,
            env={**os.environ, **UTF8},
        )
        if probe.returncode != 0 or probe.stderr.strip():
            problem = f"Hunspell dictionary {dictionary} missing ({probe.stderr.strip()}); see APT_PACKAGES in scripts/dev.py"
            break
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)
    return path


def site_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if path.relative_to(site).parts[0] not in ("assets", "search"))


@pytest.fixture(scope="session")
def unknown_words(built_site, personal_dictionary) -> dict[str, dict[str, list[str]]]:
    """language -> page -> words Hunspell does not know."""
    found: dict[str, dict[str, list[str]]] = {lang: {} for lang in DICTIONARIES}
    for path in site_pages(built_site):
        page = path.relative_to(built_site).as_posix()
        texts = article_text(path.read_text(encoding="utf-8"), page_language(built_site, path))
        for lang, text in texts.items():
            assert lang in DICTIONARIES, f"{page}: text marked lang={lang!r}, which has no dictionary"
            words = hunspell_unknown(text, lang, personal_dictionary)
            if words:
                found[lang][page] = words
    return found


def test_every_page_is_spelled_correctly(built_site, unknown_words):
    assert len(site_pages(built_site)) >= 30
    problems = []
    for lang, pages in unknown_words.items():
        words = word_list(lang)
        for page, unknown in pages.items():
            for word in unknown:
                if not accepted(word, words):
                    problems.append(f"{page}: unknown {lang} word '{word}'")
    assert not problems, (
        "\n".join(problems) + "\nFix the spelling in the page (docs/ or overrides/data/), "
        "or, for a real term, add it to tests/wordlist.<lang>.txt."
    )


def test_word_lists_hold_only_words_the_site_needs(unknown_words):
    for lang in DICTIONARIES:
        used = {word for words in unknown_words[lang].values() for word in words}
        unused = [word for word in sorted(word_list(lang)) if not any(accepted(u, {word}) for u in used)]
        assert not unused, f"tests/wordlist.{lang}.txt: remove {unused}: the dictionary knows them or no page uses them"


def test_the_spell_check_finds_a_misspelling(personal_dictionary):
    assert hunspell_unknown("Kunden betalar förskot.", "sv", personal_dictionary) == ["förskot"]
    assert hunspell_unknown("The client pays in advanse.", "en", personal_dictionary) == ["advanse"]
    assert hunspell_unknown("Åtta förhandlingar på två år.", "sv", personal_dictionary) == []
    assert hunspell_unknown("She said ‘don’t sell’.", "en", personal_dictionary) == []


def test_text_is_taken_from_the_article_in_each_language():
    html = (
        '<html lang="sv"><body><nav>Menyn</nav><article>'
        '<h2 id="x">Rubrik<a class="headerlink" href="#x">#</a></h2>'
        '<p>Kort om <em lang="en">scope</em> och <abbr title="sekretessavtal">NDA</abbr>.<br>Slut</p>'
        "<pre><code>print(1)</code></pre></article><footer>Sidfot</footer></body></html>"
    )
    texts = article_text(html, "sv")
    assert texts["en"].split() == ["scope"]
    assert texts["sv"].split() == ["Rubrik", "Kort", "om", "och", "sekretessavtal", "NDA", ".", "Slut"]
