"""JSON Schema validation with messages a writer can act on (a helper, not a hook).

Each schema error becomes a Problem at the line of the value it is about,
saying what is wrong and what to do.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from source_position import display_path
from strict_yaml import Document, Problem, YamlError, load_file

LANGUAGE_NAMES = {"sv": "the Swedish text", "en": "the English text"}
TYPE_NAMES = {"str": "text", "dict": "mapping", "list": "list", "NoneType": "nothing"}


def load_schema(path: Path) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


def _where(keys) -> str:
    text = ""
    for key in keys:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text or "the file"


def explain(error: jsonschema.ValidationError, example_id: str, notes: dict) -> tuple[list, str]:
    """A schema error as (position keys, message). notes: extra words for an
    unknown key, by the sorted tuple of the keys allowed there."""
    keys = list(error.absolute_path)
    where = _where(keys)
    if error.validator == "required":
        missing = error.message.split("'")[1]
        language = f" ({LANGUAGE_NAMES[missing]})" if missing in LANGUAGE_NAMES else ""
        return keys, f"{where}: '{missing}'{language} is missing; add it"
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unexpected = sorted(set(error.instance) - set(allowed))[0]
        note = f" ({notes[tuple(allowed)]})" if tuple(allowed) in notes else ""
        return keys + [unexpected], f"{where}: unknown key '{unexpected}'; allowed keys here: {', '.join(allowed)}{note}"
    if error.validator == "type":
        kind = TYPE_NAMES.get(type(error.instance).__name__, type(error.instance).__name__)
        return keys, f"{where}: expected {error.validator_value}, found {kind} {error.instance!r}"
    if error.validator == "minItems":
        return keys, f"{where}: the list is empty; give it at least one entry"
    if error.validator in ("minimum", "maximum"):
        low, high = error.schema.get("minimum"), error.schema.get("maximum")
        return keys, f"{where}: {error.instance} is out of range; use a whole number from {low} to {high}"
    if error.validator in ("minLength", "pattern") and keys and keys[-1] in LANGUAGE_NAMES:
        if "\n" in error.instance.strip():
            return keys, f"{where}: the text runs over several lines; keep it to one line"
        if "\n" in error.instance:
            return keys, f"{where}: the text ends in a line break; write it as a plain or quoted string, not with | or >"
        return keys, f"{where}: the text is empty; write it"
    if error.validator == "pattern":
        return keys, (
            f"{where}: {error.instance!r} is not a valid id; "
            f"use lowercase ASCII words joined by hyphens, e.g. '{example_id}'"
        )
    return keys, f"{where}: {error.message}"


def schema_problems(
    doc: Document, validator: jsonschema.Draft202012Validator, example_id: str, notes: dict | None = None
) -> list[Problem]:
    errors = sorted(validator.iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path)))
    return [doc.problem(*explain(error, example_id, notes or {})) for error in errors]


def load_data(path: Path, schema_file: Path, example_id: str, notes: dict | None = None) -> tuple[Document | None, list[Problem]]:
    """A YAML data file loaded strictly and checked against its schema: (document or None, problems)."""
    if not path.is_file():
        return None, [Problem(display_path(path), 0, 0, f"the file is missing; restore it (git checkout -- {display_path(path)})")]
    try:
        doc = load_file(path, display_path(path))
    except YamlError as error:
        return None, [error.problem]
    problems = schema_problems(doc, load_schema(schema_file), example_id, notes)
    return (None if problems else doc), problems


def duplicate_ids(
    doc: Document, places: list[tuple[str, str, list]], note: str = "ids must be unique", across_kinds: bool = False
) -> list[Problem]:
    """A problem for each (kind, id, keys) whose id came before ('duplicate item id …'): among its own
    kind, or among all kinds when they share one namespace (across_kinds)."""
    problems, seen = [], {}
    for kind, value, keys in places:
        key = value if across_kinds else (kind, value)
        if key in seen:
            first = doc.position(seen[key])[0]
            problems.append(doc.problem(keys, f"duplicate {kind} id '{value}' (first used at line {first}); {note}"))
        seen.setdefault(key, keys)
    return problems
