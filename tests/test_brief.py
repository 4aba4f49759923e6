"""The client brief and the pages for clients: data, built pages, and the form in Chromium."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import escape, unescape
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote

import jsonschema
import pytest
import yaml

from conftest import PREFIX, ROOT, SITE_URL, TEXT, meta, show_all_brief_questions

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from typography import typeset_text  # noqa: E402  (the build typesets every text)

TEMPLATES = {"sv": "brief-mall.md", "en": "brief-template.md"}
CLIENT_PAGES = sorted(p.relative_to(ROOT / "docs" / "sv").as_posix() for p in (ROOT / "docs" / "sv" / "clients").glob("*.md"))
SHARED_PAGES = CLIENT_PAGES + ["brief.md"]


BRIEF_FILE = ROOT / "overrides" / "data" / "brief.yml"
BRIEF = yaml.safe_load(BRIEF_FILE.read_text("utf-8"))  # the questions, read here, not through the hook's loader
QUESTIONS = [(section, question) for section in BRIEF["sections"] for question in section["questions"]]


def url_path(source: str, lang: str) -> str:
    """docs path (clients/pricing.md) -> site path (en/clients/pricing/)."""
    stem = source.removesuffix(".md")
    stem = stem.removesuffix("index").rstrip("/")
    return PREFIX[lang] + (stem + "/" if stem else "")


def groups(lang: str) -> list[dict]:
    """The brief's headings in page order: the essentials (every `core: true` question) first,
    then each section with questions that are not core."""
    result = [{"id": "essentials", "title": TEXT["brief"][lang]["essentials"], "optional": False}]
    for section in BRIEF["sections"]:
        if any(not q.get("core") for q in section["questions"]):
            result.append({"id": section["id"], "title": section["title"][lang], "optional": True})
    return result


def question_text(qid: str, lang: str) -> str:
    return next(q["text"][lang] for _, q in QUESTIONS if q["id"] == qid)


# The data -------------------------------------------------------------------------


def test_brief_data_validates_and_covers_the_issue():
    schema = yaml.safe_load((ROOT / "overrides" / "data" / "brief.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(BRIEF)
    ids = [q["id"] for _, q in QUESTIONS]
    assert len(ids) == len(set(ids)) >= 30
    sections = [s["id"] for s in BRIEF["sections"]]
    assert len(sections) == len(set(sections))
    for needed in (
        "contacts", "background", "objective", "audience", "message", "competitors", "scope",
        "materials", "constraints", "timeline", "budget", "revisions", "sign-off", "after-delivery",
    ):
        assert needed in sections
    for needed in (
        "decision-maker", "who-pays", "channel", "tried-before", "good-to-know", "goal", "done",
        "likes", "dislikes", "out-of-scope", "materials-by-when", "brand", "legal", "technical",
        "deadline", "milestones", "feedback-window", "payment-terms", "revision-rounds",
        "approval", "support", "rights", "handover",
    ):
        assert needed in ids
    for _, question in QUESTIONS:
        assert question["text"]["sv"] != question["text"]["en"]


# The built pages ------------------------------------------------------------------


def test_page_and_template_contain_every_question_in_both_languages(built_site):
    for lang, prefix in PREFIX.items():
        html = (built_site / prefix / "brief" / "index.html").read_text("utf-8")
        template = (built_site / prefix / "brief" / TEMPLATES[lang]).read_text("utf-8")
        assert f'href="{TEMPLATES[lang]}" download' in html
        for group in groups(lang):
            optional = ' class="brief__optional"' if group["optional"] else ""
            title = typeset_text(escape(group["title"], False), lang)
            assert re.search(rf'<h2{optional} id="{group["id"]}">{re.escape(title)}<', html)
            assert f"\n## {group['title']}\n" in template
        for _section, question in QUESTIONS:
            field = f'brief-{question["id"]}'
            label = f'<label class="brief__label" for="{field}">{typeset_text(escape(question["text"][lang]), lang)}</label>'
            assert label in html, (lang, question["id"])
            assert re.search(rf'<(textarea|input type="text")[^>]* id="{field}"', html)
            assert f"\n### {question['text'][lang]}\n" in template
            if "hint" in question:
                assert typeset_text(escape(question["hint"][lang]), lang) in html
                assert f"_{question['hint'][lang]}_" in template
        assert template.startswith(f"# {BRIEF['title'][lang]}\n")


def test_brief_script_is_an_external_file_loaded_only_by_the_brief(built_site):
    for prefix in PREFIX.values():
        html = (built_site / prefix / "brief" / "index.html").read_text("utf-8")
        assert re.search(r'<script src="[^"]*assets/javascripts/brief\.[0-9a-f]{10}\.js"></script>', html)
        assert "brief." not in (built_site / prefix / "clients" / "index.html").read_text("utf-8")
    assert len(list((built_site / "assets" / "javascripts").glob("brief.*.js"))) == 1  # content-hashed name


def front_matter_description(source: Path) -> str:
    import yaml

    text = source.read_text("utf-8")
    return yaml.safe_load(text.split("---")[1])["description"]


@pytest.mark.parametrize("source", SHARED_PAGES)
def test_client_pages_are_ready_to_share_in_their_own_language(built_site, source):
    for lang in PREFIX:
        html = (built_site / url_path(source, lang) / "index.html").read_text("utf-8")
        url = SITE_URL + url_path(source, lang)
        description = front_matter_description(ROOT / "docs" / lang / source)
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
        title = unescape(re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", heading))).strip()
        assert re.search(rf'<html[^>]*\blang="{lang}"', html)
        assert 110 <= len(description) <= 160, (lang, source, len(description))
        assert meta(html, "description") == description
        assert meta(html, "og:description") == meta(html, "twitter:description") == description
        assert meta(html, "og:title") == meta(html, "twitter:title") == title
        assert meta(html, "og:url") == url
        assert meta(html, "og:image") == meta(html, "twitter:image") == f"{url}preview.png"
        assert (built_site / url_path(source, lang) / "preview.png").is_file()
        assert meta(html, "og:locale") == {"sv": "sv_SE", "en": "en_GB"}[lang]
    sv = (built_site / url_path(source, "sv") / "index.html").read_text("utf-8")
    en = (built_site / url_path(source, "en") / "index.html").read_text("utf-8")
    assert meta(sv, "og:title") != meta(en, "og:title") and meta(sv, "description") != meta(en, "description")


def test_freelancer_pages_link_to_the_client_pages(built_site):
    meets = {
        "clients/pricing": "naming-the-price",
        "clients/prepayment": "prepayment",
        "clients/revisions": "revisions",
        "clients/communication": "boundaries",
        "clients/good-brief": "clarifying-the-task",
        "clients/when-things-go-wrong": "conflicts",
    }
    for lang, prefix in PREFIX.items():
        for client, freelancer in meets.items():
            freelancer_html = (built_site / prefix / freelancer / "index.html").read_text("utf-8")
            assert re.search(rf'<article.*href="\.\./{client}/', freelancer_html, re.S), (lang, freelancer)
        home = (built_site / prefix / "index.html").read_text("utf-8")
        clients = re.search(r'<h2 id="clients">.*?(?=<h2|</article>)', home, re.S).group(0)
        assert 'href="clients/"' in clients and 'href="brief/"' in clients


# In Chromium ------------------------------------------------------------------------

ANSWERS = {
    "organisation": "Ateljé Öst AB",
    "goal": "Fler anmälningar till höstens kurs.\nMinst 200 deltagare.",
    "deadline": "15 mars, fast datum (lansering)",
    "payment-terms": "Två etapper, faktura 30 dagar",
}


@pytest.fixture
def brief(browser, server):
    """The Swedish brief in a fresh browser profile that may use the clipboard.
    Every dialog is recorded, then dismissed (or accepted once brief.accept is set)."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    state = SimpleNamespace(page=context.new_page(), dialogs=[], accept=False)

    def answer(dialog):
        state.dialogs.append(dialog.message)
        dialog.accept() if state.accept else dialog.dismiss()

    state.page.on("dialog", answer)
    state.page.goto(server + "/brief/")
    yield state
    context.close()


def fill(page, answers: dict) -> None:
    show_all_brief_questions(page)
    for qid, text in answers.items():
        page.fill(f"#brief-{qid}", text)


def answers_in_markdown(text: str) -> dict[str, str]:
    """### question -> the answer fenced under it ('' when there is none), up to the next heading."""
    found = {}
    for block in re.split(r"^### ", text, flags=re.M)[1:]:
        question, _, rest = block.partition("\n")
        fenced = re.match(r"\n(`{3,})text\n(.*?)\n\1\n", rest, flags=re.S)
        found[question] = fenced.group(2) if fenced else ""
        if not fenced:
            assert not rest.strip() or rest.lstrip("\n").startswith("#"), f"unfenced answer: {rest!r}"
    return found


def answers_in_text(text: str) -> dict[str, str]:
    """Plain text: a question line, then its answer indented by four spaces (blank lines kept)."""
    found, question, lines = {}, None, []
    for line in text.split("\n") + ["end"]:
        if line.startswith("    ") or (line == "" and question):
            lines.append(line[4:])
            continue
        if question and any(lines):
            found[question] = "\n".join(lines).strip("\n")
        question, lines = (line, []) if line and not set(line) <= {"-", "="} else (None, [])
    return found


def test_answers_survive_a_reload_and_carry_over_to_the_other_language(brief, server):
    page = brief.page
    fill(page, ANSWERS)
    page.reload()
    for qid, text in ANSWERS.items():
        assert page.input_value(f"#brief-{qid}") == text
    assert page.input_value("#brief-audience") == ""
    page.goto(server + "/en/brief/")
    assert page.input_value("#brief-goal") == ANSWERS["goal"]


def test_copied_text_has_each_answer_under_its_question(brief):
    page = brief.page
    fill(page, ANSWERS)
    page.get_by_role("button", name="Kopiera som text").click()
    page.wait_for_function("() => document.querySelector('.brief__status').textContent.includes('kopierad')")
    text = page.evaluate("navigator.clipboard.readText()")
    found = answers_in_text(text)
    for qid, answer in ANSWERS.items():
        assert found[question_text(qid, "sv")] == answer
    assert found[question_text("audience", "sv")] == "–"
    assert text.startswith(BRIEF["title"]["sv"] + "\n")


@pytest.mark.parametrize("kind, name", [("markdown", "brief-atelje-ost-ab-{date}.md"), ("text", "brief-atelje-ost-ab-{date}.txt")])
def test_downloads_have_each_answer_under_its_question(brief, kind, name):
    page = brief.page
    fill(page, ANSWERS)
    label = {"markdown": "Ladda ner som Markdown", "text": "Ladda ner som textfil"}[kind]
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    download = info.value
    today = brief.page.evaluate("() => new Date().toLocaleDateString('sv-SE')")  # YYYY-MM-DD, local
    assert download.suggested_filename == name.format(date=today)
    text = Path(download.path()).read_text("utf-8")
    found = answers_in_markdown(text) if kind == "markdown" else answers_in_text(text)
    for qid, answer in ANSWERS.items():
        assert found[question_text(qid, "sv")] == answer
    for _, question in QUESTIONS:
        assert question["text"]["sv"] in found


def test_empty_download_has_the_same_headings_as_the_built_template(brief, built_site):
    page = brief.page
    with page.expect_download() as info:
        page.get_by_role("button", name="Ladda ner som Markdown").click()
    downloaded = Path(info.value.path()).read_text("utf-8")
    template = (built_site / "brief" / TEMPLATES["sv"]).read_text("utf-8")

    def headings(text):
        return [line for line in text.splitlines() if line.startswith("#")]

    assert headings(downloaded) == headings(template)
    assert len(headings(template)) == 1 + len(groups("sv")) + len(QUESTIONS)


def test_mail_link_has_no_recipient_and_carries_the_answers(brief):
    page = brief.page
    fill(page, ANSWERS)
    href = page.get_by_role("link", name="Öppna i mejlprogrammet").get_attribute("href")
    assert href.startswith("mailto:?subject=")
    body = unquote(href.split("&body=")[1]).replace("\r\n", "\n")
    found = answers_in_text(body)
    for qid, answer in ANSWERS.items():
        assert found[question_text(qid, "sv")] == answer
    assert question_text("audience", "sv") not in body  # unanswered questions stay out of the mail


def test_a_brief_too_long_for_a_mail_link_is_copied_instead(brief):
    page = brief.page
    fill(page, {"about": "Lång text. " * 300})
    link = page.get_by_role("link", name="Öppna i mejlprogrammet")
    assert "&body=" not in link.get_attribute("href")
    link.evaluate("a => a.addEventListener('click', event => event.preventDefault())")
    link.click()
    page.wait_for_function("() => document.querySelector('.brief__status').textContent.includes('kopierad')")
    assert "Lång text. Lång text." in page.evaluate("navigator.clipboard.readText()")


def test_typed_markup_stays_text_and_runs_nothing(brief):
    page = brief.page
    attack = {"about": "<script>alert(1)</script>", "goal": '<img src=x onerror="alert(2)">'}
    scripts_before = page.locator("script").count()
    fill(page, attack)
    page.reload()
    page.emulate_media(media="print")
    for qid, text in attack.items():
        assert page.input_value(f"#brief-{qid}") == text
        answer = page.locator(f"#q-{qid} .brief__answer")
        assert answer.text_content() == text and answer.is_visible()
    assert page.locator("script").count() == scripts_before
    assert page.locator("img[src=x]").count() == 0
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Kopiera som text").click()
    page.wait_for_function("() => document.querySelector('.brief__status').textContent.includes('kopierad')")
    assert "<script>alert(1)</script>" in page.evaluate("navigator.clipboard.readText()")
    assert brief.dialogs == []


def test_clear_empties_the_form_after_asking(brief):
    page = brief.page
    fill(page, ANSWERS)
    page.get_by_role("button", name="Töm formuläret").click()  # dismissed: nothing happens
    assert page.input_value("#brief-organisation") == ANSWERS["organisation"]
    brief.accept = True
    page.get_by_role("button", name="Töm formuläret").click()
    assert len(brief.dialogs) == 2 and "tömma" in brief.dialogs[0]
    page.wait_for_function("() => document.querySelector('.brief__status').textContent.includes('tömt')")
    for value in page.locator(".brief__field").evaluate_all("fields => fields.map(f => f.value)"):
        assert value == ""
    stored = json.loads(page.evaluate("localStorage.getItem('brief:answers')"))
    assert all(entry["value"] == "" for entry in stored["entries"].values())  # kept as emptied, for other tabs
    page.reload()
    assert page.input_value("#brief-organisation") == ""


def test_print_shows_every_question_with_room_to_write_and_no_screen_chrome(brief):
    page = brief.page
    fill(page, {"organisation": "Ateljé Öst AB"})
    page.emulate_media(media="print")
    for _, question in QUESTIONS:
        box = page.locator(f"#q-{question['id']}")
        assert box.locator(".brief__label").is_visible()
        assert not box.locator(".brief__field").is_visible()
        lines = box.locator(".brief__line")
        if question["id"] == "organisation":
            assert box.locator(".brief__answer").text_content() == "Ateljé Öst AB"
            assert not lines.first.is_visible()
        else:
            assert lines.count() == question.get("lines", 3) and lines.first.is_visible()
            assert lines.first.bounding_box()["height"] > 20
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".brief__buttons", ".brief__intro", ".copy-link"):
        assert not page.locator(chrome).first.is_visible(), chrome


@pytest.mark.parametrize("lang", PREFIX)
def test_blank_brief_prints_on_a4_with_every_question(browser, server, tmp_path, lang, pdf_tools):
    page = browser.new_page()
    page.goto(f"{server}/{PREFIX[lang]}brief/")
    pdf = tmp_path / "brief.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    page.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:.* pts \(A4\)", info), info  # pdfinfo names the paper size
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 2 <= pages <= 10
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for _, question in QUESTIONS:
        assert " ".join(question["text"][lang].split()) in flat, question["id"]
    assert TEXT["brief"][lang]["copy"] not in flat  # no buttons on paper


def test_copy_link_button_copies_the_section_address_and_says_so(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    for prefix, name, done in (
        ("", "Kopiera länk till avsnittet", "Länken till avsnittet är kopierad."),
        ("/en", "Copy link to this section", "The link to this section is copied."),
    ):
        page.goto(f"{server}{prefix}/clients/prepayment/")
        button = page.locator("#staged-payment").get_by_role("button", name=name)
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => [...document.querySelectorAll('[role=status]')].some(s => s.textContent)")
        assert page.evaluate("navigator.clipboard.readText()") == f"{server}{prefix}/clients/prepayment/#staged-payment"
        assert page.locator("[role=status]", has_text=done).count() == 1
        assert page.locator("article h2 .copy-link").count() == page.locator("article h2[id]").count()
    context.close()

