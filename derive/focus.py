"""Which parameters a worked solution works in full (``focus:`` in the spec).

A hand-made deck works two or three weights in full and gives the others in
one table; so does ours. By default it works one weight per layer, chosen so
that every kind of path is shown once: the first weight into the first output
neuron, and the first weight of each earlier layer (each one a path deeper); with
trained biases also the first output bias.
``focus: all`` works every parameter; a list names them in the course's
notation (``[w5, w1]``, ``["W[2]_11"]``), as the JSON answers name them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from derive.errors import SpecError
from derive.formula import plain_name
from derive.notation import Notation

#: A parameter's position: ``("W", layer, neuron, input)`` or ``("b", layer, neuron)``.
Key = tuple


def parameter_names(layers: tuple[int, ...], biases: bool, notation: Notation) -> dict[str, Key]:
    """Every parameter's plain name (``w5``, ``W[2]_11``, ``b1``) → its position."""
    names = {}
    for l in range(1, len(layers)):
        for j in range(1, layers[l] + 1):
            for k in range(1, layers[l - 1] + 1):
                names[plain_name(notation.weight_sym(l, j, k, layers))] = ("W", l, j, k)
            if biases:
                names[plain_name(notation.bias_sym(l, j, layers))] = ("b", l, j)
    return names


def default(layers: tuple[int, ...], trained_biases: bool = False) -> tuple[Key, ...]:
    """One weight per layer, output layer first: each shows a path one layer longer;
    with trained biases also the first output bias, whose gradient is the neuron's δ."""
    weights = tuple(("W", l, 1, 1) for l in range(len(layers) - 1, 0, -1))
    return weights[:1] + (("b", len(layers) - 1, 1),) + weights[1:] if trained_biases \
        else weights


def parse(data: Any, layers: tuple[int, ...], biases: bool, fixed_biases: bool,
          notation: Notation) -> tuple[Key, ...] | None:
    """``focus:`` as the positions worked in full; None means every parameter.

    Raises:
        SpecError: for a value that is not ``all`` or a list of known, trained names.
    """
    if data is None:
        return default(layers, biases and not fixed_biases)
    if data == "all":
        return None
    if isinstance(data, str):
        data = [data]
    if not isinstance(data, Sequence) or not data:
        raise SpecError("focus", "expected all or a list of parameter names, e.g. [w5, w1]")
    names = parameter_names(layers, biases, notation)
    chosen = []
    for i, name in enumerate(data):
        key = names.get(str(name).replace(" ", ""))
        if key is None:
            some = ", ".join(list(names)[:4])
            raise SpecError(f"focus[{i}]", f"no parameter named {name!r} in this notation "
                            f"(its parameters are named like {some} …)")
        if key[0] == "b" and fixed_biases:
            raise SpecError(f"focus[{i}]", f"{name} is kept fixed (update_biases: false), "
                            "so it has no update to work")
        if key not in chosen:
            chosen.append(key)
    return tuple(chosen)
