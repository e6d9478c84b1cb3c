"""Expressions in the form a student writes them, and their printed forms.

SymPy stores ``y − o`` as ``−o + y`` and turns ``2(y − o)`` into ``2y − 2o``.
A step's result is therefore *tidied* (evaluated, but without distributing
numbers over sums) and then *ordered* the way SymPy's own printer orders
terms (``3x² − 6x + 2``), with a positive term first where there is one.
Display goes through :func:`derive.transcribe.transcribe`, which keeps the
stored order.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp
from sympy.core.parameters import distribute

from derive import formula as F
from derive.steps.functions import expand_definitions
from derive.transcribe import transcribe


def tidy(expr: sp.Expr) -> sp.Expr:
    """The next line of a worked solution: ``expr`` evaluated and put in written order.

    Numbers multiply out (−1·(−e^{−u}) = e^{−u}) but are not distributed over
    sums, so −2(y − o) stays a product.
    """
    with distribute(False):
        return ordered(sp.sympify(expr, strict=True).doit())


def ordered(expr: sp.Expr) -> sp.Expr:
    """``expr`` rebuilt unevaluated with its terms and factors in written order."""
    if not isinstance(expr, sp.Basic) or not expr.args or isinstance(expr, sp.Rational):
        return expr
    if isinstance(expr, sp.Add):
        terms = [ordered(t) for t in expr.as_ordered_terms()]
        # "y − o", not "−o + y": move the first positive term to the front.
        first_positive = next((i for i, t in enumerate(terms)
                               if not t.could_extract_minus_sign()), 0)
        terms.insert(0, terms.pop(first_positive))
        return sp.Add(*terms, evaluate=False)
    if isinstance(expr, sp.Mul):
        factors = [ordered(f) for f in expr.as_ordered_factors()]
        # Sums last: σ(x)(1 − σ(x)), 2x(x + 1).
        factors.sort(key=lambda f: isinstance(f, sp.Add))
        return sp.Mul(*factors, evaluate=False)
    if isinstance(expr, (sp.Pow, sp.Function)):
        return expr.func(*(ordered(a) for a in expr.args), evaluate=False)
    if isinstance(expr, sp.Piecewise):
        return sp.Piecewise(*((ordered(v), c) for v, c in expr.args), evaluate=False)
    return expr


def substitute(expr: sp.Expr, old: sp.Symbol, new: sp.Expr) -> sp.Expr:
    """``expr`` with ``old`` replaced by ``new``, keeping ``expr``'s written structure.

    SymPy's ``subs`` would evaluate: the power rule's w^{2−1} must stay so.
    """
    if expr == old:
        return new
    if not expr.args or not expr.has(old):
        return expr
    args = [substitute(a, old, new) for a in expr.args]
    try:
        return expr.func(*args, evaluate=False)
    except TypeError:  # a class without the evaluate flag
        return expr.func(*args)


def formula(expr: sp.Expr, names: Mapping[sp.Symbol, F.Formula] | None = None, *,
            power: bool = False) -> F.Formula:
    """The formula of ``expr``; with ``power``, a negative power stays a power.

    ``power`` is for the power rule and its chain rule: there the point is that
    1/(1 + e^{−u}) *is* (1 + e^{−u})^{−1}.
    """
    if power and isinstance(expr, sp.Pow) and expr.exp.is_negative:
        return F.Pow(transcribe(expr.base, names), transcribe(expr.exp, names))
    return transcribe(expr, names)


def source(expr: sp.Expr) -> str:
    """``expr`` as a string plain SymPy parses: σ and ReLU written out."""
    return sp.sstr(expand_definitions(expr), order="none")


def derivative_source(expr: sp.Expr, var: sp.Symbol) -> str:
    """``Derivative(expr, var)`` as a string plain SymPy parses."""
    return f"Derivative({source(expr)}, {var})"
