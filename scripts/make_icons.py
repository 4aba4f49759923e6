"""Draw the app icons of the offline guide (PNG) with Chromium, from Material's handshake logo.

    .venv/bin/python scripts/make_icons.py

Writes overrides/assets/images/icon-192.png and icon-512.png (rounded, for
"any" use) and icon-maskable-512.png (full bleed, the logo inside the safe
circle, for launchers that cut their own shape). Commit the PNGs; the build
never draws them (no browser needed to build). hooks/offline.py lists them
in each language's manifest.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "overrides" / "assets" / "images"
TEAL, ORANGE = "#00695c", "#bf360c"  # the site's primary and accent colours (site.css)
PAGE = """<!doctype html><html><body style="margin:0;background:transparent">
<div style="width:{size}px;height:{size}px;box-sizing:border-box;background:{teal};border-radius:{radius}%;
 display:flex;align-items:center;justify-content:center;border-bottom:{bar}px solid {orange}">
 <svg viewBox="0 0 24 24" width="{logo}" height="{logo}"><path fill="#fff" d="{path}"/></svg>
</div></body></html>"""
ICONS = {  # name: (size, corner radius in %, logo share of the size)
    "icon-192.png": (192, 18, 0.66),
    "icon-512.png": (512, 18, 0.66),
    "icon-maskable-512.png": (512, 0, 0.5),
}


def logo_path() -> str:
    import material

    svg = Path(material.__file__).parent / "templates" / ".icons" / "material" / "handshake-outline.svg"
    return svg.read_text(encoding="utf-8").split(' d="', 1)[1].split('"', 1)[0]


def main() -> None:
    path = logo_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, (size, radius, share) in ICONS.items():
            page = browser.new_page(viewport={"width": size, "height": size})
            html = PAGE.format(size=size, teal=TEAL, orange=ORANGE, radius=radius, bar=round(size * 0.06),
                               logo=round(size * share), path=path)
            page.set_content(html)
            page.screenshot(path=str(OUT / name), omit_background=True)
            page.close()
            print(OUT / name)
        browser.close()


if __name__ == "__main__":
    main()
