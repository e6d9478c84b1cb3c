"""A neutral tree for the formulas of a worked solution.

Derivations build these trees; printers (:mod:`derive.render.mathprint`) turn
them into LaTeX or Unicode text. The tree keeps the order a person writes
(``x₁ w₁ + x₂ w₃``), which SymPy's canonical ordering would not, and holds
numbers as the exact strings to display, so printers never round or compute.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Union


class Formula:
    """Base class of all formula nodes."""


#: Inline content of prose: plain text (escaped by each renderer) or a formula.
Inline = Union[str, Formula]  # noqa: UP007 (a runtime alias: Python 3.10 needs Union)


@dataclass(frozen=True)
class Sym(Formula):
    """A named quantity: ``base`` with optional subscript, superscript and accent.

    ``base`` is an identifier (``z``, ``net``, ``sigma``); ``sub`` and ``sup`` are
    short strings such as ``"3"``, ``"h1"``, ``"jk"``, ``"[2]"``; ``accent`` is
    ``"hat"`` or ``None``.
    """

    base: str
    sub: str = ""
    sup: str = ""
    accent: str | None = None


@dataclass(frozen=True)
class Num(Formula):
    """A number exactly as displayed (``"-0.71"``); printers add the minus sign style."""

    text: str

    @property
    def negative(self) -> bool:
        """True for numbers written with a leading minus."""
        return self.text.startswith("-")


@dataclass(frozen=True)
class Text(Formula):
    """Upright words inside a formula (``\\text{new}``)."""

    text: str


@dataclass(frozen=True)
class Add(Formula):
    """A sum ``a + b + c``; a term that is a :class:`Neg` is written with a minus."""

    terms: tuple[Formula, ...]


@dataclass(frozen=True)
class Neg(Formula):
    """Negation ``−a``."""

    arg: Formula


@dataclass(frozen=True)
class Mul(Formula):
    """A product. ``op`` is ``"implicit"`` (juxtaposition), ``"cdot"``, ``"times"`` or
    ``"odot"`` (the element-wise product ⊙)."""

    factors: tuple[Formula, ...]
    op: str = "implicit"


@dataclass(frozen=True)
class Frac(Formula):
    """A fraction ``num / den``."""

    num: Formula
    den: Formula


@dataclass(frozen=True)
class Pow(Formula):
    """A power ``base^exp``."""

    base: Formula
    exp: Formula


@dataclass(frozen=True)
class Call(Formula):
    """A named function applied to arguments: ``sigmoid(z)``, ``exp(−z)``, ``max(0, z)``."""

    name: str
    args: tuple[Formula, ...]


@dataclass(frozen=True)
class Paren(Formula):
    """Explicit parentheses that the author wants even where precedence does not need them."""

    arg: Formula


@dataclass(frozen=True)
class Partial(Formula):
    """The derivative ∂of/∂wrt (``total=True`` writes d instead of ∂)."""

    of: Formula
    wrt: Formula
    total: bool = False


@dataclass(frozen=True)
class Sum(Formula):
    """A summation ``Σ_{index=lower}^{upper} body``."""

    body: Formula
    index: Formula
    lower: Formula | None = None
    upper: Formula | None = None


@dataclass(frozen=True)
class Cases(Formula):
    """A piecewise definition: ``(value, condition)`` pairs, conditions as formulas."""

    pieces: tuple[tuple[Formula, Formula], ...]


@dataclass(frozen=True)
class Rel(Formula):
    """A relation inside a formula, e.g. the condition ``z > 0``: ``lhs op rhs``."""

    lhs: Formula
    op: str
    rhs: Formula


@dataclass(frozen=True)
class Vector(Formula):
    """A column of formulas, e.g. ∇f = (2x, 3y²)."""

    items: tuple[Formula, ...]


@dataclass(frozen=True)
class Matrix(Formula):
    """A matrix given row by row (a column vector is a matrix of one column)."""

    rows: tuple[tuple[Formula, ...], ...]

    @classmethod
    def column(cls, items) -> Matrix:
        """A column vector of the items."""
        return cls(tuple((item,) for item in items))


@dataclass(frozen=True)
class Transpose(Formula):
    """The transpose ``argᵀ``."""

    arg: Formula


def mul(*factors: Formula, op: str = "implicit") -> Formula:
    """A product of the factors; a single factor stands alone."""
    return factors[0] if len(factors) == 1 else Mul(tuple(factors), op)


def add(*terms: Formula) -> Formula:
    """A sum of the terms; a single term stands alone."""
    return terms[0] if len(terms) == 1 else Add(tuple(terms))


def sub(a: Formula, b: Formula) -> Formula:
    """``a − b``."""
    return Add((a, Neg(b)))


def substitute(formula: Formula, values: dict[Formula, Formula], op: str = "cdot") -> Formula:
    """Replace symbols by their displayed numbers, keeping the written structure.

    Implicit products become explicit (``op``: ``cdot`` or ``times``), since
    ``0.5 0.7`` means nothing. Derivative symbols (∂C/∂o₁) are replaced whole.
    """
    if formula in values:
        return values[formula]
    if isinstance(formula, (Sym, Num, Text)):
        return formula
    if isinstance(formula, Mul):
        factors = tuple(substitute(f, values, op) for f in formula.factors)
        # A number written after another factor would run into it (``2 0.5``).
        needs_op = any(isinstance(f, (Num, Neg)) for f in factors[1:])
        return Mul(factors, op if formula.op == "implicit" and needs_op else formula.op)
    if isinstance(formula, Add):
        return Add(tuple(substitute(t, values, op) for t in formula.terms))
    if isinstance(formula, (Neg, Paren, Transpose)):
        return type(formula)(substitute(formula.arg, values, op))
    if isinstance(formula, Matrix):
        return Matrix(tuple(tuple(substitute(c, values, op) for c in row)
                            for row in formula.rows))
    if isinstance(formula, Frac):
        return Frac(substitute(formula.num, values, op), substitute(formula.den, values, op))
    if isinstance(formula, Pow):
        return Pow(substitute(formula.base, values, op), substitute(formula.exp, values, op))
    if isinstance(formula, Call):
        return Call(formula.name, tuple(substitute(a, values, op) for a in formula.args))
    if isinstance(formula, Cases):
        return Cases(tuple((substitute(v, values, op), substitute(c, values, op))
                           for v, c in formula.pieces))
    if isinstance(formula, Rel):
        return Rel(substitute(formula.lhs, values, op), formula.op,
                   substitute(formula.rhs, values, op))
    if isinstance(formula, (Partial, Sum, Vector)):
        return formula
    raise TypeError(f"substitute: unknown formula node {type(formula).__name__}")


def walk(formula: Formula):
    """Every node of a formula tree, parents before children."""
    yield formula
    for value in vars(formula).values():
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if isinstance(item, Formula):
                yield from walk(item)
            elif isinstance(item, tuple):  # Cases pieces
                for sub in item:
                    if isinstance(sub, Formula):
                        yield from walk(sub)


def normal(formula: Formula) -> Formula:
    """``formula`` with the ways of writing one thing folded into one.

    ``Neg(Num("1"))`` and ``Num("-1")`` are both −1: a rule that turns one into
    the other has changed nothing a reader can see, and comparing normal forms
    says so without printing either.
    """
    if isinstance(formula, Neg) and isinstance(formula.arg, Num):
        text = formula.arg.text
        return Num(text[1:] if text.startswith("-") else f"-{text}")
    changes = {f.name: _normal_part(getattr(formula, f.name)) for f in fields(formula)}
    return replace(formula, **changes)


def _normal_part(value):
    if isinstance(value, Formula):
        return normal(value)
    if isinstance(value, tuple):
        return tuple(_normal_part(v) for v in value)
    return value


def joined(items: list) -> list:
    """Inline items as a list a person writes: ``a``, ``a and b``, ``a, b and c``."""
    out: list = []
    for i, item in enumerate(items):
        if i:
            out.append(" and " if i == len(items) - 1 else ", ")
        out.append(item)
    return out


def plain_name(node: Sym) -> str:
    """An ASCII name for JSON keys: ``w5``, ``net_h1``, ``W[2]_11``, ``y_hat``."""
    base = node.base + ("_hat" if node.accent == "hat" else "")
    sup = node.sup
    sub = node.sub.replace("_", "")
    if sup:
        return f"{base}{sup}_{sub}" if sub else f"{base}{sup}"
    if not sub:
        return base
    if len(base) == 1 and sub.isdigit():
        return base + sub
    return f"{base}_{sub}"
