"""The copy button's HTML, in the page's language (a helper, not a hook).

copy-text.js shows the tools, copies the text of the element the tools
belong to (`data-copy-target`, else the element just before them) and says
in the status line whether it worked.
"""

from __future__ import annotations

from html import escape

LABELS = {
    "sv": {
        "reply": "Kopiera svaret",
        "text": "Kopiera texten",
        "copied": "Kopierat. Klistra in det i ditt meddelande.",
        "failed": "Det gick inte att kopiera automatiskt. Texten är markerad: tryck Ctrl+C (Cmd+C på Mac) "
        "för att kopiera den.",
        "field": "Text att kopiera",
    },
    "en": {
        "reply": "Copy the reply",
        "text": "Copy the text",
        "copied": "Copied. Paste it into your message.",
        "failed": "Copying didn't work automatically. The text is selected: press Ctrl+C (Cmd+C on a Mac) "
        "to copy it.",
        "field": "Text to copy",
    },
}


def tools(lang: str, kind: str = "text", target: str = "") -> str:
    """A hidden button and status line; copy-text.js shows them where it runs."""
    labels = LABELS.get(lang, LABELS["en"])
    aim = f' data-copy-target="{escape(target)}"' if target else ""
    return (
        f'<div class="copy-text__tools" data-copy-tools{aim} data-copied="{escape(labels["copied"])}" '
        f'data-failed="{escape(labels["failed"])}" data-field="{escape(labels["field"])}" '
        'data-search-exclude hidden>'
        f'<button type="button" class="copy-text__button">{labels[kind]}</button>'
        '<span class="copy-text__status" role="status"></span></div>'
    )
