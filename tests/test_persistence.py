"""Nothing a reader types or ticks is lost (issue 16), in Debian's Chromium:
two pages editing the brief and a checklist at once, the back/forward cache,
older stored formats, answers to questions that no longer exist, JavaScript
turned off, storage blocked or full, and downloads that give back exactly
what was typed. Every test fails on a console error or an uncaught page error."""

from __future__ import annotations

import json
from pathlib import Path

import markdown as markdown_lib
import pytest

from conftest import CHROMIUM, PREFIX, TEXT, show_all_brief_questions
from test_brief import answers_in_markdown, answers_in_text

KEY = "brief:answers"


class Watched:
    """A browser context whose pages record console errors and uncaught exceptions."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(**options)
        self.errors: list[str] = []

    def page(self, init_script: str | None = None):
        page = self.context.new_page()
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        if init_script:
            page.add_init_script(init_script)
        return page


@pytest.fixture
def watched(browser):
    """Make contexts with watched(**options); each must end without an error."""
    made: list[Watched] = []

    def make(**options) -> Watched:
        made.append(Watched(browser, **options))
        return made[-1]

    yield make
    for context in made:
        context.context.close()
    for context in made:
        assert context.errors == [], context.errors


def stored(page, key: str) -> dict:
    """The stored entries of a key: {id: value}."""
    data = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(key)})") or "null")
    assert data and data["version"] == 2, data
    return {item: entry["value"] for item, entry in data["entries"].items()}


def ticked(page, cid: str) -> set[str]:
    boxes = page.locator(f"#checklist-{cid} input.checklist__box")
    return {item for item, on in boxes.evaluate_all("all => all.map(b => [b.dataset.item, b.checked])") if on}


def wait_for_value(page, selector: str, value: str) -> None:
    page.wait_for_function(
        "([selector, value]) => document.querySelector(selector).value === value", arg=[selector, value]
    )


# Two pages at once ----------------------------------------------------------------


def test_two_pages_editing_the_brief_in_two_languages_keep_every_edit(watched, server):
    context = watched()
    sv, en = context.page(), context.page()
    sv.goto(server + "/brief/")
    en.goto(server + "/en/brief/")
    sv.fill("#brief-organisation", "Ateljé Öst AB")
    sv.fill("#brief-goal", "Fler anmälningar")
    en.fill("#brief-audience", "Parents of young children")
    wait_for_value(sv, "#brief-audience", "Parents of young children")  # picked up without a reload
    en.fill("#brief-goal", "More sign-ups")  # the later edit of one field wins everywhere
    wait_for_value(sv, "#brief-goal", "More sign-ups")
    expected = {"organisation": "Ateljé Öst AB", "goal": "More sign-ups", "audience": "Parents of young children"}
    for page in (sv, en):
        page.reload()
        for qid, text in expected.items():
            assert page.input_value(f"#brief-{qid}") == text, (page.url, qid)


def test_two_pages_ticking_one_checklist_in_two_languages_keep_every_tick(watched, server):
    context = watched()
    sv, en = context.page(), context.page()
    sv.goto(server + "/revisions/")
    en.goto(server + "/en/checklists/")
    sv_boxes = sv.locator("#checklist-revisions input.checklist__box")
    en_boxes = en.locator("#checklist-revisions input.checklist__box")
    sv_boxes.nth(0).check()
    en_boxes.nth(1).check()
    sv_boxes.nth(2).check()
    en_boxes.nth(0).uncheck()  # the later decision about an item wins
    items = sv_boxes.evaluate_all("all => all.map(b => b.dataset.item)")
    for page in (sv, en):
        page.reload()
        assert ticked(page, "revisions") == {items[1], items[2]}, page.url


# The back/forward cache --------------------------------------------------------------

RECORD_PAGESHOW = "addEventListener('pageshow', e => { window.restored = e.persisted; });"


@pytest.fixture(scope="module")
def bfcache_browser(browser):
    """Chromium with its back/forward cache, which Playwright turns off by default."""
    launched = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--no-first-run"],
        ignore_default_args=["--disable-back-forward-cache"],
    )
    yield launched
    launched.close()


def back_from_cache(page, path: str) -> None:
    page.evaluate("history.back()")
    page.wait_for_function("p => location.pathname === p && window.restored === true", arg=path)


def test_a_brief_back_from_the_cache_merges_what_was_typed_meanwhile(bfcache_browser, server):
    context = Watched(bfcache_browser)
    try:
        page = context.page(RECORD_PAGESHOW)
        page.goto(server + "/brief/")
        page.fill("#brief-goal", "Fler anmälningar")
        page.goto(server + "/en/brief/")
        assert page.input_value("#brief-goal") == "Fler anmälningar"
        page.fill("#brief-audience", "Parents")
        back_from_cache(page, "/brief/")
        assert page.input_value("#brief-audience") == "Parents"  # shown as soon as the page is back
        page.fill("#brief-deadline", "15 mars")
        page.reload()
        assert page.input_value("#brief-goal") == "Fler anmälningar"
        assert page.input_value("#brief-audience") == "Parents"
        assert page.input_value("#brief-deadline") == "15 mars"
    finally:
        context.context.close()
    assert context.errors == []


def test_a_checklist_back_from_the_cache_merges_the_ticks_made_meanwhile(bfcache_browser, server):
    context = Watched(bfcache_browser)
    try:
        page = context.page(RECORD_PAGESHOW)
        page.goto(server + "/revisions/")
        boxes = page.locator("#checklist-revisions input.checklist__box")
        items = boxes.evaluate_all("all => all.map(b => b.dataset.item)")
        boxes.nth(0).check()
        page.goto(server + "/en/revisions/")
        page.locator("#checklist-revisions input.checklist__box").nth(1).check()
        back_from_cache(page, "/revisions/")
        assert ticked(page, "revisions") == {items[0], items[1]}
        boxes.nth(2).check()
        page.reload()
        assert ticked(page, "revisions") == {items[0], items[1], items[2]}
    finally:
        context.context.close()
    assert context.errors == []


# Older stored formats and answers to questions that no longer exist ----------------------


def test_answers_and_ticks_in_the_first_stored_format_are_kept(watched, server):
    page = watched().page()
    page.goto(server + "/brief/")
    page.evaluate(
        "([key, value]) => { localStorage.setItem(key, value); localStorage.setItem('checklist:revisions', '[\"ask-what-and-why\"]'); }",
        [KEY, json.dumps({"organisation": "Ateljé Öst AB", "goal": "Rad 1\nRad 2"})],
    )
    page.reload()
    assert page.input_value("#brief-organisation") == "Ateljé Öst AB"
    assert page.input_value("#brief-goal") == "Rad 1\nRad 2"
    page.fill("#brief-audience", "Föräldrar")
    assert stored(page, KEY) == {"organisation": "Ateljé Öst AB", "goal": "Rad 1\nRad 2", "audience": "Föräldrar"}

    page.goto(server + "/revisions/")
    assert ticked(page, "revisions") == {"ask-what-and-why"}
    page.locator("#checklist-revisions--item-improvements-included").check()
    assert stored(page, "checklist:revisions") == {"ask-what-and-why": True, "improvements-included": True}


@pytest.mark.parametrize("lang", PREFIX)
def test_an_answer_to_a_question_that_no_longer_exists_is_kept_shown_and_copyable(watched, server, lang):
    context = watched(permissions=["clipboard-read", "clipboard-write"])
    page = context.page()
    page.goto(f"{server}/{PREFIX[lang]}brief/")
    old = "Vi vill nå <b>alla</b>.\n# inte en rubrik"
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps({"renamed-question": old})])
    page.reload()
    labels = TEXT["brief"][lang]
    block = page.locator(".brief__orphans")
    assert block.is_visible()
    assert labels["orphans_title"] in block.inner_text()
    field = block.get_by_role("textbox", name=labels["orphan_label"].format(id="renamed-question"))
    assert field.input_value() == old
    assert field.get_attribute("readonly") is not None
    assert block.locator("b").count() == 0  # shown as text

    page.fill("#brief-organisation", "Ateljé Öst AB")  # a keystroke elsewhere keeps it
    assert stored(page, KEY)["renamed-question"] == old
    page.reload()
    assert page.locator(".brief__orphans textarea").input_value() == old

    block.get_by_role("button", name=labels["orphan_copy"]).click()
    page.wait_for_function("t => document.querySelector('.brief__status').textContent === t", arg=labels["orphan_copied"])
    assert page.evaluate("navigator.clipboard.readText()") == old
    with page.expect_download() as info:
        page.locator('[data-brief-action="markdown"]').click()
    assert old in answers_in_markdown(Path(info.value.path()).read_text("utf-8")).values()


# Downloads give back exactly what was typed ---------------------------------------------

TRICKY = {
    "organisation": "# Inte en rubrik",
    "goal": "* inte en punkt\n**inte fet**\n\n1. inte en lista",
    "audience": "<script>alert(1)</script> & <b>fet</b>",
    "tried-before": "Kod: ```\nmer kod ```` här\n    indragen rad",
    "deadline": "_kursiv_? [länk](http://example.com) \\ | > citat",
}


@pytest.mark.parametrize("kind", ["markdown", "text"])
def test_downloads_give_back_every_answer_exactly(watched, server, kind):
    page = watched().page()
    page.goto(server + "/brief/")
    show_all_brief_questions(page)
    for qid, text in TRICKY.items():
        page.fill(f"#brief-{qid}", text)
    with page.expect_download() as info:
        page.locator(f'[data-brief-action="{kind}"]').click()
    text = Path(info.value.path()).read_text("utf-8")
    found = answers_in_markdown(text) if kind == "markdown" else answers_in_text(text)
    for qid, answer in TRICKY.items():
        label = page.locator(f"#q-{qid} .brief__label").inner_text().strip()
        assert found[label] == answer, qid
    if kind == "markdown":
        html = markdown_lib.markdown(text, extensions=["fenced_code"])
        assert html.count("<h1>") == 1 and "<script>" not in html and "<b>" not in html
        assert "<ul>" not in html and "<ol>" not in html and "<strong>" not in html


# JavaScript turned off ---------------------------------------------------------------------

DEAD_CONTROLS = "article button, article [data-brief-action], article .checklist__tools"


@pytest.mark.parametrize(
    "path, lang, notice",
    [
        ("/brief/", "sv", TEXT["brief"]["sv"]["no_js"]),
        ("/en/brief/", "en", TEXT["brief"]["en"]["no_js"]),
        ("/revisions/", "sv", TEXT["checklists"]["sv"]["no_js"]),
        ("/en/checklists/", "en", TEXT["checklists"]["en"]["no_js"]),
    ],
)
def test_without_javascript_the_page_says_what_works_and_shows_no_dead_control(watched, server, path, lang, notice):
    page = watched(java_script_enabled=False).page()
    page.goto(server + path)
    shown = page.get_by_text(notice, exact=True)
    assert shown.count() == 1 and shown.is_visible()
    assert shown.evaluate("(node, lang) => node.closest('[lang]').lang === lang", lang)
    for control in page.locator(DEAD_CONTROLS).all():
        assert not control.is_visible(), control.evaluate("node => node.outerHTML.slice(0, 120)")
    if "brief" in path:
        # "saved in this browser" and "copy, download or mail" are not promised
        for key in ("local", "send_text"):
            promise = page.get_by_text(TEXT["brief"][lang][key], exact=True)
            assert promise.count() == 1 and not promise.is_visible(), key
        assert page.get_by_text(TEXT["brief"][lang]["no_js_send"], exact=True).is_visible()


@pytest.mark.parametrize("path", ["/brief/", "/revisions/"])
def test_with_javascript_the_no_javascript_notices_are_not_shown(watched, server, path):
    page = watched().page()
    page.goto(server + path)
    for labels in (TEXT["brief"]["sv"], TEXT["checklists"]["sv"]):
        assert not page.get_by_text(labels["no_js"], exact=True).is_visible()
    assert page.locator("noscript").count() == (2 if "brief" in path else 1)  # there for readers without it


# Storage blocked or full ----------------------------------------------------------------------

STORAGE_FAULTS = {
    # cookies and site data blocked: even reading window.localStorage throws
    "blocked": """Object.defineProperty(window, 'localStorage', {
        configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });""",
    # storage present but refusing every read and write
    "refusing": """Storage.prototype.getItem = function () { throw new DOMException('denied', 'SecurityError'); };
        Storage.prototype.setItem = function () { throw new DOMException('denied', 'SecurityError'); };""",
    # storage full: reads work, writes fail
    "full": """Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };""",
}


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("fault", STORAGE_FAULTS)
def test_storage_that_cant_keep_anything_is_said_once_and_breaks_nothing(watched, server, fault, lang):
    page = watched().page(STORAGE_FAULTS[fault])

    page.goto(f"{server}/{PREFIX[lang]}revisions/")
    boxes = page.locator("#checklist-revisions input.checklist__box")
    boxes.nth(0).check()
    boxes.nth(1).check()
    notice = page.get_by_text(TEXT["checklists"][lang]["not_saved"], exact=True)
    assert notice.count() == 1 and notice.is_visible()
    assert ticked(page, "revisions")  # the ticks stay on the page
    toggle = page.locator("label[for^='__palette']:visible")  # the theme's dark-mode toggle still works
    assert toggle.count() == 1
    toggle.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"

    page.goto(f"{server}/{PREFIX[lang]}brief/")
    page.fill("#brief-organisation", "Ateljé Öst AB")
    page.fill("#brief-goal", "Fler anmälningar")
    notice = page.get_by_text(TEXT["brief"][lang]["not_saved"], exact=True)
    assert notice.count() == 1 and notice.is_visible()
    promise = page.get_by_text(TEXT["brief"][lang]["local"], exact=True)
    assert promise.count() == 1 and not promise.is_visible()  # no false promise


@pytest.mark.parametrize("path", ["/", "/en/brief/", "/checklists/"])
def test_the_theme_palette_never_throws_when_storage_is_blocked(watched, server, path):
    page = watched(color_scheme="dark").page(STORAGE_FAULTS["blocked"])
    page.goto(server + path)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert page.locator("label[for^='__palette']:visible").count() == 1


# Copy link --------------------------------------------------------------------------------------


def test_copy_link_leaves_out_the_query_string_and_any_old_anchor(watched, server):
    page = watched(permissions=["clipboard-read", "clipboard-write"]).page()
    page.goto(server + "/en/clients/prepayment/?utm_source=mail&q=förskott#top")
    page.locator("#staged-payment .copy-link").click()
    page.wait_for_function("() => [...document.querySelectorAll('[role=status]')].some(s => s.textContent)")
    assert page.evaluate("navigator.clipboard.readText()") == f"{server}/en/clients/prepayment/#staged-payment"
