"""Shared fixtures: the real site built once, small fixture sites, a browser."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "scripts" / "build.py"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


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


@pytest.fixture(scope="session")
def server(built_site):
    """The built site on http://127.0.0.1:PORT/."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. In CI a missing Chromium fails."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}; install Debian's 'chromium' package"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
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
        yield browser
        browser.close()


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
