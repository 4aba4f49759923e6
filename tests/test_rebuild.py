"""Building twice in one process, as `mkdocs serve` does, gives what a fresh build gives.

MkDocs loads each hook module once per process; a hook that kept state in a
module global would carry the first build into the second. Here a fixture
site is built in one Python process, changed (a checklist, a label, a page),
built again, and compared file by file with a fresh process's build of the
changed site.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

BUILD_TWICE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file, first, second, change = sys.argv[1:5]
    build(load_config(config_file, site_dir=first))
    exec(Path(change).read_text())  # the edit a writer makes while `mkdocs serve` runs
    build(load_config(config_file, site_dir=second))
    """
)

CHANGE = textwrap.dedent(
    """
    from pathlib import Path
    root = Path(config_file).parent
    def edit(path, old, new):
        text = (root / path).read_text(encoding="utf-8")
        assert old in text, (path, old)
        (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    edit("overrides/data/checklists/demo.yml", "Gör det andra.", "Gör det andra, noga.")
    edit("overrides/data/checklists/demo.yml", "  - id: second\\n", "  - id: third\\n    text:\\n      sv: Tre.\\n      en: Three.\\n  - id: second\\n")
    edit("overrides/data/labels.yml", "sv: Bocka ur alla", "sv: Bocka ur allihop")
    edit("docs/en/topic.md", "Text.", "Changed text.")
    edit("docs/sv/index.md", "# Hem", "# Startsida")
    """
)


def files_of(site) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_a_second_build_in_one_process_equals_a_fresh_build(fixture_site, tmp_path):
    script, change = tmp_path / "build_twice.py", tmp_path / "change.py"
    script.write_text(BUILD_TWICE, encoding="utf-8")
    change.write_text(CHANGE, encoding="utf-8")
    first, second, fresh = tmp_path / "first", tmp_path / "second", tmp_path / "fresh"
    run = subprocess.run(
        [sys.executable, str(script), str(fixture_site.config), str(first), str(second), str(change)],
        capture_output=True, text=True, cwd=fixture_site.root,
    )
    assert run.returncode == 0, run.stderr
    run = subprocess.run(
        [sys.executable, "-c", "import sys; from mkdocs.commands.build import build; from mkdocs.config import load_config; "
         "build(load_config(sys.argv[1], site_dir=sys.argv[2]))", str(fixture_site.config), str(fresh)],
        capture_output=True, text=True, cwd=fixture_site.root,
    )
    assert run.returncode == 0, run.stderr

    assert files_of(first) != files_of(fresh), "the change made no difference: the test would prove nothing"
    again, expected = files_of(second), files_of(fresh)
    assert sorted(again) == sorted(expected)
    differ = [name for name in expected if again[name] != expected[name]]
    assert differ == [], f"the second build in one process differs from a fresh build in: {differ}"
    topic = (second / "topic" / "index.html").read_text("utf-8")
    assert "Gör det andra, noga." in topic and "Bocka ur allihop" in topic and 'data-item="third"' in topic
