"""Functions with a derivative of their own: d/dx sin x = cos x and the like.

Each rule differentiates its function applied to the variable itself; the
stepper wraps anything else in the chain rule. :data:`ELEMENTARY` maps a
SymPy function class to its rule, and a rule joins it through the
:func:`elementary` decorator, so a new function is added in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from derive import activations
from derive.steps.functions import leaky_relu, relu, sigmoid
from derive.steps.rules import Rule

#: Function class → the rule for that function at the variable.
ELEMENTARY: dict[type, type[Rule]] = {}


def elementary(function: type):
    """Register the decorated rule as the derivative of ``function``."""
    def register(rule: type[Rule]) -> type[Rule]:
        ELEMENTARY[function] = rule
        return rule
    return register


@elementary(sp.exp)
@dataclass(frozen=True)
class ExpRule(Rule):
    """d/dx eˣ = eˣ"""

    title = "Exponential rule"

    def apply(self):
        return sp.exp(self.var)


@elementary(sp.log)
@dataclass(frozen=True)
class LogRule(Rule):
    """d/dx ln x = 1/x"""

    title = "Logarithm rule"

    def apply(self):
        return sp.Pow(self.var, -1)


@elementary(sp.sin)
@dataclass(frozen=True)
class SinRule(Rule):
    """d/dx sin x = cos x"""

    title = "Derivative of sine"

    def apply(self):
        return sp.cos(self.var)


@elementary(sp.cos)
@dataclass(frozen=True)
class CosRule(Rule):
    """d/dx cos x = −sin x"""

    title = "Derivative of cosine"

    def apply(self):
        return -sp.sin(self.var)


@elementary(sp.tan)
@dataclass(frozen=True)
class TanRule(Rule):
    """d/dx tan x = 1 + tan² x"""

    title = "Derivative of tangent"

    def apply(self):
        return sp.Add(1, sp.Pow(sp.tan(self.var), 2), evaluate=False)


@elementary(sp.sinh)
@dataclass(frozen=True)
class SinhRule(Rule):
    """d/dx sinh x = cosh x"""

    title = "Derivative of sinh"

    def apply(self):
        return sp.cosh(self.var)


@elementary(sp.cosh)
@dataclass(frozen=True)
class CoshRule(Rule):
    """d/dx cosh x = sinh x"""

    title = "Derivative of cosh"

    def apply(self):
        return sp.sinh(self.var)


@elementary(sp.tanh)
@dataclass(frozen=True)
class TanhRule(Rule):
    """d/dx tanh x = 1 − tanh² x"""

    title = "Derivative of tanh"

    def apply(self):
        return activations.RULES["tanh"].derivative(sp.tanh(self.var), self.var)


@elementary(sp.asin)
@dataclass(frozen=True)
class AsinRule(Rule):
    """d/dx arcsin x = 1/√(1 − x²)"""

    title = "Derivative of arcsine"

    def apply(self):
        return sp.Pow(sp.sqrt(1 - self.var ** 2), -1)


@elementary(sp.acos)
@dataclass(frozen=True)
class AcosRule(Rule):
    """d/dx arccos x = −1/√(1 − x²)"""

    title = "Derivative of arccosine"

    def apply(self):
        return -sp.Pow(sp.sqrt(1 - self.var ** 2), -1)


@elementary(sp.atan)
@dataclass(frozen=True)
class AtanRule(Rule):
    """d/dx arctan x = 1/(1 + x²)"""

    title = "Derivative of arctangent"

    def apply(self):
        return sp.Pow(1 + self.var ** 2, -1)


@elementary(sp.Abs)
@dataclass(frozen=True)
class AbsRule(Rule):
    """d/dx |x| = sign(x), taking sign(0) = 0 where |x| has no derivative"""

    title = "Derivative of the absolute value"

    def apply(self):
        return sp.sign(self.var)

    def explain(self, show):
        return ("At ", show(sp.Eq(self.var, 0)), " the graph of ", show(self.expr),
                " has a corner and no derivative; by convention we take ",
                show(sp.Eq(sp.sign(0, evaluate=False), 0, evaluate=False)), ".")


@elementary(sigmoid)
@dataclass(frozen=True)
class SigmoidRule(Rule):
    """d/dx σ(x) = σ(x)(1 − σ(x))"""

    title = "Derivative of the sigmoid"

    def apply(self):
        return activations.RULES["sigmoid"].derivative(sigmoid(self.var), self.var)


@elementary(relu)
@dataclass(frozen=True)
class ReluRule(Rule):
    """d/dx ReLU(x) = 1 if x > 0, else 0 (0 at the kink x = 0, by convention)"""

    title = "Derivative of ReLU"

    def apply(self):
        return activations.RULES["relu"].derivative(relu(self.var), self.var)

    def explain(self, show):
        return ("At ", show(sp.Eq(self.var, 0)), " ReLU has a kink and no derivative; by "
                "convention the derivative there is taken to be 0.")


@elementary(leaky_relu)
@dataclass(frozen=True)
class LeakyReluRule(Rule):
    """d/dx LeakyReLU(x) = 1 if x > 0, else the slope a (a at x = 0, by convention)"""

    title = "Derivative of leaky ReLU"

    def apply(self):
        slope = self.expr.args[1]
        return activations.RULES["leaky_relu"].derivative(self.expr, self.var, slope)

    def explain(self, show):
        return ("At ", show(sp.Eq(self.var, 0)), " leaky ReLU has a kink; by convention the "
                "derivative there is taken to be the slope ", show(self.expr.args[1]), ".")


@dataclass(frozen=True)
class ExponentialRule(Rule):
    """d/dx aˣ = aˣ·ln a"""

    title = "Exponential rule (base a)"

    def apply(self):
        return sp.Mul(self.expr, sp.log(self.expr.base), evaluate=False)
