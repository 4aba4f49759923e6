"""Build the site: the one entry point.

    python scripts/build.py [--config mkdocs.yml] [--site-dir site] [--pdf]

In one run it
  1. builds every language with MkDocs in strict mode; the hooks validate the
     data (checklists, the client brief, dialogues, search vocabulary) once,
     and overrides/hooks/links.py every link, #anchor and nav: entry,
  2. checks every internal link and #anchor in the built HTML (linkcheck.py),
  3. checks that every page exists in every language with the same heading ids,
  4. checks that the search index (Pagefind) holds every page, per language,
  5. replaces the site folder only when all of that passed.
Every problem is listed as `path:line:col: what is wrong` (a hook's problem
as the hook found it, see overrides/hooks/problems.py); the exit code is 1 if
there was any.
"""

from __future__ import annotations

import argparse
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


HOOK_LOGGERS = "mkdocs.hooks."


class Problems(list):
    """Every problem, in the order found. Each check runs once, so nothing repeats."""

    def add(self, problem) -> None:
        self.append(str(problem))


def describe(record: logging.LogRecord, config_name: str) -> str:
    """One line for a warning or error from MkDocs' log.

    A hook's problem rides on its record (problems.report) and is printed as
    found. Anything else is printed as it was logged, on one line: MkDocs' own
    configuration errors and a plugin's warnings after the config's name, a
    hook's message that came without a Problem as it stands. No log text is parsed.
    """
    problem = getattr(record, "problem", None)
    if problem is not None:
        return str(problem)
    message = " ".join(record.getMessage().split())
    if record.name.startswith(HOOK_LOGGERS):
        return message  # a hook that logged without a Problem: its message, as it wrote it
    return f"{config_name}: {message}"


class _Collector(logging.Handler):
    def __init__(self, problems: Problems, config_name: str):
        super().__init__(logging.WARNING)
        self.problems, self.config_name = problems, config_name

    def emit(self, record):
        self.problems.add(describe(record, self.config_name))


# Step 1: MkDocs ---------------------------------------------------------------


def stopped(error, config_file: Path, problems: Problems) -> None:
    """MkDocs stopped. An Abort follows the problems already collected (in strict mode every
    warning counts), so it is listed only if there were none; any other error is listed as it is."""
    from mkdocs.exceptions import Abort

    if not isinstance(error, Abort) or not problems:
        problems.add(f"{os.path.relpath(config_file)}: {error}")


def load_site_config(config_file: Path, site_dir: Path, problems: Problems):
    """mkdocs.yml as MkDocs reads it, or None if it cannot be read (the problems say why)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        return load_config(str(config_file), site_dir=str(site_dir), strict=True)
    except MkDocsException as error:
        stopped(error, config_file, problems)
        return None


def run_mkdocs(config, problems: Problems) -> bool:
    """Build with MkDocs; return whether it ran to the end (in strict mode a problem stops it)."""
    from mkdocs import utils
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    clean_directory = utils.clean_directory  # the i18n plugin patches it while building
    try:
        build(config)
        return True
    except MkDocsException as error:
        stopped(error, Path(config.config_file_path), problems)
        return False
    finally:
        utils.clean_directory = clean_directory


def build_site(config_file: Path, site_dir: Path, problems: Problems):
    """Build every language into site_dir; return the loaded config (None if it could not be
    read) and whether MkDocs ran to the end."""
    logger = logging.getLogger("mkdocs")
    collector = _Collector(problems, os.path.relpath(config_file))
    logger.addHandler(collector)
    finished = False
    try:
        config = load_site_config(config_file, site_dir, problems)
        if config is not None:
            finished = run_mkdocs(config, problems)
    finally:
        logger.removeHandler(collector)
    if finished and not (site_dir / "index.html").is_file():
        problems.add(f"{os.path.relpath(config_file)}: MkDocs built no home page")
    return config, finished


def site_languages(config, project: Path):
    """The languages MkDocs builds, the default first, as the hooks see them
    (overrides/hooks/site_languages.py: the i18n plugin's languages)."""
    hooks = str(project / "overrides" / "hooks")
    sys.path.insert(0, hooks)
    try:
        from site_languages import site_languages as languages_of
    finally:
        sys.path.remove(hooks)
    return languages_of(config)


def checklist_count(site: Path) -> int:
    """How many checklists the build published (checklists.json, written by hooks/checklists.py)."""
    published = site / "checklists.json"
    if not published.is_file():
        return 0
    return len(json.loads(published.read_text("utf-8")).get("checklists", []))


# Step 3: parity (step 2, the built HTML's links, is linkcheck.py, run from check_built_site) ---


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


def language_pages(site: Path, languages) -> dict[str, dict[str, Path]]:
    """Built pages per language, keyed by their path inside that language."""
    others = [lang for lang in languages.all if lang != languages.default]
    pages = {lang: {} for lang in languages.all}
    for path in sorted(site.rglob("index.html")):
        relative = path.relative_to(site).as_posix()
        first = relative.split("/")[0]
        if first in others:
            pages[first][relative[len(first) + 1:]] = path
        elif first not in ("assets", "search"):
            pages[languages.default][relative] = path
    return pages


SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def source_pages(docs_dir: Path, languages) -> dict[str, set[str]]:
    """Each language's Markdown files, by their path inside the language's folder."""
    return {
        lang: {p.relative_to(docs_dir / lang).as_posix() for p in (docs_dir / lang).rglob("*.md")}
        for lang in languages.all
    }


def check_slugs(docs_dir: Path, sources: dict[str, set[str]], problems: Problems) -> None:
    for lang, names in sources.items():
        for source in sorted(names):
            if not all(SLUG.match(part) for part in source.removesuffix(".md").split("/")):
                problems.add(
                    f"{os.path.relpath(docs_dir / lang / source)}:1:1: the file name becomes the URL; "
                    "use short lowercase ASCII words joined by hyphens, e.g. 'staged-payment.md'"
                )


def check_translations(docs_dir: Path, sources: dict[str, set[str]], problems: Problems) -> None:
    for lang in sources:
        for other in sources:
            for missing in sorted(sources[lang] - sources[other]):
                problems.add(
                    f"{os.path.relpath(docs_dir / lang / missing)}:1:1: no {other} translation; "
                    f"create {os.path.relpath(docs_dir / other / missing)} with the same heading ids"
                )


def check_heading_ids(docs_dir: Path, pages: dict[str, dict[str, Path]], languages, problems: Problems) -> None:
    default = pages[languages.default]
    for lang in languages.all[1:]:
        for page in sorted(set(default) & set(pages[lang])):
            ours, theirs = heading_ids(default[page]), heading_ids(pages[lang][page])
            if ours == theirs:
                continue
            stem = page.removesuffix("index.html").rstrip("/") or "index"
            if not (docs_dir / lang / f"{stem}.md").is_file():
                stem += "/index"  # built from a folder's index.md
            problems.add(
                f"{os.path.relpath(docs_dir / lang / stem)}.md:1:1: heading ids differ from the "
                f"{languages.default} page; give both the same '{{ #id }}' headings in the same order "
                f"({languages.default}: {', '.join(ours)}; {lang}: {', '.join(theirs)})"
            )


def check_parity(docs_dir: Path, site: Path, languages, problems: Problems) -> dict[str, int]:
    """Every page in every language, with the same heading ids; return the built pages per language."""
    sources = source_pages(docs_dir, languages)
    check_slugs(docs_dir, sources, problems)
    check_translations(docs_dir, sources, problems)
    pages = language_pages(site, languages)
    check_heading_ids(docs_dir, pages, languages, problems)
    return {lang: len(found) for lang, found in pages.items()}


# Step 4: search index ------------------------------------------------------------


def indexed_pages(entry: Path) -> dict[str, int]:
    languages = json.loads(entry.read_text("utf-8"))["languages"]
    return {lang: info.get("page_count", 0) for lang, info in languages.items()}


SEARCH_HOOK = "search.py"  # overrides/hooks/search.py runs Pagefind, last of all


def search_hook_listed(config) -> bool:
    return any(Path(name).name == SEARCH_HOOK for name in config.hooks)


SEARCH_ENTRY = "pagefind/pagefind-entry.json"
NO_SEARCH_INDEX = (
    f"no search index was built; list overrides/hooks/{SEARCH_HOOK} under hooks: in mkdocs.yml "
    f"and install Pagefind (pip install -r requirements.txt)"
)


def check_search_index(site: Path, counts: dict[str, int], shown_as: str, problems: Problems) -> None:
    """Pagefind (overrides/hooks/search.py) must have indexed every page, in its own language."""
    entry, where = site / SEARCH_ENTRY, f"{shown_as}/{SEARCH_ENTRY}"
    if not entry.is_file():
        problems.add(f"{where}: {NO_SEARCH_INDEX}")
        return
    indexed = indexed_pages(entry)
    found = ", ".join(f"{lang} {count}" for lang, count in indexed.items()) or "nothing"
    missing = [lang for lang in counts if not indexed.get(lang)]
    for lang in missing:
        problems.add(
            f"{where}: the search index has no '{lang}' pages (indexed: {found}); Pagefind files each "
            f"page under its <html lang>: check the i18n languages in mkdocs.yml, and that no "
            f"pagefind.yml or PAGEFIND_* variable forces one language"
        )
    for lang in sorted(set(indexed) - set(counts)):
        problems.add(f"{where}: {indexed[lang]} pages were indexed under the unknown language '{lang}'; check their <html lang>")
    if missing:
        return  # the other languages' counts are off for the same reason
    for lang in counts:
        if indexed[lang] != counts[lang]:
            problems.add(
                f"{where}: the '{lang}' search index holds {indexed[lang]} pages, but {counts[lang]} "
                f"were built; every page's <article> needs data-pagefind-body (overrides/main.html)"
            )


# Step 5: swap -------------------------------------------------------------------


def replace_site(new: Path, site: Path) -> None:
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site.parent))
        site.rename(old / "site")
    new.rename(site)
    if old:
        shutil.rmtree(old)


def check_built_site(config, finished: bool, project: Path, build_dir: Path, shown_as: str, problems: Problems):
    """Steps 2 to 4: return the pages built per language and the links checked. After a failed
    MkDocs build the built HTML is not checked (that would repeat its problems), nor a search
    index that was never built because the build stopped before Pagefind's turn."""
    links = 0
    if finished and not problems:
        link_problems, links = linkcheck.check_site(build_dir, config.site_url or "", shown_as)
        for problem in link_problems:
            problems.add(problem)
    counts = check_parity(project / "docs", build_dir, site_languages(config, project), problems)
    if finished or (build_dir / SEARCH_ENTRY).is_file() or not search_hook_listed(config):
        check_search_index(build_dir, counts, shown_as, problems)
    return counts, links


def report_failure(problems: Problems, shown_as: str) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(
        f"Build failed with {len(problems)} problem{'s' if len(problems) != 1 else ''}; "
        f"{shown_as}/ was left as it was.",
        file=sys.stderr,
    )
    return 1


def build_and_check(project: Path, config_file: Path, site: Path) -> int:
    """Build into a temporary folder beside site/, check it, and swap it in only if all passed."""
    problems, shown_as = Problems(), os.path.relpath(site)
    build_dir = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site.parent))
    try:
        config, finished = build_site(config_file, build_dir, problems)
        if config is None:
            return report_failure(problems, shown_as)
        counts, links = check_built_site(config, finished, project, build_dir, shown_as, problems)
        if problems or not finished:
            return report_failure(problems, shown_as)
        checklists = checklist_count(build_dir)
        replace_site(build_dir, site)
    finally:
        if build_dir.exists():
            shutil.rmtree(build_dir)
    pages = ", ".join(f"{count} pages in {lang}" for lang, count in counts.items())
    print(f"Built {shown_as}/: {pages}, {checklists} checklists, {links} links checked, no problems.")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Build and check the site.")
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
    return build_and_check(project, config_file, site)


if __name__ == "__main__":
    sys.exit(main())
