"""Draw the link-preview images (1200×630 PNG, one per language) with Chromium.

    .venv/bin/python scripts/make_social_images.py

Run it after changing the site's name or colours and commit the PNGs in
overrides/assets/images/. The build itself never draws them (no browser
needed to build).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "overrides" / "assets" / "images"
CARDS = {
    "sv": ("Förhandla på distans", "Pris, förskott, rabatter, ändringar och konflikter med kunder du aldrig träffar"),
    "en": ("Negotiating remotely", "Price, prepayment, discounts, revisions and conflicts with clients you never meet"),
}
PAGE = """<!doctype html><html><body style="margin:0">
<div style="width:1200px;height:630px;box-sizing:border-box;padding:90px 100px;
 background:#00695c;color:#fff;font-family:'DejaVu Sans',sans-serif;display:flex;
 flex-direction:column;justify-content:center;border-bottom:24px solid #bf360c">
 <div style="font-size:84px;font-weight:bold;line-height:1.1">{title}</div>
 <div style="font-size:38px;line-height:1.35;margin-top:36px;max-width:980px">{tagline}</div>
</div></body></html>"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        for lang, (title, tagline) in CARDS.items():
            page.set_content(PAGE.format(title=escape(title), tagline=escape(tagline)))
            page.screenshot(path=str(OUT / f"social-{lang}.png"))
            print(OUT / f"social-{lang}.png")
        browser.close()


if __name__ == "__main__":
    main()
