"""Build the site: the one entry point.

    python scripts/build.py [--config mkdocs.yml] [--site-dir site]

In one run it
  1. loads and validates every checklist (overrides/data/checklists/*.yml)
     and the client brief (overrides/data/brief.yml),
  2. builds both languages with MkDocs in strict mode (missing pages, anchors
     and unknown markers fail),
  3. checks every internal link and #anchor in the built HTML,
  4. checks that every page exists in both languages with the same heading ids,
  5. checks that the search index (Pagefind) holds every page, per language,
  6. replaces the site folder only when all of that passed.
Every problem is listed as `path:line:col: what is wrong`; the exit code is 1
if there was any.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import re
import shutil
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import linkcheck  # noqa: E402

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"


class Problems(list):
    """Problems in the order found, each once."""

    def add(self, message: str) -> None:
        if message not in self:
            self.append(message)


class _Collector(logging.Handler):
    def __init__(self, problems: Problems, docs_dir: Path):
        super().__init__(logging.WARNING)
        self.problems, self.docs_dir = problems, docs_dir

    def emit(self, record):
        self.problems.add(explain_mkdocs_message(record.getMessage(), self.docs_dir))


LINK_MESSAGE = re.compile(
    r"^Doc file '(?P<file>[^']+)' contains (?:a|an \w+(?: \w+)?) link '(?P<link>[^']+)'(?P<rest>.*)$",
    re.S,
)


def explain_mkdocs_message(message: str, docs_dir: Path) -> str:
    """Give MkDocs' link warnings a file:line:col a writer can jump to."""
    match = LINK_MESSAGE.match(message)
    if match:
        source = docs_dir / match["file"]
        line, column = 1, 1
        if source.is_file():
            text = source.read_text(encoding="utf-8")
            at = text.find(f"]({match['link']}")
            at = at + 2 if at >= 0 else text.find(match["link"])
            if at >= 0:
                line = text.count("\n", 0, at) + 1
                column = at - (text.rfind("\n", 0, at) + 1) + 1
        rest = match["rest"].strip(" ,.").removeprefix("but ")
        return f"{os.path.relpath(source)}:{line}:{column}: broken link '{match['link']}': {rest}"
    if message.startswith("The following pages exist in the docs directory"):
        pages = ", ".join(line.strip(" -") for line in message.splitlines()[1:] if line.strip())
        return f"mkdocs.yml: pages missing from the navigation; add them under nav: {pages}"
    if "nav" in message.split(":")[0].lower():
        return f"mkdocs.yml: {' '.join(message.split())}"
    return " ".join(message.split())


# Step 1: data -----------------------------------------------------------------


def load_hook_module(path: Path):
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location(f"build_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(path.parent))


def check_data(project: Path, problems: Problems) -> int:
    checklists = load_hook_module(project / "overrides" / "hooks" / "checklists.py")
    loaded, found = checklists.load_checklists()
    for problem in found:
        problems.add(str(problem))
    brief = load_hook_module(project / "overrides" / "hooks" / "brief.py")
    for problem in brief.load_brief()[1]:
        problems.add(str(problem))
    return len(loaded)


# Step 2: MkDocs ---------------------------------------------------------------


def build_site(config_file: Path, site_dir: Path, problems: Problems) -> str:
    """Build both languages into site_dir; return the configured site_url."""
    from mkdocs import utils
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    clean_directory = utils.clean_directory  # the i18n plugin patches it while building
    logger = logging.getLogger("mkdocs")
    collector = _Collector(problems, config_file.parent / "docs")
    logger.addHandler(collector)
    site_url = ""
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        collector.docs_dir = Path(config.docs_dir)
        site_url = config.site_url or ""
        build(config)
    except Abort:
        pass  # the warnings that caused it are already collected
    except MkDocsException as error:
        problems.add(f"{os.path.relpath(config_file)}: {error}")
    finally:
        logger.removeHandler(collector)
        utils.clean_directory = clean_directory
    if not problems and not (site_dir / "index.html").is_file():
        problems.add(f"{os.path.relpath(config_file)}: MkDocs built no home page")
    return site_url


# Step 4: parity ----------------------------------------------------------------


class _Headings(HTMLParser):
    """Ids of h2/h3 headings inside the article."""

    def __init__(self):
        super().__init__()
        self.ids, self.depth = [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if self.depth and tag in ("h2", "h3"):
            self.ids.append(dict(attrs).get("id", ""))

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1


def heading_ids(path: Path) -> list[str]:
    parser = _Headings()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.ids


def language_pages(site: Path) -> dict[str, dict[str, Path]]:
    """Built pages per language, keyed by their path inside that language."""
    others = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    pages = {lang: {} for lang in LANGUAGES}
    for path in sorted(site.rglob("index.html")):
        relative = path.relative_to(site).as_posix()
        first = relative.split("/")[0]
        if first in others:
            pages[first][relative[len(first) + 1:]] = path
        elif first not in ("assets", "search"):
            pages[DEFAULT_LANGUAGE][relative] = path
    return pages


SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def check_parity(docs_dir: Path, site: Path, problems: Problems) -> dict[str, int]:
    sources = {lang: {p.relative_to(docs_dir / lang).as_posix() for p in (docs_dir / lang).rglob("*.md")} for lang in LANGUAGES}
    for lang in LANGUAGES:
        for source in sorted(sources[lang]):
            if not all(SLUG.match(part) for part in source.removesuffix(".md").split("/")):
                problems.add(
                    f"{os.path.relpath(docs_dir / lang / source)}:1:1: the file name becomes the URL; "
                    "use short lowercase ASCII words joined by hyphens, e.g. 'staged-payment.md'"
                )
    for lang in LANGUAGES:
        for other in LANGUAGES:
            for missing in sorted(sources[lang] - sources[other]):
                problems.add(
                    f"{os.path.relpath(docs_dir / lang / missing)}:1:1: no {other} translation; "
                    f"create {os.path.relpath(docs_dir / other / missing)} with the same heading ids"
                )
    pages = language_pages(site)
    default = pages[DEFAULT_LANGUAGE]
    for lang in LANGUAGES:
        if lang == DEFAULT_LANGUAGE:
            continue
        for page in sorted(set(default) & set(pages[lang])):
            ours, theirs = heading_ids(default[page]), heading_ids(pages[lang][page])
            if ours != theirs:
                stem = page.removesuffix("index.html").rstrip("/") or "index"
                if not (docs_dir / lang / f"{stem}.md").is_file():
                    stem += "/index"  # built from a folder's index.md
                source = os.path.relpath(docs_dir / lang / stem)
                problems.add(
                    f"{source}.md:1:1: heading ids differ from the {DEFAULT_LANGUAGE} page; "
                    f"give both the same '{{ #id }}' headings in the same order "
                    f"({DEFAULT_LANGUAGE}: {', '.join(ours)}; {lang}: {', '.join(theirs)})"
                )
    return {lang: len(found) for lang, found in pages.items()}


# Step 5: search index ------------------------------------------------------------


def check_search_index(site: Path, counts: dict[str, int], shown_as: str, problems: Problems) -> None:
    """Pagefind (overrides/hooks/search.py) must have indexed every page, in its own language."""
    entry = site / "pagefind" / "pagefind-entry.json"
    where = f"{shown_as}/pagefind/pagefind-entry.json"
    if not entry.is_file():
        if problems and not (site / "index.html").is_file():
            return  # the build stopped before writing pages; its own problems say why
        problems.add(
            f"{where}: no search index was built; list overrides/hooks/search.py under hooks: "
            f"in mkdocs.yml and install Pagefind (pip install -r requirements.txt)"
        )
        return
    indexed = {lang: info.get("page_count", 0) for lang, info in json.loads(entry.read_text("utf-8"))["languages"].items()}
    found = ", ".join(f"{lang} {count}" for lang, count in indexed.items()) or "nothing"
    missing = [lang for lang in LANGUAGES if not indexed.get(lang)]
    for lang in missing:
        problems.add(
            f"{where}: the search index has no '{lang}' pages (indexed: {found}); Pagefind files each "
            f"page under its <html lang>: check the i18n languages in mkdocs.yml, and that no "
            f"pagefind.yml or PAGEFIND_* variable forces one language"
        )
    for lang in sorted(set(indexed) - set(LANGUAGES)):
        problems.add(f"{where}: {indexed[lang]} pages were indexed under the unknown language '{lang}'; check their <html lang>")
    if missing:
        return  # the other languages' counts are off for the same reason
    for lang in LANGUAGES:
        if indexed[lang] != counts.get(lang):
            problems.add(
                f"{where}: the '{lang}' search index holds {indexed[lang]} pages, but {counts.get(lang)} "
                f"were built; every page's <article> needs data-pagefind-body (overrides/main.html)"
            )


# Step 6: swap -------------------------------------------------------------------


def replace_site(new: Path, site: Path) -> None:
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site.parent))
        site.rename(old / "site")
    new.rename(site)
    if old:
        shutil.rmtree(old)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Validate and build the site.")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=None, help="default: site/ next to the config")
    parser.add_argument("--pdf", action="store_true", help="also print the whole guide as PDF (needs Chromium)")
    args = parser.parse_args(argv)
    if args.pdf:
        os.environ["GUIDE_PDF"] = "true"  # read by mkdocs.yml's extra.guide_pdf (hooks/guide_book.py)

    config_file = args.config.resolve()
    project = config_file.parent
    site = (args.site_dir or project / "site").resolve()
    os.chdir(project)  # messages name paths relative to the project

    problems = Problems()
    checklist_count = check_data(project, problems)

    build_dir = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site.parent))
    try:
        site_url = build_site(config_file, build_dir, problems)
        links = 0
        if not problems:  # on a failed MkDocs build these would repeat its problems
            link_problems, links = linkcheck.check_site(build_dir, site_url, os.path.relpath(site))
            for problem in link_problems:
                problems.add(problem)
        counts = check_parity(project / "docs", build_dir, problems)
        check_search_index(build_dir, counts, os.path.relpath(site), problems)

        if problems:
            for problem in problems:
                print(problem, file=sys.stderr)
            print(
                f"Build failed with {len(problems)} problem{'s' if len(problems) != 1 else ''}; "
                f"{os.path.relpath(site)}/ was left as it was.",
                file=sys.stderr,
            )
            return 1
        replace_site(build_dir, site)
    finally:
        if build_dir.exists():
            shutil.rmtree(build_dir)

    pages = ", ".join(f"{counts[lang]} pages in {lang}" for lang in LANGUAGES)
    print(f"Built {os.path.relpath(site)}/: {pages}, {checklist_count} checklists, {links} links checked, no problems.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
