"""Right/wrong dialogues: a ```dialogue fence holding YAML, rendered as a comparison.

    ```dialogue
    context: One sentence on the situation (optional).
    wrong:
      - client: …
      - you: …
    right:
      - client: …
      - you: …
    why: Why the right version works.
    ```

The verdict is said in words and with an icon, in the page's language.
"""

from __future__ import annotations

import logging
from html import escape

from source_position import locate
from strict_yaml import YamlError, load_text

log = logging.getLogger("mkdocs.hooks.dialogues")

LABELS = {
    "sv": {
        "dialogue": "Exempel på samtal",
        "wrong": "Fel sätt",
        "right": "Rätt sätt",
        "why": "Därför fungerar det",
        "client": "Kunden",
        "you": "Du",
    },
    "en": {
        "dialogue": "Example conversation",
        "wrong": "Wrong way",
        "right": "Right way",
        "why": "Why it works",
        "client": "Client",
        "you": "You",
    },
}
ICONS = {"wrong": "✗", "right": "✓"}
KEYS = {"context": False, "wrong": True, "right": True, "why": True}
SPEAKERS = ("client", "you")

# The page being rendered, for its language (labels) and source file (errors).
_page = {"lang": "sv", "page": None}


def _problems(data) -> list[str]:
    if not isinstance(data, dict):
        return ["the block must be a mapping with the keys wrong, right and why"]
    problems = [f"unknown key '{key}'; allowed: {', '.join(KEYS)}" for key in data if key not in KEYS]
    problems += [f"'{key}' is missing" for key, required in KEYS.items() if required and key not in data]
    for key in ("context", "why"):
        if key in data and not (isinstance(data[key], str) and data[key].strip()):
            problems.append(f"'{key}' must be a non-empty text")
    for side in ("wrong", "right"):
        turns = data.get(side)
        if side in data and not (isinstance(turns, list) and turns):
            problems.append(f"'{side}' must be a non-empty list of turns")
            continue
        for number, turn in enumerate(turns or [], 1):
            valid = (
                isinstance(turn, dict)
                and len(turn) == 1
                and next(iter(turn)) in SPEAKERS
                and isinstance(next(iter(turn.values())), str)
            )
            if not valid:
                problems.append(f"'{side}' turn {number} must be '- client: text' or '- you: text'")
    return problems


def _side(side: str, turns: list, labels: dict) -> str:
    lines = [
        f'<div class="dialogue__side dialogue__side--{side}">',
        f'<p class="dialogue__verdict"><span class="dialogue__icon" aria-hidden="true">'
        f"{ICONS[side]}</span> {labels[side]}</p>",
        '<dl class="dialogue__turns">',
    ]
    for turn in turns:
        (speaker, text), = turn.items()
        lines.append(f'<dt class="dialogue__speaker dialogue__speaker--{speaker}">{labels[speaker]}</dt>')
        lines.append(f"<dd>{escape(text)}</dd>")
    lines += ["</dl>", "</div>"]
    return "\n".join(lines)


def render(data: dict, lang: str) -> str:
    labels = LABELS[lang]
    html = [f'<figure class="dialogue" aria-label="{labels["dialogue"]}">']
    if "context" in data:
        html.append(f'<figcaption class="dialogue__context">{escape(data["context"])}</figcaption>')
    html.append('<div class="dialogue__sides">')
    html.append(_side("wrong", data["wrong"], labels))
    html.append(_side("right", data["right"], labels))
    html.append("</div>")
    html.append(f'<p class="dialogue__why"><strong>{labels["why"]}:</strong> {escape(data["why"])}</p>')
    html.append("</figure>")
    return "\n".join(html)


def fence(source, language, css_class, options, md, **kwargs):
    """pymdownx.superfences formatter for ```dialogue blocks."""
    page = _page["page"]
    first_line = source.strip().splitlines()[0] if source.strip() else "```dialogue"
    where = locate(page, first_line) if page else "?"
    try:
        data = load_text(source, where).data
    except YamlError as error:
        path, line = where.rsplit(":", 2)[0], int(where.rsplit(":", 2)[1])
        log.error(f"{path}:{line + error.problem.line - 1}:{error.problem.column}: dialogue: {error.problem.message}")
        return ""
    problems = _problems(data)
    for problem in problems:
        log.error(f"{where}: dialogue: {problem}")
    return "" if problems else render(data, _page["lang"])


def on_config(config):
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
    if not any(entry.get("name") == "dialogue" for entry in fences):
        fences.append({"name": "dialogue", "class": "dialogue", "format": fence})
    return config


def on_page_markdown(markdown, page, config, files):
    _page["lang"] = getattr(page.file, "locale", None) or config.theme["language"]
    _page["page"] = page
    return markdown
