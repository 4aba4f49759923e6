"""Offline reading in Chromium (hooks/offline.py, sw.js, offline.js): after one visit, offline.

One browser context per language visits the home page once, waits until the
footer says the guide is kept, then goes offline and opens every page of that
language, searches, ticks a checklist and asks for an address never built.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import CHROMIUM, HOME, ROOT, lang_of, replace, serve, site_paths


OFFLINE_TITLE = {"sv": "Du är offline", "en": "You are offline"}
FAVICON = re.compile(r"/assets/images/favicon(\.[0-9a-f]+)?\.png$")  # with or without a content hash
QUERIES = {"sv": "förskott", "en": "prepayment"}
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
}, true);
"""


def language_pages(site: Path, lang: str) -> list[str]:
    """URL paths of every built page of one language (not its 404 and offline pages)."""
    return [path for path in site_paths(site)
            if lang_of(path) == lang and not path.endswith(("/404.html", "/offline.html"))]


def heading(site: Path, path: str) -> str:
    file = site / path.lstrip("/") / "index.html" if path.endswith("/") else site / path.lstrip("/")
    h1 = re.search(r"<h1\b[^>]*>(.*?)</h1>", file.read_text("utf-8"), re.S)[1]
    return " ".join(re.sub(r"<[^>]+>|#", "", re.sub(r'<a class="headerlink".*?</a>', "", h1)).split())


def visit_once(context, url: str):
    """Open one page and wait until its language is kept offline (the footer note shows)."""
    page = context.new_page()
    page.goto(url)
    page.locator("[data-offline-status]").wait_for(state="visible", timeout=20000)
    return page


@pytest.fixture
def recorded(browser):
    context = browser.new_context()
    context.add_init_script(LISTEN)
    problems: list[str] = []

    def console(message):
        # Chromium fetches the favicon itself, past any service worker: offline it fails, harmlessly
        if message.type == "error" and not FAVICON.search(message.location.get("url", "")):
            problems.append(f"console: {message.text} ({message.location.get('url')})")

    context.on("console", console)
    context.on("weberror", lambda e: problems.append(f"uncaught: {e.error}"))
    yield context, problems
    context.close()


@pytest.mark.parametrize("lang", HOME)
def test_after_one_visit_every_page_search_and_checklists_work_offline(recorded, server, built_site, lang):
    context, problems = recorded
    page = visit_once(context, server + HOME[lang])
    page.on("requestfailed", lambda r: FAVICON.search(r.url) or problems.append(f"failed offline: {r.url}"))
    context.set_offline(True)
    violations = []
    for path in language_pages(built_site, lang):
        response = page.goto(server + path)
        assert response and response.ok, f"{path} offline: {response and response.status}"
        if not path.endswith("guide.html"):
            assert " ".join(page.locator("article h1").first.inner_text().replace("#", "").split()) == heading(built_site, path)
        violations += page.evaluate("window.__violations")
    assert violations == [] and problems == [], violations + problems

    # the search: Pagefind and the language's index come from the cache
    page.goto(server + HOME[lang])
    page.keyboard.press("/")
    page.locator(".search-dialog__input").fill(QUERIES[lang])
    page.locator(".search-dialog__page").first.wait_for(timeout=10000)

    # a checklist: ticked offline, still ticked after reloading offline
    page.goto(server + HOME[lang] + "prepayment/")
    box = page.locator(".checklist__box").first
    box.check()
    page.reload()
    assert page.locator(".checklist__box").first.is_checked()
    assert problems == [], problems


@pytest.mark.parametrize("lang", HOME)
def test_an_address_not_kept_shows_the_offline_page_in_its_language(recorded, server, lang):
    context, _ = recorded
    page = visit_once(context, server + HOME[lang])
    context.set_offline(True)
    response = page.goto(server + HOME[lang] + "no-such-page/")
    assert response.ok
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("article h1").inner_text() == OFFLINE_TITLE[lang]
    links = page.locator("article li a")
    assert links.count() >= 20
    links.nth(2).click()  # a kept page opens offline
    assert page.locator("article h1").inner_text() != OFFLINE_TITLE[lang]


def test_nothing_offline_is_requested_before_the_page_has_loaded(recorded, server):
    context, _ = recorded
    page = context.new_page()
    events: list[str] = []
    page.on("request", lambda r: events.append(r.url))
    page.on("load", lambda: events.append("load"))
    page.goto(server + "/en/principles/")
    page.locator("[data-offline-status]").wait_for(state="visible", timeout=20000)
    loaded = events.index("load")
    early = [url for url in events[:loaded] if re.search(r"sw\.js|manifest|pagefind|icon-", url)]
    assert early == []


def test_chromium_reads_the_manifest_and_finds_the_site_installable(browser, server, tmp_path):
    """In a profile of its own: Chromium never offers to install from an incognito context."""
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
    )
    try:
        for lang, root in HOME.items():
            page = visit_once(context, server + root)
            cdp = context.new_cdp_session(page)
            manifest = cdp.send("Page.getAppManifest")
            assert manifest["url"] == server + root + "manifest.webmanifest"
            assert manifest["errors"] == [], manifest["errors"]
            data = json.loads(manifest["data"])
            assert data["lang"] == lang and data["start_url"] == "./" and data["name"]
            assert len(data["icons"]) == 3
            assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == [], lang
            page.close()
    finally:
        context.close()


def test_worker_keeps_each_language_with_existing_files_only(built_site):
    worker = built_site / "sw.js"
    settings = json.loads(worker.read_text("utf-8").split("\n", 1)[0].removeprefix("const OFFLINE = ").rstrip(";"))
    languages = {language["lang"]: language for language in settings["languages"]}
    assert set(languages) == set(HOME)
    for lang, language in languages.items():
        for path in language["files"]:
            target = built_site / path
            assert (target / "index.html" if path.endswith("/") else target).is_file(), path
        pages = [p for p in language["files"] if p.endswith("/") or p.endswith(".html")]
        others = [p for p in pages if p.startswith("en/") != (lang == "en") and not p.endswith("offline.html")]
        assert others == [], f"{lang} keeps pages of another language"
        assert len(pages) == len(language_pages(built_site, lang)) + 3  # its 404 and both offline pages
        assert any(f"/{lang}_" in p for p in language["files"])  # the language's search index
        assert not any(re.search(r"/(sv|en)_", p) and f"/{lang}_" not in p for p in language["files"])
    assert languages["sv"]["cache"] != languages["en"]["cache"]


def test_a_new_build_replaces_the_cache(browser, fixture_site):
    """After an edit and a rebuild, the page shows the new text online and the old cache is gone."""
    assert fixture_site.build().returncode == 0
    httpd, url = serve(fixture_site.site)
    context = browser.new_context()
    try:
        page = visit_once(context, url + "/topic/")
        kept = "caches.keys().then(names => names.filter(name => name.startsWith('guide-offline-sv-')))"
        before = page.evaluate(kept)
        assert len(before) == 1
        replace(fixture_site.page("sv", "topic.md"), "Text.", "Ny text efter bygget.")
        assert fixture_site.build().returncode == 0
        page.goto(url + "/topic/")
        assert "Ny text efter bygget." in page.locator("article").inner_text()  # network first
        for _ in range(80):  # the new worker installs (a new cache), then deletes the old one
            if len(names := page.evaluate(kept)) == 1 and names != before:
                break
            page.wait_for_timeout(250)
        assert len(names) == 1 and names != before, names
        print(page.evaluate("""async () => { const out = [];
          for (const n of await caches.keys()) { const c = await caches.open(n);
            for (const r of await c.keys()) { if (r.url.endsWith('/topic/')) out.push(n + ' ' + (await (await c.match(r)).text()).includes('Ny text')); } }
          return out; }"""))
        context.set_offline(True)
        page.goto(url + "/topic/")
        assert "Ny text efter bygget." in page.locator("article").inner_text()  # the new cache
    finally:
        context.close()
        httpd.shutdown()


# Host rules (overrides/data/hosting.yml): the worker and manifests are always revalidated ----------


def test_hosts_revalidate_the_worker_and_the_manifests(built_site):
    rules = yaml.safe_load((ROOT / "overrides" / "data" / "hosting.yml").read_text("utf-8"))  # read here, not by the hook

    def matcher(pattern: str) -> re.Pattern:  # hosting.yml: "*" matches any characters, "/" included
        return re.compile("^" + ".*".join(map(re.escape, pattern.split("*"))) + "$")

    headers = (built_site / "_headers").read_text("utf-8")
    for path in ("/sw.js", "/manifest.webmanifest", "/en/manifest.webmanifest"):
        assert any(matcher(p).match(path) for p in rules["cache"]["revalidate_paths"]), path
        assert not any(matcher(p).match(path) for p in rules["cache"]["immutable"]["paths"]), path
        blocks = [block for block in headers.split("\n\n") if matcher(block.split("\n")[0].strip()).match(path)]
        sent = [line.split(":", 1)[1].strip() for block in blocks for line in block.splitlines() if "Cache-Control" in line]
        assert sent == [rules["cache"]["revalidate"]], path


def test_keeping_the_worker_for_a_year_fails_the_build(fixture_site):
    rules = fixture_site.root / "overrides" / "data" / "hosting.yml"
    replace(rules, "      - /pagefind/index/*\n", "      - /pagefind/index/*\n      - /sw.js\n")
    result = fixture_site.build()
    assert result.returncode == 1
    assert "/sw.js must be revalidated, but '/sw.js' keeps it for a year" in result.stderr
    assert "overrides/data/hosting.yml:" in result.stderr


def test_a_revalidate_path_that_matches_no_file_fails_the_build(fixture_site):
    rules = fixture_site.root / "overrides" / "data" / "hosting.yml"
    replace(rules, "    - /sw.js\n", "    - /service-worker.js\n")
    result = fixture_site.build()
    assert result.returncode == 1
    assert "the path '/service-worker.js' matches no file of the built site" in result.stderr

