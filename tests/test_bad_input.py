"""Each kind of bad input stops the build with a message a writer can act on,
and leaves the previous site untouched."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, replace


def link_to_missing_page(site):
    replace(site.page("sv", "index.md"), "(topic.md#first)", "(missing.md)")
    return r"docs/sv/index\.md:6:\d+: broken link 'missing\.md'.*not found"


def link_to_missing_anchor(site):
    replace(site.page("en", "index.md"), "topic.md#first", "topic.md#nowhere")
    return r"docs/en/index\.md:6:\d+: broken link 'topic\.md#nowhere'.*anchor '#nowhere'"


def page_missing_in_one_language(site):
    site.page("en", "topic.md").unlink()
    return r"docs/sv/topic\.md:1:1: no en translation; create docs/en/topic\.md"


def non_ascii_slug(site):
    for lang in ("sv", "en"):
        site.page(lang, "topic.md").rename(site.page(lang, "Ämne.md"))
    return r"docs/sv/Ämne\.md:1:1: the file name becomes the URL; use short lowercase ASCII"


def different_heading_ids(site):
    replace(site.page("en", "topic.md"), "{ #first }", "{ #one }")
    return r"docs/en/topic\.md:1:1: heading ids differ.*sv: first; en: one"


def broken_front_matter(site):
    replace(site.page("sv", "topic.md"), "description: Ett ämne.", "description: Pris: så går det till")
    return r"docs/sv/topic\.md:2:\d+: front matter: YAML syntax error.*double quotes"


def missing_description(site):
    replace(site.page("en", "topic.md"), "description: A topic.", "title: Topic")
    return r"docs/en/topic\.md:1:1: add 'description: one sentence'"


def yaml_syntax_error(site):
    replace(site.checklist(), "  sv: Demo\n", "  sv: [Demo\n")
    return r"overrides/data/checklists/demo\.yml:\d+:\d+: YAML syntax error"


def missing_english_text(site):
    replace(site.checklist(), "      en: Do the second thing.\n", "")
    return r"overrides/data/checklists/demo\.yml:11:\d+: items\[1\]\.text: 'en' \(the English text\) is missing"


def unknown_key(site):
    replace(site.checklist(), "title:\n", "colour: red\ntitle:\n")
    return r"overrides/data/checklists/demo\.yml:2:1: the file: unknown key 'colour'; allowed keys here: id, items, purpose, title"


def wrong_type(site):
    replace(site.checklist(), "sv: Gör det första.", "sv: 42")
    return r"overrides/data/checklists/demo\.yml:8:\d+: items\[0\]\.text\.sv: expected string, found int 42"


def empty_item_list(site):
    text = site.checklist().read_text(encoding="utf-8")
    site.checklist().write_text(text.split("items:")[0] + "items: []\n", encoding="utf-8")
    return r"overrides/data/checklists/demo\.yml:5:\d+: items: the list is empty"


def duplicate_item_id(site):
    replace(site.checklist(), "- id: second", "- id: first")
    return r"overrides/data/checklists/demo\.yml:10:\d+: duplicate item id 'first' \(first used at line 6\)"


def duplicate_key(site):
    replace(site.checklist(), "id: demo\n", "id: demo\nid: demo\n")
    return r"overrides/data/checklists/demo\.yml:2:1: duplicate key 'id'"


def yes_is_not_a_boolean(site):
    replace(site.checklist(), "sv: Gör det första.", "sv: no")
    # 'no' stays the text "no": no error from it, the build still passes
    return None


def unknown_checklist_marker(site):
    replace(site.page("sv", "topic.md"), "md:checklist demo", "md:checklist nope")
    return r"docs/sv/topic\.md:17:1: unknown checklist 'nope'; add overrides/data/checklists/nope\.yml"


def unknown_marker(site):
    replace(site.page("en", "topic.md"), "md:checklist demo", "md:chekclist demo")
    return r"docs/en/topic\.md:17:1: unknown marker 'md:chekclist'"


def dialogue_with_unknown_key(site):
    replace(
        site.page("sv", "topic.md"),
        "Text.\n",
        "```dialogue\nwrong:\n  - you: Nej.\nright:\n  - you: Ja.\nwhy: För att.\nmood: glad\n```\n",
    )
    return r"docs/sv/topic\.md:\d+:\d+: dialogue: unknown key 'mood'"


def missing_abbreviations_file(site):
    (site.root / "overrides" / "snippets" / "abbreviations.en.md").unlink()
    return r"overrides/snippets/abbreviations\.en\.md: missing; create it with the en abbreviations"


def search_hook_missing(site):
    """Someone drops the search hook from mkdocs.yml: the site would build without search."""
    hooks = re.findall(r"^  - (overrides/hooks/\S+\.py)", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    assert "overrides/hooks/search.py" in hooks
    kept = "".join(f"  - {hook}\n" for hook in hooks if hook != "overrides/hooks/search.py")
    with site.config.open("a", encoding="utf-8") as config:
        config.write(f"hooks:\n{kept}")
    return r"site/pagefind/pagefind-entry\.json: no search index was built; list overrides/hooks/search\.py under hooks:"


def search_index_in_one_language(site):
    """A Pagefind setting that files every page under one language: English search would find nothing."""
    (site.root / "pagefind.yml").write_text("force_language: sv\n", encoding="utf-8")
    return r"site/pagefind/pagefind-entry\.json: the search index has no 'en' pages \(indexed: sv 4\)"


def pages_left_out_of_the_search_index(site):
    """Without data-pagefind-body on the article Pagefind indexes whole pages, 404 pages too."""
    replace(site.root / "overrides" / "main.html", "{% if page and page.file %} data-pagefind-body{% endif %}", "")
    return r"site/pagefind/pagefind-entry\.json: the 'sv' search index holds [3-9] pages, but 2 were built"  # 404 and whole guide too


BAD_INPUTS = [
    link_to_missing_page,
    link_to_missing_anchor,
    page_missing_in_one_language,
    non_ascii_slug,
    different_heading_ids,
    broken_front_matter,
    missing_description,
    yaml_syntax_error,
    missing_english_text,
    unknown_key,
    wrong_type,
    empty_item_list,
    duplicate_item_id,
    duplicate_key,
    unknown_checklist_marker,
    unknown_marker,
    dialogue_with_unknown_key,
    missing_abbreviations_file,
    search_hook_missing,
    search_index_in_one_language,
    pages_left_out_of_the_search_index,
]


def test_fixture_site_builds(fixture_site):
    result = fixture_site.build()
    assert result.returncode == 0, result.stderr
    assert re.search(r"2 pages in sv, 2 pages in en, 1 checklists, \d+ links checked, no problems", result.stdout)
    assert (fixture_site.site / "topic" / "index.html").is_file()
    assert (fixture_site.site / "en" / "topic" / "index.html").is_file()


def test_no_stays_text(fixture_site):
    yes_is_not_a_boolean(fixture_site)
    result = fixture_site.build()
    assert result.returncode == 0, result.stderr
    assert "<label" in (fixture_site.site / "topic" / "index.html").read_text()
    assert ">no</label>" in (fixture_site.site / "topic" / "index.html").read_text()


@pytest.mark.parametrize("break_it", BAD_INPUTS, ids=lambda f: f.__name__)
def test_bad_input_is_rejected_and_site_kept(fixture_site, break_it):
    fixture_site.assert_rejected(break_it)


def test_all_problems_are_reported_at_once(fixture_site):
    link_to_missing_page(fixture_site)
    unknown_key(fixture_site)
    page_missing_in_one_language(fixture_site)
    result = fixture_site.build()
    assert result.returncode == 1
    assert "broken link 'missing.md'" in result.stderr
    assert "unknown key 'colour'" in result.stderr
    assert "no en translation" in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith(f"Build failed with {len(lines) - 1} problems")
    assert all(re.match(r"\S+:\s", line) or re.match(r"\S+:\d+:\d+: ", line) for line in lines[:-1])
