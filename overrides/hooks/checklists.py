"""Checklists: validate the YAML data, render the markers, publish the downloads.

Each file in overrides/data/checklists/ holds one checklist in both languages.
It must match overrides/data/checklist.schema.json; its file name is its id.

  <!-- md:checklist ID -->     one checklist, on its topic page (its "home")
  <!-- md:checklists-all -->   every checklist, in navigation order

Every build also writes each checklist as Markdown (`checklists/ID.md` in
each language's folder) and all of them as one JSON file (`checklists.json`).
"""

from __future__ import annotations

import json
import logging
import re
from html import escape
from pathlib import Path

from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url
from schema_check import load_schema, schema_problems
from source_position import display_path, locate
from strict_yaml import Problem, YamlError, load_file
from site_languages import language_of

log = logging.getLogger("mkdocs.hooks.checklists")

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CHECKLIST_DIR = DATA_DIR / "checklists"
SCHEMA_FILE = DATA_DIR / "checklist.schema.json"
MARKER = re.compile(r"<!--\s*md:checklist(?=\s|-->)(?P<args>.*?)-->")
ALL_MARKER = re.compile(r"<!--\s*md:checklists-all\s*-->")
JSON_PATH = "checklists.json"
JSON_VERSION = 1

LABELS = {
    "sv": {
        "checklist": "Checklista",
        "hint": "Tips",
        "progress": "{done} av {total} klara",
        "reset": "Bocka ur alla",
        "undo": "Ångra",
        "print": "Skriv ut checklistan",
        "download": "Ladda ner som textfil",
        "more": "Mer om ämnet",
        "blank": "Utskriven utan bockar, för att fyllas i med penna.",
        "ticked": "Bockarna är de du satte på skärmen; resten fyller du i med penna.",
        "notes": "Anteckningar",
        "index": "Checklistorna på sidan",
        "json": "Bygger du ett eget verktyg? Alla checklistor finns också i en datafil för program (JSON), fri att återanvända: {link}",
        "not_saved": "Webbläsaren låter inte sidan spara dina bockar, så de försvinner när du lämnar "
        "eller laddar om sidan. Skriv ut checklistan om du vill behålla dem.",
        "no_js": "JavaScript är avstängt i din webbläsare. Du kan bocka av punkterna och skriva ut "
        "sidan, men bockarna sparas inte när du lämnar sidan, och räknaren och knapparna för att "
        "bocka ur alla och skriva ut en enskild checklista visas inte.",
    },
    "en": {
        "checklist": "Checklist",
        "hint": "Tip",
        "progress": "{done} of {total} done",
        "reset": "Untick all",
        "undo": "Undo",
        "print": "Print this checklist",
        "download": "Download as a text file",
        "more": "More on this topic",
        "blank": "Printed without ticks, to fill in with a pen.",
        "ticked": "The ticks are the ones you made on screen; fill in the rest with a pen.",
        "notes": "Notes",
        "index": "The checklists on this page",
        "json": "Building a tool of your own? All the checklists are also in one data file for programs (JSON), free to reuse: {link}",
        "not_saved": "Your browser doesn't let this page save your ticks, so they will be gone when "
        "you leave or reload the page. Print the checklist if you want to keep them.",
        "no_js": "JavaScript is turned off in your browser. You can tick the items and print the "
        "page, but your ticks are not kept when you leave the page, and the counter and the "
        "buttons to untick all and to print a single checklist are not shown.",
    },
}

_checklists: dict[str, dict] = {}
_homes: dict[str, object] = {}  # checklist id -> the page it is on, in the language being built
_published: dict[str, dict] = {}  # language -> {checklist id -> absolute URLs}, for the JSON


# Loading and validation -----------------------------------------------------


def _sections(data: dict) -> list[dict]:
    """The items split at their group headings: [{"group": entry or None, "items": [...]}]."""
    sections = [{"group": None, "items": []}]
    for entry in data["items"]:
        if "group" in entry:
            sections.append({"group": entry, "items": []})
        else:
            sections[-1]["items"].append(entry)
    return [section for section in sections if section["group"] or section["items"]]


def _check_ids(doc, data: dict) -> list[Problem]:
    """Item and group ids are unique in the checklist; every group has items."""
    problems, seen = [], {}
    entries = data["items"]
    for index, entry in enumerate(entries):
        key = "group" if "group" in entry else "id"
        kind = "group id" if key == "group" else "item id"
        value = entry[key]
        if value in seen:
            problems.append(
                doc.problem(
                    ["items", index, key],
                    f"duplicate {kind} '{value}' (first used at line "
                    f"{doc.position(['items', seen[value], 'group' if 'group' in entries[seen[value]] else 'id'])[0]}); "
                    "ids must be unique in the checklist",
                )
            )
        seen.setdefault(value, index)
        if key == "group" and (index + 1 == len(entries) or "group" in entries[index + 1]):
            problems.append(
                doc.problem(
                    ["items", index, "group"],
                    f"group '{value}' has no items; put its items right after it or remove it",
                )
            )
    return problems


NOTES = {("hint", "id", "text"): "a group heading has: group, title"}


def load_checklists(folder: Path = CHECKLIST_DIR) -> tuple[dict[str, dict], list[Problem]]:
    """Load and validate every checklist in folder. Returns (checklists by id, problems)."""
    validator = load_schema(SCHEMA_FILE)
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
        invalid = schema_problems(doc, validator, "ask-for-prepayment", NOTES)
        problems += invalid
        if invalid:
            continue
        data = doc.data
        found = _check_ids(doc, data)
        if data["id"] != path.stem:
            found.insert(0, doc.problem(["id"], f"id '{data['id']}' must match the file name '{path.stem}'"))
        problems += found
        if not found:
            checklists[data["id"]] = {**data, "source": shown, "sections": _sections(data)}
    return checklists, problems


def items_of(checklist: dict) -> list[dict]:
    return [item for section in checklist["sections"] for item in section["items"]]


# URLs -------------------------------------------------------------------------


def absolute_url(config, url: str) -> str:
    return (config.site_url or "/").rstrip("/") + "/" + url


def short_url(config, url: str) -> str:
    """The page's address without the scheme: what a person types from a printout."""
    return re.sub(r"^[a-z]+://", "", absolute_url(config, url))


def download_url(prefix: str, cid: str) -> str:
    return f"{prefix}checklists/{cid}.md"


# HTML -------------------------------------------------------------------------


def render(checklist: dict, lang: str, page, config, on_all_page: bool = False) -> str:
    """One checklist: labelled checkboxes, the tools (shown by checklists.js), the way back."""
    cid = checklist["id"]
    labels = LABELS[lang]
    base = f"checklist-{cid}-"  # ids below add '-title', '-item-ID' …: '--' never occurs in an id
    title_id = f"{base}-title"
    total = len(items_of(checklist))
    title = escape(checklist["title"][lang])
    html = [
        f'<section class="checklist" id="checklist-{cid}" data-checklist="{cid}" aria-labelledby="{title_id}">',
        f'<h2 class="checklist__title" id="{title_id}">{title}</h2>'
        if on_all_page
        else f'<p class="checklist__title" id="{title_id}">'
        f'<span class="checklist__kind">{labels["checklist"]}:</span> {title}</p>',
    ]
    if "purpose" in checklist:
        html.append(f'<p class="checklist__purpose">{escape(checklist["purpose"][lang])}</p>')
    html += [
        '<div class="checklist__tools" data-search-exclude hidden>',
        f'<p class="checklist__progress" role="status" data-template="{escape(labels["progress"])}">'
        f'{labels["progress"].format(done=0, total=total)}</p>',
        f'<button type="button" class="checklist__button" data-action="reset" '
        f'aria-describedby="{title_id}">{labels["reset"]}</button>',
        f'<button type="button" class="checklist__button" data-action="undo" '
        f'aria-describedby="{title_id}" hidden>{labels["undo"]}</button>',
        f'<button type="button" class="checklist__button" data-action="print" '
        f'aria-describedby="{title_id}">{labels["print"]}</button>',
        f'<p class="checklist__notice" role="alert" data-text="{escape(labels["not_saved"])}" hidden></p>',
        "</div>",
    ]
    for section in checklist["sections"]:
        group = section["group"]
        if group:
            group_id = f"{base}-group-{group['group']}"
            tag = "h3" if on_all_page else "p"
            html.append(f'<{tag} class="checklist__group" id="{group_id}">{escape(group["title"][lang])}</{tag}>')
            html.append(f'<ul class="checklist__items" aria-labelledby="{group_id}">')
        else:
            html.append('<ul class="checklist__items">')
        for item in section["items"]:
            box_id, hint_id = f"{base}-item-{item['id']}", f"{base}-hint-{item['id']}"
            described = f' aria-describedby="{hint_id}"' if "hint" in item else ""
            html.append('<li class="checklist__item">')
            html.append(f'<input type="checkbox" class="checklist__box" id="{box_id}" data-item="{item["id"]}"{described}>')
            html.append(f'<label class="checklist__text" for="{box_id}">{escape(item["text"][lang])}</label>')
            if "hint" in item:
                html.append(
                    f'<span class="checklist__hint" id="{hint_id}">'
                    f'<span class="visually-hidden">{labels["hint"]}: </span>{escape(item["hint"][lang])}</span>'
                )
            html.append("</li>")
        html.append("</ul>")
    _, prefix = language_of(config)
    download = get_relative_url(download_url(prefix, cid), page.url)
    home = _homes.get(cid)
    address = f'<span translate="no">{escape(short_url(config, home.url if home else page.url))}</span>'
    if on_all_page and home:
        address = f'<a href="{get_relative_url(home.url, page.url)}">{address}</a>'
    html += [
        # Paper only (checklists.css): room to write, and whether the sheet is blank on purpose.
        f'<p class="checklist__notes" data-search-exclude>{labels["notes"]}</p>',
        '<p class="checklist__footer" data-search-exclude>',
        f'<span class="checklist__paper checklist__paper--blank">{labels["blank"]}</span>',
        f'<span class="checklist__paper checklist__paper--ticked">{labels["ticked"]}</span>',
        f'<a class="checklist__download" href="{download}" download>{labels["download"]}</a>',
        f'<span class="checklist__source">{labels["more"]}: {address}</span>',
        "</p>",
        "</section>",
    ]
    return "\n".join(html)


def no_js_notice(lang: str) -> str:
    """What works without JavaScript, said once per page before its first checklist."""
    return f'<noscript class="checklist-nojs" data-pagefind-ignore><p>{LABELS[lang]["no_js"]}</p></noscript>'


def render_all(lang: str, page, config) -> str:
    """A jump list, every checklist, and last the data file for programs."""
    labels = LABELS[lang]
    link = f'<a href="{get_relative_url(JSON_PATH, page.url)}" translate="no">{JSON_PATH}</a>'
    html = [
        '<div class="checklists-all">',
        '<nav class="checklists-all__index" aria-labelledby="checklists-index" data-search-exclude>',
        f'<p class="checklists-all__index-title" id="checklists-index">{labels["index"]}</p>',
        "<ol>",
    ]
    html += [
        f'<li><a href="#checklist-{cid}">{escape(_checklists[cid]["title"][lang])}</a></li>' for cid in in_order()
    ]
    html += ["</ol>", "</nav>"]
    html += [render(_checklists[cid], lang, page, config, on_all_page=True) for cid in in_order()]
    html += [f'<p class="checklists-all__data">{labels["json"].format(link=link)}</p>', "</div>"]
    return "\n".join(html)


def in_order() -> list[str]:
    """Checklist ids in the order of their pages in the navigation."""
    return list(_homes) + sorted(set(_checklists) - set(_homes))


# Downloads ----------------------------------------------------------------------


def _md(text: str) -> str:
    """Text safe to put in a Markdown line."""
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)


def to_markdown(checklist: dict, lang: str, address: str, site_name: str) -> str:
    labels = LABELS[lang]
    lines = [f"# {_md(checklist['title'][lang])}", ""]
    if "purpose" in checklist:
        lines += [_md(checklist["purpose"][lang]), ""]
    for section in checklist["sections"]:
        if section["group"]:
            lines += [f"## {_md(section['group']['title'][lang])}", ""]
        for item in section["items"]:
            lines.append(f"- [ ] {_md(item['text'][lang])}")
            if "hint" in item:
                lines.append(f"  - {labels['hint']}: {_md(item['hint'][lang])}")
        lines.append("")
    lines.append(f"{_md(site_name)}: <{address}>")
    return "\n".join(lines) + "\n"


def to_json(config, urls: dict[str, dict]) -> str:
    """All checklists in both languages, in the first language's order, with their addresses."""
    languages = list(urls)
    result = []
    for cid in urls[languages[0]]:
        checklist = _checklists[cid]
        entry = {"id": cid, "title": checklist["title"]}
        if "purpose" in checklist:
            entry["purpose"] = checklist["purpose"]
        entry["url"] = {lang: urls[lang][cid]["url"] for lang in languages}
        entry["markdown"] = {lang: urls[lang][cid]["markdown"] for lang in languages}
        groups = [section["group"] for section in checklist["sections"] if section["group"]]
        if groups:
            entry["groups"] = [{"id": group["group"], "title": group["title"]} for group in groups]
        entry["items"] = []
        for section in checklist["sections"]:
            for item in section["items"]:
                out = {"id": item["id"], "text": item["text"]}
                if "hint" in item:
                    out["hint"] = item["hint"]
                if section["group"]:
                    out["group"] = section["group"]["group"]
                entry["items"].append(out)
        result.append(entry)
    data = {"version": JSON_VERSION, "site": absolute_url(config, ""), "languages": languages, "checklists": result}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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


def on_nav(nav, config, files):
    # A checklist's home is the first page in the navigation that shows it.
    _homes.clear()
    for page in nav.pages:
        for match in MARKER.finditer(page.file.content_string):
            args = match.group("args").split()
            if len(args) == 1 and args[0] in _checklists:
                _homes.setdefault(args[0], page)
    lang, _ = language_of(config)
    for cid in sorted(set(_checklists) - set(_homes)):
        log.error(
            f"{_checklists[cid]['source']}:1:1: checklist '{cid}' is on no page in the {lang} "
            f"navigation; put <!-- md:checklist {cid} --> on its topic page"
        )
    return nav


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
        return render(_checklists[args[0]], lang, page, config)

    if MARKER.search(markdown) or ALL_MARKER.search(markdown):
        page.meta["checklists"] = True  # main.html loads checklists.css/.js only here
    markdown = MARKER.sub(replace, markdown)
    markdown = ALL_MARKER.sub(lambda match: render_all(lang, page, config), markdown)
    return markdown.replace('<section class="checklist"', no_js_notice(lang) + '\n<section class="checklist"', 1)


def on_page_content(html, page, config, files):
    # The all-checklists page lists its checklists in the table of contents.
    if ALL_MARKER.search(page.file.content_string):
        lang = getattr(page.file, "locale", None) or config.theme["language"]
        toc = page.toc.items
        if toc and toc[0].level == 1:
            toc = toc[0].children  # Material shows the children of the page title
        for cid in in_order():
            toc.append(AnchorLink(_checklists[cid]["title"][lang], f"checklist-{cid}", 2))
    return html


def on_post_build(config):
    lang, prefix = language_of(config)
    site = Path(config.site_dir)
    published = {}
    for cid in in_order():
        home = _homes.get(cid)
        address = absolute_url(config, home.url) if home else absolute_url(config, prefix)
        target = site / download_url(prefix, cid)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_markdown(_checklists[cid], lang, address, config.site_name), encoding="utf-8")
        published[cid] = {"url": address, "markdown": absolute_url(config, download_url(prefix, cid))}
    _published[lang] = published
    # The JSON holds every language: write it once the last language is built.
    i18n = config.plugins.get("i18n")
    languages = i18n.build_languages if i18n else [lang]
    if all(language in _published for language in languages):
        urls = {language: _published.pop(language) for language in languages}
        (site / JSON_PATH).write_text(to_json(config, urls), encoding="utf-8")
