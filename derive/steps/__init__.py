"""Step-by-step differentiation: every derivative derived by named rules.

The whole flow is :func:`derive_steps`: the stepper picks a rule for the
expression (:mod:`~derive.steps.stepper`, rules in :mod:`~derive.steps.rules`
and :mod:`~derive.steps.elementary`), each rule is checked against
``sympy.diff`` as it is built (:mod:`~derive.steps.check`), a textbook form is
looked for (:mod:`~derive.steps.textbook`), and the
:class:`~derive.steps.derivation.Derivation` writes itself as document blocks
or JSON. :mod:`~derive.steps.network` builds the local derivatives of a
network; :mod:`~derive.steps.exercise` the documents of ``derive steps``.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from derive import formula as F
from derive.errors import ExpressionError
from derive.steps import textbook as textbooks
from derive.steps.derivation import Derivation
from derive.steps.stepper import Settings, Stepper
from derive.steps.written import ordered


def derive_steps(expr: sp.Expr, var: sp.Symbol,
                 names: Mapping[sp.Symbol, F.Formula] | None = None, *,
                 detail: str = "full", partial: bool | None = None,
                 label: F.Formula | None = None) -> Derivation:
    """Differentiate ``expr`` by ``var``, rule by rule, every step checked.

    Args:
        expr: a SymPy expression (σ and ReLU from :mod:`derive.steps.functions`),
            or text, which is read by :func:`derive.steps.parse.parse` (never
            evaluated); its terms are put in written order (x² − 1, y − o) first.
        var: the variable.
        names: how to write symbols (as for :func:`derive.transcribe.transcribe`).
        detail: ``full`` derives σ, tanh and ReLU from their definitions;
            ``brief`` quotes their derivatives.
        partial: write ∂ instead of d; by default when ``expr`` has other symbols.
        label: the derivative's own name (∂o₁/∂z₁), shown on the first line.

    Raises:
        ExpressionError: when no rule covers part of ``expr``, or it is undefined.
        StepCheckError: when a rule's result disagrees with ``sympy.diff`` (a bug).
    """
    if isinstance(expr, str):
        from derive.steps.parse import parse

        expr = parse(expr)
    expr = ordered(sp.sympify(expr, strict=True))
    if expr.doit().has(sp.zoo, sp.nan):
        raise ExpressionError(f"{expr} is undefined (a division by zero)")
    stepper = Stepper(Settings.for_detail(detail), {s.name for s in expr.free_symbols})
    root = stepper.step(expr, var)
    if partial is None:
        partial = bool(expr.free_symbols - {var})
    return Derivation(expr, var, root, textbooks.find(expr, var, root.result),
                      dict(names or {}), partial, frozenset(stepper.dummies), label)
