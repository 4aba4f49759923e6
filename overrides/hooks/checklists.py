"""Checklists: validate the YAML data and render `<!-- md:checklist ID -->` markers.

Each file in overrides/data/checklists/ holds one checklist in both languages.
It must match overrides/data/checklist.schema.json; its file name is its id.
"""

from __future__ import annotations

import json
import logging
import os
import re
from html import escape
from pathlib import Path

import jsonschema
from source_position import locate
from strict_yaml import Problem, YamlError, load_file

log = logging.getLogger("mkdocs.hooks.checklists")

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CHECKLIST_DIR = DATA_DIR / "checklists"
SCHEMA_FILE = DATA_DIR / "checklist.schema.json"
MARKER = re.compile(r"<!--\s*md:checklist\b(?P<args>.*?)-->")

LABELS = {
    "sv": {"checklist": "Checklista", "hint": "Tips"},
    "en": {"checklist": "Checklist", "hint": "Tip"},
}

_checklists: dict[str, dict] = {}


# Loading and validation -----------------------------------------------------


def display_path(path: Path) -> str:
    """A path as a writer would type it: relative to the current folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _location(keys) -> str:
    text = ""
    for key in keys:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text or "the file"


def _explain(error: jsonschema.ValidationError) -> tuple[list, str]:
    """Turn a schema error into (position keys, a message a writer can act on)."""
    keys = list(error.absolute_path)
    where = _location(keys)
    if error.validator == "required":
        missing = error.message.split("'")[1]
        language = {"sv": "the Swedish text", "en": "the English text"}.get(missing)
        what = f"'{missing}' ({language})" if language else f"'{missing}'"
        return keys, f"{where}: {what} is missing; add it"
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unexpected = sorted(set(error.instance) - set(allowed))
        keys = keys + [unexpected[0]]
        return keys, (
            f"{where}: unknown key '{unexpected[0]}'; allowed keys here: {', '.join(allowed)}"
        )
    if error.validator == "type":
        kind = type(error.instance).__name__.replace("str", "text").replace("dict", "mapping")
        return keys, f"{where}: expected {error.validator_value}, found {kind} {error.instance!r}"
    if error.validator == "minItems":
        return keys, f"{where}: the list is empty; give it at least {error.validator_value} entry"
    if error.validator in ("minLength", "pattern") and keys and keys[-1] in ("sv", "en"):
        return keys, f"{where}: the text is empty; write it"
    if error.validator == "pattern":
        return keys, (
            f"{where}: {error.instance!r} is not a valid id; "
            "use lowercase ASCII words joined by hyphens, e.g. 'ask-for-prepayment'"
        )
    return keys, f"{where}: {error.message}"


def load_checklists(folder: Path = CHECKLIST_DIR) -> tuple[dict[str, dict], list[Problem]]:
    """Load and validate every checklist in folder. Returns (checklists by id, problems)."""
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text("utf-8")))
    checklists, problems = {}, []
    for path in sorted(folder.glob("*")):
        shown = display_path(path)
        if path.suffix != ".yml":
            problems.append(Problem(shown, 1, 1, "checklist files must end in .yml"))
            continue
        try:
            doc = load_file(path, shown)
        except YamlError as error:
            problems.append(error.problem)
            continue
        errors = sorted(validator.iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path)))
        for error in errors:
            keys, message = _explain(error)
            problems.append(doc.problem(keys, message))
        if errors:
            continue
        data = doc.data
        if data["id"] != path.stem:
            problems.append(
                doc.problem(["id"], f"id '{data['id']}' must match the file name '{path.stem}'")
            )
        seen = {}
        for index, item in enumerate(data["items"]):
            if item["id"] in seen:
                problems.append(
                    doc.problem(
                        ["items", index, "id"],
                        f"duplicate item id '{item['id']}' (first used at line "
                        f"{doc.position(['items', seen[item['id']], 'id'])[0]}); ids must be unique",
                    )
                )
            seen.setdefault(item["id"], index)
        checklists[data["id"]] = {**data, "source": shown}
    return checklists, problems


# Rendering ------------------------------------------------------------------


def render(checklist: dict, lang: str) -> str:
    """HTML for one checklist in one language: a labelled checkbox per item."""
    cid = checklist["id"]
    labels = LABELS[lang]
    html = [
        f'<section class="checklist" id="checklist-{cid}" data-checklist="{cid}" '
        f'aria-labelledby="checklist-{cid}-title">',
        f'<p class="checklist__title" id="checklist-{cid}-title">'
        f'<span class="checklist__kind">{labels["checklist"]}:</span> '
        f'{escape(checklist["title"][lang])}</p>',
    ]
    if "purpose" in checklist:
        html.append(f'<p class="checklist__purpose">{escape(checklist["purpose"][lang])}</p>')
    html.append('<ul class="checklist__items">')
    for item in checklist["items"]:
        iid = f"checklist-{cid}-{item['id']}"
        described = f' aria-describedby="{iid}-hint"' if "hint" in item else ""
        html.append(f'<li class="checklist__item" id="{iid}">')
        html.append(
            f'<input type="checkbox" class="checklist__box" id="{iid}-box" '
            f'data-item="{item["id"]}"{described}>'
        )
        html.append(
            f'<label class="checklist__text" for="{iid}-box">{escape(item["text"][lang])}</label>'
        )
        if "hint" in item:
            html.append(
                f'<span class="checklist__hint" id="{iid}-hint">'
                f'<span class="visually-hidden">{labels["hint"]}: </span>'
                f'{escape(item["hint"][lang])}</span>'
            )
        html.append("</li>")
    html.append("</ul>")
    html.append("</section>")
    return "\n".join(html)


# MkDocs events --------------------------------------------------------------


def on_config(config):
    checklists, problems = load_checklists()
    for problem in problems:
        log.error(str(problem))
    _checklists.clear()
    _checklists.update(checklists)


def on_files(files, config):
    # The YAML data lives in the theme folder; it is rendered, not published.
    for file in list(files):
        if file.src_uri.startswith("data/") and file.abs_src_path.startswith(str(DATA_DIR)):
            files.remove(file)
    return files


def on_page_markdown(markdown, page, config, files):
    lang = getattr(page.file, "locale", None) or config.theme["language"]

    def replace(match: re.Match) -> str:
        where = locate(page, match.group(0), markdown.count(match.group(0), 0, match.start()))
        args = match.group("args").split()
        if len(args) != 1:
            log.error(f"{where}: write the marker as <!-- md:checklist ID --> with exactly one id")
            return ""
        if args[0] not in _checklists and (CHECKLIST_DIR / f"{args[0]}.yml").is_file():
            return ""  # it exists but is invalid: that problem is reported on its own
        if args[0] not in _checklists:
            known = ", ".join(sorted(_checklists)) or "none"
            log.error(
                f"{where}: unknown checklist '{args[0]}'; "
                f"add overrides/data/checklists/{args[0]}.yml or use one of: {known}"
            )
            return ""
        return render(_checklists[args[0]], lang)

    return MARKER.sub(replace, markdown)
