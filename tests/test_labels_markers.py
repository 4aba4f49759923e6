"""Interface labels (overrides/data/labels.yml) and markers (<!-- md:NAME -->): bad input is
rejected at its file:line with what to do, and labels reach the page escaped."""

from __future__ import annotations

import json
import re

import pytest

from conftest import replace

LABELS = "overrides/data/labels.yml"


def line_of(path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def label_without_english(site):
    path = site.root / LABELS
    line = line_of(path, "sv: Bocka ur alla")
    replace(path, "    en: Untick all\n", "")
    return rf"overrides/data/labels\.yml:{line - 1}:\d+: checklists\.reset: 'en' \(the English text\) is missing; add it"


def label_in_an_unknown_language(site):
    path = site.root / LABELS
    line = line_of(path, "en: Untick all")
    replace(path, "    en: Untick all\n", "    en: Untick all\n    de: Alle abwählen\n")
    return rf"overrides/data/labels\.yml:{line + 1}:\d+: checklists\.reset: unknown key 'de'; allowed keys here: en, sv"


def label_the_code_needs_is_gone(site):
    replace(site.root / LABELS, "  reset:\n    sv: Bocka ur alla\n    en: Untick all\n", "")
    return r"overrides/data/labels\.yml: no label 'reset' in group 'checklists'; add it with a text for every language \(sv, en\)"


def labels_yaml_broken(site):
    replace(site.root / LABELS, "sv: Bocka ur alla", "sv: [Bocka ur alla")
    return r"overrides/data/labels\.yml:\d+:\d+: YAML syntax error"


def labels_file_missing(site):
    (site.root / LABELS).unlink()
    return r"overrides/data/labels\.yml: the file is missing"


def marker_with_a_missing_argument(site):
    replace(site.page("sv", "topic.md"), "<!-- md:checklist demo -->", "<!-- md:checklist -->")
    return r"docs/sv/topic\.md:17:1: write the marker as <!-- md:checklist ID --> with exactly one id"


def marker_with_an_extra_argument(site):
    replace(site.page("en", "topic.md"), "Text.", "<!-- md:checklists-all demo -->")
    return r"docs/en/topic\.md:15:1: write the marker as <!-- md:checklists-all --> with nothing after 'checklists-all'"


def once_only_marker_twice(site):
    replace(site.page("en", "topic.md"), "Text.", "<!-- md:practice -->\n\n<!-- md:practice -->")
    return r"docs/en/topic\.md:17:1: the practice page can appear only once on a page; remove this marker"


def marker_not_closed(site):
    replace(site.page("sv", "topic.md"), "<!-- md:checklist demo -->", "<!-- md:checklist demo")
    return r"docs/sv/topic\.md:17:1: the marker '<!-- md:checklist' is not closed on its line; end it with -->"


def unknown_marker_lists_every_known_one(site):
    replace(site.page("sv", "topic.md"), "<!-- md:checklist demo -->", "<!-- md:checklista demo -->")
    return (
        r"docs/sv/topic\.md:17:1: unknown marker 'md:checklista'; the known markers are <!-- md:brief -->, "
        r"<!-- md:checklist ID -->, <!-- md:checklists-all -->, <!-- md:practice -->, <!-- md:share-link -->"
    )


BAD_INPUTS = [
    label_without_english,
    label_in_an_unknown_language,
    label_the_code_needs_is_gone,
    labels_yaml_broken,
    labels_file_missing,
    marker_with_a_missing_argument,
    marker_with_an_extra_argument,
    once_only_marker_twice,
    marker_not_closed,
    unknown_marker_lists_every_known_one,
]


@pytest.mark.parametrize("break_it", BAD_INPUTS, ids=lambda f: f.__name__)
def test_bad_labels_and_markers_are_rejected(fixture_site, break_it):
    fixture_site.assert_rejected(break_it)


def test_labels_are_escaped_where_they_enter_html(fixture_site):
    replace(fixture_site.root / LABELS, "en: Untick all", "en: Untick <all> & \"more\"")
    result = fixture_site.build()
    assert result.returncode == 0, result.stderr
    html = (fixture_site.site / "en" / "topic" / "index.html").read_text("utf-8")
    assert "Untick &lt;all&gt; &amp; &#34;more&#34;" in html or "Untick &lt;all&gt; &amp; &quot;more&quot;" in html
    assert "Untick <all>" not in html


def test_scripts_get_their_labels_as_json_in_the_page_language(fixture_site):
    result = fixture_site.build()
    assert result.returncode == 0, result.stderr
    for prefix, text in (("", "Kopiera länk till avsnittet"), ("en/", "Copy link to this section")):
        html = (fixture_site.site / prefix / "topic" / "index.html").read_text("utf-8")
        found = re.search(r'<script type="application/json" id="site-labels">(.*?)</script>', html)
        assert found, "no labels for the scripts"
        assert json.loads(found.group(1))["copy_link"]["copy"] == text
