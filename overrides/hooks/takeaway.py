"""The takeaway box: three bullets at the top of every freelancer topic page.

A topic page is a page that carries its checklist (`<!-- md:checklist ID -->`).
Right after its `# Title` it must open with

    !!! abstract "I korthet"        (English: "In short")

        - first point
        - second point
        - third point

exactly three bullets, each one or two short lines. The title is the label
takeaway.title of overrides/data/labels.yml in the page's language. A missing or malformed box
fails the build at its file:line. The box may stand on other pages too, and is
checked there the same way.
"""

from __future__ import annotations

import logging
import re

from interface_labels import LABELS_FILE, labels, load_labels
from problems import report
from site_languages import page_language, site_languages
from source_position import display_path

log = logging.getLogger("mkdocs.hooks.takeaway")

BULLETS = 3
MAX_WORDS = 25  # per bullet: the box is read on a phone
TOPIC_MARKER = re.compile(r"<!--\s*md:checklist\s")
OPENING = re.compile(r'^!!!\s+abstract\s+"(?P<title>[^"]*)"\s*$')
FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.S)


def _body(lines: list[str], start: int) -> list[tuple[int, str]]:
    """The box's indented lines after line `start`, as (index, text without the indent)."""
    body = []
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if line.strip() and not line.startswith("    "):
            break
        body.append((index, line[4:]))
    while body and not body[-1][1].strip():
        body.pop()
    return body


def _bullets(body: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(bullets as (index, text), lines that are neither a bullet nor its continuation)."""
    bullets, stray = [], []
    for index, text in body:
        if text.startswith("- "):
            bullets.append((index, text[2:].strip()))
        elif text.startswith("  ") and text.strip() and bullets:
            bullets[-1] = (bullets[-1][0], f"{bullets[-1][1]} {text.strip()}")
        elif text.strip():
            stray.append((index, text))
    return bullets, stray


def titles_of(config) -> dict[str, str]:
    """The box's title in every language of the build."""
    return {lang: labels(config, "takeaway", lang)["title"] for lang in site_languages(config).all}


def file_titles() -> dict[str, str]:
    """The box's title per language straight from labels.yml, for a check outside a build."""
    return dict(load_labels(LABELS_FILE, ())[0].get("takeaway", {}).get("title", {}))


def box_problems(source: str, lang: str, required: bool, titles: dict[str, str] | None = None) -> list[tuple[int, str]]:
    """(line number, problem) for the takeaway box of one page's Markdown source.
    titles: the box's title per language (default: from labels.yml)."""
    titles = titles or file_titles()
    title = titles.get(lang) or next(iter(titles.values()), "")
    any_box = re.compile(r'^!!!\s+\w+\s+"(?:' + "|".join(re.escape(text) for text in titles.values()) + ')"')
    example = f'`!!! abstract "{title}"` and three indented `- ` bullets'
    lines = source.splitlines()
    heading = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if heading is None:
        return [(1, f"the page needs a '# Title' followed by the takeaway box ({example})")] if required else []
    first = next((i for i in range(heading + 1, len(lines)) if lines[i].strip()), None)
    opening = OPENING.match(lines[first]) if first is not None else None
    if not opening and first is not None and any_box.match(lines[first]):
        return [(first + 1, f"the takeaway box is an abstract admonition: {example}")]
    if not opening:
        elsewhere = [i for i, line in enumerate(lines) if any_box.match(line) and i != first]
        if elsewhere:
            return [(elsewhere[0] + 1, f"the takeaway box must come right after the '# Title' and open with {example}")]
        return [(heading + 2, f"add the takeaway box right after the title: {example}")] if required else []
    problems = []
    if opening["title"] != title:
        problems.append((first + 1, f"the takeaway box's title must be \"{title}\", not \"{opening['title']}\""))
    bullets, stray = _bullets(_body(lines, first))
    problems += [(i + 1, "the takeaway box holds only '- ' bullets, indented by four spaces") for i, _ in stray]
    if len(bullets) != BULLETS:
        problems.append((first + 1, f"the takeaway box needs exactly {BULLETS} bullets, found {len(bullets)}"))
    for index, text in bullets:
        words = len(text.split())
        if not words:
            problems.append((index + 1, "empty bullet in the takeaway box"))
        elif words > MAX_WORDS:
            problems.append((index + 1, f"takeaway bullet of {words} words; keep each under {MAX_WORDS + 1}"))
    return problems


def on_page_markdown(markdown, page, config, files):
    lang = page_language(page, config)
    source = page.file.content_string
    front = FRONT_MATTER.match(source)
    offset = source.count("\n", 0, front.end()) if front else 0
    body = source[front.end() :] if front else source
    required = bool(TOPIC_MARKER.search(body))
    path = display_path(page.file.abs_src_path)
    for line, problem in box_problems(body, lang, required, titles_of(config)):
        report(log, f"{path}:{line + offset}:1", problem)
    return markdown
