"""The one-way flow, held by a test: computing → builders → renderers, and the CLI on top.

The imports of every module under ``derive/`` are read with :mod:`ast` (nothing
is imported or run). Each module belongs to one layer; a layer may import only
the layers it lists. A computing module that imports a builder or a renderer,
a renderer that reaches back into the computing core, or anything that imports
the CLI fails here with the file and the import named.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "derive"

#: Module (or package) → layer. The longest matching prefix wins.
LAYERS = {
    "derive.errors": "base", "derive.formula": "base", "derive.document": "model",
    "derive.reading": "base", "derive.output": "base", "derive.examples": "base",
    "derive.vocabulary": "base", "derive.layout": "base",
    "derive.spec": "computing", "derive.limits": "computing", "derive.focus": "computing",
    "derive.specfile": "computing",
    "derive.notation": "computing",
    "derive.activations": "computing", "derive.losses": "computing",
    "derive.graph": "computing", "derive.chain": "computing", "derive.rounding": "computing",
    "derive.solution": "computing", "derive.transcribe": "computing",
    "derive.steps": "computing",
    "derive.worked": "builders", "derive.answers": "builders",
    "derive.render": "renderers", "derive.pdf": "build",
    "derive.verify": "checker",
    "derive.api": "api", "derive": "api",
    "derive.cli": "cli", "derive.commands": "cli", "derive.__main__": "cli",
}

#: Layer → the layers its modules may import (besides their own).
ALLOWED = {
    "base": set(),
    "model": {"base"},
    "computing": {"base"},
    "builders": {"base", "model", "computing", "renderers.print"},
    "renderers": {"base", "model", "renderers.print"},
    "renderers.print": {"base"},
    "build": {"base"},
    "checker": {"base", "computing", "api"},
    "api": {"base", "model", "computing", "builders", "renderers", "renderers.print", "build",
            "checker"},
    "cli": {"base", "model", "computing", "builders", "renderers", "renderers.print", "build",
            "checker", "api", "cli"},
}

#: Builders may use the formula printers to name things in JSON (plain names, LaTeX);
#: the printers compute nothing. Everything else in render/ is off limits to them.
PRINTERS = {"derive.render.mathprint"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    if module in PRINTERS:
        return "renderers.print"
    matches = [m for m in LAYERS if module == m or module.startswith(m + ".")]
    return LAYERS[max(matches, key=len)]


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            # ``from derive import graph`` imports the module derive.graph.
            found += [(node.lineno, f"{base}.{a.name}" if f"{base}.{a.name}" in _MODULES
                       else base) for a in node.names]
    return [(line, name) for line, name in found if name == "derive"
            or name.startswith("derive.")]


_FILES = sorted(PACKAGE.rglob("*.py"))
_MODULES = {_module_name(p) for p in _FILES} | {
    _module_name(p.parent) for p in _FILES if p.name == "__init__.py"}


def _violations() -> list[str]:
    found = []
    for path in _FILES:
        module = _module_name(path)
        layer = _layer(module)
        for line, imported in _imports(path):
            target = _layer(imported)
            if target == layer or imported == "derive":
                continue
            if target == "cli" or target not in ALLOWED[layer]:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {layer} module "
                             f"{module} imports {target} module {imported}")
    return found


def test_every_module_has_a_layer():
    assert all(_layer(_module_name(p)) for p in _FILES)


def test_imports_follow_the_one_way_flow():
    assert _violations() == []


@pytest.mark.parametrize("module, imported", [
    ("derive.steps.rules", "derive.render.mathprint"),
    ("derive.steps.exercise", "derive.document"),
    ("derive.solution", "derive.worked"),
    ("derive.render.latex", "derive.solution"),
    ("derive.worked.forward", "derive.cli"),
    ("derive.graph", "derive.answers"),
])
def test_the_rule_would_catch_a_break(module, imported):
    layer, target = _layer(module), _layer(imported)
    assert target == "cli" or target not in ALLOWED[layer]
