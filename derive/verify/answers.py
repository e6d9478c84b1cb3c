"""The network's answers under the names a document may give them.

A solution (``derive.api.solve(spec).data``) names its quantities in one notation
(``z1``/``h1``, ``net_h1``/``out_h1`` or ``z[1]_1``/``a[1]_1``); :func:`table`
lists every value under a canonical key (forward values, before and after the
update; initial and updated parameters; gradients of the weights, of the
preactivations (deltas) and of the outputs; the loss under its usual letters), and
:func:`key` maps a document's name to that key (``w_5^{+}`` → ``updated w5``,
``∂E/∂net_{o1}`` → ``gradient neto1``, ``δ_{o1}`` → ``delta o1``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from derive.rounding import to_decimal
from derive.verify.tokens import Name

#: Superscripts that mark a parameter's value after the update.
UPDATED_MARKS = frozenset({"new", "+", "'", "*", "(1)", "(t+1)", "next", "updated", "1"})


@dataclass(frozen=True)
class Candidate:
    """One value the solution has for a name; ``base`` is what a change is measured from.

    ``data`` marks an input or a target: a document value that disagrees with one is
    another quantity under the same letter (``y1`` for an output), never a slip.
    """

    what: str
    exact: Decimal
    base: Decimal | None = None
    data: bool = False


def canonical(text: str) -> str:
    """A name without layout: ``z^{[1]}_1`` and ``z[1]_1`` → ``z[1]1``; ``y_hat`` → ``yhat``."""
    text = re.sub(r"[_{}\s\\]", "", text)
    return re.sub(r"^([A-Za-z]+)(\d*)\^(\[\d+\])", r"\1\3\2", text)


def loss_names(data: Mapping[str, Any]) -> set[str]:
    """Names the loss goes by: the solution's own and the usual letters."""
    names = {"C", "E", "L", "J", "Etotal", "MSE"}
    loss = data.get("loss")
    names.update(canonical(n) for n, v in (data.get("forward") or {}).items() if v == loss)
    return names


def key(name: Name, losses: set[str]) -> str:
    """The solution's key for a document name: ``w5``, ``updated w5``, ``gradient w5``."""
    if "/" in name.base:
        top, _, bottom = name.base.partition("/")
        if canonical(top[1:]) in losses:
            return f"gradient {canonical(bottom[1:])}"
        return ""
    if name.base in ("delta", "δ"):  # δ_{o1}, δ_3, δ^{[2]}_1: a preactivation's gradient
        return f"delta {canonical(name.sup if name.sup.startswith('[') else '')}" \
               f"{canonical(name.sub)}"
    key = canonical(name.base + name.sub)
    if name.sup in UPDATED_MARKS or key.endswith("new"):
        return f"updated {key.removesuffix('new')}"
    if name.sup.startswith("["):
        key = canonical(f"{name.base}^{name.sup}{name.sub}")
    return key


def table(data: Mapping[str, Any]) -> dict[str, list[Candidate]]:
    """Every value the solution has, under every key a document name may map to."""
    table: dict[str, list[Candidate]] = {}

    def add(key: str, what: str, value, base=None, data=False):
        if isinstance(value, (int, float)):
            table.setdefault(key, []).append(
                Candidate(what, to_decimal(float(value)),
                          None if base is None else to_decimal(float(base)), data))

    spec = data.get("spec") or {}
    known = spec.get("data") or {}
    given = len(known.get("x") or []) + len(known.get("y") or [])

    after = ((data.get("after") or {}).get("examples") or [{}])[0].get("forward") or {}
    for index, (name, value) in enumerate((data.get("forward") or {}).items()):
        # the forward pass lists the inputs and targets first
        add(canonical(name), "forward pass", value, data=index < given)
    for index, (name, value) in enumerate(after.items()):
        add(canonical(name), "forward pass after the update", value, data=index < given)
    initial = initial_weights(data)
    for name, value in (data.get("updated") or {}).items():
        key = canonical(name)
        add(f"updated {key}", "updated value", value, initial.get(key))
        add(key, "updated value", value, initial.get(key))
        if key in initial:
            add(key, "initial value", initial[key])
    for name, value in (data.get("gradients") or {}).items():
        add(f"gradient {canonical(name)}", "gradient", value)
    deltas = ((data.get("examples") or [{}])[0].get("deltas") or {})
    for name, value in deltas.items():
        add(f"gradient {canonical(name)}", "gradient", value)
        add(f"delta {_unit(name)}", "gradient", value)
        layer = re.fullmatch(r"\[(\d+)\]1", _unit(name))
        if layer and not any(_unit(other) == f"[{layer.group(1)}]2" for other in deltas):
            add(f"delta {layer.group(1)}", "gradient", value)  # δ2: a one-unit layer
    if isinstance(data.get("loss"), (int, float)):
        for name in loss_names(data):
            add(name, "loss", data["loss"])
    forward = list((data.get("forward") or {}).items())
    targets = forward[len(known.get("x") or []):given]
    outputs = forward[-1 - len(targets):-1]
    for (name, value), (_, target) in zip(outputs, targets, strict=False):
        add(f"gradient {canonical(name)}", "loss's derivative",
            _loss_slope(spec.get("loss"), value, target, len(targets)))
    for key in list(table):
        # one output: the document writes o (or ŷ) for o1, δ_o for δ_o1
        single = re.fullmatch(r"(.*\D)1", key)
        if single and f"{single.group(1)}2" not in table and single.group(1) not in table:
            table[single.group(1).rstrip("_ ")] = table[key]
    return table


#: ∂loss/∂output for one output ``o`` with target ``y`` (``n`` outputs), per loss.
LOSS_SLOPES = {
    "half_se": lambda o, y, n: o - y,
    "sse": lambda o, y, n: 2 * (o - y),
    "mse": lambda o, y, n: 2 * (o - y) / n,
    "bce": lambda o, y, n: (o - y) / (o * (1 - o)) if 0 < o < 1 else None,
}


def _loss_slope(loss, output, target, outputs: int):
    """The loss's derivative with respect to one output, or None for another loss."""
    rule = LOSS_SLOPES.get(loss)
    if rule is None or not all(isinstance(v, (int, float)) for v in (output, target)):
        return None
    return rule(output, target, outputs)


def _unit(preactivation: str) -> str:
    """A preactivation's unit, as a delta names it: ``net_o1`` → ``o1``, ``z[2]_1`` → ``[2]1``."""
    return re.sub(r"^[A-Za-z]+", "", canonical(preactivation)) or canonical(preactivation)


def initial_weights(data: Mapping[str, Any]) -> dict[str, float]:
    """Initial parameter values: updated − (−η·gradient)."""
    rate = (data.get("spec") or {}).get("learning_rate")
    if not isinstance(rate, (int, float)):
        return {}
    gradients = data.get("gradients") or {}
    return {canonical(name): value + rate * gradients[name]
            for name, value in (data.get("updated") or {}).items() if name in gradients}
