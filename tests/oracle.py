"""An independent backpropagation in plain numpy float64, for checking derive.

Written from the textbook equations, sharing no code with derive: forward pass
with matrices, δ recursion for the gradients, plain gradient descent.
"""

from __future__ import annotations

import numpy as np


def activate(name, z, slope=0.01):
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.where(z > 0, z, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, z, slope * z)
    if name == "identity":
        return z
    if name == "softmax":
        e = np.exp(z - z.max())
        return e / e.sum()
    raise ValueError(name)


def jacobian(name, z, a, slope=0.01):
    """da/dz as a matrix (diagonal except for softmax)."""
    if name == "softmax":
        return np.diag(a) - np.outer(a, a)
    d = {"sigmoid": a * (1 - a), "tanh": 1 - a ** 2, "relu": (z > 0).astype(float),
         "leaky_relu": np.where(z > 0, 1.0, slope), "identity": np.ones_like(z)}[name]
    return np.diag(d)


def loss(name, yhat, y):
    n = len(y)
    if name == "mse":
        return np.sum((y - yhat) ** 2) / n
    if name == "half_se":
        return 0.5 * np.sum((y - yhat) ** 2)
    if name == "sse":
        return np.sum((y - yhat) ** 2)
    if name == "bce":
        return -np.sum(y * np.log(yhat) + (1 - y) * np.log(1 - yhat)) / n
    if name == "cross_entropy":
        return -np.sum(y * np.log(yhat))
    raise ValueError(name)


def loss_grad(name, yhat, y):
    n = len(y)
    return {"mse": lambda: -2 * (y - yhat) / n, "half_se": lambda: -(y - yhat),
            "sse": lambda: -2 * (y - yhat),
            "bce": lambda: (-y / yhat + (1 - y) / (1 - yhat)) / n,
            "cross_entropy": lambda: -y / yhat}[name]()


def forward(Ws, bs, acts, x, slopes):
    zs, as_ = [], [np.asarray(x, float)]
    for W, b, act, s in zip(Ws, bs, acts, slopes, strict=True):
        z = W @ as_[-1] + b
        zs.append(z)
        as_.append(activate(act, z, s))
    return zs, as_


def backprop(Ws, bs, acts, lossname, x, y, slopes):
    zs, as_ = forward(Ws, bs, acts, x, slopes)
    y = np.asarray(y, float)
    C = loss(lossname, as_[-1], y)
    delta = jacobian(acts[-1], zs[-1], as_[-1], slopes[-1]).T @ loss_grad(lossname, as_[-1], y)
    dWs, dbs = [None] * len(Ws), [None] * len(Ws)
    for l in range(len(Ws) - 1, -1, -1):
        dWs[l] = np.outer(delta, as_[l])
        dbs[l] = delta.copy()
        if l:
            delta = jacobian(acts[l - 1], zs[l - 1], as_[l], slopes[l - 1]).T @ (Ws[l].T @ delta)
    return zs, as_, C, dWs, dbs


def train(Ws, bs, acts, lossname, xs, ys, rate, steps, update_biases, slopes):
    """Gradient descent on the mean loss of the batch; returns a record per step."""
    Ws = [np.array(W, float) for W in Ws]
    bs = [np.array(b, float) for b in bs]
    record = []
    for _ in range(steps):
        results = [backprop(Ws, bs, acts, lossname, x, y, slopes)
                   for x, y in zip(xs, ys, strict=True)]
        n = len(results)
        C = sum(r[2] for r in results) / n
        dW = [sum(r[3][l] for r in results) / n for l in range(len(Ws))]
        db = [sum(r[4][l] for r in results) / n for l in range(len(Ws))]
        record.append({"results": results, "loss": C, "dW": dW, "db": db,
                       "W": [W.copy() for W in Ws], "b": [b.copy() for b in bs]})
        Ws = [W - rate * g for W, g in zip(Ws, dW, strict=True)]
        if update_biases:
            bs = [b - rate * g for b, g in zip(bs, db, strict=True)]
    after = [forward(Ws, bs, acts, x, slopes) for x in xs]
    loss_after = sum(loss(lossname, a[1][-1], np.asarray(y, float))
                     for a, y in zip(after, ys, strict=True)) / len(xs)
    return record, Ws, bs, loss_after
