"""Interface labels from overrides/data/labels.yml (a helper, not a hook; labels.py checks the file).

    labels(config, "checklists")["reset"]   # in the language being built
    labels(config, "checklists", "en")      # in a given language

The file is loaded and checked once per build. A label a hook asks for but
the file lacks is reported as a problem (the build fails) and shown as
[group.key], so the rest of the build still finds its own problems.
"""

from __future__ import annotations

import json
import logging
from html import escape
from pathlib import Path

from build_state import state_of
from problems import Problem, load_once, report
from schema_check import load_data
from site_languages import language_of, site_languages
from source_position import display_path

log = logging.getLogger("mkdocs.hooks.labels")

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LABELS_FILE = DATA_DIR / "labels.yml"
SCHEMA_FILE = DATA_DIR / "labels.schema.json"


class Labels(dict):
    """One group's labels in one language; a missing one is reported, not a crash."""

    def __init__(self, group: str, texts: dict[str, str], config):
        super().__init__(texts)
        self.group, self.config = group, config

    def __missing__(self, key: str) -> str:
        if loaded(self.config)[1]:
            return f"[{self.group}.{key}]"  # the file itself is broken: that is the problem reported
        missing = state_of(self.config, "labels").setdefault("missing", set())
        if (self.group, key) not in missing:
            missing.add((self.group, key))
            report(log, Problem(display_path(LABELS_FILE), 0, 0, (
                f"no label '{key}' in group '{self.group}'; add it with a text for every language "
                f"({', '.join(site_languages(self.config).all)})"
            )))
        return f"[{self.group}.{key}]"


def load_labels(path: Path, languages: tuple[str, ...]) -> tuple[dict, list[Problem]]:
    """group -> key -> lang -> text, and the problems found (schema, and any site language missing)."""
    doc, problems = load_data(path, SCHEMA_FILE, example_id="copy_link")
    if doc is None:
        return {}, problems
    for group, entries in doc.data.items():
        for key, texts in entries.items():
            for lang in languages:
                if lang not in texts:
                    problems.append(doc.problem([group, key], f"{group}.{key}: no text for the language '{lang}'; add it"))
    return doc.data, problems


def loaded(config) -> tuple[dict, list[Problem]]:
    """The labels of this build, loaded (and their problems reported) at the first call: labels.py's on_config."""
    return load_once(log, config, "labels", lambda: load_labels(LABELS_FILE, site_languages(config).all))


def labels(config, group: str, lang: str | None = None) -> Labels:
    lang = lang or language_of(config)[0]
    entries = loaded(config)[0].get(group, {})
    return Labels(group, {key: texts[lang] for key, texts in entries.items() if lang in texts}, config)


class LabelGroups(dict):
    """Every group of one language, for templates (`labels.GROUP["key"]`); a missing group is empty,
    so each label asked of it is reported."""

    def __init__(self, config, lang: str):
        super().__init__({group: labels(config, group, lang) for group in loaded(config)[0]})
        self.config = config

    def __missing__(self, group: str) -> Labels:
        return Labels(group, {}, self.config)


def all_labels(config, lang: str | None = None) -> LabelGroups:
    return LabelGroups(config, lang or language_of(config)[0])


def script_json(words: Labels, keys: tuple[str, ...]) -> str:
    """Some labels as JSON for a data- attribute that a script reads (escaped for the attribute)."""
    return escape(json.dumps({key: words[key] for key in keys}, ensure_ascii=False))
