"""In Debian's Chromium: the language switcher, the dialogue layout (axe: test_quality.py)."""

from __future__ import annotations

def test_language_switcher_keeps_the_page(page, server):
    page.goto(server + "/principles/#alternative")
    page.locator('.md-select__link[hreflang="en"]').first.evaluate("a => a.click()")
    page.wait_for_url("**/en/principles/**")
    assert page.locator("html").get_attribute("lang") == "en"


def test_dialogue_is_side_by_side_on_wide_screens_and_stacked_on_phones(page, server):
    def sides():
        boxes = page.locator(".dialogue").first.locator(".dialogue__side")
        return boxes.nth(0).bounding_box(), boxes.nth(1).bounding_box()

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server + "/principles/")
    wrong, right = sides()
    assert abs(wrong["y"] - right["y"]) < 2 and right["x"] > wrong["x"] + wrong["width"] / 2

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    wrong, right = sides()
    assert right["y"] >= wrong["y"] + wrong["height"] - 1
