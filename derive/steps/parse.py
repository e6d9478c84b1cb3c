"""Reading what a user types: SymPy syntax (``x**2 + 2x``) or LaTeX (``\\frac{1}{1+e^{-z}}``).

Every failure becomes one :class:`~derive.errors.ExpressionError` line. All
symbols are real (calculus on the real line), ``e`` is Euler's number, and
sigmoid/σ, relu, max and ln mean what they say. Numbers are not distributed
over sums, so ``2(x + 1)`` stays as written.
"""

from __future__ import annotations

import re

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.core.parameters import distribute

from derive.errors import ExpressionError
from derive.steps.functions import PARSE_NAMES

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_LATEX_HINTS = ("\\", "{")


def parse(text: str) -> sp.Expr:
    """The expression in ``text`` (LaTeX when it has a backslash or a brace).

    Raises:
        ExpressionError: unreadable, not a single expression, or an unknown function.
    """
    text = text.strip()
    if not text:
        raise ExpressionError("empty expression")
    latex = any(h in text for h in _LATEX_HINTS)
    if not latex:
        _known_functions(text)
    with distribute(False):
        try:
            expr = _latex(text) if latex else _sympy(text)
        except Exception as error:  # SymPy's parsers raise many kinds; all mean "unreadable"
            reason = str(error).strip().splitlines()[0] if str(error).strip() else \
                type(error).__name__
            raise ExpressionError(f"cannot read {text!r}: {reason}") from None
        return _validated(expr, text)


def parse_definition(text: str) -> tuple[sp.Symbol | None, sp.Expr]:
    """``"z = y**2"`` → (z, y²); a bare expression → (None, expression)."""
    name, sep, body = text.partition("=")
    if sep and _NAME.match(name.strip()) and not body.startswith("="):
        return real_symbol(name.strip()), parse(body)
    return None, parse(text)


def parse_symbol(text: str) -> sp.Symbol:
    """A variable name such as ``x`` or ``z_1``."""
    if not _NAME.match(text.strip()):
        raise ExpressionError(f"{text!r} is not a variable name")
    return real_symbol(text.strip())


def parse_point(text: str) -> tuple[sp.Symbol, sp.Expr]:
    """``"x=2"`` → (x, 2); the value may be any constant expression (``1/2``, ``pi``)."""
    name, sep, value = text.partition("=")
    if not sep:
        raise ExpressionError(f"--at {text!r}: expected VAR=VALUE, e.g. x=2")
    number = parse(value)
    if number.free_symbols or not number.is_real:
        raise ExpressionError(f"--at {text!r}: the value must be a real number")
    return parse_symbol(name), sp.nsimplify(number, rational=True) \
        if isinstance(number, sp.Float) else number


def real_symbol(name: str) -> sp.Symbol:
    """The real symbol called ``name``."""
    return sp.Symbol(name, real=True)


def _sympy(text: str) -> sp.Expr:
    from sympy.parsing.sympy_parser import (
        convert_xor,
        implicit_multiplication,
        parse_expr,
        standard_transformations,
    )

    names = {**PARSE_NAMES, "e": sp.E, "E": sp.E}
    return parse_expr(text, local_dict=names,
                      transformations=(*standard_transformations, implicit_multiplication,
                                       convert_xor))


def _known_functions(text: str) -> None:
    """Refuse ``f(x)`` for an unknown f, which implicit multiplication would read as f·x."""
    for name in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(", text):
        function = PARSE_NAMES.get(name) or getattr(sp, name, None)
        if not (isinstance(function, type) and issubclass(function, sp.Basic)) \
                and name not in ("sqrt", "exp"):
            raise ExpressionError(f"{text!r}: unknown function {name} "
                                  f"(for a product write {name}*(...))")


def _latex(text: str) -> sp.Expr:
    from sympy.parsing.latex import parse_latex

    expr = parse_latex(text)
    # LaTeX reads e^{x} as a symbol e to a power, \sigma(z) as an unknown function.
    expr = expr.xreplace({sp.Symbol("e"): sp.E})
    for undefined in sorted(expr.atoms(AppliedUndef), key=sp.default_sort_key):
        function = PARSE_NAMES.get(undefined.func.__name__)
        if function is not None:
            expr = expr.xreplace({undefined: function(*undefined.args)})
    return expr.doit()


def _validated(expr, text: str) -> sp.Expr:
    if not isinstance(expr, sp.Expr):
        raise ExpressionError(f"{text!r} is not a single expression")
    unknown = sorted({f.func.__name__ for f in expr.atoms(AppliedUndef)})
    if unknown:
        raise ExpressionError(f"{text!r}: unknown function {', '.join(unknown)}")
    if expr.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        raise ExpressionError(f"{text!r} is not a finite expression")
    swap = {s: real_symbol(s.name) for s in expr.free_symbols if isinstance(s, sp.Symbol)}
    return expr.xreplace(swap)
