"""Spec files read safely into plain data (mappings, lists, numbers, text).

A spec may come from someone else, so reading it is bounded and strict:
at most :data:`MAX_BYTES`, nesting at most :data:`MAX_DEPTH` deep, integers of
at most :data:`MAX_DIGITS` digits, text fields of at most :data:`MAX_TEXT`
characters without control characters; duplicate keys and YAML aliases are
errors. :mod:`derive.spec` then checks what the data means.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from derive import reading
from derive.errors import SpecError, quoted

#: Largest spec file, nesting depth, integer and text accepted.
MAX_BYTES = 2 * 2**20
MAX_DEPTH = 12
MAX_DIGITS = 30
MAX_TEXT = 500
#: Control characters (tab and newline aside) and lone surrogates.
_BAD_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def read(path: str | Path) -> Any:
    """The plain data of a spec file (``.yaml``, ``.yml`` or ``.json``)."""
    data = reading.read_bytes(path, "spec file", MAX_BYTES, _FileError)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpecError("", f"spec file {quoted(str(path))} is not UTF-8 text (byte "
                        f"{error.start})") from None
    return loads(text, str(path))


def loads(text: str, name: str = "<spec>") -> Any:
    """The plain data of spec text: JSON if it looks like JSON, YAML otherwise."""
    label = quoted(name)
    if len(text) > MAX_BYTES:
        raise SpecError("", f"{label} is larger than {MAX_BYTES // 2**20} MB")
    try:
        return _json(text, label) if text.lstrip().startswith("{") else _yaml(text, label)
    except RecursionError:
        raise SpecError("", f"{label}: nested more than {MAX_DEPTH} levels deep") from None


def _json(text: str, label: str) -> Any:
    def mapping(pairs):
        keys = [k for k, _ in pairs]
        for key in keys:
            if keys.count(key) > 1:
                raise SpecError(str(key), "given twice (duplicate key)")
        return dict(pairs)

    try:
        return json.loads(text, object_pairs_hook=mapping, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise SpecError("", f"{label}: invalid JSON at line {error.lineno}: {error.msg}") \
            from None


def _yaml(text: str, label: str) -> Any:
    import yaml

    try:
        data = yaml.load(text, Loader=_strict_yaml_loader())  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "syntax error"
        raise SpecError("", f"{label}: invalid YAML{where}: {problem}") from None
    _refuse_aliases(data)
    return data


def _refuse_aliases(data: Any) -> None:
    """Refuse a list or mapping that occurs twice: it came from a YAML alias.

    A few lines of aliases stand for billions of values ("billion laughs"); a
    spec never needs one. Each container is visited once, so this is linear in
    the text even when its expansion is not.
    """
    stack, seen = [data], set()
    while stack:
        value = stack.pop()
        if isinstance(value, (Mapping, list)):
            if id(value) in seen:
                raise SpecError("", "a YAML alias (*name) repeats a part of the spec; write "
                                "the values out")
            seen.add(id(value))
            stack.extend(value.values() if isinstance(value, Mapping) else value)


def _strict_yaml_loader():
    """A safe loader that refuses duplicate keys and huge integers.

    It is libyaml's loader when PyYAML has it (a spec of ten thousand weights
    reads in a tenth of the time). Aliases and deep nesting are refused after
    loading, by :func:`_check_values`.
    """
    import yaml

    class StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        def construct_mapping(self, node, deep=False):
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if not isinstance(key, (str, int, float, bool)):
                    continue  # an unhashable key: from_mapping names the field
                if key in seen:
                    raise SpecError(str(key), f"given twice (duplicate key, line "
                                    f"{key_node.start_mark.line + 1})")
                seen.add(key)
            return super().construct_mapping(node, deep)

        def construct_yaml_int(self, node):
            _integer(node.value.replace("_", "").lstrip("+-"))
            return super().construct_yaml_int(node)

    StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)
    return StrictLoader


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise SpecError("", f"an integer with more than {MAX_DIGITS} digits")
    return int(text)


def check_values(data: Any) -> None:
    """Refuse deep nesting, and text with control characters or broken Unicode.

    Such text could not be written to a file, or would reach a terminal as an
    escape sequence. The walk keeps its own stack: a mapping from Python may be
    nested deeper than the interpreter's recursion limit.
    """
    stack = [(data, "", 0)]
    while stack:
        value, where, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise SpecError(where, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, Mapping):
            for key, item in value.items():
                field = f"{where}.{key}" if where else str(key)
                stack += [(key, field, depth + 1), (item, field, depth + 1)]
        elif isinstance(value, (list, tuple)):
            stack += [(item, f"{where}[{i}]", depth + 1) for i, item in enumerate(value)]
        elif isinstance(value, str):
            if len(value) > MAX_TEXT:
                raise SpecError(where, f"text longer than {MAX_TEXT} characters")
            if _BAD_TEXT.search(value):
                raise SpecError(where, "contains control characters or invalid Unicode")


class _FileError(SpecError):
    """A spec file that cannot be read at all (no field to name)."""

    def __init__(self, problem: str):
        super().__init__("", problem)
