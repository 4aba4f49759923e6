"""Offline reading, installable: a web app manifest and an offline page per language, one service worker.

Once every language is built (after any hook that renames files, before
csp.py), for each language with root R ('' or 'en/'):

- R/offline.html: the language's 404 page with its article replaced by "you
  are offline" and links to every page of the language (all are kept);
- R/manifest.webmanifest: name, description, colours, icons, start_url R;

and once, at the site's root (scope: the whole site, so Pagefind's files and
its web worker under /pagefind/ are served too):

- sw.js: overrides/offline/sw.js (the readable source, not published
  itself) after one line `const OFFLINE = {...}`: per language the files to
  keep, found in the built site (every page of the language, every file those
  pages load whatever its name, the language's Pagefind index, the offline
  pages), and a cache name made from a hash of their contents, so a new
  build replaces the old cache.

main.html links the language's manifest and loads offline.js, which registers
sw.js after the page has loaded and asks it to keep the page's language;
partials/copyright.html holds the footer note shown once it is kept. The
words (the note, the offline page) are the group `offline` of
overrides/data/labels.yml.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from html import escape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from build_state import state_of
from interface_labels import labels
from mkdocs.plugins import event_priority
from problems import report
from site_languages import is_outermost, language_of, site_languages

log = logging.getLogger("mkdocs.hooks.offline")

WORKER_SOURCE = "offline/sw.js"  # in the theme folder (overrides/); published only as WORKER
WORKER = "sw.js"  # at the site's root: its scope is the whole site
CACHE_PREFIX = "guide-offline-"
THEME_COLOR, BACKGROUND = "#00695c", "#ffffff"  # site.css: the primary colour, the page
ICONS = (  # drawn by scripts/make_icons.py
    ("assets/images/icon-192.png", "192x192", "any"),
    ("assets/images/icon-512.png", "512x512", "any"),
    ("assets/images/icon-maskable-512.png", "512x512", "maskable"),
)

ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset"[^>]*>).*?(</article>)', re.S)
TITLE = re.compile(r"<title>.*?</title>", re.S)
H1 = re.compile(r"<h1\b[^>]*>(?P<title>.*?)</h1>", re.S)
REFERENCE = re.compile(  # what a page loads: link/script/img/source, and files named in data- attributes for scripts
    r'<(?:link|script|img|source)\b[^>]*?\s(?:href|src)="(?P<url>[^"]+)"|\sdata-[\w-]+="(?P<data>[\w./-]{1,200})"', re.I
)
CSS_URL = re.compile(r"""url\(\s*["']?(?P<url>[^"')]+)["']?\s*\)""")
META = re.compile(r'<meta (?:property|name)="(?P<name>og:site_name|description)" content="(?P<value>[^"]*)"')


# MkDocs events, per language -------------------------------------------------------


def on_files(files, config):
    source = files.get_file_from_path(WORKER_SOURCE)
    if source is not None:
        files.remove(source)  # published as R/sw.js with its settings, never as it is
    return files


def on_nav(nav, config, files):
    lang, _ = language_of(config)  # this build's page URLs in navigation order, per language
    state_of(config, "offline").setdefault("nav", {})[lang] = [page.url for page in nav.pages]
    return nav


def on_env(env, config, files):
    _, prefix = language_of(config)  # the footer's note: labels.offline["ready"] (partials/copyright.html)
    env.globals["offline"] = {"manifest": prefix + "manifest.webmanifest", "worker": WORKER, "theme_color": THEME_COLOR}
    return env


# Built files ----------------------------------------------------------------------


def built(site: Path, path: str) -> str | None:
    """The site path of a file as built, also after a content hash was put in its name."""
    if (site / path).is_file():
        return path
    stem, dot, suffix = path.rpartition(".")
    found = sorted(site.glob(f"{stem}.*.{suffix}"))
    return found[0].relative_to(site).as_posix() if found else None


def page_url(path: str) -> str:
    return path.removesuffix("index.html")


def language_pages(site: Path, prefix: str, others: list[str]) -> list[str]:
    """Site paths of every HTML file of one language."""
    pages = []
    for path in sorted((site / prefix).rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if not any(relative.startswith(other) for other in others) and not relative.startswith(("assets/", "pagefind/")):
            pages.append(relative)
    return pages


def references(site: Path, path: str) -> set[str]:
    """Site paths of the files a page or stylesheet loads (not its links to other pages)."""
    text = (site / path).read_text(encoding="utf-8", errors="replace")
    pattern = CSS_URL if path.endswith(".css") else REFERENCE
    found = set()
    for match in pattern.finditer(text):
        url = urlsplit(urljoin("/" + path, (match["url"] or match.groupdict().get("data") or "").strip()))
        if url.scheme or url.netloc:
            continue
        target = url.path.lstrip("/")
        if target and (site / target).is_file() and not target.endswith(".html"):
            found.add(target)
    return found


def search_index(site: Path, lang: str) -> list[str]:
    """The language's search files (hooks/search.py): Pagefind's script, entry, wasm, meta, index, fragments; words."""
    bundle = site / "pagefind"
    entry = bundle / "pagefind-entry.json"
    if not entry.is_file():
        return []
    info = json.loads(entry.read_text(encoding="utf-8"))["languages"].get(lang)
    if not info:
        report(log, "offline", f"the search index has no '{lang}' pages; nothing to keep for offline search")
        return []
    names = [f"wasm.{info['wasm']}.pagefind", f"pagefind.{info['hash']}.pf_meta", "pagefind-entry.json"]
    files = [f"pagefind/{name}" for name in names if (bundle / name).is_file()]
    files += [path.relative_to(site).as_posix() for path in sorted(bundle.glob("*.js"))]
    files += [path.relative_to(site).as_posix() for path in sorted(bundle.glob(f"*.{lang}.json"))]  # search.js's words
    for folder in ("index", "fragment"):
        files += [path.relative_to(site).as_posix() for path in sorted((bundle / folder).glob(f"{lang}_*"))]
    return files


def precache(site: Path, prefix: str, others: list[str], lang: str, offline_pages: list[str]) -> list[str]:
    """Site paths of every file the language needs offline, sorted."""
    pages = language_pages(site, prefix, others)
    files = set(pages) | set(offline_pages) | set(search_index(site, lang))
    for page in pages:
        files |= references(site, page)
    files |= {icon for icon in (built(site, path) for path, _, _ in ICONS) if icon}
    for stylesheet in [path for path in files if path.endswith(".css")]:
        files |= references(site, stylesheet)
    return sorted(files)


def cache_name(site: Path, files: list[str], lang: str) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.encode() + b"\0" + hashlib.sha256((site / path).read_bytes()).digest())
    return f"{CACHE_PREFIX}{lang}-{digest.hexdigest()[:16]}"


# What is written ------------------------------------------------------------------


def relative(path: str, prefix: str) -> str:
    """A site path as seen from the language root R (where sw.js and the manifest are)."""
    depth = prefix.count("/")
    return "../" * depth + page_url(path) if page_url(path) else "../" * depth or "./"


def offline_page(not_found: str, words, pages: list[tuple[str, str]], base: str) -> str:
    """The language's 404 page, saying it is offline, with links to the pages kept.
    words: the offline labels in the page's language; titles: HTML from the built pages."""
    title = escape(words["title"])
    links = "".join(f'<li><a href="{escape(base + url)}">{heading}</a></li>' for url, heading in pages)
    article = f'<h1>{title}</h1>\n<p>{escape(words["text"])}</p>\n<p>{escape(words["list"])}</p>\n<ul>{links}</ul>\n'
    html = ARTICLE.sub(lambda m: m[1] + article + m[2], not_found, count=1)
    return TITLE.sub(lambda m: f"<title>{title}</title>", html, count=1)


def page_titles(site: Path, prefix: str, urls: list[str]) -> list[tuple[str, str]]:
    found = []
    for url in urls:
        path = site / url / "index.html" if url.endswith("/") or not url else site / url
        match = H1.search(path.read_text(encoding="utf-8")) if path.is_file() else None
        if match:
            found.append((url, re.sub(r'<a class="headerlink".*?</a>', "", match["title"], flags=re.S).strip()))
    return found


def manifest(site: Path, prefix: str, lang: str) -> str:
    home = (site / prefix / "index.html").read_text(encoding="utf-8")
    meta = {match["name"]: match["value"] for match in META.finditer(home)}
    name = meta.get("og:site_name", "")
    icons = []
    for path, sizes, purpose in ICONS:
        found = built(site, path)
        if not found:
            report(log, "offline", f"{path} is missing; draw the icons with scripts/make_icons.py")
            continue
        icons.append({"src": relative(found, prefix), "sizes": sizes, "type": "image/png", "purpose": purpose})
    data = {
        "id": "./", "name": name, "short_name": name, "description": meta.get("description", ""),
        "lang": lang, "dir": "ltr", "start_url": "./", "scope": "./", "display": "standalone",
        "background_color": BACKGROUND, "theme_color": THEME_COLOR, "icons": icons,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def worker(source: str, languages: list[dict]) -> str:
    """sw.js: its settings (addresses relative to the site's root, where it is) and its code."""
    version = hashlib.sha256("".join(language["cache"] for language in languages).encode()).hexdigest()[:16]
    ordered = sorted(languages, key=lambda language: len(language["folder"]), reverse=True)  # deepest first
    settings = {"prefix": CACHE_PREFIX, "version": version, "languages": ordered}
    return f"const OFFLINE = {json.dumps(settings, ensure_ascii=False)};\n\n{source}"


@event_priority(-900)  # after every language, Pagefind and any renaming of files; before csp.py (-1000)
def on_post_build(config):
    if not is_outermost(config):
        return  # a language built inside the default one; the outer build comes last
    site = Path(config.site_dir)
    prefixes = site_languages(config).prefixes.items()
    languages = [(lang, prefix) for lang, prefix in prefixes if (site / prefix / "404.html").is_file()]
    base = urlsplit(config.site_url or "/").path or "/"
    offline = {prefix: f"{prefix}offline.html" for _, prefix in languages}
    inside = {prefix: [other for other in offline if other != prefix and other.startswith(prefix)] for prefix in offline}
    for lang, prefix in languages:
        nav = state_of(config, "offline").get("nav", {}).get(lang, [])
        rest = [page_url(path) for path in language_pages(site, prefix, inside[prefix])]
        rest = [url for url in rest if url not in nav and not url.endswith(("404.html", "offline.html"))]
        not_found = (site / prefix / "404.html").read_text(encoding="utf-8")
        pages = page_titles(site, prefix, nav + rest)
        page = offline_page(not_found, labels(config, "offline", lang), pages, base)
        (site / offline[prefix]).write_text(page, encoding="utf-8")
        (site / prefix / "manifest.webmanifest").write_text(manifest(site, prefix, lang), encoding="utf-8")
    source = (Path(__file__).resolve().parent.parent / WORKER_SOURCE).read_text(encoding="utf-8")
    kept = []
    for lang, prefix in languages:
        files = precache(site, prefix, inside[prefix], lang, list(offline.values()))
        kept.append({
            "lang": lang, "folder": relative(prefix, ""), "offline": offline[prefix],
            "cache": cache_name(site, files, lang), "files": [relative(path, "") for path in files],
        })
        log.info(f"offline: {lang}: {len(files)} files to keep offline")
    (site / WORKER).write_text(worker(source, kept), encoding="utf-8")
