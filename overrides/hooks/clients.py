"""The pages written for clients: their own navigation, greeting and link-preview image.

A page belongs to the client section when it sits in the same `nav:` section
as clients/index.md (the brief included). Such a page gets
`page.meta["client_section"]` (the section's title line, the way back to the
whole site, the labels share.js greets the client with) and, drawn here at
build time with Pillow and DejaVu Sans, its own 1200×630 preview image next
to the page (`<page>/preview.png`), used as og:image at an absolute address.
Previous/next links never lead out of the section.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.clients")

CLIENT_INDEX = "clients/index.md"
IMAGE_NAME = "preview.png"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"bold": FONT_DIR / "DejaVuSans-Bold.ttf", "regular": FONT_DIR / "DejaVuSans.ttf"}
COLOURS = {"background": "#00695c", "text": "#ffffff", "band": "#bf360c", "line": "#b2dfdb"}

LABELS = {
    "sv": {
        "title_line": "För dig som anlitar en frilansare",
        "nav": "Sidor för dig som anlitar en frilansare",
        "whole_site": "Till hela webbplatsen",
        "whole_site_hint": "skriven för frilansare",
        # share.js: the greeting from a personal link
        "greeting": "{name} skickade den här till dig",
        "reply": "Mejla {name}",
        "bad_email": "Länken innehöll en mejladress som inte går att använda, så den används inte. "
        "Fråga avsändaren efter rätt adress.",
        "note": "Meddelande från {name}",
    },
    "en": {
        "title_line": "For clients of freelancers",
        "nav": "Pages for clients of freelancers",
        "whole_site": "To the whole site",
        "whole_site_hint": "written for freelancers",
        "greeting": "{name} sent you this",
        "reply": "Email {name}",
        "bad_email": "The link held an email address that can’t be used, so it is left out. "
        "Ask the sender for the right address.",
        "note": "Message from {name}",
    },
}
SCRIPT_LABELS = ("greeting", "reply", "bad_email", "note")


# Which pages --------------------------------------------------------------------


def _is_client_index(item) -> bool:
    file = getattr(item, "file", None)
    if file is None:
        return False
    return file.src_uri == CLIENT_INDEX or file.src_uri.endswith("/" + CLIENT_INDEX)


def client_section(page):
    """The nav section holding clients/index.md, if the page is in it; else None."""
    section = getattr(page, "parent", None)
    if section is None or not any(_is_client_index(child) for child in section.children):
        return None
    return section


def _language(page, config) -> str:
    return getattr(page.file, "locale", None) or config.theme["language"]


# The preview image -------------------------------------------------------------------


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def draw_preview(target: Path, title: str, title_line: str, site_name: str) -> None:
    """A 1200×630 PNG: the section's title line, the page title, the site's name."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1200, 630), COLOURS["background"])
    draw = ImageDraw.Draw(image)
    small = ImageFont.truetype(str(FONTS["regular"]), 36)
    draw.text((100, 80), title_line, font=small, fill=COLOURS["line"])
    for size in (76, 66, 56, 48):
        big = ImageFont.truetype(str(FONTS["bold"]), size)
        lines = _wrap(draw, title, big, 1000)
        if len(lines) <= 3:
            break
    y = 330 - len(lines) * size * 1.2 / 2
    for line in lines[:4]:
        draw.text((100, y), line, font=big, fill=COLOURS["text"])
        y += size * 1.2
    draw.text((100, 500), site_name, font=ImageFont.truetype(str(FONTS["bold"]), 34), fill=COLOURS["text"])
    draw.rectangle((0, 606, 1200, 630), fill=COLOURS["band"])
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, optimize=True)


# MkDocs events ----------------------------------------------------------------------


def on_config(config):
    missing = [str(path) for path in FONTS.values() if not path.is_file()]
    if missing:
        log.error(f"mkdocs.yml: the preview images need {', '.join(missing)}; install Debian's 'fonts-dejavu-core'")
    try:
        import PIL  # noqa: F401
    except ImportError:
        log.error("mkdocs.yml: the preview images need Pillow; run `.venv/bin/pip install -r requirements.txt`")


def on_page_markdown(markdown, page, config, files):
    section = client_section(page)
    if section is None:
        return markdown
    lang = _language(page, config)
    labels = LABELS[lang]
    page.meta["client_section"] = {
        "title_line": labels["title_line"],
        "nav": labels["nav"],
        "whole_site": labels["whole_site"],
        "whole_site_hint": labels["whole_site_hint"],
        "script_labels": json.dumps({key: labels[key] for key in SCRIPT_LABELS}, ensure_ascii=False),
    }
    page.meta["preview_image"] = page.url + IMAGE_NAME
    return markdown


def on_page_context(context, page, config, nav):
    section = client_section(page)
    if section is None:
        return context
    # Previous/next (footer and <link rel>) stay inside the client section.
    inside = set(id(item) for item in section.children)
    if page.previous_page is not None and id(page.previous_page) not in inside:
        page.previous_page = None
    if page.next_page is not None and id(page.next_page) not in inside:
        page.next_page = None
    return context


def on_post_page(output, page, config):
    if "preview_image" in page.meta and "client_section" in page.meta:
        title = page.meta.get("title") or page.title or config.site_name
        draw_preview(
            Path(config.site_dir) / page.meta["preview_image"],
            str(title),
            page.meta["client_section"]["title_line"],
            config.site_name,
        )
    return output
