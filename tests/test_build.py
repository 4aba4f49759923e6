"""scripts/build.py and overrides/hooks/links.py: each problem once, where it is written.

Links, anchors and nav: entries are checked by links.py with file:line:col
(MkDocs' own checks, which name no line, are at `info` in mkdocs.yml); the data
is validated once by its hooks, and build.py lists each problem as the hook
found it, and anything else MkDocs logs as it was logged.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, replace


def nav(site, *entries: str) -> None:
    site.config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\nnav:\n" + "".join(f"  - {entry}\n" for entry in entries), encoding="utf-8"
    )


def broken_link(site):
    replace(site.page("sv", "index.md"), "(topic.md#first)", "(missing.md)")
    # line 6 is "Läs [ämnet](missing.md).": the link's target starts at column 13
    return r"(?m)^docs/sv/index\.md:6:13: broken link 'missing\.md': docs/sv/missing\.md is not found"


def missing_anchor_with_the_heading_it_likely_meant(site):
    replace(site.page("sv", "index.md"), "topic.md#first", "topic.md#frist")
    return (
        r"(?m)^docs/sv/index\.md:6:13: broken link 'topic\.md#frist': docs/sv/topic\.md has no anchor "
        r"'#frist'; did you mean '#first'\?"
    )


def link_to_a_folder(site):
    replace(site.page("en", "topic.md"), "Text.\n", "Text, and [home](./) and [the topic](topic/#first).\n")
    return r"(?m)^docs/en/topic\.md:\d+:\d+: broken link 'topic/#first': .*did you mean 'topic\.md'\?"


def absolute_link(site):
    replace(site.page("en", "index.md"), "(topic.md#first)", "(/en/topic/)")
    return r"(?m)^docs/en/index\.md:6:\d+: absolute link '/en/topic/': .*relative to this page: 'topic\.md'"


def page_missing_from_the_nav(site):
    for lang, title in (("sv", "Mer"), ("en", "More")):
        site.page(lang, "more.md").write_text(f"---\ndescription: {title}.\n---\n# {title}\n", encoding="utf-8")
    return r"(?m)^mkdocs\.yml:2:1: nav: docs/sv/more\.md is in no section of the navigation; add '- more\.md' under nav:"


def nav_entry_to_a_missing_page(site):
    nav(site, "index.md", "topic.md", "Mer: gone.md")
    return r"(?m)^mkdocs\.yml:5:10: nav: 'gone\.md' is not a page; create docs/sv/gone\.md or correct the entry"


def unknown_warning_passes_through_verbatim(site):
    text = site.config.read_text(encoding="utf-8")
    site.config.write_text(text.replace("nav:\n", "colour: red\nnav:\n", 1), encoding="utf-8")
    return r"(?m)^mkdocs\.yml: Config value 'colour': Unrecognised configuration name: colour$"


BAD_INPUTS = [
    broken_link,
    missing_anchor_with_the_heading_it_likely_meant,
    link_to_a_folder,
    absolute_link,
    page_missing_from_the_nav,
    nav_entry_to_a_missing_page,
    unknown_warning_passes_through_verbatim,
]


@pytest.mark.parametrize("break_it", BAD_INPUTS, ids=lambda f: f.__name__)
def test_problem_is_reported_where_it_is_written(fixture_site, break_it):
    fixture_site.assert_rejected(break_it)


def test_links_in_code_and_comments_are_not_links(fixture_site):
    code = "`[not a link](nowhere.md)`\n\n```text\n[nor this](nowhere.md)\n```\n\n<!-- [nor](nowhere.md) -->\n"
    for lang in ("sv", "en"):
        replace(fixture_site.page(lang, "topic.md"), "Text.\n", "Text.\n\n" + code)
    result = fixture_site.build()
    assert result.returncode == 0, result.stderr


def test_bad_checklist_is_reported_exactly_once(fixture_site):
    replace(fixture_site.checklist(), "title:\n", "colour: red\ntitle:\n")
    result = fixture_site.build()
    assert result.returncode == 1, result.stdout
    problem = "overrides/data/checklists/demo.yml:2:1: the file: unknown key 'colour'"
    assert result.stderr.count(problem) == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith(f"Build failed with {len(lines) - 1} problem"), result.stderr


def test_summary_counts_the_published_checklists(fixture_site):
    second = fixture_site.checklist().read_text(encoding="utf-8").replace("id: demo", "id: other", 1)
    fixture_site.checklist("other").write_text(second, encoding="utf-8")
    for lang in ("sv", "en"):
        replace(fixture_site.page(lang, "topic.md"), "<!-- md:checklist demo -->", "<!-- md:checklist demo -->\n\n<!-- md:checklist other -->")
    result = fixture_site.build()
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"Built site/: 2 pages in sv, 2 pages in en, 2 checklists, \d+ links checked, no problems\.\n", result.stdout)
