"""Right/wrong dialogues: a ```dialogue fence holding YAML, rendered as a comparison,
and the practice page built from all of them (`<!-- md:practice -->`).

    ```dialogue
    id: staged-prepayment        # stable, the same in both languages
    context: One sentence on the situation (optional).
    wrong:
      - client: …
      - you: …
    right:
      - client: …
      - you: …
    why: Why the right version works.
    weak: A plausible reply that falls short (optional: the practice page's third choice).
    weak-why: Why it falls short (required with weak).
    ```

The verdict is said in words and with an icon, in the page's language. Every
"you" turn of the right side gets a copy button (copy_button.py).

On the practice page each dialogue is one exercise: the situation, the turns
of the right side before your first reply, and as choices the first "you"
turn of each side plus the weak reply. Before building, every page of every
language is read: ids must be present, unique in a language, and the same,
in the same order, on the twin page.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
from html import escape
from pathlib import Path

from copy_button import tools as copy_tools
from interface_labels import labels as interface_labels
from marker_registry import MarkerRule
from mkdocs.utils import get_relative_url
from problems import load_once
from site_languages import language_of, page_language, site_languages
from source_position import display_path
from strict_yaml import Problem, YamlError, load_text

log = logging.getLogger("mkdocs.hooks.dialogues")

ICONS = {"wrong": "✗", "right": "✓"}
KEYS = {"id": True, "context": False, "wrong": True, "right": True, "why": True, "weak": False, "weak-why": False}
TEXTS = ("context", "why", "weak", "weak-why")
SPEAKERS = ("client", "you")
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*dialogue[ \t]*$")
HEADING = re.compile(r"^(?P<level>#{1,3})[ \t]+(?P<text>.*?)(?:[ \t]*\{[^}]*#(?P<id>[\w-]+)[^}]*\})?[ \t]*$")


# Reading and checking ------------------------------------------------------------


def _problems(data) -> list[tuple[tuple, str]]:
    """(position keys, problem) for one dialogue's data."""
    if not isinstance(data, dict):
        return [((), "the block must be a mapping with the keys id, wrong, right and why")]
    problems = [((key,), f"unknown key '{key}'; allowed: {', '.join(KEYS)}") for key in data if key not in KEYS]
    problems += [((), f"'{key}' is missing") for key, required in KEYS.items() if required and key not in data]
    if "id" in data and not (isinstance(data["id"], str) and ID.match(data["id"])):
        problems.append((("id",), "'id' must be lowercase ASCII words joined by hyphens, e.g. 'staged-prepayment'"))
    for key in TEXTS:
        if key in data and not (isinstance(data[key], str) and data[key].strip()):
            problems.append(((key,), f"'{key}' must be a non-empty text"))
    if "weak" in data and "weak-why" not in data:
        problems.append((("weak",), "'weak' needs its reason: add 'weak-why: why this reply falls short'"))
    if "weak-why" in data and "weak" not in data:
        problems.append((("weak-why",), "'weak-why' explains a 'weak' reply; add 'weak: the reply' or remove it"))
    for side in ("wrong", "right"):
        turns = data.get(side)
        if side in data and not (isinstance(turns, list) and turns):
            problems.append(((side,), f"'{side}' must be a non-empty list of turns"))
            continue
        for number, turn in enumerate(turns or [], 1):
            valid = (
                isinstance(turn, dict)
                and len(turn) == 1
                and next(iter(turn)) in SPEAKERS
                and isinstance(next(iter(turn.values())), str)
            )
            if not valid:
                problems.append(((side, number - 1), f"'{side}' turn {number} must be '- client: text' or '- you: text'"))
        if turns and all(isinstance(turn, dict) for turn in turns) and not any("you" in turn for turn in turns):
            problems.append(((side,), f"'{side}' needs at least one '- you:' turn: it is a reply to practise"))
    return problems


def fences(text: str):
    """(line of the opening fence, YAML body) of every ```dialogue fence in a Markdown text."""
    lines = text.split("\n")
    at = 0
    while at < len(lines):
        match = FENCE_OPEN.match(lines[at])
        if not match:
            at += 1
            continue
        indent, fence = match["indent"], match["fence"]
        close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = at + 1
        while end < len(lines) and not close.match(lines[end]):
            end += 1
        body = [line[len(indent):] if line.startswith(indent) else line.lstrip() for line in lines[at + 1:end]]
        yield at + 1, "\n".join(body)
        at = end + 1


def read_page(path: Path, shown: str, text: str) -> tuple[list[dict], list[Problem]]:
    """The dialogues of one page, with the heading each stands under, and their problems."""
    dialogues, problems = [], []
    headings = _headings(text)
    title = next((h["text"] for h in headings.values() if h["level"] == 1), path.stem)
    for line, body in fences(text):
        try:
            doc = load_text(body, shown)
        except YamlError as error:
            found = error.problem
            problems.append(Problem(shown, line + found.line, found.column, f"dialogue: {found.message}"))
            continue
        found = _problems(doc.data)
        for keys, message in found:
            row, column = doc.position(keys) if keys else (0, 1)
            problems.append(Problem(shown, line + row, column, f"dialogue: {message}"))
        if not found:
            heading = next((h for at, h in reversed(headings.items()) if at < line and h["id"]), None)
            dialogues.append(
                {**doc.data, "path": str(path), "shown": shown, "line": line + doc.position(["id"])[0],
                 "page_title": title, "heading": heading}
            )
    return dialogues, problems


def _headings(text: str) -> dict[int, dict]:
    """Line number -> {level, text, id} of every #, ## and ### heading outside fences."""
    found, fenced = {}, None
    for number, line in enumerate(text.split("\n"), 1):
        fence = re.match(r"^[ \t]*(`{3,}|~{3,})", line)
        if fence and (fenced is None or fence.group(1).startswith(fenced)):
            fenced = None if fenced else fence.group(1)[:3]
            continue
        match = None if fenced else HEADING.match(line)
        if match:
            plain = re.sub(r"[*_`]", "", match["text"]).strip()
            found[number] = {"level": len(match["level"]), "text": plain, "id": match["id"]}
    return found


def collect(docs_dir: Path, languages: list[str]) -> tuple[dict[str, list[dict]], list[Problem]]:
    """Every dialogue of every language (in file order) and every problem, twins included."""
    dialogues, problems = {}, []
    for lang in languages:
        dialogues[lang] = []
        seen: dict[str, dict] = {}
        for path in sorted((docs_dir / lang).rglob("*.md")):
            found, wrong = read_page(path, display_path(path), path.read_text(encoding="utf-8"))
            problems += wrong
            for dialogue in found:
                first = seen.setdefault(dialogue["id"], dialogue)
                if first is not dialogue:
                    problems.append(_at(dialogue, f"dialogue: duplicate id '{dialogue['id']}' (first used at "
                                                  f"{first['shown']}:{first['line']}); ids must be unique"))
                dialogue["page"] = path.relative_to(docs_dir / lang).as_posix()
                dialogues[lang].append(dialogue)
    if not problems:
        problems += _twin_problems(dialogues)
    return dialogues, problems


def _at(dialogue: dict, message: str) -> Problem:
    return Problem(dialogue["shown"], dialogue["line"], 1, message)


def _twin_problems(dialogues: dict[str, list[dict]]) -> list[Problem]:
    """Every dialogue has a twin with the same id, on the same page, in the same place."""
    problems = []
    for lang, own in dialogues.items():
        for other, theirs in dialogues.items():
            if other == lang:
                continue
            where = {d["id"]: d for d in theirs}
            for dialogue in own:
                twin = where.get(dialogue["id"])
                if twin is None:
                    problems.append(_at(dialogue, f"dialogue '{dialogue['id']}' has no {other} twin; give the same "
                                                  f"dialogue in docs/{other}/{dialogue['page']} 'id: {dialogue['id']}'"))
                elif twin["page"] != dialogue["page"]:
                    problems.append(_at(dialogue, f"dialogue '{dialogue['id']}' is on {twin['shown']} in {other}; "
                                                  "twins must be on the same page"))
    for lang, own in list(dialogues.items())[:1]:
        for other, theirs in list(dialogues.items())[1:]:
            for page in {d["page"] for d in own}:
                ours = [d for d in own if d["page"] == page]
                order = [d["id"] for d in theirs if d["page"] == page]
                if sorted(order) == sorted(d["id"] for d in ours) and order != [d["id"] for d in ours]:
                    problems.append(_at(ours[0], f"dialogues are in another order than on the {other} page "
                                                 f"({lang}: {', '.join(d['id'] for d in ours)}; {other}: {', '.join(order)})"))
    return problems


# A dialogue on its topic page -------------------------------------------------------


def _side(side: str, turns: list, labels, copy_labels) -> str:
    lines = [
        f'<div class="dialogue__side dialogue__side--{side}">',
        f'<p class="dialogue__verdict"><span class="dialogue__icon" aria-hidden="true">'
        f"{ICONS[side]}</span> {escape(labels[side])}</p>",
        '<dl class="dialogue__turns">',
    ]
    for turn in turns:
        (speaker, text), = turn.items()
        lines.append(f'<dt class="dialogue__speaker dialogue__speaker--{speaker}">{escape(labels[speaker])}</dt>')
        if side == "right" and speaker == "you":
            lines.append(f'<dd><p class="dialogue__reply">{escape(text)}</p>{copy_tools(copy_labels, "reply")}</dd>')
        else:
            lines.append(f"<dd>{escape(text)}</dd>")
    lines += ["</dl>", "</div>"]
    return "\n".join(lines)


def render(data: dict, labels, copy_labels) -> str:
    """labels: the dialogues group in the page's language; copy_labels: the copy_text group."""
    anchor = f' id="dialogue-{data["id"]}"' if "id" in data else ""
    html = [f'<figure class="dialogue"{anchor} aria-label="{escape(labels["dialogue"])}">']
    if "context" in data:
        html.append(f'<figcaption class="dialogue__context">{escape(data["context"])}</figcaption>')
    html.append('<div class="dialogue__sides">')
    html.append(_side("wrong", data["wrong"], labels, copy_labels))
    html.append(_side("right", data["right"], labels, copy_labels))
    html.append("</div>")
    html.append(f'<p class="dialogue__why"><strong>{escape(labels["why"])}:</strong> {escape(data["why"])}</p>')
    html.append("</figure>")
    return "\n".join(html)


def fence(source, language, css_class, options, md, labels=None, copy_labels=None, **kwargs):
    """pymdownx.superfences formatter for ```dialogue blocks (their problems are reported by on_config);
    on_config binds labels and copy_labels to the language being built."""
    try:
        data = load_text(source, "dialogue").data
    except YamlError:
        return ""
    return "" if _problems(data) else render(data, labels, copy_labels)


# The practice page ------------------------------------------------------------------

LETTERS = "ABCDEFGH"


def exercise(dialogue: dict) -> dict:
    """The exercise a dialogue makes: prompt turns and the replies in a fixed shuffled order."""
    right = dialogue["right"]
    first = next(number for number, turn in enumerate(right) if "you" in turn)
    replies = {
        "right": right[first]["you"],
        "wrong": next(turn["you"] for turn in dialogue["wrong"] if "you" in turn),
    }
    if "weak" in dialogue:
        replies["weak"] = dialogue["weak"]

    def rank(kind: str) -> str:  # the same order in every language, not always the right one first
        return hashlib.sha256(f"{dialogue['id']}:{kind}".encode()).hexdigest()

    order = sorted(replies, key=rank)
    return {"prompt": right[:first], "replies": [(kind, replies[kind]) for kind in order]}


def _topic_link(dialogue: dict, page, labels: dict) -> str:
    target = dialogue.get("url")  # the page's address in this language (on_nav)
    if target is None:
        target = dialogue["page"].removesuffix(".md")
        target = "" if target == "index" else target.removesuffix("/index") + "/"
    url = get_relative_url(target, page.url) + (f"#{dialogue['heading']['id']}" if dialogue["heading"] else "")
    name = dialogue["heading"]["text"] if dialogue["heading"] else dialogue["page_title"]
    return f'<a class="practice__more" href="{escape(url)}">{escape(labels["more"].format(heading=name))}</a>'


def _answer(dialogue: dict, ex: dict, page, labels, words) -> str:
    letter = {kind: LETTERS[i] for i, (kind, _) in enumerate(ex["replies"])}
    html = [f'<p><strong>{escape(labels["right_is"].format(letter=letter["right"]))}</strong></p>',
            f'<p data-kind="right"><strong>{escape(words["why"])}:</strong> {escape(dialogue["why"])}</p>']
    if "weak" in letter:
        html.append(f'<p data-kind="weak"><strong>{escape(labels["weak_is"].format(letter=letter["weak"]))}</strong> '
                    f'{escape(dialogue["weak-why"])}</p>')
    html.append(f"<p>{_topic_link(dialogue, page, labels)}</p>")
    return "\n".join(html)


def _prompt(dialogue: dict, ex: dict, words) -> list[str]:
    html = []
    if "context" in dialogue:
        html.append(f'<p class="practice__context">{escape(dialogue["context"])}</p>')
    if ex["prompt"]:
        html.append('<dl class="practice__prompt">')
        for turn in ex["prompt"]:
            (speaker, text), = turn.items()
            html.append(f'<dt>{escape(words[speaker])}</dt><dd>{escape(text)}</dd>')
        html.append("</dl>")
    return html


def render_exercise(number: int, dialogue: dict, page, labels, words) -> str:
    """labels: the practice group; words: the dialogues group (speakers, 'why'), in the page's language."""
    ex, base = exercise(dialogue), f"exercise-{dialogue['id']}"
    html = [
        f'<section class="practice__exercise" id="{base}" data-id="{dialogue["id"]}" '
        f'data-topic="{escape(dialogue["page"])}" aria-labelledby="{base}-title">',
        f'<h2 class="practice__title" id="{base}-title">{escape(labels["exercise"].format(n=number))}</h2>',
        f'<p class="practice__topic">{escape(labels["topic"])}: {escape(dialogue["page_title"])}</p>',
    ]
    html += _prompt(dialogue, ex, words)
    html += [f'<p class="practice__question" id="{base}-question">{escape(labels["question"])}</p>',
             f'<ul class="practice__replies" aria-labelledby="{base}-question">']
    for i, (kind, text) in enumerate(ex["replies"]):
        html.append(f'<li class="practice__reply" data-kind="{kind}"><span class="practice__box" '
                    f'aria-hidden="true"></span><span class="practice__letter">{LETTERS[i]}</span> '
                    f'<span class="practice__text">{escape(text)}</span></li>')
    html += ["</ul>", f'<div class="practice__answer" id="{base}-answer">',
             f'<p class="practice__answer-title"><strong>{escape(labels["answer"])}</strong></p>',
             _answer(dialogue, ex, page, labels, words), "</div>", "</section>"]
    return "\n".join(html)


def render_practice(dialogues: list[dict], page, labels, words) -> str:
    """The practice page: the app's mount point, every exercise as a worksheet, the answer key."""
    data = escape(json.dumps(dict(labels), ensure_ascii=False))
    html = [f'<div class="practice" data-practice data-labels="{data}">',
            '<div class="practice__app" data-pagefind-ignore hidden></div>',
            '<div class="practice__sheet" data-pagefind-ignore>']  # the topic pages are the search results
    html += [render_exercise(number, dialogue, page, labels, words) for number, dialogue in enumerate(dialogues, 1)]
    html += ["</div>", '<section class="practice__key" aria-labelledby="practice-key" data-pagefind-ignore>',
             f'<h2 id="practice-key">{escape(labels["key"])}</h2>', '<ol class="practice__key-list">']
    for number, dialogue in enumerate(dialogues, 1):
        ex = exercise(dialogue)
        letter = {kind: LETTERS[i] for i, (kind, _) in enumerate(ex["replies"])}
        weak = f' {escape(labels["weak_is"].format(letter=letter["weak"]))} {escape(dialogue["weak-why"])}' \
            if "weak" in letter else ""
        html.append(f'<li value="{number}"><strong>{escape(labels["exercise"].format(n=number))}: {letter["right"]}.</strong> '
                    f'{escape(dialogue["why"])}{weak}</li>')
    html += ["</ol>", "</section>", "</div>"]
    return "\n".join(html)


# MkDocs events ----------------------------------------------------------------------


def dialogues_of(config, lang: str) -> list[dict]:
    """The dialogues of one language in navigation order (read once a build, sorted in on_nav)."""
    every = load_once(log, config, "dialogues", lambda: collect(Path(config.docs_dir), list(site_languages(config).all)))[0]
    return every.setdefault(lang, [])


def on_config(config):
    # on_config runs once per language: the fence takes that language's labels.
    lang, _ = language_of(config)
    fences_ = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
    fences_[:] = [entry for entry in fences_ if entry.get("name") != "dialogue"]
    fences_.append({"name": "dialogue", "class": "dialogue", "format": functools.partial(
        fence, labels=interface_labels(config, "dialogues", lang), copy_labels=interface_labels(config, "copy_text", lang),
    )})
    dialogues_of(config, lang)  # every language is read and checked at the first call
    return config


def on_nav(nav, config, files):
    # The practice page takes the dialogues in navigation order.
    lang, _ = language_of(config)
    pages = {str(Path(page.file.abs_src_path).resolve()): page for page in nav.pages}
    order = {path: number for number, path in enumerate(pages)}
    dialogues = dialogues_of(config, lang)
    for dialogue in dialogues:
        page = pages.get(str(Path(dialogue["path"]).resolve()))
        if page is not None:
            dialogue["url"] = page.url
    dialogues.sort(key=lambda d: order.get(str(Path(d["path"]).resolve()), len(order)))
    return nav


def practice_marker(marker, page, config, files) -> str:
    lang = page_language(page, config)
    labels, words = interface_labels(config, "practice", lang), interface_labels(config, "dialogues", lang)
    return render_practice(dialogues_of(config, lang), page, labels, words)


MARKERS = {"practice": MarkerRule(practice_marker, once="the practice page")}
