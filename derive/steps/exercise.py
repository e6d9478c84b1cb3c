"""The document of ``derive steps``: a calculus exercise worked rule by rule.

An :class:`Exercise` is a function (possibly through named intermediates,
y = 2x + 3, z = y²), the variables to differentiate by, and optionally a
point. :func:`document` derives each derivative (:func:`derive.steps.derive_steps`),
adds the gradient for several variables, and at a point the slope and the
linear approximation Δf ≈ f′·Δx against the true change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from derive import formula as F
from derive.document import Document, Equation, Prose, Section, Step
from derive.errors import ExpressionError, MathError
from derive.numbers import Precision, RoundingPolicy, plain, to_decimal
from derive.render import mathprint
from derive.steps import derive_steps
from derive.steps import rules as R
from derive.steps.derivation import Derivation
from derive.steps.parse import parse_definition, parse_point, parse_symbol
from derive.steps.stepper import Settings, Stepper
from derive.steps.textbook import Textbook
from derive.steps.written import formula, ordered, source, tidy
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


def document(exercise: Exercise) -> Document:
    """The worked exercise as a document (its ``data`` is the JSON of the steps)."""
    derivations = [derivation(exercise, var) for var in exercise.wrt]
    steps = [_statement(exercise)] + [_derivative_step(exercise, d) for d in derivations]
    if len(derivations) > 1:
        gradient = F.Mul((F.Sym("nabla"), F.Sym(_name(exercise))))
        components = F.Vector(tuple(d.show(d.final) for d in derivations))
        steps.append(Step(("Gradient",), (Equation(gradient, (("=", components),)),),
                          tag="gradient"))
    sections = [Section(("Derivatives",), tuple(steps))]
    data: dict[str, Any] = {
        "function": _expression(exercise.function),
        "name": _name(exercise),
        "intermediates": {str(k): _expression(v) for k, v in exercise.intermediates.items()},
        "variables": [str(v) for v in exercise.wrt],
        "derivatives": [{"wrt": str(d.var), "result": _expression(d.result),
                         "final": _expression(d.final), "steps": d.tree()}
                        for d in derivations],
    }
    if exercise.at:
        section, data["at"] = _at_point(exercise, derivations)
        sections.append(section)
    return Document("Differentiation, rule by rule", "every step checked by SymPy",
                    tuple(sections), data)


def derivation(exercise: Exercise, var: sp.Symbol) -> Derivation:
    """The derivative of the exercise's function by ``var``, through intermediates if any."""
    partial = len(exercise.wrt) > 1 or bool(exercise.expanded(exercise.function)
                                           .free_symbols - {var})
    label = F.Partial(F.Sym(_name(exercise)), symbol_formula(var.name), total=not partial)
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
                              ("substituting ", *_joined(used), "."), dict(exercise.intermediates))
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


def _statement(exercise: Exercise) -> Step:
    parts: list = ["Differentiate "]
    for name, expr in exercise.intermediates.items():
        parts += [F.Rel(symbol_formula(name.name), "=", formula(expr)), " and "]
    parts += [F.Rel(exercise.label(), "=", formula(exercise.function)),
              " with respect to ", *_joined([symbol_formula(v.name) for v in exercise.wrt]),
              ", one named rule at a time."]
    return Step(("The function",), (Prose(tuple(parts)),), tag="statement")


def _derivative_step(exercise: Exercise, d: Derivation) -> Step:
    return Step(("With respect to ", symbol_formula(d.var.name)), (*d.blocks(), d.equation()),
                tag="derivative")


def _at_point(exercise: Exercise, derivations: list[Derivation]):
    point = {k: v for k, v in exercise.at.items()}
    blocks: list = [Prose(("At ", *_joined([F.Rel(symbol_formula(k.name), "=", _shown(v))
                                             for k, v in point.items()]),
                           ", the derivatives are:"))]
    values = {}
    for d in derivations:
        value = _evaluate(exercise.expanded(d.final), point, d.var)
        shown = F.substitute(d.show(d.final), {symbol_formula(k.name): _shown(v)
                                               for k, v in point.items()})
        blocks.append(Equation(d.lhs(), (("=", shown), *_number(value))))
        values[str(d.var)] = plain_value(value)
    data: dict[str, Any] = {"point": {str(k): plain_value(v) for k, v in point.items()},
                            "derivatives": values}
    if len(derivations) == 1 and set(point) == set(exercise.variables()):
        blocks += _linear_approximation(exercise, derivations[0], point, data)
    where = _joined([F.Rel(symbol_formula(k.name), "=", _shown(v)) for k, v in point.items()])
    return Section(("At ", *where), (Step(("Slope at the point",), tuple(blocks), tag="at"),)), \
        data


def _linear_approximation(exercise, d, point, data) -> list:
    var, dx = d.var, exercise.dx
    slope = _evaluate(exercise.expanded(d.final), point, var)
    f = exercise.expanded(exercise.function)
    start = _evaluate(f, point, var)
    end = _evaluate(f, {**point, var: point[var] + dx}, var)
    delta_f, delta_x = F.Mul((F.Sym("Delta"), F.Sym(_name(exercise)))), \
        F.Mul((F.Sym("Delta"), symbol_formula(var.name)))
    estimate, actual = tidy(slope * dx), tidy(end - start)
    data["linear_approximation"] = {"dx": plain_value(dx), "estimate": plain_value(estimate),
                                    "actual": plain_value(actual)}
    return [
        Prose(("For a small step ", F.Rel(delta_x, "=", _shown(dx)),
               " the tangent line predicts the change of ", F.Sym(_name(exercise)), ":")),
        Equation(delta_f, (("approx", F.Mul((d.lhs(), *delta_x.factors))),
                           ("=", F.Mul((_shown(slope), _shown(dx)), op="cdot")),
                           *_number(estimate))),
        Prose(("The true change is",)),
        Equation(delta_f, (("=", F.sub(_shown(end), _shown(start))), *_number(actual))),
    ]


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


def _number(value: sp.Expr) -> tuple[tuple[str, F.Formula], ...]:
    """The relations that show ``value``: exact when short, else ≈ six figures."""
    text = plain_value(value)
    if value.is_Rational and _terminates(value):
        return (("=", F.Num(text)),)
    exact = (("=", formula(value)),) if value.is_Rational else ()
    return (*exact, ("approx", F.Num(text)))


def _shown(value: sp.Expr) -> F.Formula:
    """A value inside a formula: a short decimal as such (0.1, not 1/10), a long form as ≈."""
    if (value.is_Rational and _terminates(value)) or sp.count_ops(value) > SIMPLE_OPS:
        return F.Num(plain_value(value))
    return formula(value)


def plain_value(value: sp.Expr) -> str:
    """A number as text: exact when it is a short decimal, else to six figures."""
    if value.is_Rational and _terminates(value):
        return plain(to_decimal(str(sp.Float(value, 30))).normalize())
    return APPROXIMATE.text(APPROXIMATE.round(str(sp.N(value, 30)), "gradient"))


def _terminates(value: sp.Rational) -> bool:
    q = value.q
    for p in (2, 5):
        while q % p == 0:
            q //= p
    return q == 1


def _name(exercise: Exercise) -> str:
    return exercise.name.name if exercise.name is not None else "f"


def _expression(expr: sp.Expr) -> dict[str, str]:
    return {"latex": mathprint.latex(formula(expr)), "sympy": source(expr)}


def _joined(items: list) -> list:
    out: list = []
    for i, item in enumerate(items):
        if i:
            out.append(" and " if i == len(items) - 1 else ", ")
        out.append(item)
    return out
