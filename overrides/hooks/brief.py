"""The client brief: validate overrides/data/brief.yml and render `<!-- md:brief -->`.

The marker becomes the fillable form (a labelled field per question, with
ruled lines or the answer when printed) and the buttons that copy, download
or mail it (overrides/assets/javascripts/brief.js). Next to the page the build
writes an empty Markdown template in the page's language, from the same data.
"""

from __future__ import annotations

import json
import logging
import re
from html import escape
from pathlib import Path
from urllib.parse import quote

from schema_check import load_schema, schema_problems
from source_position import display_path, locate
from strict_yaml import Problem, YamlError, load_file

log = logging.getLogger("mkdocs.hooks.brief")

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
BRIEF_FILE = DATA_DIR / "brief.yml"
SCHEMA_FILE = DATA_DIR / "brief.schema.json"
MARKER = re.compile(r"<!--\s*md:brief\b(?P<args>.*?)-->")

LABELS = {
    "sv": {
        "template": "brief-mall.md",
        "local": "Det du skriver sparas bara i den här webbläsaren, så att det finns kvar om du "
        "laddar om sidan. Ingenting skickas någonstans förrän du själv skickar det.",
        "template_link": "Ladda ner briefen som tom mall (Markdown)",
        "send": "Skicka briefen",
        "send_text": "När du är klar kan du kopiera svaren, ladda ner dem som fil eller öppna dem "
        "i ditt mejlprogram och skicka dem till frilansaren. Du kan också skriva ut briefen, "
        "med eller utan svar.",
        "actions": "Vad vill du göra med briefen?",
        "copy": "Kopiera som text",
        "markdown": "Ladda ner som Markdown",
        "text": "Ladda ner som textfil",
        "mail": "Öppna i mejlprogrammet",
        "print": "Skriv ut",
        "clear": "Töm formuläret",
        # Messages brief.js shows in the status line
        "copied": "Briefen är kopierad. Klistra in den i ett mejl eller meddelande.",
        "copy_failed": "Det gick inte att kopiera. Ladda ner briefen som fil i stället.",
        "downloaded": "Filen är nedladdad.",
        "mail_copied": "Briefen är för lång för en mejllänk, så den är kopierad i stället. "
        "Klistra in den i mejlet.",
        "confirm_clear": "Vill du tömma formuläret? Allt du har skrivit försvinner.",
        "cleared": "Formuläret är tömt.",
        "not_saved": "Webbläsaren tillåter inte att svaren sparas. Kopiera eller ladda ner "
        "dem innan du stänger sidan.",
        # The questions that matter on every job, then the rest on demand
        "essentials": "Det viktigaste",
        "essentials_intro": "Börja här. De här frågorna gäller alla uppdrag, och med svaren på dem "
        "kan frilansaren ge dig ett första pris.",
        "more_text": "Resten av frågorna är frivilliga. Svara på dem som gäller ditt uppdrag; "
        "det du redan har skrivit finns kvar även när de är dolda.",
        "show_more": "Visa fler frågor ({count})",
        "show_less": "Dölj de frivilliga frågorna",
        "file_to": "till",  # downloads: brief-<client>-till-<freelancer>-<date>.md
        # Answers kept under a question id the brief no longer has (brief.js)
        "orphans_title": "Svar på frågor som inte längre finns i briefen",
        "orphans_text": "Frågorna har ändrats sedan du skrev de här svaren. De finns kvar här så att "
        "du kan kopiera dem till rätt fråga, och de kommer med när du kopierar, laddar ner eller "
        "mejlar briefen.",
        "orphan_label": "Tidigare fråga ({id})",
        "orphan_copy": "Kopiera svaret",
        "orphan_copied": "Svaret är kopierat.",
        # Shown only when JavaScript is off
        "no_js": "JavaScript är avstängt i din webbläsare. Du kan läsa frågorna och skriva i "
        "fälten, men det du skriver sparas inte, kommer inte med på utskriften och försvinner om du "
        "laddar om sidan. Knapparna för att kopiera, ladda ner och mejla svaren fungerar bara med "
        "JavaScript. Ladda i stället ner den tomma mallen här nedanför och fyll i den, eller skriv ut "
        "briefen och fyll i den för hand.",
        "no_js_send": "Utan JavaScript kan du skicka den ifyllda mallen som bilaga, eller skriva ut "
        "briefen, fylla i den för hand och skicka en skanning eller ett foto av den.",
    },
    "en": {
        "template": "brief-template.md",
        "local": "What you type is saved only in this browser, so it is still here if you "
        "reload the page. Nothing is sent anywhere until you send it yourself.",
        "template_link": "Download the brief as an empty template (Markdown)",
        "send": "Send the brief",
        "send_text": "When you are done, copy your answers, download them as a file or open "
        "them in your mail program, and send them to the freelancer. You can also print the "
        "brief, with or without your answers.",
        "actions": "What would you like to do with the brief?",
        "copy": "Copy as text",
        "markdown": "Download as Markdown",
        "text": "Download as a text file",
        "mail": "Open in your mail program",
        "print": "Print",
        "clear": "Clear the form",
        "copied": "The brief is copied. Paste it into an email or a message.",
        "copy_failed": "Copying didn’t work. Download the brief as a file instead.",
        "downloaded": "The file is downloaded.",
        "mail_copied": "The brief is too long for a mail link, so it has been copied instead. "
        "Paste it into the email.",
        "confirm_clear": "Clear the form? Everything you have typed will be lost.",
        "cleared": "The form is cleared.",
        "not_saved": "This browser doesn’t allow your answers to be saved. Copy or download "
        "them before you close the page.",
        "essentials": "The essentials",
        "essentials_intro": "Start here. These questions apply to every project, and with your "
        "answers the freelancer can give you a first quote.",
        "more_text": "The other questions are optional. Answer the ones that apply to your project; "
        "whatever you have already typed stays, even while they are hidden.",
        "show_more": "Show more questions ({count})",
        "show_less": "Hide the optional questions",
        "file_to": "for",
        "orphans_title": "Answers to questions no longer in the brief",
        "orphans_text": "The questions have changed since you wrote these answers. They are kept "
        "here so that you can copy them to the right question, and they are included when you "
        "copy, download or mail the brief.",
        "orphan_label": "Earlier question ({id})",
        "orphan_copy": "Copy the answer",
        "orphan_copied": "The answer is copied.",
        "no_js": "JavaScript is turned off in your browser. You can read the questions and type "
        "in the fields, but what you type is not saved, is not printed and is lost if you reload "
        "the page. The buttons to copy, download and mail your answers only work with JavaScript. "
        "Instead, download the empty template below and fill it in, or print the brief and fill "
        "it in by hand.",
        "no_js_send": "Without JavaScript, you can send the filled-in template as an attachment, "
        "or print the brief, fill it in by hand and send a scan or a photo of it.",
    },
}
SCRIPT_LABELS = ("copied", "copy_failed", "downloaded", "mail_copied", "confirm_clear", "cleared", "not_saved")
SCRIPT_LABELS += ("orphans_title", "orphans_text", "orphan_label", "orphan_copy", "orphan_copied")
SCRIPT_LABELS += ("show_less", "file_to")
ESSENTIALS = "essentials"  # the id of the first group: the questions marked `core: true`

_brief: dict = {}
_pages: list[tuple[Path, str]] = []  # (folder of a built brief page, its language) in this build


# Loading and validation -----------------------------------------------------


def load_brief(path: Path = BRIEF_FILE) -> tuple[dict | None, list[Problem]]:
    """Load and validate the brief. Returns (data or None, problems); no file is no problem."""
    if not path.is_file():
        return None, []
    shown = display_path(path)
    try:
        doc = load_file(path, shown)
    except YamlError as error:
        return None, [error.problem]
    problems = schema_problems(doc, load_schema(SCHEMA_FILE), example_id="who-pays")
    if problems:
        return None, problems
    # Ids become page ids and storage keys: unique across the whole brief.
    seen: dict[tuple[str, str], list] = {}
    for s, section in enumerate(doc.data["sections"]):
        places = [("section", section["id"], ["sections", s, "id"])]
        places += [
            ("question", question["id"], ["sections", s, "questions", q, "id"])
            for q, question in enumerate(section["questions"])
        ]
        for kind, value, keys in places:
            if (kind, value) in seen:
                first = doc.position(seen[(kind, value)])[0]
                problems.append(
                    doc.problem(keys, f"duplicate {kind} id '{value}' (first used at line {first}); ids must be unique")
                )
            seen.setdefault((kind, value), keys)
        if section["id"] == ESSENTIALS:
            problems.append(doc.problem(["sections", s, "id"], f"the section id '{ESSENTIALS}' is taken by the core questions; choose another"))
    if not problems and not any(q.get("core") for s in doc.data["sections"] for q in s["questions"]):
        problems.append(doc.problem(["sections"], "mark the questions that matter on every job with 'core: true'; none is"))
    return (None if problems else doc.data), problems


# Rendering ------------------------------------------------------------------


def _markdown_text(text: str) -> str:
    """Plain text made safe inside a Markdown heading."""
    return re.sub(r"([\\`*_\[\]{}#!])", r"\\\1", escape(text, quote=False))


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


def groups(brief: dict, lang: str) -> list[dict]:
    """The brief in page order: the core questions first, then each section's other questions."""
    labels = LABELS[lang]
    core = [q for s in brief["sections"] for q in s["questions"] if q.get("core")]
    result = [{"id": ESSENTIALS, "title": labels["essentials"], "intro": labels["essentials_intro"], "questions": core, "optional": False}]
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


def render(brief: dict, lang: str) -> str:
    """Markdown (headings) and HTML (fields, buttons) for the whole brief in one language."""
    labels = LABELS[lang]
    script_labels = escape(json.dumps({key: labels[key] for key in SCRIPT_LABELS}, ensure_ascii=False))
    parts = [
        '<div class="brief__intro">'
        f'<p data-brief-js="saved" hidden>{labels["local"]}</p>'
        f'<noscript data-pagefind-ignore><p>{labels["no_js"]}</p></noscript>'
        f'<p><a href="{labels["template"]}" download>{labels["template_link"]}</a></p>'
        "</div>"
    ]
    for group in groups(brief, lang):
        optional = " .brief__optional" if group["optional"] else ""
        parts.append(f'## {_markdown_text(group["title"])} {{ #{group["id"]}{optional} }}')
        html = [
            f'<div class="brief__section"{" data-brief-optional" if optional else ""} data-brief-section="{group["id"]}" '
            f'data-brief-title="{escape(group["title"])}">'
        ]
        if group["intro"]:
            html.append(f'<p class="brief__section-intro">{escape(group["intro"])}</p>')
        html += [_question(question, lang) for question in group["questions"]]
        html.append("</div>")
        if group["id"] == ESSENTIALS:
            html.append(_more(labels, sum(len(g["questions"]) for g in groups(brief, lang)[1:])))
        parts.append("".join(html))
    parts.append(f'## {labels["send"]} {{ #send }}')
    buttons = [
        f'<button type="button" class="md-button md-button--primary" data-brief-action="copy">{labels["copy"]}</button>',
        f'<button type="button" class="md-button" data-brief-action="markdown">{labels["markdown"]}</button>',
        f'<button type="button" class="md-button" data-brief-action="text">{labels["text"]}</button>',
        f'<a class="md-button" data-brief-action="mail" href="mailto:?subject={quote(brief["title"][lang])}">{labels["mail"]}</a>',
        f'<button type="button" class="md-button" data-brief-action="print">{labels["print"]}</button>',
        f'<button type="button" class="md-button" data-brief-action="clear">{labels["clear"]}</button>',
    ]
    parts.append(
        f'<div class="brief__actions" data-brief-actions data-brief-title="{escape(brief["title"][lang])}" '
        f'data-brief-labels="{script_labels}">'
        f'<p data-brief-js hidden>{labels["send_text"]}</p>'
        f'<noscript data-pagefind-ignore><p>{labels["no_js_send"]}</p></noscript>'
        f'<div class="brief__buttons" role="group" aria-label="{labels["actions"]}" hidden>{"".join(buttons)}</div>'
        '<p class="brief__status" role="status"></p>'
        "</div>"
    )
    return "\n\n".join(parts)


def template(brief: dict, lang: str) -> str:
    """The empty brief as Markdown: the same headings and questions as the page, room for answers."""
    lines = [f"# {brief['title'][lang]}", "", brief["intro"][lang], ""]
    for group in groups(brief, lang):
        lines += [f"## {group['title']}", ""]
        if group["intro"]:
            lines += [group["intro"], ""]
        for question in group["questions"]:
            lines += [f"### {question['text'][lang]}", ""]
            if "hint" in question:
                lines += [f"_{question['hint'][lang]}_", ""]
            lines += [""] * question.get("lines", 3)
    return "\n".join(lines).rstrip() + "\n"


# MkDocs events --------------------------------------------------------------


def on_config(config):
    brief, problems = load_brief()
    for problem in problems:
        log.error(str(problem))
    _brief.clear()
    if brief:
        _brief.update(brief)
    _pages.clear()


def on_page_markdown(markdown, page, config, files):
    matches = list(MARKER.finditer(markdown))
    if not matches:
        return markdown
    lang = getattr(page.file, "locale", None) or config.theme["language"]
    for number, match in enumerate(matches):
        where = locate(page, match.group(0), markdown.count(match.group(0), 0, match.start()))
        if match.group("args").strip():
            log.error(f"{where}: write the marker as <!-- md:brief --> with nothing after 'brief'")
        elif number:
            log.error(f"{where}: the brief can appear only once on a page; remove this marker")
        elif not _brief and not BRIEF_FILE.is_file():
            log.error(f"{where}: there is no {display_path(BRIEF_FILE)}; add it or remove the marker")
    if not _brief:
        return MARKER.sub("", markdown)  # a problem with the data is reported on its own
    page.meta["brief_form"] = True
    _pages.append((Path(page.file.dest_path).parent, lang))
    rendered = render(_brief, lang)
    return MARKER.sub(lambda m: rendered if m.start() == matches[0].start() else "", markdown)


def on_post_build(config):
    # The i18n plugin builds each language in turn; each build writes its own templates.
    for folder, lang in _pages:
        target = Path(config.site_dir) / folder / LABELS[lang]["template"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template(_brief, lang), encoding="utf-8")
    _pages.clear()
