"""The local derivatives of a network, derived rule by rule for the worked solution.

Each builder returns a :class:`~derive.steps.derivation.Derivation` whose
first line names the factor as the solution does (∂o₁/∂z₁, ∂C/∂o₁) and whose
last step rewrites the result into the textbook form of
:mod:`derive.activations` and :mod:`derive.losses` (o₁(1 − o₁), −2(y − o₁)),
proved equal by SymPy. Symbols are the caller's; ``names`` says how to write
them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import sympy as sp

from derive import activations, losses
from derive import formula as F
from derive.steps import derive_steps
from derive.steps import rules as R
from derive.steps.derivation import Derivation
from derive.steps.functions import leaky_relu, relu, sigmoid
from derive.steps.stepper import Settings, Stepper
from derive.steps.textbook import Textbook
from derive.steps.written import formula

Names = Mapping[sp.Symbol, F.Formula] | None

#: Activation name → its function as a SymPy expression of (z, slope).
ACTIVATIONS = {
    "sigmoid": lambda z, slope: sigmoid(z),
    "tanh": lambda z, slope: sp.tanh(z),
    "relu": lambda z, slope: relu(z),
    "leaky_relu": lambda z, slope: leaky_relu(z, slope),
}


def activation_prime(name: str, z: sp.Symbol, a: sp.Symbol, names: Names = None, *,
                     slope: sp.Expr | float | None = None, detail: str = "full") -> Derivation:
    """∂a/∂z for a = g(z), ending in the textbook form written in ``a`` (a(1 − a)).

    Args:
        name: ``sigmoid``, ``tanh``, ``relu`` or ``leaky_relu`` (aliases of
            :func:`derive.activations.lookup` allowed).
        z, a: the neuron's input and output symbols.
        slope: leaky ReLU's slope (default :data:`derive.activations.DEFAULT_LEAKY_SLOPE`).
        detail: ``full`` derives g′ from g's definition; ``brief`` quotes it.

    Raises:
        KeyError: for an activation without a derivation here.
    """
    rule = activations.lookup(name)
    if rule is None or rule.name not in ACTIVATIONS:
        raise KeyError(f"no step-by-step derivative for the activation {name!r}")
    # A Float, not a Rational: the slope reads as the spec wrote it (0.01, not 1/100).
    slope = sp.Float(activations.DEFAULT_LEAKY_SLOPE if slope is None else slope)
    function = ACTIVATIONS[rule.name](z, slope)
    derivation = derive_steps(function, z, names, detail=detail, partial=True,
                              label=F.Partial(formula(a, names), formula(z, names)))
    textbook = rule.derivative(a, z, slope)
    if not textbook.has(a):  # ReLU's cases: the rules' own result is the textbook form
        return derivation
    return replace(derivation, textbook=Textbook(
        derivation.final, textbook, ("with ", sp.Eq(a, function, evaluate=False), "."),
        where={a: function}))


def sigmoid_prime(z: sp.Symbol, a: sp.Symbol, names: Names = None,
                  detail: str = "full") -> Derivation:
    """∂a/∂z = a(1 − a) for a = σ(z), derived from σ(z) = (1 + e^{−z})^{−1}."""
    return activation_prime("sigmoid", z, a, names, detail=detail)


def tanh_prime(z: sp.Symbol, a: sp.Symbol, names: Names = None,
               detail: str = "full") -> Derivation:
    """∂a/∂z = 1 − a² for a = tanh(z), derived from tanh = sinh/cosh."""
    return activation_prime("tanh", z, a, names, detail=detail)


def relu_prime(z: sp.Symbol, a: sp.Symbol, names: Names = None,
               detail: str = "full") -> Derivation:
    """∂a/∂z = {1 if z > 0; 0 otherwise} for a = ReLU(z), 0 at z = 0 by convention."""
    return activation_prime("relu", z, a, names, detail=detail)


def leaky_relu_prime(z: sp.Symbol, a: sp.Symbol, slope: sp.Expr | float,
                     names: Names = None, detail: str = "full") -> Derivation:
    """∂a/∂z = {1 if z > 0; slope otherwise} for leaky ReLU, the slope at z = 0."""
    return activation_prime("leaky_relu", z, a, names, slope=slope, detail=detail)


def loss_prime(name: str, yhat: Sequence[sp.Symbol], y: Sequence[sp.Symbol], j: int,
               names: Names = None, *, loss: F.Formula | None = None) -> Derivation:
    """∂C/∂ŷ_j of a loss of :mod:`derive.losses`, ending in that module's textbook form.

    Args:
        name: ``mse``, ``half_se``, ``sse``, ``bce`` or ``cross_entropy`` (aliases allowed).
        yhat, y: the outputs and targets, one symbol each per output.
        j: which output (0-based).
        loss: how the loss is written on the first line (default C).

    Raises:
        KeyError: for an unknown loss.
    """
    rule = losses.lookup(name)
    if rule is None:
        raise KeyError(f"unknown loss {name!r}")
    label = F.Partial(loss or F.Sym("C"), formula(yhat[j], names))
    derivation = derive_steps(rule.function(list(yhat), list(y)), yhat[j], names,
                              partial=True, label=label)
    return _ending_in(derivation, rule.derivative(list(yhat), list(y), j))


def squared_error_prime(yhat: Sequence[sp.Symbol], y: Sequence[sp.Symbol], j: int,
                        names: Names = None, *, kind: str = "mse",
                        loss: F.Formula | None = None) -> Derivation:
    """∂C/∂ŷ_j of a squared error: ``kind`` is ``mse``, ``half_se`` or ``sse``."""
    return loss_prime(kind, yhat, y, j, names, loss=loss)


def softmax_prime(z: Sequence[sp.Symbol], a: Sequence[sp.Symbol], k: int, j: int,
                  names: Names = None) -> Derivation:
    """∂a_k/∂z_j of softmax by the quotient rule: a_j(1 − a_j) or −a_k a_j (0-based k, j)."""
    total = _exponentials(z)
    function = sp.Mul(sp.exp(z[k]), sp.Pow(total, -1), evaluate=False)
    label = F.Partial(formula(a[k], names), formula(z[j], names))
    derivation = derive_steps(function, z[j], names, partial=True, label=label)
    textbook = activations.softmax_derivative(a[k], a[j], k == j)
    return replace(derivation, textbook=Textbook(
        derivation.result, textbook, _softmax_where_prose(z, a, (k, j), total),
        where=_softmax_outputs(z, a, total)))


def softmax_cross_entropy_prime(z: Sequence[sp.Symbol], yhat: Sequence[sp.Symbol],
                                y: Sequence[sp.Symbol], j: int, names: Names = None, *,
                                loss: F.Formula | None = None) -> Derivation:
    """∂C/∂z_j = ŷ_j − y_j for C = −Σ y_i log ŷ_i with ŷ = softmax(z) (0-based j).

    The derivation rewrites log(e^{z_i}/Σ) = z_i − log Σ, uses that the targets
    add up to 1, differentiates, and recognises e^{z_j}/Σ as ŷ_j.
    """
    total = _exponentials(z)
    n = len(z)
    as_written = sp.Mul(-1, sp.Add(*(sp.Mul(y[i], sp.log(sp.Mul(
        sp.exp(z[i]), sp.Pow(total, -1), evaluate=False), evaluate=False), evaluate=False)
        for i in range(n)), evaluate=False), evaluate=False)
    logs_split = sp.Mul(-1, sp.Add(*(sp.Mul(y[i], sp.Add(z[i], -sp.log(total), evaluate=False),
                                            evaluate=False) for i in range(n)),
                                   evaluate=False), evaluate=False)
    summed = sp.Add(sp.Mul(-1, sp.Add(*(sp.Mul(y[i], z[i], evaluate=False) for i in range(n)),
                                      evaluate=False), evaluate=False),
                    sp.log(total), evaluate=False)
    one_hot = {y[-1]: 1 - sum(y[:-1])}
    stepper = Stepper(Settings(), {s.name for s in as_written.free_symbols})
    var = z[j]
    inner = R.RewriteRule(logs_split, var, rewritten=summed, step=stepper.step(summed, var),
                          reason=(", using ", sp.Eq(sp.Add(*y, evaluate=False), 1,
                                                    evaluate=False),
                                  " (the targets add up to 1),"),
                          where=one_hot)
    root = R.RewriteRule(as_written, var, rewritten=logs_split, step=inner,
                         reason=(", as the log of a quotient is a difference of logs,",),
                         where=one_hot)
    label = F.Partial(loss or F.Sym("C"), formula(var, names))
    derivation = Derivation(as_written, var, root, None, dict(names or {}), True,
                            frozenset(stepper.dummies), label)
    textbook = sp.Add(yhat[j], -y[j], evaluate=False)
    return replace(derivation, textbook=Textbook(
        derivation.result, textbook, _softmax_where_prose(z, yhat, (j,), total),
        where=_softmax_outputs(z, yhat, total)))


def _ending_in(derivation: Derivation, textbook: sp.Expr) -> Derivation:
    """The derivation with a last rewrite into ``textbook``, unless it already reads so."""
    if derivation.show(textbook) == derivation.show(derivation.final):
        return derivation
    return replace(derivation, textbook=Textbook(derivation.final, textbook))


def _exponentials(z: Sequence[sp.Symbol]) -> sp.Expr:
    return sp.Add(*(sp.exp(zi) for zi in z), evaluate=False)


def _softmax_outputs(z, a, total) -> dict[sp.Symbol, sp.Expr]:
    return {ai: sp.exp(zi) / total for zi, ai in zip(z, a, strict=True)}


def _softmax_where_prose(z, a, which, total) -> tuple:
    parts: list = ["with "]
    for i, index in enumerate(dict.fromkeys(which)):
        parts += [", " if i else "", sp.Eq(a[index], sp.Mul(sp.exp(z[index]), sp.Pow(
            total, -1), evaluate=False), evaluate=False)]
    return (*parts, ".")
