"""Calculus derivations as documents: the blocks of ``derive steps`` and ``detail: full``.

The calculus engine (:mod:`derive.steps`) returns rule trees and values; this
builder turns them into :class:`~derive.document.RuleStep` blocks, summary
equations and the whole document of an exercise, and into the JSON tree of
``{rule, before, after, substeps}`` whose expressions come both as LaTeX and
as strings plain SymPy parses.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from derive import formula as F
from derive.document import Document, Equation, Inline, Prose, RuleStep, Section, Step
from derive.render import mathprint
from derive.steps.derivation import Derivation, Node
from derive.steps.exercise import SIMPLE_OPS, Solved, function_name, plain_value, terminates
from derive.steps.rules import Rule
from derive.steps.written import formula, source
from derive.transcribe import symbol_formula

#: The document's title and subtitle.
TITLE = ("Differentiation, rule by rule", "every step checked by SymPy")


def derivation_blocks(d: Derivation) -> tuple[RuleStep, ...]:
    """The derivation as document blocks: the rule tree, then the textbook rewrite."""
    steps = [_rule_step(d, node) for node in d.nodes()]
    if d.label is not None:
        first = steps[0]
        steps[0] = RuleStep(first.rule, F.Rel(d.label, "=", first.before), first.after,
                            first.explanation, first.substeps, first.source)
    return tuple(steps)


def summary(d: Derivation) -> Equation:
    """The summary line: d/dx f = result (= textbook form)."""
    rhs = [("=", d.show(d.result))]
    if d.textbook is not None:
        rhs.append(("=", d.show(d.final)))
    return Equation(d.lhs(), tuple(rhs))


def derivation_tree(d: Derivation) -> list[dict[str, Any]]:
    """The derivation as JSON-ready data: one tree per block of :func:`derivation_blocks`."""
    return [_tree(d, node) for node in d.nodes()]


def plain_text(parts: tuple[Inline, ...]) -> str:
    """Prose with its formulas written as Unicode text."""
    return "".join(p if isinstance(p, str) else mathprint.text(p) for p in parts)


def document(solved: Solved) -> Document:
    """The worked exercise as a document (its ``data`` is the JSON of the steps)."""
    exercise, derivations = solved.exercise, solved.derivations
    name = function_name(exercise)
    steps = [_statement(solved)] + [_derivative_step(d) for d in derivations]
    if len(derivations) > 1:
        gradient = F.Mul((F.Sym("nabla"), F.Sym(name)))
        components = F.Vector(tuple(d.show(d.final) for d in derivations))
        steps.append(Step(("Gradient",), (Equation(gradient, (("=", components),)),),
                          tag="gradient"))
    sections = [Section(("Derivatives",), tuple(steps))]
    data: dict[str, Any] = {
        "function": _expression(exercise.function),
        "name": name,
        "intermediates": {str(k): _expression(v) for k, v in exercise.intermediates.items()},
        "variables": [str(v) for v in exercise.wrt],
        "derivatives": [{"wrt": str(d.var), "result": _expression(d.result),
                         "final": _expression(d.final), "steps": derivation_tree(d)}
                        for d in derivations],
    }
    if exercise.at:
        section, data["at"] = _at_point(solved)
        sections.append(section)
    return Document(*TITLE, tuple(sections), data)


# -- the rule tree -----------------------------------------------------------------


def _rule_step(d: Derivation, node: Node) -> RuleStep:
    return RuleStep(rule=node.title, before=node.before(d.show, d.is_total(node)),
                    after=node.after(d.show), explanation=d.inline(node.explain(d.show)),
                    substeps=tuple(_rule_step(d, s) for s in d.shown_substeps(node)),
                    source=node.sources())


def _tree(d: Derivation, node: Node) -> dict[str, Any]:
    before, after = node.sources()
    entry = {
        "rule": node.key(),
        "title": node.title,
        "statement": node.statement(),
        "before": {"latex": mathprint.latex(node.before(d.show, d.is_total(node))),
                   "sympy": before},
    }
    if isinstance(node, Rule):
        entry["applied"] = {"latex": mathprint.latex(d.show(node.apply())),
                            "sympy": source(node.apply())}
        entry["after"] = {"latex": mathprint.latex(d.show(node.result)), "sympy": after}
    else:
        entry["after"] = {"latex": mathprint.latex(node.after(d.show)), "sympy": after}
    entry["explanation"] = plain_text(d.inline(node.explain(d.show)))
    entry["substeps"] = [_tree(d, s) for s in d.shown_substeps(node)]
    return entry


# -- the exercise ------------------------------------------------------------------


def _statement(solved: Solved) -> Step:
    exercise = solved.exercise
    parts: list = ["Differentiate "]
    for name, expr in exercise.intermediates.items():
        parts += [F.Rel(symbol_formula(name.name), "=", formula(expr)), " and "]
    parts += [F.Rel(exercise.label(), "=", formula(exercise.function)),
              " with respect to ", *F.joined([symbol_formula(v.name) for v in exercise.wrt]),
              ", one named rule at a time."]
    return Step(("The function",), (Prose(tuple(parts)),), tag="statement")


def _derivative_step(d: Derivation) -> Step:
    return Step(("With respect to ", symbol_formula(d.var.name)),
                (*derivation_blocks(d), summary(d)), tag="derivative")


def _at_point(solved: Solved):
    point = dict(solved.exercise.at)
    where = F.joined([F.Rel(symbol_formula(k.name), "=", _shown(v)) for k, v in point.items()])
    blocks: list = [Prose(("At ", *where, ", the derivatives are:"))]
    for d in solved.derivations:
        shown = F.substitute(d.show(d.final), {symbol_formula(k.name): _shown(v)
                                               for k, v in point.items()})
        blocks.append(Equation(d.lhs(), (("=", shown), *_number(solved.slopes[d.var]))))
    data: dict[str, Any] = {"point": {str(k): plain_value(v) for k, v in point.items()},
                            "derivatives": {str(var): plain_value(value)
                                            for var, value in solved.slopes.items()}}
    if solved.linear is not None:
        blocks += _linear_approximation(solved, data)
    return Section(("At ", *where), (Step(("Slope at the point",), tuple(blocks), tag="at"),)), \
        data


def _linear_approximation(solved: Solved, data: dict[str, Any]) -> list:
    line, d = solved.linear, solved.derivations[0]
    name = function_name(solved.exercise)
    delta_f = F.Mul((F.Sym("Delta"), F.Sym(name)))
    delta_x = F.Mul((F.Sym("Delta"), symbol_formula(line.var.name)))
    data["linear_approximation"] = {"dx": plain_value(line.dx),
                                    "estimate": plain_value(line.estimate),
                                    "actual": plain_value(line.actual)}
    return [
        Prose(("For a small step ", F.Rel(delta_x, "=", _shown(line.dx)),
               " the tangent line predicts the change of ", F.Sym(name), ":")),
        Equation(delta_f, (("approx", F.Mul((d.lhs(), *delta_x.factors))),
                           ("=", F.Mul((_shown(line.slope), _shown(line.dx)), op="cdot")),
                           *_number(line.estimate))),
        Prose(("The true change is",)),
        Equation(delta_f, (("=", F.sub(_shown(line.end), _shown(line.start))),
                           *_number(line.actual))),
    ]


def _number(value: sp.Expr) -> tuple[tuple[str, F.Formula], ...]:
    """The relations that show ``value``: exact when short, else ≈ six figures."""
    text = plain_value(value)
    if value.is_Rational and terminates(value):
        return (("=", F.Num(text)),)
    exact = (("=", formula(value)),) if value.is_Rational else ()
    return (*exact, ("approx", F.Num(text)))


def _shown(value: sp.Expr) -> F.Formula:
    """A value inside a formula: a short decimal as such (0.1, not 1/10), a long form as ≈."""
    if (value.is_Rational and terminates(value)) or sp.count_ops(value) > SIMPLE_OPS:
        return F.Num(plain_value(value))
    return formula(value)


def _expression(expr: sp.Expr) -> dict[str, str]:
    return {"latex": mathprint.latex(formula(expr)), "sympy": source(expr)}

