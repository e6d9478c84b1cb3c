"""What each name and each repeated number of a document may stand for.

Every quantity keeps two values: ``display`` (the number written) and
``exact`` (what its expression really gives, carried from exact operands). A
later line may honestly use either, so names, and literals that repeat an
earlier result (0.615 for h₁ = 0.61538…), stand for the range between them.
:class:`Memory` holds them and evaluates a tree in one of five modes
(``shown``, ``exact``, ``hull``, ``approx``, ``widened``); the walker of
:mod:`derive.verify.check` builds on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import mpmath

from derive.rounding import to_decimal, to_mpf
from derive.verify import expression as X
from derive.verify import interval as I
from derive.verify.judge import decimals, rounded

#: Literals shorter than this many significant digits are never read as an
#: earlier result carried in rounded form (0.5 is an input, not h₁ rounded).
CARRY_DIGITS = 2

#: An earlier result is recognised when repeated rounded to up to this many
#: decimals (nine-figure solutions such as Mazur's carry 0.138498562).
MAX_CARRIED_PLACES = 12


@dataclass
class Value:
    """A named quantity's value as written (``display``) and as carried (``exact``)."""

    display: Decimal
    exact: mpmath.mpf
    line: int
    #: True for a result worked out in the document (it may have been rounded for
    #: display), False for a value stated as given.
    derived: bool = False


class Memory:
    """Names' values, unrounded results by their rounded forms, and literals bound to names."""

    def __init__(self):
        self.values: dict[str, Value] = {}
        self.carried: dict[tuple[int, Decimal], list[mpmath.mpf]] = {}
        #: literals (by offset) known to stand for a name, from a substitution
        self.bound: dict[int, Value] = {}
        #: long numbers written with a slip in their far digits → the value they meant
        self.typos: dict[Decimal, mpmath.mpf] = {}
        #: every value each name has had, in order (a name is reused after an update)
        self.history: dict[str, list[Value]] = {}

    def remember(self, shown: Decimal, exact) -> None:
        """Index an unrounded result by its rounded forms, to recognise it when repeated."""
        if exact is None or not small(exact):
            return
        exact_decimal = abs(to_decimal(exact))
        if exact_decimal == abs(shown):
            return
        for places in range(1, MAX_CARRIED_PLACES + 1):
            for rule in ("half-up", "truncate"):
                key = (places, rounded(exact_decimal, places, rule))
                bucket = self.carried.setdefault(key, [])
                if abs(exact) not in bucket:
                    bucket.append(abs(exact))
                    del bucket[:-4]

    def evaluate(self, tree, mode: str) -> I.Interval:
        """The interval of ``tree``: ``shown``, ``exact``, ``hull``, ``approx`` or ``widened``."""
        return I.evaluate(tree, lambda node: self.leaf(node, mode))

    def leaf(self, node, mode: str) -> I.Interval:
        """What a name or a literal may have stood for, in each mode."""
        if isinstance(node, X.Ref):
            known = self.values.get(node.name.key)
            if known is None:
                raise I.EvalError(f"{node.name} has no value earlier in the document")
            if mode == "shown":
                return I.Interval.point(to_mpf(known.display))
            if mode == "exact":
                return I.Interval.point(known.exact)
            if mode == "approx" and known.derived:
                half = to_mpf(Decimal(1).scaleb(-decimals(known.display))) / 2
                shown = to_mpf(known.display)
                return I.Interval.hull(shown - half, shown + half, known.exact)
            return I.Interval.hull(to_mpf(known.display), known.exact)
        literal = node.token.value
        written = to_mpf(literal)
        if mode == "shown":
            return I.Interval.point(written)
        known = self.bound.get(node.token.start)
        short = len(literal.normalize().as_tuple().digits) < CARRY_DIGITS
        if known is not None and not (short and mode != "approx"):
            exact = known.exact if literal == known.display else -known.exact
            return I.Interval.point(exact) if mode == "exact" else I.Interval.hull(written, exact)
        meant = self.typos.get(literal)
        if meant is not None:
            return I.Interval.point(meant) if mode == "exact" else I.Interval.hull(written, meant)
        if mode == "widened":
            # a rounded intermediate (1/1.68566) stands for anything it rounds
            if len(literal.normalize().as_tuple().digits) < CARRY_DIGITS or decimals(literal) < 1:
                return I.Interval.point(written)
            half = to_mpf(Decimal(1).scaleb(-decimals(literal))) / 2
            return I.Interval.hull(written - half, written + half)
        if mode == "approx":
            # An earlier result shown as this literal, however short, may stand for
            # anything its display rounds (0.008 for −0.0087 known only roughly).
            results = [v.exact for v in self.values.values()
                       if v.derived and v.display == literal]
            if not results:
                return I.Interval.hull(written, *self.carried_values(literal))
            half = to_mpf(Decimal(1).scaleb(-decimals(literal))) / 2
            return I.Interval.hull(written - half, written + half, *results)
        carried = self.carried_values(literal)
        if not carried:
            return I.Interval.point(written)
        if mode == "exact":
            return I.Interval.point(min(carried, key=lambda c: abs(c - written)))
        return I.Interval.hull(written, *carried)

    def carried_values(self, literal: Decimal) -> list:
        digits = len(literal.normalize().as_tuple().digits)
        if digits < CARRY_DIGITS or decimals(literal) < 1:
            return []
        return self.carried.get((decimals(literal), abs(literal)), [])


def small(value) -> bool:
    """True for a value whose rounded forms fit the working precision (|x| < 10¹⁵)."""
    return bool(mpmath.isfinite(value)) and abs(value) < 10 ** 15
