"""The copy button's HTML, in the page's language (a helper, not a hook).

copy-text.js shows the tools, copies the text of the element the tools
belong to (`data-copy-target`, else the element just before them) and says
in the status line whether it worked.
"""

from __future__ import annotations

from html import escape

def tools(labels, kind: str = "text", target: str = "") -> str:
    """A hidden button and status line; copy-text.js shows them where it runs.
    labels: the copy_text labels in the page's language (interface_labels)."""
    aim = f' data-copy-target="{escape(target)}"' if target else ""
    return (
        f'<div class="copy-text__tools" data-copy-tools{aim} data-copied="{escape(labels["copied"])}" '
        f'data-failed="{escape(labels["failed"])}" data-field="{escape(labels["field"])}" '
        'data-search-exclude hidden>'
        f'<button type="button" class="copy-text__button">{escape(labels[kind])}</button>'
        '<span class="copy-text__status" role="status"></span></div>'
    )
