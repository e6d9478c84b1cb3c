"""Networks for the benchmark, and the two references derive is timed against.

* :func:`spec` — a fully connected sigmoid network with biases and reproducible
  random numbers (a ``random.Random(seed)``, never the global one).
* :func:`numpy_backprop` — the numeric floor: one plain float64 forward and
  backward pass with matrices.
* :func:`naive_gradients` — the naive symbolic approach: compose the whole loss
  as one SymPy expression of the parameters and call ``sympy.diff`` on it once
  per parameter. Its cost grows with the number of paths.
"""

from __future__ import annotations

import random

import numpy as np


def spec(layers: list[int], seed: int = 1, title: str | None = None) -> dict:
    """A spec (as a mapping) of a sigmoid network with biases, MSE loss, one example."""
    rng = random.Random(seed)

    def numbers(count, low=-1.0, high=1.0):
        return [round(rng.uniform(low, high), 2) for _ in range(count)]

    return {
        "title": title or f"A {'-'.join(map(str, layers))} network",
        "network": {
            "layers": list(layers), "activation": "sigmoid", "bias": True,
            "weights": [[numbers(m) for _ in range(n)]
                        for m, n in zip(layers, layers[1:], strict=False)],
            "biases": [numbers(n) for n in layers[1:]],
        },
        "loss": "mse",
        "data": {"x": numbers(layers[0], 0, 1), "y": numbers(layers[-1], 0.1, 0.9)},
        "learning_rate": 0.1,
    }


def parameters(layers: list[int]) -> int:
    """Weights and biases of a fully connected network with biases."""
    return sum(n * (m + 1) for m, n in zip(layers, layers[1:], strict=False))


def numpy_backprop(problem: dict) -> list[np.ndarray]:
    """∂C/∂W of every layer by the δ recursion, in float64 (sigmoid, MSE)."""
    net = problem["network"]
    weights = [np.array(w, dtype=float) for w in net["weights"]]
    biases = [np.array(b, dtype=float) for b in net["biases"]]
    x = np.array(problem["data"]["x"], dtype=float)
    y = np.array(problem["data"]["y"], dtype=float)
    activations = [x]
    for w, b in zip(weights, biases, strict=True):
        activations.append(1 / (1 + np.exp(-(w @ activations[-1] + b))))
    out = activations[-1]
    delta = -2 * (y - out) / len(y) * out * (1 - out)
    grads = []
    for layer in range(len(weights) - 1, -1, -1):
        grads.append(np.outer(delta, activations[layer]))
        if layer:
            a = activations[layer]
            delta = (weights[layer].T @ delta) * a * (1 - a)
    return grads[::-1]


def naive_gradients(problem: dict) -> list[float]:
    """Every gradient by ``sympy.diff`` of the fully composed loss, evaluated."""
    import sympy as sp

    net = problem["network"]
    values = {}
    layer = [sp.Float(v) for v in problem["data"]["x"]]
    symbols = []
    for l, (rows, bias) in enumerate(zip(net["weights"], net["biases"], strict=True), start=1):
        out = []
        for j, (row, b) in enumerate(zip(rows, bias, strict=True), start=1):
            ws = [sp.Symbol(f"w{l}_{j}_{k}") for k in range(1, len(row) + 1)]
            bs = sp.Symbol(f"b{l}_{j}")
            values.update(zip(ws, map(sp.Float, row), strict=True))
            values[bs] = sp.Float(b)
            symbols += [*ws, bs]
            z = sp.Add(*(w * a for w, a in zip(ws, layer, strict=True))) + bs
            out.append(1 / (1 + sp.exp(-z)))
        layer = out
    targets = problem["data"]["y"]
    loss = sp.Add(*((t - o) ** 2 for t, o in zip(targets, layer, strict=True))) / len(targets)
    return [float(sp.diff(loss, p).xreplace(values)) for p in symbols]
