"""Naming the likely cause of a wrong number.

Each rule is a small function with its pattern as its docstring; the first rule
that fits names the cause. A rule only explains an ``error`` already found, it
never makes one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from derive.rounding import plain


def _sign(claim: Decimal, expected: Decimal, values: Mapping) -> str | None:
    """claim = −expected"""
    if claim != 0 and claim == -expected:
        return "wrong sign"
    return None


def _swapped_digits(claim: Decimal, expected: Decimal, values: Mapping) -> str | None:
    """the same digits in another order: 0.651 for 0.615"""
    a, b = plain(abs(claim), False), plain(abs(expected), False)
    if a != b and len(a) == len(b) and sorted(a) == sorted(b) and (claim < 0) == (expected < 0):
        return "digits swapped"
    return None


def _factor(claim: Decimal, expected: Decimal, values: Mapping) -> str | None:
    """claim = 2 × expected or expected / 2: a lost or extra factor 2 (½ in the loss)"""
    if expected != 0 and claim != 0:
        ratio = claim / expected
        for factor, words in ((Decimal(2), "twice"), (Decimal("0.5"), "half")):
            if abs(ratio - factor) <= Decimal("0.01") * factor:
                return f"{words} the right value: a factor 2 lost or added"
    return None


def _copied(claim: Decimal, expected: Decimal, values: Mapping) -> str | None:
    """the claim is the value of another quantity written earlier"""
    for name, value in reversed(list(values.items())):
        if value.display == claim and claim not in (0, 1):
            return f"{plain(claim, False)} is the value of {name} (line {value.line})"
    return None


#: The rules, tried in order.
RULES: tuple[Callable[[Decimal, Decimal, Mapping], str | None], ...] = (
    _sign, _swapped_digits, _copied, _factor)


def cause(claim: Decimal, expected: Decimal, values: Mapping) -> str | None:
    """The first rule's explanation of ``claim`` where ``expected`` belongs, or None."""
    for rule in RULES:
        found = rule(claim, expected, values)
        if found:
            return found
    return None
