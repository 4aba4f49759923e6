"""Non-breaking spaces where Swedish and British typography want them, so writers never type them.

In the text of every built page (never inside code, scripts, styles or
attributes, so addresses are untouched) a space becomes a no-break space
(U+00A0) between:

- the groups of a number written with spaces: "50 000", "1 000 000";
- a number and the unit or count word after it: "15 minuter", "20 procent",
  "5 days", "15,000 roubles", "20 %" (the words in UNITS, per language);
- a word's letters and a straight apostrophe between them become ’ ("don’t").

`typeset(html, lang)` is a pure str -> str step; `text_problems(text, lang)`
finds the breakable spaces it would have fixed (tests/test_typography.py).
"""

from __future__ import annotations

import re

from site_languages import page_language

NBSP = "\u00a0"
SKIPPED = ("code", "pre", "kbd", "samp", "textarea", "svg", "title")
UNITS = {
    "sv": (
        "procent %  sekund sekunder minut minuter timme timmar dag dagar vecka veckor "
        "månad månader år gång gånger rubel kronor kr tecken ord sidor sida "
        "ändringsrundor ändringsrunda etapper steg frågor"
    ),
    "en": (
        "% second seconds minute minutes hour hours day days week weeks month months "
        "year years time times rouble roubles characters words pages page rounds "
        "stages steps questions"
    ),
}
# A whole script or style element, a comment, a tag, or a run of text between tags.
TOKEN = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<[^>]*>|[^<]+", re.S | re.I)
THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})((?: \d{3})+)(?![\d])")
APOSTROPHE = re.compile(r"(?<=[A-Za-zÅÄÖåäö])(?:'|&#x27;|&#39;)(?=[A-Za-zÅÄÖåäö])")


def _unit_pattern(lang: str) -> re.Pattern:
    words = sorted(UNITS.get(lang, UNITS["en"]).split(), key=len, reverse=True)
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"(?<=\d) (?=(?:{alternatives})(?![\wÅÄÖåäö]))", re.I)


_UNIT = {lang: _unit_pattern(lang) for lang in UNITS}


def typeset_text(text: str, lang: str) -> str:
    """One text node: thousands, number + unit, apostrophes."""
    text = THOUSANDS.sub(lambda m: m[1] + m[2].replace(" ", NBSP), text)
    text = _UNIT.get(lang, _UNIT["en"]).sub(NBSP, text)
    return APOSTROPHE.sub("\u2019", text)


def text_problems(text: str, lang: str) -> list[str]:
    """The places in plain text where a line could break that typography forbids."""
    found = [m.group(0) for m in THOUSANDS.finditer(text)]
    found += [text[max(m.start() - 6, 0) : m.end() + 8].strip() for m in _UNIT.get(lang, _UNIT["en"]).finditer(text)]
    return found


def _tag_name(tag: str) -> tuple[str, bool]:
    match = re.match(r"<\s*(/?)\s*([a-zA-Z0-9]+)", tag)
    return (match[2].lower(), bool(match[1])) if match else ("", False)


def typeset(html: str, lang: str) -> str:
    """The page's HTML with its text typeset; tags, attributes, code and scripts untouched."""
    out, skipping, in_body = [], [], False
    for match in TOKEN.finditer(html):
        token = match.group(0)
        if match.group(1):  # a whole script or style element
            out.append(token)
        elif token.startswith("<"):
            name, closing = _tag_name(token)
            if name == "body" and not closing:
                in_body = True
            elif name in SKIPPED and not token.endswith("/>"):
                if not closing:
                    skipping.append(name)
                elif name in skipping:
                    del skipping[len(skipping) - 1 - skipping[::-1].index(name) :]
            out.append(token)
        else:
            if in_body and not skipping:
                _join_across_tags(out, token, lang)
                token = typeset_text(token, lang)
            out.append(token)
    return "".join(out)


INLINE_TAG = re.compile(r"<(?:a|em|strong|abbr|span|b|i)\b[^>]*>$", re.I)


def _join_across_tags(out: list[str], text: str, lang: str) -> None:
    """'5 <a>rubel</a>': a number ending the text before inline tags keeps its unit."""
    tags = 0
    while tags < len(out) and INLINE_TAG.match(out[-1 - tags]):
        tags += 1
    before = len(out) - 1 - tags
    if tags and before >= 0 and re.search(r"\d $", out[before]):
        if _UNIT.get(lang, _UNIT["en"]).match("0 " + text, 1):
            out[before] = out[before][:-1] + NBSP


def on_post_page(output, page, config):
    return typeset(output, page_language(page, config))
