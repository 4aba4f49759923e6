"""Search: one Pagefind index per language, and the search dialog in Chromium."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser

import pytest
import yaml

from conftest import HOME, ROOT

READER_QUERIES = yaml.safe_load((ROOT / "tests" / "data" / "search_queries.yml").read_text("utf-8"))

# The built index ------------------------------------------------------------------


def test_each_language_has_its_own_index_of_every_page(built_site):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    pages = {
        "sv": [p for p in built_site.rglob("index.html") if p.relative_to(built_site).parts[0] not in ("en", "assets")],
        "en": list((built_site / "en").rglob("index.html")),
    }
    assert set(entry["languages"]) == {"sv", "en"}
    for lang, built in pages.items():
        assert entry["languages"][lang]["page_count"] == len(built) > 1, lang
        assert (built_site / "pagefind" / f"wasm.{lang}.pagefind").is_file()


def test_only_page_content_is_indexed(built_site):
    for path in built_site.rglob("*.html"):
        html = path.read_text("utf-8")
        expected = 0 if path.name in ("404.html", "offline.html", "guide.html") else 1  # not topics of their own
        assert html.count("data-pagefind-body") == expected, path.relative_to(built_site)


def test_pages_load_no_search_code_until_it_is_used(built_site):
    html = (built_site / "principles" / "index.html").read_text("utf-8")
    assert not re.search(r"<(script|link)[^>]+pagefind", html)
    bundle = re.search(r'data-search-bundle="([^"]+)"', html).group(1)
    assert (built_site / "principles" / bundle / "pagefind.js").resolve().is_file()
    script = re.search(r'<script src="([^"]*assets/javascripts/search\.[0-9a-f]{10}\.js)"', html).group(1)
    assert (built_site / "principles" / script).resolve().stat().st_size < 12_000
    # The query engine and the words files are loaded on first search only.
    assert not re.search(r"<(script|link)[^>]+(search-engine|words\.)", html)


# The dialog in a browser -----------------------------------------------------------

# Inflected forms must find the same pages, the expected one among the first three.
INFLECTIONS = [
    ("/", ["förhandling", "förhandlingen", "förhandlingar"], "/principles/"),
    ("/", ["kund", "kunden", "kunder", "kundens"], "/raising-prices/"),
    ("/", ["rabatt", "rabatter"], "/discounts/"),
    ("/en/", ["negotiate", "negotiation", "negotiating"], "/en/principles/"),
    ("/en/", ["discount", "discounts"], "/en/discounts/"),
]

LABELS = {
    "/": {"button": "Sök", "dialog": "Sök på webbplatsen", "input": "Sökord", "none": "Inga träffar"},
    "/en/": {"button": "Search", "dialog": "Search this site", "input": "Search terms", "none": "Nothing found"},
}


def open_search(page):
    if not page.locator(".search-dialog").evaluate("d => d.open"):
        page.keyboard.press("/")
    page.locator(".search-dialog__input").wait_for(state="visible")


def search(page, query: str) -> dict:
    """Type a query; return the result links and highlighted words once they are shown."""
    open_search(page)
    page.locator(".search-dialog__input").fill(query)
    page.wait_for_function(
        """q => { const text = document.querySelector('.search-dialog__status').textContent;
                  return text.includes('\\u201c' + q + '\\u201d') || text.includes('\\u201d' + q + '\\u201d'); }""",
        arg=query,
    )
    return page.evaluate(
        """() => ({
            pages: [...document.querySelectorAll('.search-dialog__page')].map(a => a.getAttribute('href')),
            sections: [...document.querySelectorAll('.search-dialog__section:not(.search-dialog__help-link)')].map(a => a.getAttribute('href')),
            marks: [...document.querySelectorAll('.search-dialog__results mark')].map(m => m.textContent),
            status: document.querySelector('.search-dialog__status').textContent,
        })"""
    )


@pytest.mark.parametrize(("path", "forms", "expected"), INFLECTIONS, ids=lambda v: v[0] if isinstance(v, list) else None)
def test_inflected_forms_find_the_same_pages(page, server, path, forms, expected):
    page.goto(server + path)
    found = {form: search(page, form) for form in forms}
    for form, result in found.items():
        assert expected in result["pages"][:3], (form, result["pages"])
        assert sorted(result["pages"]) == sorted(found[forms[0]]["pages"]), (form, forms[0])


class _Headings(HTMLParser):
    """Words of the indexed content: those in h2/h3 headings (with the id) and the rest."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.heading, self.skip = 0, None, 0
        self.headings, self.text = [], []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if "data-pagefind-body" in values:
            self.depth = 1
        elif self.depth:
            self.depth += tag not in ("br", "img", "input", "hr", "meta", "link")
            if tag in ("h2", "h3"):
                self.heading = (values.get("id"), [])
            if "headerlink" in (values.get("class") or ""):
                self.skip += 1

    def handle_endtag(self, tag):
        if not self.depth:
            return
        self.depth -= 1
        if tag in ("h2", "h3") and self.heading:
            self.headings.append((self.heading[0], " ".join(self.heading[1])))
            self.heading = None
        if tag == "a" and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            (self.heading[1] if self.heading else self.text).append(data)


def words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]{6,}", text)}


def heading_only_words(site, prefix: str) -> list[tuple[str, str]]:
    """(word, page#heading) for long words found in one heading and nowhere else in that language."""
    root = site / prefix.strip("/") if prefix != "/" else site
    pages = {}
    for path in sorted(root.rglob("index.html")):
        relative = "/" + path.parent.relative_to(site).as_posix() + "/"
        if prefix == "/" and relative.startswith("/en/"):
            continue
        parser = _Headings()
        parser.feed(path.read_text("utf-8"))
        pages[relative.replace("/./", "/")] = parser
    body = set().union(*(words(" ".join(p.text)) for p in pages.values()))
    seen, found = {}, []
    for url, parser in pages.items():
        for anchor, text in parser.headings:
            for word in sorted(words(text) - body):
                seen.setdefault(word, []).append(f"{url}#{anchor}")
    for word, places in sorted(seen.items()):
        if len(places) == 1:
            found.append((word, places[0]))
    return found


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_words_only_in_a_heading_lead_to_that_heading(page, server, built_site, path):
    cases = heading_only_words(built_site, path)
    assert len(cases) >= 3, "expected some words that appear only in one heading"
    page.goto(server + path)
    for word, target in cases[:: max(1, len(cases) // 6)]:  # about six, spread over the site
        result = search(page, word)
        assert target.split("#")[0] in result["pages"][:3], (word, result["pages"])
        assert target in result["sections"], (word, target, result["sections"])


def test_results_stay_in_the_language_of_the_page(page, server):
    page.goto(server + "/principles/")
    for query in ["förhandling", "kund", "pris", "discount", "client", "price"]:
        result = search(page, query)
        assert not [url for url in result["pages"] + result["sections"] if url.startswith("/en/")], query
    page.goto(server + "/en/principles/")
    for query in ["negotiation", "client", "price", "förhandling", "kund", "rabatt"]:
        result = search(page, query)
        assert all(url.startswith("/en/") for url in result["pages"] + result["sections"]), query
    assert search(page, "förhandling")["pages"] == []


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


# What Pagefind itself returns for a query, without the site's search engine around it.
PAGEFIND_ALONE = """async query => {
  const bundle = new URL(document.querySelector("[data-search-bundle]").dataset.searchBundle, location.href);
  const pagefind = await import(new URL("pagefind.js", bundle).href);
  const found = await pagefind.search(query);
  const pages = await Promise.all(found.results.slice(0, 5).map(result => result.data()));
  return pages.map(page => [...page.excerpt.matchAll(/<mark>([^<]*)<\\/mark>/g)].map(m => m[1]));
}"""


@pytest.mark.parametrize(("path", "query", "found"), [
    ("/", "semester", True),          # on the site: its pages, each word marked a form of it
    ("/en/", "förhandling", False),   # Pagefind alone finds "for", the site nothing
    ("/", "ochsenfurtare", False),    # Pagefind alone finds "och", the site nothing
])
def test_no_short_word_stands_in_for_a_long_query(page, server, path, query, found):
    """Pagefind falls back to a short word that begins the query ("förhandling" finds "for")."""
    page.goto(server + path)
    result = search(page, query)
    if found:
        assert result["pages"] and result["marks"], result
        for mark in result["marks"]:
            assert fold(mark).startswith(fold(query)[:4]), (query, mark, result["pages"])
        return
    alone = page.evaluate(PAGEFIND_ALONE, query)
    short = {fold(mark) for marks in alone for mark in marks}
    assert alone and short and not any(mark.startswith(fold(query)[:4]) for mark in short), alone  # the trap is there
    assert result["pages"] == [], (query, result["pages"], result["marks"])


def test_keyboard_only(page, server):
    page.goto(server + "/discounts/")
    for _ in range(40):  # Tab to the search button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-search-open]')"):
            break
    else:
        pytest.fail("the search button cannot be reached with Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.matches('.search-dialog__input')")

    page.keyboard.type("rabatter")
    page.wait_for_selector(".search-dialog__page")
    links = page.eval_on_selector_all(".search-dialog__results a", "as => as.map(a => a.href)")
    active = "document.activeElement.href || document.activeElement.className"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(active) == links[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate(active) == links[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('.search-dialog__input')")

    page.keyboard.press("Escape")
    assert not page.locator(".search-dialog").evaluate("d => d.open")
    assert page.evaluate("document.activeElement.matches('[data-search-open]')"), "Esc must return focus"

    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('.search-dialog__input')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # a section of the first page, this one
    target = page.evaluate("document.activeElement.href")
    assert target.startswith(server + "/discounts/#")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert not page.locator(".search-dialog").evaluate("d => d.open")
    assert page.evaluate("location.hash") == "#" + target.split("#")[1]


def test_typing_on_a_result_goes_on_typing_the_query(page, server):
    page.goto(server + "/en/")
    search(page, "discount")
    page.keyboard.press("ArrowDown")
    page.keyboard.type("s")
    assert page.locator(".search-dialog__input").input_value() == "discounts"


@pytest.mark.parametrize(("path", "focused", "opens"), [
    ("/principles/", "article input[type=checkbox]", True),  # a checkbox is no place to type
    ("/brief/", "input#brief-organisation", False),          # a text field, a text area, the share form's fields
    ("/en/brief/", "textarea#brief-goal", False),
    ("/share/", "input#share-email", False),
])
def test_slash_opens_search_except_in_a_text_field(page, server, path, focused, opens):
    page.goto(server + path)
    field = page.locator(focused).first
    field.focus()
    assert field.evaluate("node => node === document.activeElement")
    page.keyboard.press("/")
    dialog_open = page.locator(".search-dialog").evaluate("d => d.open")
    if opens:
        assert dialog_open and page.evaluate("document.activeElement.matches('.search-dialog__input')")
        page.keyboard.type("a/b")
        assert page.locator(".search-dialog__input").input_value() == "a/b"
    else:
        assert not dialog_open, f"/ in {focused} opened the search"
        assert field.evaluate("node => node === document.activeElement")
        assert field.input_value().endswith("/"), "the / was not typed into the field"


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_labelled_in_the_language_of_the_page(page, server, path):
    labels = LABELS[path]
    page.goto(server + path)
    page.get_by_role("button", name=labels["button"], exact=True).click()
    dialog = page.get_by_role("dialog", name=labels["dialog"], exact=True)
    assert dialog.is_visible()
    box = dialog.get_by_role("searchbox", name=labels["input"], exact=True)
    assert box.evaluate("input => input === document.activeElement")
    assert labels["none"] in search(page, "qqqqzz")["status"]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_search_loads_on_first_use_and_only_its_language(page, server, lang):
    other = "en" if lang == "sv" else "sv"
    requests = []
    page.on("request", lambda request: requests.append(request.url[len(server):]))
    page.goto(server + HOME[lang] + "principles/")
    page.wait_for_load_state("networkidle")
    assert [url for url in requests if "pagefind" in url or "search-engine" in url] == []
    search(page, "prisförhandling" if lang == "sv" else "price negotiation")
    loaded = [url for url in requests if "pagefind" in url or "search-engine" in url]
    assert "/pagefind/pagefind.js" in loaded
    assert any(re.fullmatch(r"/assets/javascripts/search-engine\.[0-9a-f]{10}\.js", url) for url in loaded), loaded
    assert f"/pagefind/words.{lang}.json" in loaded
    assert any(url.startswith(f"/pagefind/index/{lang}_") for url in loaded)
    assert not [url for url in loaded if f"/{other}_" in url or f".{other}." in url]


def test_a_failed_load_says_so_and_is_tried_again(page, server):
    page.route("**/pagefind/pagefind.js", lambda route: route.fulfill(status=503, body=""))
    page.goto(server + "/")
    open_search(page)
    page.keyboard.type("pris")
    status = page.locator(".search-dialog__status")
    status.filter(has_text="Sökningen gick inte att ladda").wait_for()
    page.unroute("**/pagefind/pagefind.js")
    assert search(page, "priset")["pages"]


def test_follows_the_palette_and_never_prints(browser, server):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(server + "/")
        search(page, "pris")
        # Inside Material's header the dialog's backdrop is not painted in Chromium.
        assert page.evaluate("document.querySelector('.md-header .search-dialog')") is None
        colours[scheme] = page.evaluate(
            """() => [getComputedStyle(document.querySelector('.search-dialog')).backgroundColor,
                      getComputedStyle(document.body).backgroundColor]"""
        )
        page.emulate_media(media="print")
        hidden = page.evaluate(
            """() => [...document.querySelectorAll('.search-dialog, .search-button')]
                     .every(e => getComputedStyle(e).display === 'none')"""
        )
        assert hidden, scheme
        context.close()
    assert colours["light"][0] == colours["light"][1]
    assert colours["dark"][0] == colours["dark"][1]
    assert colours["light"][0] != colours["dark"][0]


def test_pagefind_runs_once_after_both_languages(fixture_site):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--config-file", str(fixture_site.config), "--site-dir", str(fixture_site.site)],
        capture_output=True, text=True, cwd=fixture_site.root,
    )
    assert result.returncode == 0, result.stderr
    runs = [line for line in (result.stdout + result.stderr).splitlines() if "search: Pagefind indexed" in line]
    assert len(runs) == 1 and runs[0].endswith("2 pages in en, 2 pages in sv"), runs


# Readers' words ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_reader_queries_reach_an_expected_page(page, server, lang):
    """tests/data/search_queries.yml: 95 % in the top five, none empty, none in the other language."""
    page.goto(server + HOME[lang])
    misses, empty, foreign = [], [], []
    for entry in READER_QUERIES[lang]:
        result = search(page, entry["q"])
        pages = [url[len(HOME[lang]) - 1:] if lang == "en" else url for url in result["pages"]]
        expected = {"/" + path for path in entry["pages"]}
        if not result["pages"]:
            empty.append(entry["q"])
        elif not expected & set(pages[:5]):
            misses.append((entry["q"], pages[:5]))
        foreign += [url for url in result["pages"] + result["sections"] if url.startswith("/en/") != (lang == "en")]
    assert len(READER_QUERIES[lang]) >= 40
    assert empty == [], "queries without any result"
    assert foreign == []
    assert len(misses) <= 0.05 * len(READER_QUERIES[lang]), misses


@pytest.mark.parametrize(("path", "query", "expected"), [
    ("/", "förskottskrav", "/prepayment/"),              # compounds of indexed words
    ("/", "konfliktlösning", "/conflicts/"),
    ("/", "förhandlnig", "/principles/"),                  # two letters swapped
    ("/", "kunden tycker att det är för dyrt", "/presenting-the-price/"),  # a question
    ("/en/", "client says it's too expensive", "/en/presenting-the-price/"),
    ("/en/", "prepayemnt", "/en/prepayment/"),
])
def test_compounds_misspellings_and_questions(page, server, path, query, expected):
    page.goto(server + path)
    result = search(page, query)
    assert expected in result["pages"][:5], result["pages"]


def test_excerpts_show_prose_not_labels_or_search_terms(page, server):
    page.goto(server + "/")
    # "a-conto" is only in the vocabulary of the prepayment page: its description is shown.
    result = search(page, "a-conto")
    assert result["pages"][0] == "/prepayment/"
    excerpt = page.locator(".search-dialog__page .search-dialog__excerpt").first.text_content()
    description = page.evaluate("fetch('/prepayment/').then(r => r.text())")
    assert excerpt and excerpt in description and "a-conto" not in excerpt.lower()
    # Dialogues: their speakers and verdicts are not in the excerpts.
    for query in ("hur mycket kostar", "rabatt"):
        search(page, query)
        texts = page.eval_on_selector_all(".search-dialog__excerpt", "es => es.map(e => e.textContent)")
        assert texts
        for text in texts:
            assert not re.search(r"Rätt sätt|Fel sätt|Kunden:|Du:|✓|✗", text), text


def test_matched_words_do_not_look_like_links(page, server):
    page.goto(server + "/en/")
    search(page, "discount")
    style = page.evaluate(
        """() => {
            const mark = document.querySelector('.search-dialog__results mark');
            const title = document.querySelector('.search-dialog__title');
            const m = getComputedStyle(mark), t = getComputedStyle(title);
            return {mark: [m.color, m.textDecorationLine, m.cursor], title: [t.color, t.textDecorationLine],
                    text: getComputedStyle(mark.parentElement).color};
        }"""
    )
    assert style["mark"][1] == "none"
    assert style["mark"][0] == style["text"] != style["title"][0]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_hit_says_so_and_offers_help(page, server, lang):
    page.goto(server + HOME[lang] + "discounts/")
    result = search(page, "qqqqzz xyzzyq")
    assert result["pages"] == []
    assert LABELS[HOME[lang]]["none"] in result["status"]
    links = page.eval_on_selector_all(".search-dialog__help a", "as => as.map(a => new URL(a.href).pathname)")
    assert {HOME[lang] + "glossary/", HOME[lang] + "checklists/", HOME[lang]} <= set(links)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.search-dialog__help a')")
    assert page.locator(".search-dialog__results").get_attribute("aria-label") != LABELS[HOME[lang]]["none"]


@pytest.mark.parametrize("query", ["$&", "$`", "$'", "$$ rabatt"])
def test_replacement_patterns_stay_text_in_the_status(page, server, query):
    page.goto(server + "/")
    open_search(page)
    page.locator(".search-dialog__input").fill(query)
    page.wait_for_function(
        "q => document.querySelector('.search-dialog__status').textContent.includes('\u201d' + q + '\u201d')",
        arg=query,
    )


def test_a_failed_search_says_so_without_unhandled_rejection(page, server):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + "/")
    search(page, "rabatt")  # loaded and working
    page.route("**/pagefind/fragment/**", lambda route: route.fulfill(status=503, body=""))
    page.route("**/pagefind/index/**", lambda route: route.fulfill(status=503, body=""))
    page.locator(".search-dialog__input").fill("prishöjning förskott")
    status = page.locator(".search-dialog__status")
    status.filter(has_text="Sökningen gick inte att ladda").wait_for()
    page.wait_for_timeout(300)
    assert errors == []
    assert "laddas" not in status.text_content()


def test_search_button_hidden_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server + "/principles/")
        assert not page.locator("[data-search-open]").is_visible()
        for _ in range(30):
            page.keyboard.press("Tab")
            assert not page.evaluate("document.activeElement.matches('[data-search-open]')")
    finally:
        context.close()
