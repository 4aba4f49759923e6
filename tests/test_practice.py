"""The practice page and the copy buttons (issue 18): the exercises agree with
the dialogues on the pages, bad dialogue data stops the build at its line, and
in Debian's Chromium a round works by keyboard, its progress survives a reload
and a language switch, copying gives the reply's clean text, and the worksheet
prints with the answers on its last page."""

from __future__ import annotations

import html
import json
import re
import subprocess

import pytest

from conftest import HOME, loads_asset, replace



def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def dialogues_on_pages(site, lang: str) -> dict[str, str]:
    """Dialogue id -> the first right reply, from every built page of a language but the practice page."""
    root = site / "en" if lang == "en" else site
    found = {}
    for path in sorted(root.rglob("index.html")):
        relative = path.relative_to(site).as_posix()
        if "practice/" in relative or (lang == "sv" and relative.startswith("en/")):
            continue
        for match in re.finditer(r'<figure class="dialogue" id="dialogue-([^"]+)"(.*?)</figure>', path.read_text("utf-8"), re.S):
            right = match.group(2).split("dialogue__side--right", 1)[1]
            reply = re.search(r'<p class="dialogue__reply">(.*?)</p>', right, re.S).group(1)
            found[match.group(1)] = text(reply)
    return found


def exercises_on_practice_page(site, lang: str) -> dict[str, dict]:
    page = (site / ("en/practice" if lang == "en" else "practice") / "index.html").read_text("utf-8")
    found = {}
    for match in re.finditer(r'<section class="practice__exercise" id="exercise-[^"]+" data-id="([^"]+)"(.*?)</section>', page, re.S):
        replies = re.findall(r'data-kind="(\w+)">.*?<span class="practice__text">(.*?)</span>', match.group(2), re.S)
        found[match.group(1)] = {kind: text(reply) for kind, reply in replies}
    return found


# The data ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", HOME)
def test_every_dialogue_on_the_site_is_an_exercise_with_the_same_right_reply(built_site, lang):
    dialogues = dialogues_on_pages(built_site, lang)
    exercises = exercises_on_practice_page(built_site, lang)
    assert len(dialogues) >= 14
    assert set(exercises) == set(dialogues)
    for did, reply in dialogues.items():
        assert exercises[did]["right"] == reply, did
        assert set(exercises[did]) == {"right", "wrong", "weak"}, f"{did}: a third, weak reply is missing"
        assert len(set(exercises[did].values())) == 3, f"{did}: two replies are the same"


@pytest.mark.parametrize("lang", HOME)
def test_each_exercise_links_to_its_heading_in_the_same_language(built_site, lang):
    folder = built_site / ("en/practice" if lang == "en" else "practice")
    links = re.findall(r'class="practice__more" href="([^"]+)"', (folder / "index.html").read_text("utf-8"))
    assert len(links) == len(exercises_on_practice_page(built_site, lang))
    for link in links:
        path, anchor = link.split("#")
        target = (folder / path / "index.html").resolve()
        assert target.is_file(), link
        assert target.relative_to(built_site.resolve()).as_posix().startswith("en/") == (lang == "en"), link
        assert f'id="{anchor}"' in target.read_text("utf-8"), link


def test_both_languages_have_the_same_exercises_in_the_same_order(built_site):
    assert list(exercises_on_practice_page(built_site, "sv")) == list(exercises_on_practice_page(built_site, "en"))


def test_the_right_reply_is_not_always_in_the_same_place(built_site):
    page = (built_site / "practice" / "index.html").read_text("utf-8")
    places = [
        [kind for kind in re.findall(r'<li class="practice__reply" data-kind="(\w+)"', section)].index("right")
        for section in re.findall(r'<section class="practice__exercise".*?</section>', page, re.S)
    ]
    assert len(set(places)) > 1


def test_practice_scripts_load_only_where_needed(built_site):
    practice = (built_site / "practice" / "index.html").read_text("utf-8")
    topic = (built_site / "prepayment" / "index.html").read_text("utf-8")
    glossary = (built_site / "glossary" / "index.html").read_text("utf-8")
    assert loads_asset(practice, "practice.js") and not loads_asset(topic, "practice.js")
    assert loads_asset(topic, "copy-text.js") and not loads_asset(glossary, "copy-text.js")
    assert "md:practice" not in practice


# Bad dialogue data ------------------------------------------------------------------

DIALOGUE = "```dialogue\nid: {id}\nwrong:\n  - client: {c}\n  - you: {w}\nright:\n  - client: {c}\n  - you: {r}\nwhy: {y}\n{extra}```\n"


def add_dialogue(site, lang: str, did: str = "asks-for-less", extra: str = "") -> None:
    words = {
        "sv": dict(c="Kan du gå ner i pris?", w="Nej.", r="Priset gäller, och det här ingår.", y="Du visar värdet."),
        "en": dict(c="Could you lower the price?", w="No.", r="The price stands, and here is what it covers.", y="You show the value."),
    }[lang]
    replace(site.page(lang, "topic.md"), "Text.\n", "Text.\n\n" + DIALOGUE.format(id=did, extra=extra, **words))


def both(site, **kwargs):
    add_dialogue(site, "sv", **kwargs)
    add_dialogue(site, "en", **kwargs)


def line_of(site, lang: str, needle: str, occurrence: int = 0) -> int:
    """The 1-based line of the n-th line starting with needle in the fixture page."""
    lines = site.page(lang, "topic.md").read_text(encoding="utf-8").split("\n")
    return [number for number, line in enumerate(lines, 1) if line.startswith(needle)][occurrence]


def missing_id(site):
    both(site)
    replace(site.page("en", "topic.md"), "id: asks-for-less\n", "")
    return rf"docs/en/topic\.md:{line_of(site, 'en', '```dialogue')}:1: dialogue: 'id' is missing"


def duplicate_id(site):
    both(site)
    for lang in ("sv", "en"):
        replace(site.page(lang, "topic.md"), "Text.\n", "Text.\n\n" + DIALOGUE.format(
            id="asks-for-less", extra="", c="Va?", w="Nej.", r="Ja.", y="Därför."))
    first, second = line_of(site, "sv", "id: "), line_of(site, "sv", "id: ", 1)
    return rf"docs/sv/topic\.md:{second}:\d+: dialogue: duplicate id 'asks-for-less' \(first used at docs/sv/topic\.md:{first}\)"


def weak_reply_without_reason(site):
    both(site, extra="weak: Okej, tio procent då.\n")
    return rf"docs/sv/topic\.md:{line_of(site, 'sv', 'weak:')}:\d+: dialogue: 'weak' needs its reason: add 'weak-why"


def reason_without_weak_reply(site):
    both(site, extra="weak-why: Det ger bort pengar.\n")
    return rf"docs/sv/topic\.md:{line_of(site, 'sv', 'weak-why:')}:\d+: dialogue: 'weak-why' explains a 'weak' reply"


def dialogue_without_twin(site):
    add_dialogue(site, "sv")
    return (rf"docs/sv/topic\.md:{line_of(site, 'sv', 'id: ')}:1: dialogue 'asks-for-less' has no en twin; "
            r"give the same dialogue in docs/en/topic\.md")


def twin_with_another_id(site):
    both(site)
    replace(site.page("en", "topic.md"), "id: asks-for-less", "id: asks-for-a-discount")
    return rf"docs/en/topic\.md:{line_of(site, 'en', 'id: ')}:1: dialogue 'asks-for-a-discount' has no sv twin"


def dialogue_id_not_a_slug(site):
    both(site)
    replace(site.page("sv", "topic.md"), "id: asks-for-less", "id: Ber om rabatt")
    return rf"docs/sv/topic\.md:{line_of(site, 'sv', 'id: ')}:\d+: dialogue: 'id' must be lowercase ASCII words"


def side_without_your_reply(site):
    both(site)
    replace(site.page("en", "topic.md"), "  - you: No.\n", "")
    return rf"docs/en/topic\.md:{line_of(site, 'en', 'wrong:')}:\d+: dialogue: 'wrong' needs at least one '- you:' turn"


def twins_in_another_order(site):
    add_dialogue(site, "sv", did="first-one")
    add_dialogue(site, "sv", did="second-one")
    add_dialogue(site, "en", did="second-one")
    add_dialogue(site, "en", did="first-one")
    return (rf"docs/sv/topic\.md:{line_of(site, 'sv', 'id: ')}:1: dialogues are in another order than on the en page "
            r"\(sv: second-one, first-one; en: first-one, second-one\)")


def unknown_practice_marker(site):
    replace(site.page("sv", "topic.md"), "Text.\n", "Text.\n\n<!-- md:practise -->\n")
    return rf"docs/sv/topic\.md:{line_of(site, 'sv', '<!-- md:practise')}:1: unknown marker 'md:practise'.*<!-- md:practice -->"


BAD_DIALOGUES = [
    missing_id, duplicate_id, weak_reply_without_reason, reason_without_weak_reply, dialogue_without_twin,
    twin_with_another_id, twins_in_another_order, dialogue_id_not_a_slug, side_without_your_reply,
    unknown_practice_marker,
]


@pytest.mark.parametrize("break_it", BAD_DIALOGUES, ids=lambda f: f.__name__)
def test_bad_dialogue_data_is_rejected_with_file_and_line(fixture_site, break_it):
    fixture_site.assert_rejected(break_it)


def test_a_fixture_dialogue_with_a_weak_reply_becomes_an_exercise(fixture_site):
    both(fixture_site, extra="weak: Okej.\nweak-why: Det räcker inte.\n")
    for lang, title in (("sv", "Öva"), ("en", "Practise")):
        fixture_site.page(lang, "practice.md").write_text(
            f"---\ndescription: {title}.\n---\n\n# {title}\n\n<!-- md:practice -->\n", encoding="utf-8")
    with fixture_site.config.open("a", encoding="utf-8") as config:
        config.write("  - practice.md\n")
    result = fixture_site.build()
    assert result.returncode == 0, result.stderr
    exercises = exercises_on_practice_page(fixture_site.site, "sv")
    assert exercises == {"asks-for-less": {"right": "Priset gäller, och det här ingår.", "wrong": "Nej.", "weak": "Okej."}}
    page = (fixture_site.site / "practice" / "index.html").read_text("utf-8")
    assert 'href="../topic/#first"' in page  # the link to the heading the dialogue stands under


# In the browser: a round -------------------------------------------------------------


def tab_to(page, selector: str, limit: int = 250) -> None:
    """Press Tab until the focused element matches selector (keyboard only)."""
    for _ in range(limit):
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def choose_by_keyboard(page, kind: str) -> None:
    """Tab into the group of replies and pick the reply of this kind with the arrow keys."""
    kinds = page.locator(".practice__choices .practice__choice").evaluate_all("all => all.map(c => c.dataset.kind)")
    tab_to(page, ".practice__choices input")
    steps = kinds.index(kind)
    if steps == 0:
        page.keyboard.press("Space")
    for _ in range(steps):
        page.keyboard.press("ArrowDown")
    assert page.locator(f".practice__choice[data-kind={kind}] input").is_checked()


def card(page) -> tuple[str, str]:
    section = page.locator(".practice__card")
    return section.get_attribute("data-id"), section.locator("h2").inner_text()


def stored(page) -> dict:
    """What the page keeps (storage.js's record): {"results": {id: kind}, "round": …}."""
    entries = json.loads(page.evaluate("localStorage.getItem('practice')") or "{}").get("entries", {})
    results = {key[7:]: entry["value"] for key, entry in entries.items() if key.startswith("result:") and entry["value"]}
    return {"results": results, "round": entries.get("round", {}).get("value")}


PLAN = ["right", "wrong", "right", "weak", "right"]
WORDS = {
    "sv": {"start": "Starta en omgång", "position": "Övning {n} av 5", "score": "Du fick 3 av 5 rätt.",
           "right": "Rätt!", "wrong": "Inte rätt.", "weak": "Nästan", "again": "Öva igen på dem du missade (2)"},
    "en": {"start": "Start a round", "position": "Exercise {n} of 5", "score": "You got 3 of 5 right.",
           "right": "Right!", "wrong": "Not right.", "weak": "Close", "again": "Practise the ones you missed again (2)"},
}


@pytest.mark.parametrize("lang", HOME)
def test_a_full_round_by_keyboard_with_score_and_the_missed_ones_again(page, server, lang):
    words = WORDS[lang]
    page.goto(f"{server}{HOME[lang]}practice/")
    tab_to(page, "button[data-action=start]")
    assert page.evaluate("document.activeElement.textContent") == words["start"]
    page.keyboard.press("Enter")
    seen, topics = [], set()
    for number, kind in enumerate(PLAN, 1):
        did, title = card(page)
        assert title == words["position"].format(n=number)
        assert page.evaluate("document.activeElement.id") == "practice-card-title"
        seen.append(did)
        topics.add(page.locator(".practice__card .practice__topic").inner_text())
        choose_by_keyboard(page, kind)
        tab_to(page, "button[data-action=check]")
        page.keyboard.press("Enter")
        verdict = page.locator(".practice__verdict")
        assert verdict.inner_text().startswith(words[kind])
        page.wait_for_function("t => document.querySelector('.practice__live').textContent.startsWith(t)", arg=words[kind])
        assert page.locator(".practice__choice--right .practice__kind").count() == 1
        assert page.locator(".practice__feedback a.practice__more").count() == 1
        assert page.evaluate("document.activeElement.dataset.action") == "next"
        page.keyboard.press("Enter")
    assert len(set(seen)) == 5 and len(topics) == 5, "a round takes five exercises from different topics"
    assert page.locator(".practice__result h2").inner_text() == words["score"]
    assert page.evaluate("document.activeElement.id") == "practice-result-title"
    results = stored(page)["results"]
    assert {did: results[did] for did in seen} == dict(zip(seen, PLAN, strict=False))

    tab_to(page, "button[data-action=again]")
    assert page.evaluate("document.activeElement.textContent") == words["again"]
    page.keyboard.press("Enter")
    missed = {seen[1], seen[3]}
    repeated = set()
    for number in (1, 2):
        did, title = card(page)
        assert title == words["position"].format(n=number).replace("5", "2")
        repeated.add(did)
        choose_by_keyboard(page, "right")
        tab_to(page, "button[data-action=check]")
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")  # focus is on the next button
    assert repeated == missed
    assert page.locator(".practice__result h2").inner_text() == words["score"].replace("3 av 5", "2 av 2").replace("3 of 5", "2 of 2")


def test_a_round_survives_a_reload_and_a_language_switch(page, server):
    page.goto(server + "/practice/")
    page.get_by_role("button", name="Starta en omgång", exact=True).click()
    first, _ = card(page)
    page.locator(".practice__choice[data-kind=wrong] label").click()
    page.get_by_role("button", name="Svara", exact=True).click()
    page.get_by_role("button", name="Nästa övning", exact=True).click()
    second, _ = card(page)

    page.reload()
    assert card(page) == (second, "Övning 2 av 5")
    page.locator('.md-select__link[hreflang="en"]').first.evaluate("a => a.click()")
    page.wait_for_url(re.compile(r".*/en/practice/(#.*)?$"))  # the switch may keep the section
    assert card(page) == (second, "Exercise 2 of 5")
    assert stored(page)["results"] == {first: "wrong"}

    page.locator(".practice__choice[data-kind=right] label").click()
    page.get_by_role("button", name="Answer", exact=True).click()
    page.reload()  # an answered exercise comes back answered
    assert page.locator(".practice__verdict").inner_text().startswith("Right!")
    assert stored(page)["results"] == {first: "wrong", second: "right"}


def test_storage_that_throws_leaves_the_page_working(browser, server):
    context = browser.new_context()
    context.add_init_script("""
        Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
    """)
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
        page.goto(server + "/en/practice/")
        page.get_by_role("button", name="Start a round", exact=True).click()
        page.locator(".practice__choice[data-kind=right] label").click()
        page.get_by_role("button", name="Answer", exact=True).click()
        assert page.locator(".practice__verdict").inner_text().startswith("Right!")
        assert page.get_by_text("This browser doesn't allow your progress to be saved").is_visible()
        assert [error for error in errors if loads_asset(error, "practice.js") or loads_asset(error, "storage.js")] == []
    finally:
        context.close()


def test_without_javascript_every_exercise_shows_its_answer(browser, server, built_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(server + "/practice/")
        exercises = page.locator(".practice__exercise")
        assert exercises.count() == len(exercises_on_practice_page(built_site, "sv"))
        for index in range(exercises.count()):
            exercise = exercises.nth(index)
            assert exercise.locator(".practice__reply").count() == 3
            assert exercise.locator(".practice__answer").is_visible()
            assert exercise.locator(".practice__answer").inner_text().startswith("Svar")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.goto(server + "/prepayment/")  # no copy button that could not work
        assert page.locator(".dialogue__reply").first.is_visible()
        assert page.locator(".copy-text__button").first.is_hidden()
    finally:
        context.close()


def test_readable_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(server + "/en/practice/")
        page.get_by_role("button", name="Start a round", exact=True).click()
        page.locator(".practice__choice[data-kind=weak] label").click()
        page.get_by_role("button", name="Answer", exact=True).click()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        size = page.locator(".practice__choice .practice__text").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 14
    finally:
        context.close()


# Printing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", HOME)
def test_the_worksheet_prints_with_the_answers_on_the_last_page_and_no_empty_page(page, server, tmp_path, lang, pdf_tools):
    page.goto(f"{server}{HOME[lang]}practice/")
    page.get_by_role("button", name=WORDS[lang]["start"], exact=True).click()  # a round on screen changes nothing on paper
    page.emulate_media(media="print")
    boxes = page.locator(".practice__sheet .practice__reply .practice__box")
    assert boxes.count() == 3 * len(exercises_on_practice_page_from(page))
    assert all(box["width"] > 5 and box["height"] > 5 for box in boxes.evaluate_all(
        "all => all.map(b => b.getBoundingClientRect().toJSON())"))
    pdf = tmp_path / "practice.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    pages = [p for p in pages[:-1]] if pages[-1].strip() == "" else pages
    assert all(p.strip() for p in pages), "an empty page was printed"
    key = "Facit" if lang == "sv" else "Answers"
    starts = [number for number, text in enumerate(pages) if text.strip().splitlines()[0].strip() == key]
    assert len(starts) == 1 and starts[0] > 0, "the answers start a page of their own, after the exercises"
    body, answers = "\n".join(pages[:starts[0]]), "\n".join(pages[starts[0]:])
    exercise = "Övning" if lang == "sv" else "Exercise"
    count = len(exercises_on_practice_page_from(page))
    for number in range(1, count + 1):
        assert re.search(rf"{exercise} {number}\b", body)
        assert re.search(rf"{exercise} {number}: [ABC]\.", answers), number
    assert not re.search(rf"{exercise} \d+\b(?!:)", answers), "an exercise is printed among the answers"
    why = "Därför fungerar det" if lang == "sv" else "Why it works"
    assert why not in body, "the answers are printed next to the exercises"
    assert "Starta" not in body and "Start a round" not in body


def exercises_on_practice_page_from(page) -> list[str]:
    return page.locator(".practice__exercise").evaluate_all("all => all.map(e => e.dataset.id)")


# Copy buttons -------------------------------------------------------------------------------


def copy_targets(page) -> list[dict]:
    return page.locator("[data-copy-tools]").evaluate_all("""all => all.map(tools => {
        const target = tools.dataset.copyTarget ? document.getElementById(tools.dataset.copyTarget) : tools.previousElementSibling;
        return {button: tools.querySelector('button').textContent, html: target.innerHTML};
    })""")


@pytest.mark.parametrize("path, label", [("/conflicts/", "Kopiera svaret"), ("/en/raising-prices/", "Copy the reply")])
def test_every_right_reply_copies_exactly_its_text(browser, server, path, label):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(server + path)
        replies = page.locator(".dialogue__side--right .dialogue__reply")
        assert replies.count() >= 2
        for index in range(replies.count()):
            tools = page.locator(".dialogue__side--right dd:has(.dialogue__reply)").nth(index).locator("[data-copy-tools]")
            assert tools.locator("button").inner_text() == label
            tools.locator("button").click()
            expect_status = tools.locator(".copy-text__status")
            expect_status.wait_for()
            page.wait_for_function("el => el.textContent.length > 0", arg=expect_status.element_handle())
            assert page.evaluate("navigator.clipboard.readText()") == replies.nth(index).inner_text()
        # the wrong side has no copy button
        assert page.locator(".dialogue__side--wrong [data-copy-tools]").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("lang", HOME)
def test_the_summary_email_copies_as_plain_text_without_title_or_markup(browser, server, lang):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(f"{server}{HOME[lang]}conflicts/")
        box = page.locator(".admonition.copy-text")
        box.get_by_role("button", name="Kopiera texten" if lang == "sv" else "Copy the text").click()
        page.wait_for_function("() => document.querySelector('.admonition.copy-text .copy-text__status').textContent")
        copied = page.evaluate("navigator.clipboard.readText()")
        title = box.locator(".admonition-title").inner_text()
        assert title not in copied and "<" not in copied and "**" not in copied
        subject = "Ämne:" if lang == "sv" else "Subject:"
        assert copied.startswith(subject)
        items = box.locator("li").all_inner_texts()
        assert len(items) >= 3
        for item in items:
            assert f"\n- {item}\n" in copied
        assert copied.endswith(box.locator("p").last.inner_text())
        assert "\n\n\n" not in copied
    finally:
        context.close()


def test_a_refused_clipboard_selects_the_text_and_says_to_press_ctrl_c(browser, server):
    context = browser.new_context()
    context.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new DOMException('no', 'NotAllowedError'));")
    try:
        page = context.new_page()
        page.goto(server + "/en/prepayment/")
        page.get_by_role("button", name="Copy the reply").click()
        field = page.get_by_role("textbox", name="Text to copy")
        field.wait_for()
        reply = page.locator(".dialogue__reply").first.inner_text()
        assert field.input_value() == reply
        assert page.evaluate("document.activeElement.classList.contains('copy-text__field')")
        assert page.evaluate("document.activeElement.selectionEnd - document.activeElement.selectionStart") == len(reply)
        assert "press Ctrl+C (Cmd+C on a Mac)" in page.locator(".copy-text__status").first.inner_text()
    finally:
        context.close()


def test_marked_template_on_clarifying_page_has_a_copy_button(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(server + "/clarifying-the-task/")
        quote = page.locator("blockquote p.copy-text")
        page.get_by_role("button", name="Kopiera texten").click()
        page.wait_for_function("() => document.querySelector('.copy-text__status').textContent")
        assert page.evaluate("navigator.clipboard.readText()") == quote.inner_text()
    finally:
        context.close()


def test_a_second_tab_follows_the_round(browser, server):
    context = browser.new_context()
    try:
        first, second = context.new_page(), context.new_page()
        first.goto(server + "/practice/")
        second.goto(server + "/en/practice/")
        first.get_by_role("button", name="Starta en omgång", exact=True).click()
        first.locator(".practice__choice[data-kind=right] label").click()
        first.get_by_role("button", name="Svara", exact=True).click()
        did, _ = card(first)
        second.wait_for_selector(f".practice__card[data-id='{did}'] .practice__verdict")
        assert second.locator(".practice__verdict").inner_text().startswith("Right!")
        assert stored(second)["results"] == {did: "right"}
    finally:
        context.close()
