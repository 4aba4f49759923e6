"""The real site: both languages, switcher, components, nothing from other origins."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import yaml

from conftest import PREFIX, ROOT, SITE_URL, built_file, html_files, lang_of, meta

def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_every_source_page_is_built_in_both_languages(built_site):
    for lang, prefix in PREFIX.items():
        for source in (ROOT / "docs" / lang).rglob("*.md"):
            parts = source.relative_to(ROOT / "docs" / lang).with_suffix("").parts
            folder = "/".join(parts[:-1] if parts[-1] == "index" else parts)  # a/index.md -> a/
            built = built_site / prefix / folder / "index.html"
            assert built.is_file(), f"{source} was not built at {built}"


# Every topic of the guide (issue 3), at the same path in both languages.
TOPICS = [
    "index", "principles", "naming-the-price", "presenting-the-price", "prepayment",
    "raising-prices", "discounts", "boundaries", "clarifying-the-task", "point-of-view",
    "revisions", "conflicts", "walking-away", "conclusion", "glossary",
]


class _ArticleHeadings(HTMLParser):
    """Ids of the h2/h3 headings inside <article>."""

    def __init__(self):
        super().__init__()
        self.ids, self.depth = [], 0

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "article"
        if self.depth and tag in ("h2", "h3"):
            self.ids.append(dict(attrs).get("id"))

    def handle_endtag(self, tag):
        self.depth -= tag == "article"


def article_heading_ids(path: Path) -> list[str]:
    parser = _ArticleHeadings()
    parser.feed(read(path))
    return parser.ids


def test_every_topic_exists_in_both_languages_with_the_same_heading_ids(built_site):
    sources = {lang: sorted(p.stem for p in (ROOT / "docs" / lang).glob("*.md")) for lang in PREFIX}
    assert sources["sv"] == sources["en"]
    assert set(TOPICS) <= set(sources["sv"])
    for slug in TOPICS:
        ids = {lang: article_heading_ids(built_file(built_site, lang, slug)) for lang in PREFIX}
        assert ids["sv"], f"{slug}: no headings"
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i or "") for i in ids["sv"]), ids["sv"]
        assert len(set(ids["sv"])) == len(ids["sv"]), f"{slug}: repeated ids {ids['sv']}"
        assert ids["sv"] == ids["en"], slug


class _NavLinks(HTMLParser):
    """Targets of the links in the primary navigation."""

    def __init__(self):
        super().__init__()
        self.links, self.depth = [], 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "nav":
            self.depth += self.depth > 0 or "md-nav--primary" in (values.get("class") or "").split()
        if self.depth and tag == "a" and "md-nav__link" in (values.get("class") or "").split():
            self.links.append(values.get("href") or "")

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1


def nav_targets(page: Path) -> set[Path]:
    """The built files the primary navigation of a page (the client section's own included) links to."""
    parser = _NavLinks()
    parser.feed(read(page))
    targets = set()
    for href in parser.links:
        if href.startswith("#") or "://" in href:
            continue
        target = (page.parent / href.split("#")[0]).resolve()
        targets.add(target / "index.html" if target.is_dir() else target)
    return targets


def test_every_page_is_reachable_from_the_navigation(built_site):
    """From each language's home page, following navigation links only, every page of that language
    (every index.html the build wrote for it) is reached, and no page of the other language."""
    for lang in PREFIX:
        pages = {p.resolve() for p in html_files(built_site) if p.name == "index.html"
                 and lang_of(p.relative_to(built_site).as_posix()) == lang}
        assert len(pages) >= 24, lang
        reached, todo = set(), [built_file(built_site, lang).resolve()]
        while todo:
            page = todo.pop()
            if page in reached:
                continue
            reached.add(page)
            todo += [target for target in nav_targets(page) if target not in reached]
        assert sorted(map(str, pages - reached)) == [], f"{lang}: pages no navigation leads to"
        strays = reached - pages
        assert strays == set(), f"the {lang} navigation leads to pages in another language: {strays}"


def test_html_lang_attribute_matches_language(built_site):
    for path in html_files(built_site):
        relative = path.relative_to(built_site).as_posix()
        assert re.search(rf'<html[^>]*\blang="{lang_of(relative)}"', read(path)), relative


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
    for path in html_files(built_site):
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


VERDICTS = {"sv": ("Fel sätt", "Rätt sätt"), "en": ("Wrong way", "Right way")}

# The dialogues issue 3 asks for, by page: at least this many on each.
REQUIRED_DIALOGUES = {
    "principles": 2,  # 50/50 prepayment alternative; landing page text today
    "presenting-the-price": 1,  # "this text is so expensive", the price in parts
    "prepayment": 1,  # 50/50 → four prepaid stages
    "clarifying-the-task": 1,  # the one reminder to a silent client
    "point-of-view": 1,  # "a text like my competitor's": imaginary agreement
    "raising-prices": 1,  # asking vs. explaining the rise
    "discounts": 2,  # apologising vs. standing firm; discount for a future order
}


def dialogues(html: str) -> list[str]:
    return re.findall(r'<figure class="dialogue".*?</figure>', html, re.S)


def test_dialogues_state_their_verdict_in_words(built_site):
    counts = {}
    for lang, prefix in PREFIX.items():
        wrong, right = VERDICTS[lang]
        for source in sorted((ROOT / "docs" / lang).glob("*.md")):
            slug = source.stem
            html = read(built_site / prefix / ("" if slug == "index" else slug) / "index.html")
            found = dialogues(html)
            counts[lang, slug] = len(found)
            for dialogue in found:
                verdicts = re.findall(r'<p class="dialogue__verdict">(.*?)</p>', dialogue, re.S)
                assert len(verdicts) == 2, (lang, slug)
                assert verdicts[0] == '<span class="dialogue__icon" aria-hidden="true">✗</span> ' + wrong
                assert verdicts[1] == '<span class="dialogue__icon" aria-hidden="true">✓</span> ' + right
                assert re.search(r'<p class="dialogue__why"><strong>[^<]+:</strong> \S', dialogue), (lang, slug)
    for slug, minimum in REQUIRED_DIALOGUES.items():
        assert counts["sv", slug] >= minimum, f"docs/sv/{slug}.md: expected at least {minimum} dialogues"
    for (lang, slug), count in counts.items():
        assert count == counts["sv", slug], f"docs/{lang}/{slug}.md has {count} dialogues, the sv page {counts['sv', slug]}"


def test_every_dialogue_on_the_site_has_both_sides(built_site):
    count = 0
    for path in html_files(built_site):
        for dialogue in re.findall(r'<figure class="dialogue".*?</figure>', read(path), re.S):
            count += 1
            assert "dialogue__side--wrong" in dialogue and "dialogue__side--right" in dialogue
            assert re.search(r"dialogue__side--wrong.*?<dd>\S", dialogue, re.S)
            assert re.search(r"dialogue__side--right.*?<dd>\S", dialogue, re.S)
    assert count >= 2


def test_checklist_is_rendered_from_data_in_each_language(built_site):
    data = yaml.safe_load((ROOT / "overrides/data/checklists/before-negotiation.yml").read_text("utf-8"))
    for lang, prefix in PREFIX.items():
        html = read(built_site / prefix / "principles" / "index.html")
        section = re.search(r'<section class="checklist" id="checklist-before-negotiation".*?</section>', html, re.S)
        assert section, lang
        for item in data["items"]:
            box = f'checklist-before-negotiation--item-{item["id"]}'
            assert f'id="{box}"' in section.group(0)
            label = re.search(rf'<label class="checklist__text" for="{box}">(.*?)</label>', section.group(0))
            assert label and label.group(1) == escape(item["text"][lang])


def test_every_page_is_ready_to_share(built_site):
    site_url = SITE_URL
    pages = [p for p in html_files(built_site) if p.name == "index.html"]
    assert len(pages) >= 30
    for path in pages:
        html, relative = read(path), path.relative_to(built_site).as_posix()
        url = site_url + relative.removesuffix("index.html")
        assert (meta(html, "description") or "").strip(), relative
        assert f'<link rel="canonical" href="{url}">' in html, relative
        alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))
        assert set(alternates) == {"sv", "en", "x-default"}, relative
        assert url in alternates.values(), relative
        assert alternates["x-default"] == alternates["sv"] and "/en/" not in alternates["sv"]
        assert alternates["en"].startswith(site_url + "en/"), relative
        for key in ("og:title", "og:description", "og:url", "og:image", "twitter:card"):
            assert meta(html, key), f"{relative} has no {key}"
        assert meta(html, "og:url") == url
        image = meta(html, "og:image")
        assert image.startswith(site_url) and (built_site / image[len(site_url):]).is_file()
        assert meta(html, "og:locale") == {"sv": "sv_SE", "en": "en_GB"}[lang_of(relative)]


def abbreviations(lang: str) -> dict[str, str]:
    text = (ROOT / "overrides" / "snippets" / f"abbreviations.{lang}.md").read_text("utf-8")
    return dict(re.findall(r"^\*\[([^\]]+)\]: *(.+?) *$", text, re.M))


def test_abbreviations_are_tooltips_in_the_page_language(built_site):
    for lang in PREFIX:
        defined = abbreviations(lang)
        assert defined, lang
        used = set()
        for source in sorted((ROOT / "docs" / lang).glob("*.md")):
            html = read(built_file(built_site, lang, source.stem))
            article = re.search(r"<article.*?</article>", html, re.S).group(0)
            for title, abbr in re.findall(r'<abbr title="([^"]*)">([^<]*)</abbr>', article):
                assert defined.get(abbr) == title, f"{lang}/{source.stem}: <abbr> {abbr} titled {title!r}"
                used.add(abbr)
            # dialogues, checklists and the brief's questions are HTML built by hooks,
            # out of the abbr extension's reach (brief.py writes each section on one line)
            article = re.sub(r'<div class="brief__section"[^\n]*', " ", article)
            outside = re.sub(r"<(abbr|figure|section)\b.*?</\1>|<[^>]+>", " ", article, flags=re.S)
            for abbr in defined:
                assert not re.search(rf"\b{re.escape(abbr)}\b", outside), f"{lang}/{source.stem}: {abbr} without tooltip"
        assert used == set(defined), f"overrides/snippets/abbreviations.{lang}.md: unused {set(defined) - used}"
