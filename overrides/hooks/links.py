"""Every link in the Markdown and every entry of the navigation, checked where it is written.

For each page's source file: every link to another page or file must name one
that exists in the same language, every `#anchor` must be an id on its target
page (heading ids are the `{ #id }` written in the Markdown), and no link may
start with `/` (the site must work under any address). In mkdocs.yml: every
`nav:` entry must name a page, and every page must be in the navigation.

MkDocs checks the same things, but says neither line nor column; its checks
are set to `info` in mkdocs.yml's `validation:` block, and these report each
problem as `path:line:col: what is wrong` (problems.report). The built HTML is
checked once more by scripts/linkcheck.py.
"""

from __future__ import annotations

import difflib
import logging
import os
import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from problems import Problem, report
from site_languages import language_of
from source_position import display_path, line_column

log = logging.getLogger("mkdocs.hooks.links")

# Masked before links are looked for: front matter, fenced code, code spans, HTML comments.
FRONT_MATTER = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?P<ticks>`+).+?(?P=ticks)", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)

# [text](target "title") and ![alt](target); [label]: target
INLINE_LINK = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(?P<target><[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(?P<target><[^>\n]*>|\S+)", re.M)


# Finding the links ----------------------------------------------------------------


def blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def without_fences(text: str) -> str:
    """The text with fenced code blocks (``` or ~~~, indented or not) blanked out."""
    lines, fence = text.split("\n"), None
    for number, line in enumerate(lines):
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None and line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
            fence = None
        elif fence is None:
            continue
        lines[number] = " " * len(line)
    return "\n".join(lines)


def masked(text: str) -> str:
    """The text with everything that holds no link blanked out, newlines and offsets kept."""
    text = without_fences(FRONT_MATTER.sub(blank, text))
    for pattern in (COMMENT, CODE_SPAN):
        text = pattern.sub(blank, text)
    return text


def links_in(text: str):
    """(target, line, column) of every link in a page's Markdown source, in order."""
    plain = masked(text)
    found = []
    for pattern in (INLINE_LINK, REFERENCE):
        for match in pattern.finditer(plain):
            target, at = match["target"], match.start("target")
            if target.startswith("<"):
                target, at = target[1:-1], at + 1
            found.append((at, target))
    return [(target, *line_column(text, at)) for at, target in sorted(found)]


# The anchors of a page ---------------------------------------------------------------


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])


def anchors_of(page) -> set[str]:
    """Every id on a rendered page: headings, and whatever else the page's HTML names."""
    parser = _Ids()
    parser.feed(page.content or "")
    return parser.ids


def heading_ids(page) -> list[str]:
    ids = []

    def walk(items):
        for item in items:
            ids.append(item.id)
            walk(item.children)

    walk(page.toc)
    return ids


# Checking one link -----------------------------------------------------------------


def target_uri(file, path: str) -> str:
    """The src_uri a relative link resolves to, as MkDocs resolves it."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(file.src_uri), path).lstrip("/"))


def relative_link(file, uri: str) -> str:
    return posixpath.relpath(uri, posixpath.dirname(file.src_uri) or ".")


def guess(file, path: str, files) -> str | None:
    """The page the writer most likely meant, as a link from this page."""
    uri = target_uri(file, path)
    for candidate in (uri + ".md", posixpath.join(uri, "index.md"), uri.removesuffix(".html") + ".md"):
        if files.get_file_from_path(candidate) is not None:
            return relative_link(file, candidate)
    pages = [relative_link(file, page.src_uri) for page in files.documentation_pages()]  # this language's
    close = difflib.get_close_matches(relative_link(file, uri), pages, n=1, cutoff=0.6)
    return close[0] if close else None


def missing_target(file, link: str, path: str, files, docs_dir: str) -> str:
    where = display_path(os.path.join(docs_dir, target_uri(file, path)))
    if not posixpath.splitext(path)[1]:
        message = f"broken link '{link}': link to the Markdown file ('page.md'), not to a folder or URL; {where} is not found"
    else:
        message = f"broken link '{link}': {where} is not found among the documentation files"
    suggestion = guess(file, path, files)
    return message + (f"; did you mean '{suggestion}'?" if suggestion else "; check the file name")


def missing_anchor(link: str, anchor: str, target, this_page: bool) -> str:
    ids = heading_ids(target.page)
    close = difflib.get_close_matches(anchor, ids, n=1)
    where = "this page" if this_page else display_path(target.abs_src_path)
    message = f"broken link '{link}': {where} has no anchor '#{anchor}'"
    if close:
        return f"{message}; did you mean '#{close[0]}'?"
    if ids:
        return f"{message}; its headings' ids: {', '.join('#' + i for i in ids)}"
    return f"{message}; give the heading an id: '## Title {{ #{anchor} }}'"


def page_at_url(file, url: str, files) -> str:
    """The Markdown file (as a link from this page) that MkDocs builds at an absolute URL, or 'page.md'."""
    path = urlsplit(url).path.lstrip("/")
    for page in files.documentation_pages():
        if page.url in (path, path + "/") or page.url.endswith("/" + path) and path:
            return relative_link(file, page.src_uri)
    return "page.md"


def check_link(file, link: str, files, docs_dir: str, anchors: dict) -> str | None:
    """What is wrong with one link from a page, or None."""
    scheme, netloc, path, _, anchor = urlsplit(link)
    if scheme or netloc or not link:
        return None  # another site, mailto:, …: not ours to check
    if link.startswith(("/", "\\")):
        return (
            f"absolute link '{link}': the site must work under any address; "
            f"link to the Markdown file, relative to this page: '{page_at_url(file, link, files)}'"
        )
    target = files.get_file_from_path(target_uri(file, unquote(path))) if path else file
    if target is None:
        return missing_target(file, link, unquote(path), files, docs_dir)
    if anchor and target.page is not None and target.page.content is not None:
        if target.src_uri not in anchors:
            anchors[target.src_uri] = anchors_of(target.page)
        if unquote(anchor) not in anchors[target.src_uri]:
            return missing_anchor(link, unquote(anchor), target, target is file)
    return None


def is_written(file) -> bool:
    """A page a writer wrote (not one a plugin made up), to be built."""
    return (
        file.page is not None
        and not file.generated_by
        and bool(file.abs_src_path)
        and os.path.isfile(file.abs_src_path)
        and not file.inclusion.is_excluded()
    )


# The navigation ----------------------------------------------------------------------


def nav_entries(items):
    """Every path in the nav: config, in order."""
    if isinstance(items, dict):
        items = list(items.values())
    if isinstance(items, str):
        yield items
        return
    for item in items or []:
        yield from nav_entries(item)


def nav_position(config_file: str, entry: str | None = None) -> tuple[int, int]:
    """(line, column) of `nav:`, or of an entry under it, in the config file; (0, 0) if not there."""
    try:
        with open(config_file, encoding="utf-8") as source:
            text = source.read()
    except (OSError, TypeError):
        return 0, 0
    nav = re.search(r"^nav:", text, re.M)
    if nav is None:
        return 0, 0
    if entry is None:
        return line_column(text, nav.start())
    found = re.compile(rf"^[ \t]*-[ \t]*(?:[^\n:]+:[ \t]*)?[\"']?(?P<path>{re.escape(entry)})[\"']?[ \t]*$", re.M)
    match = found.search(text, nav.end())
    return line_column(text, match.start("path")) if match else (0, 0)


def check_nav_entries(config, files) -> None:
    config_file = display_path(config.config_file_path or "mkdocs.yml")
    for entry in nav_entries(config.nav):
        scheme, netloc, *_ = urlsplit(entry)
        if scheme or netloc or entry.startswith("/") or files.get_file_from_path(entry) is not None:
            continue  # other sites, and absolute paths (MkDocs warns about those itself)
        line, column = nav_position(config.config_file_path, entry)
        where = display_path(os.path.join(config.docs_dir, language_folder(config), entry))
        report(log, Problem(
            config_file, line, column,
            f"nav: '{entry}' is not a page; create {where} or correct the entry",
        ))


def language_folder(config) -> str:
    """The folder in docs/ of the language being built ('' for a site in one language)."""
    return language_of(config)[0] if config.plugins.get("i18n") is not None else ""


def check_omitted_pages(config, nav, files) -> None:
    config_file = display_path(config.config_file_path or "mkdocs.yml")
    in_nav = {page.file.src_uri for page in nav.pages}
    line, column = nav_position(config.config_file_path)
    for file in files.documentation_pages():
        if file.inclusion.is_in_nav() and file.src_uri not in in_nav and not file.generated_by:
            name = getattr(file, "norm_src_uri", None) or file.src_uri
            report(log, Problem(
                config_file, line, column,
                f"nav: {display_path(file.abs_src_path)} is in no section of the navigation; "
                f"add '- {name}' under nav: (or list it in not_in_nav:)",
            ))


# MkDocs events ---------------------------------------------------------------------


def on_nav(nav, config, files):
    if config.nav is not None:  # without a nav: MkDocs lists every page itself
        check_nav_entries(config, files)
        check_omitted_pages(config, nav, files)
    return nav


def on_env(env, config, files):
    """Every page is rendered now, so every target's anchors are known."""
    anchors: dict[str, set[str]] = {}
    for file in files.documentation_pages():
        if not is_written(file):
            continue
        for link, line, column in links_in(file.content_string):
            problem = check_link(file, link, files, config.docs_dir, anchors)
            if problem:
                report(log, Problem(display_path(file.abs_src_path), line, column, problem))
    return env
