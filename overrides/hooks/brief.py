"""The client brief: validate overrides/data/brief.yml and render `<!-- md:brief -->`.

The marker becomes the fillable form (a labelled field per question, with
ruled lines or the answer when printed) and the buttons that copy, download
or mail it (overrides/assets/javascripts/brief.js). Next to the page the build
writes an empty Markdown template in the page's language, from the same data.
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path
from urllib.parse import quote

from build_state import state_of
from interface_labels import labels, script_json
from marker_registry import MarkerRule
from markup import download_text, markdown_text
from problems import Problem, load_once, report
from schema_check import duplicate_ids, load_data
from site_languages import page_language
from source_position import display_path

log = logging.getLogger("mkdocs.hooks.brief")

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
BRIEF_FILE = DATA_DIR / "brief.yml"
SCHEMA_FILE = DATA_DIR / "brief.schema.json"

SCRIPT_LABELS = ("copied", "copy_failed", "downloaded", "mail_copied", "confirm_clear", "cleared", "not_saved")
SCRIPT_LABELS += ("orphans_title", "orphans_text", "orphan_label", "orphan_copy", "orphan_copied")
SCRIPT_LABELS += ("show_less", "file_to")
ESSENTIALS = "essentials"  # the id of the first group: the questions marked `core: true`



# Loading and validation -----------------------------------------------------


def load_brief(path: Path = BRIEF_FILE) -> tuple[dict | None, list[Problem]]:
    """Load and validate the brief. Returns (data or None, problems); no file is no problem."""
    if not path.is_file():
        return None, []
    doc, problems = load_data(path, SCHEMA_FILE, example_id="who-pays")
    if doc is None:
        return None, problems
    # Ids become page ids and storage keys: unique across the whole brief.
    places = []
    for s, section in enumerate(doc.data["sections"]):
        places.append(("section", section["id"], ["sections", s, "id"]))
        places += [("question", q["id"], ["sections", s, "questions", n, "id"]) for n, q in enumerate(section["questions"])]
        if section["id"] == ESSENTIALS:
            problems.append(doc.problem(["sections", s, "id"], f"the section id '{ESSENTIALS}' is taken by the core questions; choose another"))
    problems = sorted(duplicate_ids(doc, places) + problems, key=lambda problem: problem.line)
    if not problems and not any(q.get("core") for s in doc.data["sections"] for q in s["questions"]):
        problems.append(doc.problem(["sections"], "mark the questions that matter on every job with 'core: true'; none is"))
    return (None if problems else doc.data), problems


def build_brief(config) -> dict | None:
    """This build's brief, loaded once (its problems reported then)."""
    return load_once(log, config, "brief", load_brief)[0]


# Rendering ------------------------------------------------------------------


def _question(question: dict, lang: str) -> str:
    qid = question["id"]
    field = f"brief-{qid}"
    lines = question.get("lines", 3)
    hint = question.get("hint")
    described = f' aria-describedby="{field}-hint"' if hint else ""
    html = [
        f'<div class="brief__question" id="q-{qid}" data-brief-question="{qid}">',
        f'<label class="brief__label" for="{field}">{escape(question["text"][lang])}</label>',
    ]
    if hint:
        html.append(f'<p class="brief__hint" id="{field}-hint">{escape(hint[lang])}</p>')
    if lines == 1:
        html.append(f'<input type="text" class="brief__field" id="{field}" name="{qid}"{described}>')
    else:
        html.append(
            f'<textarea class="brief__field" id="{field}" name="{qid}" rows="{lines + 1}"{described}></textarea>'
        )
    # On paper: the answer, or ruled lines to write on.
    html.append(
        '<div class="brief__paper" aria-hidden="true"><p class="brief__answer"></p>'
        + '<span class="brief__line"></span>' * lines
        + "</div>"
    )
    html.append("</div>")
    return "".join(html)


def groups(brief: dict, lang: str, words) -> list[dict]:
    """The brief in page order: the core questions first, then each section's other questions.
    words: the brief's labels in lang (the core group's title and intro)."""
    core = [q for s in brief["sections"] for q in s["questions"] if q.get("core")]
    result = [{"id": ESSENTIALS, "title": words["essentials"], "intro": words["essentials_intro"], "questions": core, "optional": False}]
    for section in brief["sections"]:
        rest = [q for q in section["questions"] if not q.get("core")]
        if rest:
            intro = section["intro"][lang] if "intro" in section else None
            result.append({"id": section["id"], "title": section["title"][lang], "intro": intro, "questions": rest, "optional": True})
    return result


def _more(labels: dict, count: int) -> str:
    """The button that shows the optional questions (share brief.js); hidden without JavaScript."""
    return (
        '<div class="brief__more" data-brief-more hidden>'
        f'<p>{escape(labels["more_text"])}</p>'
        f'<button type="button" class="md-button" data-brief-toggle aria-expanded="false" '
        f'data-brief-show="{escape(labels["show_more"].format(count=count))}">'
        f'{escape(labels["show_more"].format(count=count))}</button>'
        "</div>"
    )


def _intro(words) -> str:
    return (
        '<div class="brief__intro">'
        f'<p data-brief-js="saved" hidden>{escape(words["local"])}</p>'
        f'<noscript data-pagefind-ignore><p>{escape(words["no_js"])}</p></noscript>'
        f'<p><a href="{escape(words["template"])}" download>{escape(words["template_link"])}</a></p>'
        "</div>"
    )


def _group(group: dict, lang: str, more: str) -> list[str]:
    """A group's heading (Markdown, so it has an id and is in the table of contents) and its fields."""
    optional = " .brief__optional" if group["optional"] else ""
    html = [
        f'<div class="brief__section"{" data-brief-optional" if optional else ""} data-brief-section="{group["id"]}" '
        f'data-brief-title="{escape(group["title"])}">'
    ]
    if group["intro"]:
        html.append(f'<p class="brief__section-intro">{escape(group["intro"])}</p>')
    html += [_question(question, lang) for question in group["questions"]]
    html.append("</div>")
    if group["id"] == ESSENTIALS:
        html.append(more)
    return [f'## {markdown_text(group["title"])} {{ #{group["id"]}{optional} }}', "".join(html)]


def _actions(brief: dict, lang: str, words) -> str:
    """The buttons that copy, download, mail, print or clear the brief (shown by brief.js)."""
    actions = [("copy", "copy"), ("markdown", "markdown"), ("text", "text"), ("print", "print"), ("clear", "clear")]
    buttons = [
        f'<button type="button" class="md-button{" md-button--primary" if action == "copy" else ""}" '
        f'data-brief-action="{action}">{escape(words[label])}</button>'
        for action, label in actions
    ]
    mail = f'<a class="md-button" data-brief-action="mail" href="mailto:?subject={quote(brief["title"][lang])}">{escape(words["mail"])}</a>'
    buttons.insert(3, mail)
    return (
        f'<div class="brief__actions" data-brief-actions data-brief-title="{escape(brief["title"][lang])}" '
        f'data-brief-labels="{script_json(words, SCRIPT_LABELS)}">'
        f'<p data-brief-js hidden>{escape(words["send_text"])}</p>'
        f'<noscript data-pagefind-ignore><p>{escape(words["no_js_send"])}</p></noscript>'
        f'<div class="brief__buttons" role="group" aria-label="{escape(words["actions"])}" hidden>{"".join(buttons)}</div>'
        '<p class="brief__status" role="status"></p>'
        "</div>"
    )


def render(brief: dict, lang: str, words) -> str:
    """Markdown (headings) and HTML (fields, buttons) for the whole brief in one language."""
    in_order = groups(brief, lang, words)
    more = _more(words, sum(len(group["questions"]) for group in in_order[1:]))
    parts = [_intro(words)]
    for group in in_order:
        parts += _group(group, lang, more)
    parts.append(f'## {markdown_text(words["send"])} {{ #send }}')
    parts.append(_actions(brief, lang, words))
    return "\n\n".join(parts)


def template(brief: dict, lang: str, words) -> str:
    """The empty brief as Markdown: the same headings and questions as the page, room for answers."""
    lines = [f"# {download_text(brief['title'][lang])}", "", download_text(brief["intro"][lang]), ""]
    for group in groups(brief, lang, words):
        lines += [f"## {download_text(group['title'])}", ""]
        if group["intro"]:
            lines += [download_text(group["intro"]), ""]
        for question in group["questions"]:
            lines += [f"### {download_text(question['text'][lang])}", ""]
            if "hint" in question:
                lines += [f"_{download_text(question['hint'][lang])}_", ""]
            lines += [""] * question.get("lines", 3)
    return "\n".join(lines).rstrip() + "\n"


# Marker and MkDocs events ---------------------------------------------------


def brief_marker(marker, page, config, files) -> str:
    brief = build_brief(config)
    if brief is None:
        if not BRIEF_FILE.is_file():
            report(log, marker.where, f"there is no {display_path(BRIEF_FILE)}; add it or remove the marker")
        return ""  # a problem with the data is reported on its own
    lang = page_language(page, config)
    state_of(config, "brief").setdefault("pages", []).append((Path(page.file.dest_path).parent, lang))
    return render(brief, lang, labels(config, "brief", lang))


MARKERS = {"brief": MarkerRule(brief_marker, once="the brief")}


def on_config(config):
    build_brief(config)


def on_post_build(config):
    # The i18n plugin builds each language in turn; each build writes its own templates.
    brief = build_brief(config)
    for folder, lang in state_of(config, "brief").pop("pages", []):
        words = labels(config, "brief", lang)
        target = Path(config.site_dir) / folder / words["template"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template(brief, lang, words), encoding="utf-8")
