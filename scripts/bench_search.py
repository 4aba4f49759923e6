"""Print what search costs: index size per language and query latency.

    python scripts/bench_search.py [--site site] [--repeat 20]

Reads a site built by scripts/build.py. Sizes are bytes on disk and gzipped
(what a server that compresses sends; Pagefind's index files are already
compressed). "Added" are the bytes the reader's-words features add: the
query engine and words file loaded on first search, and the vocabulary in
the index. Latency is measured in Debian's Chromium through Playwright, on
the site served from 127.0.0.1, so it leaves out the network; the dialog is
timed over every reader query in tests/data/search_queries.yml.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import re
import statistics
import sys
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
READER_QUERIES = ROOT / "tests" / "data" / "search_queries.yml"
QUERIES = {
    "sv": ["förhandlingar", "kundens", "rabatter", "förskott", "pris", "ändringar", "konflikt", "nej"],
    "en": ["negotiating", "clients", "discounts", "prepayment", "price", "revisions", "conflict", "no"],
}
PAGES = {"sv": "/", "en": "/en/"}


def asset(site: Path, relative: str) -> Path:
    """A file of ours under its built name: fingerprint.py adds a content hash (search.<hash>.js)."""
    plain = site / relative
    if plain.exists():
        return plain
    found = sorted(plain.parent.glob(f"{plain.stem}.*{plain.suffix}"))
    if len(found) != 1:
        raise SystemExit(f"{relative}: expected one built file, found {len(found)}; build the site first")
    return found[0]


def sizes(paths) -> tuple[int, int]:
    raw = packed = 0
    for path in paths:
        data = path.read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, 9)) if path.suffix in (".js", ".css", ".json") else len(data)
    return raw, packed


def kb(pair: tuple[int, int]) -> str:
    return f"{pair[0] / 1024:7.1f} KB on disk, {pair[1] / 1024:6.1f} KB gzipped"


def print_sizes(site: Path) -> None:
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    print("Every page view (search button and dialog code):")
    print(f"  search.js + search.css    {kb(sizes([asset(site, 'assets/javascripts/search.js'), asset(site, 'assets/stylesheets/search.css')]))}")
    print("First search, either language:")
    print(f"  pagefind.js + worker      {kb(sizes([bundle / 'pagefind.js', bundle / 'pagefind-worker.js']))}")
    print(f"  search-engine.js (added)  {kb(sizes([asset(site, 'assets/javascripts/search-engine.js')]))}")
    for lang in entry["languages"]:
        print(f"  words.{lang}.json (added)    {kb(sizes([bundle / f'words.{lang}.json']))}")
    print(f"Vocabulary in the index (added): {vocabulary_bytes(site)} bytes of terms over all pages, both languages")
    for lang, info in entry["languages"].items():
        code = sizes([bundle / f"wasm.{info['wasm']}.pagefind", bundle / f"pagefind.{info['hash']}.pf_meta"])
        index = sizes(sorted((bundle / "index").glob(f"{lang}_*")))
        fragments = sizes(sorted((bundle / "fragment").glob(f"{lang}_*")))
        print(f"Index '{lang}', {info['page_count']} pages:")
        print(f"  wasm + metadata (loaded)  {kb(code)}")
        print(f"  word index, all chunks    {kb(index)}")
        print(f"  page fragments, all       {kb(fragments)}  (one per matching page, fetched when it matches)")


def vocabulary_bytes(site: Path) -> int:
    total = 0
    for path in site.rglob("index.html"):
        for terms in re.findall(r'data-terms="([^"]*)"', path.read_text("utf-8")):
            total += len(terms.encode("utf-8"))
    return total


def reader_queries(page, queries: list[str]) -> list[float]:
    """Type each query into the open dialog; ms from input to its results shown (120 ms debounce included)."""
    return page.evaluate(
        """async queries => {
            const input = document.querySelector('.search-dialog__input');
            const status = document.querySelector('.search-dialog__status');
            const times = [];
            for (const query of queries) {
                const start = performance.now();
                input.value = query;
                input.dispatchEvent(new Event('input'));
                while (!status.textContent.includes('\u201d' + query + '\u201d')
                       && !status.textContent.includes('\u201c' + query + '\u201d'))
                    await new Promise(resolve => setTimeout(resolve, 2));
                times.push(performance.now() - start);
            }
            return times;
        }""",
        queries,
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def dialog_latency(browser, url: str, query: str, pause_ms: int) -> float:
    """Open the dialog on a fresh page, wait, type a query: ms until its results are shown."""
    page = browser.new_page()
    page.goto(url)
    page.click("[data-search-open]")
    page.wait_for_timeout(pause_ms)
    elapsed = page.evaluate(
        """async query => {
            const start = performance.now();
            const input = document.querySelector('.search-dialog__input');
            input.value = query;
            input.dispatchEvent(new Event('input'));
            while (!document.querySelector('.search-dialog__status').textContent.includes(query))
                await new Promise(resolve => setTimeout(resolve, 2));
            return performance.now() - start;
        }""",
        query,
    )
    page.close()
    return elapsed


PAGEFIND_TIMES = """async ([queries, repeat]) => {
    const pagefind = await import('/pagefind/pagefind.js');
    await pagefind.init();
    const cold = [], warm = [];
    for (const query of queries) {
        let start = performance.now();
        let found = await pagefind.search(query);
        await Promise.all(found.results.slice(0, 10).map(r => r.data()));
        cold.push(performance.now() - start);
        for (let i = 0; i < repeat; i++) {
            start = performance.now();
            found = await pagefind.search(query);
            await Promise.all(found.results.slice(0, 10).map(r => r.data()));
            warm.push(performance.now() - start);
        }
    }
    return {cold, warm};
}"""


def pagefind_times(browser, url: str, queries: list[str], repeat: int) -> dict:
    """Pagefind alone, without the dialog's debounce: first and repeated time per query."""
    page = browser.new_page()
    page.goto(url)
    times = page.evaluate(PAGEFIND_TIMES, [queries, repeat])
    page.close()
    return times


def typed_reader_queries(browser, url: str, lang: str) -> list[float]:
    """The readers' own queries typed into the open dialog, once the index chunks are loaded."""
    dialog = browser.new_page()
    dialog.goto(url)
    dialog.click("[data-search-open]")
    dialog.wait_for_timeout(500)
    queries = [entry["q"] for entry in yaml.safe_load(READER_QUERIES.read_text("utf-8"))[lang]]
    reader_queries(dialog, queries[:3])  # first searches load the index chunks
    typed = reader_queries(dialog, queries)
    dialog.close()
    return typed


def print_latency(lang: str, repeat: int, first: float, after_pause: float, times: dict, typed: list[float]) -> None:
    warm = sorted(times["warm"])
    print(f"Latency '{lang}' ({len(QUERIES[lang])} queries, {repeat} repeats each, top 10 results with excerpts):")
    print(f"  dialog, typing at once      {first:6.1f} ms  to results (loading Pagefind, 120 ms debounce)")
    print(f"  dialog, typing after 0.5 s  {after_pause:6.1f} ms  to results (Pagefind loaded while waiting)")
    print(f"  first time per query        {statistics.median(times['cold']):6.1f} ms median, {max(times['cold']):6.1f} ms max")
    print(f"  repeated query              {statistics.median(warm):6.1f} ms median, {warm[int(len(warm) * 0.95) - 1]:6.1f} ms p95")
    print(f"  reader queries in the dialog {statistics.median(typed):6.1f} ms median, {max(typed):6.1f} ms worst "
          f"({len(typed)} queries, 120 ms debounce included)")


def measure_language(browser, server: str, lang: str, path: str, repeat: int) -> None:
    # The dialog end to end: first use loads Pagefind and the index.
    first, after_pause = (dialog_latency(browser, server + path, QUERIES[lang][0], pause) for pause in (0, 500))
    times = pagefind_times(browser, server + path, QUERIES[lang], repeat)
    typed = typed_reader_queries(browser, server + path, lang)
    print_latency(lang, repeat, first, after_pause, times, typed)


def measure_latency(site: Path, repeat: int) -> None:
    if not Path(CHROMIUM).exists():
        print(f"(no latency: {CHROMIUM} is missing)")
        return
    from playwright.sync_api import sync_playwright

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for lang, path in PAGES.items():
                measure_language(browser, server, lang, path, repeat)
            browser.close()
    finally:
        httpd.shutdown()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    if not (args.site / "pagefind" / "pagefind-entry.json").is_file():
        print(f"{args.site}/pagefind/ is missing: build the site first with python scripts/build.py", file=sys.stderr)
        return 1
    print_sizes(args.site)
    measure_latency(args.site, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
