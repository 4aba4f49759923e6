"""Content-hashed names for every file under assets/, and one stylesheet of ours per page.

Runs once, after every language is built and before Pagefind indexes the site
and csp.py hashes the pages. Afterwards every file under site/assets/ carries
a hash of its content in its name, so a host may keep it for a year
(overrides/data/hosting.yml):
  - Material's own files come hashed (main.57a0d79d.min.css);
  - every other file gets one, whatever its name: ours from overrides/assets/
    and Material's favicon (site.css -> site.3f9a1c2b7d.css);
  - the stylesheets of ours that a page links one after another (all but
    a `media` one or one with @import) are merged, in order, into one hashed
    file, bundle.<hash>.css: one request before the first paint, not five.
Every reference in the built pages follows: any attribute (href, src,
content="…" of og:image, data-*) that points at a renamed file, relative,
root-relative or under site_url, and url() in our stylesheets. Templates keep
plain names ('assets/stylesheets/site.css' | url). A script must take the
address of another asset from its page (a data- attribute), never build it.

Material's lunr files (for its search plugin; this site searches with
Pagefind) are left out of the build when that plugin is off.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority
from site_languages import is_outermost

HASHED = re.compile(r"\.[0-9a-f]{8,}\.")  # main.57a0d79d.min.css, site.3f9a1c2b7d.css
HASH_LENGTH = 10
TAG = re.compile(r"<[a-zA-Z][^<>]*>")
ATTRIBUTE = re.compile(r"""(?P<name>\s[\w:.-]+\s*=\s*)(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
CSS_URL = re.compile(r"""url\(\s*(?P<quote>["']?)(?P<value>[^"')]+)(?P=quote)\s*\)""")
STYLESHEET = re.compile(r"""<link\b[^<>]*\brel=["']?stylesheet\b[^<>]*>""", re.I)
LUNR = "assets/javascripts/lunr/"


def on_files(files, config):
    if not any(name.split("/")[-1] == "search" for name in config.plugins):
        for file in [file for file in files if file.src_uri.startswith(LUNR)]:
            files.remove(file)
    return files


def hashed_name(relative: str, content: bytes) -> str:
    """assets/stylesheets/site.css -> assets/stylesheets/site.<hash>.css"""
    folder, name = posixpath.split(relative)
    stem, dot, suffix = name.partition(".")
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    return posixpath.join(folder, f"{stem}.{digest}{dot}{suffix}" if dot else f"{stem}.{digest}")


def target(value: str, page: str, base: str, site_url: str) -> str | None:
    """The site-relative path a URL written in file `page` points at, or None if it leaves the site."""
    if site_url and value.startswith(site_url):
        value = base + value[len(site_url):]
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    if parts.path.startswith("/"):
        if not parts.path.startswith(base):
            return None
        return posixpath.normpath(parts.path[len(base):]) if parts.path != base else ""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))


def follow(value: str, page: str, renamed: dict[str, str], base: str, site_url: str) -> str:
    """The URL with the renamed file's new name, the rest (path, query, #anchor) kept."""
    old = target(value, page, base, site_url)
    if old not in renamed:
        return value
    old_name, new_name = posixpath.basename(old), posixpath.basename(renamed[old])
    cut = min([at for at in (value.find("?"), value.find("#")) if at >= 0], default=len(value))
    head, tail = value[:cut], value[cut:]
    return head[: len(head) - len(old_name)] + new_name + tail if head.endswith(old_name) else value


def rewrite_css(css: str, path: str, renamed: dict[str, str], to_folder: str | None = None) -> str:
    """url() in a stylesheet at `path` follows renamed files; rebased when the text moves to `to_folder`."""

    def replace(match):
        value = match["value"].strip()
        old = target(value, path, "/", "")
        if old is None or value.startswith("/"):
            return match.group(0)
        new = renamed.get(old, old)
        if to_folder is None and new == old:
            return match.group(0)
        rest = value[len(urlsplit(value).path):]  # ?query or #fragment
        return f'url("{posixpath.relpath(new, to_folder if to_folder is not None else posixpath.dirname(path))}{rest}")'

    return CSS_URL.sub(replace, css)


def rewrite_html(html: str, page: str, renamed: dict[str, str], base: str, site_url: str) -> str:
    def attribute(a):
        quote = '"' if a["double"] is not None else "'"
        value = a["double"] if a["double"] is not None else a["single"]
        return a["name"] + quote + follow(value, page, renamed, base, site_url) + quote

    def attributes(match):
        return ATTRIBUTE.sub(attribute, match.group(0))

    return TAG.sub(attributes, html)


def fingerprint(site: Path) -> dict[str, str]:
    """Give every unhashed file under assets/ its content hash; stylesheets last (their url()s follow)."""
    own = sorted(
        path.relative_to(site).as_posix()
        for path in (site / "assets").rglob("*")
        if path.is_file() and not HASHED.search(path.name)
    )
    renamed: dict[str, str] = {}
    for relative in sorted(own, key=lambda name: name.endswith(".css")):
        path = site / relative
        if relative.endswith(".css"):
            path.write_text(rewrite_css(path.read_text("utf-8"), relative, renamed), "utf-8")
        renamed[relative] = hashed_name(relative, path.read_bytes())
        path.rename(site / renamed[relative])
    return renamed


def bundle_links(html: str, page: str, site: Path, renamed: dict[str, str], base: str, site_url: str) -> str:
    """Each run of adjacent links to our stylesheets becomes one link to their bundle."""
    ours = {new for old, new in renamed.items() if old.endswith(".css")}
    runs, run, end = [], [], None
    for match in STYLESHEET.finditer(html):
        href = re.search(r"""\bhref=["']?([^"'\s>]+)""", match.group(0))
        path = target(href.group(1), page, base, site_url) if href else None
        path = renamed.get(path, path)
        bundled = (
            path in ours and not re.search(r"\bmedia=", match.group(0), re.I)
            and "@import" not in (site / path).read_text("utf-8")
        )
        if run and not (bundled and html[end:match.start()].strip() == ""):
            runs.append(run)
            run = []
        if bundled:
            run.append((match, href.group(1), path))
        end = match.end()
    runs.append(run)
    for run in reversed([run for run in runs if len(run) > 1]):
        html = html[: run[0][0].start()] + bundle_link(run, site) + html[run[-1][0].end():]
    return html


def bundle_link(run, site: Path) -> str:
    folder = posixpath.dirname(run[0][2])
    parts = [f"/* {posixpath.basename(path)} */\n" + rewrite_css(strip_charset((site / path).read_text("utf-8")), path, {}, folder) for _, _, path in run]
    text = "\n".join(parts)
    bundle = hashed_name(posixpath.join(folder, "bundle.css"), text.encode("utf-8"))
    (site / bundle).write_text(text, "utf-8")
    href = run[0][1]
    written = posixpath.basename(run[0][2])
    first = run[0][0].group(0)
    return first.replace(href, href[: href.rindex(written)] + posixpath.basename(bundle)) if written in href else first


def strip_charset(css: str) -> str:
    return re.sub(r"""^\s*@charset\s+["'][^"']*["']\s*;""", "", css)


@event_priority(-150)  # after the i18n plugin's nested builds (-100), before Pagefind (-200) and csp.py (-1000)
def on_post_build(config):
    if not is_outermost(config):
        return  # a language built inside the default one; the outer build does the whole site
    site = Path(config.site_dir)
    if not (site / "assets").is_dir():
        return
    renamed = fingerprint(site)
    site_url = config.site_url or ""
    base = urlsplit(site_url).path or "/"
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        html = path.read_text("utf-8")
        html = rewrite_html(html, page, renamed, base, site_url)
        html = bundle_links(html, page, site, renamed, base, site_url)
        path.write_text(html, "utf-8")
