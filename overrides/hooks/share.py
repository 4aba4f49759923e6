"""The freelancer's personal share link: `<!-- md:share-link -->` becomes its form.

The form (name, email, optional note, language, start page) is filled and
turned into a link by overrides/assets/javascripts/share.js, in the browser
only. The start pages offered are the client section's pages (those
hooks/clients.py marked), in navigation order, so a new client page is offered
without touching this file.
"""

from __future__ import annotations

import json
import logging
import re
from html import escape

from source_position import locate

log = logging.getLogger("mkdocs.hooks.share")

MARKER = re.compile(r"<!--\s*md:share-link\b(?P<args>.*?)-->")
PAGES_SLOT = "<!-- share-link: start pages -->"

LABELS = {
    "sv": {
        "name": "Ditt namn",
        "name_hint": "Kunden hälsas med ”{name} skickade den här till dig”.",
        "email": "Din mejladress",
        "email_hint": "Mejlknappen i briefen skickar kundens svar hit.",
        "note": "Ett kort meddelande (frivilligt)",
        "note_hint": "Högst {limit} tecken, till exempel: ”Hej Karin! Här är sidan jag nämnde.”",
        "language": "Sidornas språk",
        "start": "Sidan kunden börjar på",
        "link": "Din länk",
        "copy": "Kopiera länken",
        "open": "Öppna länken och se hur den ser ut",
        "no_script": "Länken skapas i webbläsaren och kräver JavaScript.",
        # share.js: messages in the status line
        "copied": "Länken är kopierad. Klistra in den i ett mejl eller ett chattmeddelande.",
        "copy_failed": "Det gick inte att kopiera. Markera länken och kopiera den själv.",
        "bad_email": "Det där ser inte ut som en mejladress, så den kommer inte med i länken.",
        "no_name": "Skriv ditt namn, så att kunden ser vem länken kommer från.",
        "example_name": "Anna Svensson",
    },
    "en": {
        "name": "Your name",
        "name_hint": "Your client is greeted with ‘{name} sent you this’.",
        "email": "Your email address",
        "email_hint": "The brief’s mail button sends your client’s answers here.",
        "note": "A short note (optional)",
        "note_hint": "Up to {limit} characters, for example: ‘Hi Karen, here’s the page I mentioned.’",
        "language": "Language of the pages",
        "start": "Page your client starts on",
        "link": "Your link",
        "copy": "Copy the link",
        "open": "Open the link to see how it looks",
        "no_script": "The link is made in your browser and needs JavaScript.",
        "copied": "The link is copied. Paste it into an email or a chat message.",
        "copy_failed": "Copying didn’t work. Select the link and copy it yourself.",
        "bad_email": "That doesn’t look like an email address, so it is left out of the link.",
        "no_name": "Type your name, so your client can see who the link is from.",
        "example_name": "Anna Svensson",
    },
}
SCRIPT_LABELS = ("copied", "copy_failed", "bad_email", "no_name")
LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}
NOTE_LIMIT = 200  # share.js keeps the same limit (LIMITS.note)


def _field(fid: str, label: str, hint: str, control: str) -> str:
    return (
        f'<div class="share__field"><label for="{fid}">{escape(label)}</label>'
        f'<p class="share__hint" id="{fid}-hint">{escape(hint)}</p>{control}</div>'
    )


def render(lang: str, root: str, default: str) -> str:
    """The form's HTML; the start-page options go in at PAGES_SLOT (on_page_context)."""
    labels = LABELS[lang]
    languages = "".join(
        f'<label lang="{code}"><input type="radio" name="lang" value="{code}" '
        f'data-share-prefix="{"" if code == default else code + "/"}"'
        f'{" checked" if code == lang else ""}> {name}</label>'
        for code, name in LANGUAGE_NAMES.items()
    )
    script_labels = escape(json.dumps({key: labels[key] for key in SCRIPT_LABELS}, ensure_ascii=False))
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
            f'<fieldset class="share__languages"><legend>{escape(labels["language"])}</legend>{languages}</fieldset>',
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


def _lang_prefix(page) -> str:
    """'en/' for a page under /en/, '' for the default language."""
    lang = getattr(page.file, "locale", None)
    return f"{lang}/" if lang and page.url.startswith(f"{lang}/") else ""


# MkDocs events ----------------------------------------------------------------------


def on_page_markdown(markdown, page, config, files):
    matches = list(MARKER.finditer(markdown))
    if not matches:
        return markdown
    for number, match in enumerate(matches):
        where = locate(page, match.group(0), markdown.count(match.group(0), 0, match.start()))
        if match.group("args").strip():
            log.error(f"{where}: write the marker as <!-- md:share-link --> with nothing after 'share-link'")
        elif number:
            log.error(f"{where}: the share-link form can appear only once on a page; remove this marker")
    lang = getattr(page.file, "locale", None) or config.theme["language"]
    root = "../" * page.url.count("/")  # from this page's folder to the site's root
    default = config.plugins["i18n"].default_language if "i18n" in config.plugins else lang
    page.meta["share_form"] = True
    first = matches[0].start()
    return MARKER.sub(lambda m: render(lang, root, default) if m.start() == first else "", markdown)


def on_page_context(context, page, config, nav):
    if page.meta.get("share_form"):
        options = start_pages(nav, _lang_prefix(page))
        if not options:
            log.error(f"{locate(page, 'md:share-link')}: there are no client pages to start from")
        page.content = page.content.replace(PAGES_SLOT, options)
    return context
