"""Per-build state, carried on the config object (a helper, not a hook).

MkDocs loads each hook module once per process, and `mkdocs serve` builds
again and again with a fresh config each time; the i18n plugin builds every
language on one config. So a hook keeps nothing in module globals: what it
must remember between events (data loaded once, pages seen per language)
lives here, in a dict that belongs to this one build and starts empty with
the next.
"""

from __future__ import annotations

ATTRIBUTE = "_site_build_state"


def state_of(config, owner: str) -> dict:
    """The dict `owner` (a hook's name) keeps for this build; empty at the start of a build."""
    states = config.__dict__.setdefault(ATTRIBUTE, {})
    return states.setdefault(owner, {})
