"""What a `<!-- md:NAME ARGS -->` marker is, and how a hook declares the ones it renders (a helper).

A hook that renders markers exposes a module-level table:

    MARKERS = {"checklist": MarkerRule(render_checklist, arguments=("ID",))}

and markers.py, the one dispatcher, finds every hook's table, matches every
marker with one regex, checks its arguments and calls the rule's render
function with a Marker; what it returns replaces the marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

# The one marker regex: a name, optional arguments, on one line.
MARKER = re.compile(r"<!--\s*md:(?P<name>[^\s>]*?)(?=\s|-->)(?P<args>[^\n]*?)-->")
# A marker that never closes on its line (or is otherwise malformed) still starts like one.
MARKER_START = re.compile(r"<!--\s*md:(?P<name>[^\s>]*)")


@dataclass(frozen=True)
class Marker:
    name: str
    args: tuple[str, ...]
    where: str  # path:line:col in the page's source file
    first: bool  # the first marker of this name on the page


@dataclass(frozen=True)
class MarkerRule:
    """render(marker, page, config, files) -> Markdown/HTML; arguments names each argument (usage text);
    once: the noun for 'NOUN can appear only once on a page', or '' when a page may repeat it."""

    render: Callable
    arguments: tuple[str, ...] = ()
    once: str = ""

    def usage(self, name: str) -> str:
        shown = " ".join((f"md:{name}", *self.arguments))
        if not self.arguments:
            return f"write the marker as <!-- {shown} --> with nothing after '{name}'"
        count = "exactly one" if len(self.arguments) == 1 else f"exactly {len(self.arguments)}"
        return f"write the marker as <!-- {shown} --> with {count} {'id' if len(self.arguments) == 1 else 'arguments'}"
