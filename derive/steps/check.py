"""Proving that two expressions are equal, with SymPy.

Every step of a derivation is checked against ``sympy.diff`` and every
textbook rewrite against the form it replaces. A failure is a bug in derive
(:class:`StepCheckError`, deliberately not a :class:`~derive.errors.DeriveError`),
never something printed.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import sympy as sp

from derive.steps.functions import expand_definitions


class StepCheckError(AssertionError):
    """A rule produced a result that SymPy does not confirm: a bug in a rule.

    ``rule`` names the rule, for the one line the CLI prints instead of the steps.
    """

    def __init__(self, message: str, rule: str = "a rule"):
        super().__init__(message)
        self.rule = rule


def equal(a: sp.Expr, b: sp.Expr, where: Mapping[sp.Symbol, sp.Expr] | None = None,
          domain: sp.Expr | None = None) -> bool:
    """True when SymPy proves ``a = b``; ``where`` substitutes names first (a = σ(z)).

    ``domain`` is the function whose real domain matters (what is differentiated):
    where it is not real, nothing is claimed.

    Cheap attempts come first; :func:`sympy.simplify` only when they fail, and
    the exponential form last (it is what proves 1 − tanh² = 1/cosh²).
    """
    a, b = (real(expand_definitions(sp.sympify(e, strict=True).subs(where or {}))) for e in (a, b))
    cases = a.has(sp.Piecewise) or b.has(sp.Piecewise)
    difference = sp.piecewise_fold(a - b) if cases else a - b
    if difference == 0 or sp.expand(difference) == 0:
        return True
    for attempt in (*_ATTEMPTS, lambda d: 0 if d.equals(0) is True else d):
        try:
            if attempt(difference) == 0:
                return True
        except (TypeError, ValueError):
            # SymPy may compare a non-real value (1/|x| at 0) while trying: no proof.
            continue
    if cases:
        reference = (real(expand_definitions(sp.sympify(domain, strict=True)))
                     if domain is not None else b)
        return _on_each_side_of_zero(difference, reference)
    # SymPy keeps log x and √x complex for x < 0 and then cannot decide; without
    # cases, an identity of the elementary functions is proved where they are real.
    return not cases and sp.simplify(positive(difference)) == 0


def _on_each_side_of_zero(difference: sp.Expr, domain: sp.Expr) -> bool:
    """Cases that break at 0 (ReLU, |x|): zero for every choice of signs of the symbols.

    Each choice settles the conditions, leaving smooth expressions to simplify;
    the single point 0 is where the convention of the rule decides. A side where
    ``domain`` is not real (log x for x < 0) is outside the domain: nothing is
    claimed there.
    """
    symbols = sorted(difference.free_symbols, key=lambda s: s.name)
    if len(symbols) > 4:
        return False
    for signs in itertools.product((1, -1), repeat=len(symbols)):
        side = {s: sign * sp.Symbol(s.name, positive=True) for s, sign in
                zip(symbols, signs, strict=True)}
        settled = sp.piecewise_fold(difference.xreplace(side).rewrite(sp.Piecewise))
        if settled.has(sp.Piecewise):
            return False
        if sp.simplify(settled) != 0 and _real_somewhere(domain.xreplace(side)):
            return False
    return True


def _real_somewhere(expr: sp.Expr) -> bool:
    """False when ``expr`` is not real at sample points of this side: some part of it
    (log x for x < 0) is not, even if the whole is (|log x| of a complex log is real)."""
    for value in (sp.Rational(37, 100), sp.Rational(19, 10)):
        point = {s: value for s in expr.free_symbols}
        if all(_is_real_at(part, point) for part in sp.preorder_traversal(expr)
               if isinstance(part, sp.Expr) and part.free_symbols):
            return True
    return False


def _is_real_at(part: sp.Expr, point) -> bool:
    try:
        number = complex(part.subs(point).evalf())
    except (TypeError, ValueError):  # undefined there (a comparison of non-reals)
        return False
    return abs(number.imag) <= 1e-12 * max(1.0, abs(number.real))


_ATTEMPTS = (
    # One denominator proves most textbook rewrites (σ(1 − σ)) in milliseconds.
    lambda d: sp.cancel(sp.together(d)),
    sp.simplify,
    lambda d: sp.simplify(d.rewrite(sp.exp)),
    # |x|, sign and max inside cases: all as cases, then merged.
    lambda d: sp.simplify(sp.piecewise_fold(d.rewrite(sp.Piecewise))),
)


def derivative_of(expr: sp.Expr, var: sp.Symbol) -> sp.Expr:
    """The reference derivative: ``sympy.diff`` of ``expr`` with definitions written out."""
    return sp.diff(real(expand_definitions(expr)), real(var))


def positive(expr: sp.Expr) -> sp.Expr:
    """``expr`` with every symbol declared positive."""
    return expr.xreplace({s: sp.Symbol(s.name, positive=True) for s in expr.free_symbols
                          if isinstance(s, sp.Symbol)})


def real(expr: sp.Expr) -> sp.Expr:
    """``expr`` with every symbol declared real, as the quantities of calculus are.

    Without it SymPy differentiates |x| for complex x.
    """
    swap = {s: sp.Symbol(s.name, real=True) for s in expr.free_symbols
            if isinstance(s, sp.Symbol) and not s.is_real}
    return expr.xreplace(swap) if swap else expr


def confirm(expr: sp.Expr, var: sp.Symbol, result: sp.Expr, rule: str,
            where: Mapping[sp.Symbol, sp.Expr] | None = None) -> None:
    """Raise :class:`StepCheckError` unless ``result`` is d/d``var`` ``expr``.

    ``where`` states what the step assumes (targets adding up to 1).
    """
    truth = derivative_of(expr.subs(where or {}), var)
    if not equal(result, truth, where, domain=expr.subs(where or {})):
        raise StepCheckError(f"{rule}: d/d{var} ({expr}) gave {result}, but sympy.diff "
                             f"gives {truth}", rule)


def confirm_equal(before: sp.Expr, after: sp.Expr, rule: str,
                  where: Mapping[sp.Symbol, sp.Expr] | None = None) -> None:
    """Raise :class:`StepCheckError` unless ``before = after`` (a rewrite)."""
    if not equal(before, after, where):
        raise StepCheckError(f"{rule}: {before} is not equal to {after}", rule)
