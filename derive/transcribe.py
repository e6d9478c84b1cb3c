"""Transcribe SymPy expressions into :mod:`derive.formula` trees.

Arguments are taken in their stored order, so an expression built unevaluated
(``Mul(a, 1 - a, evaluate=False)``) reads as it was written: a(1 − a).
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from derive import formula as F
from derive.rounding import given_text
from derive.vocabulary import FUNCTIONS

#: SymPy's function classes → their names in formula trees (the first entry of the
#: vocabulary wins: SymPy's log is written log, and ln only where a user wrote ln).
_FUNCTIONS: dict[type, str] = {}
for _entry in FUNCTIONS.values():
    _class = getattr(sp, _entry.sympy, None) if _entry.sympy else None
    if isinstance(_class, type):
        _FUNCTIONS.setdefault(_class, _entry.name)
_RELATIONS = {sp.StrictGreaterThan: ">", sp.StrictLessThan: "<", sp.GreaterThan: ">=",
              sp.LessThan: "<=", sp.Eq: "=", sp.Ne: "!="}


def transcribe(expr: sp.Basic, names: Mapping[sp.Symbol, F.Formula] | None = None) -> F.Formula:
    """The formula tree of ``expr``; symbols are looked up in ``names``.

    A symbol missing from ``names`` is written with its own name (``x``, ``y_1``).

    Raises:
        TypeError: for an expression kind with no written form here.
    """
    return _Transcriber(names or {}).go(expr)


class _Transcriber:
    def __init__(self, names):
        self.names = names

    def go(self, expr) -> F.Formula:
        if isinstance(expr, sp.Symbol):
            return self.names.get(expr) or symbol_formula(expr.name)
        if isinstance(expr, (sp.Integer, sp.Float)) or expr in (sp.S.Zero, sp.S.One):
            return F.Num(given_text(float(expr)) if isinstance(expr, sp.Float) else str(expr))
        if isinstance(expr, sp.Rational):
            frac = F.Frac(F.Num(str(abs(expr.p))), F.Num(str(expr.q)))
            return F.Neg(frac) if expr.p < 0 else frac
        if expr is sp.E:
            return F.Sym("e")
        if expr is sp.pi:
            return F.Sym("pi")
        if isinstance(expr, sp.Add):
            return F.Add(tuple(self.term(t) if i else self.go(t) for i, t in enumerate(expr.args)))
        if isinstance(expr, sp.Mul):
            return self.mul(expr)
        if isinstance(expr, sp.Pow):
            return self.power(expr)
        if isinstance(expr, sp.Piecewise):
            pieces = []
            for value, cond in expr.args:
                pieces.append((self.go(value),
                               F.Text("otherwise") if cond is sp.true else self.go(cond)))
            return F.Cases(tuple(pieces))
        if type(expr) in _RELATIONS:
            return F.Rel(self.go(expr.lhs), _RELATIONS[type(expr)], self.go(expr.rhs))
        if isinstance(expr, sp.core.function.Application):  # functions, max and min
            name = _FUNCTIONS.get(type(expr)) or getattr(expr.func, "__name__", None)
            if name:
                return F.Call(name, tuple(self.go(a) for a in expr.args))
        if isinstance(expr, sp.Derivative):
            (wrt, count), = expr.variable_count
            return F.Partial(self.go(expr.expr), self.go(wrt), total=len(expr.free_symbols) <= 1)
        raise TypeError(f"cannot write {type(expr).__name__} as a formula: {expr}")

    def term(self, expr) -> F.Formula:
        """A term after the first of a sum: a negative one becomes a subtraction."""
        coeff, rest = expr.as_coeff_Mul() if isinstance(expr, sp.Mul) else (None, None)
        if coeff is not None and coeff.is_negative:
            return F.Neg(self.go(sp.Mul(-coeff, rest, evaluate=False) if coeff != -1 else rest))
        if isinstance(expr, sp.Number) and expr.is_negative:
            return F.Neg(self.go(-expr))
        return self.go(expr)

    def mul(self, expr: sp.Mul) -> F.Formula:
        args = list(expr.args)
        if args[0] == -1 and len(args) > 1:
            return F.Neg(self.mul_parts(args[1:]))
        if isinstance(args[0], sp.Number) and args[0].is_negative and len(args) > 1:
            return F.Neg(self.mul_parts([-args[0], *args[1:]]))
        return self.mul_parts(args)

    def mul_parts(self, args) -> F.Formula:
        numerator, denominator = [], []
        for arg in args:
            # Only a literal negative exponent makes a fraction (x^{−1/2} is
            # 1/√x): an unevaluated one (the power rule's x^{−1−1}) stays a power.
            if isinstance(arg, sp.Pow) and isinstance(arg.exp, sp.Rational) \
                    and arg.exp.is_negative:
                denominator.append(sp.Pow(arg.base, -arg.exp, evaluate=False)
                                   if arg.exp != -1 else arg.base)
            else:
                numerator.append(arg)
        if denominator:
            top = F.mul(*(self.go(a) for a in numerator)) if numerator else F.Num("1")
            return F.Frac(top, F.mul(*(self.go(a) for a in denominator)))
        return F.mul(*(self.go(a) for a in numerator))

    def power(self, expr: sp.Pow) -> F.Formula:
        base, exp = expr.args
        if isinstance(exp, sp.Rational) and exp.is_negative:
            return F.Frac(F.Num("1"), self.go(sp.Pow(base, -exp, evaluate=False)
                                              if exp != -1 else base))
        if exp == sp.Rational(1, 2):
            return F.Call("sqrt", (self.go(base),))
        if base is sp.E:
            return F.Call("exp", (self.go(exp),))
        return F.Pow(self.go(base), self.go(exp))


def symbol_formula(name: str) -> F.Sym:
    """A plain symbol name (``x``, ``y_1``, ``sigma``) as a formula symbol."""
    base, _, sub = name.partition("_")
    return F.Sym(base, sub)
