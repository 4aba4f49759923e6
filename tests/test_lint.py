"""Linters over the project's own code: one test function per linter.

ESLint (pinned in package.json, configured in eslint.config.mjs) over the
site's JavaScript: `scripts/dev.py test` installs it with
`npm ci --omit=optional` (Lighthouse, the benchmark's, is optional). Without
it the check is skipped locally and fails in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ESLINT = ROOT / "node_modules" / "eslint" / "bin" / "eslint.js"
JAVASCRIPT = ["overrides/assets/javascripts", "overrides/offline"]


def missing(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def test_eslint_finds_nothing_in_the_javascript():
    node = shutil.which("node")
    if node is None or not ESLINT.is_file():
        missing("ESLint not installed: run `npm ci --omit=optional` (or `python3 scripts/dev.py test`)")
    result = subprocess.run(
        [node, str(ESLINT), "--max-warnings=0", "--no-warn-ignored", *JAVASCRIPT],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, f"ESLint (exit {result.returncode}):\n{result.stdout}{result.stderr}"
