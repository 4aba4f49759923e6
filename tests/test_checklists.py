"""Checklists: the data and its schema, the generated pages, downloads and JSON,
and the errors a writer gets for bad checklist data."""

from __future__ import annotations

import json
import re
import sys
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jsonschema
import markdown
import pytest
import yaml

from conftest import PREFIX, ROOT, SITE_URL, read_built
from test_bad_input import replace

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
import checklists as hook  # noqa: E402
from typography import typeset_text  # noqa: E402  (the build typesets every text)

DATA = ROOT / "overrides" / "data" / "checklists"
SCHEMA = ROOT / "overrides" / "data" / "checklist.schema.json"


def load(cid: str) -> dict:
    return yaml.safe_load((DATA / f"{cid}.yml").read_text("utf-8"))


def ids() -> list[str]:
    return sorted(path.stem for path in DATA.glob("*.yml"))


def sections(data: dict) -> list[tuple[str | None, list[dict]]]:
    """(group id, items) in order, read straight from the YAML entries."""
    result = [(None, [])]
    for entry in data["items"]:
        if "group" in entry:
            result.append((entry["group"], []))
        else:
            result[-1][1].append(entry)
    return [(group, items) for group, items in result if group or items]


def nav_order() -> list[str]:
    """Checklist ids in the order their pages come in mkdocs.yml's nav (Swedish pages)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=Loader)

    def pages(entries):
        for entry in entries:
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            yield from (pages(value) if isinstance(value, list) else [value])

    order = []
    for page in pages(config["nav"]):
        for cid in re.findall(r"<!--\s*md:checklist\s+(\S+)\s*-->", (ROOT / "docs" / "sv" / page).read_text("utf-8")):
            if cid not in order:
                order.append(cid)
    return order


# The data ---------------------------------------------------------------------


def test_schema_is_valid_and_strict():
    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    objects = [schema] + [d for d in schema["$defs"].values() if d.get("type") == "object"]
    assert len(objects) == 4  # the file, text, item, group
    for definition in objects:
        assert definition["additionalProperties"] is False, definition
    assert schema["$defs"]["text"]["required"] == ["sv", "en"]


def test_every_checklist_validates():
    checklists, problems = hook.load_checklists()
    assert [str(p) for p in problems] == []
    assert sorted(checklists) == ids()
    assert len(checklists) >= 13


def test_every_checklist_is_on_a_page_in_both_languages():
    for lang in PREFIX:
        shown = set()
        for page in (ROOT / "docs" / lang).glob("*.md"):
            shown |= set(re.findall(r"<!--\s*md:checklist\s+(\S+)\s*-->", page.read_text("utf-8")))
        assert shown == set(ids()), lang


def test_one_checklist_uses_groups():
    grouped = [cid for cid in ids() if len([g for g, _ in sections(load(cid)) if g]) >= 2]
    assert grouped, "no checklist shows the group headings"


# The built pages --------------------------------------------------------------


def checklist_html(built_site: Path, lang: str, page: str, cid: str) -> str:
    """The checklist's section on a page given by its path inside the language."""
    html = read_built(built_site, lang, page)
    match = re.search(rf'<section class="checklist" id="checklist-{cid}".*?</section>', html, re.S)
    assert match, f"{cid} not on {PREFIX[lang]}{page}"
    return match.group(0)


def home_pages(built_site: Path) -> dict[str, str]:
    """checklist id -> the path of its topic page (from the JSON, checked elsewhere)."""
    data = json.loads((built_site / "checklists.json").read_text("utf-8"))
    return {c["id"]: urlsplit(c["url"]["sv"]).path.strip("/") for c in data["checklists"]}


def test_checklists_render_their_data(built_site):
    homes = home_pages(built_site)
    for cid in ids():
        data = load(cid)
        for lang in PREFIX:
            html = checklist_html(built_site, lang, homes[cid], cid)
            assert f'aria-labelledby="checklist-{cid}--title"' in html
            labels = re.findall(r'<label class="checklist__text" for="checklist-[a-z0-9-]+--item-([a-z0-9-]+)">(.*?)</label>', html)
            expected = [(item["id"], typeset_text(item["text"][lang], lang)) for _, items in sections(data) for item in items]
            assert [(i, unescape(t)) for i, t in labels] == expected, (cid, lang)
            for group, _items in sections(data):
                if group:
                    heading = re.search(rf'id="checklist-{cid}--group-{group}">(.*?)<', html).group(1)
                    title = next(e for e in data["items"] if e.get("group") == group)["title"][lang]
                    assert unescape(heading) == typeset_text(title, lang)
                    assert f'<ul class="checklist__items" aria-labelledby="checklist-{cid}--group-{group}">' in html
            for item in (i for _, items in sections(data) for i in items if "hint" in i):
                assert f'aria-describedby="checklist-{cid}--hint-{item["id"]}"' in html
            # The tools are there for the script to show; the count is announced politely.
            assert '<div class="checklist__tools" data-search-exclude hidden>' in html
            assert re.search(r'<p class="checklist__progress" role="status"', html)


def test_all_checklists_page_lists_every_checklist_in_navigation_order(built_site):
    for lang in PREFIX:
        html = (built_site / PREFIX[lang] / "checklists" / "index.html").read_text("utf-8")
        found = re.findall(r'<section class="checklist" id="checklist-([a-z0-9-]+)"', html)
        assert found == nav_order(), lang
        for cid in found:
            section = checklist_html(built_site, lang, "checklists", cid)
            assert f'<h2 class="checklist__title" id="checklist-{cid}--title">' in section
        assert 'href="../checklists.json"' in html or 'href="../../checklists.json"' in html
        # ... and in the table of contents.
        toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', html, re.S).group(0)
        assert re.findall(r'href="#checklist-([a-z0-9-]+)"', toc) == found


# Downloads and JSON -----------------------------------------------------------


def parse_markdown(text: str) -> dict:
    """The generated Markdown read back: title, purpose, sections of (group title, items)."""
    unescaped = lambda s: re.sub(r"\\(.)", r"\1", s)  # noqa: E731
    lines = text.rstrip("\n").split("\n")
    result = {"title": unescaped(lines[0].removeprefix("# ")), "purpose": None, "sections": [], "link": lines[-1]}
    assert lines[0].startswith("# ")
    for line in lines[1:-1]:
        if not line:
            continue
        if line.startswith("## "):
            result["sections"].append((unescaped(line[3:]), []))
        elif line.startswith("- [ ] "):
            if not result["sections"]:
                result["sections"].append((None, []))
            result["sections"][-1][1].append({"text": unescaped(line[6:])})
        elif line.startswith("  - "):
            result["sections"][-1][1][-1]["hint"] = unescaped(line[4:])
        else:
            assert result["purpose"] is None and not result["sections"], line
            result["purpose"] = unescaped(line)
    return result


def test_markdown_downloads_match_the_data(built_site):
    published = {c["id"]: c for c in json.loads((built_site / "checklists.json").read_text("utf-8"))["checklists"]}
    hint = {"sv": "Tips", "en": "Tip"}
    for cid in ids():
        data = load(cid)
        for lang in PREFIX:
            path = built_site / PREFIX[lang] / "checklists" / f"{cid}.md"
            text = path.read_text("utf-8")
            got = parse_markdown(text)
            assert got["title"] == data["title"][lang]
            assert got["purpose"] == (data["purpose"][lang] if "purpose" in data else None)
            titles = {e["group"]: e["title"][lang] for e in data["items"] if "group" in e}
            expected = [
                (
                    titles[group] if group else None,
                    [
                        {"text": i["text"][lang], **({"hint": f"{hint[lang]}: {i['hint'][lang]}"} if "hint" in i else {})}
                        for i in items
                    ],
                )
                for group, items in sections(data)
            ]
            assert got["sections"] == expected, (cid, lang)
            assert got["link"].endswith(f": <{published[cid]['url'][lang]}>")
            # A Markdown task list: one checkbox per item for any task-list reader.
            html = markdown.markdown(text, extensions=["pymdownx.tasklist"])
            assert html.count('type="checkbox"') == len(expected and [i for _, items in expected for i in items])


def test_json_matches_the_data(built_site):
    data = json.loads((built_site / "checklists.json").read_text("utf-8"))
    assert data["version"] == 1 and data["languages"] == ["sv", "en"]
    assert [c["id"] for c in data["checklists"]] == nav_order()
    for entry in data["checklists"]:
        source = load(entry["id"])
        expected = {"id": source["id"], "title": source["title"]}
        if "purpose" in source:
            expected["purpose"] = source["purpose"]
        groups = [{"id": e["group"], "title": e["title"]} for e in source["items"] if "group" in e]
        if groups:
            expected["groups"] = groups
        expected["items"] = [
            {k: v for k, v in {**item, "group": group}.items() if v is not None}
            for group, items in sections(source)
            for item in items
        ]
        got = {k: v for k, v in entry.items() if k not in ("url", "markdown")}
        assert got == expected, entry["id"]


def test_published_addresses_lead_to_built_files(built_site):
    data = json.loads((built_site / "checklists.json").read_text("utf-8"))
    site_url = data["site"]
    assert site_url == SITE_URL  # the address the build was given
    for entry in data["checklists"]:
        for lang in PREFIX:
            page, download = entry["url"][lang], entry["markdown"][lang]
            assert page.startswith(site_url + PREFIX[lang]) and download.startswith(site_url + PREFIX[lang])
            html = built_site / page[len(site_url):] / "index.html"
            assert f'id="checklist-{entry["id"]}"' in html.read_text("utf-8"), page
            assert (built_site / download[len(site_url):]).is_file(), download
            # The checklist on its page links to its download and prints its short address.
            section = checklist_html(built_site, lang, page[len(site_url + PREFIX[lang]):].strip("/"), entry["id"])
            href = re.search(r'<a class="checklist__download" href="([^"]+)" download>', section).group(1)
            assert urljoin(page, href) == download
            assert f"{page.split('://', 1)[1]}</span>" in section


# Bad checklist data ---------------------------------------------------------------

GROUPED = """\
id: demo
title:
  sv: Demo
  en: Demo
items:
  - group: before
    title:
      sv: Före
      en: Before
  - id: first
    text:
      sv: Gör det första.
      en: Do the first thing.
  - group: after
    title:
      sv: Efter
      en: After
  - id: second
    text:
      sv: Gör det andra.
      en: Do the second thing.
    hint:
      sv: Ett tips.
      en: A tip.
"""


def test_fixture_with_groups_builds_pages_downloads_and_json(fixture_site):
    fixture_site.checklist().write_text(GROUPED, encoding="utf-8")
    result = fixture_site.build()
    assert result.returncode == 0, result.stderr
    html = (fixture_site.site / "en" / "topic" / "index.html").read_text("utf-8")
    assert '<p class="checklist__group" id="checklist-demo--group-after">After</p>' in html
    assert (fixture_site.site / "checklists" / "demo.md").read_text("utf-8").startswith("# Demo\n\n## Före\n\n- [ ] Gör det första.\n")
    assert "  - Tip: A tip.\n" in (fixture_site.site / "en" / "checklists" / "demo.md").read_text("utf-8")
    entry = json.loads((fixture_site.site / "checklists.json").read_text("utf-8"))["checklists"][0]
    assert entry["groups"] == [{"id": "before", "title": {"sv": "Före", "en": "Before"}}, {"id": "after", "title": {"sv": "Efter", "en": "After"}}]
    assert [item["group"] for item in entry["items"]] == ["before", "after"]


def group_without_items(site):
    site.checklist().write_text(GROUPED + "  - group: later\n    title:\n      sv: Sen\n      en: Later\n", encoding="utf-8")
    return r"overrides/data/checklists/demo\.yml:25:\d+: group 'later' has no items; put its items right after it"


def duplicate_group_id(site):
    site.checklist().write_text(GROUPED.replace("group: after", "group: before"), encoding="utf-8")
    return r"overrides/data/checklists/demo\.yml:14:\d+: duplicate group id 'before' \(first used at line 6\)"


def group_id_same_as_item_id(site):
    site.checklist().write_text(GROUPED.replace("group: after", "group: first"), encoding="utf-8")
    return r"overrides/data/checklists/demo\.yml:14:\d+: duplicate group id 'first' \(first used at line 10\)"


def unknown_key_in_group(site):
    site.checklist().write_text(GROUPED.replace("  - group: before\n", "  - group: before\n    hint: x\n"), encoding="utf-8")
    return r"overrides/data/checklists/demo\.yml:7:5: items\[0\]: unknown key 'hint'; allowed keys here: group, title"


def group_without_title(site):
    site.checklist().write_text(GROUPED.replace("    title:\n      sv: Före\n      en: Before\n", ""), encoding="utf-8")
    return r"overrides/data/checklists/demo\.yml:6:\d+: items\[0\]: 'title' is missing; add it"


def unknown_key_in_item_mentions_groups(site):
    replace(site.checklist(), "  - id: second\n", "  - id: second\n    heading: x\n")
    return r"demo\.yml:11:5: items\[1\]: unknown key 'heading'; allowed keys here: hint, id, text \(a group heading has: group, title\)"


def text_over_two_lines(site):
    replace(site.checklist(), "      en: Do the second thing.\n", "      en: |\n        Do the second\n        thing.\n")
    return r"overrides/data/checklists/demo\.yml:13:\d+: items\[1\]\.text\.en: the text runs over several lines; keep it to one line"


def text_ending_in_line_break(site):
    replace(site.checklist(), "      en: Do the second thing.\n", "      en: >\n        Do the second thing.\n")
    return r"demo\.yml:13:\d+: items\[1\]\.text\.en: the text ends in a line break; write it as a plain or quoted string"


def checklist_on_no_page(site):
    replace(site.page("en", "topic.md"), "<!-- md:checklist demo -->", "")
    return r"overrides/data/checklists/demo\.yml:1:1: checklist 'demo' is on no page in the en navigation; put <!-- md:checklist demo --> on its topic page"


def misspelt_all_marker(site):
    replace(site.page("sv", "topic.md"), "<!-- md:checklist demo -->", "<!-- md:checklist-all -->")
    return r"docs/sv/topic\.md:17:1: unknown marker 'md:checklist-all'; the known markers are"


BAD_CHECKLISTS = [
    group_without_items,
    duplicate_group_id,
    group_id_same_as_item_id,
    unknown_key_in_group,
    group_without_title,
    unknown_key_in_item_mentions_groups,
    text_over_two_lines,
    text_ending_in_line_break,
    checklist_on_no_page,
    misspelt_all_marker,
]


@pytest.mark.parametrize("break_it", BAD_CHECKLISTS, ids=lambda f: f.__name__)
def test_bad_checklist_is_rejected_with_its_place(fixture_site, break_it):
    expected = break_it(fixture_site)
    result = fixture_site.build()
    assert result.returncode == 1, result.stdout
    assert re.search(expected, result.stderr), result.stderr
    assert not fixture_site.site.exists()
