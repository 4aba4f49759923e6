"""scripts/dev.py serve: builds once, rebuilds when overrides/ changes too, serves on the port asked for."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("dev", ROOT / "scripts" / "dev.py")
dev = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dev)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_command_takes_a_port_and_watches_overrides():
    default = dev.serve_command([])
    assert default[default.index("--dev-addr") + 1] == "127.0.0.1:8000"
    command = dev.serve_command(["--port", "8123", "--dirty"])
    assert command[command.index("--dev-addr") + 1] == "127.0.0.1:8123"
    assert command[command.index("--watch") + 1] == str(ROOT / "overrides")
    assert command[-1] == "--dirty"  # anything else goes to mkdocs serve
    assert "build.py" not in " ".join(command)  # mkdocs serve builds once by itself


def test_serve_refuses_a_busy_port_at_once(capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert dev.main(["serve", "--port", str(port)]) == 1
    assert f"Port {port} is in use" in capsys.readouterr().err


def fetch(url: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def wait_for(url: str, text: str, timeout: float = 90, read=fetch) -> None:
    deadline = time.monotonic() + timeout
    while text not in read(url):
        assert time.monotonic() < deadline, f"{text!r} never appeared at {url}"
        time.sleep(0.5)


def stylesheets_of(url: str) -> str:
    """The stylesheets a page links to, as served (our own files have content-hashed names)."""
    hrefs = re.findall(r'<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"', fetch(url))
    return "".join(fetch(urllib.parse.urljoin(url, href)) for href in hrefs)


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """The project's sources in a temporary folder, sharing the virtual environment."""
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "requirements.txt", "requirements-test.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))  # only run from, never installed into (setup() is skipped)
    return tmp_path


def test_serve_builds_once_and_rebuilds_when_overrides_change(project_copy):
    port = free_port()
    log = project_copy / "serve.log"
    with log.open("w") as output:
        # dev.py's own main(), minus setup(): the copy shares this environment, which must not be touched.
        run = "import sys; sys.path.insert(0, 'scripts'); import dev; dev.setup = lambda task: None; sys.exit(dev.main(sys.argv[1:]))"
        process = subprocess.Popen(
            [sys.executable, "-c", run, "serve", "--port", str(port)],
            cwd=project_copy, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        base = f"http://127.0.0.1:{port}"
        assert "Förhandla på distans" in fetch(base + "/")
        assert log.read_text().count("Documentation built") == 1, log.read_text()

        # A stylesheet and a checklist's data, both under overrides/.
        css = project_copy / "overrides" / "assets" / "stylesheets" / "site.css"
        css.write_text(css.read_text(encoding="utf-8") + "\n/* changed-while-serving */\n", encoding="utf-8")
        wait_for(base + "/", "changed-while-serving", read=stylesheets_of)
        data = project_copy / "overrides" / "data" / "checklists" / "revisions.yml"
        text = data.read_text(encoding="utf-8")
        title = text.split("sv: ", 1)[1].split("\n", 1)[0]
        data.write_text(text.replace(f"sv: {title}", "sv: Ändrad rubrik medan sidan visas", 1), encoding="utf-8")
        wait_for(base + "/revisions/", "Ändrad rubrik medan sidan visas")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
