"""Turn whole-guide pages (written by overrides/hooks/guide_book.py) into A4 PDFs.

    python scripts/guide_pdf.py site/guide.html site/guide.pdf [IN.html OUT.pdf ...]

`scripts/build.py --pdf` runs it for every language's documents during the
build and links the PDFs from them; run it yourself only to print a built
page again. It uses Debian's Chromium (/usr/bin/chromium, or $CHROMIUM)
through Playwright and opens the pages from disk, so it needs no network.
The PDFs have selectable text, tagged structure, and bookmarks from the
headings (Chromium's document outline). Exits 1 with a message on failure.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def render(pairs: list[tuple[Path, Path]]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.emulate_media(media="print")
            for source, target in pairs:
                page.goto(source.resolve().as_uri(), wait_until="load")
                page.evaluate("document.fonts.ready")
                target.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=True,
                         outline=True, tagged=True)
        finally:
            browser.close()


def main(argv: list[str]) -> int:
    if not argv or len(argv) % 2:
        print(__doc__, file=sys.stderr)
        return 2
    pairs = [(Path(argv[i]), Path(argv[i + 1])) for i in range(0, len(argv), 2)]
    missing = [str(source) for source, _ in pairs if not source.is_file()]
    if missing:
        print(f"guide_pdf.py: no such page: {', '.join(missing)}; build the site first", file=sys.stderr)
        return 1
    if not Path(CHROMIUM).exists():
        print(f"guide_pdf.py: Chromium not found at {CHROMIUM}; install Debian's 'chromium' package "
              f"or set CHROMIUM", file=sys.stderr)
        return 1
    try:
        render(pairs)
    except Exception as error:  # Playwright's errors carry the browser's own message
        print(f"guide_pdf.py: Chromium could not print: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
