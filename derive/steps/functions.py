"""The activation functions as SymPy functions, and their definitions.

SymPy has no sigmoid or ReLU. These classes let an expression say ``σ(z)``
and keep saying it (a student writes σ(z), not 1/(1 + e^{−z}), in the middle
of a derivation). Each has a definition in elementary functions; the stepper
derives a named function from its definition (:data:`DEFINITIONS`) and the
checker expands every definition before comparing with ``sympy.diff``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from derive import activations
from derive.vocabulary import TYPED


class sigmoid(sp.Function):  # noqa: N801 - SymPy names functions in lower case
    """The logistic sigmoid σ(x) = 1/(1 + e^{−x})."""

    nargs = 1

    def fdiff(self, argindex=1):
        x = self.args[0]
        return sigmoid(x) * (1 - sigmoid(x))

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return 1 / (1 + sp.exp(-x))

    def _eval_evalf(self, prec):
        return self.rewrite(sp.exp)._eval_evalf(prec)


class relu(sp.Function):  # noqa: N801
    """The rectifier ReLU(x) = max(0, x)."""

    nargs = 1

    def _eval_rewrite_as_Piecewise(self, x, **kwargs):
        return sp.Piecewise((x, x > 0), (0, True))


class leaky_relu(sp.Function):  # noqa: N801
    """The leaky rectifier: x for x > 0, else slope·x."""

    nargs = 2

    def _eval_rewrite_as_Piecewise(self, x, slope, **kwargs):
        return sp.Piecewise((x, x > 0), (slope * x, True))


def max_as_piecewise(expr: sp.Max | sp.Min) -> sp.Piecewise:
    """max(a, b) or min(a, b) as cases; at a tie the *second* case is taken.

    ``max(0, z)`` becomes {z if z > 0; 0 otherwise}: at z = 0 the derivative
    is then 0, the convention of PyTorch and most lecture notes.
    """
    a, b = expr.args[0], expr.args[1:]
    rest = type(expr)(*b)
    if a.is_number:  # max(0, z): the variable case first, as people write it
        a, rest = rest, a
    above = a > rest if isinstance(expr, sp.Max) else a < rest
    return sp.Piecewise((a, above), (rest, True))


@dataclass(frozen=True)
class Definition:
    """A named function, its definition and the textbook form of its derivative.

    Attributes:
        function: the SymPy function class (``sigmoid``, ``sp.tanh``).
        name: how prose names it (``the sigmoid``).
        define: ``x -> expression`` in more elementary functions.
        textbook: ``x -> f′(x)`` in the form notes use, or None when the
            derivation's own result is that form (ReLU's cases).
        reason: ``x -> prose`` saying why the textbook form equals the derived
            one; the prose mixes words and SymPy expressions.
    """

    function: type
    name: str
    define: Callable[..., sp.Expr]
    textbook: Callable[..., sp.Expr] | None
    reason: Callable[[sp.Symbol], tuple] | None = None


def _sigmoid_textbook(x):
    return activations.RULES["sigmoid"].derivative(sigmoid(x), x)


def _sigmoid_reason(x):
    one_minus = sp.Add(1, -sigmoid(x), evaluate=False)
    return ("Since ", sp.Eq(one_minus, sp.exp(-x) / (1 + sp.exp(-x)), evaluate=False),
            ", the result is ", sigmoid(x), " times ", one_minus, ".")


def _tanh_textbook(x):
    return activations.RULES["tanh"].derivative(sp.tanh(x), x)


def _tanh_reason(x):
    ratio = sp.Mul(sp.sinh(x), sp.Pow(sp.cosh(x), -1), evaluate=False)
    return ("Divide each term by ", sp.cosh(x) ** 2, " and use ",
            sp.Eq(ratio, sp.tanh(x), evaluate=False), ".")


#: Functions the stepper derives from their definitions (the ``full`` detail).
DEFINITIONS: dict[type, Definition] = {
    d.function: d
    for d in (
        Definition(sigmoid, "the sigmoid",
                   lambda x: sp.Pow(1 + sp.exp(-x), -1), _sigmoid_textbook, _sigmoid_reason),
        Definition(sp.tanh, "tanh",
                   lambda x: sp.Mul(sp.sinh(x), sp.Pow(sp.cosh(x), -1), evaluate=False),
                   _tanh_textbook, _tanh_reason),
        Definition(relu, "ReLU", lambda x: relu(x).rewrite(sp.Piecewise), None),
        Definition(leaky_relu, "leaky ReLU",
                   lambda x, slope: leaky_relu(x, slope).rewrite(sp.Piecewise), None),
    )
}


def expand_definitions(expr: sp.Expr) -> sp.Expr:
    """``expr`` in elementary functions only: σ, ReLU, max and min written out.

    Used before comparing with ``sympy.diff``, which knows none of them in the
    form (or at the kink, with the convention) that the steps use.
    """
    expr = sp.sympify(expr, strict=True)

    def expand(node):
        if isinstance(node, (sp.Max, sp.Min)):
            return max_as_piecewise(node)
        if type(node) in (sigmoid, relu, leaky_relu):
            return DEFINITIONS[type(node)].define(*node.args)
        return None

    def walk(node):
        if not node.args:
            return node
        args = tuple(walk(a) for a in node.args)
        rebuilt = node.func(*args) if args != node.args else node
        return expand(rebuilt) or rebuilt

    return walk(expr.doit() if expr.has(sp.UnevaluatedExpr) else expr)


#: The functions a user may type, by every spelling in the vocabulary (``\\sigma``
#: in LaTeX arrives as ``sigma``). Nothing outside this table can be called from
#: user text.
PARSE_NAMES: dict[str, Callable[..., sp.Expr]] = {
    spelling: {"sigmoid": sigmoid, "relu": relu, "leaky_relu": leaky_relu}.get(
        entry.sympy) or getattr(sp, entry.sympy)
    for spelling, entry in TYPED.items()
}

#: The constants a user may type.
PARSE_CONSTANTS: dict[str, sp.Expr] = {"e": sp.E, "E": sp.E, "pi": sp.pi}
