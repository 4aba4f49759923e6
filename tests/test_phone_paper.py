"""What a new reader runs into on a phone, on paper and with the keyboard only,
checked in Debian's Chromium: a visible focus on every focusable element,
text sizes on a phone, the home page's first screen, the language switch
keeping the #id, and printed A4 PDFs (read back with pdf_tools's pdftotext)
that never end on an empty page or a lone heading and show the ticks as
they are on screen.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import PREFIX, TEXT
from test_checklists import ids

# One page of each kind the site has (both languages are built from the same templates).
PAGE_TYPES = {
    "home": "/",
    "topic": "/revisions/",  # checklist, dialogue, table
    "all-checklists": "/checklists/",
    "brief": "/brief/",
    "client": "/clients/pricing/",
    "glossary": "/glossary/",
    "404": "/404.html",
}
PHONE = {"width": 390, "height": 844}
STILL = "*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }"


def normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"-\s*", "", " ".join(text.split())).rstrip("#¶ ").strip()  # pdftotext joins "e-" + "mail" into "email"


# Keyboard -----------------------------------------------------------------------

# The focused element's box, with its labels, a little wider for an outline
# (null when focus has left the page's elements; a hidden element, such as the
# palette's radio, is judged by the whole window), its kind, and the styles
# that can show focus on it and its labels.
STYLE = """el => [el, ...(el.labels || [])].map(e => {
  const cs = getComputedStyle(e);
  return [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.boxShadow, cs.backgroundColor, cs.color,
          cs.textDecorationLine, cs.borderColor, cs.opacity].join(" ");
}).join(" | ")"""
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  el.dataset.focusSeen = el.dataset.focusSeen ? "again" : "once";
  const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " " + (el.textContent || el.value || "").trim().slice(0, 40);
  const kind = el.tagName + " " + [...el.classList].filter(c => c !== "focus-visible").sort().join(".") + " < " + el.parentElement.className;
  const result = {name, kind, again: el.dataset.focusSeen === "again", style: (%s)(el), clip: null};
  const boxes = [el, ...(el.labels || [])].map(e => e.getBoundingClientRect()).filter(r => r.width && r.height);
  if (!boxes.length) return result;
  const left = Math.max(0, Math.min(...boxes.map(r => r.left)) - 6);
  const top = Math.max(0, Math.min(...boxes.map(r => r.top)) - 6);
  const right = Math.min(innerWidth, Math.max(...boxes.map(r => r.right)) + 6);
  const bottom = Math.min(innerHeight, Math.max(...boxes.map(r => r.bottom)) + 6);
  if (right > left && bottom > top) result.clip = {x: left, y: top, width: right - left, height: bottom - top};
  return result;
}""" % STYLE


def unfocused_elements(page) -> tuple[int, list[str]]:
    """Tab through the page; each element must look different focused and blurred.

    An element is compared pixel by pixel, unless an element of its kind (tag,
    classes, parent) with the same focused style has already passed that way:
    then its focus-drawing styles must change when it is blurred."""
    count, invisible, verified = 0, [], set()
    for _ in range(1000):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["again"]:
            break
        count += 1
        known = (focused["kind"], focused["style"]) in verified
        shot = None if known else page.screenshot(clip=focused["clip"]) if focused["clip"] else page.screenshot()
        # Blur, and the next Tab goes on from here.
        blurred_style = page.evaluate(f"() => {{ const el = document.activeElement; el.blur(); return ({STYLE})(el); }}")
        if known:
            visible = blurred_style != focused["style"]
        else:
            visible = shot != (page.screenshot(clip=focused["clip"]) if focused["clip"] else page.screenshot())
            if visible and blurred_style != focused["style"]:
                verified.add((focused["kind"], focused["style"]))
        if not visible:
            invisible.append(focused["name"])
    return count, invisible


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_focusable_element_shows_its_focus(browser, server, kind, palette):
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, color_scheme=palette, reduced_motion="reduce", bypass_csp=True
    )
    try:
        page = context.new_page()
        page.goto(server + PAGE_TYPES[kind])
        page.add_style_tag(content=STILL)
        count, invisible = unfocused_elements(page)
    finally:
        context.close()
    assert count >= 10, f"only {count} focusable elements reached with Tab on {kind}"
    assert not invisible, f"{kind} ({palette}): focus shows nothing on {invisible}"


# Phone ----------------------------------------------------------------------------

SIZES = """() => {
  const sizes = [];
  const add = (el, kind) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!n.textContent.trim() || !parent.getClientRects().length) continue;
      if (parent.closest(".visually-hidden, .copy-link, .headerlink")) continue;
      sizes.push([kind, parseFloat(getComputedStyle(parent).fontSize), n.textContent.trim().slice(0, 40)]);
    }
  };
  const article = document.querySelector("article") || document.querySelector("main");  // the whole guide has no article
  article.querySelectorAll(":scope > p, :scope > ul > li, :scope > ol > li").forEach(el => add(el, "body"));
  article.querySelectorAll(".admonition, details").forEach(el => add(el, "admonition"));
  article.querySelectorAll("table").forEach(el => add(el, "table"));
  return sizes;
}"""


def luminance(colour: str) -> float:
    r, g, b, *alpha = [float(x) for x in re.findall(r"[\d.]+", colour)]
    a = alpha[0] if alpha else 1.0
    channels = [(c * a + 255 * (1 - a)) / 255 for c in (r, g, b)]  # over the white page
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(colour: str) -> float:
    return 1.05 / (luminance(colour) + 0.05)


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def test_body_admonition_and_table_text_is_16px_on_a_phone(phone, server, built_site):
    kinds = set()
    for html in sorted(built_site.rglob("*.html")):
        path = "/" + html.relative_to(built_site).as_posix().removesuffix("index.html")
        phone.goto(server + path)
        for kind, size, text in phone.evaluate(SIZES):
            kinds.add(kind)
            assert size >= 16, f"{path}: {kind} text {text!r} is {size} px"
    assert kinds == {"body", "admonition", "table"}, kinds  # the site has all three, so all three were checked


@pytest.mark.parametrize("path", ["/", "/revisions/", "/en/clients/pricing/"])
def test_page_title_is_as_dark_as_the_text(phone, server, path):
    phone.goto(server + path)
    title, text = phone.evaluate(
        "[getComputedStyle(document.querySelector('article h1')).color,"
        " getComputedStyle(document.querySelector('article > p')).color]"
    )
    assert contrast(title) >= 4.5 and contrast(title) >= contrast(text) - 0.01, (title, text)


@pytest.mark.parametrize("width", [390, 360])
@pytest.mark.parametrize("path", ["/", "/en/"])
def test_site_name_is_not_cut_on_a_phone(browser, server, path, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(server + path)
        name = page.locator(".md-header__topic:first-child .md-ellipsis")
        cut = name.evaluate("el => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1")
        box, header = name.bounding_box(), page.locator(".md-header").bounding_box()
    finally:
        context.close()
    assert not cut, f"the site name is cut at {width} px"
    assert box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"] + 0.5


def test_copy_link_stays_on_the_last_line_of_its_heading(phone, server):
    checked = 0
    for path in ["/revisions/", "/en/revisions/", "/principles/", "/en/clients/prepayment/"]:
        phone.goto(server + path)
        for heading in phone.locator("article .has-copy-link").all():
            lines = heading.evaluate(
                """h => { const range = document.createRange(); range.selectNodeContents(h);
                   const button = h.querySelector('.copy-link').getBoundingClientRect();
                   const text = [...range.getClientRects()].filter(r => r.width > 1 && !(r.left >= button.left - 1 && r.right <= button.right + 1 && r.top >= button.top - 1));
                   const last = text.reduce((a, r) => r.bottom > a.bottom ? r : a);
                   return {button: {top: button.top, bottom: button.bottom, left: button.left}, last: {top: last.top, bottom: last.bottom, right: last.right}}; }"""
            )
            button, last = lines["button"], lines["last"]
            middle = (button["top"] + button["bottom"]) / 2
            assert last["top"] <= middle <= last["bottom"] + 2, (path, heading.inner_text(), lines)
            assert button["left"] >= last["right"] - 1, (path, heading.inner_text(), lines)
            checked += 1
    assert checked > 10


def test_language_menu_marks_the_current_language(page, server):
    for path, lang in [("/principles/", "sv"), ("/en/principles/", "en")]:
        page.goto(server + path)
        current = page.locator(".md-select__link[aria-current=page]")
        assert current.count() == 1 and current.get_attribute("hreflang") == lang
        marks = page.locator(".md-select__link").evaluate_all(
            "links => links.map(a => getComputedStyle(a, '::before').content + '|' + getComputedStyle(a).fontWeight)"
        )
        assert len(set(marks)) == 2, marks  # the current one looks different from the others


CUT_UNDER_TITLE = """async (sidebar) => {
  const wrap = document.querySelector(`.md-sidebar--${sidebar} .md-sidebar__scrollwrap`);
  const title = wrap.querySelector(".md-nav__title");
  const cut = [];
  let scrolled = 0;
  for (let y = 5; y < Math.min(wrap.scrollHeight - wrap.clientHeight, 400); y += 7) {
    wrap.scrollTop = y;
    await new Promise(resolve => setTimeout(resolve, 150));
    scrolled = Math.max(scrolled, wrap.scrollTop);
    const edge = title.getBoundingClientRect().bottom;
    for (const link of wrap.querySelectorAll(".md-nav__link")) {
      const box = link.getBoundingClientRect();
      if (box.height && box.top < edge - 1 && box.bottom > edge + 1) cut.push(`${y}: ${link.textContent.trim()}`);
    }
  }
  return {scrolled, cut};
}"""


@pytest.mark.parametrize("sidebar", ["primary", "secondary"])
def test_sticky_sidebar_title_never_rests_over_a_cut_item(browser, server, sidebar):
    context = browser.new_context(viewport={"width": 1280, "height": 420})
    try:
        page = context.new_page()
        page.goto(server + "/checklists/")
        result = page.evaluate(CUT_UNDER_TITLE, sidebar)
    finally:
        context.close()
    assert result["scrolled"] > 50, "the sidebar did not scroll: make the window shorter"
    assert not result["cut"], f"items cut in half under the {sidebar} sidebar's title: {result['cut'][:5]}"


# Home page --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", PREFIX)
def test_home_page_ways_in_are_on_the_first_phone_screen(phone, server, lang):
    phone.goto(f"{server}/{PREFIX[lang]}")
    targets = {
        "freelancers": "#freelancers",
        "clients": "#clients",
        "principles": "article a[href='principles/']",
        "topics": "article a[href='#topics']",
        "client section": "article a[href='clients/']",
        "checklists": "article a[href='checklists/']",
        "brief": "article a[href='brief/']",
    }
    for name, selector in targets.items():
        box = phone.locator(selector).first.bounding_box()
        assert box and box["y"] + box["height"] <= PHONE["height"], f"{name} is not on the first screen ({lang}): {box}"


# Language switch ------------------------------------------------------------------------


def switch_language(page, lang: str) -> None:
    """Open the language menu and click a language where it shows, as a reader would
    (Playwright's own click may scroll the page first)."""
    page.locator(".md-select").hover()
    link = page.locator(f".md-select__link[hreflang={lang}]")
    link.wait_for(state="visible")
    page.wait_for_timeout(300)  # the menu's fade-in
    box = link.bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def heading_on_screen(page, element_id: str) -> bool:
    return page.evaluate(
        "id => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }",
        element_id,
    )


@pytest.mark.parametrize(("path", "other"), [("/revisions/", "en"), ("/en/checklists/", "sv"), ("/en/clients/revisions/", "sv")])
def test_language_switch_lands_on_the_same_id(page, server, path, other):
    page.goto(server + path)
    heading_ids = page.locator("article :is(h2, h3)[id]").evaluate_all("all => all.map(h => h.id)")
    assert len(heading_ids) >= 2
    for element_id in (heading_ids[1], heading_ids[-1]):
        # From a deep link.
        page.goto(f"{server}{path}#{element_id}")
        switch_language(page, other)
        assert page.url.endswith(f"#{element_id}") and heading_on_screen(page, element_id), (page.url, element_id)
        assert page.evaluate("document.documentElement.lang") == other
        # From a heading scrolled to the top, without an #id in the address.
        page.goto(server + path)
        top = page.evaluate("id => { const h = document.getElementById(id); h.scrollIntoView(); return h.getBoundingClientRect().top; }", element_id)
        if abs(top) > 1:
            continue  # too near the end of the page to reach the top
        switch_language(page, other)
        assert page.url.endswith(f"#{element_id}") and heading_on_screen(page, element_id), (page.url, element_id)
    # At the top of the page, the top of the other page: no #id.
    page.goto(server + path)
    switch_language(page, other)
    assert "#" not in page.url


# Paper ----------------------------------------------------------------------------------

# Texts that act as headings on paper: a page may not end with one or hold only them.
HEADINGS = """() => [...document.querySelectorAll(
  "article :is(h1, h2, h3, h4, h5, h6), .checklist__title, .checklist__group, .dialogue__context, .dialogue__verdict, .dialogue__turns dt"
)].map(el => el.textContent)"""
# Titles that print at the top of a page of their own: a checklist, the practice page's answers.
FORCED = """() => [...document.querySelectorAll(".checklist__title, .practice__key h2")].map(el => el.textContent)"""


def pdf_lines(pdf: bytes, tmp_path: Path) -> list[dict]:
    """Per page: its lines of text, top to bottom, and how far down the page the text reaches (0..1)."""
    path = tmp_path / "print.pdf"
    path.write_bytes(pdf)
    xhtml = subprocess.run(
        ["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in ET.fromstring(xhtml).iterfind(".//x:page", ns):
        height = float(page.get("height"))
        lines = []
        for line in page.iterfind(".//x:line", ns):
            words = [word.text or "" for word in line.iterfind("x:word", ns)]
            lines.append((float(line.get("yMin")), float(line.get("yMax")), float(line.get("xMin")), normal(" ".join(words))))
        lines.sort()
        pages.append(
            {
                "lines": [text for *_, text in lines if text],
                "boxes": lines,
                "reach": max((bottom for _, bottom, *_ in lines), default=0) / height,
            }
        )
    return pages


def ends_with_heading(lines: list[str], headings: set[str]) -> str | None:
    for count in range(1, 4):
        tail = normal(" ".join(lines[-count:]))
        if tail in headings:
            return tail
    return None


def only_headings(lines: list[str], headings: set[str]) -> bool:
    text = normal(" ".join(lines))
    for heading in sorted(headings, key=len, reverse=True):
        text = text.replace(heading, " ")
    return not text.strip()


def paper_problems(page, pdf: bytes, tmp_path: Path, what: str) -> tuple[list[dict], list[str]]:
    """Empty pages, pages of headings only, pages ending on a heading, pages left half empty."""
    headings = {normal(text) for text in page.evaluate(HEADINGS)} - {""}
    forced = {normal(text) for text in page.evaluate(FORCED)}
    pages = pdf_lines(pdf, tmp_path)
    problems = [] if pages else [f"{what}: no pages"]
    for number, sheet in enumerate(pages, 1):
        lines = sheet["lines"]
        if not lines:
            problems.append(f"{what}: page {number} of {len(pages)} is empty")
        elif only_headings(lines, headings):
            problems.append(f"{what}: page {number} holds only a heading: {lines}")
        if number == len(pages) or not lines:
            continue
        heading = ends_with_heading(lines, headings)
        if heading:
            problems.append(f"{what}: page {number} ends with the heading {heading!r}")
        next_starts_a_checklist = any(" ".join(pages[number]["lines"][:3]).startswith(title) for title in forced)
        if not next_starts_a_checklist and sheet["reach"] < 0.75:
            problems.append(f"{what}: page {number} is left {1 - sheet['reach']:.0%} empty")
    return pages, problems


def check_paper(page, pdf: bytes, tmp_path: Path, what: str) -> list[dict]:
    pages, problems = paper_problems(page, pdf, tmp_path, what)
    assert not problems, "\n".join(problems)
    return pages


def printable_pages(site: Path) -> list[str]:
    """Every page a reader can print: all built pages but the 404s."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if not relative.endswith("404.html"):
            paths.append("/" + relative.removesuffix("index.html"))
    return paths


@pytest.fixture(scope="module")
def printer(browser):
    """One page object prints every PDF of this module."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(
        "window.print = () => { window.printed = document.querySelector('.checklist--printing')?.id || 'page'; };"
    )
    yield page
    context.close()


def test_no_printed_page_is_empty_or_ends_on_a_heading(printer, server, built_site, pdf_tools, tmp_path):
    paths = printable_pages(built_site)
    assert len(paths) >= 40 and "/brief/" in paths and "/en/checklists/" in paths
    problems = []
    for path in paths:
        printer.goto(server + path)
        problems += paper_problems(printer, printer.pdf(prefer_css_page_size=True), tmp_path, path)[1]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", PREFIX)
def test_filled_brief_prints_without_an_empty_or_heading_only_page(printer, server, pdf_tools, tmp_path, lang):
    printer.goto(f"{server}/{PREFIX[lang]}brief/")
    fields = printer.locator("article textarea:visible, article input[type=text]:visible")  # optional parts stay closed
    assert fields.count() >= 5
    for index in range(fields.count()):
        fields.nth(index).fill("Ett svar på två rader,\nmed lite mer text på den andra raden. " * 2)
    check_paper(printer, printer.pdf(prefer_css_page_size=True), tmp_path, f"filled brief ({lang})")


@pytest.mark.parametrize("lang", PREFIX)
def test_each_checklist_printed_alone_is_one_full_page(printer, server, pdf_tools, tmp_path, lang):
    for cid in ids():
        printer.goto(f"{server}/{PREFIX[lang]}checklists/")
        printer.locator(f"#checklist-{cid} button[data-action=print]").click()
        assert printer.evaluate("window.printed") == f"checklist-{cid}"
        pages = check_paper(printer, printer.pdf(prefer_css_page_size=True), tmp_path, f"{cid} ({lang})")
        assert len(pages) == 1, f"{cid} ({lang}) prints on {len(pages)} pages"
        assert pages[0]["reach"] > 0.8, f"{cid} ({lang}) leaves the bottom of its page empty: no room made for a pen"


def ticked_items(sheet: dict) -> list[str]:
    """The text printed on the row of each tick, to its right."""
    items = []
    for top, bottom, left, text in sheet["boxes"]:
        if text.startswith("✓"):
            middle = (top + bottom) / 2
            row = [t for y0, y1, x0, t in sheet["boxes"] if y0 <= middle <= y1 and x0 > left and t != "✓"]
            items.append(normal(text.removeprefix("✓") + " " + " ".join(row)))
    return items


@pytest.mark.parametrize("lang", PREFIX)
def test_ticks_print_as_they_are_on_screen(printer, server, pdf_tools, tmp_path, lang):
    labels = TEXT["checklists"][lang]
    printer.goto(f"{server}/{PREFIX[lang]}revisions/")
    printer.evaluate("localStorage.clear()")
    printer.reload()
    section = printer.locator("#checklist-revisions")
    texts = section.locator(".checklist__text").all_inner_texts()

    # Blank on purpose: no tick, and the sheet says so.
    section.locator("button[data-action=print]").click()
    [sheet] = pdf_lines(printer.pdf(prefer_css_page_size=True), tmp_path)
    text = " ".join(sheet["lines"])
    assert "✓" not in text and normal(labels["blank"]) in text and normal(labels["ticked"]) not in text

    # Ticked on screen: the same boxes are ticked on paper, and the sheet says whose ticks they are.
    for index in (0, 2, len(texts) - 1):
        section.locator(".checklist__text").nth(index).click()
    wanted = [normal(texts[index]) for index in (0, 2, len(texts) - 1)]
    section.locator("button[data-action=print]").click()
    [sheet] = pdf_lines(printer.pdf(prefer_css_page_size=True), tmp_path)
    text = " ".join(sheet["lines"])
    assert text.count("✓") == 3, sheet["lines"]
    assert [item[:25] for item in ticked_items(sheet)] == [want[:25] for want in wanted], sheet["lines"]
    assert normal(labels["ticked"]) in text and normal(labels["blank"]) not in text

    # The ticks are the same on the all-checklists page's printout, on this checklist's page only.
    printer.goto(f"{server}/{PREFIX[lang]}checklists/")
    pages = pdf_lines(printer.pdf(prefer_css_page_size=True), tmp_path)
    ticked = [number for number, sheet in enumerate(pages) if "✓" in " ".join(sheet["lines"])]
    order = printer.locator("section.checklist").evaluate_all("all => all.map(s => s.dataset.checklist)")
    assert ticked == [order.index("revisions")], ticked
    printer.evaluate("localStorage.clear()")


# All-checklists page ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", PREFIX)
def test_all_checklists_page_starts_with_a_jump_list_in_plain_words(phone, server, lang):
    phone.goto(f"{server}/{PREFIX[lang]}checklists/")
    jump = phone.locator(".checklists-all__index a")
    assert jump.count() == len(ids())
    first = jump.first.bounding_box()
    assert first["y"] + first["height"] <= PHONE["height"], "the jump list does not start on the first screen of a phone"
    for index in range(jump.count()):
        target = jump.nth(index).get_attribute("href")
        assert phone.locator(target).count() == 1, target
    jump.last.click()
    top = phone.locator(jump.last.get_attribute("href")).evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"] / 2, top
    # Before the first checklist, no word a non-technical reader would have to look up.
    before = phone.evaluate(
        "() => { const range = document.createRange(); range.setStartBefore(document.querySelector('article'));"
        " range.setEndBefore(document.querySelector('section.checklist')); return range.toString(); }"
    )
    for word in ("Markdown", "JSON", ".md", ".json"):
        assert word not in before, f"{word!r} before the first checklist ({lang})"
