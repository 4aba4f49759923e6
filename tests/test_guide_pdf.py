"""The whole guide per language (hooks/guide_book.py) and its PDFs (scripts/guide_pdf.py).

The PDFs are checked against the navigation in mkdocs.yml: every topic is a
bookmark in order and its text is on a page, no page is empty or holds only
a heading, every internal link lands on a page of the same file.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD, CHROMIUM, PREFIX, ROOT, replace

DOCUMENTS = {"guide": "guide.html", "clients": "clients/guide.html"}


def need(tool: str) -> None:
    if not (Path(tool).exists() if tool.startswith("/") else shutil.which(tool)):
        message = f"{tool} is not installed (dev.py test installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def nav_paths() -> dict[str, list[str]]:
    """The navigation's pages per document: the section holding clients/index.md is the client pack."""
    from mkdocs.config import load_config

    documents = {"guide": [], "clients": []}
    for item in load_config(str(ROOT / "mkdocs.yml"))["nav"]:
        pages = list(item.values())[0] if isinstance(item, dict) else [item]
        pages = [page if isinstance(page, str) else list(page.values())[0] for page in pages]
        # left out: the all-checklists page (it repeats the topics) and the share-link form (screen only)
        pages = [p for p in pages if not re.search(r"md:(checklists-all|share-link)", (ROOT / "docs" / "sv" / p).read_text("utf-8"))]
        documents["clients" if "clients/index.md" in pages else "guide"] += pages
    return documents


def built_page(site: Path, lang: str, path: str) -> Path:
    stem = path.removesuffix(".md")
    stem = stem.removesuffix("index").rstrip("/") if stem.endswith("index") else stem
    return site / PREFIX[lang] / stem / "index.html" if stem else site / PREFIX[lang] / "index.html"


def page_title(page: Path) -> str:
    h1 = re.search(r"<h1\b[^>]*>(.*?)</h1>", page.read_text("utf-8"), re.S)[1]
    h1 = re.sub(r'<a class="headerlink".*?</a>', "", h1, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", "", h1).split()).replace("&amp;", "&")


def outline(reader) -> list[tuple[int, str]]:
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, " ".join(item.title.split())))

    walk(reader.outline, 0)
    return found


def pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory) -> Path:
    need(CHROMIUM)
    need("pdftotext")
    site = tmp_path_factory.mktemp("pdf") / "site"
    result = subprocess.run([sys.executable, str(BUILD), "--pdf", "--site-dir", str(site)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return site


CASES = [(lang, name) for lang in PREFIX for name in DOCUMENTS]


@pytest.mark.parametrize("lang,name", CASES)
def test_every_topic_is_a_bookmark_in_navigation_order_with_its_text(pdf_site, lang, name):
    from pypdf import PdfReader

    pdf = (pdf_site / PREFIX[lang] / DOCUMENTS[name]).with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d* x 841\.\d* pts \(A4\)", info), info
    topics = [title for depth, title in outline(PdfReader(pdf)) if depth == 1]
    expected = [page_title(built_page(pdf_site, lang, path)) for path in nav_paths()[name]]
    assert [title for title in topics if title in expected] == expected
    text = " ".join(" ".join(pages_text(pdf)).split())
    for title in expected:
        assert title in text, f"{title!r} is not in the text of {pdf.name}"


@pytest.mark.parametrize("lang,name", CASES)
def test_no_empty_page_and_no_page_with_only_a_heading(pdf_site, lang, name):
    from pypdf import PdfReader

    pdf = (pdf_site / PREFIX[lang] / DOCUMENTS[name]).with_suffix(".pdf")
    headings = {title for _, title in outline(PdfReader(pdf))}
    for number, text in enumerate(pages_text(pdf), 1):
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        lines = [line for line in lines if line != str(number)]  # the page number
        assert lines, f"{pdf.name}: page {number} is empty"
        assert " ".join(lines) not in headings, f"{pdf.name}: page {number} holds only the heading {lines}"


@pytest.mark.parametrize("lang,name", CASES)
def test_internal_links_land_on_a_page(pdf_site, lang, name):
    from pypdf import PdfReader

    pdf = (pdf_site / PREFIX[lang] / DOCUMENTS[name]).with_suffix(".pdf")
    reader = PdfReader(pdf)
    destinations = reader.named_destinations
    internal = 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            target = link.get("/Dest") or (link.get("/A") or {}).get("/D")
            if target is None:
                assert "/URI" in (link.get("/A") or {}), f"{pdf.name}: a link with no target"
                continue
            internal += 1
            name_ = str(target) if not isinstance(target, list) else None
            if name_ is not None:
                assert name_ in destinations, f"{pdf.name}: link to the missing destination {name_}"
                assert reader.get_destination_page_number(destinations[name_]) >= 0
    topics = len(nav_paths()[name])
    assert internal >= topics, f"{pdf.name}: {internal} internal links; the contents alone has {topics}"


def test_pdfs_are_linked_only_when_built(pdf_site, built_site):
    for prefix in PREFIX.values():
        for path in DOCUMENTS.values():
            with_pdf = (pdf_site / prefix / path).read_text("utf-8")
            assert re.search(r'<a class="book-download" href="guide\.pdf" download="[a-z-]+\.pdf"', with_pdf)
            without = built_site / prefix / path
            assert "book-download" not in without.read_text("utf-8")
            assert not without.with_suffix(".pdf").exists()


@pytest.mark.parametrize("lang", PREFIX)
def test_whole_guide_page_has_unique_ids_and_in_document_links(built_site, lang):
    html = (built_site / PREFIX[lang] / DOCUMENTS["guide"]).read_text("utf-8")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "ids repeat in the whole guide"
    anchors = re.findall(r'\shref="#([^"]+)"', html)
    assert anchors and set(anchors) <= set(ids)
    # the link from the principles page to prepayment is an anchor, not an address
    assert 'href="#prepayment' in html or 'href="#principles--' in html
    assert f'lang="{lang}"' in html.split(">", 2)[1]


def test_links_between_topics_become_anchors_in_a_fixture(fixture_site):
    """Links between topics point inside the document; its ids are prefixed by topic."""
    result = fixture_site.build()
    assert result.returncode == 0, result.stderr
    html = (fixture_site.site / "guide.html").read_text("utf-8")
    assert 'href="#topic--first"' in html and 'id="topic--first"' in html
    assert not (fixture_site.site / "clients" / "guide.html").exists()  # no client section in its nav


def test_missing_chromium_fails_the_build_and_keeps_the_site(fixture_site):
    shutil.copytree(ROOT / "scripts", fixture_site.root / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    assert fixture_site.build().returncode == 0
    before = (fixture_site.site / "index.html").read_text("utf-8")
    replace(fixture_site.page("sv", "index.md"), "# Hem", "# Hem igen")
    result = subprocess.run(
        [sys.executable, str(fixture_site.root / "scripts" / "build.py"), "--pdf"],
        capture_output=True, text=True, cwd=fixture_site.root,
        env={**os.environ, "CHROMIUM": str(fixture_site.root / "no-chromium")},
    )
    assert result.returncode == 1
    assert "Chromium not found" in result.stderr and "guide_pdf" in result.stderr
    assert (fixture_site.site / "index.html").read_text("utf-8") == before
