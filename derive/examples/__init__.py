"""Built-in example specs, shipped inside the package as YAML files."""

from __future__ import annotations

from importlib import resources

from derive.errors import SpecError


def names() -> list[str]:
    """The names of all built-in examples, sorted."""
    return sorted(p.name[:-5] for p in resources.files(__package__).iterdir()
                  if p.name.endswith(".yaml"))


def text(name: str) -> str:
    """The YAML text of a built-in example.

    Raises:
        SpecError: for an unknown name (the message lists the known ones).
    """
    if name not in names():
        raise SpecError("--example", f"unknown example {name!r}; expected one of "
                        + ", ".join(names()))
    return resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
