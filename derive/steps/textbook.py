"""Textbook forms of whole derivatives, found by recognising the function.

A :class:`Textbook` step rewrites a derivative into the form notes use and is
proved by SymPy when it is made. A named function (σ, tanh) carries its
textbook derivative in its :class:`~derive.steps.functions.Definition`; this
module also recognises the same functions *written out* (1/(1 + e^{−z}) is σ(z)).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

import sympy as sp

from derive import activations
from derive.formula import Inline
from derive.steps import check
from derive.steps.functions import sigmoid
from derive.steps.written import source, tidy


@dataclass(frozen=True)
class Textbook:
    """f′ = the form lecture notes write, proved equal by SymPy.

    Not a derivative but a rewrite of one; ``where`` names what the form uses
    (o = σ(z)) and is substituted for the proof.
    """

    before_expr: sp.Expr
    after_expr: sp.Expr
    reason: tuple[Inline, ...] = ()
    where: Mapping[sp.Symbol, sp.Expr] = field(default_factory=dict)

    title: ClassVar[str] = "Textbook form"

    def __post_init__(self):
        check.confirm_equal(self.before_expr, self.after_expr, self.title, self.where)

    def substeps(self):
        return ()

    def explain(self, show):
        return self.reason

    def before(self, show, total):
        return show(self.before_expr)

    def after(self, show):
        return show(self.after_expr)

    def sources(self):
        return source(self.before_expr), source(self.after_expr)

    @classmethod
    def key(cls):
        return "textbook"

    @classmethod
    def statement(cls):
        return (cls.__doc__ or "").strip().splitlines()[0]


def find(expr: sp.Expr, var: sp.Symbol, result: sp.Expr) -> Textbook | None:
    """The textbook form of ``result`` = d/d``var`` ``expr``, or None."""
    for recognise in RECOGNISERS:
        form = recognise(expr, var, result)
        if form is not None:
            return form
    return None


def written_sigmoid(expr: sp.Expr, var: sp.Symbol, result: sp.Expr) -> Textbook | None:
    """1/(1 + e^{−g}) is σ(g), so its derivative is σ(g)(1 − σ(g))·g′."""
    if not (isinstance(expr, sp.Pow) and expr.exp == -1 and isinstance(expr.base, sp.Add)):
        return None
    terms = set(expr.base.args)
    if len(terms) != 2 or sp.S.One not in terms:
        return None
    (power,) = terms - {sp.S.One}
    if not isinstance(power, sp.exp):
        return None
    inner = tidy(-power.args[0])
    form = activations.RULES["sigmoid"].derivative(sigmoid(inner), inner)
    if inner != var:
        form = sp.Mul(form, tidy(sp.diff(inner, var)), evaluate=False)
    return Textbook(result, form, ("with ", sp.Eq(sigmoid(inner), expr, evaluate=False),
                                   ", the sigmoid."))


#: Recognisers, tried in order; each returns a Textbook rewrite or None.
RECOGNISERS: tuple[Callable[[sp.Expr, sp.Symbol, sp.Expr], Textbook | None], ...] = (
    written_sigmoid,
)
