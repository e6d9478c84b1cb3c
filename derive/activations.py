"""Activation functions as data: each rule knows its formula and its derivative.

A rule's ``derivative`` is the textbook form written in the activation's own
output ``a`` (σ′ = a(1 − a)) or its input ``z``; the test suite proves each one
equal to ``sympy.diff`` of ``function``. Adding an activation means adding one
entry to :data:`RULES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp


@dataclass(frozen=True)
class Activation:
    """One activation rule.

    Attributes:
        name: the spec name (``sigmoid``).
        title: how prose names it (``the sigmoid``).
        function: g(z) as a SymPy expression builder (``z, slope -> expr``).
        derivative: g′ in textbook form, built from (a, z, slope), unevaluated.
        call: the name printed in ``a = name(z)``.
        differentiable: False for the step function (no useful gradient).
    """

    name: str
    title: str
    function: Callable[..., sp.Expr]
    derivative: Callable[..., sp.Expr]
    call: str
    differentiable: bool = True
    layerwise: bool = False


def _sigmoid(z, slope=None):
    return 1 / (1 + sp.exp(-z))


def _tanh(z, slope=None):
    return sp.tanh(z)


def _relu(z, slope=None):
    return sp.Piecewise((z, z > 0), (0, True))


def _leaky(z, slope):
    return sp.Piecewise((z, z > 0), (slope * z, True))


def _step(z, slope=None):
    return sp.Piecewise((1, z >= 0), (0, True))


def _unevaluated_one_minus(a):
    return sp.Add(1, sp.Mul(-1, a, evaluate=False), evaluate=False)


RULES: dict[str, Activation] = {
    rule.name: rule
    for rule in (
        Activation(
            "sigmoid", "the sigmoid", _sigmoid,
            lambda a, z, s=None: sp.Mul(a, _unevaluated_one_minus(a), evaluate=False),
            "sigmoid",
        ),
        Activation(
            "tanh", "tanh", _tanh,
            lambda a, z, s=None: sp.Add(1, sp.Mul(-1, sp.Pow(a, 2, evaluate=False),
                                                   evaluate=False), evaluate=False),
            "tanh",
        ),
        Activation(
            "relu", "ReLU", _relu,
            # The derivative at exactly 0 is taken to be 0 (PyTorch's convention).
            lambda a, z, s=None: sp.Piecewise((1, z > 0), (0, True)),
            "relu",
        ),
        Activation(
            "leaky_relu", "leaky ReLU", _leaky,
            lambda a, z, s: sp.Piecewise((1, z > 0), (s, True)),
            "leaky_relu",
        ),
        Activation("identity", "the identity", lambda z, s=None: z,
                   lambda a, z, s=None: sp.Integer(1), "identity"),
        Activation("step", "the step function", _step,
                   lambda a, z, s=None: sp.Integer(0), "step", differentiable=False),
        Activation("softmax", "softmax", lambda z, s=None: z,  # layer-wise: see graph
                   lambda a, z, s=None: sp.Integer(1), "softmax", layerwise=True),
    )
}

#: Other spellings users write in specs.
ALIASES = {"linear": "identity", "none": "identity", "logistic": "sigmoid",
           "leaky-relu": "leaky_relu", "leakyrelu": "leaky_relu", "heaviside": "step"}

DEFAULT_LEAKY_SLOPE = 0.01


def lookup(name: str) -> Activation | None:
    """The rule for a spec name (aliases allowed), or None."""
    key = str(name).strip().lower()
    return RULES.get(ALIASES.get(key, key))


def softmax_derivative(a_k, a_j, same: bool) -> sp.Expr:
    """∂a_k/∂z_j of softmax in textbook form: a_j(1 − a_j) or −a_k a_j."""
    if same:
        return sp.Mul(a_j, _unevaluated_one_minus(a_j), evaluate=False)
    return sp.Mul(-1, a_k, a_j, evaluate=False)
