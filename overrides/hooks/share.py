"""The freelancer's personal share link: `<!-- md:share-link -->` becomes its form.

The form (name, email, optional note, language, start page) is filled and
turned into a link by overrides/assets/javascripts/share.js, in the browser
only. The start pages offered are the client section's pages (those
hooks/clients.py marked), in navigation order, so a new client page is offered
without touching this file.
"""

from __future__ import annotations

import logging
from html import escape

from interface_labels import labels, script_json
from marker_registry import MarkerRule
from problems import report
from site_languages import page_language, site_languages
from source_position import locate

log = logging.getLogger("mkdocs.hooks.share")

PAGES_SLOT = "<!-- share-link: start pages -->"

SCRIPT_LABELS = ("copied", "copy_failed", "bad_email", "no_name")
NOTE_LIMIT = 200  # share.js keeps the same limit (LIMITS.note)


def _field(fid: str, label: str, hint: str, control: str) -> str:
    return (
        f'<div class="share__field"><label for="{fid}">{escape(label)}</label>'
        f'<p class="share__hint" id="{fid}-hint">{escape(hint)}</p>{control}</div>'
    )


def render(lang: str, root: str, languages, labels) -> str:
    """The form's HTML; the start-page options go in at PAGES_SLOT (on_page_context).
    languages: the site's Languages; labels: the share group's labels in lang."""
    choices = "".join(
        f'<label lang="{code}"><input type="radio" name="lang" value="{code}" '
        f'data-share-prefix="{languages.prefix(code)}"'
        f'{" checked" if code == lang else ""}> {escape(languages.name(code))}</label>'
        for code in languages.all
    )
    script_labels = script_json(labels, SCRIPT_LABELS)
    return "".join(
        [
            '<div class="share-builder">',
            f'<noscript><p>{escape(labels["no_script"])}</p></noscript>',
            f'<form class="share" data-share-form data-share-root="{escape(root)}" '
            f'data-share-labels="{script_labels}" hidden>',
            _field("share-name", labels["name"], labels["name_hint"].format(name=labels["example_name"]),
                   '<input type="text" id="share-name" name="name" autocomplete="name" '
                   'aria-describedby="share-name-hint">'),
            _field("share-email", labels["email"], labels["email_hint"],
                   '<input type="email" id="share-email" name="email" autocomplete="email" '
                   'aria-describedby="share-email-hint">'),
            _field("share-note", labels["note"], labels["note_hint"].format(limit=NOTE_LIMIT),
                   '<textarea id="share-note" name="note" rows="3" aria-describedby="share-note-hint"></textarea>'),
            f'<fieldset class="share__languages"><legend>{escape(labels["language"])}</legend>{choices}</fieldset>',
            f'<div class="share__field"><label for="share-start">{escape(labels["start"])}</label>'
            f'<select id="share-start" name="start">{PAGES_SLOT}</select></div>',
            '<p class="share__status" role="status"></p>',
            f'<div class="share__field share__result"><label for="share-result">{escape(labels["link"])}</label>'
            '<input type="text" id="share-result" readonly></div>',
            '<div class="share__buttons">'
            f'<button type="button" class="md-button md-button--primary" data-share-action="copy">{escape(labels["copy"])}</button>'
            f'<a class="md-button" data-share-action="open" href="{escape(root)}" target="_blank" rel="noopener">{escape(labels["open"])}</a>'
            "</div>",
            "</form>",
            "</div>",
        ]
    )


def start_pages(nav, lang_prefix: str) -> str:
    """<option>s for every client page: value is its path below the language's root."""
    options = []
    for page in nav.pages:
        if page.meta.get("client_section"):
            path = page.url.removeprefix(lang_prefix)
            options.append(f'<option value="{escape(path)}">{escape(page.title or path)}</option>')
    return "".join(options)


# Marker and MkDocs events ----------------------------------------------------------


def share_marker(marker, page, config, files) -> str:
    lang = page_language(page, config)
    root = "../" * page.url.count("/")  # from this page's folder to the site's root
    return render(lang, root, site_languages(config), labels(config, "share", lang))


MARKERS = {"share-link": MarkerRule(share_marker, once="the share-link form")}


def on_page_context(context, page, config, nav):
    if "share-link" in page.meta.get("markers", ()):
        options = start_pages(nav, site_languages(config).prefix(page_language(page, config)))
        if not options:
            report(log, locate(page, "md:share-link"), "there are no client pages to start from")
        page.content = page.content.replace(PAGES_SLOT, options)
    return context
