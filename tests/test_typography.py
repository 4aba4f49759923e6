"""No-break spaces and apostrophes are the build's job (overrides/hooks/typography.py)."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT, replace
from test_spelling import article_text, page_language, site_pages

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from typography import NBSP, text_problems, typeset  # noqa: E402


@pytest.mark.parametrize(
    ("lang", "before", "after"),
    [
        ("sv", "<p>Det kostar 50 000 rubel.</p>", f"<p>Det kostar 50{NBSP}000{NBSP}rubel.</p>"),
        ("sv", "<p>1 000 000 tecken</p>", f"<p>1{NBSP}000{NBSP}000{NBSP}tecken</p>"),
        ("sv", "<p>var 15 minuter, 20–40 procent</p>", f"<p>var 15{NBSP}minuter, 20–40{NBSP}procent</p>"),
        ("en", "<p>5 days, 15,000 roubles, don't</p>", f"<p>5{NBSP}days, 15,000{NBSP}roubles, don’t</p>"),
        ("en", "<p>it doesn&#x27;t</p>", "<p>it doesn’t</p>"),
        ("sv", "<p>år 2024 fick 3 kunder</p>", "<p>år 2024 fick 3 kunder</p>"),
        ("sv", '<p>10 000 <a href="g">rubel</a></p>', f'<p>10{NBSP}000{NBSP}<a href="g">rubel</a></p>'),
        ("en", "<p>5 <em>days</em>, 5 <em>big</em> days</p>", f"<p>5{NBSP}<em>days</em>, 5 <em>big</em> days</p>"),
    ],
)
def test_text_gets_no_break_spaces(lang, before, after):
    assert typeset(f"<body>{before}</body>", lang) == f"<body>{after}</body>"


def test_code_scripts_attributes_and_the_head_are_left_alone():
    html = (
        '<head><title>5 dagar</title></head><body>'
        '<a href="/x?a=5 dagar" title="5 dagar">5 dagar</a>'
        "<code>50 000 rubel</code><pre><code>15 minuter</code></pre>"
        "<script>const s = '5 dagar'; if (a<b) {}</script><p>10 dagar</p></body>"
    )
    result = typeset(html, "sv")
    assert result.count(NBSP) == 2  # the link text and the paragraph
    assert '<a href="/x?a=5 dagar" title="5 dagar">5\u00a0dagar</a>' in result
    assert "<code>50 000 rubel</code>" in result and "<pre><code>15 minuter</code></pre>" in result
    assert "const s = '5 dagar'; if (a<b) {}</script><p>10\u00a0dagar</p>" in result
    assert "<title>5 dagar</title>" in result


def test_the_check_finds_breakable_spaces_in_plain_text():
    assert text_problems("Det kostar 50 000 rubel och tar 15 minuter.", "sv") != []
    assert text_problems(f"Det kostar 50{NBSP}000{NBSP}rubel och tar 15{NBSP}minuter.", "sv") == []
    assert text_problems("It takes 5 days.", "en") != []


def test_every_built_page_is_typeset(built_site):
    problems = []
    for path in site_pages(built_site):
        page = path.relative_to(built_site).as_posix()
        texts = article_text(path.read_text(encoding="utf-8"), page_language(built_site, path))
        for lang, text in texts.items():
            problems += [f"{page}: breakable space in '{found}'" for found in text_problems(text, lang)]
    assert not problems, "\n".join(problems)


def test_a_fixture_page_is_typeset_by_the_build(fixture_site):
    replace(site_page := fixture_site.page("sv", "topic.md"), "Text.\n", "Det tar 15 minuter och kostar 50 000 kronor: `15 minuter`.\n")
    result = fixture_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    html = (fixture_site.site / "topic" / "index.html").read_text(encoding="utf-8")
    assert f"15{NBSP}minuter och kostar 50{NBSP}000{NBSP}kronor" in html
    assert "<code>15 minuter</code>" in html
    assert site_page.read_text(encoding="utf-8").count(NBSP) == 0  # writers never type them
