"""The whole guide on one page per language, to read in one go, print or turn into a PDF.

Each language gets two documents, generated from the built pages in
navigation order (no second copy of any text):

- `guide.html` (`/guide.html`, `/en/guide.html`): every topic, without the
  client section, without pages that only gather other pages' content
  (the all-checklists page: every checklist is already in its topic) and
  without tools that only work on screen (the share-link form);
- `clients/guide.html`: the "for clients" pack, the navigation section that
  holds `clients/index.md` (the client pages and the brief).

A cover with a contents list comes first; every topic starts a new printed
page. Heading ids repeat across pages, so each id is prefixed with its
topic's slug; links between topics of the same document become in-document
anchors, any other link to the site becomes its absolute address (printed
after the link on paper, see book.css). Headings move down one level under
the document's <h1>, so the PDF's bookmarks read document > topic > section.

With `extra.guide_pdf` true (`scripts/build.py --pdf`), the documents are
turned into A4 PDFs by scripts/guide_pdf.py (Debian's Chromium) next to
them (`guide.pdf`), and only then does each document link its PDF.

The words are the group `guide_book` of overrides/data/labels.yml; the pages
of each document (from on_nav) and the documents written wait in this build's
state until the last language is written.
"""

from __future__ import annotations

import logging
import posixpath
import re
import subprocess
import sys
from html import escape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from build_state import state_of
from interface_labels import labels
from mkdocs.plugins import event_priority
from page_meta import og_locales
from problems import report
from site_languages import language_of, site_languages

log = logging.getLogger("mkdocs.hooks.guide_book")

CLIENT_INDEX = "clients/index.md"  # the navigation section holding it is the client pack
# Left out: a page that only repeats other pages (all checklists) or is a tool for the screen (share link form)
LEFT_OUT = re.compile(r"<!--\s*md:(?:checklists-all|share-link)\b")
DOCUMENTS = {"guide": "guide.html", "clients": "clients/guide.html"}
PDF_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "guide_pdf.py"
DOWNLOADS = "<!-- guide-book:downloads -->"

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>(?P<body>.*?)</article>', re.S)
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
ID_ATTR = re.compile(r'\s(?P<name>id|for|aria-labelledby|aria-describedby|aria-controls)="(?P<value>[^"]*)"')
URL_ATTR = re.compile(r'\s(?P<name>href|src)="(?P<value>[^"]*)"')
HEADING = re.compile(r"<(?P<end>/?)h(?P<level>[1-5])\b")
HEAD_LINK = re.compile(r'<link rel="(?P<rel>stylesheet|icon)" href="(?P<href>[^"]+)"')
H1 = re.compile(r"<h1\b[^>]*>(?P<title>.*?)</h1>", re.S)


def documents_of(config) -> dict[str, dict]:
    """lang -> document name -> [(section title, [(page url, slug)])], from on_nav, for this build."""
    return state_of(config, "guide_book").setdefault("documents", {})


def written_of(config) -> dict[str, list[tuple[str, str, Path]]]:
    """lang -> [(lang, document name, file)] written in this build."""
    return state_of(config, "guide_book").setdefault("written", {})


def slug_of(url: str, prefix: str) -> str:
    """'en/clients/pricing/' -> 'clients-pricing'; the language's home -> 'home'."""
    return url.removeprefix(prefix).strip("/").replace("/", "-") or "home"


# Which pages go where ---------------------------------------------------------------


def pages_in(item) -> list:
    """The pages of a navigation item, its subsections' too, in order (links to elsewhere have none)."""
    if item.is_page:
        return [item]
    return [page for child in (getattr(item, "children", None) or []) for page in pages_in(child)]


def split_nav(nav) -> dict[str, list[tuple[str, list]]]:
    """Per document: [(top-level section title or '', [pages])] in navigation order."""
    groups: dict[str, list] = {"guide": [], "clients": []}
    for item in nav.items:
        pages = [page for page in pages_in(item) if not LEFT_OUT.search(page.file.content_string)]
        title = "" if item.is_page else item.title
        is_clients = any(page.file.src_uri.endswith(CLIENT_INDEX) for page in pages)
        if pages:
            groups["clients" if is_clients else "guide"].append((title, pages))
    return groups


def on_env(env, config, files):
    """The footer's links to this language's documents (partials/copyright.html; words: labels.guide_book)."""
    lang, prefix = language_of(config)
    documents = documents_of(config).get(lang, {})
    env.globals["guide_book"] = {name: prefix + path if documents.get(name) else None for name, path in DOCUMENTS.items()}
    return env


@event_priority(-100)  # after the i18n plugin has translated the section titles; before on_env
def on_nav(nav, config, files):
    lang, prefix = language_of(config)
    groups = split_nav(nav)  # a site without a client section has no client pack
    documents_of(config)[lang] = {
        name: [(title, [(page.url, slug_of(page.url, prefix)) for page in pages]) for title, pages in sections]
        for name, sections in groups.items()
    }
    return nav


# One topic ---------------------------------------------------------------------------


def rewrite_ids(html: str, slug: str) -> str:
    def prefix(match: re.Match) -> str:
        values = " ".join(f"{slug}--{value}" for value in match["value"].split())
        return f' {match["name"]}="{values}"'

    return ID_ATTR.sub(prefix, html)


def rewrite_urls(html: str, page_url: str, book_url: str, anchors: dict[str, str], site_url: str) -> str:
    """Links to a topic of this document become anchors; other site links absolute; files relative."""

    def rewrite(match: re.Match) -> str:
        value = match["value"]
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith(("mailto:", "tel:")):
            return match.group(0)
        target = urlsplit(urljoin("/" + page_url, value))
        path = target.path.lstrip("/")
        if match["name"] == "href" and path in anchors:
            slug = anchors[path]
            return f' href="#{slug}--{target.fragment}"' if target.fragment else f' href="#{slug}"'
        if match["name"] == "href" and (path == "" or path.endswith("/")):
            fragment = f"#{target.fragment}" if target.fragment else ""
            return f' href="{escape(site_url + path + fragment)}"'
        relative = posixpath.relpath("/" + path, posixpath.dirname("/" + book_url))
        return f' {match["name"]}="{relative}"'

    return URL_ATTR.sub(rewrite, html)


def demote_headings(html: str) -> str:
    return HEADING.sub(lambda m: f"<{m['end']}h{int(m['level']) + 1}", html)


def topic(site: Path, url: str, slug: str, book_url: str, anchors: dict, config, lang: str) -> tuple[str, str]:
    """(title, <section>) of one built page, ready to sit in a document at book_url."""
    built = site / (url + "index.html" if url.endswith("/") or not url else url)
    match = ARTICLE.search(built.read_text(encoding="utf-8"))
    if not match:
        report(log, str(built), "no <article> to put in the whole guide")
        return "", ""
    body = HEADERLINK.sub("", match["body"])
    heading = H1.search(body)
    title = heading["title"].strip() if heading else escape(slug)
    body = demote_headings(rewrite_urls(rewrite_ids(body, slug), url, book_url, anchors, site_url_of(config)))
    address = site_url_of(config) + url
    source = (
        f'<p class="book-source">{escape(labels(config, "guide_book", lang)["online"])} '
        f'<a class="book-url" href="{escape(address)}">{escape(address)}</a></p>'
    )
    body = re.sub(r"</h2>", lambda m: m.group(0) + "\n" + source, body, count=1)  # under the topic's title
    label = escape(re.sub(r"<[^>]+>", "", title))
    return title, f'<section class="book-topic" id="{slug}" aria-label="{label}">\n{body}\n</section>'


def site_url_of(config) -> str:
    return (config.site_url or "/").rstrip("/") + "/"


# The document --------------------------------------------------------------------------


def head_links(site: Path, urls: list[str], book_url: str) -> str:
    """The icon and stylesheets the document's pages use, in order, as seen from book_url, plus book.css."""
    found: list[tuple[str, str]] = []
    for url in urls:
        html = (site / (url + "index.html" if url.endswith("/") or not url else url)).read_text(encoding="utf-8")
        for match in HEAD_LINK.finditer(html):
            link = (match["rel"], urlsplit(urljoin("/" + url, match["href"])).path)
            if link not in found:
                found.append(link)
    found.append(("stylesheet", "/assets/stylesheets/book.css"))
    return "".join(f'<link rel="{rel}" href="{relative_to(book_url, path)}">\n' for rel, path in found)


def relative_to(book_url: str, path: str) -> str:
    """A site path as written in the document at book_url."""
    return posixpath.relpath("/" + path.lstrip("/"), posixpath.dirname("/" + book_url))


def contents(sections: list[tuple[str, list[tuple[str, str]]]], words) -> str:
    items = []
    for title, entries in sections:
        links = "".join(f'<li><a href="#{slug}">{name}</a></li>' for slug, name in entries)
        items.append(f"<li>{escape(title)}<ol>{links}</ol></li>" if title else links)
    return (
        f'<nav class="book-contents" aria-labelledby="contents-title">'
        f'<h2 id="contents-title">{escape(words["contents"])}</h2><ol>{"".join(items)}</ol></nav>'
    )


def head_meta(config, lang: str, title: str, address: str) -> str:
    """Description, canonical address and link preview, as on every page (main.html)."""
    description = escape(config.site_description or "")
    image = escape(f"{site_url_of(config)}assets/images/social-{lang}.png")
    locale, others = og_locales(config, lang)
    title, address = escape(title), escape(address)
    return "\n".join([
        f'<meta name="description" content="{description}">',
        f'<link rel="canonical" href="{address}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="{escape(config.site_name)}">',
        f'<meta property="og:title" content="{title}">',
        f'<meta property="og:description" content="{description}">',
        f'<meta property="og:url" content="{address}">',
        f'<meta property="og:locale" content="{locale}">',
        *(f'<meta property="og:locale:alternate" content="{other}">' for other in others),
        f'<meta property="og:image" content="{image}">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:title" content="{title}">',
        f'<meta name="twitter:description" content="{description}">',
        f'<meta name="twitter:image" content="{image}">',
    ])


def document(name: str, lang: str, prefix: str, config, site: Path) -> str:
    """The whole HTML of one document of the language being built."""
    sections = documents_of(config)[lang][name]
    book_url = prefix + DOCUMENTS[name]
    anchors = {url: slug for _, pages in sections for url, slug in pages}
    words = labels(config, "guide_book", lang)
    listed, topics = [], []
    for title, pages in sections:
        entries = []
        for url, slug in pages:
            heading, html = topic(site, url, slug, book_url, anchors, config, lang)
            entries.append((slug, heading))
            topics.append(html)
        listed.append((title, entries))
    title = f"{config.site_name}: {words[name]}" if name != "guide" else config.site_name
    home = posixpath.relpath("/" + (prefix or ""), posixpath.dirname("/" + book_url))
    home = home + "/" if home != "." else "./"
    links = head_links(site, list(anchors), book_url)
    return f"""<!doctype html>
<html lang="{lang}" class="book">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(title)}</title>
{head_meta(config, lang, title, site_url_of(config) + book_url)}
{links}</head>
<body class="book" data-md-color-scheme="default" data-md-color-primary="custom" data-md-color-accent="custom">
<script src="{relative_to(book_url, "assets/javascripts/book.js")}"></script>
<nav class="book-bar" aria-label="{escape(words["nav"])}"><a href="{home}">{escape(words["back"])}</a>{DOWNLOADS}</nav>
<main class="md-typeset book-main">
<header class="book-cover">
<h1>{escape(title)}</h1>
<p class="book-lead">{escape(config.site_description or '')}</p>
<p class="book-note">{escape(words["note"])}</p>
<p class="book-source"><a class="book-url" href="{escape(site_url_of(config) + prefix)}">{escape(site_url_of(config) + prefix)}</a></p>
{contents(listed, words)}
</header>
{"".join(topics)}
</main>
</body>
</html>
"""


# PDFs ------------------------------------------------------------------------------------


def download_link(words, name: str) -> str:
    """The link to a document's PDF; words: the guide_book labels in the document's language."""
    filename = escape(words[f"file_{name}"] + ".pdf")
    return f' <a class="book-download" href="guide.pdf" download="{filename}" type="application/pdf">{escape(words["pdf"])}</a>'


def make_pdfs(books: list[Path]) -> bool:
    if not PDF_SCRIPT.is_file():
        report(log, "guide_book", f"{PDF_SCRIPT} is missing; it turns the whole guide into PDF")
        return False
    pairs = [str(path) for book in books for path in (book, book.with_suffix(".pdf"))]
    result = subprocess.run([sys.executable, str(PDF_SCRIPT), *pairs], capture_output=True, text=True)
    if result.returncode != 0:
        output = " ".join((result.stderr or result.stdout).split())[-600:]
        report(log, "guide_book", f"scripts/guide_pdf.py could not make the PDFs: {output}")
        return False
    return True




def add_downloads(html: str, words, name: str, has_pdf: bool) -> str:
    return html.replace(DOWNLOADS, download_link(words, name) if has_pdf else "", 1)


def finish(books: list[tuple[str, str, Path]], config) -> None:
    """Once every language is written: the PDFs (if asked for), then the download links."""
    with_pdf = bool(config.extra.get("guide_pdf")) and make_pdfs([path for _, _, path in books])
    for lang, name, path in books:
        words = labels(config, "guide_book", lang)
        html = add_downloads(path.read_text(encoding="utf-8"), words, name, with_pdf and path.with_suffix(".pdf").is_file())
        path.write_text(html, encoding="utf-8")


def on_post_build(config):
    """Write this language's documents; after the last language, make the PDFs of all."""
    lang, prefix = language_of(config)
    site = Path(config.site_dir)
    written = written_of(config).setdefault(lang, [])
    for name, path in DOCUMENTS.items():
        if not documents_of(config).get(lang, {}).get(name):
            continue
        target = site / prefix / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document(name, lang, prefix, config, site), encoding="utf-8")
        written.append((lang, name, target))
    documents_of(config).pop(lang, None)
    languages, written = site_languages(config).all, written_of(config)
    if all(language in written for language in languages):
        books = [book for language in languages for book in written[language]]
        written.clear()
        finish(books, config)
