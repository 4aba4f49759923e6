"""Host configuration from overrides/data/hosting.yml, checked against the built site.

Runs last, once every language is built, the assets are hashed
(fingerprint.py) and every page has its policy (csp.py). Writes into the site:
  _headers    Netlify and Cloudflare Pages: the security headers and the
              Content-Security-Policy header on every path, a year of caching
              for hashed files (the rest gets their default: revalidate);
  _redirects  Netlify: each language's 404 page with status 404 (Cloudflare
              Pages ignores these lines and finds the nearest 404.html itself);
  nginx.conf  a server block for your own nginx with the same rules, gzip and
              a 404 page per language.
The build fails, naming the rule's line, if a path matches no file, if a file
that would be cached for a year has no content hash in its name, if two rules
would send one file the same header, or if a language has no 404 page.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from csp import header_policy
from mkdocs.plugins import event_priority
from problems import report
from site_languages import is_outermost, site_languages
from strict_yaml import Problem, YamlError, load_file

log = logging.getLogger("mkdocs.hooks.hosting")

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "hosting.yml"
WRITTEN = ("_headers", "_redirects", "nginx.conf")
HASHED_NAME = re.compile(r"[._][0-9a-f]{7,}[._]")  # site.3f9a1c2b7d.css, en_148594e.pf_fragment
SHAPE = {  # key: (type, what it holds)
    "headers": (dict, "header names and their values"),
    "cache": (dict, "immutable: {value, paths}, revalidate and revalidate_paths"),
    "not_found": (str, "the 404 page's file name"),
    "types": (dict, "MIME types and the extensions nginx should send them for"),
    "gzip": (list, "MIME types nginx compresses"),
}


def load_rules(path: Path = RULES_FILE) -> tuple[dict, list[Problem]]:
    shown = os.path.relpath(path)
    try:
        doc = load_file(path, shown)
    except YamlError as error:
        return {}, [error.problem]
    except OSError as error:
        return {}, [Problem(shown, 1, 1, f"cannot read the host rules ({error.strerror})")]
    rules = doc.data if isinstance(doc.data, dict) else {}
    problems = [doc.problem((key,), f"'{key}' must hold {what}") for key, (kind, what) in SHAPE.items() if not isinstance(rules.get(key), kind)]
    problems += [doc.problem((key,), f"unknown key '{key}'; the keys are {', '.join(SHAPE)}") for key in rules if key not in SHAPE]
    if problems:
        return {}, problems
    immutable = rules["cache"].get("immutable")
    if not (isinstance(immutable, dict) and isinstance(immutable.get("value"), str) and isinstance(immutable.get("paths"), list)
            and isinstance(rules["cache"].get("revalidate"), str)):
        return {}, [doc.problem(("cache",), "'cache' needs immutable: {value: …, paths: [...]} and revalidate: …")]
    for key in ("headers", "types"):
        problems += [doc.problem((key, name), f"'{name}' must be one line of text") for name, value in rules[key].items() if not isinstance(value, str) or "\n" in value]
    problems += [doc.problem(("gzip", n), "a MIME type, like text/css") for n, kind in enumerate(rules["gzip"]) if not isinstance(kind, str)]
    revalidate_paths = rules["cache"].setdefault("revalidate_paths", [])
    if not isinstance(revalidate_paths, list):
        return {}, [doc.problem(("cache", "revalidate_paths"), "'revalidate_paths' must be a list of paths from /")]
    listed = [(("cache", "immutable", "paths", n), pattern) for n, pattern in enumerate(immutable["paths"])]
    listed += [(("cache", "revalidate_paths", n), pattern) for n, pattern in enumerate(revalidate_paths)]
    for where, pattern in listed:
        if not isinstance(pattern, str) or not pattern.startswith("/") or pattern.count("*") > 1:
            problems.append(doc.problem(where, f"'{pattern}' must be a path from / with at most one *"))
    rules["_doc"] = doc
    return (rules, []) if not problems else ({}, problems)


def matcher(pattern: str) -> re.Pattern:
    """A host path pattern as a regular expression: `*` is any characters, `/` included."""
    return re.compile("^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$")


def not_found_pages(config, name: str) -> list[tuple[str, str]]:
    """(path prefix, 404 page) per language, longest prefix first."""
    languages = site_languages(config)
    pages = [(f"/{lang}/", f"/{lang}/{name}") for lang in languages.all if lang != languages.default]
    return sorted(pages, key=lambda item: -len(item[0])) + [("/", f"/{name}")]


def site_files(site: Path) -> list[str]:
    return sorted("/" + path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file() and path.name not in WRITTEN)


def check(rules: dict, files: list[str], not_found: list[tuple[str, str]]) -> list[Problem]:
    doc, problems = rules["_doc"], []
    owner: dict[str, str] = {}
    for n, pattern in enumerate(rules["cache"]["immutable"]["paths"]):
        where = ("cache", "immutable", "paths", n)
        matched = [path for path in files if matcher(pattern).match(path)]
        if not matched:
            problems.append(doc.problem(where, f"the path '{pattern}' matches no file of the built site; fix the path or remove it"))
        for path in matched:
            if not HASHED_NAME.search(path.rsplit("/", 1)[-1]):
                problems.append(doc.problem(where, f"'{pattern}' would keep {path} for a year, but its name has no content hash"))
            elif path in owner:
                problems.append(doc.problem(where, f"'{pattern}' and '{owner[path]}' both match {path}; hosts would send its Cache-Control twice"))
            owner.setdefault(path, pattern)
    for n, pattern in enumerate(rules["cache"]["revalidate_paths"]):
        where = ("cache", "revalidate_paths", n)
        matched = [path for path in files if matcher(pattern).match(path)]
        if not matched:
            problems.append(doc.problem(where, f"the path '{pattern}' matches no file of the built site; fix the path or remove it"))
        for path in (path for path in matched if path in owner):
            problems.append(doc.problem(where, f"{path} must be revalidated, but '{owner[path]}' keeps it for a year"))
    for prefix, page in not_found:
        if page not in files:
            problems.append(doc.problem(("not_found",), f"no 404 page {page} for the addresses under {prefix}"))
    return problems


def headers_file(rules: dict) -> str:
    lines = ["# Written by overrides/hooks/hosting.py from overrides/data/hosting.yml: edit that file.",
             "# Netlify and Cloudflare Pages. A path with no Cache-Control below gets the host's",
             f"# default, which revalidates: {rules['cache']['revalidate']}", "", "/*"]
    lines += [f"  {name}: {value}" for name, value in every_response(rules).items()]
    for pattern in rules["cache"]["immutable"]["paths"]:
        lines += ["", pattern, f"  Cache-Control: {rules['cache']['immutable']['value']}"]
    for pattern in rules["cache"]["revalidate_paths"]:
        lines += ["", pattern, f"  Cache-Control: {rules['cache']['revalidate']}"]
    return "\n".join(lines) + "\n"


def redirects_file(not_found: list[tuple[str, str]]) -> str:
    lines = ["# Written by overrides/hooks/hosting.py: each language's 404 page, with status 404, for an",
             "# address that is no file (Netlify; Cloudflare Pages finds the nearest 404.html itself)."]
    return "\n".join(lines + [f"{prefix}*  {page}  404" for prefix, page in not_found]) + "\n"


def every_response(rules: dict) -> dict[str, str]:
    return {"Content-Security-Policy": header_policy(), **rules["headers"]}


def nginx_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_file(rules: dict, not_found: list[tuple[str, str]], host: str) -> str:
    cache = rules["cache"]
    immutable = "".join(
        f"    {nginx_quote('~' + matcher(pattern).pattern)} {nginx_quote(cache['immutable']['value'])};\n"
        for pattern in cache["immutable"]["paths"]
    )
    types = "".join(f"        {kind} {extensions};\n" for kind, extensions in rules["types"].items())
    headers = "".join(f"    add_header {name} {nginx_quote(value)} always;\n" for name, value in every_response(rules).items())
    hidden = "|".join(re.escape(name) for name in WRITTEN)
    locations = "".join(  # the site's own 404 page for the whole server, then each language's
        f"    error_page 403 404 =404 {page};\n" if prefix == "/" else
        f"    location {prefix} {{\n        error_page 403 404 =404 {page};\n    }}\n"
        for prefix, page in reversed(not_found)
    )
    return f"""\
# Written by overrides/hooks/hosting.py from overrides/data/hosting.yml: edit that file.
# For your own nginx: copy site/ to the root below, put this file where nginx
# includes it in its http block (Debian: /etc/nginx/conf.d/), add TLS
# (certbot --nginx), then nginx -t && systemctl reload nginx.

map $uri $site_cache_control {{
    default {nginx_quote(cache['revalidate'])};
{immutable}}}

server {{
    listen 80;
    listen [::]:80;
    server_name {host};
    root /var/www/{host};
    index index.html;
    server_tokens off;
    absolute_redirect off;

    include mime.types;
    types {{
{types}    }}
    charset utf-8;
    charset_types {' '.join(rules['gzip'])};

    gzip on;
    gzip_vary on;
    gzip_comp_level 6;
    gzip_min_length 256;
    gzip_types {' '.join(rules['gzip'])};

    add_header Cache-Control $site_cache_control always;
{headers}
{locations}    location ~ ^/(?:{hidden})$ {{
        return 404;
    }}
}}
"""


@event_priority(-1100)  # last: after csp.py (-1000) and every hook that writes files
def on_post_build(config):
    if not is_outermost(config):
        return  # a language built inside the default one; the outer build writes the host files
    rules, problems = load_rules()
    site = Path(config.site_dir)
    if rules:
        not_found = not_found_pages(config, rules["not_found"])
        problems += check(rules, site_files(site), not_found)
        host = urlsplit(config.site_url or "").hostname or "localhost"
        (site / "_headers").write_text(headers_file(rules), "utf-8")
        (site / "_redirects").write_text(redirects_file(not_found), "utf-8")
        (site / "nginx.conf").write_text(nginx_file(rules, not_found, host), "utf-8")
    for problem in problems:
        report(log, problem)
