"""Set up and run the project on a fresh Debian machine with Python 3.

    python3 scripts/dev.py serve [--port 8000]   # install, serve on http://127.0.0.1:PORT, rebuild on changes
    python3 scripts/dev.py test                  # install (Chromium, poppler-utils, ESLint too), run the whole test suite

Uses only the standard library until the virtual environment exists.
`serve` builds once and rebuilds when docs/, mkdocs.yml or overrides/ (data,
templates, CSS, JavaScript, hooks) change; other arguments after it go to
`mkdocs serve`. Extra arguments after `test` go to pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
CHROMIUM = "/usr/bin/chromium"
# Debian packages per task: Chromium and a font for it (browser and print tests;
# without recommends no font is guaranteed), pdftotext (print tests), Hunspell
# with its Swedish and British dictionaries (spell check), nginx (the site served
# with its generated nginx.conf). The build itself draws the client pages'
# preview images in DejaVu Sans (hooks/clients.py).
APT_PACKAGES = {
    "serve": ["fonts-dejavu-core"],
    "test": ["chromium", "fonts-dejavu-core", "poppler-utils", "hunspell", "hunspell-sv", "hunspell-en-gb", "nginx"],
}
# The test task also installs the npm packages package.json pins as
# devDependencies (ESLint, for tests/test_lint.py) from the npm registry, with
# Node.js and npm from Debian when the machine has no npm. Lighthouse (the
# benchmark's) is an optional dependency and left out.
NODE_PACKAGES = ["nodejs", "npm"]


def run(*command: str, **kwargs) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, **kwargs)


def apt_install(packages: list[str]) -> None:
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(*sudo, "apt-get", "update", "-qq", env=env)
    run(*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages, env=env)


def installed(package: str) -> bool:
    if package == "chromium" and Path(CHROMIUM).exists():
        return True
    try:
        status = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
        ).stdout
    except FileNotFoundError:  # not Debian: apt-get is no help either
        return True
    return status.strip() == "install ok installed"


def npm_packages_current() -> bool:
    """Every devDependency of package.json is in node_modules at its pinned version."""
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    for name, version in pinned.items():
        manifest = ROOT / "node_modules" / name / "package.json"
        if not manifest.is_file() or json.loads(manifest.read_text(encoding="utf-8")).get("version") != version:
            return False
    return True


def setup(task: str) -> None:
    missing = [p for p in APT_PACKAGES[task] if not installed(p)]
    if task == "test" and shutil.which("npm") is None:
        missing += NODE_PACKAGES
    if not PYTHON.exists():
        try:
            venv.create(VENV, with_pip=True)
        except (subprocess.CalledProcessError, OSError):
            shutil.rmtree(VENV, ignore_errors=True)
            missing.append("python3-venv")  # Debian ships ensurepip separately
    if missing:
        apt_install(missing)
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    requirements = "requirements-test.txt" if task == "test" else "requirements.txt"
    run(str(PYTHON), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", str(ROOT / requirements))
    if task == "test" and not npm_packages_current():
        run("npm", "ci", "--omit=optional", "--no-audit", "--no-fund", cwd=ROOT)


def serve_command(argv: list[str]) -> list[str]:
    """`mkdocs serve` on the chosen port, watching overrides/ as well as docs/ and mkdocs.yml.

    It builds once by itself (with every hook: data checks, search, CSP);
    `scripts/build.py` adds the link check and is what CI and deployment run.
    """
    parser = argparse.ArgumentParser(prog="dev.py serve", description="Serve the site and rebuild it on changes.")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    args, rest = parser.parse_known_args(argv)
    return [
        str(PYTHON), "-m", "mkdocs", "serve",
        "--dev-addr", f"127.0.0.1:{args.port}",
        "--watch", str(ROOT / "overrides"),
        *rest,
    ]


def port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in APT_PACKAGES:
        print(__doc__, file=sys.stderr)
        return 2
    task, rest = argv[0], argv[1:]
    if task == "serve":
        command = serve_command(rest)
        port = int(command[command.index("--dev-addr") + 1].rsplit(":", 1)[1])
        if not port_free(port):
            print(f"Port {port} is in use; choose another: python3 scripts/dev.py serve --port {port + 1}", file=sys.stderr)
            return 1
    setup(task)
    os.chdir(ROOT)
    if task == "serve":
        os.execv(command[0], command)
    os.execv(str(PYTHON), [str(PYTHON), "-m", "pytest", *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
