"""The takeaway box ("I korthet" / "In short") at the top of every topic page, checked by the build."""

from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT, TAKEAWAY, replace

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from takeaway import box_problems  # noqa: E402


def missing_box(site):
    replace(site.page("sv", "topic.md"), TAKEAWAY["sv"], "")
    return r"docs/sv/topic\.md:6:1: add the takeaway box right after the title: `!!! abstract \"I korthet\"`"


def two_bullets(site):
    replace(site.page("en", "topic.md"), "    - Three.\n", "")
    return r"docs/en/topic\.md:7:1: the takeaway box needs exactly 3 bullets, found 2"


def four_bullets(site):
    replace(site.page("sv", "topic.md"), "    - Tre.\n", "    - Tre.\n    - Fyra.\n")
    return r"docs/sv/topic\.md:7:1: the takeaway box needs exactly 3 bullets, found 4"


def title_in_the_other_language(site):
    replace(site.page("en", "topic.md"), '"In short"', '"I korthet"')
    return r"docs/en/topic\.md:7:1: the takeaway box's title must be \"In short\", not \"I korthet\""


def box_of_another_kind(site):
    replace(site.page("sv", "topic.md"), '!!! abstract "I korthet"', '!!! note "I korthet"')
    return r"docs/sv/topic\.md:7:1: the takeaway box is an abstract admonition"


def box_below_a_heading(site):
    page = site.page("sv", "topic.md")
    replace(page, TAKEAWAY["sv"] + "\n", "")
    replace(page, "Text.\n", "Text.\n\n" + TAKEAWAY["sv"])
    return r"docs/sv/topic\.md:\d+:1: the takeaway box must come right after the '# Title'"


def paragraph_inside_the_box(site):
    replace(site.page("en", "topic.md"), "    - One.\n", "    Some prose.\n\n    - One.\n")
    return r"docs/en/topic\.md:9:1: the takeaway box holds only '- ' bullets"


def bullet_too_long(site):
    replace(site.page("sv", "topic.md"), "    - Två.\n", "    - " + "ord " * 30 + "\n")
    return r"docs/sv/topic\.md:10:1: takeaway bullet of 30 words; keep each under 26"


CASES = [
    missing_box,
    two_bullets,
    four_bullets,
    title_in_the_other_language,
    box_of_another_kind,
    box_below_a_heading,
    paragraph_inside_the_box,
    bullet_too_long,
]


@pytest.mark.parametrize("break_it", CASES, ids=lambda f: f.__name__)
def test_a_bad_takeaway_fails_the_build_at_its_line(fixture_site, break_it):
    fixture_site.assert_rejected(break_it)


def test_the_box_is_rendered_first_on_the_page(fixture_site):
    result = fixture_site.build()
    assert result.returncode == 0, result.stderr
    html = (fixture_site.site / "en" / "topic" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<h1") :]
    assert re.search(r'</h1>\s*<div class="admonition abstract">\s*<p class="admonition-title">In short</p>', article)
    assert article.index("In short") < article.index('id="first"')


def test_a_page_without_a_checklist_needs_no_box():
    assert box_problems("# Glossary\n\nText.\n", "en", required=False) == []
    assert box_problems("# Topic\n\nText.\n", "en", required=True) != []
    assert box_problems('# Topic\n\n!!! abstract "In short"\n\n    - A.\n    - B\n      continued.\n    - C.\n', "en", True) == []


def test_every_topic_page_has_its_box():
    for lang in ("sv", "en"):
        for path in sorted((ROOT / "docs" / lang).rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            if "<!-- md:checklist " in text:
                assert not box_problems(text.split("\n---\n", 1)[-1], lang, required=True), path
