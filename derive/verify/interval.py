"""Interval arithmetic over 40-digit mpmath numbers, and evaluating expression trees.

``evaluate(tree, leaf)`` computes a tree of :mod:`derive.verify.expression` as an
:class:`Interval`. An interval, not a number, because an author may have carried
the rounded or the unrounded value of an earlier result: the caller's ``leaf``
gives each literal and name the range of values it may have stood for, and the
result is every value the line could honestly produce.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import mpmath

from derive.verify.expression import Apply, Bin, Call, Neg, Num, Ref


class EvalError(Exception):
    """The expression has no value here (unknown name, division by zero, …)."""


@dataclass(frozen=True)
class Interval:
    """The closed range [lo, hi] of mpmath numbers."""

    lo: mpmath.mpf
    hi: mpmath.mpf

    @classmethod
    def point(cls, value) -> Interval:
        """The one-point interval of ``value`` (anything mpmath reads)."""
        value = mpmath.mpf(value)
        return cls(value, value)

    @classmethod
    def hull(cls, *values) -> Interval:
        """The smallest interval holding every value."""
        values = [mpmath.mpf(v) for v in values]
        return cls(min(values), max(values))

    @property
    def is_point(self) -> bool:
        """True when the interval is one number."""
        return self.lo == self.hi

    def map(self, fn: Callable) -> Interval:
        """Apply a monotonic function to both ends."""
        a, b = fn(self.lo), fn(self.hi)
        return Interval(min(a, b), max(a, b))

    def contains(self, value) -> bool:
        """True when ``value`` lies in the interval."""
        return self.lo <= value <= self.hi


def _product(a: Interval, b: Interval) -> Interval:
    corners = (a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi)
    return Interval(min(corners), max(corners))


def _quotient(a: Interval, b: Interval) -> Interval:
    if b.contains(0):
        raise EvalError("division by zero")
    return _product(a, Interval(1 / b.hi, 1 / b.lo))


def _power(a: Interval, b: Interval) -> Interval:
    if b.is_point and b.lo == int(b.lo):
        n = int(b.lo)
        if abs(n) > 1000:
            raise EvalError("exponent too large")
        ends = [a.lo ** n if a.lo or n >= 0 else None, a.hi ** n if a.hi or n >= 0 else None]
        if None in ends:
            raise EvalError("division by zero")
        if n % 2 == 0 and a.contains(0):
            return Interval(mpmath.mpf(0) if n > 0 else min(ends), max(ends))
        if n < 0 and a.contains(0):
            raise EvalError("division by zero")
        return Interval(min(ends), max(ends))
    if a.lo <= 0:
        raise EvalError("a fractional power of a number that is not positive")
    corners = [x ** y for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
    return Interval(min(corners), max(corners))


def _sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def _hump(a: Interval, fn: Callable, peak_at, peak) -> Interval:
    """A function rising to ``peak`` at ``peak_at`` and falling after it."""
    values = [fn(a.lo), fn(a.hi)]
    if a.contains(peak_at):
        values.append(peak)
    return Interval(min(values), max(values))


def _positive(fn: Callable, strict: bool, what: str) -> Callable:
    def apply(a: Interval) -> Interval:
        if a.lo < 0 or (strict and a.lo == 0):
            raise EvalError(f"{what} of a number that is not positive")
        return a.map(fn)
    return apply


#: One-argument functions: name → interval function.
FUNCTIONS: dict[str, Callable[[Interval], Interval]] = {
    "sigmoid": lambda a: a.map(_sigmoid),
    "exp": lambda a: a.map(mpmath.exp),
    "tanh": lambda a: a.map(mpmath.tanh),
    "relu": lambda a: a.map(lambda x: max(x, mpmath.mpf(0))),
    "softplus": lambda a: a.map(lambda x: mpmath.log(1 + mpmath.exp(x))),
    "ln": _positive(mpmath.log, True, "the logarithm"),
    "sqrt": _positive(mpmath.sqrt, False, "the square root"),
    "sigmoid'": lambda a: _hump(a, lambda x: _sigmoid(x) * (1 - _sigmoid(x)), 0,
                                mpmath.mpf(0.25)),
    "tanh'": lambda a: _hump(a, lambda x: 1 - mpmath.tanh(x) ** 2, 0, mpmath.mpf(1)),
}


def evaluate(tree, leaf: Callable) -> Interval:
    """The interval of ``tree``; ``leaf(node)`` values each :class:`Num` and :class:`Ref`.

    Raises:
        EvalError: for an unknown name or function, or a value outside a domain.
    """
    if isinstance(tree, (Num, Ref)):
        return leaf(tree)
    if isinstance(tree, Neg):
        value = evaluate(tree.arg, leaf)
        return Interval(-value.hi, -value.lo)
    if isinstance(tree, Bin):
        left, right = evaluate(tree.left, leaf), evaluate(tree.right, leaf)
        if tree.op == "+":
            return Interval(left.lo + right.lo, left.hi + right.hi)
        if tree.op == "-":
            return Interval(left.lo - right.hi, left.hi - right.lo)
        if tree.op == "*":
            return _product(left, right)
        if tree.op == "/":
            return _quotient(left, right)
        return _power(left, right)
    if isinstance(tree, Apply):
        return _product(leaf(Ref(tree.name)), evaluate(tree.arg, leaf))
    if isinstance(tree, Call):
        args = [evaluate(arg, leaf) for arg in tree.args]
        if tree.func in ("max", "min") and len(args) == 2:
            pick = max if tree.func == "max" else min
            return Interval(pick(args[0].lo, args[1].lo), pick(args[0].hi, args[1].hi))
        if tree.func not in FUNCTIONS or len(args) != 1:
            raise EvalError(f"cannot evaluate {tree.func} with {len(args)} arguments")
        return FUNCTIONS[tree.func](args[0])
    raise EvalError(f"cannot evaluate {type(tree).__name__}")
