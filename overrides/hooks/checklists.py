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

from build_state import state_of
from interface_labels import labels
from marker_registry import MARKER, MarkerRule
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url
from problems import Problem, load_once, report
from schema_check import duplicate_ids, load_data
from site_languages import language_of, page_language, site_languages
from source_position import display_path

log = logging.getLogger("mkdocs.hooks.checklists")

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CHECKLIST_DIR = DATA_DIR / "checklists"
SCHEMA_FILE = DATA_DIR / "checklist.schema.json"
JSON_PATH = "checklists.json"
JSON_VERSION = 1

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
    entries = data["items"]
    places = [
        ("group" if "group" in entry else "item", entry.get("group", entry.get("id")), ["items", index, "group" if "group" in entry else "id"])
        for index, entry in enumerate(entries)
    ]
    problems = duplicate_ids(doc, places, "ids must be unique in the checklist", across_kinds=True)
    for index, entry in enumerate(entries):
        if "group" in entry and (index + 1 == len(entries) or "group" in entries[index + 1]):
            problems.append(
                doc.problem(["items", index, "group"], f"group '{entry['group']}' has no items; put its items right after it or remove it")
            )
    return sorted(problems, key=lambda problem: problem.line)


NOTES = {("hint", "id", "text"): "a group heading has: group, title"}


def load_checklists(folder: Path = CHECKLIST_DIR) -> tuple[dict[str, dict], list[Problem]]:
    """Load and validate every checklist in folder. Returns (checklists by id, problems)."""
    checklists, problems = {}, []
    for path in sorted(folder.glob("*")):
        if path.suffix != ".yml":
            problems.append(Problem(display_path(path), 1, 1, "checklist files must end in .yml"))
            continue
        doc, invalid = load_data(path, SCHEMA_FILE, "ask-for-prepayment", NOTES)
        problems += invalid
        if doc is None:
            continue
        data = doc.data
        found = _check_ids(doc, data)
        if data["id"] != path.stem:
            found.insert(0, doc.problem(["id"], f"id '{data['id']}' must match the file name '{path.stem}'"))
        problems += found
        if not found:
            checklists[data["id"]] = {**data, "source": doc.path, "sections": _sections(data)}
    return checklists, problems


def build_checklists(config) -> dict[str, dict]:
    """This build's checklists, loaded once (their problems reported then)."""
    return load_once(log, config, "checklists", load_checklists)[0]


def homes(config) -> dict[str, object]:
    """checklist id -> the page it is on, in the language being built (from on_nav)."""
    return state_of(config, "checklists").setdefault("homes", {}).setdefault(language_of(config)[0], {})


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


def _title(checklist: dict, lang: str, title_id: str, words, on_all_page: bool) -> list[str]:
    title = escape(checklist["title"][lang])
    if on_all_page:
        html = [f'<h2 class="checklist__title" id="{title_id}">{title}</h2>']
    else:
        html = [
            f'<p class="checklist__title" id="{title_id}">'
            f'<span class="checklist__kind">{escape(words["checklist"])}:</span> {title}</p>'
        ]
    if "purpose" in checklist:
        html.append(f'<p class="checklist__purpose">{escape(checklist["purpose"][lang])}</p>')
    return html


def _tools(total: int, title_id: str, words) -> list[str]:
    """The progress count and buttons, shown by checklists.js."""
    described = f'aria-describedby="{title_id}"'
    return [
        '<div class="checklist__tools" data-search-exclude hidden>',
        f'<p class="checklist__progress" role="status" data-template="{escape(words["progress"])}">'
        f'{escape(words["progress"].format(done=0, total=total))}</p>',
        f'<button type="button" class="checklist__button" data-action="reset" {described}>{escape(words["reset"])}</button>',
        f'<button type="button" class="checklist__button" data-action="undo" {described} hidden>{escape(words["undo"])}</button>',
        f'<button type="button" class="checklist__button" data-action="print" {described}>{escape(words["print"])}</button>',
        f'<p class="checklist__notice" role="alert" data-text="{escape(words["not_saved"])}" hidden></p>',
        "</div>",
    ]


def _item(item: dict, lang: str, base: str, words) -> list[str]:
    box_id, hint_id = f"{base}-item-{item['id']}", f"{base}-hint-{item['id']}"
    described = f' aria-describedby="{hint_id}"' if "hint" in item else ""
    html = [
        '<li class="checklist__item">',
        f'<input type="checkbox" class="checklist__box" id="{box_id}" data-item="{item["id"]}"{described}>',
        f'<label class="checklist__text" for="{box_id}">{escape(item["text"][lang])}</label>',
    ]
    if "hint" in item:
        html.append(
            f'<span class="checklist__hint" id="{hint_id}">'
            f'<span class="visually-hidden">{escape(words["hint"])}: </span>{escape(item["hint"][lang])}</span>'
        )
    return html + ["</li>"]


def _section(section: dict, lang: str, base: str, words, on_all_page: bool) -> list[str]:
    group, html = section["group"], []
    if group:
        group_id = f"{base}-group-{group['group']}"
        tag = "h3" if on_all_page else "p"
        html.append(f'<{tag} class="checklist__group" id="{group_id}">{escape(group["title"][lang])}</{tag}>')
        html.append(f'<ul class="checklist__items" aria-labelledby="{group_id}">')
    else:
        html.append('<ul class="checklist__items">')
    for item in section["items"]:
        html += _item(item, lang, base, words)
    return html + ["</ul>"]


def _footer(cid: str, page, config, words, on_all_page: bool) -> list[str]:
    """Paper only (checklists.css): room to write, whether the sheet is blank on purpose, the way back."""
    _, prefix = language_of(config)
    download = get_relative_url(download_url(prefix, cid), page.url)
    home = homes(config).get(cid)
    address = f'<span translate="no">{escape(short_url(config, home.url if home else page.url))}</span>'
    if on_all_page and home:
        address = f'<a href="{get_relative_url(home.url, page.url)}">{address}</a>'
    return [
        f'<p class="checklist__notes" data-search-exclude>{escape(words["notes"])}</p>',
        '<p class="checklist__footer" data-search-exclude>',
        f'<span class="checklist__paper checklist__paper--blank">{escape(words["blank"])}</span>',
        f'<span class="checklist__paper checklist__paper--ticked">{escape(words["ticked"])}</span>',
        f'<a class="checklist__download" href="{download}" download>{escape(words["download"])}</a>',
        f'<span class="checklist__source">{escape(words["more"])}: {address}</span>',
        "</p>",
    ]


def render(checklist: dict, lang: str, page, config, on_all_page: bool = False) -> str:
    """One checklist: labelled checkboxes, the tools (shown by checklists.js), the way back."""
    cid, words = checklist["id"], labels(config, "checklists", lang)
    base = f"checklist-{cid}-"  # ids below add '-title', '-item-ID' …: '--' never occurs in an id
    title_id = f"{base}-title"
    html = [f'<section class="checklist" id="checklist-{cid}" data-checklist="{cid}" aria-labelledby="{title_id}">']
    html += _title(checklist, lang, title_id, words, on_all_page)
    html += _tools(len(items_of(checklist)), title_id, words)
    for section in checklist["sections"]:
        html += _section(section, lang, base, words, on_all_page)
    html += _footer(cid, page, config, words, on_all_page)
    return "\n".join(html + ["</section>"])


def no_js_notice(config, lang: str) -> str:
    """What works without JavaScript, said once per page before its first checklist."""
    text = escape(labels(config, "checklists", lang)["no_js"])
    return f'<noscript class="checklist-nojs" data-pagefind-ignore><p>{text}</p></noscript>'


def render_all(lang: str, page, config) -> str:
    """A jump list, every checklist, and last the data file for programs."""
    words, checklists = labels(config, "checklists", lang), build_checklists(config)
    link = f'<a href="{get_relative_url(JSON_PATH, page.url)}" translate="no">{JSON_PATH}</a>'
    html = [
        '<div class="checklists-all">',
        '<nav class="checklists-all__index" aria-labelledby="checklists-index" data-search-exclude>',
        f'<p class="checklists-all__index-title" id="checklists-index">{escape(words["index"])}</p>',
        "<ol>",
    ]
    html += [f'<li><a href="#checklist-{cid}">{escape(checklists[cid]["title"][lang])}</a></li>' for cid in in_order(config)]
    html += ["</ol>", "</nav>", no_js_notice(config, lang)]
    html += [render(checklists[cid], lang, page, config, on_all_page=True) for cid in in_order(config)]
    html += [f'<p class="checklists-all__data">{escape(words["json"]).format(link=link)}</p>', "</div>"]
    return "\n".join(html)


def in_order(config) -> list[str]:
    """Checklist ids in the order of their pages in the navigation."""
    found = homes(config)
    return list(found) + sorted(set(build_checklists(config)) - set(found))


# Markers ------------------------------------------------------------------------


def checklist_marker(marker, page, config, files) -> str:
    checklists, cid = build_checklists(config), marker.args[0]
    if cid not in checklists:
        if not (CHECKLIST_DIR / f"{cid}.yml").is_file():  # an invalid one is reported on its own
            known = ", ".join(sorted(checklists)) or "none"
            report(log, marker.where, f"unknown checklist '{cid}'; add overrides/data/checklists/{cid}.yml or use one of: {known}")
        return ""
    lang = page_language(page, config)
    notice = no_js_notice(config, lang) + "\n" if marker.first else ""
    return notice + render(checklists[cid], lang, page, config)


def all_checklists_marker(marker, page, config, files) -> str:
    return render_all(page_language(page, config), page, config)


MARKERS = {
    "checklist": MarkerRule(checklist_marker, arguments=("ID",)),
    "checklists-all": MarkerRule(all_checklists_marker, once="the list of all checklists"),
}


# Downloads ----------------------------------------------------------------------


def _md(text: str) -> str:
    """Text safe to put in a Markdown line."""
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)


def to_markdown(checklist: dict, lang: str, address: str, site_name: str, hint: str) -> str:
    lines = [f"# {_md(checklist['title'][lang])}", ""]
    if "purpose" in checklist:
        lines += [_md(checklist["purpose"][lang]), ""]
    for section in checklist["sections"]:
        if section["group"]:
            lines += [f"## {_md(section['group']['title'][lang])}", ""]
        for item in section["items"]:
            lines.append(f"- [ ] {_md(item['text'][lang])}")
            if "hint" in item:
                lines.append(f"  - {_md(hint)}: {_md(item['hint'][lang])}")
        lines.append("")
    lines.append(f"{_md(site_name)}: <{address}>")
    return "\n".join(lines) + "\n"


def to_json(config, urls: dict[str, dict]) -> str:
    """All checklists in both languages, in the first language's order, with their addresses."""
    languages, checklists = list(urls), build_checklists(config)
    result = []
    for cid in urls[languages[0]]:
        checklist = checklists[cid]
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
    build_checklists(config)


def on_files(files, config):
    # The YAML data lives in the theme folder; it is rendered, not published.
    for file in list(files):
        if file.src_uri.startswith("data/") and file.abs_src_path.startswith(str(DATA_DIR)):
            files.remove(file)
    return files


def on_nav(nav, config, files):
    # A checklist's home is the first page in the navigation that shows it.
    checklists, found = build_checklists(config), homes(config)
    found.clear()
    for page in nav.pages:
        for match in MARKER.finditer(page.file.content_string):
            args = match.group("args").split()
            if match.group("name") == "checklist" and len(args) == 1 and args[0] in checklists:
                found.setdefault(args[0], page)
    lang, _ = language_of(config)
    for cid in sorted(set(checklists) - set(found)):
        report(log, f"{checklists[cid]['source']}:1:1", (
            f"checklist '{cid}' is on no page in the {lang} navigation; put <!-- md:checklist {cid} --> on its topic page"
        ))
    return nav


def on_page_content(html, page, config, files):
    # The all-checklists page lists its checklists in the table of contents.
    if any(match.group("name") == "checklists-all" for match in MARKER.finditer(page.file.content_string)):
        lang, checklists = page_language(page, config), build_checklists(config)
        toc = page.toc.items
        if toc and toc[0].level == 1:
            toc = toc[0].children  # Material shows the children of the page title
        for cid in in_order(config):
            toc.append(AnchorLink(checklists[cid]["title"][lang], f"checklist-{cid}", 2))
    return html


def on_post_build(config):
    lang, prefix = language_of(config)
    site, checklists = Path(config.site_dir), build_checklists(config)
    hint = labels(config, "checklists", lang)["hint"]
    published = {}
    for cid in in_order(config):
        home = homes(config).get(cid)
        address = absolute_url(config, home.url) if home else absolute_url(config, prefix)
        target = site / download_url(prefix, cid)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_markdown(checklists[cid], lang, address, config.site_name, hint), encoding="utf-8")
        published[cid] = {"url": address, "markdown": absolute_url(config, download_url(prefix, cid))}
    state_of(config, "checklists").setdefault("published", {})[lang] = published
    # The JSON holds every language: write it once the last language is built.
    urls = state_of(config, "checklists")["published"]
    if all(language in urls for language in site_languages(config).all):
        urls = {language: urls[language] for language in site_languages(config).all}
        (site / JSON_PATH).write_text(to_json(config, urls), encoding="utf-8")
