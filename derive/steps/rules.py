"""The differentiation rules, as data.

Each rule is a small frozen dataclass whose docstring *is* the rule. It holds
the expression it differentiates, the variable and the steps it used inside
(:meth:`Rule.substeps`); :meth:`Rule.apply` writes the rule applied as a
student would (``3x^{3−1}``) and :attr:`Rule.result` is that line tidied
(``3x²``). Building a rule checks it against ``sympy.diff``, so a wrong
step cannot exist, let alone be printed.

Which rule applies to which expression is decided in :mod:`derive.steps.stepper`;
the functions with a derivative of their own (sin, exp, σ …) are in
:mod:`derive.steps.elementary`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

import sympy as sp

from derive import formula as F
from derive.formula import Inline
from derive.steps import check
from derive.steps.written import derivative_source, source, substitute, tidy

if TYPE_CHECKING:
    from derive.steps.textbook import Textbook

#: ``show(expr, power=False) -> Formula``: how a rule writes its expressions.
Show = Callable[..., F.Formula]


@dataclass(frozen=True)
class Rule:
    """d/dx f, by one named rule (the base class; never used itself)."""

    expr: sp.Expr
    var: sp.Symbol

    title: ClassVar[str] = ""

    def __post_init__(self):
        self.check()

    def apply(self) -> sp.Expr:
        """The rule applied, as written before any tidying."""
        raise NotImplementedError

    @cached_property
    def result(self) -> sp.Expr:
        """The derivative, tidied: what the next step works with."""
        return tidy(self.apply())

    def substeps(self) -> tuple[Rule, ...]:
        """The rules used inside this one, in the order they are written."""
        return ()

    def explain(self, show: Show) -> tuple[Inline, ...]:
        """What the reader needs to follow the step (empty when the rule says it all)."""
        return ()

    def shows_power(self) -> bool:
        """True when the expression is best written as a power (x^{−1}, not 1/x)."""
        return False

    def before(self, show: Show, total: bool) -> F.Formula:
        """What the step starts from: d/dx f (∂/∂x f unless ``total``)."""
        return F.Partial(show(self.expr, power=self.shows_power()), show(self.var), total)

    def after(self, show: Show) -> F.Formula:
        """What it gives: the rule applied and, when that differs, the tidy result."""
        applied, result = show(self.apply()), show(self.result)
        return result if F.normal(applied) == F.normal(result) else F.Rel(applied, "=", result)

    def sources(self) -> tuple[str, str]:
        """``before`` and ``after`` as strings plain SymPy parses (for JSON and checks)."""
        return derivative_source(self.expr, self.var), source(self.result)

    def check(self) -> None:
        """Raise :class:`~derive.steps.check.StepCheckError` unless the result is right."""
        check.confirm(self.expr, self.var, self.result, self.title)

    @classmethod
    def key(cls) -> str:
        """The rule's name in JSON: ``ConstantMultipleRule`` → ``constant_multiple``."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__.removesuffix("Rule")).lower()

    @classmethod
    def statement(cls) -> str:
        """The rule itself: the first line of its docstring."""
        return (cls.__doc__ or "").strip().splitlines()[0]


@dataclass(frozen=True)
class ConstantRule(Rule):
    """d/dx c = 0"""

    title = "Constant rule"

    def apply(self):
        return sp.S.Zero

    def explain(self, show):
        if self.expr.is_number:
            return ()
        return (show(self.expr), " does not depend on ", show(self.var), ".")


@dataclass(frozen=True)
class VariableRule(Rule):
    """d/dx x = 1"""

    title = "Variable rule"

    def apply(self):
        return sp.S.One


@dataclass(frozen=True)
class SumRule(Rule):
    """d/dx (f + g) = f′ + g′"""

    title = "Sum rule"
    terms: tuple[Rule, ...] = ()

    def apply(self):
        return sp.Add(*(t.result for t in self.terms), evaluate=False)

    def substeps(self):
        return self.terms

    def explain(self, show):
        return ("Differentiate term by term.",)


@dataclass(frozen=True)
class ConstantMultipleRule(Rule):
    """d/dx (c·f) = c·f′"""

    title = "Constant multiple rule"
    constant: sp.Expr = sp.S.One
    step: Rule | None = None

    def apply(self):
        return sp.Mul(self.constant, self.step.result, evaluate=False)

    def substeps(self):
        return (self.step,)

    def explain(self, show):
        return ("The constant factor ", show(self.constant), " stays in front.")


@dataclass(frozen=True)
class ProductRule(Rule):
    """d/dx (f·g) = f′·g + f·g′"""

    title = "Product rule"
    left: Rule | None = None
    right: Rule | None = None

    def apply(self):
        f, g = self.left.expr, self.right.expr
        return sp.Add(sp.Mul(self.left.result, g, evaluate=False),
                      sp.Mul(f, self.right.result, evaluate=False), evaluate=False)

    def substeps(self):
        return (self.left, self.right)

    def explain(self, show):
        return ("With ", F.Rel(F.Sym("f"), "=", show(self.left.expr)), " and ",
                F.Rel(F.Sym("g"), "=", show(self.right.expr)), ".")


@dataclass(frozen=True)
class QuotientRule(Rule):
    """d/dx (f/g) = (f′·g − f·g′)/g²"""

    title = "Quotient rule"
    numerator: Rule | None = None
    denominator: Rule | None = None

    def apply(self):
        f, g = self.numerator.expr, self.denominator.expr
        top = sp.Add(sp.Mul(self.numerator.result, g, evaluate=False),
                     sp.Mul(-1, sp.Mul(f, self.denominator.result, evaluate=False),
                            evaluate=False), evaluate=False)
        return sp.Mul(top, sp.Pow(sp.Pow(g, 2, evaluate=False), -1, evaluate=False),
                      evaluate=False)

    def substeps(self):
        return (self.numerator, self.denominator)

    def explain(self, show):
        return ("With ", F.Rel(F.Sym("f"), "=", show(self.numerator.expr)), " and ",
                F.Rel(F.Sym("g"), "=", show(self.denominator.expr)), ".")


@dataclass(frozen=True)
class PowerRule(Rule):
    """d/dx xⁿ = n·xⁿ⁻¹"""

    title = "Power rule"

    def apply(self):
        n = self.expr.exp
        return sp.Mul(n, sp.Pow(self.var, sp.Add(n, -1, evaluate=False), evaluate=False),
                      evaluate=False)

    def shows_power(self):
        return True


@dataclass(frozen=True)
class ChainRule(Rule):
    """d/dx f(g(x)) = f′(g(x))·g′(x)"""

    title = "Chain rule"
    outer: sp.Expr = sp.S.Zero
    dummy: sp.Symbol = sp.Symbol("u")
    inner: Rule | None = None
    outer_step: Rule | None = None

    def apply(self):
        # A one-line outer derivative is shown as applied (2(y − o)^{2−1});
        # a derived one (σ from its definition) by its final form.
        outer = self.outer_step.apply() if not self.outer_step.substeps() \
            else self.outer_step.result
        return sp.Mul(substitute(outer, self.dummy, self.inner.expr), self.inner.result,
                      evaluate=False)

    def substeps(self):
        return (self.outer_step, self.inner)

    def shows_power(self):
        return isinstance(self.outer, sp.Pow)

    def explain(self, show):
        return ("Outer function ", show(self.outer, power=True), ", inner function ",
                F.Rel(show(self.dummy), "=", show(self.inner.expr)),
                ": the outer derivative at ", show(self.dummy),
                " times the derivative of the inner function.")


@dataclass(frozen=True)
class RewriteRule(Rule):
    """d/dx f = d/dx g when f = g"""

    title = "Rewrite"
    rewritten: sp.Expr = sp.S.Zero
    step: Rule | None = None
    reason: tuple[Inline, ...] = ()
    textbook: Textbook | None = None
    #: What the rewrite assumes, as substitutions (y₃ = 1 − y₁ − y₂).
    where: Mapping[sp.Symbol, sp.Expr] = field(default_factory=dict)

    def apply(self):
        return self.step.result

    @cached_property
    def result(self):
        if self.textbook is not None:
            return self.textbook.after_expr
        # Written back in the original's terms: e^{x ln x} is x^x again.
        return tidy(self.step.result.xreplace({self.rewritten: self.expr}))

    def substeps(self):
        return (self.step,) + ((self.textbook,) if self.textbook is not None else ())

    def shows_power(self):
        return self.step.shows_power()

    def check(self):
        check.confirm_equal(self.expr, self.rewritten, self.title, self.where)
        check.confirm(self.expr, self.var, self.result, self.title, self.where)

    def explain(self, show):
        chain = F.Rel(show(self.expr), "=", show(self.rewritten))
        if isinstance(self.rewritten, sp.Pow) and self.rewritten.exp.is_negative:
            chain = F.Rel(chain, "=", show(self.rewritten, power=True))
        return ("Write ", chain, *self.reason, " and differentiate that.")


@dataclass(frozen=True)
class PiecewiseRule(Rule):
    """d/dx {f(x) if c; g(x) otherwise} = {f′(x) if c; g′(x) otherwise}"""

    title = "Cases"
    pieces: tuple[Rule, ...] = ()

    def apply(self):
        conditions = [c for _, c in self.expr.args]
        return sp.Piecewise(*((p.result, c) for p, c in zip(self.pieces, conditions,
                                                              strict=True)), evaluate=False)

    def substeps(self):
        return self.pieces

    def explain(self, show):
        return ("Differentiate each case on its own. ", *self.kink(show))

    def kink(self, show) -> tuple[Inline, ...]:
        """The convention where the cases meet (ReLU at 0), said explicitly."""
        relations = [c for _, c in self.expr.args if isinstance(c, sp.core.relational.Relational)]
        points = sp.solve(sp.Eq(relations[0].lhs, relations[0].rhs), self.var) \
            if len(relations) == 1 else []
        if len(points) != 1:
            return ("Where the cases meet, we use the case whose condition holds there.",)
        at = {self.var: points[0]}
        meeting = F.Rel(show(self.var), "=", show(points[0]))
        taken = self.result.subs(at)
        slopes = {sp.simplify(p.result.subs(at)) for p in self.pieces}
        if len(slopes) == 1:
            return ("At ", meeting, " both cases have slope ", show(taken), ".")
        return ("At ", meeting, " the cases give different slopes, so there is no derivative "
                "there; by convention we use the case that holds at ", meeting,
                ", so the derivative there is taken to be ", show(taken), ".")


@dataclass(frozen=True)
class IntermediateChainRule(Rule):
    """dz/dx = ∂z/∂y·dy/dx (+ ∂z/∂x when z also uses x directly)"""

    title = "Chain rule through intermediates"
    target: sp.Symbol = sp.Symbol("z")
    links: tuple[tuple[sp.Symbol, Rule, Rule], ...] = ()
    direct: Rule | None = None
    definitions: Mapping[sp.Symbol, sp.Expr] = field(default_factory=dict)

    def apply(self):
        terms = [sp.Mul(outer.result, inner.result, evaluate=False)
                 for _, outer, inner in self.links]
        if self.direct is not None:
            terms.append(self.direct.result)
        return sp.Add(*terms, evaluate=False)

    def substeps(self):
        steps = [step for _, outer, inner in self.links for step in (outer, inner)]
        return tuple(steps) + ((self.direct,) if self.direct is not None else ())

    def check(self):
        # z's definition uses y, which depends on x: compare with y written out.
        expand = full_substitution(self.definitions)
        check.confirm(expand(self.expr), self.var, expand(self.result), self.title)

    def before(self, show, total):
        target, var = show(self.target), show(self.var)
        terms = [F.Mul((F.Partial(target, show(y), total), F.Partial(show(y), var, total)))
                 for y, _, _ in self.links]
        if self.direct is not None:
            terms.append(F.Partial(target, var, total))
        return F.add(*terms)

    def sources(self):
        expand = full_substitution(self.definitions)
        return derivative_source(expand(self.expr), self.var), source(expand(self.result))


def full_substitution(definitions: Mapping[sp.Symbol, sp.Expr]):
    """A function writing every named intermediate out in terms of the variables."""
    def expand(expr):
        for _ in range(len(definitions) + 1):
            expr = expr.subs(definitions)
        return expr
    return expand

