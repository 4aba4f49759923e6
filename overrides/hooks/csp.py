"""A Content-Security-Policy in every page: nothing from other origins, inline script only by hash.

Runs once, after every language is built (the i18n plugin builds the others
inside the default language's on_post_build). For each built page it hashes
the inline scripts and inline styles the page really has and writes the
policy as <meta http-equiv="Content-Security-Policy"> right after
<meta charset>, before anything it governs; that works on any static host.
A page with an inline event handler (onclick=…) or a javascript: URL fails
the build: put the code in a file under overrides/assets/javascripts/.
If the site ships WebAssembly (Pagefind's search does), 'wasm-unsafe-eval'
lets the browser compile it; it allows no JavaScript eval.

Browsers ignore frame-ancestors in a meta tag: header_policy() is the
policy the hosts send as a header (hosting.py writes it into _headers and
nginx.conf): frame-ancestors 'none' on top of the directives every page
shares that allow nothing inline. The browser enforces both policies.

`mkdocs serve` adds an inline live-reload script of its own that changes on
every reload, so while serving, inline script is allowed (no hashes).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from pathlib import Path

from mkdocs.plugins import event_priority
from problems import report
from site_languages import is_outermost
from source_position import locate

log = logging.getLogger("mkdocs.hooks.csp")

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

# Only a header can forbid framing; the header repeats what every page's
# policy says the same way, so it holds before the meta tag is read.
HEADER_ONLY = {"frame-ancestors": ["'none'"]}
HEADER_FROM_PAGES = ("object-src", "base-uri", "form-action")

SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
STYLE = re.compile(r"<style\b[^>]*>(?P<body>.*?)</style\s*>", re.S | re.I)
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
HANDLER = re.compile(r"""<[a-z][^>]*?\s(on[a-z]+\s*=)""", re.I)
JS_URL = re.compile(r"""\s(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I)
OLD_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', re.I)
CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)

# The one module value: on_startup runs once per process, before any build, and
# hands over the command ('build', 'gh-deploy' or 'serve'). It is the same for
# every build of the process (serve's rebuilds included) and no config exists
# yet to carry it, so it belongs to the process, not to a build; nothing else
# here outlives a build.
_command = "build"


def on_startup(command, dirty):
    global _command
    _command = command


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_scripts(html: str) -> list[str]:
    """The bodies of the scripts the browser runs from the page itself (JSON data blocks excluded)."""
    found = []
    for match in SCRIPT.finditer(html):
        attrs = match["attrs"]
        kind = TYPE.search(attrs)
        if re.search(r"\ssrc\s*=", " " + attrs, re.I) or (kind and kind.group(1).lower() not in SCRIPT_TYPES):
            continue
        found.append(match["body"])
    return found


def header_policy() -> str:
    """The site-wide policy for the Content-Security-Policy header, added to each page's meta policy."""
    directives = {**HEADER_ONLY, **{name: POLICY[name] for name in HEADER_FROM_PAGES}}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def policy_for(html: str, wasm: bool) -> str:
    directives = {name: list(values) for name, values in POLICY.items()}
    if _command == "serve":
        directives["script-src"].append("'unsafe-inline'")
    else:
        directives["script-src"] += sorted({sha256(body) for body in inline_scripts(html)})
    if wasm:
        directives["script-src"].append("'wasm-unsafe-eval'")
    directives["style-src"] += sorted({sha256(match["body"]) for match in STYLE.finditer(html)})
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def on_post_page(output, page, config):
    """Code the policy would block, reported at its place in the page's Markdown."""
    for pattern, what in ((HANDLER, "an inline event handler"), (JS_URL, "a javascript: URL")):
        for match in pattern.finditer(output):
            needle = match.group(1) if pattern is HANDLER else "javascript:"
            report(log, locate(page, needle), (
                f"{what} ({match.group(0).strip()[:60]}) would be blocked by the "
                f"Content-Security-Policy; attach the code from a file under overrides/assets/javascripts/"
            ))
    return output


@event_priority(-1000)  # last: after the i18n plugin has built the other languages, and after every hook that writes files
def on_post_build(config):
    if not is_outermost(config):
        return  # a language built inside the default one; the outer build comes last
    site = Path(config.site_dir)
    wasm = any(site.rglob("*.wasm")) or any(site.rglob("wasm.*.pagefind"))  # Pagefind's own name for it
    for path in sorted(site.rglob("*.html")):
        html = OLD_META.sub("", path.read_text(encoding="utf-8"))
        meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html, wasm)}">'
        charset = CHARSET.search(html)
        if charset:
            html = html[: charset.end()] + "\n" + meta + html[charset.end():]
        else:
            head = re.search(r"<head\b[^>]*>", html, re.I)
            if not head:
                report(log, str(path), "no <head>; the Content-Security-Policy has nowhere to go")
                continue
            html = html[: head.end()] + "\n" + meta + html[head.end():]
        path.write_text(html, encoding="utf-8")
