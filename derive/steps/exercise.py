"""A calculus exercise (``derive steps``), worked out rule by rule.

An :class:`Exercise` is a function (possibly through named intermediates,
y = 2x + 3, z = y²), the variables to differentiate by, and optionally a
point. :func:`solve` derives each derivative (:func:`derive.steps.derive_steps`)
and, at a point, evaluates the slopes and the linear approximation
Δf ≈ f′·Δx against the true change. :mod:`derive.worked.calculus` writes the
document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import sympy as sp

from derive import formula as F
from derive.errors import ExpressionError, MathError
from derive.rounding import Precision, RoundingPolicy, plain, to_decimal
from derive.steps import derive_steps
from derive.steps import rules as R
from derive.steps.derivation import Derivation
from derive.steps.parse import parse_definition, parse_point, parse_symbol
from derive.steps.stepper import Settings, Stepper
from derive.steps.textbook import Textbook
from derive.steps.written import ordered, tidy
from derive.transcribe import symbol_formula

#: Values that are not exact short decimals are shown to this many figures.
APPROXIMATE = RoundingPolicy(default=Precision(sig=6))
#: Largest value shown at a point.
MAX_VALUE = 1e100
#: Exact values with more operations than this are simplified no further and shown
#: as decimals: a reader gains nothing from a line-long exact form.
SIMPLE_OPS = 20


@dataclass(frozen=True)
class Exercise:
    """What ``derive steps`` was asked.

    Attributes:
        function: the expression to differentiate (in terms of intermediates, if any).
        name: its name when given as ``z = …`` (else it is called f).
        intermediates: named intermediate quantities, e.g. {y: 2x + 3}.
        wrt: the variables; empty means every variable, in name order.
        at: a point at which to evaluate the derivatives.
        dx: the step Δx of the linear approximation (one variable only).
        detail: ``full`` or ``brief`` (σ, tanh, ReLU from their definitions or not).
    """

    function: sp.Expr
    name: sp.Symbol | None = None
    intermediates: Mapping[sp.Symbol, sp.Expr] = field(default_factory=dict)
    wrt: tuple[sp.Symbol, ...] = ()
    at: Mapping[sp.Symbol, sp.Expr] = field(default_factory=dict)
    dx: sp.Expr = sp.Rational(1, 10)
    detail: str = "full"

    @classmethod
    def from_text(cls, expressions: Sequence[str], wrt: Sequence[str] = (),
                  at: Sequence[str] = (), dx: str = "0.1", detail: str = "full") -> Exercise:
        """Read the command line: expressions (``;`` separates definitions), names, points.

        Raises:
            ExpressionError: for anything unreadable or inconsistent.
        """
        parts = [p for text in expressions for p in text.split(";") if p.strip()]
        if not parts:
            raise ExpressionError("give an expression to differentiate")
        definitions = [parse_definition(p) for p in parts]
        *links, (name, function) = definitions
        if any(n is None for n, _ in links):
            raise ExpressionError("only the last expression may be unnamed: write "
                                  "\"y = 2*x + 3; z = y**2\"")
        point = dict(parse_point(p) for p in at)
        exercise = cls(ordered(function), name, {n: ordered(e) for n, e in links},
                       tuple(parse_symbol(w) for text in wrt for w in text.split(",")
                             if w.strip()), point, parse_point(f"dx={dx}")[1], detail)
        return exercise.checked()

    def checked(self) -> Exercise:
        """This exercise with its variables filled in; raises if it makes no sense."""
        variables = self.variables()
        missing = [str(s) for s in (*self.wrt, *self.at) if s not in variables]
        if missing:
            raise ExpressionError(f"{', '.join(missing)} does not occur in the function")
        if not variables:
            raise ExpressionError("the function has no variable to differentiate by")
        unset = [str(s) for s in variables if self.at and s not in self.at]
        if unset:
            raise ExpressionError(f"--at: give a value for every variable; "
                                  f"{', '.join(unset)} has none")
        if not 1e-9 <= abs(self.dx) <= 1e6:
            raise ExpressionError("--dx: expected a step between 1e-9 and 1e6 in size")
        return self if self.wrt else Exercise(self.function, self.name, self.intermediates,
                                              tuple(variables), self.at, self.dx, self.detail)

    def variables(self) -> list[sp.Symbol]:
        """The function's variables (intermediates written out), by name."""
        return sorted(self.expanded(self.function).free_symbols, key=lambda s: s.name)

    def expanded(self, expr: sp.Expr) -> sp.Expr:
        """``expr`` with every intermediate written out."""
        return R.full_substitution(self.intermediates)(expr)

    def label(self) -> F.Formula:
        """The function's written name: z, or f(x, y)."""
        if self.name is not None:
            return symbol_formula(self.name.name)
        return F.Call("f", tuple(symbol_formula(v.name) for v in self.variables()))


@dataclass(frozen=True)
class LinearApproximation:
    """Δf ≈ f′(x)·Δx at the point, against the true change f(x + Δx) − f(x)."""

    var: sp.Symbol
    dx: sp.Expr
    slope: sp.Expr
    start: sp.Expr
    end: sp.Expr
    estimate: sp.Expr
    actual: sp.Expr


@dataclass(frozen=True)
class Solved:
    """An exercise worked out: its derivations and, at a point, their values.

    Attributes:
        exercise: what was asked.
        derivations: one per variable of ``exercise.wrt``, in order.
        slopes: each derivative's value at ``exercise.at`` (empty without a point).
        linear: the linear approximation (one variable, every variable at the point).
    """

    exercise: Exercise
    derivations: tuple[Derivation, ...]
    slopes: Mapping[sp.Symbol, sp.Expr] = field(default_factory=dict)
    linear: LinearApproximation | None = None


def solve(exercise: Exercise) -> Solved:
    """Derive every derivative the exercise asks for and evaluate it at its point."""
    derivations = tuple(derivation(exercise, var) for var in exercise.wrt)
    if not exercise.at:
        return Solved(exercise, derivations)
    point = dict(exercise.at)
    slopes = {d.var: _evaluate(exercise.expanded(d.final), point, d.var) for d in derivations}
    linear = None
    if len(derivations) == 1 and set(point) == set(exercise.variables()):
        var, dx = derivations[0].var, exercise.dx
        f = exercise.expanded(exercise.function)
        start = _evaluate(f, point, var)
        end = _evaluate(f, {**point, var: point[var] + dx}, var)
        linear = LinearApproximation(var, dx, slopes[var], start, end,
                                     tidy(slopes[var] * dx), tidy(end - start))
    return Solved(exercise, derivations, slopes, linear)


def derivation(exercise: Exercise, var: sp.Symbol) -> Derivation:
    """The derivative of the exercise's function by ``var``, through intermediates if any."""
    partial = len(exercise.wrt) > 1 or bool(exercise.expanded(exercise.function)
                                           .free_symbols - {var})
    label = F.Partial(F.Sym(function_name(exercise)), symbol_formula(var.name),
                      total=not partial)
    if not exercise.intermediates:
        return derive_steps(exercise.function, var, detail=exercise.detail, partial=partial,
                            label=label)
    stepper = Stepper(Settings.for_detail(exercise.detail),
                      {s.name for s in exercise.expanded(exercise.function).free_symbols}
                      | {s.name for s in exercise.intermediates})
    target = exercise.name or sp.Symbol("f", real=True)
    root = _through(stepper, target, exercise.function, var, exercise.intermediates)
    in_variables = tidy(sp.expand(exercise.expanded(root.result)))
    textbook = None
    if in_variables != root.result:
        used = [sp.Eq(k, v, evaluate=False) for k, v in exercise.intermediates.items()
                if root.result.has(k)]
        textbook = Textbook(root.result, in_variables,
                            ("substituting ", *F.joined(used), "."), dict(exercise.intermediates))
    return Derivation(exercise.function, var, root, textbook, {}, partial,
                      frozenset(stepper.dummies), label)


def _through(stepper: Stepper, target: sp.Symbol, expr: sp.Expr, var: sp.Symbol,
             intermediates: Mapping[sp.Symbol, sp.Expr]) -> R.Rule:
    """d target/d var when ``expr`` (target's definition) uses intermediates."""
    used = [y for y in intermediates if expr.has(y)]
    if not used:
        return stepper.step(expr, var)
    links = tuple((y, stepper.step(expr, y), _through(stepper, y, intermediates[y], var,
                                                       intermediates)) for y in used)
    direct = stepper.step(expr, var) if expr.has(var) else None
    return R.IntermediateChainRule(expr, var, target=target, links=links, direct=direct,
                                   definitions=dict(intermediates))


def _evaluate(expr: sp.Expr, point: Mapping[sp.Symbol, sp.Expr], var: sp.Symbol) -> sp.Expr:
    value = expr.subs(point)
    # A float estimate first: simplifying or printing e^(e^100) exactly would not finish.
    estimate = value.evalf(20)
    if estimate.is_number and estimate.is_finite and abs(estimate) > MAX_VALUE:
        raise MathError(f"a value at that point is larger than {MAX_VALUE:g}: no exercise "
                        "needs that; choose a smaller point")
    if sp.count_ops(value) <= SIMPLE_OPS:  # simplify is slow on long forms (sin(sin(…(1))))
        value = sp.simplify(value)
    if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or value.is_real is False:
        raise MathError(f"the derivative by {var} is undefined at that point")
    return value


def plain_value(value: sp.Expr) -> str:
    """A number as text: exact when it is a short decimal, else to six figures."""
    if value.is_Rational and terminates(value):
        return plain(to_decimal(str(sp.Float(value, 30))).normalize())
    return APPROXIMATE.text(APPROXIMATE.round(str(sp.N(value, 30))))


def terminates(value: sp.Rational) -> bool:
    """True when ``value`` is a finite decimal (its denominator has no prime but 2 and 5)."""
    q = value.q
    for p in (2, 5):
        while q % p == 0:
            q //= p
    return q == 1


def function_name(exercise: Exercise) -> str:
    """The function's name: its own (z) or f."""
    return exercise.name.name if exercise.name is not None else "f"


