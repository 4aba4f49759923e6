"""Checklists in Debian's Chromium: ticks that survive a reload and a language
switch, the count, untick all, accessibility, and what comes out on paper
(A4 PDFs read back with poppler's pdftotext)."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from conftest import PREFIX, TEXT
from test_checklists import ids, load, sections

PAGE = "/revisions/"  # a checklist with group headings and a hint
CID = "revisions"
CID_TWO = "conflicts"  # on /conflicts/ with "after-a-call"


@pytest.fixture(scope="session")
def published(built_site) -> dict[str, dict]:
    """checklists.json by id, each with the local path of its page per language."""
    data = json.loads((built_site / "checklists.json").read_text("utf-8"))
    return {
        entry["id"]: {**entry, "path": {lang: "/" + url[len(data["site"]):] for lang, url in entry["url"].items()}}
        for entry in data["checklists"]
    }


def boxes(page, cid: str = CID) -> dict[str, bool]:
    section = page.locator(f"#checklist-{cid}")
    return dict(
        section.locator("input.checklist__box").evaluate_all("all => all.map(b => [b.dataset.item, b.checked])")
    )


def stored_ticks(page, cid: str = CID) -> set[str]:
    """The item ids stored as ticked (storage.js: {"version": 2, "entries": {id: {value, time}}})."""
    data = json.loads(page.evaluate(f"localStorage.getItem('checklist:{cid}')"))
    return {item for item, entry in data["entries"].items() if entry["value"] is True}


# Headless Chromium has no print dialog: record what window.print() would print,
# then page.pdf() renders it with the print stylesheet.
RECORD_PRINT = "window.print = () => { window.printed = document.querySelector('.checklist--printing')?.id; };"


def progress(page, cid: str = CID) -> str:
    return page.locator(f"#checklist-{cid} .checklist__progress").inner_text()


# On screen ----------------------------------------------------------------------


def test_ticks_survive_reload_and_language_switch_until_unticked(page, server):
    page.goto(server + PAGE)
    total = len(boxes(page))
    assert progress(page) == f"0 av {total} klara"

    page.locator('label[for="checklist-revisions--item-improvements-included"]').click()  # by mouse, on the label
    page.locator("#checklist-revisions--item-ask-what-and-why").focus()
    page.keyboard.press("Space")  # by keyboard
    ticked = {"improvements-included", "ask-what-and-why"}
    assert {item for item, on in boxes(page).items() if on} == ticked
    assert progress(page) == f"2 av {total} klara"
    assert stored_ticks(page) == ticked

    page.reload()
    assert {item for item, on in boxes(page).items() if on} == ticked
    assert progress(page) == f"2 av {total} klara"

    page.locator('.md-select__link[hreflang="en"]').first.evaluate("a => a.click()")
    page.wait_for_url(re.compile(r"/en/revisions/(#[\w-]+)?$"))  # at the heading read (language-switch.js)
    assert {item for item, on in boxes(page).items() if on} == ticked
    assert progress(page) == f"2 of {total} done"

    page.goto(server + "/en/checklists/")  # the same checklist on the all-checklists page
    assert {item for item, on in boxes(page).items() if on} == ticked

    page.get_by_role("button", name="Untick all").and_(
        page.locator("#checklist-revisions button")
    ).click()
    assert not any(boxes(page).values())
    assert progress(page) == f"0 of {total} done"
    assert stored_ticks(page) == set()

    page.goto(server + PAGE)
    assert not any(boxes(page).values())


def test_untick_all_clears_only_its_own_checklist(page, server):
    page.goto(server + "/conflicts/")  # two checklists on one page
    page.locator("#checklist-after-a-call input.checklist__box").first.check()
    page.locator("#checklist-conflicts input.checklist__box").first.check()
    page.locator("#checklist-conflicts button[data-action=reset]").click()
    assert sum(boxes(page, "after-a-call").values()) == 1
    assert sum(boxes(page, "conflicts").values()) == 0


@pytest.mark.parametrize("lang", PREFIX)
def test_untick_all_is_disabled_at_zero_and_can_be_undone(page, server, lang):
    labels = TEXT["checklists"][lang]
    page.goto(f"{server}/{PREFIX[lang]}conflicts/")  # two checklists: the undo is per checklist
    section = page.locator(f"#checklist-{CID_TWO}")
    reset = section.get_by_role("button", name=labels["reset"], exact=True)
    undo = section.get_by_role("button", name=labels["undo"], exact=True)
    assert reset.is_disabled() and undo.count() == 0  # nothing ticked: nothing to untick
    section.locator("input.checklist__box").nth(0).check()
    section.locator("input.checklist__box").nth(2).check()
    page.locator("#checklist-after-a-call input.checklist__box").first.check()
    before = boxes(page, CID_TWO)
    assert reset.is_enabled()

    reset.focus()
    page.keyboard.press("Enter")
    assert not any(boxes(page, CID_TWO).values())
    assert reset.is_disabled()
    assert undo.is_visible()
    assert undo.evaluate("button => button === document.activeElement")  # focus is not lost
    assert undo.evaluate("button => button.matches(':focus-visible')")
    assert stored_ticks(page, CID_TWO) == set()
    assert sum(boxes(page, "after-a-call").values()) == 1  # the other checklist is untouched
    page.keyboard.press("Enter")  # undo
    assert boxes(page, CID_TWO) == before
    assert stored_ticks(page, CID_TWO) == {item for item, on in before.items() if on}
    assert undo.count() == 0 and reset.is_enabled()
    assert reset.evaluate("button => button === document.activeElement")
    page.reload()
    assert boxes(page, CID_TWO) == before

    reset.click()
    section.locator("input.checklist__box").nth(1).check()  # a new tick ends the chance to undo
    assert undo.count() == 0


def test_without_javascript_a_plain_list_of_labelled_boxes(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server + PAGE)
        section = page.locator(f"#checklist-{CID}")
        assert section.locator(".checklist__tools").is_hidden()
        assert section.get_by_role("button").count() == 0  # hidden: not in the accessibility tree
        expected = [item["text"]["sv"] for _, items in sections(load(CID)) for item in items]
        for text in expected:
            assert section.get_by_role("checkbox", name=text, exact=True).is_visible()
        section.get_by_text(expected[0], exact=True).click()
        assert section.get_by_role("checkbox", name=expected[0], exact=True).is_checked()
        assert section.locator(".checklist__download").is_visible()
    finally:
        context.close()


def test_print_button_prints_only_its_checklist_and_then_restores_the_page(page, server):
    page.add_init_script(RECORD_PRINT)
    page.goto(server + "/conflicts/")
    page.locator("#checklist-conflicts button[data-action=print]").click()
    assert page.evaluate("window.printed") == "checklist-conflicts"
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert page.locator(".checklist--printing, .checklist-printing").count() == 0


# On paper -----------------------------------------------------------------------


def normal(text: str) -> str:
    """Text as comparable between the page and pdftotext: NFKC, one space, no hyphens
    (pdftotext joins "e-" at a line end and "mail" on the next into "email"), apostrophes
    as the build typesets them (’)."""
    text = unicodedata.normalize("NFKC", text).replace("'", "’")
    return re.sub(r"-\s*", "", " ".join(text.split()))


def pdf_pages(page, tmp_path: Path) -> list[str]:
    """Print the page to PDF the way a browser does; return each page's text. Asserts A4."""
    path = tmp_path / "print.pdf"
    path.write_bytes(page.pdf(prefer_css_page_size=True))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, info  # A4: 210 x 297 mm
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) == int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return pages


def printed_text(cid: str, lang: str, entry: dict, on_topic_page: bool = True) -> list[str]:
    """Everything a printed checklist must show: title, purpose, groups, items, hints, its address."""
    data = load(cid)
    texts = [data["title"][lang], entry["url"][lang].split("://", 1)[1]]
    texts += [TEXT["checklists"][lang]["checklist"] + ":"] if on_topic_page else []
    texts += [data["purpose"][lang]] if "purpose" in data else []
    for item in data["items"]:
        texts.append(item["title"][lang] if "group" in item else item["text"][lang])
        texts += [item["hint"][lang]] if "hint" in item else []
    return texts


SCREEN_ONLY = """() => {
  const texts = new Set();
  const add = (text) => { text = (text || "").replace(/\\s+/g, " ").trim(); if (text) texts.add(text); };
  document.querySelectorAll(
    ".md-header__topic, .md-nav__link, .md-footer__direction, .md-footer__title, .md-copyright, " +
    ".checklist__tools button, .checklist__progress, .checklist__download, .md-content h1, " +
    "section.checklist:not(.checklist--printing) .checklist__title"
  ).forEach((element) => add(element.textContent));
  add(document.querySelector(".search-dialog__input").placeholder);
  return [...texts];
}"""


def assert_no_screen_text(pdf_text: str, screen_only: list[str], printable: list[str]):
    printable_text = normal(" ".join(printable))
    lines = {normal(line) for line in pdf_text.splitlines()}
    checked = [s for s in map(normal, screen_only) if s not in printable_text]
    assert len(checked) >= 5, checked
    for text in checked:
        found = text in normal(pdf_text) if len(text) >= 8 else text in lines
        assert not found, f"screen-only text {text!r} is on paper"


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("cid", ids())
def test_print_this_checklist_gives_one_clean_a4_page(page, server, published, pdf_tools, tmp_path, cid, lang):
    entry = published[cid]
    page.add_init_script(RECORD_PRINT)
    page.goto(server + entry["path"][lang])
    screen_only = page.evaluate(SCREEN_ONLY.replace(":not(.checklist--printing)", f":not(#checklist-{cid})"))
    page.locator(f"#checklist-{cid} button[data-action=print]").click()
    assert page.evaluate("window.printed") == f"checklist-{cid}"

    pages = pdf_pages(page, tmp_path)

    assert len(pages) == 1, f"{cid} ({lang}) prints on {len(pages)} pages"
    for text in printed_text(cid, lang, entry):
        assert normal(text) in normal(pages[0]), f"{text!r} missing from the printed {cid} ({lang})"
    assert_no_screen_text(pages[0], screen_only, printed_text(cid, lang, entry))


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("lang", PREFIX)
def test_all_checklists_page_prints_one_page_each(browser, server, published, pdf_tools, tmp_path, lang, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.goto(f"{server}/{PREFIX[lang]}checklists/")
        screen_only = page.evaluate(SCREEN_ONLY)
        screen_only += [page.locator(".checklists-all__data").text_content()]
        screen_only += page.locator(".md-content__inner > p").all_text_contents()  # the introduction
        pages = pdf_pages(page, tmp_path)
    finally:
        context.close()
    assert len(pages) == len(published)
    for text, cid in zip(pages, published, strict=True):
        printable = printed_text(cid, lang, published[cid], on_topic_page=False)
        for wanted in printable:
            assert normal(wanted) in normal(text), f"{wanted!r} not on the page of {cid} ({lang})"
        assert_no_screen_text(text, screen_only, printable)


SCREEN_CONTROLS = ("Bocka ur alla", "Skriv ut checklistan", TEXT["checklists"]["sv"]["download"], "Föregående", "Nästa")


def test_printing_a_topic_page_puts_each_checklist_on_its_own_last_pages(page, server, published, pdf_tools, tmp_path):
    page.goto(server + "/conflicts/")
    # The article's own words, without the checklists' buttons and links: a control's label may be
    # on paper only where the prose itself says it.
    prose = normal(page.locator("article").evaluate(
        """article => { const copy = article.cloneNode(true);
                        copy.querySelectorAll(".checklist__tools, .checklist__download, button").forEach(e => e.remove());
                        return copy.textContent; }"""))
    assert all(page.get_by_text(screen, exact=True).first.is_visible() for screen in SCREEN_CONTROLS[:3])
    pages = pdf_pages(page, tmp_path)
    assert len(pages) >= 3
    assert normal(page.locator("h1").inner_text().rstrip("#")) in normal(pages[0])
    for text, cid in zip(pages[-2:], ["after-a-call", "conflicts"], strict=True):
        printable = printed_text(cid, "sv", published[cid])
        for wanted in printable:
            assert normal(wanted) in normal(text), (cid, wanted)
    for number, text in enumerate(pages):
        for screen in SCREEN_CONTROLS:
            assert normal(screen) not in normal(text) or normal(screen) in prose, f"{screen!r} printed on page {number + 1}"
