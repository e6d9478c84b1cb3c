"""The machine-readable answers: the JSON contract of ``derive solve --format json``.

Exact values are float64 numbers; beside every section of numbers, ``shown``
holds the strings displayed under the rounding policy. Names are the plain
ASCII names of the chosen notation (``w5``, ``net_h1``, ``W[2]_11``).
"""

from __future__ import annotations

from typing import Any

from derive.formula import plain_name
from derive.graph import Graph, Key
from derive.solution import ExampleResult, Solution, StepResult, Value

SCHEMA_VERSION = 1


def build(solution: Solution) -> dict[str, Any]:
    """The JSON payload of a solution (see the README for the contract)."""
    g = solution.graph
    steps = [_step(g, step, number) for number, step in enumerate(solution.steps, start=1)]
    after = [_forward(g, ex) for ex in solution.after]
    first = steps[0] if steps else None
    data: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "spec": dict(solution.spec.source),
        "forward": first["forward"] if first else after[0]["forward"],
        "loss": first["loss"] if first else _exact(solution.loss_after),
        "gradients": first["gradients"] if first else {},
        "updated": first["updated"] if first else {},
        "loss_after": _exact(solution.loss_after),
        "layers": first["layers"] if first else _layers(g, None, solution.after[0]),
        "shown": first["shown"] if first else {
            "forward": after[0]["shown"], "loss": solution.loss_after.text},
        "examples": first["examples"] if first else after,
        "steps": steps,
        "after": {"examples": after, "loss": _exact(solution.loss_after),
                  "shown": {"loss": solution.loss_after.text}},
    }
    return data


def _name(g: Graph, key: Key) -> str:
    return plain_name(g.name(key))


def _exact(value: Value) -> float:
    return float(value.exact)


def _forward(g: Graph, ex: ExampleResult) -> dict[str, Any]:
    keys = [k for k in g.nodes if k[0] in ("x", "y", "z", "a", "C")]
    return {
        "forward": {_name(g, k): _exact(ex.values[k]) for k in keys},
        "loss": _exact(ex.values[("C",)]),
        "shown": {_name(g, k): ex.values[k].text for k in keys},
    }


def _step(g: Graph, step: StepResult, number: int) -> dict[str, Any]:
    examples = []
    for ex in step.examples:
        entry = _forward(g, ex)
        entry["gradients"] = {_name(g, p): _exact(v) for p, v in ex.gradients.items()}
        entry["deltas"] = {_name(g, z): _exact(v) for z, v in ex.deltas.items()}
        entry["shown"]["gradients"] = {_name(g, p): v.text for p, v in ex.gradients.items()}
        entry["shown"]["deltas"] = {_name(g, z): v.text for z, v in ex.deltas.items()}
        examples.append(entry)
    first = examples[0]
    return {
        "step": number,
        "forward": first["forward"],
        "loss": _exact(step.loss),
        "gradients": {_name(g, p): _exact(v) for p, v in step.gradients.items()},
        "updated": {_name(g, p): _exact(v) for p, v in step.updated.items()},
        "layers": _layers(g, step, step.examples[0]),
        "examples": examples,
        "shown": {
            "forward": {k: v for k, v in first["shown"].items() if isinstance(v, str)},
            "loss": step.loss.text,
            "gradients": {_name(g, p): v.text for p, v in step.gradients.items()},
            "updated": {_name(g, p): v.text for p, v in step.updated.items()},
        },
    }


def _layers(g: Graph, step: StepResult | None, ex: ExampleResult) -> list[dict[str, Any]]:
    layers = []
    params = step.params if step else ex.values
    for l in range(1, len(g.sizes)):
        rows, cols = g.sizes[l], g.sizes[l - 1]
        js, ks = range(1, rows + 1), range(1, cols + 1)
        has_bias = ("b", l, 1) in g.nodes
        layer: dict[str, Any] = {
            "W": [[_exact(params[("W", l, j, k)]) for k in ks] for j in js],
            "b": [_exact(params[("b", l, j)]) for j in js] if has_bias else None,
            "z": [_exact(ex.values[("z", l, j)]) for j in js],
            "a": [_exact(ex.values[("a", l, j)]) for j in js],
        }
        if step is not None:
            def grad(key):
                return _exact(step.gradients[key]) if key in step.gradients else 0.0

            def new(key):
                return _exact(step.updated.get(key, step.params[key]))

            layer["dW"] = [[grad(("W", l, j, k)) for k in ks] for j in js]
            trained = ("b", l, 1) in step.gradients
            layer["db"] = [grad(("b", l, j)) for j in js] if trained else None
            layer["W_new"] = [[new(("W", l, j, k)) for k in ks] for j in js]
            layer["b_new"] = [new(("b", l, j)) for j in js] if has_bias else None
        layers.append(layer)
    return layers
