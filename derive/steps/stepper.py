"""Choosing the rule for an expression: finder functions in a type-keyed table.

:meth:`Stepper.step` looks the expression's SymPy class up in :data:`FINDERS`
(along the class hierarchy, so ``sp.sin`` finds the entry for functions); the
finder builds the rule, asking the stepper for the steps inside it. An
expression free of the variable is a constant whatever its class.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from derive.errors import ExpressionError
from derive.steps import rules as R
from derive.steps.elementary import ELEMENTARY, ExponentialRule
from derive.steps.functions import DEFINITIONS, Definition, leaky_relu, max_as_piecewise
from derive.steps.textbook import Textbook

#: The longest a derivation may take. A textbook exercise takes well under a
#: second; an expression that takes longer is better split into named intermediates.
TIME_LIMIT_SECONDS = 30.0
#: Names for the inner function of a chain rule, in order of preference.
DUMMY_NAMES = ("u", "v", "w", "t", "s", "r", "q", "p")


@dataclass(frozen=True)
class Settings:
    """How much a derivation shows.

    Attributes:
        definitions: derive σ, tanh and ReLU from their definitions (``full``
            detail) rather than quoting their derivatives (``brief``).
    """

    definitions: bool = True

    @classmethod
    def for_detail(cls, detail: str) -> Settings:
        """The settings for a ``detail:`` of ``brief`` or ``full``."""
        if detail not in ("brief", "full"):
            raise ValueError(f"detail is brief or full, not {detail!r}")
        return cls(definitions=detail == "full")


class Stepper:
    """Builds the rule tree of one derivation.

    Args:
        settings: what to show.
        taken: symbol names a chain rule's inner variable must not use.
        seconds: the time the whole derivation may take.
    """

    def __init__(self, settings: Settings, taken: set[str],
                 seconds: float = TIME_LIMIT_SECONDS):
        self.settings = settings
        self.taken = set(taken)
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        #: The inner variables introduced by chain rules (written with d, not ∂).
        self.dummies: list[sp.Symbol] = []

    def step(self, expr: sp.Expr, var: sp.Symbol) -> R.Rule:
        """The rule (with its sub-steps) that differentiates ``expr`` by ``var``.

        Raises:
            ExpressionError: for an expression no rule covers (an unknown function),
                or when the derivation takes longer than its time limit.
        """
        if time.monotonic() > self.deadline:
            raise ExpressionError(f"the derivation takes longer than {self.seconds:g} s; split "
                                  "the expression into named intermediates (y = …; z = …)")
        if not expr.has(var):
            return R.ConstantRule(expr, var)
        for kind in type(expr).__mro__:
            if kind in FINDERS:
                return FINDERS[kind](self, expr, var)
        raise ExpressionError(f"no differentiation rule for {expr}")

    def chain(self, expr: sp.Expr, var: sp.Symbol, outer: Callable[[sp.Symbol], sp.Expr],
              inner: sp.Expr) -> R.ChainRule:
        """The chain rule for ``outer(inner)``, naming the inner function afresh."""
        dummy = self.fresh()
        return R.ChainRule(expr, var, outer=outer(dummy), dummy=dummy,
                           outer_step=self.step(outer(dummy), dummy),
                           inner=self.step(inner, var))

    def define(self, expr: sp.Expr, var: sp.Symbol, definition: Definition) -> R.RewriteRule:
        """Differentiate a named function through its definition, then back to its name."""
        rewritten = definition.define(*expr.args)
        step = self.step(rewritten, var)
        textbook = None
        if definition.textbook is not None:
            textbook = Textbook(step.result, definition.textbook(var),
                                  definition.reason(var) if definition.reason else ())
        return R.RewriteRule(expr, var, rewritten=rewritten, step=step, textbook=textbook,
                             reason=(", the definition of ", definition.name + ","))

    def fresh(self) -> sp.Symbol:
        """A new inner variable, named so as not to clash with anything in sight."""
        names = (*DUMMY_NAMES, *(f"u_{i}" for i in range(1, 100)))
        name = next(n for n in names if n not in self.taken)
        self.taken.add(name)
        dummy = sp.Symbol(name, real=True)
        self.dummies.append(dummy)
        return dummy


def _mul(factors: list[sp.Expr]) -> sp.Expr:
    return factors[0] if len(factors) == 1 else sp.Mul(*factors, evaluate=False)


def _symbol(stepper: Stepper, expr: sp.Symbol, var: sp.Symbol) -> R.Rule:
    return R.VariableRule(expr, var)


def _sum(stepper: Stepper, expr: sp.Add, var: sp.Symbol) -> R.Rule:
    return R.SumRule(expr, var, terms=tuple(stepper.step(t, var) for t in expr.args))


def _product(stepper: Stepper, expr: sp.Mul, var: sp.Symbol) -> R.Rule:
    constant = [f for f in expr.args if not f.has(var)]
    varying = [f for f in expr.args if f.has(var)]
    if constant:
        return R.ConstantMultipleRule(expr, var, constant=_mul(constant),
                                      step=stepper.step(_mul(varying), var))
    below = [f for f in varying if isinstance(f, sp.Pow) and f.exp.is_number
             and f.exp.is_negative]
    above = [f for f in varying if f not in below]
    if below and above:
        denominator = _mul([sp.Pow(f.base, -f.exp) for f in below])
        return R.QuotientRule(expr, var, numerator=stepper.step(_mul(above), var),
                              denominator=stepper.step(denominator, var))
    return R.ProductRule(expr, var, left=stepper.step(varying[0], var),
                         right=stepper.step(_mul(varying[1:]), var))


def _power(stepper: Stepper, expr: sp.Pow, var: sp.Symbol) -> R.Rule:
    base, exponent = expr.args
    if not exponent.has(var):
        if base == var:
            return R.PowerRule(expr, var)
        return stepper.chain(expr, var, lambda w: sp.Pow(w, exponent), base)
    if base is sp.E:
        return stepper.step(sp.exp(exponent), var)
    if not base.has(var):
        if exponent == var:
            return ExponentialRule(expr, var)
        return stepper.chain(expr, var, lambda w: sp.Pow(base, w), exponent)
    rewritten = sp.exp(sp.Mul(exponent, sp.log(base), evaluate=False))
    return R.RewriteRule(expr, var, rewritten=rewritten, step=stepper.step(rewritten, var),
                         reason=(" (base and exponent both vary)",))


def _function(stepper: Stepper, expr: sp.Function, var: sp.Symbol) -> R.Rule:
    function, (argument, *parameters) = type(expr), expr.args
    if any(p.has(var) for p in parameters) or (parameters and function is not leaky_relu):
        raise ExpressionError(f"no differentiation rule for {expr}")
    if argument != var:
        return stepper.chain(expr, var, lambda w: function(w, *parameters), argument)
    if stepper.settings.definitions and function in DEFINITIONS:
        return stepper.define(expr, var, DEFINITIONS[function])
    if function not in ELEMENTARY:
        raise ExpressionError(f"no differentiation rule for the function {function.__name__}")
    return ELEMENTARY[function](expr, var)


def _min_max(stepper: Stepper, expr: sp.Max | sp.Min, var: sp.Symbol) -> R.Rule:
    cases = max_as_piecewise(expr)
    return R.RewriteRule(expr, var, rewritten=cases, step=stepper.step(cases, var),
                         reason=(" as cases",))


def _piecewise(stepper: Stepper, expr: sp.Piecewise, var: sp.Symbol) -> R.Rule:
    return R.PiecewiseRule(expr, var, pieces=tuple(stepper.step(value, var)
                                                   for value, _ in expr.args))


#: SymPy class → finder. Looked up along the class hierarchy, most specific first.
FINDERS: dict[type, Callable[[Stepper, sp.Expr, sp.Symbol], R.Rule]] = {
    sp.Symbol: _symbol,
    sp.Add: _sum,
    sp.Mul: _product,
    sp.Pow: _power,
    sp.Piecewise: _piecewise,
    sp.Max: _min_max,
    sp.Min: _min_max,
    sp.Function: _function,
}
