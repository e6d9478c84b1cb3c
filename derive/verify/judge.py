"""Deciding whether a claimed number follows from its expression, rounding in mind.

A claim written with k decimals is judged against the *interval* of values its
expression can honestly have (see :mod:`derive.verify.expression`), rounded to
k decimals by each rule of :data:`derive.rounding.RULES`:

* ``ok`` — half-up or half-even rounding of some value in the interval gives
  the claim; or truncation does and truncation is the document's habit;
* ``rounding`` — truncation gives it but the document rounds half-up, or the
  claim is one unit off the rounded value, or within 1.5 units of the value itself,
  where rounding was involved;
* ``error`` — nothing above explains it. A result that needs no rounding at all
  (0.35 + 0.12) must be written exactly, so any other digit there is an error.

The aim is that every ``error`` can be trusted; doubtful cases are ``rounding``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from derive.rounding import Precision, RoundingPolicy, plain, to_decimal
from derive.verify.interval import Interval

#: An off-by-one last digit is only ``rounding`` while one unit is at most this
#: fraction of the claim: 0.3 for 0.2 is a slip, 0.616 for 0.615 is not.
LAST_DIGIT_SHARE = Decimal("0.05")


@dataclass(frozen=True)
class Verdict:
    """The judgement of one claim against one expression."""

    status: str
    expected: str
    truncated: bool = False
    half_up: bool = False
    exact_needed: bool = False


@lru_cache(maxsize=64)
def _policy(decimals: int, rule: str) -> RoundingPolicy:
    return RoundingPolicy(default=Precision(decimals=decimals), rule=rule)


def decimals(claim: Decimal) -> int:
    """How many decimals a number is written with (``0.7010`` → 4)."""
    return max(0, -claim.as_tuple().exponent)


def rounded(value, places: int, rule: str = "half-up") -> Decimal:
    """``value`` rounded to ``places`` decimals by ``rule``."""
    return _policy(places, rule).round(value)


def judge(claim: Decimal, hull: Interval, shown: Interval, habit: str = "half-up") -> Verdict:
    """Judge ``claim`` against the honest range ``hull``; ``shown`` is the displayed reading.

    ``habit`` is the document's rounding rule (``half-up`` or ``truncate``).
    """
    places = decimals(claim)
    lo, hi = to_decimal(hull.lo), to_decimal(hull.hi)
    expected = plain(rounded(to_decimal(shown.lo), places), strip_zeros=False)
    hits = {rule: rounded(lo, places, rule) <= claim <= rounded(hi, places, rule)
            for rule in ("half-up", "half-even", "truncate")}
    half_up = hits["half-up"] or hits["half-even"]
    if half_up:
        return Verdict("ok", expected, truncated=hits["truncate"], half_up=True)
    if hits["truncate"]:
        status = "ok" if habit == "truncate" else "rounding"
        return Verdict(status, expected, truncated=True)
    exact = lo == hi and rounded(lo, places) == lo
    unit = Decimal(1).scaleb(-places)
    # A last digit off by two or three units (0.80998 for 0.809998) is a slip, not a
    # rounding habit: one unit from the rounded value, or 1.5 from the value, at most.
    distance = max(lo - claim, claim - hi, Decimal(0))
    nearest = min([distance * 2 / 3] + [abs(claim - rounded(end, places)) for end in (lo, hi)])
    small = claim != 0 and unit / abs(claim) <= LAST_DIGIT_SHARE
    if not exact and nearest <= unit and small:
        return Verdict("rounding", expected)
    return Verdict("error", expected, exact_needed=exact)


def describe(value: Interval) -> str:
    """An interval for a reason text: ``0.6154`` or ``0.6150…0.6154``."""
    lo, hi = to_decimal(value.lo), to_decimal(value.hi)
    if abs(hi - lo) < Decimal("1e-12"):
        return _short(lo)
    return f"{_short(lo)} to {_short(hi)}"


def _short(value: Decimal) -> str:
    """Up to 6 significant digits, with ``…`` when digits were dropped."""
    if value.is_zero():
        return "0"
    places = max(0, 6 - value.adjusted() - 1)
    cut = rounded(value, places)
    return plain(cut) + ("…" if cut != value else "")


#: Severity, least first: a claim with several readings takes the worst.
STATUS_ORDER = {"ok": 0, "unchecked": 1, "rounding": 2, "model": 3, "substitution": 3, "error": 4}


def worst(statuses) -> str:
    """The most severe of several statuses."""
    return max(statuses, key=STATUS_ORDER.__getitem__)
