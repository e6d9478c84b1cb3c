"""Reading what a user types: SymPy syntax (``x**2 + 2x``) or LaTeX (``\\frac{1}{1+e^{-z}}``).

User text is data, never code. Nothing here evaluates a string:

- SymPy syntax goes through SymPy's own tokenizer transformations (implicit
  multiplication ``2x``, ``x^2`` for ``x**2``), which only rewrite tokens; the
  result is parsed by Python's :mod:`ast` in ``eval`` mode and the tree is
  walked with an explicit whitelist (numbers, names, + − × ÷ ^, parentheses,
  the functions of :data:`~derive.steps.functions.PARSE_NAMES`). Any other
  node (attributes, subscripts, lists, strings, keywords) is refused.
- LaTeX goes through SymPy's LaTeX grammar, which builds an unevaluated tree.

Both trees are then checked before anything is evaluated (:func:`_guard`):
every node of a known kind, every name a plain identifier (so it can be
printed into LaTeX as it is), a bounded size, and no constant so large that
evaluating it would not finish (``10**10**10``). Only then is the tree
evaluated. Every failure is one :class:`~derive.errors.ExpressionError` line.
All symbols are real (calculus on the real line); numbers are not distributed
over sums, so ``2(x + 1)`` stays as written.
"""

from __future__ import annotations

import ast
import re

import mpmath
import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.core.parameters import distribute

from derive.errors import ExpressionError, quoted
from derive.steps.functions import PARSE_CONSTANTS, PARSE_NAMES

#: Longest expression accepted, in characters.
MAX_CHARS = 500
#: Most nodes in an expression tree (a page of a textbook is far below it).
MAX_NODES = 200
#: Largest magnitude of a constant; larger ones are no exercise and may not finish.
MAX_MAGNITUDE = mpmath.mpf(10) ** 100
#: Largest constant exponent of a variable (x**1000 is fine, x**10**9 is not).
MAX_EXPONENT = 1000

#: A variable name: a letter, then letters, digits and underscores (z_1, y_hat);
#: LaTeX subscripts in braces (x_{1}) as SymPy's LaTeX parser names them.
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_(?:[A-Za-z0-9]+|\{[A-Za-z0-9]+\}))*")
_MAX_NAME = 30
_LATEX_HINTS = ("\\", "{")

#: The node kinds an expression may contain, besides the functions a user may type.
_ALLOWED = (sp.Add, sp.Mul, sp.Pow, sp.Symbol, sp.Rational, sp.Float, sp.NumberSymbol)
_FUNCTIONS = tuple({f for f in PARSE_NAMES.values() if isinstance(f, type)})

#: What SymPy's tokenizer transformations write around numbers and names.
_NUMBER_CALLS = {"Integer": sp.Integer, "Float": sp.Float, "Rational": sp.Rational}
_OPERATORS = {ast.Add: sp.Add, ast.Mult: sp.Mul}


def parse(text: str) -> sp.Expr:
    """The expression in ``text`` (LaTeX when it has a backslash or a brace).

    Raises:
        ExpressionError: unreadable, too large, not a single expression, or an
            unknown function or name.
    """
    text = text.strip()
    if not text:
        raise ExpressionError("empty expression")
    if len(text) > MAX_CHARS:
        raise ExpressionError(f"{quoted(text)}: longer than {MAX_CHARS} characters")
    latex = any(h in text for h in _LATEX_HINTS)
    with distribute(False):
        try:
            tree = _latex(text) if latex else _sympy(text)
        except ExpressionError:
            raise
        except RecursionError:
            raise ExpressionError(f"{quoted(text)}: nested too deeply") from None
        except Exception as error:  # SymPy's and Python's parsers raise many kinds
            reason = str(error).strip().splitlines()[0] if str(error).strip() else \
                type(error).__name__
            raise ExpressionError(f"cannot read {quoted(text)}: {quoted(reason)}") from None
        _guard(tree, text)
        return _validated(_evaluated(tree), text)


def parse_definition(text: str) -> tuple[sp.Symbol | None, sp.Expr]:
    """``"z = y**2"`` → (z, y²); a bare expression → (None, expression)."""
    name, sep, body = text.partition("=")
    if sep and _NAME.fullmatch(name.strip()) and not body.startswith("="):
        return parse_symbol(name), parse(body)
    return None, parse(text)


def parse_symbol(text: str) -> sp.Symbol:
    """A variable name such as ``x`` or ``z_1``."""
    return real_symbol(_checked_name(text.strip(), text))


def parse_point(text: str) -> tuple[sp.Symbol, sp.Expr]:
    """``"x=2"`` → (x, 2); the value may be any constant expression (``1/2``, ``pi``)."""
    name, sep, value = text.partition("=")
    if not sep:
        raise ExpressionError(f"--at {quoted(text)}: expected VAR=VALUE, e.g. x=2")
    number = parse(value)
    if number.free_symbols or not number.is_real:
        raise ExpressionError(f"--at {quoted(text)}: the value must be a real number")
    return parse_symbol(name), sp.nsimplify(number, rational=True) \
        if isinstance(number, sp.Float) else number


def real_symbol(name: str) -> sp.Symbol:
    """The real symbol called ``name``."""
    return sp.Symbol(name, real=True)


# -- SymPy syntax: tokens rewritten, then a whitelisted walk over Python's ast ------


def _sympy(text: str) -> sp.Expr:
    from sympy.parsing.sympy_parser import (
        convert_xor,
        implicit_multiplication,
        standard_transformations,
        stringify_expr,
    )

    _known_functions(text)
    # The transformations only need to know which names are callables and which
    # are constants; they rewrite tokens and never evaluate them.
    names = {**PARSE_NAMES, **PARSE_CONSTANTS}
    code = stringify_expr(text, names, {"Symbol": sp.Symbol, **_NUMBER_CALLS},
                          (*standard_transformations, implicit_multiplication, convert_xor))
    return _build(ast.parse(code, mode="eval").body, text)


def _known_functions(text: str) -> None:
    """Refuse ``f(x)`` for an unknown f, which implicit multiplication would read as f·x."""
    for name in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(", text):
        if name not in PARSE_NAMES:
            raise ExpressionError(f"{quoted(text)}: unknown function {quoted(name)} "
                                  f"(for a product write {quoted(name)}*(...))")


def _build(node: ast.AST, text: str) -> sp.Expr:
    """The unevaluated SymPy tree of one whitelisted Python expression node."""
    if isinstance(node, ast.BinOp):
        left, right = _build(node.left, text), _build(node.right, text)
        op = type(node.op)
        if op in _OPERATORS:
            return _OPERATORS[op](left, right, evaluate=False)
        if op is ast.Sub:
            return sp.Add(left, sp.Mul(-1, right, evaluate=False), evaluate=False)
        if op is ast.Div:
            return sp.Mul(left, sp.Pow(right, -1, evaluate=False), evaluate=False)
        if op is ast.Pow:
            return sp.Pow(left, right, evaluate=False)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = _build(node.operand, text)
        return sp.Mul(-1, operand, evaluate=False) if isinstance(node.op, ast.USub) \
            else operand
    elif isinstance(node, ast.Name) and node.id in PARSE_CONSTANTS:
        return PARSE_CONSTANTS[node.id]
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        return _call(node.func.id, node.args, text)
    raise ExpressionError(f"cannot read {quoted(text)}: only numbers, variables, "
                          "+ - * / ^, parentheses and known functions are allowed")


def _call(name: str, args: list[ast.expr], text: str) -> sp.Expr:
    if name == "Symbol" and len(args) == 1 and _is_text(args[0]):
        return real_symbol(_checked_name(args[0].value, text))
    if name in _NUMBER_CALLS and all(_is_literal(a) for a in args):
        digits = sum(len(str(a.value)) for a in args)
        if digits > 100:
            raise ExpressionError(f"{quoted(text)}: a number with more than 100 digits")
        return _NUMBER_CALLS[name](*(a.value for a in args))
    if name in _NUMBER_CALLS and all(isinstance(a, ast.Call) for a in args):
        return _NUMBER_CALLS[name](*(_build(a, text) for a in args))  # 0.[3] → Rational(…)
    if name in PARSE_NAMES and args:
        built = [_build(a, text) for a in args]
        try:
            return PARSE_NAMES[name](*built, evaluate=False)
        except (TypeError, ValueError):
            raise ExpressionError(f"{quoted(text)}: {name} does not take {len(args)} "
                                  "argument(s)") from None
    if name in PARSE_NAMES:
        raise ExpressionError(f"{quoted(text)}: {name} needs an argument")
    raise ExpressionError(f"{quoted(text)}: unknown function {quoted(name)}")


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _is_literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) in (int, str)


def _checked_name(name: str, text: str) -> str:
    if not isinstance(name, str) or len(name) > _MAX_NAME or not _NAME.fullmatch(name):
        raise ExpressionError(f"{quoted(text)}: {quoted(str(name))} is not a variable name "
                              "(letters, digits and _, starting with a letter)")
    return name


# -- LaTeX: SymPy's grammar, named functions mapped to ours ---------------------------


def _latex(text: str) -> sp.Expr:
    from sympy.parsing.latex import parse_latex

    expr = parse_latex(text, strict=True)  # junk is an error, not silently dropped
    # LaTeX reads e^{x} as a symbol e to a power, \sigma(z) as an unknown function.
    expr = expr.xreplace({sp.Symbol("e"): sp.E})
    for undefined in sorted(expr.atoms(AppliedUndef), key=sp.default_sort_key):
        function = PARSE_NAMES.get(undefined.func.__name__)
        if function is None:
            raise ExpressionError(f"{quoted(text)}: unknown function "
                                  f"{quoted(undefined.func.__name__)}")
        expr = expr.xreplace({undefined: function(*undefined.args, evaluate=False)})
    return expr


# -- checks before evaluation ----------------------------------------------------------


def _guard(tree: sp.Basic, text: str) -> None:
    """Refuse anything but a small tree of known parts whose constants are of sane size.

    Constants are estimated with mpmath floats, whose exponents cannot
    overflow, so ``10**10**10`` is refused at once instead of computed.
    """
    nodes = list(sp.preorder_traversal(tree))
    if len(nodes) > MAX_NODES:
        raise ExpressionError(f"{quoted(text)}: more than {MAX_NODES} parts; "
                              "split it into named intermediates")
    for node in nodes:
        if isinstance(node, sp.Symbol):
            _checked_name(node.name, text)
        elif not isinstance(node, (*_ALLOWED, *_FUNCTIONS)):
            kind = getattr(node, "func", type(node)).__name__
            raise ExpressionError(f"{quoted(text)}: {quoted(kind)} is not supported here")
    _magnitude(tree, text)


def _magnitude(node: sp.Basic, text: str):
    """An mpmath estimate of ``node`` if it is a constant (None otherwise), checked in size."""
    if isinstance(node, sp.Symbol):
        return None
    if isinstance(node, sp.Rational):
        value = mpmath.mpf(node.p) / node.q
    elif isinstance(node, (sp.Float, sp.NumberSymbol)):
        value = mpmath.mpf(node.evalf(20))
    else:
        args = [_magnitude(a, text) for a in node.args]
        if isinstance(node, sp.Pow) and args[1] is not None and args[0] is None \
                and abs(args[1]) > MAX_EXPONENT:
            raise ExpressionError(f"{quoted(text)}: an exponent larger than {MAX_EXPONENT}")
        if any(a is None for a in args):
            return None
        value = _estimate(node, args)
    if value is not None and abs(value) > MAX_MAGNITUDE:
        raise ExpressionError(f"{quoted(text)}: a number larger than 10^100")
    return value


def _estimate(node: sp.Basic, args: list):
    try:
        with mpmath.workdps(20):
            if isinstance(node, sp.Add):
                return mpmath.fsum(args)
            if isinstance(node, sp.Mul):
                return mpmath.fprod(args)
            if isinstance(node, sp.Pow):
                return mpmath.power(abs(args[0]), args[1]) if args[0] else mpmath.mpf(0)
            if isinstance(node, sp.exp):
                return mpmath.exp(mpmath.re(args[0]))
            return abs(mpmath.mpf(node.func(*(sp.Float(str(a)) for a in args)).evalf(20)))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None


def _evaluated(tree: sp.Basic) -> sp.Basic:
    """The tree with every node built again the ordinary (evaluating) way."""
    if not tree.args or isinstance(tree, (sp.Rational, sp.Float)):
        return tree
    return tree.func(*(_evaluated(a) for a in tree.args))


def _validated(expr, text: str) -> sp.Expr:
    if not isinstance(expr, sp.Expr):
        raise ExpressionError(f"{quoted(text)} is not a single expression")
    if expr.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        raise ExpressionError(f"{quoted(text)} is not a finite expression")
    swap = {s: real_symbol(s.name) for s in expr.free_symbols if isinstance(s, sp.Symbol)}
    return expr.xreplace(swap)
