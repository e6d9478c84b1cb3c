"""Loss functions as data: the loss of one example and its textbook derivatives.

Each rule builds C from the outputs ŷ and targets y (lists of SymPy symbols)
and writes ∂C/∂ŷ_j in the form lecture notes use; tests prove each equal to
``sympy.diff``. For a batch, the loss is the mean over examples.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp


@dataclass(frozen=True)
class Loss:
    """One loss rule.

    Attributes:
        name: spec name (``mse``).
        title: prose name (``mean squared error``).
        function: ``(yhat, y) -> C`` (unevaluated, in the written order).
        derivative: ``(yhat, y, j) -> ∂C/∂ŷ_j`` in textbook form.
        needs: what the output layer must be (``softmax``/``probability``) or None.
    """

    name: str
    title: str
    function: Callable[[list, list], sp.Expr]
    derivative: Callable[[list, list, int], sp.Expr]
    needs: str | None = None


def _diff(y, yhat):
    return sp.Add(y, sp.Mul(-1, yhat, evaluate=False), evaluate=False)


def _squares(yhat, y):
    return [sp.Pow(_diff(t, o), 2, evaluate=False) for o, t in zip(yhat, y, strict=True)]


def _sum(terms):
    return terms[0] if len(terms) == 1 else sp.Add(*terms, evaluate=False)


def _scaled(factor, expr):
    return expr if factor == 1 else sp.Mul(factor, expr, evaluate=False)


def _mse(yhat, y):
    return _scaled(sp.Rational(1, len(y)), _sum(_squares(yhat, y)))


def _mse_d(yhat, y, j):
    return sp.Mul(sp.Rational(-2, len(y)), _diff(y[j], yhat[j]), evaluate=False)


def _half(yhat, y):
    return _scaled(sp.Rational(1, 2), _sum(_squares(yhat, y)))


def _half_d(yhat, y, j):
    return sp.Mul(-1, _diff(y[j], yhat[j]), evaluate=False)


def _sse(yhat, y):
    return _sum(_squares(yhat, y))


def _sse_d(yhat, y, j):
    return sp.Mul(-2, _diff(y[j], yhat[j]), evaluate=False)


def _bce_term(o, t):
    return sp.Add(sp.Mul(t, sp.log(o), evaluate=False),
                  sp.Mul(_diff(1, t), sp.log(_diff(1, o)), evaluate=False), evaluate=False)


def _bce(yhat, y):
    terms = [_bce_term(o, t) for o, t in zip(yhat, y, strict=True)]
    return sp.Mul(sp.Rational(-1, len(y)), _sum(terms), evaluate=False)


def _bce_d(yhat, y, j):
    o, t = yhat[j], y[j]
    inner = sp.Add(sp.Mul(-1, t, sp.Pow(o, -1), evaluate=False),
                   sp.Mul(_diff(1, t), sp.Pow(_diff(1, o), -1), evaluate=False), evaluate=False)
    return _scaled(sp.Rational(1, len(y)), inner)


def _ce(yhat, y):
    terms = [sp.Mul(t, sp.log(o), evaluate=False) for o, t in zip(yhat, y, strict=True)]
    return sp.Mul(-1, _sum(terms), evaluate=False)


def _ce_d(yhat, y, j):
    return sp.Mul(-1, y[j], sp.Pow(yhat[j], -1), evaluate=False)


RULES: dict[str, Loss] = {
    rule.name: rule
    for rule in (
        Loss("mse", "mean squared error", _mse, _mse_d),
        Loss("half_se", "half squared error", _half, _half_d),
        Loss("sse", "sum of squared errors", _sse, _sse_d),
        Loss("bce", "binary cross-entropy", _bce, _bce_d, needs="probability"),
        Loss("cross_entropy", "cross-entropy", _ce, _ce_d, needs="softmax"),
    )
}

ALIASES = {"half_mse": "half_se", "half-se": "half_se", "squared_error": "sse",
           "binary_cross_entropy": "bce", "ce": "cross_entropy", "cross-entropy": "cross_entropy",
           "log_loss": "bce"}


def lookup(name: str) -> Loss | None:
    """The rule for a spec name (aliases allowed), or None."""
    key = str(name).strip().lower()
    return RULES.get(ALIASES.get(key, key))
