"""A finished derivation, and the walkers that turn its rule tree into output.

:class:`Derivation` holds the rule tree of d/dx f and its textbook form. It
writes itself as :class:`~derive.document.RuleStep` blocks (for every
renderer) and as a JSON tree of ``{rule, before, after, substeps}`` whose
expressions come both as LaTeX and as strings plain SymPy parses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from derive import formula as F
from derive.document import Equation, Inline, RuleStep
from derive.render import mathprint
from derive.steps import written
from derive.steps.rules import Rule
from derive.steps.textbook import Textbook

Node = Rule | Textbook


@dataclass(frozen=True)
class Derivation:
    """d/d``var`` ``expr``, derived rule by rule.

    Attributes:
        expr: the function differentiated.
        var: the variable.
        root: the rule tree.
        textbook: the final rewrite into the form notes use, or None.
        names: how symbols are written (SymPy symbol → formula).
        partial: write ∂ rather than d (the function has other variables).
        dummies: the inner variables of chain rules (always written with d).
        label: what the derivative is called, e.g. ∂o₁/∂z₁ (optional).
    """

    expr: sp.Expr
    var: sp.Symbol
    root: Rule
    textbook: Textbook | None = None
    names: Mapping[sp.Symbol, F.Formula] = field(default_factory=dict)
    partial: bool = False
    dummies: frozenset[sp.Symbol] = frozenset()
    label: F.Formula | None = None

    @property
    def result(self) -> sp.Expr:
        """The derivative as the rules left it (tidied)."""
        return self.root.result

    @property
    def final(self) -> sp.Expr:
        """The derivative in textbook form when there is one, else :attr:`result`."""
        return self.textbook.after_expr if self.textbook is not None else self.result

    def show(self, expr: sp.Expr, power: bool = False) -> F.Formula:
        """``expr`` as a formula in this derivation's names."""
        return written.formula(expr, self.names, power=power)

    def lhs(self) -> F.Formula:
        """The derivative's name: the label, else d/dx f (∂ when :attr:`partial`)."""
        return self.label or F.Partial(self.show(self.expr), self.show(self.var),
                                       total=not self.partial)

    def equation(self) -> Equation:
        """The summary line: d/dx f = result (= textbook form)."""
        rhs = [("=", self.show(self.result))]
        if self.textbook is not None:
            rhs.append(("=", self.show(self.final)))
        return Equation(self.lhs(), tuple(rhs))

    def blocks(self) -> tuple[RuleStep, ...]:
        """The derivation as document blocks: the rule tree, then the textbook rewrite."""
        steps = [self._rule_step(self.root)]
        if self.label is not None:
            first = steps[0]
            steps[0] = RuleStep(first.rule, F.Rel(self.label, "=", first.before), first.after,
                                first.explanation, first.substeps, first.source)
        if self.textbook is not None:
            steps.append(self._rule_step(self.textbook))
        return tuple(steps)

    def tree(self) -> list[dict[str, Any]]:
        """The derivation as JSON-ready data: one tree per block of :meth:`blocks`."""
        nodes = [self.root] + ([self.textbook] if self.textbook is not None else [])
        return [self._tree(node) for node in nodes]

    # -- walkers ---------------------------------------------------------------
    def _total(self, node: Node) -> bool:
        return not self.partial or getattr(node, "var", None) in self.dummies

    def _shown(self, node: Node) -> tuple[Node, ...]:
        # d/dx x = 1 inside another rule is what no one writes out: its parent
        # already shows the 1 (−1 · 1 = −1).
        return tuple(s for s in node.substeps() if s.key() != "variable")

    def _inline(self, parts) -> tuple[Inline, ...]:
        return tuple(self.show(p) if isinstance(p, sp.Basic) else p for p in parts)

    def _rule_step(self, node: Node) -> RuleStep:
        return RuleStep(rule=node.title, before=node.before(self.show, self._total(node)),
                        after=node.after(self.show),
                        explanation=self._inline(node.explain(self.show)),
                        substeps=tuple(self._rule_step(s) for s in self._shown(node)),
                        source=node.sources())

    def _tree(self, node: Node) -> dict[str, Any]:
        before, after = node.sources()
        entry = {
            "rule": node.key(),
            "title": node.title,
            "statement": node.statement(),
            "before": {"latex": mathprint.latex(node.before(self.show, self._total(node))),
                       "sympy": before},
        }
        if isinstance(node, Rule):
            entry["applied"] = {"latex": mathprint.latex(self.show(node.apply())),
                                "sympy": written.source(node.apply())}
            entry["after"] = {"latex": mathprint.latex(self.show(node.result)), "sympy": after}
        else:
            entry["after"] = {"latex": mathprint.latex(node.after(self.show)), "sympy": after}
        entry["explanation"] = plain_text(self._inline(node.explain(self.show)))
        entry["substeps"] = [self._tree(s) for s in self._shown(node)]
        return entry


def plain_text(parts: tuple[Inline, ...]) -> str:
    """Prose with its formulas written as Unicode text."""
    return "".join(p if isinstance(p, str) else mathprint.text(p) for p in parts)
