"""Reporting problems (a helper, not a hook).

Every hook reports what is wrong through report(): the message is logged
as an error (so `mkdocs serve` shows it and strict mode stops the build) and
the Problem itself rides on the log record, so scripts/build.py lists it as
found, without reading log text. Data every language needs (checklists,
brief, labels, dialogues, search vocabulary) goes through load_once(): loaded
once a build and kept in build_state, so its problems are found, and
reported, once.
"""

from __future__ import annotations

import logging
from typing import Callable, TypeVar

from build_state import state_of
from strict_yaml import Problem

__all__ = ["Problem", "report", "problem_at", "load_once"]

T = TypeVar("T")


def problem_at(where: str, message: str) -> Problem:
    """A Problem from a `path:line:col` (or a bare path) and a message."""
    parts = where.rsplit(":", 2)
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return Problem(parts[0], int(parts[1]), int(parts[2]), message)
    return Problem(where, 0, 0, message)


def report(log: logging.Logger, problem: Problem | str, message: str | None = None) -> None:
    """Log a problem: a Problem, or where (`path:line:col`) and a message."""
    if not isinstance(problem, Problem):
        problem = problem_at(problem, message or "")
    log.error(str(problem), extra={"problem": problem})


def load_once(log: logging.Logger, config, owner: str, load: Callable[[], tuple[T, list[Problem]]]) -> tuple[T, list[Problem]]:
    """Data a hook needs in every language, loaded at the first call of a build and its problems
    reported then; later calls, in this language or the next, get the same (data, problems)."""
    state = state_of(config, owner)
    if "loaded" not in state:
        state["loaded"] = load()
        for problem in state["loaded"][1]:
            report(log, problem)
    return state["loaded"]
