"""Going live: hashed assets, host files that match the site, and the site served by Debian's nginx with them.

The nginx tests start nginx with the build's own site/nginx.conf (only its
listen, server_name and root lines made local, scripts/nginx_site.py) over the
real built site. Without nginx they are skipped locally and fail in CI.
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT, SITE_URL, replace, run_build

sys.path.insert(0, str(ROOT / "scripts"))
import nginx_site  # noqa: E402

RULES = yaml.safe_load((ROOT / "overrides" / "data" / "hosting.yml").read_text("utf-8"))
IMMUTABLE = "public, max-age=31536000, immutable"
HOST_DEFAULT = "public, max-age=0, must-revalidate"  # Netlify's and Cloudflare Pages' Cache-Control
HASHED_NAME = re.compile(r"[._][0-9a-f]{7,}[._]")  # main.57a0d79d.min.css, site.3f9a1c2b7d.css, en_148594e.pf_fragment
OURS = re.compile(r"\.(?P<hash>[0-9a-f]{10})\.")
WRITTEN = ("_headers", "_redirects", "nginx.conf")
HEADER_CSP = ("frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'")
LANGUAGE_404 = {"/": "404.html", "/en/": "en/404.html"}


def site_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name not in WRITTEN)


def url_of(relative: str) -> str:
    return "/" + relative.removesuffix("index.html")


def expected_cache(relative: str) -> str:
    return IMMUTABLE if HASHED_NAME.search(relative.rsplit("/", 1)[-1]) else RULES["cache"]["revalidate"]


# Fingerprints -------------------------------------------------------------------------


def test_every_asset_name_carries_its_content_hash(built_site):
    assets = [p for p in (built_site / "assets").rglob("*") if p.is_file()]
    assert len(assets) >= 10
    for path in assets:
        assert HASHED_NAME.search(path.name), f"{path.relative_to(built_site)} has no content hash in its name"
        ours = OURS.search(path.name)
        if ours:  # named by fingerprint.py: the hash is the content's
            assert hashlib.sha256(path.read_bytes()).hexdigest()[:10] == ours["hash"], path
    sources = [p for p in (ROOT / "overrides" / "assets").rglob("*") if p.is_file()]
    for source in sources:
        stem, _, suffix = source.name.partition(".")
        folder = built_site / source.parent.relative_to(ROOT / "overrides")
        assert list(folder.glob(f"{stem}.*.{suffix}")), f"{source.name} was not published under a hashed name"
        assert not (folder / source.name).exists(), f"{source.name} is still published under its plain name"
    assert not (built_site / "assets" / "javascripts" / "lunr").exists()  # Material's search plugin's, unused


def references(html: str) -> list[str]:
    return re.findall(r"""<(?:link|script|img|meta)\b[^>]*?\s(?:href|src|content)="([^"]*assets/[^"]*)\"""", html)


def test_every_page_points_at_hashed_files_that_exist(built_site):
    site_url = SITE_URL
    for page in built_site.rglob("*.html"):
        html = page.read_text("utf-8")
        found = references(html)
        image = re.search(r'property="og:image" content="([^"]+)"', html).group(1)
        assert (built_site / image.removeprefix(site_url)).is_file(), f"{page.relative_to(built_site)}: {image}"
        for url in found:
            path = url.removeprefix(site_url)
            target = (built_site / path.lstrip("/")) if url.startswith(("/", site_url)) else (page.parent / path)
            assert target.resolve().is_file(), f"{page.relative_to(built_site)}: {url} is missing"
            assert HASHED_NAME.search(path.rsplit("/", 1)[-1]), f"{page.relative_to(built_site)}: {url} is not hashed"


def without_urls(css: str) -> str:
    return re.sub(r"url\([^)]*\)", "url()", css).strip()


def test_each_page_has_one_stylesheet_of_ours_before_first_paint(built_site):
    bundles = set()
    for page in built_site.rglob("*.html"):
        links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text("utf-8"))
        ours = [link for link in links if not re.search(r"/(main|palette)\.[0-9a-f]{8}\.min\.css$", link)]
        assert len(ours) == 1 and "/bundle." in ours[0], f"{page.relative_to(built_site)}: {links}"
        bundles.add((page.parent / ours[0]).resolve() if not ours[0].startswith("/") else built_site / ours[0].lstrip("/"))
    texts = [without_urls(bundle.read_text("utf-8")) for bundle in bundles]
    for source in (ROOT / "overrides" / "assets" / "stylesheets").glob("*.css"):
        assert any(without_urls(source.read_text("utf-8")) in text for text in texts), f"{source.name} is in no bundle"


def test_a_new_script_stylesheet_and_image_of_any_name_are_hashed_and_followed(fixture_site):
    assets = fixture_site.root / "overrides" / "assets"
    (assets / "javascripts" / "zz-share.js").write_text('"use strict";\n', "utf-8")
    (assets / "images" / "zz-mark.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    (assets / "stylesheets" / "zz-share.css").write_text('.zz { background: url("../images/zz-mark.svg"); }\n', "utf-8")
    main = fixture_site.root / "overrides" / "main.html"
    replace(main, "{% block scripts %}\n  {{ super() }}", "{% block scripts %}\n  {{ super() }}\n  <script src=\"{{ 'assets/javascripts/zz-share.js' | url }}\"></script>")
    replace(main, "{% block styles %}\n  {{ super() }}", "{% block styles %}\n  {{ super() }}\n  <link rel=\"stylesheet\" href=\"{{ 'assets/stylesheets/zz-share.css' | url }}\">")
    result = fixture_site.build()
    assert result.returncode == 0, result.stderr
    site = fixture_site.site
    script = next((site / "assets" / "javascripts").glob("zz-share.*.js"))
    image = next((site / "assets" / "images").glob("zz-mark.*.svg"))
    html = (site / "en" / "topic" / "index.html").read_text("utf-8")
    assert f'src="../../assets/javascripts/{script.name}"' in html
    bundle = re.search(r'<link rel="stylesheet" href="\.\./\.\./(assets/stylesheets/bundle\.[0-9a-f]{10}\.css)">', html).group(1)
    assert f'url("../images/{image.name}")' in (site / bundle).read_text("utf-8")
    assert not (site / "assets" / "javascripts" / "zz-share.js").exists()


# Host files ---------------------------------------------------------------------------


def parse_headers(text: str) -> list[tuple[str, dict[str, str]]]:
    rules = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        else:
            name, _, value = line.strip().partition(":")
            assert name not in rules[-1][1], f"{name} twice under {rules[-1][0]}"
            rules[-1][1][name] = value.strip()
    return rules


def matches(pattern: str, url: str) -> bool:
    return re.fullmatch(".*".join(re.escape(part) for part in pattern.split("*")), url) is not None


def test_generated_headers_match_the_site_file_for_file(built_site):
    rules = parse_headers((built_site / "_headers").read_text("utf-8"))
    files = site_files(built_site)
    for pattern, _ in rules:
        assert any(matches(pattern, "/" + f) for f in files), f"_headers: {pattern} matches no file"
    for relative in files:
        for url in {"/" + relative, url_of(relative)}:
            sent: dict[str, str] = {}
            for pattern, headers in rules:
                if matches(pattern, url):
                    for name, value in headers.items():
                        assert name not in sent, f"{url}: {name} from two rules"
                        sent[name] = value
            assert sent.get("Cache-Control", HOST_DEFAULT) == (IMMUTABLE if expected_cache(relative) == IMMUTABLE else HOST_DEFAULT), url
            for name, value in RULES["headers"].items():
                assert sent.get(name) == value, f"{url}: {name}"
            assert all(directive in sent["Content-Security-Policy"] for directive in HEADER_CSP), url


def test_redirects_give_each_language_its_404_page(built_site):
    lines = [line.split() for line in (built_site / "_redirects").read_text("utf-8").splitlines() if line and not line.startswith("#")]
    assert lines == [["/en/*", "/en/404.html", "404"], ["/*", "/404.html", "404"]]  # first match wins: /en/ first
    for _, page, _ in lines:
        assert (built_site / page.lstrip("/")).is_file()


def add_cache_path(fixture_site, path: str) -> None:
    replace(fixture_site.root / "overrides" / "data" / "hosting.yml", "      - /pagefind/index/*\n", f"      - /pagefind/index/*\n      - {path}\n")


def rules_line(fixture_site, text: str) -> int:
    lines = (fixture_site.root / "overrides" / "data" / "hosting.yml").read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_a_rule_that_matches_no_file_fails_the_build(fixture_site):
    add_cache_path(fixture_site, "/downloads/*")
    result = fixture_site.build()
    assert result.returncode == 1
    line = rules_line(fixture_site, "/downloads/*")
    assert f"overrides/data/hosting.yml:{line}:9: the path '/downloads/*' matches no file of the built site" in result.stderr
    assert not fixture_site.site.exists()  # no half-built site


@pytest.mark.parametrize(("path", "message"), [
    ("/pagefind/*.js", "'/pagefind/*.js' would keep /pagefind/pagefind.js for a year, but its name has no content hash"),
    ("/assets/stylesheets/*", "'/assets/stylesheets/*' and '/assets/*' both match /assets/stylesheets/"),
], ids=["unhashed-file-kept-a-year", "two-rules-for-one-file"])
def test_a_bad_cache_path_fails_the_build(fixture_site, path, message):
    add_cache_path(fixture_site, path)
    result = fixture_site.build()
    assert result.returncode == 1
    assert message in result.stderr


def test_a_broken_rules_file_fails_the_build_at_its_line(fixture_site):
    replace(fixture_site.root / "overrides" / "data" / "hosting.yml", "not_found: 404.html", "not_found: [404.html]")
    result = fixture_site.build()
    assert result.returncode == 1
    line = rules_line(fixture_site, "not_found:")
    assert f"overrides/data/hosting.yml:{line}:1: 'not_found' must hold the 404 page's file name" in result.stderr


# The GitHub Pages workflow ---------------------------------------------------------------

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert found, "actionlint is missing: pip install -r requirements-test.txt"
    return found


def test_the_workflow_passes_actionlint():
    result = subprocess.run([actionlint(), "-no-color", str(WORKFLOW)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    text = WORKFLOW.read_text("utf-8")
    assert "python scripts/build.py" in text and "actions/deploy-pages@" in text and "path: site" in text
    assert "one 404 page" in text and "no headers" in text  # the host's limits, next to it


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "publish.yml"
    broken.write_text(WORKFLOW.read_text("utf-8").replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest", 1), "utf-8")
    result = subprocess.run([actionlint(), "-no-color", str(broken)], capture_output=True, text=True)
    assert result.returncode != 0 and "runs_on" in result.stdout


# Served by nginx ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nginx(built_site):
    if nginx_site.nginx_binary() is None:
        message = "nginx not found; install Debian's 'nginx' package"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with nginx_site.running(built_site) as (origin, work):
        yield origin, work


def fetch(origin: str, path: str, method: str = "GET", gzip_ok: bool = False):
    parts = urlsplit(origin)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request(method, path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.headers, body


@pytest.mark.parametrize("path", ["/no-such-page/", "/en/no-such-page/", "/en/principles/gone.png", "/assets/gone.css", "/principles/x/y", "/assets/"])
def test_a_missing_address_answers_404_with_the_page_of_its_language(nginx, built_site, path):
    origin, _ = nginx
    status, headers, body = fetch(origin, path)
    page = LANGUAGE_404["/en/" if path.startswith("/en/") else "/"]
    assert status == 404
    assert body == (built_site / page).read_bytes()
    assert headers["Cache-Control"] == RULES["cache"]["revalidate"]  # a missing file is never kept
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_every_file_is_served_with_its_headers(nginx, built_site):
    origin, _ = nginx
    files = site_files(built_site)
    assert len(files) > 100
    for relative in files:
        for url in {"/" + relative, url_of(relative)}:
            status, headers, _ = fetch(origin, url, "HEAD")
            assert status == 200, url
            assert headers["Cache-Control"] == expected_cache(relative), url
            for name, value in RULES["headers"].items():
                assert headers[name] == value, f"{url}: {name}"
            assert all(directive in headers["Content-Security-Policy"] for directive in HEADER_CSP), url


def test_hashed_files_are_immutable_and_pages_are_not(nginx, built_site):
    origin, _ = nginx
    css = next((built_site / "assets" / "stylesheets").glob("bundle.*.css")).relative_to(built_site).as_posix()
    fragment = next((built_site / "pagefind" / "fragment").iterdir()).relative_to(built_site).as_posix()
    for path in ("/" + css, "/" + fragment, "/assets/javascripts/" + next((built_site / "assets" / "javascripts").glob("search.*.js")).name):
        assert fetch(origin, path, "HEAD")[1]["Cache-Control"] == IMMUTABLE, path
    for path in ("/", "/en/", "/principles/", "/pagefind/pagefind.js", "/pagefind/pagefind-entry.json", "/checklists.json", "/sitemap.xml",
                 "/sw.js", "/manifest.webmanifest", "/en/manifest.webmanifest"):
        cache = fetch(origin, path, "HEAD")[1]["Cache-Control"]
        assert "immutable" not in cache and "max-age=0" in cache, path


@pytest.mark.parametrize("kind", ["html", "css", "js", "json", "md"])
def test_text_is_sent_compressed(nginx, built_site, kind):
    origin, _ = nginx
    relative = {
        "html": "en/principles/index.html",
        "css": next((built_site / "assets" / "stylesheets").glob("bundle.*.css")).relative_to(built_site).as_posix(),
        "js": next((built_site / "assets" / "javascripts").glob("search.*.js")).relative_to(built_site).as_posix(),
        "json": "checklists.json",
        "md": next((built_site / "en" / "checklists").glob("*.md")).relative_to(built_site).as_posix(),
    }[kind]
    status, headers, body = fetch(origin, "/" + relative, gzip_ok=True)
    assert status == 200 and headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in headers["Vary"]
    assert gzip.decompress(body) == (built_site / relative).read_bytes()
    assert len(body) < (built_site / relative).stat().st_size
    if kind in ("html", "css", "md"):
        assert "charset=utf-8" in headers["Content-Type"]


def test_the_host_files_are_not_served_and_folders_get_their_slash(nginx):
    origin, _ = nginx
    for name in WRITTEN:
        assert fetch(origin, "/" + name)[0] == 404
    status, headers, _ = fetch(origin, "/en/principles")
    assert status == 301 and headers["Location"] == "/en/principles/"


# In Chromium, through nginx ---------------------------------------------------------------

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
}, true);
"""


def test_every_page_loads_through_nginx_with_both_policies(browser, nginx, built_site):
    origin, _ = nginx
    context = browser.new_context()
    context.add_init_script(LISTEN)
    context.route("**/*", lambda route, request: route.continue_() if request.url.startswith(origin) else route.abort())
    page = context.new_page()
    problems, policies = [], set()
    page.on("console", lambda message: message.type == "error" and problems.append(f"{page.url}: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    page.on("response", lambda response: response.status >= 400 and problems.append(f"{page.url}: {response.status} {response.url}"))
    pages = [url_of(p) for p in site_files(built_site) if p.endswith(".html")]
    assert len(pages) >= 48
    for path in pages:
        response = page.goto(origin + path)
        assert response.status == 200, path  # the 404 pages too, by their own name
        policies.add(response.headers["content-security-policy"])
        assert page.evaluate("document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]') !== null"), path
        problems += [f"{path}: {v}" for v in page.evaluate("window.__violations")]
    for home, word in (("/", "förhandlingar"), ("/en/", "negotiating")):  # Pagefind's WebAssembly under both policies
        page.goto(origin + home)
        page.keyboard.press("/")
        page.keyboard.type(word)
        page.locator("dialog[open] a[href]").first.wait_for()
        problems += [f"{home} search: {v}" for v in page.evaluate("window.__violations")]
    context.close()
    assert problems == []
    (policy,) = policies
    assert all(directive in policy for directive in HEADER_CSP)


def test_no_site_may_frame_a_page(browser, nginx):
    origin, _ = nginx
    page = browser.new_page()
    refused = []
    page.on("console", lambda message: "frame-ancestors" in message.text and refused.append(message.text))
    page.set_content(f'<iframe src="{origin}/en/principles/"></iframe>')
    page.wait_for_timeout(500)
    framed = page.frames[1].evaluate("document.title") if len(page.frames) > 1 else ""
    page.close()
    assert refused and "Negotiating" not in framed


def requests_in(log: Path) -> list[str]:
    return [line.split('"')[1] for line in log.read_text("utf-8").splitlines() if '"' in line]


def test_a_repeat_view_transfers_only_the_html(browser, nginx):
    origin, work = nginx
    log = work / "access.log"
    context = browser.new_context()
    page = context.new_page()
    for path in ("/", "/en/principles/", "/brief/", "/en/checklists/", "/en/404.html"):
        page.goto(origin + path)
        page.wait_for_load_state("networkidle")
        page.goto("about:blank")
        log.write_text("")  # nginx appends: what follows is the repeat view
        page.goto(origin + path)
        page.wait_for_load_state("networkidle")
        assert [request.split()[1] for request in requests_in(log)] == [path], path
    context.close()


def test_a_site_url_with_a_path_builds_with_its_alternates_under_that_path(tmp_path, monkeypatch):
    """A GitHub Pages project site lives at https://USER.github.io/REPO/: the build must pass
    (every link and anchor checked) and the hreflang alternates keep the path once."""
    monkeypatch.setenv("SITE_URL", "https://example.org/guide/")
    result = run_build(ROOT / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "en" / "prepayment" / "index.html").read_text(encoding="utf-8")
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', page))
    assert alternates == {
        "sv": "https://example.org/guide/prepayment/",
        "x-default": "https://example.org/guide/prepayment/",
        "en": "https://example.org/guide/en/prepayment/",
    }
