"""The client section and the personal share link: navigation, previews, greeting, brief, paper.

Pages of the client section are found from the built navigation of the
clients index, so a client page added later is covered without touching
this file.
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import PREFIX, ROOT, SITE_URL, TEXT, meta, replace, show_all_brief_questions
from test_brief import BRIEF
TITLE_LINES = {"sv": "För dig som anlitar en frilansare", "en": "For clients of freelancers"}
GREETINGS = {"sv": "{name} skickade den här till dig", "en": "{name} sent you this"}
MAIL_BUTTON = {"sv": "Öppna i mejlprogrammet", "en": "Open in your mail program"}
MARKDOWN_BUTTON = {"sv": "Ladda ner som Markdown", "en": "Download as Markdown"}
FILE_TO = {"sv": "till", "en": "for"}
FREELANCER_PAGES = ("discounts", "conflicts", "naming-the-price", "walking-away", "principles")


def client_paths(site: Path, lang: str) -> list[str]:
    """Site paths (clients/pricing/) of the client section, read from the clients index's own nav."""
    html = (site / PREFIX[lang] / "clients" / "index.html").read_text("utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary client-nav".*?</nav>\s*</div>', html, re.S).group(0)
    paths = []
    for href in re.findall(r'<a href="([^"#]*)" class="md-nav__link', nav):
        path = os.path.normpath(os.path.join(PREFIX[lang] + "clients/", href)).replace("\\", "/")
        path = "" if path == "." else path + "/"
        if path not in paths and path != PREFIX[lang]:
            paths.append(path)
    return paths


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


# Built pages ---------------------------------------------------------------------------


def test_the_client_section_holds_the_client_pages_and_the_brief(built_site):
    for lang, prefix in PREFIX.items():
        paths = client_paths(built_site, lang)
        expected = {prefix + "clients/" + p.stem + "/" for p in (ROOT / "docs" / lang / "clients").glob("*.md")}
        expected = {p.replace("clients/index/", "clients/") for p in expected} | {prefix + "brief/"}
        assert set(paths) == expected, lang


def test_each_client_page_has_its_own_preview_image_and_text(built_site):
    seen = set()
    for lang in PREFIX:
        for path in client_paths(built_site, lang):
            html = (built_site / path / "index.html").read_text("utf-8")
            image = meta(html, "og:image")
            assert image == meta(html, "twitter:image") == f"{SITE_URL}{path}preview.png", path
            assert png_size(built_site / path / "preview.png") == (1200, 630)
            assert meta(html, "og:image:alt").startswith(TITLE_LINES[lang] + ": "), path
            assert image not in seen
            seen.add(image)
            assert "rubel" not in html.lower() and "rouble" not in html.lower(), path
    home = (built_site / "index.html").read_text("utf-8")
    # other pages keep the site's (its name carries a content hash: fingerprint.py)
    assert re.fullmatch(rf"{SITE_URL}assets/images/social-sv\.[0-9a-f]{{10}}\.png", meta(home, "og:image"))


def test_previous_and_next_never_leave_the_client_section(built_site):
    for lang in PREFIX:
        paths = client_paths(built_site, lang)
        for path in paths:
            html = (built_site / path / "index.html").read_text("utf-8")
            for rel in re.findall(r'<link rel="(?:prev|next)" href="([^"]+)"', html):
                target = os.path.normpath(os.path.join(path, rel)).replace("\\", "/") + "/"
                assert target in paths, (path, rel)
            footer = re.search(r'<nav class="md-footer__inner.*?</nav>', html, re.S)
            for href in re.findall(r'href="([^"]+)"', footer.group(0) if footer else ""):
                assert os.path.normpath(os.path.join(path, href)).replace("\\", "/") + "/" in paths, (path, href)


def test_client_pages_link_to_no_freelancer_tactics(built_site):
    for lang in PREFIX:
        for path in client_paths(built_site, lang):
            article = re.search(r"<article.*?</article>", (built_site / path / "index.html").read_text("utf-8"), re.S)
            for slug in FREELANCER_PAGES:
                assert not re.search(rf'href="(\.\./)+{slug}/', article.group(0)), (path, slug)


def test_preview_images_follow_site_url_and_new_client_pages(fixture_site, monkeypatch):
    for lang, title in (("sv", "Priser"), ("en", "Prices")):
        for name in ("index.md", "pricing.md"):
            page = fixture_site.page(lang, f"clients/{name}")
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"---\ndescription: {title} {name}.\n---\n\n# {title} {name}\n\nText.\n", encoding="utf-8")
    replace(fixture_site.config, "  - topic.md\n", "  - topic.md\n  - Kunder:\n      - clients/index.md\n      - clients/pricing.md\n")
    monkeypatch.setenv("SITE_URL", "https://example.org/")
    result = fixture_site.build()
    assert result.returncode == 0, result.stderr
    for prefix in PREFIX.values():
        html = (fixture_site.site / prefix / "clients" / "pricing" / "index.html").read_text("utf-8")
        assert meta(html, "og:image") == f"https://example.org/{prefix}clients/pricing/preview.png"
        assert png_size(fixture_site.site / prefix / "clients" / "pricing" / "preview.png") == (1200, 630)
        nav = re.search(r'<nav class="md-nav md-nav--primary client-nav".*?</nav>\s*</div>', html, re.S).group(0)
        assert 'href="../"' in nav and "topic/" not in nav
        topic = (fixture_site.site / prefix / "topic" / "index.html").read_text("utf-8")
        assert "client-nav" not in topic and "preview.png" not in topic


# In Chromium: navigation ----------------------------------------------------------------


@pytest.mark.parametrize("lang", PREFIX)
def test_client_pages_show_only_the_client_navigation(page, server, built_site, lang):
    paths = client_paths(built_site, lang)
    for path in paths:
        page.goto(f"{server}/{path}")
        nav = page.locator(".md-sidebar--primary nav.md-nav--primary")
        assert nav.locator(".md-nav__title").first.inner_text().strip() == TITLE_LINES[lang]
        links = nav.locator("a.md-nav__link").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
        targets = {link for link in links}
        assert targets == {"/" + p for p in paths} | {"/" + PREFIX[lang]}, path  # its pages, and the way back
        for slug in FREELANCER_PAGES:
            assert page.locator(f'.md-sidebar--primary a[href$="{slug}/"]').count() == 0
    page.goto(f"{server}/{PREFIX[lang]}discounts/")  # a freelancer page keeps the whole site's navigation
    assert page.locator(".md-sidebar--primary .client-nav").count() == 0
    assert page.locator('.md-sidebar--primary a[href$="conflicts/"]').count() >= 1


# In Chromium: the share link ---------------------------------------------------------------


@pytest.fixture
def client(browser):
    """A fresh browser profile that may use the clipboard; dialogs are recorded and dismissed."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def make_link(page, server, share_lang: str, link_lang: str, start: str, name: str, email: str, note: str) -> str:
    page.goto(f"{server}/{PREFIX[share_lang]}share/")
    page.fill("#share-name", name)
    page.fill("#share-email", email)
    page.fill("#share-note", note)
    page.check(f'input[name="lang"][value="{link_lang}"]')
    page.select_option("#share-start", start)
    page.locator('[data-share-action="copy"]').click()
    page.wait_for_function("() => document.querySelector('.share__status').textContent !== ''")
    link = page.input_value("#share-result")
    assert page.evaluate("navigator.clipboard.readText()") == link
    return link


@pytest.mark.parametrize("lang", PREFIX)
def test_share_link_greets_addresses_the_mail_and_names_downloads(client, server, lang):
    other = "en" if lang == "sv" else "sv"
    link = make_link(client, server, other, lang, "clients/pricing/", "Anna Svensson", "anna@example.se", "Hej! Läs gärna.")
    assert link.startswith(f"{server}/{PREFIX[lang]}clients/pricing/#")
    assert len(link) - len(server) < 120  # short enough for a chat
    client.goto(link)
    greeting = client.locator("[data-share-greeting]")
    assert greeting.is_visible()
    assert greeting.locator(".share-greeting__from").text_content() == GREETINGS[lang].format(name="Anna Svensson")
    assert greeting.locator(".share-greeting__note").text_content() == "Hej! Läs gärna."
    assert greeting.locator("a").get_attribute("href") == "mailto:anna@example.se"
    assert client.evaluate("location.hash") == ""  # the values leave the address bar
    # The rest of the visit: another client page, then the brief.
    client.goto(f"{server}/{PREFIX[lang]}clients/revisions/")
    assert client.locator(".share-greeting__note").text_content() == "Hej! Läs gärna."
    client.goto(f"{server}/{PREFIX[lang]}brief/")
    assert client.locator(".share-greeting__from").text_content() == GREETINGS[lang].format(name="Anna Svensson")
    client.fill("#brief-organisation", "Ateljé Öst AB")
    href = client.get_by_role("link", name=MAIL_BUTTON[lang]).get_attribute("href")
    assert href.startswith("mailto:anna@example.se?subject=")
    with client.expect_download() as info:
        client.get_by_role("button", name=MARKDOWN_BUTTON[lang]).click()
    today = client.evaluate("() => new Date().toLocaleDateString('sv-SE')")
    assert info.value.suggested_filename == f"brief-atelje-ost-ab-{FILE_TO[lang]}-anna-svensson-{today}.md"
    assert client.dialogs == []


def test_a_page_without_values_reads_as_before(client, server):
    client.goto(f"{server}/clients/pricing/#why-prices-vary")
    assert not client.locator("[data-share-greeting]").is_visible()
    assert client.evaluate("location.hash") == "#why-prices-vary"  # heading links are left alone
    assert client.evaluate("window.shareLink") == {"name": "", "email": "", "note": ""}
    client.goto(f"{server}/brief/")
    assert client.get_by_role("link", name=MAIL_BUTTON["sv"]).get_attribute("href").startswith("mailto:?subject=")


ATTACK = {
    "n": "<img src=x onerror=alert(1)>",
    "e": "javascript:alert(2)",
    "m": '<script>alert(3)</script><b onmouseover="alert(4)">x</b>',
}


def test_script_in_a_value_never_runs_and_never_becomes_markup(client, server):
    fragment = "&".join(f"{key}={quote(value)}" for key, value in ATTACK.items())
    client.goto(f"{server}/clients/#{fragment}")
    greeting = client.locator("[data-share-greeting]")
    assert greeting.locator(".share-greeting__from").text_content() == GREETINGS["sv"].format(name=ATTACK["n"])
    assert greeting.locator(".share-greeting__note").text_content() == ATTACK["m"]
    assert greeting.locator("img, script, b").count() == 0
    assert greeting.locator("a").count() == 0  # no address to mail
    assert greeting.locator(".share-greeting__notice").is_visible()  # the bad address is named as ignored
    client.goto(f"{server}/brief/")
    assert client.locator("[data-share-greeting] img").count() == 0
    assert client.get_by_role("link", name=MAIL_BUTTON["sv"]).get_attribute("href").startswith("mailto:?subject=")
    client.wait_for_timeout(300)
    assert client.dialogs == []


@pytest.mark.parametrize("email", ["javascript:alert(1)", "anna@example.se?bcc=x@y.se", "anna@example", "a b@c.se"])
def test_an_unusable_email_is_left_out_of_the_link_with_a_notice(client, server, email):
    client.goto(f"{server}/en/share/")
    client.fill("#share-name", "Anna Svensson")
    client.fill("#share-email", email)
    assert "e=" not in client.input_value("#share-result").split("#", 1)[-1]
    assert client.locator(".share__status").text_content() == TEXT["share"]["en"]["bad_email"]


def test_over_long_values_are_cut(client, server):
    name, note = "A" * 500, "B" * 5000
    client.goto(f"{server}/en/clients/#n={name}&m={note}")
    shown = client.locator(".share-greeting__from").text_content()
    assert len(shown) < 100 and shown.endswith("… sent you this")
    assert len(client.locator(".share-greeting__note").text_content()) <= 200


# In Chromium: the brief's optional questions ---------------------------------------------------

CORE = [q["id"] for s in BRIEF["sections"] for q in s["questions"] if q.get("core")]
OPTIONAL = [q["id"] for s in BRIEF["sections"] for q in s["questions"] if not q.get("core")]


def test_core_questions_come_first_and_the_rest_open_without_losing_answers(client, server):
    assert 6 <= len(CORE) <= 12
    client.goto(f"{server}/brief/")
    fields = client.locator(".brief__field").evaluate_all("fields => fields.map(f => f.name)")
    assert fields[: len(CORE)] == CORE
    assert all(client.locator(f"#brief-{qid}").is_visible() for qid in CORE)
    assert not any(client.locator(f"#brief-{qid}").is_visible() for qid in OPTIONAL)
    toggle = client.locator("[data-brief-toggle]")
    client.fill("#brief-goal", "Fler anmälningar")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    client.fill("#brief-keywords", "frilans, förhandling")
    toggle.click()  # hidden again: the answer stays
    assert not client.locator("#brief-keywords").is_visible()
    toggle.click()
    assert client.input_value("#brief-keywords") == "frilans, förhandling"
    client.reload()  # an optional answer opens the rest by itself
    assert client.locator("#brief-keywords").is_visible()
    client.goto(f"{server}/en/brief/#timeline")  # so does a link to an optional section
    assert client.locator("#brief-milestones").is_visible()


def pdf_text(page, path: Path) -> tuple[int, str]:
    page.pdf(path=str(path), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    return pages, last


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("filled", [False, True], ids=["empty", "filled"])
def test_printed_brief_has_text_on_its_last_page_and_no_freelancer_box(client, server, tmp_path, lang, filled, pdf_tools):
    client.goto(f"{server}/{PREFIX[lang]}brief/#n=Anna%20Svensson&e=anna@example.se")
    if filled:
        show_all_brief_questions(client)
        for qid in CORE + OPTIONAL[::3]:
            client.fill(f"#brief-{qid}", "Ett svar på flera ord, så att det fyller en hel rad. " * 2)
    pages, last = pdf_text(client, tmp_path / "brief.pdf")
    assert last.strip(), f"page {pages} of the printed brief is empty"
    full = subprocess.run(["pdftotext", str(tmp_path / "brief.pdf"), "-"], capture_output=True, text=True).stdout
    flat = " ".join(full.split())
    assert "frilansare?" not in flat and "freelancer?" not in flat  # the box meant for freelancers
    assert "Anna Svensson" not in flat  # the greeting is screen chrome
    for qid in OPTIONAL:  # every question is on paper, hidden on screen or not
        text = next(q["text"][lang] for s in BRIEF["sections"] for q in s["questions"] if q["id"] == qid)
        assert " ".join(text.split()) in flat, qid


def test_no_answer_length_leaves_an_empty_last_page(client, server, tmp_path, pdf_tools):
    client.goto(f"{server}/brief/")
    show_all_brief_questions(client)
    for lines in range(10, 20):  # walks the end of the brief across a page break
        client.fill("#brief-support", "\n".join(f"rad {n}" for n in range(lines)))
        pages, last = pdf_text(client, tmp_path / "brief.pdf")
        assert last.strip(), f"{lines} lines: page {pages} is empty"


def test_a_table_of_contents_link_opens_the_optional_question_it_points_to(client, server):
    client.goto(f"{server}/brief/")
    assert not client.locator("#brief-milestones").is_visible()
    client.locator('.md-sidebar--secondary a[href="#timeline"]').click()
    assert client.locator("#brief-milestones").is_visible()
    assert client.locator("[data-brief-toggle]").get_attribute("aria-expanded") == "true"
