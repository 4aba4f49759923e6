"""The real site: both languages, switcher, components, nothing from other origins."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import yaml

from conftest import ROOT

LANG_DIRS = {"sv": "", "en": "en/"}


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_every_source_page_is_built_in_both_languages(built_site):
    for lang, prefix in LANG_DIRS.items():
        for source in (ROOT / "docs" / lang).rglob("*.md"):
            slug = source.relative_to(ROOT / "docs" / lang).with_suffix("").as_posix()
            built = built_site / prefix / ("" if slug == "index" else slug) / "index.html"
            assert built.is_file(), f"{source} was not built at {built}"


def test_html_lang_attribute_matches_language(built_site):
    for path in html_pages(built_site):
        relative = path.relative_to(built_site).as_posix()
        expected = "en" if relative.startswith("en/") else "sv"
        assert re.search(rf'<html[^>]*\blang="{expected}"', read(path)), relative


def switcher_links(html: str) -> dict[str, str]:
    return dict(
        (lang, href)
        for href, lang in re.findall(r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link"', html)
    )


def test_switcher_keeps_the_reader_on_the_same_page(built_site):
    sv = switcher_links(read(built_site / "principles" / "index.html"))
    en = switcher_links(read(built_site / "en" / "principles" / "index.html"))
    assert sv["en"].rstrip("/").endswith("en/principles"), sv
    assert en["sv"].rstrip("/").endswith("principles") and "/en/" not in en["sv"], en


class _Loads(HTMLParser):
    """URLs the browser fetches by itself: scripts, styles, icons, images, frames."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and values.get("src"):
            self.urls.append(values["src"])
        if tag == "link" and values.get("href"):
            rel = (values.get("rel") or "").split()
            if not {"canonical", "alternate"} & set(rel):
                self.urls.append(values["href"])


def test_built_site_loads_nothing_from_other_origins(built_site):
    for path in html_pages(built_site):
        parser = _Loads()
        parser.feed(read(path))
        external = [url for url in parser.urls if re.match(r"^(https?:)?//", url)]
        assert external == [], f"{path.relative_to(built_site)} loads {external}"
        assert "fonts.googleapis" not in read(path)
        assert 'name="generator"' not in read(path)
    for css in built_site.rglob("*.css"):
        text = read(css)
        assert not re.search(r"@import\s+(url\()?[\"']?(https?:)?//", text), css
        assert not re.search(r"url\([\"']?(https?:)?//", text), css


def test_dialogues_state_their_verdict_in_words(built_site):
    for lang, prefix, wrong, right in (("sv", "", "Fel sätt", "Rätt sätt"), ("en", "en/", "Wrong way", "Right way")):
        html = read(built_site / prefix / "principles" / "index.html")
        dialogues = re.findall(r'<figure class="dialogue".*?</figure>', html, re.S)
        assert len(dialogues) == 2, lang
        for dialogue in dialogues:
            assert wrong in dialogue and right in dialogue
            assert 'aria-hidden="true">✗' in dialogue and 'aria-hidden="true">✓' in dialogue


def test_every_dialogue_on_the_site_has_both_sides(built_site):
    count = 0
    for path in html_pages(built_site):
        for dialogue in re.findall(r'<figure class="dialogue".*?</figure>', read(path), re.S):
            count += 1
            assert "dialogue__side--wrong" in dialogue and "dialogue__side--right" in dialogue
            assert re.search(r"dialogue__side--wrong.*?<dd>\S", dialogue, re.S)
            assert re.search(r"dialogue__side--right.*?<dd>\S", dialogue, re.S)
    assert count >= 2


def test_checklist_is_rendered_from_data_in_each_language(built_site):
    data = yaml.safe_load((ROOT / "overrides/data/checklists/before-negotiation.yml").read_text("utf-8"))
    for lang, prefix in LANG_DIRS.items():
        html = read(built_site / prefix / "principles" / "index.html")
        section = re.search(r'<section class="checklist" id="checklist-before-negotiation".*?</section>', html, re.S)
        assert section, lang
        for item in data["items"]:
            box = f'checklist-before-negotiation--item-{item["id"]}'
            assert f'id="{box}"' in section.group(0)
            label = re.search(rf'<label class="checklist__text" for="{box}">(.*?)</label>', section.group(0))
            assert label and label.group(1) == escape(item["text"][lang])
