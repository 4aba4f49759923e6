"""The house style, checked over the built text of every page.

The banned variants are read from the README's house style table (the
"never" column: `sv: e-post*, ladda* ned; en: per cent`; `*` stands for the
rest of a word), so the table and the test cannot drift apart. Quotes:
Swedish ”…” (and ’…’ inside), never "…", “…” or «…»; English ‘…’, with “…”
only inside a single-quoted quotation, never "…" or '…'. Percentages:
"procent" in Swedish text, "%" in English.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from test_spelling import article_text, page_language, site_pages

TABLE_ROW = re.compile(r"^\|(?P<cells>.*)\|\s*$")


def house_style() -> list[dict[str, str]]:
    """The README's house style table, one dict per row (keys: the header cells)."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().lower().startswith("| term | swedish | english | never"))
    header = [cell.strip().lower() for cell in lines[start].strip().strip("|").split("|")]
    rows = []
    for line in lines[start + 2 :]:
        if not TABLE_ROW.match(line):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        rows.append(dict(zip(header, cells, strict=False)))
    return rows


def banned_variants() -> dict[str, list[str]]:
    """language -> banned variants from the "never" column (`sv: a, b; en: c`)."""
    banned: dict[str, list[str]] = {"sv": [], "en": []}
    for row in house_style():
        for part in row.get("never", "").replace("`", "").replace("\\*", "*").split(";"):
            lang, _, words = part.partition(":")
            if lang.strip() in banned:
                banned[lang.strip()] += [word.strip() for word in words.split(",") if word.strip()]
    return banned


def variant_pattern(variant: str) -> re.Pattern:
    """A banned variant as a whole-word, case-insensitive pattern; `*` is the rest of a word."""
    body = r"\s+".join(re.escape(word).replace(r"\*", r"[\w’-]*") for word in variant.split())
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.I)


QUOTES = {
    "sv": [
        (re.compile(r'"'), 'straight quote "; Swedish quotes are ”…”'),
        (re.compile(r"[“„«»]"), "English or continental quote mark; Swedish quotes are ”…”"),
        (re.compile(r"(?<![\w’])'|'(?![\w’])"), "straight single quote; Swedish uses ’…’ inside ”…”"),
        (re.compile(r"\d\s*%"), "'%' in Swedish text; write 'procent'"),
    ],
    "en": [
        (re.compile(r'"'), "straight quote \"; English quotes are ‘…’"),
        (re.compile(r"'"), "straight apostrophe or quote '; use ’ or ‘…’"),
        (re.compile(r"[„«»]"), "continental quote mark; English quotes are ‘…’"),
        (re.compile(r"\bper\s+cent\b|\bpercent\b", re.I), "'per cent'; write '%' (20%)"),
    ],
}


def nested_double_quotes(text: str) -> list[str]:
    """English “…” outside a single-quoted quotation (in the same paragraph)."""
    problems = []
    for paragraph in text.split("\n"):
        for match in re.finditer(r"[“”]", paragraph):
            if "‘" not in paragraph[: match.start()]:
                problems.append(f"double quote mark outside ‘…’; English quotes are ‘…’: …{paragraph[max(match.start() - 30, 0):match.end() + 30]}…")
                break
    return problems


def style_problems(text: str, lang: str, banned: dict[str, list[str]]) -> list[str]:
    """Every house-style fault in one language's text."""
    problems = []
    for variant in banned.get(lang, []):
        for match in variant_pattern(variant).finditer(text):
            problems.append(f"'{match.group(0)}' is never used (house style table: {variant})")
    for pattern, message in QUOTES[lang]:
        for match in pattern.finditer(text):
            problems.append(f"{message}: …{text[max(match.start() - 30, 0):match.end() + 30]}…".replace("\n", " "))
    if lang == "en":
        problems += nested_double_quotes(text)
    return problems


@pytest.fixture(scope="session")
def banned():
    variants = banned_variants()
    assert len(variants["sv"]) >= 5 and len(variants["en"]) >= 5, "the README's house style table lost its never column"
    return variants


def test_every_page_follows_the_house_style(built_site, banned):
    problems = []
    for path in site_pages(built_site):
        page = path.relative_to(built_site).as_posix()
        texts = article_text(path.read_text(encoding="utf-8"), page_language(built_site, path))
        for lang, text in texts.items():
            problems += [f"{page}: {problem}" for problem in style_problems(text, lang, banned)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("sv", "Skicka ett e-postmeddelande.", "e-post*"),
        ("sv", "Du kan ladda ned mallen.", "ladda* ned"),
        ("sv", "Hen laddade ned den.", "ladda* ned"),
        ("sv", "Svara inte med ett kalt nej.", "kalt nej"),
        ("sv", 'Kunden sa "nej".', "straight quote"),
        ("sv", "Kunden sa “nej”.", "English or continental"),
        ("sv", "Höj med 20 %.", "'%' in Swedish"),
        ("en", "Raise it by 20 per cent.", "per cent"),
        ("en", 'The client said "no".', "straight quote"),
        ("en", "The client said “no”.", "double quote mark outside"),
        ("en", "Send an e-mail.", "e-mail"),
    ],
)
def test_the_style_check_finds_a_fault(banned, lang, text, expected):
    problems = style_problems(text, lang, banned)
    assert any(expected in problem for problem in problems), problems


def test_the_style_check_accepts_house_style(banned):
    assert style_problems("Kunden sa ”nej” i ett mejl, och du svarade med 20 procent.", "sv", banned) == []
    assert style_problems("The client’s reply was ‘no, it’s “final”’, by email, 20% off.", "en", banned) == []
    assert style_problems("Ladda ner mallen, de ska mötas halvvägs.", "sv", banned) == []


def test_the_table_names_a_swedish_and_english_form_for_every_term():
    for row in house_style():
        assert row.get("term") and row.get("swedish") and row.get("english"), row
