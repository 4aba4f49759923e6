"""Shared fixtures: the real site built once, small fixture sites, a browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from html import unescape
from pathlib import Path

import pytest
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "scripts" / "build.py"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# The site as mkdocs.yml configures it: one table of languages and one address for every test.
_CONFIG = load_config(str(ROOT / "mkdocs.yml"))
SITE_URL: str = _CONFIG["site_url"]  # honours SITE_URL, as the build does
_LANGUAGES = sorted(_CONFIG["plugins"]["i18n"].config.languages, key=lambda language: not language.default)
PREFIX: dict[str, str] = {l.locale: "" if l.default else f"{l.locale}/" for l in _LANGUAGES}  # sv -> "", en -> "en/"
LANGS: tuple[str, ...] = tuple(PREFIX)  # the default language first
HOME: dict[str, str] = {lang: "/" + prefix for lang, prefix in PREFIX.items()}  # sv -> "/", en -> "/en/"


def lang_of(path: str) -> str:
    """The language of a site path ("/en/principles/", "en/principles/index.html")."""
    path = "/" + path.lstrip("/")
    return next((lang for lang, home in HOME.items() if home != "/" and path.startswith(home)), LANGS[0])


def built_file(site: Path, lang: str, path: str = "") -> Path:
    """A built page by language and path: ("en", "clients/pricing/") -> site/en/clients/pricing/index.html.
    A path with a file name ("404.html", "brief/brief-mall.md") is that file."""
    path = path.strip("/")
    if path in ("", "index") or not Path(path).suffix:
        return site / PREFIX[lang] / path.removesuffix("index") / "index.html"
    return site / PREFIX[lang] / path


def read_built(site: Path, lang: str, path: str = "") -> str:
    return built_file(site, lang, path).read_text(encoding="utf-8")


def meta(html: str, key: str) -> str | None:
    """A built page's <meta name|property=key> content."""
    match = re.search(rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)"', html)
    return unescape(match.group(1)) if match else None


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def site_paths(site: Path) -> list[str]:
    """URL paths of every HTML page in the built site ("/", "/en/principles/", "/404.html")."""
    return ["/" + page.relative_to(site).as_posix().removesuffix("index.html") for page in html_files(site)]


# What readers are shown, as the tests expect it (not read from the hooks, whose tables these check).
TEXT: dict[str, dict[str, dict[str, str]]] = {
    "brief": {
        "sv": {
            "copy": "Kopiera som text",
            "essentials": "Det viktigaste",
            "essentials_intro": "Börja här. De här frågorna gäller alla uppdrag, och med svaren på dem kan frilansaren ge dig ett första pris.",
            "local": "Det du skriver sparas bara i den här webbläsaren, så att det finns kvar om du laddar om sidan. Ingenting skickas någonstans förrän du själv skickar det.",
            "send_text": "När du är klar kan du kopiera svaren, ladda ner dem som fil eller öppna dem i ditt mejlprogram och skicka dem till frilansaren. Du kan också skriva ut briefen, med eller utan svar.",
            "not_saved": "Webbläsaren tillåter inte att svaren sparas. Kopiera eller ladda ner dem innan du stänger sidan.",
            "orphans_title": "Svar på frågor som inte längre finns i briefen",
            "orphan_label": "Tidigare fråga ({id})",
            "orphan_copy": "Kopiera svaret",
            "orphan_copied": "Svaret är kopierat.",
            "no_js": "JavaScript är avstängt i din webbläsare. Du kan läsa frågorna och skriva i fälten, men det du skriver sparas inte, kommer inte med på utskriften och försvinner om du laddar om sidan. Knapparna för att kopiera, ladda ner och mejla svaren fungerar bara med JavaScript. Ladda i stället ner den tomma mallen här nedanför och fyll i den, eller skriv ut briefen och fyll i den för hand.",
            "no_js_send": "Utan JavaScript kan du skicka den ifyllda mallen som bilaga, eller skriva ut briefen, fylla i den för hand och skicka en skanning eller ett foto av den.",
        },
        "en": {
            "copy": "Copy as text",
            "essentials": "The essentials",
            "essentials_intro": "Start here. These questions apply to every project, and with your answers the freelancer can give you a first quote.",
            "local": "What you type is saved only in this browser, so it is still here if you reload the page. Nothing is sent anywhere until you send it yourself.",
            "send_text": "When you are done, copy your answers, download them as a file or open them in your mail program, and send them to the freelancer. You can also print the brief, with or without your answers.",
            "not_saved": "This browser doesn’t allow your answers to be saved. Copy or download them before you close the page.",
            "orphans_title": "Answers to questions no longer in the brief",
            "orphan_label": "Earlier question ({id})",
            "orphan_copy": "Copy the answer",
            "orphan_copied": "The answer is copied.",
            "no_js": "JavaScript is turned off in your browser. You can read the questions and type in the fields, but what you type is not saved, is not printed and is lost if you reload the page. The buttons to copy, download and mail your answers only work with JavaScript. Instead, download the empty template below and fill it in, or print the brief and fill it in by hand.",
            "no_js_send": "Without JavaScript, you can send the filled-in template as an attachment, or print the brief, fill it in by hand and send a scan or a photo of it.",
        },
    },
    "checklists": {
        "sv": {
            "checklist": "Checklista",
            "reset": "Bocka ur alla",
            "undo": "Ångra",
            "download": "Ladda ner som textfil",
            "blank": "Utskriven utan bockar, för att fyllas i med penna.",
            "ticked": "Bockarna är de du satte på skärmen; resten fyller du i med penna.",
            "not_saved": "Webbläsaren låter inte sidan spara dina bockar, så de försvinner när du lämnar eller laddar om sidan. Skriv ut checklistan om du vill behålla dem.",
            "no_js": "JavaScript är avstängt i din webbläsare. Du kan bocka av punkterna och skriva ut sidan, men bockarna sparas inte när du lämnar sidan, och räknaren och knapparna för att bocka ur alla och skriva ut en enskild checklista visas inte.",
        },
        "en": {
            "checklist": "Checklist",
            "reset": "Untick all",
            "undo": "Undo",
            "download": "Download as a text file",
            "blank": "Printed without ticks, to fill in with a pen.",
            "ticked": "The ticks are the ones you made on screen; fill in the rest with a pen.",
            "not_saved": "Your browser doesn't let this page save your ticks, so they will be gone when you leave or reload the page. Print the checklist if you want to keep them.",
            "no_js": "JavaScript is turned off in your browser. You can tick the items and print the page, but your ticks are not kept when you leave the page, and the counter and the buttons to untick all and to print a single checklist are not shown.",
        },
    },
    "share": {
        "sv": {
            "bad_email": "Det där ser inte ut som en mejladress, så den kommer inte med i länken.",
        },
        "en": {
            "bad_email": "That doesn’t look like an email address, so it is left out of the link.",
        },
    },
}


def run_build(config: Path, site_dir: Path | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, str(BUILD), "--config", str(config)]
    if site_dir:
        command += ["--site-dir", str(site_dir)]
    return subprocess.run(command, capture_output=True, text=True, cwd=config.parent)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once by the real entry point into a temporary folder."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = run_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stdout
    return site


# A tiny two-language site that uses the real theme, hooks and schema ------------

TAKEAWAY = {
    "sv": '!!! abstract "I korthet"\n\n    - Ett.\n    - Två.\n    - Tre.\n',
    "en": '!!! abstract "In short"\n\n    - One.\n    - Two.\n    - Three.\n',
}

FIXTURE_PAGES = {
    "index.md": {
        "sv": "---\ndescription: Hem.\n---\n# Hem\n\nLäs [ämnet](topic.md#first).\n",
        "en": "---\ndescription: Home.\n---\n# Home\n\nRead [the topic](topic.md#first).\n",
    },
    "topic.md": {
        "sv": "---\ndescription: Ett ämne.\n---\n\n# Ämne\n\n" + TAKEAWAY["sv"] + "\n## Först { #first }\n\nText.\n\n<!-- md:checklist demo -->\n",
        "en": "---\ndescription: A topic.\n---\n\n# Topic\n\n" + TAKEAWAY["en"] + "\n## First { #first }\n\nText.\n\n<!-- md:checklist demo -->\n",
    },
}

FIXTURE_CHECKLIST = """\
id: demo
title:
  sv: Demo
  en: Demo
items:
  - id: first
    text:
      sv: Gör det första.
      en: Do the first thing.
  - id: second
    text:
      sv: Gör det andra.
      en: Do the second thing.
"""


def replace(path: Path, old: str, new: str) -> None:
    """Change a fixture file once; fail loudly if the text to change is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class FixtureSite:
    def __init__(self, root: Path):
        self.root = root
        self.config = root / "mkdocs.yml"
        self.site = root / "site"

    def page(self, lang: str, name: str) -> Path:
        return self.root / "docs" / lang / name

    def checklist(self, name: str = "demo") -> Path:
        return self.root / "overrides" / "data" / "checklists" / f"{name}.yml"

    def build(self) -> subprocess.CompletedProcess:
        return run_build(self.config)

    def assert_rejected(self, break_it) -> None:
        """Break the fixture with break_it (which returns the message expected, as a regex), build,
        and check that the build fails with that message and leaves the previous site/ as it was."""
        self.site.mkdir()
        (self.site / "index.html").write_text("previous site", encoding="utf-8")
        expected = break_it(self)
        result = self.build()
        assert result.returncode == 1, result.stdout
        assert re.search(expected, result.stderr), result.stderr
        assert "site/ was left as it was" in result.stderr
        assert (self.site / "index.html").read_text(encoding="utf-8") == "previous site"
        assert sorted(p.name for p in self.root.iterdir() if p.name.startswith(".site-")) == []


@pytest.fixture
def fixture_site(tmp_path) -> FixtureSite:
    shutil.copytree(
        ROOT / "overrides",
        tmp_path / "overrides",
        ignore=shutil.ignore_patterns("__pycache__", "*.yml"),
    )
    for data in ("hosting.yml", "labels.yml"):  # the host rules and the interface labels
        shutil.copy(ROOT / "overrides" / "data" / data, tmp_path / "overrides" / "data")
    (tmp_path / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\nnav:\n  - index.md\n  - topic.md\n", encoding="utf-8"
    )
    site = FixtureSite(tmp_path)
    for name, languages in FIXTURE_PAGES.items():
        for lang, text in languages.items():
            site.page(lang, name).parent.mkdir(parents=True, exist_ok=True)
            site.page(lang, name).write_text(text, encoding="utf-8")
    site.checklist().write_text(FIXTURE_CHECKLIST, encoding="utf-8")
    return site


# Browser -------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A folder on http://127.0.0.1:PORT (returned: the server, to shut down, and its address)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


@pytest.fixture(scope="session")
def server(built_site):
    """The built site on http://127.0.0.1:PORT/."""
    httpd, url = serve(built_site)
    yield url
    httpd.shutdown()


@pytest.fixture(scope="session")
def pdf_tools():
    """poppler-utils' pdftotext and pdfinfo (APT_PACKAGES in scripts/dev.py). In CI a missing one fails."""
    missing = [tool for tool in ("pdftotext", "pdfinfo") if not shutil.which(tool)]
    if missing:
        message = f"{', '.join(missing)} not found; install Debian's 'poppler-utils' package"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def require_chromium() -> None:
    """Skip without Debian's Chromium; in CI (CI=true) a missing Chromium fails."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}; install Debian's 'chromium' package"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@contextlib.contextmanager
def chromium():
    """Debian's Chromium driven by Playwright (one per thread: Playwright's sync API is not thread-safe)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. In CI a missing Chromium fails."""
    require_chromium()
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def show_all_brief_questions(page) -> None:
    """Open the brief's optional questions, if they are hidden."""
    toggle = page.locator("[data-brief-toggle]")
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()


def loads_asset(html: str, name: str) -> bool:
    """Whether a built page refers to one of our assets, by its plain or content-hashed name
    (fingerprint.py turns practice.js into practice.<hash>.js)."""
    stem, dot, suffix = name.rpartition(".")
    return re.search(rf"\b{re.escape(stem)}(\.[0-9a-f]{{10}})?\.{re.escape(suffix)}\b", html) is not None
