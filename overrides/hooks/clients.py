"""The pages written for clients: their own navigation, greeting and link-preview image.

A page belongs to the client section when it sits in the same `nav:` section
as clients/index.md (the brief included). Such a page gets
`page.meta["client_section"]` (the section's title line, the way back to the
whole site, the labels share.js greets the client with) and, drawn here at
build time with Pillow and DejaVu Sans, its own 1200×630 preview image next
to the page (`<page>/preview.png`), used as og:image at an absolute address.
Previous/next links never lead out of the section. The words are the group
`clients` of overrides/data/labels.yml (client-nav.html escapes them where
they enter the page; main.html the JSON for share.js).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from interface_labels import labels
from problems import report
from site_languages import is_first_language, page_language

log = logging.getLogger("mkdocs.hooks.clients")

CLIENT_INDEX = "clients/index.md"
IMAGE_NAME = "preview.png"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"bold": FONT_DIR / "DejaVuSans-Bold.ttf", "regular": FONT_DIR / "DejaVuSans.ttf"}
COLOURS = {"background": "#00695c", "text": "#ffffff", "band": "#bf360c", "line": "#b2dfdb"}

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
    if not is_first_language(config):  # the same fonts and Pillow for every language: reported once
        return
    missing = [str(path) for path in FONTS.values() if not path.is_file()]
    if missing:
        report(log, "mkdocs.yml", f"the preview images need {', '.join(missing)}; install Debian's 'fonts-dejavu-core'")
    try:
        import PIL  # noqa: F401
    except ImportError:
        report(log, "mkdocs.yml", "the preview images need Pillow; run `.venv/bin/pip install -r requirements.txt`")


def on_page_markdown(markdown, page, config, files):
    section = client_section(page)
    if section is None:
        return markdown
    words = labels(config, "clients", page_language(page, config))
    page.meta["client_section"] = {  # plain text: the templates escape it, draw_preview draws it
        "title_line": words["title_line"],
        "nav": words["nav"],
        "whole_site": words["whole_site"],
        "whole_site_hint": words["whole_site_hint"],
        "script_labels": json.dumps({key: words[key] for key in SCRIPT_LABELS}, ensure_ascii=False),
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
