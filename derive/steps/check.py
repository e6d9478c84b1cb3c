"""Proving that two expressions are equal, with SymPy.

Every step of a derivation is checked against ``sympy.diff`` and every
textbook rewrite against the form it replaces. A failure is a bug in derive
(:class:`StepCheckError`, deliberately not a :class:`~derive.errors.DeriveError`),
never something printed.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from derive.steps.functions import expand_definitions


class StepCheckError(AssertionError):
    """A rule produced a result that SymPy does not confirm: a bug in a rule."""


def equal(a: sp.Expr, b: sp.Expr, where: Mapping[sp.Symbol, sp.Expr] | None = None) -> bool:
    """True when SymPy proves ``a = b``; ``where`` substitutes names first (a = σ(z)).

    Cheap attempts come first; :func:`sympy.simplify` only when they fail, and
    the exponential form last (it is what proves 1 − tanh² = 1/cosh²).
    """
    a, b = (expand_definitions(sp.sympify(e).subs(where or {})) for e in (a, b))
    difference = sp.piecewise_fold(a - b) if (a.has(sp.Piecewise) or b.has(sp.Piecewise)) \
        else a - b
    if difference == 0 or sp.expand(difference) == 0:
        return True
    for attempt in (sp.simplify, lambda d: sp.simplify(d.rewrite(sp.exp))):
        if attempt(difference) == 0:
            return True
    return difference.equals(0) is True


def derivative_of(expr: sp.Expr, var: sp.Symbol) -> sp.Expr:
    """The reference derivative: ``sympy.diff`` of ``expr`` with definitions written out."""
    return sp.diff(expand_definitions(expr), var)


def confirm(expr: sp.Expr, var: sp.Symbol, result: sp.Expr, rule: str) -> None:
    """Raise :class:`StepCheckError` unless ``result`` is d/d``var`` ``expr``."""
    truth = derivative_of(expr, var)
    if not equal(result, truth):
        raise StepCheckError(f"{rule}: d/d{var} ({expr}) gave {result}, but sympy.diff "
                             f"gives {truth}")


def confirm_equal(before: sp.Expr, after: sp.Expr, rule: str,
                  where: Mapping[sp.Symbol, sp.Expr] | None = None) -> None:
    """Raise :class:`StepCheckError` unless ``before = after`` (a rewrite)."""
    if not equal(before, after, where):
        raise StepCheckError(f"{rule}: {before} is not equal to {after}")
