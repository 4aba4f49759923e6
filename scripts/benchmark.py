"""Lighthouse figures for every kind of page, in both languages.

    npm ci                                     # once: Lighthouse, pinned in package-lock.json
    .venv/bin/python scripts/benchmark.py      # build, serve, measure, print a table

Builds the site with scripts/build.py into a temporary folder, serves it on
127.0.0.1 with Debian's nginx and the build's own nginx.conf (gzip, a 404 page
per language, the generated cache rules; scripts/nginx_site.py), runs
Lighthouse with its mobile preset in Debian's Chromium on each kind of page in
both languages and prints the four scores, the bytes transferred, the number
of requests and the requests to other origins, then every audit that cost a
point. Then it measures views with a warm cache through the same cache rules:
each page's first view (empty cache), its repeat view (the same page again)
and its view after the language's home page, as requests that reached nginx
and bytes it sent (from its access log). A benchmark, not a test: it prints
figures and exits 0. `--views-only` skips Lighthouse (no `npm ci` needed).

`--only home,topic` measures fewer kinds of page, `--runs 3` shows the
median of three runs, `--json FILE` keeps the figures. The machine's load
shows in the Performance score (Lighthouse simulates a slow phone from the
timings it sees): compare runs made on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nginx_site  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LANGUAGES = {"sv": "", "en": "en/"}
SEARCH_WORDS = {"sv": "förhandlingar", "en": "negotiating"}
SEARCH_FLOW = ROOT / "scripts" / "lighthouse_search.mjs"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


# Which page stands for each kind -------------------------------------------------
#
# Each kind names the paths it prefers, then a test on the built page, then a
# fallback, so the table keeps working as pages are added.


def _article(html: str) -> str:
    match = re.search(r"<article\b.*?</article>", html, re.S)
    return match.group(0) if match else ""


KINDS = [
    # kind, preferred paths, test on (path, html) for any other page
    ("home", [""], None),
    ("topic", ["principles/"], lambda path, html: "dialogue" in html),
    ("checklist", ["checklists/"], lambda path, html: "checklist" in path or 'class="checklist"' in html),
    ("brief", ["brief/", "client-brief/"], lambda path, html: "brief" in path or "<form" in _article(html)),
    ("client page", ["for-clients/", "clients/"], lambda path, html: "client" in path and "brief" not in path),
    ("glossary", ["glossary/"], lambda path, html: "glossary" in path),
    ("practice", ["practice/"], lambda path, html: "data-practice" in html),
    ("search open", [], None),
    ("404", [], None),
]


def site_pages(site: Path, prefix: str) -> dict[str, str]:
    """Paths (relative to the language's root) and HTML of the language's pages."""
    pages = {}
    root = site / prefix
    for page in sorted(root.rglob("index.html")):
        path = page.relative_to(root).as_posix().removesuffix("index.html")
        if prefix == "" and any(path.startswith(other) for other in LANGUAGES.values() if other):
            continue
        if path.split("/")[0] in ("assets", "search"):
            continue
        pages[path] = page.read_text(encoding="utf-8")
    return pages


def pick_pages(site: Path, only: set[str] | None) -> list[tuple[str, str, str, str]]:
    """(kind, language, URL path, how it was chosen) for every measured page.

    "search open" is the home page's path followed by `#search:WORD`: the
    search is opened with "/" and the word typed (lighthouse_search.mjs).
    """
    chosen = []
    for lang, prefix in LANGUAGES.items():
        pages = site_pages(site, prefix)
        used = {""}
        for kind, preferred, test in KINDS:
            if only and kind not in only:
                continue
            if kind == "search open":
                word = SEARCH_WORDS[lang]
                chosen.append((kind, lang, f"/{prefix}#search:{word}", f'home, "/" pressed and "{word}" typed (a user flow)'))
                continue
            if kind == "404":
                # Lighthouse refuses a 404 response, so the page is loaded by its own name.
                chosen.append((kind, lang, f"/{prefix}404.html", "the 404 page, by its own name"))
                continue
            path = next((p for p in preferred if p in pages), None)
            how = "named"
            if path is None and test:
                path = next((p for p, html in pages.items() if p not in used and test(p, html)), None)
                how = "found"
            if path is None:
                path = next(p for p in pages if p not in used)
                how = f"stand-in: no {kind} yet"
            used.add(path)
            chosen.append((kind, lang, f"/{prefix}{path}", how))
    return chosen


# Views with a warm cache ------------------------------------------------------------


def view(page, url: str, log: Path) -> tuple[int, int]:
    """Open url; the requests that reached nginx and the bytes it sent for them."""
    log.write_text("")  # nginx appends to it
    page.goto(url)
    page.wait_for_load_state("networkidle")
    lines = [line.rsplit(" ", 2) for line in log.read_text("utf-8").splitlines() if line.strip()]
    return len(lines), sum(int(sent) for _, _, sent in lines)


def warm_views(origin: str, log: Path, chosen) -> list[dict]:
    """First view, repeat view and view after the home page, for each chosen page (not the search)."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for kind, lang, path, _ in chosen:
            if "#search:" in path:
                continue
            row = {"kind": kind, "lang": lang, "path": path}
            context = browser.new_context()
            page = context.new_page()
            row["first"] = view(page, origin + path, log)
            page.goto("about:blank")
            row["repeat"] = view(page, origin + path, log)
            context.close()
            context = browser.new_context()
            page = context.new_page()
            view(page, f"{origin}/{LANGUAGES[lang]}", log)
            page.goto("about:blank")
            row["after home"] = view(page, origin + path, log)
            context.close()
            rows.append(row)
        browser.close()
    return rows


def print_views(rows: list[dict]) -> None:
    header = ("page", "lang", "path", "first KiB", "req", "repeat KiB", "req", "after home KiB", "req")
    lines = [header] + [
        (row["kind"], row["lang"], row["path"], *(
            cell for key in ("first", "repeat", "after home")
            for cell in (f"{row[key][1] / 1024:.1f}", str(row[key][0]))
        ))
        for row in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for n, line in enumerate(lines):
        cells = [cell.rjust(widths[i]) if i >= 3 else cell.ljust(widths[i]) for i, cell in enumerate(line)]
        print("| " + " | ".join(cells) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 1) + (":" if i >= 3 else "-") for i, w in enumerate(widths)) + "|")


# Lighthouse ------------------------------------------------------------------------


def lighthouse(url: str, report: Path) -> dict:
    command = [
        "node", str(LIGHTHOUSE), url,
        "--output=json", f"--output-path={report}", "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if result.returncode != 0 or not report.is_file():
        raise RuntimeError(result.stderr.strip() or f"lighthouse exited {result.returncode}")
    return json.loads(report.read_text(encoding="utf-8"))


def search_flow(url: str, word: str, report: Path) -> dict:
    command = ["node", str(SEARCH_FLOW), url, word, str(report)]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, cwd=ROOT)
    if result.returncode != 0 or not report.is_file():
        raise RuntimeError(result.stderr.strip() or f"lighthouse_search.mjs exited {result.returncode}")
    return json.loads(report.read_text(encoding="utf-8"))


METRICS = (
    "first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
    "cumulative-layout-shift", "speed-index", "interaction-to-next-paint",
)


def figures(reports: list[dict], origin: str) -> dict:
    """Figures from one Lighthouse report, or from a flow's navigation, timespan and snapshot.

    In a flow the timespan (the typing) gives Performance, the snapshot (the
    results shown) Accessibility and SEO, both Best Practices; the bytes and
    requests are those of the navigation and the typing together.
    """
    if len(reports) == 1:
        judged = {key: reports for key in CATEGORIES}
        loaded = reports
    else:
        navigation, typing, results = reports
        judged = {"performance": [typing], "accessibility": [results], "best-practices": [typing, results], "seo": [results]}
        loaded = [navigation, typing]
    items = [
        item for report in loaded for item in report["audits"]["network-requests"]["details"]["items"]
        if item["url"].startswith(("http:", "https:"))
    ]
    requests = [item["url"] for item in items]
    lost = []
    for key in CATEGORIES:
        for report in judged[key]:
            for ref in report["categories"][key]["auditRefs"]:
                audit = report["audits"][ref["id"]]
                if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                    value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                    lost.append(f"{key}: {ref['id']} {audit['score']:.2f}{value}")
    timed = judged["performance"][0]["audits"]
    return {
        "scores": {key: round(min(r["categories"][key]["score"] for r in judged[key]) * 100) for key in CATEGORIES},
        "bytes": int(sum(report["audits"]["total-byte-weight"]["numericValue"] for report in loaded)),
        "requests": len(requests),
        "other_origins": [url for url in requests if not url.startswith(origin + "/")],
        "metrics": {name: timed[name]["displayValue"] for name in METRICS if timed.get(name, {}).get("displayValue")},
        "lost": lost,
        "resources": [(item["url"].removeprefix(origin), item.get("transferSize", 0)) for item in items],
        "warnings": [warning.split(". ")[0] for report in loaded for warning in report.get("runWarnings", [])],
    }


def print_table(rows: list[dict]) -> None:
    header = ("page", "lang", "path", "Perf", "A11y", "BP", "SEO", "KiB", "req", "other")
    lines = [header] + [
        (
            row["kind"], row["lang"], row["path"],
            *(str(row["scores"][key]) for key in CATEGORIES),
            f"{row['bytes'] / 1024:.0f}", str(row["requests"]), str(len(row["other_origins"])),
        )
        if "scores" in row else (row["kind"], row["lang"], row["path"], "error", "", "", "", "", "", "")
        for row in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    numeric = range(3, len(header))
    for n, line in enumerate(lines):
        cells = [cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i]) for i, cell in enumerate(line)]
        print("| " + " | ".join(cells) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 1) + (":" if i in numeric else "-") for i, w in enumerate(widths)) + "|")


def lighthouse_rows(origin: str, work: Path, chosen, runs: int) -> list[dict]:
    rows = []
    for kind, lang, path, how in chosen:
        row = {"kind": kind, "lang": lang, "path": path, "chosen": how}
        print(f"  {kind} ({lang}) {path} ...", file=sys.stderr, flush=True)
        try:
            report = work / "report.json"
            if "#search:" in path:
                page, word = path.split("#search:")
                def measure(page=page, word=word, report=report):
                    return [step["lhr"] for step in search_flow(origin + page, word, report)["steps"]]
            else:
                def measure(path=path, report=report):
                    return [lighthouse(origin + path, report)]
            results = [figures(measure(), origin) for _ in range(runs)]
            results.sort(key=lambda result: result["scores"]["performance"])
            row.update(results[len(results) // 2], performance_runs=[r["scores"]["performance"] for r in results])
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            row["error"] = str(error).splitlines()[-1] if str(error) else repr(error)
        rows.append(row)
    return rows


def print_lighthouse(rows: list[dict], runs: int) -> None:
    median = f", median of {runs} runs" if runs > 1 else ""
    print(f"Lighthouse 12.2.3, mobile preset (simulated slow 4G, 4x CPU slowdown), Debian's Chromium, nginx{median}.")
    print()
    print_table(rows)
    print()
    for row in rows:
        notes = [f"chosen: {row['chosen']}"] if row["chosen"] not in ("named", "found") else []
        if "error" in row:
            notes.append(f"error: {row['error']}")
        else:
            notes.append(", ".join(f"{name.replace('-', ' ')} {value}" for name, value in row["metrics"].items()))
            if len(row["performance_runs"]) > 1:
                notes.append(f"Performance in {len(row['performance_runs'])} runs: {row['performance_runs']}")
            notes += [f"lost: {lost}" for lost in row["lost"]]
            notes += [f"other origin: {url}" for url in row["other_origins"]]
            notes += [f"warning: {warning}" for warning in row["warnings"]]
        print(f"- {row['kind']} ({row['lang']}) {row['path']}")
        for note in notes:
            print(f"    {note}")


def missing_tools(views_only: bool) -> str | None:
    if not views_only and not LIGHTHOUSE.is_file():
        return f"Lighthouse is not installed: run `npm ci` in {ROOT}"
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM}; install Debian's 'chromium' package"
    if nginx_site.nginx_binary() is None:
        return "nginx not found; install Debian's 'nginx' package"
    return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Lighthouse on every kind of page, both languages; views with a warm cache.")
    parser.add_argument("--only", help="comma-separated kinds: " + ", ".join(kind for kind, _, _ in KINDS))
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median by Performance is shown")
    parser.add_argument("--views-only", action="store_true", help="skip Lighthouse; only the first and repeat views")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    problem = missing_tools(args.views_only)
    if problem:
        print(problem, file=sys.stderr)
        return 2

    work = Path(tempfile.mkdtemp(prefix="benchmark-"))
    port = nginx_site.free_port()
    origin = f"http://127.0.0.1:{port}"
    try:
        site = work / "site"
        # The site is built for the address it is served at, as on a real host.
        build = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "build.py"), "--site-dir", str(site)],
            cwd=ROOT, env={**os.environ, "SITE_URL": origin + "/"}, capture_output=True, text=True,
        )
        if build.returncode != 0:
            print(build.stderr, file=sys.stderr)
            return 1
        print(build.stdout.strip())
        with nginx_site.running(site, port) as (_, served):
            chosen = pick_pages(site, only)
            rows = [] if args.views_only else lighthouse_rows(origin, work, chosen, args.runs)
            views = warm_views(origin, served / "access.log", chosen)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    if rows:
        print_lighthouse(rows, args.runs)
        print()
    print("Views through nginx and the generated cache rules (Debian's Chromium, no throttling): requests that")
    print("reached the server and kilobytes it sent (gzip). First: empty cache; repeat: the same page again;")
    print("after home: this page opened after the language's home page.")
    print()
    print_views(views)
    if args.json:
        args.json.write_text(json.dumps({"lighthouse": rows, "views": views}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
