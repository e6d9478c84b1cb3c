"""Links between two expressions of a chain: substitutions and restated arithmetic.

A chain ``out = σ(net) = 1/(1 + e^{−0.3775}) = 1/1.68566 = 0.59327`` has four
links. The ones that end in a number are claims (:mod:`derive.verify.check`);
this module reads the others:

* a *substitution* (``σ(z₁) = σ(0.512)``): the side with names and the side
  with numbers have the same shape, so each number stands for a name and is
  compared with that name's value; a mismatch is a ``substitution`` finding,
  whatever the rest of the chain says;
* an *expression link* (``½(1.75)² ≈ ½ × 3.36``): both sides are evaluated and
  must agree within what the digits shown on the right allow; when they do not,
  the number on the right that would make them agree is named.

Nothing here evaluates document text: trees come from :mod:`derive.verify.expression`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import mpmath

from derive.rounding import to_decimal, to_mpf
from derive.verify import expression as X
from derive.verify import interval as I
from derive.verify.judge import decimals, rounded
from derive.verify.tokens import Name, Token


@dataclass(frozen=True)
class Pair:
    """A number written where the symbolic side of a link has a name."""

    name: Name
    value: Decimal
    token: Token


def _shape(node):
    """``g(x)`` for a name ``g`` is a product: the same shape as ``0.7 (x)``."""
    if isinstance(node, X.Apply):
        return X.Bin("*", X.Ref(node.name), node.arg)
    return node


def pairs(symbolic, numeric) -> list[Pair] | None:
    """The (name, number) pairs of two trees of the same shape, or None if they differ.

    ``σ(z_1)·(1 − σ(z_1))`` against ``σ(0.47)·(1 − σ(0.47))`` gives two pairs;
    numbers written on both sides must be equal.
    """
    found: list[Pair] = []
    stack = [(symbolic, numeric)]
    while stack:
        left, right = (_shape(n) for n in stack.pop())
        if isinstance(left, X.Ref):
            literal = _signed_literal(right)
            if literal is None:
                return None
            found.append(Pair(left.name, *literal))
        elif isinstance(left, X.Num):
            literal = _signed_literal(right)
            if literal is None or literal[0] != left.token.value:
                return None
        elif type(left) is not type(right):
            return None
        elif isinstance(left, X.Neg):
            stack.append((left.arg, right.arg))
        elif isinstance(left, X.Bin):
            if left.op != right.op:
                return None
            stack += [(left.left, right.left), (left.right, right.right)]
        elif isinstance(left, X.Call):
            if left.func != right.func or len(left.args) != len(right.args):
                return None
            stack += list(zip(left.args, right.args, strict=True))
        else:
            return None
    return found


def _signed_literal(node) -> tuple[Decimal, Token] | None:
    if isinstance(node, X.Num):
        return node.token.value, node.token
    if isinstance(node, X.Neg) and isinstance(node.arg, X.Num):
        return -node.arg.token.value, node.arg.token
    return None


def agree(left: I.Interval, right: I.Interval) -> bool:
    """True when two honest ranges overlap: the link can hold."""
    return left.lo <= right.hi and right.lo <= left.hi


def blame(tree, target, evaluate) -> tuple[Token, str] | None:
    """The number of ``tree`` that, changed, makes it equal ``target``, and its right value.

    ``evaluate(tree, replace)`` gives the tree's value with the literals in
    ``replace`` (token → value) changed. One secant step per literal: exact when
    the tree depends linearly on it, close enough to name the culprit otherwise.
    The literal needing the smallest relative change is blamed.
    """
    best = None
    for token in X.numerals(tree):
        value = to_mpf(token.value)
        if token.value == 0 or abs(token.value).adjusted() < -12:
            continue
        step = value / 1000
        try:
            here = evaluate(tree, {})
            there = evaluate(tree, {token.start: value + step})
        except (I.EvalError, ArithmeticError, ValueError):
            continue
        slope = (there - here) / step
        if not slope:
            continue
        needed = value + (target - here) / slope
        change = abs(needed - value) / abs(value)
        # a constant such as the 1 of 1/(1 + e^x), or ½ written as one character, is
        # blamed only when nothing else fits
        constant = token.value == token.value.to_integral_value() or \
            token.end - token.start < len(format(token.value, "f"))
        rank = (constant, change)
        if best is None or rank < best[0]:
            best = (rank, token, needed)
    if best is None or not mpmath.isfinite(best[2]):
        return None
    _, token, needed = best
    places = max(decimals(token.value), 0)
    expected = rounded(to_decimal(needed), places)
    if expected == token.value:
        return None  # no change of a shown digit explains the gap
    return token, format(expected, "f")
