"""Every `<!-- md:NAME ARGS -->` marker, rendered by the hook that declares it, or the build fails.

One regex (marker_registry.MARKER) finds the markers; each hook that renders
some declares them in a module-level MARKERS table (checklists.py, brief.py,
share.py, dialogues.py). Here the arguments are checked and the rule's
render function called; an unknown name, wrong arguments or a second
once-only marker on a page is reported at its file:line:col.
"""

from __future__ import annotations

import logging

from build_state import state_of
from marker_registry import MARKER, MARKER_START, Marker, MarkerRule
from problems import report
from source_position import display_path, locate

log = logging.getLogger("mkdocs.hooks.markers")


def rules(config) -> dict[str, MarkerRule]:
    """Every hook's MARKERS, once per build; a name declared twice is a problem."""
    cache = state_of(config, "markers")
    if "rules" not in cache:
        found: dict[str, MarkerRule] = {}
        for name, module in config.hooks.items():
            for marker, rule in getattr(module, "MARKERS", {}).items():
                if marker in found:
                    report(log, display_path(name), f"the marker 'md:{marker}' is declared by two hooks; rename one")
                found[marker] = rule
        cache["rules"] = found
    return cache["rules"]


def _unknown(name: str, known: dict[str, MarkerRule]) -> str:
    listed = ", ".join(f"<!-- {' '.join((f'md:{n}', *rule.arguments))} -->" for n, rule in sorted(known.items()))
    return f"unknown marker 'md:{name}'; the known markers are {listed}"


def expand(markdown: str, page, config, files) -> str:
    known, seen = rules(config), set()

    def replace(match) -> str:
        name, args = match.group("name"), tuple(match.group("args").split())
        where = locate(page, match.group(0), markdown.count(match.group(0), 0, match.start()))
        rule = known.get(name)
        if rule is None:
            report(log, where, _unknown(name, known))
            return ""
        if len(args) != len(rule.arguments):
            report(log, where, rule.usage(name))
            return ""
        if rule.once and name in seen:
            report(log, where, f"{rule.once} can appear only once on a page; remove this marker")
            return ""
        marker = Marker(name, args, where, first=name not in seen)
        seen.add(name)
        rendered = page.meta.setdefault("markers", [])
        if name not in rendered:
            rendered.append(name)  # main.html loads a marker's CSS and JavaScript only where it is
        return rule.render(marker, page, config, files)

    expanded = MARKER.sub(replace, markdown)
    for match in MARKER_START.finditer(expanded):
        where = locate(page, match.group(0))
        report(log, where, f"the marker '{match.group(0).strip()}' is not closed on its line; end it with -->")
    return expanded


def on_page_markdown(markdown, page, config, files):
    return expand(markdown, page, config, files)
