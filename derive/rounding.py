"""The rounding policy: how each kind of quantity is rounded and displayed.

Numbers are rounded here, explicitly and in decimal, *before* any printer sees
them. Python's ``round()`` works on binary floats and rounds half to even, which
is not what textbooks do; :class:`RoundingPolicy` rounds with :mod:`decimal`
by the rule the user chose.

The policy also decides what later steps *carry*: with ``carry="exact"`` they
use full-precision values (and a displayed line that does not multiply out gets
``≈``); with ``carry="displayed"`` they use the rounded numbers shown, the way a
hand-worked solution does, so every displayed line recomputes from what is on it.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import mpmath

from derive.errors import SpecError

#: Every kind of quantity that has its own precision, in pipeline order.
KINDS = (
    "preactivation",
    "activation",
    "loss",
    "loss_derivative",
    "activation_derivative",
    "delta",
    "gradient",
    "weight",
)

RULES = {
    "half-up": decimal.ROUND_HALF_UP,
    "half-even": decimal.ROUND_HALF_EVEN,
    "truncate": decimal.ROUND_DOWN,
}

CARRY_MODES = ("exact", "displayed")

#: Working precision of all exact arithmetic (decimal digits). Converting a
#: binary value to Decimal keeps ``_DIGITS`` digits, which removes binary noise
#: (0.35 stays 0.35) so that ties round as the rule says.
PRECISION = 40
_DIGITS = 28


def exact_arithmetic(function):
    """Run ``function`` with mpmath at :data:`PRECISION` digits, then restore the caller's.

    Set per call, not at import: a notebook user's own mpmath keeps its precision.
    """
    return mpmath.workdps(PRECISION)(function)


@dataclass(frozen=True)
class Precision:
    """Round to a number of decimal places *or* of significant figures."""

    decimals: int | None = None
    sig: int | None = None

    def __post_init__(self):
        if (self.decimals is None) == (self.sig is None):
            raise ValueError("a Precision has exactly one of decimals and sig")

    def describe(self) -> str:
        """Say the precision in words, e.g. ``3 decimals`` or ``2 significant figures``."""
        if self.decimals is not None:
            return f"{self.decimals} decimal{'s' if self.decimals != 1 else ''}"
        return f"{self.sig} significant figure{'s' if self.sig != 1 else ''}"


def to_decimal(value: Any) -> Decimal:
    """Convert an int, float, Decimal, string or mpmath number to a Decimal.

    Binary values keep ``_DIGITS`` significant digits, enough for any display
    and few enough to drop the noise of binary arithmetic.
    """
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    with mpmath.workdps(PRECISION):
        mp = mpmath.mpf(value)
        if not mpmath.isfinite(mp):
            raise ValueError(f"not a finite number: {value}")
        return Decimal(mpmath.nstr(mp, _DIGITS, strip_zeros=False, min_fixed=-mpmath.inf,
                                   max_fixed=mpmath.inf))


def to_mpf(value: Any) -> mpmath.mpf:
    """Convert a Decimal (or anything mpmath reads) to a working-precision mpf."""
    with mpmath.workdps(PRECISION):
        return mpmath.mpf(str(value) if isinstance(value, Decimal) else value)


def plain(value: Decimal, strip_zeros: bool = True) -> str:
    """Write a Decimal in positional notation, never with an exponent.

    ``-0`` is written ``0``; with ``strip_zeros`` trailing zeros after the point go.
    """
    if value.is_zero():
        value = abs(value)
    text = format(value, "f")
    if strip_zeros and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text


def given_text(value: Any) -> str:
    """Display a number the user gave (input, target, initial weight) as written."""
    return plain(to_decimal(value).normalize() if not isinstance(value, int) else Decimal(value))


@dataclass(frozen=True)
class RoundingPolicy:
    """How each kind of quantity is rounded, written and carried to later steps.

    Attributes:
        default: precision for every kind not named in ``kinds``.
        kinds: precision per kind of quantity (see :data:`KINDS`).
        rule: ``half-up`` (textbooks), ``half-even`` or ``truncate``.
        strip_zeros: drop trailing zeros (``0.5600`` is written ``0.56``).
        carry: ``exact`` or ``displayed`` (see the module docstring).
    """

    default: Precision = field(default_factory=lambda: Precision(decimals=3))
    kinds: Mapping[str, Precision] = field(default_factory=dict)
    rule: str = "half-up"
    strip_zeros: bool = True
    #: Hand-worked lectures carry the numbers they show, so each line recomputes from
    #: what is on it; ``exact`` is the choice for checking against a program.
    carry: str = "displayed"

    @classmethod
    def defaults(cls) -> RoundingPolicy:
        """Three decimals everywhere, half-up, zeros stripped, displayed numbers carried."""
        return cls()

    def merge(self, **changes: Any) -> RoundingPolicy:
        """A copy with some attributes changed."""
        return replace(self, **changes)

    def precision(self, kind: str | None = None) -> Precision:
        """The precision of ``kind``: its own setting, else the default (also for None).

        Raises:
            ValueError: for a kind not in :data:`KINDS` (a bug: it would silently
                fall back to the default).
        """
        if kind is None:
            return self.default
        if kind not in KINDS:
            raise ValueError(f"unknown kind of quantity {kind!r}; expected one of {KINDS}")
        return self.kinds.get(kind, self.default)

    def round(self, value: Any, kind: str | None = None) -> Decimal:
        """Round ``value`` for display as a quantity of ``kind`` (None: the default)."""
        number = to_decimal(value)
        precision = self.precision(kind)
        # Enough working digits for the whole rounded number, however large (a
        # diverging training run reaches 10³⁰; the default context holds 28 digits).
        with decimal.localcontext() as context:
            context.prec = max(_DIGITS, number.adjusted() + (precision.decimals or 0) + 10)
            if precision.decimals is not None:
                exponent = -precision.decimals
            elif number.is_zero():
                return Decimal(0)
            else:
                exponent = number.adjusted() - precision.sig + 1
                rounded = number.quantize(Decimal(1).scaleb(exponent), rounding=RULES[self.rule])
                # 9.96 to 2 figures is 10.0: one more digit than asked for.
                if rounded.adjusted() > number.adjusted():
                    exponent += 1
            return number.quantize(Decimal(1).scaleb(exponent), rounding=RULES[self.rule])

    def text(self, value: Decimal) -> str:
        """Write an already rounded Decimal the way this policy displays numbers."""
        return plain(value, self.strip_zeros)

    @property
    def carries_displayed(self) -> bool:
        """True when later steps use the displayed (rounded) numbers."""
        return self.carry == "displayed"

    @classmethod
    def from_mapping(cls, data: Any, where: str = "rounding") -> RoundingPolicy:
        """Read a policy from the ``rounding:`` section of a spec.

        Raises:
            SpecError: naming the field that is wrong.
        """
        if data is None:
            return cls.defaults()
        if not isinstance(data, Mapping):
            raise SpecError(where, "expected a mapping (carry, rule, strip_zeros, default, kinds)")
        known = {"carry", "rule", "strip_zeros", "default", "kinds"}
        for key in data:
            if key not in known:
                raise SpecError(f"{where}.{key}",
                                f"unknown setting; expected one of {_list(known)}")
        policy = cls.defaults()
        carry = data.get("carry", policy.carry)
        if carry not in CARRY_MODES:
            raise SpecError(f"{where}.carry",
                            f"expected one of {_list(CARRY_MODES)}, got {carry!r}")
        rule = data.get("rule", policy.rule)
        if rule not in RULES:
            raise SpecError(f"{where}.rule", f"expected one of {_list(RULES)}, got {rule!r}")
        strip = data.get("strip_zeros", policy.strip_zeros)
        if not isinstance(strip, bool):
            raise SpecError(f"{where}.strip_zeros", f"expected true or false, got {strip!r}")
        default = _precision(data.get("default"), f"{where}.default", policy.default)
        kinds_data = data.get("kinds") or {}
        if not isinstance(kinds_data, Mapping):
            raise SpecError(f"{where}.kinds", "expected a mapping from kind to precision")
        kinds = {}
        for kind, value in kinds_data.items():
            if kind not in KINDS:
                raise SpecError(f"{where}.kinds.{kind}",
                                f"unknown kind of quantity; expected one of {_list(KINDS)}")
            kinds[kind] = _precision(value, f"{where}.kinds.{kind}", None)
        return cls(default=default, kinds=kinds, rule=rule, strip_zeros=strip, carry=carry)


def _precision(data: Any, where: str, fallback: Precision | None) -> Precision:
    if data is None and fallback is not None:
        return fallback
    if isinstance(data, Mapping) and len(data) == 1:
        (key, value), = data.items()
        if key in ("decimals", "sig") and isinstance(value, int) and not isinstance(value, bool):
            if key == "decimals" and 0 <= value <= 12:
                return Precision(decimals=value)
            if key == "sig" and 1 <= value <= 15:
                return Precision(sig=value)
            limits = "0 to 12" if key == "decimals" else "1 to 15"
            raise SpecError(f"{where}.{key}", f"expected a whole number from {limits}, got {value}")
    raise SpecError(where, f"expected {{decimals: N}} or {{sig: N}}, got {data!r}")


def _list(items) -> str:
    return ", ".join(sorted(items) if isinstance(items, set) else items)
