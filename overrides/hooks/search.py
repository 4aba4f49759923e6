"""Full-text search with Pagefind: one index per language, built once.

Pagefind reads each page's <html lang> and writes a separate index per
language, with that language's stemming, to site/pagefind/. Only the text
inside `data-pagefind-body` (the page content, see main.html) is indexed.

The i18n plugin builds the other languages in nested builds inside the
default language's on_post_build (priority -100). This runs after it and
only when the outermost build ends, so Pagefind sees the whole site once.

The labels of the search dialog (partials/header.html, partials/search.html)
are the group `search` of overrides/data/labels.yml; templates read them as
labels.search["key"]. `search_dialog` tells the templates that this hook is on.
"""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.plugins import event_priority
from problems import report
from site_languages import is_outermost

log = logging.getLogger("mkdocs.hooks.search")

# Not indexed: the "#" permalinks of headings, what Material's search would
# skip too (data-search-exclude; Pagefind's own is data-pagefind-ignore), and
# the labels of right/wrong dialogues, so excerpts show their prose.
EXCLUDE_CLASSES = ("headerlink", "dialogue__verdict", "dialogue__speaker")
EXCLUDE = ", ".join(f".{name}" for name in EXCLUDE_CLASSES) + ", [data-search-exclude]"

# The words file of each language (pagefind/words.<lang>.json), loaded by
# search.js with the index on first search: every word the index holds, for
# splitting compounds and correcting misspellings, and the stop words left
# out of questions.
WORDS_FILE = "words.{lang}.json"
STOP_WORDS = {
    "sv": """
        alla allt att av bara blir bli de dem den denna denne dess det detta dig din dina ditt du där då efter
        eftersom eller en er era ert ett finns från för ha hade har hen hon honom hos hur här i ibland icke
        inte jag ju kan kanske kommer kunde man med mej mig min mina mitt mot mycket många ni nu när någon något
        några och om oss på sa sade samma sedan sig sin sina sitt själv ska skall skulle som så till under upp
        ut utan vad var vara varför varit vart vem vi vid vilka vilken vilket våra vår vårt åt än är
        ännu över hej tack snälla typ liksom väl också ens få gör göra gjorde fick kunna måste borde egentligen
        """.split(),
    "en": """
        a about after again all am an and any are as at be because been before being but by can could did do
        does doing don't down for from get gets got had has have having he her here hers him his how i i'm
        if in into is isn't it it's its just me might more most must my no nor not of off on once only or other
        our out over own please same she should so some such than that the their them then there these they
        this those through to too very was we were what when where which while who whom why will with would
        you your you're yours can't won't doesn't didn't i've i'd let lets really actually hi thanks many much lot lots
        """.split(),
}
# Endings of inflected forms: a query word that is an indexed word plus one of
# these is left to Pagefind's stemming, not split as a compound.
ENDINGS = {
    "sv": "a ad ade ande ar are arna arnas ars at e ens er erna ernas ers et ets n na nas or orna ornas r s t".split(),
    "en": "d ed er ers es ing ings ly s 's".split(),
}
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

# Pagefind's own search interfaces; the site has its own dialog (search.js).
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-highlight.js",
)

def on_env(env, config, files):
    env.globals["search_dialog"] = True  # the header's button and the dialog (labels: labels.search)
    return env


@event_priority(-200)  # after the i18n plugin's on_post_build
def on_post_build(config):
    if not is_outermost(config):
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
        report(log, "search", f"could not run Pagefind ({error}); install requirements.txt")
        return
    if result.returncode != 0:
        output = " ".join((result.stderr or result.stdout).split())
        if "No module named pagefind" in output:
            output = "Pagefind is not installed; run pip install -r requirements.txt"
        report(log, "search", f"Pagefind failed to index {config.site_dir}: {output}")
        return
    for line in (result.stdout + result.stderr).splitlines():
        if line.strip():  # with --quiet Pagefind prints only warnings
            report(log, "search", f"Pagefind: {line.strip()}")
    bundle = Path(config.site_dir) / "pagefind"
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    for lang, words in indexed_words(Path(config.site_dir)).items():
        data = {
            "pages": languages_page_count(bundle).get(lang, 0),
            "stop": sorted(STOP_WORDS.get(lang, [])),
            "endings": ENDINGS.get(lang, []),
            "words": " ".join(sorted(words)),
        }
        (bundle / WORDS_FILE.format(lang=lang)).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    languages = stable_entry(bundle / "pagefind-entry.json")
    counts = ", ".join(f"{info['page_count']} pages in {lang}" for lang, info in sorted(languages.items()))
    log.info(f"search: Pagefind indexed {counts}")


def stable_entry(entry: Path) -> dict:
    """Pagefind lists the languages in pagefind-entry.json in a different order each run; sorted,
    the same site gives the same file, so the offline cache (offline.py hashes it) keeps its name."""
    data = json.loads(entry.read_text("utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, separators=(",", ":")), "utf-8")
    return data["languages"]


def languages_page_count(bundle: Path) -> dict[str, int]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    return {lang: info["page_count"] for lang, info in entry["languages"].items()}


# The words of the index ------------------------------------------------------


class _IndexedText(HTMLParser):
    """The language and indexed words of one page: data-pagefind-body without
    what EXCLUDE leaves out, plus data-pagefind-index-attrs attributes."""

    VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang, self.depth, self.skip, self.text = None, 0, 0, []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if not self.depth:
            self.depth = "data-pagefind-body" in values
            return
        for name in (values.get("data-pagefind-index-attrs") or "").split(","):
            self.text.append(values.get(name.strip()) or "")
        if tag in self.VOID:
            return
        self.depth += 1
        classes = (values.get("class") or "").split()
        excluded = any(name in classes for name in EXCLUDE_CLASSES)
        if self.skip or excluded or "data-search-exclude" in values or "data-pagefind-ignore" in values:
            self.skip += 1

    def handle_endtag(self, tag):
        if self.depth and tag not in self.VOID:
            self.depth -= 1
            self.skip = max(0, self.skip - 1) if self.skip else 0

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.text.append(data)


def indexed_words(site: Path) -> dict[str, set[str]]:
    """Every word (lowercase, and each part of a hyphenated word) indexed per language."""
    found: dict[str, set[str]] = {}
    for path in site.rglob("*.html"):
        parser = _IndexedText()
        parser.feed(path.read_text("utf-8"))
        if not parser.lang or not parser.text:
            continue
        words = found.setdefault(parser.lang, set())
        for word in WORD.findall(" ".join(parser.text).lower()):
            words.update(part for part in [word, *re.split(r"[-'’]", word)] if len(part) > 1)
    return found
