"""A finished derivation: the rule tree of d/dx f and its textbook form.

It computes and shows (SymPy expressions → formula trees in its names); the
builders in :mod:`derive.worked.calculus` turn it into document blocks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy as sp

from derive import formula as F
from derive.formula import Inline
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

    def is_total(self, node: Node) -> bool:
        """Whether ``node``'s derivative is written with d (else ∂)."""
        return not self.partial or getattr(node, "var", None) in self.dummies

    def shown_substeps(self, node: Node) -> tuple[Node, ...]:
        """The sub-steps of ``node`` worth writing out."""
        # d/dx x = 1 inside another rule is what no one writes out: its parent
        # already shows the 1 (−1 · 1 = −1).
        return tuple(s for s in node.substeps() if s.key() != "variable")

    def inline(self, parts) -> tuple[Inline, ...]:
        """Explanation parts with their SymPy expressions as formulas."""
        return tuple(self.show(p) if isinstance(p, sp.Basic) else p for p in parts)

    def nodes(self) -> tuple[Node, ...]:
        """The rule tree's root, then the textbook rewrite when there is one."""
        return (self.root,) + ((self.textbook,) if self.textbook is not None else ())
