"""Linters over the project's own code: one test function per linter.

ruff (pinned in requirements-test.txt, configured in ruff.toml: pyflakes,
syntax errors, bugbear) over every Python file. ESLint (pinned in package.json, configured in eslint.config.mjs) over the
site's JavaScript: `scripts/dev.py test` installs it with
`npm ci --omit=optional` (Lighthouse, the benchmark's, is optional). Without
it the check is skipped locally and fails in CI.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ESLINT = ROOT / "node_modules" / "eslint" / "bin" / "eslint.js"
JAVASCRIPT = ["overrides/assets/javascripts", "overrides/offline"]


PYTHON = ["overrides", "scripts", "tests"]
SHORT_FUNCTIONS = ["overrides/hooks", "scripts"]  # no function over MAX_LINES lines
MAX_LINES = 60


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


def test_ruff_finds_nothing_in_the_python():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        missing("ruff not installed: run `pip install -r requirements-test.txt` (or `python3 scripts/dev.py test`)")
    result = subprocess.run([ruff, "check", "--no-cache", *PYTHON], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"ruff (exit {result.returncode}):\n{result.stdout}{result.stderr}"


def long_functions(folder: Path, base: Path = ROOT) -> list[str]:
    found = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_LINES:
                    found.append(f"{path.relative_to(base)}:{node.lineno}: {node.name}() has {lines} lines; split it")
    return found


def test_no_function_in_the_hooks_or_scripts_is_over_60_lines():
    found = [problem for folder in SHORT_FUNCTIONS for problem in long_functions(ROOT / folder)]
    assert found == [], "\n".join(found)


def test_the_length_check_sees_a_long_function(tmp_path):
    body = "\n".join(f"    x{number} = {number}" for number in range(MAX_LINES))
    (tmp_path / "long.py").write_text(f"def long():\n{body}\n", encoding="utf-8")
    (tmp_path / "short.py").write_text("def short():\n    return 1\n", encoding="utf-8")
    assert long_functions(tmp_path, tmp_path) == [f"long.py:1: long() has {MAX_LINES + 1} lines; split it"]
