"""Interface labels: check overrides/data/labels.yml once a build, hand them to templates and scripts.

Hooks read their labels with interface_labels.labels(config, GROUP); templates
get `labels` (`labels.copy_link["copy"]`, in the page's language); main.html
writes the groups listed in SCRIPT_GROUPS into every page as JSON
(<script type="application/json" id="site-labels">), where scripts read them.
"""

from __future__ import annotations

from interface_labels import all_labels, loaded

SCRIPT_GROUPS = ("copy_link",)  # groups that every page's scripts need


def on_config(config):
    loaded(config)  # first in hooks: the file's problems are reported before any hook asks for a label


def on_env(env, config, files):
    env.globals["labels"] = all_labels(config)
    env.globals["script_labels"] = {group: dict(env.globals["labels"][group]) for group in SCRIPT_GROUPS}
    return env
