"""Every built page in Chromium, both languages, light and dark: accessible, quiet, private, policed, shareable.

Each page is opened once per palette (module fixture `visits`), then each of
the STATES below (a page with something done on it: ticked, filled, searched,
in a round); the tests below judge what those visits recorded. This is the one
place axe runs. Pages are found in the built site, so pages added later are
covered without touching this file.
"""

from __future__ import annotations

import base64
import concurrent.futures
import hashlib
import re
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import SITE_URL, TEXT, chromium, lang_of, require_chromium, site_paths

# Kept on the page from its first script on: Content-Security-Policy violations.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}: ${event.sample}`);
}, true);
"""

# What a link preview and a search engine read from the page's head.
HEAD = """() => {
  const meta = key => {
    const el = document.querySelector(`meta[name="${key}"], meta[property="${key}"]`);
    return el ? el.content : null;
  };
  const alternates = {};
  for (const link of document.querySelectorAll('head link[rel="alternate"][hreflang]'))
    alternates[link.hreflang] = link.getAttribute("href");
  const canonical = document.querySelector('head link[rel="canonical"]');
  const csp = document.querySelector('head meta[http-equiv="Content-Security-Policy"]');
  return {
    lang: document.documentElement.lang,
    title: document.title,
    description: meta("description"),
    og: Object.fromEntries(["og:title", "og:description", "og:image", "og:url", "og:locale"].map(k => [k, meta(k)])),
    twitter: meta("twitter:card"),
    canonical: canonical ? canonical.getAttribute("href") : null,
    alternates,
    csp: csp ? csp.content : null,
    scheme: document.body.getAttribute("data-md-color-scheme"),
  };
}"""


# States: what a reader does on a page, then axe and the other checks, in both palettes.


def searching(query: str, found: bool):
    def act(page):
        page.keyboard.press("/")
        page.locator(".search-dialog__input").fill(query)
        links = ".search-dialog__page" if found else ".search-dialog__help a"
        page.locator(f"dialog[open] {links}").first.wait_for()
        if not found:
            assert page.locator(".search-dialog__page").count() == 0
        page.keyboard.press("ArrowDown")  # a result (or a help link) focused
    return act


def ticking(page):
    assert page.locator(".checklist__tools").first.is_visible()
    page.locator("input.checklist__box").first.check()


def unticking_all(lang: str):
    """Two ticked, then "untick all": the undo button shows."""
    def act(page):
        labels = TEXT["checklists"][lang]
        section = page.locator("#checklist-conflicts")
        section.locator("input.checklist__box").nth(0).check()
        section.locator("input.checklist__box").nth(2).check()
        section.get_by_role("button", name=labels["reset"], exact=True).click()
        section.get_by_role("button", name=labels["undo"], exact=True).wait_for()
        assert section.locator("input.checklist__box:checked").count() == 0
    return act


def filling_the_brief(page):
    page.fill("#brief-organisation", "Ateljé Öst AB")


def orphans(lang: str):
    def act(page):
        page.evaluate("() => localStorage.setItem('brief:answers', JSON.stringify({'renamed-question': 'Vi vill nå alla.'}))")
        page.reload()
        assert TEXT["brief"][lang]["orphans_title"] in page.locator(".brief__orphans").inner_text()
    return act


STORAGE_FULL = "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"


def storage_full(lang: str):
    def act(page):
        page.fill("#brief-organisation", "Ateljé Öst AB")
        page.fill("#brief-goal", "Fler anmälningar")
        assert page.get_by_text(TEXT["brief"][lang]["not_saved"], exact=True).is_visible()
    return act


def sharing(page):
    page.fill("#share-name", "Anna Svensson")
    page.fill("#share-email", "nope")  # the notice about a bad address
    page.wait_for_function("() => document.querySelector('.share__status').textContent !== ''")


def greeted(page):
    assert page.locator("[data-share-greeting]").is_visible()


def practising(page):
    page.get_by_role("button", name="Starta en omgång", exact=True).click()
    page.locator(".practice__choice[data-kind=weak] label").click()
    page.get_by_role("button", name="Svara", exact=True).click()


def kept_offline(page):
    """The footer's "available offline" note shows seconds after load, once the worker kept the language."""
    page.locator("[data-offline-status]").wait_for(state="visible", timeout=20000)


@dataclass
class State:
    name: str
    path: str
    act: Callable
    init: str | None = None  # a script for this page only, before its own
    palettes: tuple[str, ...] = ("light", "dark")


LIGHT = ("light",)  # what adds no colour of its own to a page already seen in both palettes


STATES = [
    State("searching 'förhandlingar'", "/", searching("förhandlingar", True)),
    State("searching 'negotiating'", "/en/", searching("negotiating", True)),
    State("searching with no result", "/", searching("qqqqzz", False)),
    State("searching with no result", "/en/", searching("qqqqzz", False)),
    State("a box ticked", "/checklists/", ticking),
    State("a box ticked", "/en/checklists/", ticking, palettes=LIGHT),
    State("a box ticked", "/revisions/", ticking, palettes=LIGHT),
    State("a box ticked", "/en/conflicts/", ticking, palettes=LIGHT),
    State("all unticked, undo shown", "/conflicts/", unticking_all("sv")),
    State("all unticked, undo shown", "/en/conflicts/", unticking_all("en"), palettes=LIGHT),
    State("filled in", "/brief/", filling_the_brief, palettes=LIGHT),
    State("filled in", "/en/brief/", filling_the_brief, palettes=LIGHT),
    State("answers to old questions", "/brief/", orphans("sv")),
    State("answers to old questions", "/en/brief/", orphans("en"), palettes=LIGHT),
    State("storage full", "/brief/", storage_full("sv"), init=STORAGE_FULL),
    State("storage full", "/en/brief/", storage_full("en"), init=STORAGE_FULL, palettes=LIGHT),
    State("a bad address typed", "/share/", sharing),
    State("greeting", "/en/clients/#n=Anna%20Svensson&e=anna@example.se&m=Hi", greeted),
    State("greeting, bad address ignored", "/clients/#n=Anna&e=nope", greeted),
    State("a round in progress", "/practice/", practising),
    State("kept offline", "/en/", kept_offline),
]


@dataclass
class Visit:
    path: str
    palette: str
    address: bool = True  # a page of its own, with a canonical address
    axe: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    head: dict = field(default_factory=dict)


def visit_in(palette: str, server: str, paths: list[str]) -> list[Visit]:
    """Every page, then every state of this palette, in a Chromium of this thread's own."""
    axe, done = Axe(), []
    with chromium() as browser:
        context = browser.new_context(color_scheme=palette)
        context.add_init_script(LISTEN)
        visit = Visit("", palette)

        def route(route, request):
            host = urlsplit(request.url).hostname
            if host != "127.0.0.1":
                visit.outside.append(request.url)
                return route.abort()  # nothing leaves the machine, even if the test fails
            return route.continue_()

        def watch(page):
            page.on("console", lambda message: message.type == "error" and visit.console.append(message.text))
            page.on("pageerror", lambda error: visit.console.append(f"uncaught: {error}"))
            page.on("response", lambda r: r.status >= 400 and visit.failed.append(f"{r.status} {r.url}"))
            return page

        def record(page):
            results = axe.run(page).response
            visit.axe = [
                f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(str(n['target']) for n in v['nodes'][:3])}"
                for v in results["violations"]
            ]
            visit.head = page.evaluate(HEAD)
            visit.violations = page.evaluate("window.__violations")
            done.append(visit)

        context.route("**/*", route)
        page = watch(context.new_page())
        for path in paths:
            visit = Visit(path, palette, address=not path.endswith(".html"))
            page.goto(server + path)
            record(page)
        page.close()
        for state in (s for s in STATES if palette in s.palettes):  # each on a page of its own, storage cleared after
            visit = Visit(f"{state.path} {state.name}", palette, address=False)
            page = watch(context.new_page())
            if state.init:
                page.add_init_script(state.init)
            page.goto(server + state.path)
            try:
                state.act(page)
            except Exception as error:  # noqa: BLE001  a state that cannot be reached is a failure too
                visit.console.append(f"could not bring about {state.name!r}: {error}")
            record(page)
            page.evaluate("localStorage.clear()")
            page.close()
        context.close()
    return done


@pytest.fixture(scope="module")
def visits(server, built_site) -> list[Visit]:
    """Both palettes at once, one thread and one Chromium each (axe is most of the time, on two cores)."""
    require_chromium()
    paths = site_paths(built_site)
    assert len(paths) >= 32, paths
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        runs = [pool.submit(visit_in, palette, server, paths) for palette in ("light", "dark")]
        return [visit for run in runs for visit in run.result()]


def report(visits: list[Visit], attribute: str) -> list[str]:
    return [f"{v.path} ({v.palette}): {item}" for v in visits for item in getattr(v, attribute)]


def test_every_page_was_visited_in_both_palettes(visits, built_site):
    for palette, scheme in (("light", "default"), ("dark", "slate")):
        seen = [v for v in visits if v.palette == palette]
        assert len(seen) == len(site_paths(built_site)) + len([s for s in STATES if palette in s.palettes])
        wrong = [v.path for v in seen if v.head["scheme"] != scheme]
        assert wrong == [], f"not in the {scheme} scheme with a {palette} system setting: {wrong}"
    assert any(v.path.startswith("/en/") for v in visits) and any(v.path == "/" for v in visits)


def test_axe_finds_no_violation_on_any_page(visits):
    problems = report(visits, "axe")
    assert problems == [], "\n".join(problems)


def test_no_page_logs_a_console_error(visits):
    problems = report(visits, "console") + report(visits, "failed")
    assert problems == [], "\n".join(problems)


def test_no_request_leaves_127_0_0_1(visits):
    problems = report(visits, "outside")
    assert problems == [], "\n".join(problems)


def test_no_page_violates_its_content_security_policy(visits):
    problems = report(visits, "violations")
    assert problems == [], "\n".join(problems)


def test_every_page_has_its_meta_tags(visits):
    locales = {"sv": "sv_SE", "en": "en_GB"}
    problems = []
    for visit in (v for v in visits if v.palette == "light"):
        head, lang, where = visit.head, lang_of(visit.path), visit.path
        if head["lang"] != lang:
            problems.append(f"{where}: <html lang={head['lang']!r}>, expected {lang!r}")
        if not head["title"] or not (head["description"] or "").strip():
            problems.append(f"{where}: no title or meta description")
        for key in ("og:title", "og:description", "og:image"):
            if not head["og"][key]:
                problems.append(f"{where}: no {key}")
        if head["og"]["og:locale"] != locales[lang] or head["twitter"] != "summary_large_image":
            problems.append(f"{where}: og:locale {head['og']['og:locale']!r}, twitter:card {head['twitter']!r}")
        if not head["csp"] or "'unsafe-inline'" in head["csp"].split("script-src")[1].split(";")[0]:
            problems.append(f"{where}: no Content-Security-Policy, or one that allows any inline script")
        if not visit.address:
            continue  # the 404 pages and the open search have no address of their own
        url = SITE_URL + visit.path.lstrip("/")
        if head["canonical"] != url or head["og"]["og:url"] != url:
            problems.append(f"{where}: canonical {head['canonical']!r}, og:url {head['og']['og:url']!r}, expected {url!r}")
        alternates = head["alternates"]
        if set(alternates) != {"sv", "en", "x-default"} or url not in alternates.values():
            problems.append(f"{where}: hreflang alternates {alternates}")
        elif not all(href.startswith(SITE_URL) for href in alternates.values()) or alternates["x-default"] != alternates["sv"]:
            problems.append(f"{where}: alternates must be absolute, x-default the Swedish page: {alternates}")
    assert problems == [], "\n".join(problems)


def test_the_policy_is_in_force(browser, server):
    """An inline script the build did not hash is refused and reported."""
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.goto(server + "/en/principles/")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__ran = true";
        document.body.append(script);
    }""")
    page.wait_for_function("() => window.__violations.length > 0")
    assert page.evaluate("window.__ran") is None
    assert "script-src" in page.evaluate("window.__violations")[0]
    context.close()


def test_printing_is_light_whatever_the_palette(browser, server):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(server + "/principles/")
    colours = """() => {
        const style = element => getComputedStyle(element);
        const article = document.querySelector("article");
        const link = article.querySelector("p a[href]");
        return [document.body.getAttribute("data-md-color-scheme"),
                style(document.body).backgroundColor, style(article).color, style(link).color];
    }"""
    scheme, background, text, link = page.evaluate(colours)
    assert scheme == "slate" and background != "rgb(255, 255, 255)"  # dark on screen
    page.emulate_media(media="print")
    page.wait_for_function("() => document.getAnimations().length === 0")  # Material eases colour changes
    scheme, background, text, link = page.evaluate(colours)
    assert scheme == "slate" and background == "rgb(255, 255, 255)", background

    def luminance(colour: str) -> float:
        r, g, b, *alpha = (float(x) for x in re.findall(r"[\d.]+", colour))
        a = alpha[0] if alpha else 1.0
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 * a + (1 - a)  # over white paper

    assert luminance(text) < 0.3, text
    assert luminance(link) < 0.5, link
    context.close()


# The built files --------------------------------------------------------------------


def test_each_page_hashes_exactly_its_inline_scripts(built_site):
    for path in sorted(built_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert len(policies) == 1, path
        head = html.split("</head>")[0]
        assert head.index("Content-Security-Policy") < min(
            head.index(tag) for tag in ("<script", "<link") if tag in head
        ), f"{path}: the policy comes after what it governs"
        directives = dict(d.strip().split(" ", 1) for d in policies[0].split(";"))
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        assert directives["img-src"] == "'self' data:" and directives["base-uri"] == "'self'"
        assert "http" not in policies[0] and "*" not in policies[0], policies[0]
        inline = [
            m.group(2) for m in re.finditer(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
            if "src=" not in m.group(1) and "application/json" not in m.group(1)
        ]
        if not inline:  # a page of its own make (the whole guide): no inline script, no hash
            assert "sha256" not in directives["script-src"], path
            continue
        hashes = {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'" for body in inline
        }
        assert set(re.findall(r"'sha256-[^']+'", directives["script-src"])) == hashes, path


def test_sitemap_lists_both_languages_with_alternates(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    locations = [re.search(r"<loc>([^<]+)</loc>", entry).group(1) for entry in entries]
    pages = [p for p in site_paths(built_site) if not p.endswith(".html")]
    assert sorted(locations) == sorted(SITE_URL + p.lstrip("/") for p in pages)
    for entry, location in zip(entries, locations, strict=True):
        alternates = dict(re.findall(r'hreflang="([\w-]+)" href="([^"]+)"', entry))
        assert set(alternates) == {"sv", "en"} and location in alternates.values(), entry
        assert alternates["en"] == alternates["sv"].replace(SITE_URL, SITE_URL + "en/"), entry


def test_material_asks_for_no_sitemap_next_to_a_page(built_site):
    """Its language switch would fetch sitemap.xml beside every hreflang link (see language_switch.py)."""
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert '"link[rel=alternate]"' not in bundle
    assert '"link[rel=alternate]:not([hreflang])"' in bundle


def test_an_inline_event_handler_fails_the_build_at_its_line(fixture_site):
    page = fixture_site.page("en", "topic.md")
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("Text.\n", 'Text.\n\n<button type="button" onclick="alert(1)">Hi</button>\n', 1), encoding="utf-8")
    result = fixture_site.build()
    assert result.returncode == 1, result.stdout
    assert re.search(
        r"docs/en/topic\.md:17:23: an inline event handler \(.*onclick=.*\) would be blocked by the "
        r"Content-Security-Policy; attach the code from a file under overrides/assets/javascripts/",
        result.stderr,
    ), result.stderr
