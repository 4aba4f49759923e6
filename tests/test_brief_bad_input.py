"""Each kind of bad brief data or marker stops the build with file:line:col and what to do,
and leaves the previous site untouched (the brief's counterpart of test_bad_input.py)."""

from __future__ import annotations

import pytest

from conftest import ROOT, replace
from conftest import TEXT

FIXTURE_BRIEF = """\
title:
  sv: Brief
  en: Brief
intro:
  sv: Svara kort.
  en: Answer briefly.
sections:
  - id: goal
    title:
      sv: Mål
      en: Goal
    questions:
      - id: goal
        core: true
        text:
          sv: Vad vill du uppnå?
          en: What do you want to achieve?
        lines: 2
      - id: deadline
        text:
          sv: När ska det vara klart?
          en: When must it be done?
        hint:
          sv: Ett datum.
          en: A date.
        lines: 1
"""

BRIEF_PAGE = {
    "sv": "---\ndescription: Briefen.\n---\n\n# Brief\n\nFyll i.\n\n<!-- md:brief -->\n",
    "en": "---\ndescription: The brief.\n---\n\n# Brief\n\nFill it in.\n\n<!-- md:brief -->\n",
}


@pytest.fixture
def brief_site(fixture_site):
    """The fixture site plus a brief page in both languages and a small brief.yml."""
    fixture_site.brief = fixture_site.root / "overrides" / "data" / "brief.yml"
    fixture_site.brief.write_text(FIXTURE_BRIEF, encoding="utf-8")
    for lang, text in BRIEF_PAGE.items():
        fixture_site.page(lang, "brief.md").write_text(text, encoding="utf-8")
    fixture_site.config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\nnav:\n  - index.md\n  - topic.md\n  - brief.md\n", encoding="utf-8"
    )
    return fixture_site


def yaml_syntax_error(site):
    replace(site.brief, "  sv: Mål\n", "  sv: [Mål\n")
    return r"overrides/data/brief\.yml:\d+:\d+: YAML syntax error"


def missing_english_question(site):
    replace(site.brief, "          en: When must it be done?\n", "")
    return r"overrides/data/brief\.yml:20:\d+: sections\[0\]\.questions\[1\]\.text: 'en' \(the English text\) is missing; add it"


def empty_text(site):
    replace(site.brief, "sv: Vad vill du uppnå?", 'sv: " "')
    return r"overrides/data/brief\.yml:16:\d+: sections\[0\]\.questions\[0\]\.text\.sv: the text is empty; write it"


def unknown_key(site):
    replace(site.brief, "        lines: 1\n", "        lines: 1\n        placeholder: t.ex. 1 mars\n")
    return r"overrides/data/brief\.yml:27:9: sections\[0\]\.questions\[1\]: unknown key 'placeholder'; allowed keys here: core, hint, id, lines, text"


def lines_out_of_range(site):
    replace(site.brief, "lines: 2", "lines: 12")
    return r"overrides/data/brief\.yml:18:\d+: sections\[0\]\.questions\[0\]\.lines: 12 is out of range; use a whole number from 1 to 6"


def lines_not_a_number(site):
    replace(site.brief, "lines: 2", "lines: many")
    return r"overrides/data/brief\.yml:18:\d+: sections\[0\]\.questions\[0\]\.lines: expected integer, found text 'many'"


def invalid_id(site):
    replace(site.brief, "- id: deadline", "- id: Deadline Date")
    return r"overrides/data/brief\.yml:19:\d+: sections\[0\]\.questions\[1\]\.id: 'Deadline Date' is not a valid id"


def duplicate_question_id(site):
    replace(site.brief, "- id: deadline", "- id: goal")
    return r"overrides/data/brief\.yml:19:\d+: duplicate question id 'goal' \(first used at line 13\); ids must be unique"


def duplicate_section_id(site):
    site.brief.write_text(
        FIXTURE_BRIEF + "  - id: goal\n    title: {sv: Igen, en: Again}\n    questions:\n"
        "      - id: other\n        text: {sv: Något annat, en: Anything else}\n",
        encoding="utf-8",
    )
    return r"overrides/data/brief\.yml:27:\d+: duplicate section id 'goal' \(first used at line 8\)"


def empty_question_list(site):
    text = site.brief.read_text(encoding="utf-8")
    site.brief.write_text(text.split("    questions:")[0] + "    questions: []\n", encoding="utf-8")
    return r"overrides/data/brief\.yml:12:\d+: sections\[0\]\.questions: the list is empty; give it at least one entry"


def missing_sections(site):
    text = site.brief.read_text(encoding="utf-8")
    site.brief.write_text(text.split("sections:")[0], encoding="utf-8")
    return r"overrides/data/brief\.yml:1:1: the file: 'sections' is missing; add it"


def core_not_a_boolean(site):
    replace(site.brief, "core: true", "core: ja")
    return r"overrides/data/brief\.yml:14:\d+: sections\[0\]\.questions\[0\]\.core: expected boolean, found text 'ja'"


def no_core_question(site):
    replace(site.brief, "        core: true\n", "")
    return r"overrides/data/brief\.yml:\d+:\d+: mark the questions that matter on every job with 'core: true'; none is"


def section_named_like_the_core_group(site):
    replace(site.brief, "  - id: goal\n    title:", "  - id: essentials\n    title:")
    return r"overrides/data/brief\.yml:8:\d+: the section id 'essentials' is taken by the core questions; choose another"


def marker_with_arguments(site):
    replace(site.page("sv", "brief.md"), "<!-- md:brief -->", "<!-- md:brief contacts -->")
    return r"docs/sv/brief\.md:9:1: write the marker as <!-- md:brief --> with nothing after 'brief'"


def marker_twice(site):
    replace(site.page("en", "brief.md"), "Fill it in.", "Fill it in.\n\n<!-- md:brief -->")
    return r"docs/en/brief\.md:11:1: the brief can appear only once on a page; remove this marker"


def marker_without_data(site):
    site.brief.unlink()
    return r"docs/sv/brief\.md:9:1: there is no overrides/data/brief\.yml; add it or remove the marker"


BAD_INPUTS = [
    yaml_syntax_error,
    missing_english_question,
    empty_text,
    unknown_key,
    lines_out_of_range,
    lines_not_a_number,
    invalid_id,
    duplicate_question_id,
    duplicate_section_id,
    empty_question_list,
    missing_sections,
    core_not_a_boolean,
    no_core_question,
    section_named_like_the_core_group,
    marker_with_arguments,
    marker_twice,
    marker_without_data,
]


def test_brief_fixture_builds_with_its_templates(brief_site):
    result = brief_site.build()
    assert result.returncode == 0, result.stderr
    html = (brief_site.site / "brief" / "index.html").read_text("utf-8")
    assert 'for="brief-goal">Vad vill du uppnå?</label>' in html
    assert '<input type="text" class="brief__field" id="brief-deadline"' in html
    assert (brief_site.site / "en" / "brief" / "brief-template.md").read_text("utf-8") == (
        "# Brief\n\nAnswer briefly.\n\n## The essentials\n\n" + TEXT["brief"]["en"]["essentials_intro"]
        + "\n\n### What do you want to achieve?\n\n\n\n"
        "## Goal\n\n### When must it be done?\n\n_A date._\n"
    )
    assert "### Vad vill du uppnå?" in (brief_site.site / "brief" / "brief-mall.md").read_text("utf-8")


@pytest.mark.parametrize("break_it", BAD_INPUTS, ids=lambda f: f.__name__)
def test_bad_brief_is_rejected_and_site_kept(brief_site, break_it):
    brief_site.assert_rejected(break_it)
