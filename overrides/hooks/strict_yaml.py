"""Strict YAML loading with line numbers (a helper for the hooks, not a hook).

Only YAML's core types are recognised: `no`, `yes`, `on` and dates stay
strings, duplicate keys are errors, and every value's position is kept so a
schema error can name the line it comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml


class _CoreResolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema: true/false, null, int, float; everything else is a string."""


_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_CoreResolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+.0123456789"),
)


class _Loader(
    yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _CoreResolver
):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _CoreResolver.__init__(self)


@dataclass
class Problem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if not self.line:  # about a whole file or setting, not a place in it
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass
class Document:
    """Loaded data plus the (line, column) of every value, keyed by its path."""

    path: str
    data: object = None
    positions: dict = field(default_factory=dict)

    def position(self, keys) -> tuple[int, int]:
        keys = tuple(keys)
        while keys not in self.positions and keys:
            keys = keys[:-1]
        return self.positions.get(keys, (1, 1))

    def problem(self, keys, message: str) -> Problem:
        line, column = self.position(keys)
        return Problem(self.path, line, column, message)


class YamlError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _construct(node, doc: Document, keys: tuple):
    doc.positions[keys] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(Problem(doc.path, *_mark(key_node), "mapping keys must be plain text"))
            key = key_node.value
            if key in result:
                raise YamlError(Problem(doc.path, *_mark(key_node), f"duplicate key '{key}'"))
            result[key] = _construct(value_node, doc, keys + (key,))
            doc.positions[keys + (key,)] = _mark(key_node)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, doc, keys + (i,)) for i, item in enumerate(node.value)]
    tag, value = node.tag, node.value
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:int":
        return int(value)
    if tag == "tag:yaml.org,2002:float":
        return float(value)
    if tag == "tag:yaml.org,2002:str":
        return value
    raise YamlError(Problem(doc.path, *_mark(node), f"unsupported YAML tag {tag}"))


def load_text(text: str, path: str) -> Document:
    """Parse YAML text; raise YamlError naming path, line and column."""
    doc = Document(path)
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = " ".join(filter(None, [error.context, error.problem]))
        raise YamlError(Problem(path, line, column, f"YAML syntax error: {reason}")) from None
    except yaml.YAMLError as error:
        raise YamlError(Problem(path, 1, 1, f"YAML error: {error}")) from None
    if node is not None:
        doc.data = _construct(node, doc, ())
    return doc


def load_file(path: Path, display_path: str | None = None) -> Document:
    return load_text(path.read_text(encoding="utf-8"), display_path or str(path))
