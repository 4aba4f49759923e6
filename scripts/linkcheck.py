"""Check every internal link and anchor in a built site.

    python scripts/linkcheck.py site [--site-url https://example.org/]

Every href/src that points into the site must name a file that exists, and
every #fragment must name an id on the target page. Links to other sites are
not followed (the build needs no network). Exits 1 and lists each problem as
`file:line:col: what is wrong`.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRIBUTES = {
    "a": "href",
    "area": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "form": "action",
}
SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data", "sms"}


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, int, int]] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute) is not None:
            line, column = self.getpos()
            self.page.links.append((values[attribute], line, column + 1))

    handle_startendtag = handle_starttag


def parse(path: Path) -> Page:
    page = Page()
    parser = _Parser(page)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return page


def check_site(site: Path, site_url: str = "", shown_as: str | None = None) -> tuple[list[str], int]:
    """Return (problems, number of links checked)."""
    site = site.resolve()
    shown_as = shown_as or str(site)
    site_path = urlsplit(site_url).path or "/"
    pages = {path: parse(path) for path in sorted(site.rglob("*.html"))}
    problems, checked = [], 0

    def target_file(url_path: str) -> Path | None:
        relative = unquote(url_path)[len(site_path):] if url_path.startswith(site_path) else None
        if relative is None:
            return None
        candidate = site / relative
        if url_path.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate

    for path, page in pages.items():
        relative = path.relative_to(site).as_posix()
        page_url = site_path + relative
        for link, line, column in page.links:
            where = f"{shown_as}/{relative}:{line}:{column}"
            if site_url and link.startswith(site_url):
                link = site_path + link[len(site_url):]
            parts = urlsplit(link)
            if parts.scheme in SKIPPED_SCHEMES or (parts.scheme or parts.netloc):
                continue
            checked += 1
            resolved = urlsplit(urljoin(page_url, link))
            target = path if not parts.path else target_file(resolved.path)
            if target is None or not target.is_file():
                problems.append(f"{where}: broken link '{link}': nothing is built at {resolved.path}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if fragment not in ids:
                    shown_target = target.relative_to(site).as_posix()
                    problems.append(
                        f"{where}: broken anchor '{link}': {shown_target} has no id '{fragment}'"
                    )
    return problems, checked


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--site-url", default="", help="absolute links under this URL count as internal")
    args = parser.parse_args(argv)
    problems, checked = check_site(args.site, args.site_url, str(args.site))
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{checked} links checked, {len(problems)} broken", file=sys.stderr if problems else sys.stdout)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
