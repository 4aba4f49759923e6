"""Interface labels: check overrides/data/labels.yml once a build, hand them to templates and scripts.

Hooks read their labels with interface_labels.labels(config, GROUP); templates
get `labels` (`labels.copy_link["copy"]`, in the page's language); main.html
writes the groups listed in SCRIPT_GROUPS into every page as JSON
(<script type="application/json" id="site-labels">), where scripts read them.
"""

from __future__ import annotations

import logging

from interface_labels import all_labels, loaded
from problems import report
from site_languages import is_first_language

log = logging.getLogger("mkdocs.hooks.labels")

SCRIPT_GROUPS = ("copy_link",)  # groups that every page's scripts need


def on_config(config):
    _, problems = loaded(config)
    if is_first_language(config):  # one file for every language: report it once
        for problem in problems:
            report(log, problem)


def on_env(env, config, files):
    env.globals["labels"] = all_labels(config)
    env.globals["script_labels"] = {group: dict(env.globals["labels"][group]) for group in SCRIPT_GROUPS}
    return env
