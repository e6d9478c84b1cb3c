"""Printers for :mod:`derive.formula` trees: LaTeX and Unicode text.

A printer dispatches on the node's class name (``_print_Add`` …) and raises on
a node it does not know, rather than guessing. Parenthesisation is decided here
from precedence, so derivations never insert brackets for layout's sake.
"""

from __future__ import annotations

import re
import unicodedata

from pylatex.utils import escape_latex

from derive import formula as F
from derive.errors import RenderError
from derive.vocabulary import FUNCTIONS, GREEK, Function

#: Other named symbols: the gradient's nabla (∇f).
_SYMBOLS = {"nabla": (r"\nabla", "∇")}
_SUBSCRIPT = str.maketrans("0123456789+-=()aeoxhijklmnprstuv",
                           "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕᵢⱼₖₗₘₙₚᵣₛₜᵤᵥ")
_SUPERSCRIPT = str.maketrans("0123456789+-=()[]n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾⁽⁾ⁿ")

# Precedence: a child binding more loosely than its parent gets parentheses.
ADD, NEG, MUL, POW, ATOM = 10, 15, 20, 30, 40


class FormulaPrinter:
    """Shared walking logic; subclasses supply the spelling of each construct."""

    def print(self, node: F.Formula) -> str:
        """Print one formula."""
        method = getattr(self, f"_print_{type(node).__name__}", None)
        if method is None:
            raise TypeError(f"{type(self).__name__} cannot print {type(node).__name__}")
        return method(node)

    def precedence(self, node: F.Formula) -> int:
        """How tightly a node binds when it stands inside another."""
        if isinstance(node, F.Add):
            return ADD
        if isinstance(node, F.Neg) or (isinstance(node, F.Num) and node.negative):
            return NEG
        if isinstance(node, F.Mul):
            return MUL
        if isinstance(node, F.Frac):
            return self.frac_precedence
        if isinstance(node, F.Pow):
            return POW
        return ATOM

    frac_precedence = ATOM

    def wrap(self, node: F.Formula, above: int) -> str:
        """Print ``node``, in parentheses when it binds more loosely than ``above``."""
        text = self.print(node)
        return self.paren(text) if self.precedence(node) < above else text

    def _print_Paren(self, node: F.Paren) -> str:
        return self.paren(self.print(node.arg))

    def _print_Add(self, node: F.Add) -> str:
        parts = [self.print(node.terms[0])]
        for term in node.terms[1:]:
            if isinstance(term, F.Neg):
                parts.append(f" {self.minus} {self.wrap(term.arg, MUL)}")
            elif isinstance(term, F.Mul) and _negative(term.factors[0]):
                # "+ −2 · 3" reads badly: bracket the leading negative factor.
                first = F.Paren(term.factors[0])
                parts.append(f" + {self.print(F.Mul((first, *term.factors[1:]), term.op))}")
            else:
                parts.append(f" + {self.wrap(term, ADD + 1 if not _negative(term) else MUL)}")
        return "".join(parts)

    def _print_Neg(self, node: F.Neg) -> str:
        return f"{self.minus}{self.wrap(node.arg, MUL)}"

    def _print_Mul(self, node: F.Mul) -> str:
        # A leading minus needs no brackets: −0.71 · 0.229, −2(y − o₁).
        pieces = [self.wrap(node.factors[0], NEG if _negative(node.factors[0]) else MUL)]
        for before, factor in zip(node.factors, node.factors[1:], strict=False):
            text = self.wrap(factor, MUL + 1 if isinstance(factor, F.Mul) else MUL)
            if _negative(factor) and not text.startswith(("(", r"\left(")):
                text = self.paren(text)
            pieces.append(self.joiner(node.op, before, factor, text))
            pieces.append(text)
        return "".join(pieces)

    def _print_Rel(self, node: F.Rel) -> str:
        return f"{self.print(node.lhs)} {self.relation(node.op)} {self.print(node.rhs)}"


def _operator_symbol(node: F.Formula) -> bool:
    """Δ and ∇ bind to what follows: Δx, ∇f."""
    return isinstance(node, F.Sym) and node.base in ("Delta", "nabla") and not node.sub


def _negative(node: F.Formula) -> bool:
    return isinstance(node, F.Neg) or (isinstance(node, F.Num) and node.negative)


class LatexPrinter(FormulaPrinter):
    """Formulas as LaTeX math (for ``$…$`` or an ``align`` environment).

    With ``inline=True`` derivatives are written ∂C/∂w, as running text wants.
    """

    def __init__(self, inline: bool = False):
        self.inline = inline

    minus = "-"
    relations = {"=": "=", "approx": r"\approx", ">": ">", "<": "<", ">=": r"\geq",
                 "<=": r"\leq", "!=": r"\neq", "->": r"\rightarrow", "in": r"\in",
                 "<-": r"\leftarrow", "+": "+", "-": "-"}

    def paren(self, text: str) -> str:
        if r"\frac" in text or r"\sum" in text or r"\begin{bmatrix}" in text:
            return rf"\left({text}\right)"
        return f"({text})"

    def relation(self, op: str) -> str:
        return self.relations[op]

    def joiner(self, op: str, before: F.Formula, after: F.Formula, text: str) -> str:
        if op == "cdot":
            return r" \cdot "
        if op == "times":
            return r" \times "
        if op == "odot":
            return r" \odot "
        if isinstance(after, F.Matrix):
            return " "
        if isinstance(after, F.Num) or text[:1].isdigit():  # 3 · 2^{x}, not 3 2^{x}
            return r" \cdot "
        return "" if text.startswith(("(", r"\left(")) else " "

    def name(self, base: str) -> str:
        if base in _SYMBOLS:
            return _SYMBOLS[base][0]
        if base in GREEK:
            return "\\" + base
        # A name of several letters is a word (Mazur's net, out, target): upright, as
        # \mathit would set it as a product of italic letters.
        return base if len(base) == 1 else rf"\mathrm{{{base}}}"

    def script(self, text: str) -> str:
        # "h_1" nests: net_{h_{1}}
        head, _, rest = text.partition("_")
        return f"{head}_{{{self.script(rest)}}}" if rest else head

    def _print_Sym(self, node: F.Sym) -> str:
        text = self.name(node.base)
        if node.accent:
            text = rf"\{node.accent}{{{text}}}"
        if node.sub:
            text += f"_{{{self.script(node.sub)}}}"
        if node.sup:
            text += f"^{{{node.sup}}}"
        return text

    def _print_Num(self, node: F.Num) -> str:
        return node.text

    def _print_Text(self, node: F.Text) -> str:
        return rf"\text{{{escape_text(node.text)}}}"

    def _print_Frac(self, node: F.Frac) -> str:
        return rf"\frac{{{self.print(node.num)}}}{{{self.print(node.den)}}}"

    def _print_Pow(self, node: F.Pow) -> str:
        base = self.wrap(node.base, POW + 1)
        if _negative(node.base) and not base.startswith(("(", r"\left(")):
            base = self.paren(base)
        elif isinstance(node.base, F.Sym) and node.base.sup:
            base = f"{{{base}}}"  # a^{[1]} squared: no double superscript
        return f"{base}^{{{self.print(node.exp)}}}"

    def _print_Call(self, node: F.Call) -> str:
        args = ", ".join(self.print(a) for a in node.args)
        function = _function(node)
        return function.written(function.latex, args, self.paren)

    def _print_Partial(self, node: F.Partial) -> str:
        d = "d" if node.total else r"\partial"
        of, wrt = self.print(node.of), self.print(node.wrt)
        if not isinstance(node.of, F.Sym):
            # Of an expression, the operator form: d/dx (x² + 1).
            operator = rf"{d}/{d} {wrt}" if self.inline else rf"\frac{{{d}}}{{{d} {wrt}}}"
            return f"{operator} {self.wrap(node.of, POW)}"
        if self.inline:
            return rf"{d} {of}/{d} {wrt}"
        return rf"\frac{{{d} {of}}}{{{d} {wrt}}}"

    def _print_Sum(self, node: F.Sum) -> str:
        limits = f"_{{{self.print(node.index)}"
        if node.lower is not None:
            limits += f"={self.print(node.lower)}"
        limits += "}"
        if node.upper is not None:
            limits += f"^{{{self.print(node.upper)}}}"
        return rf"\sum{limits} {self.wrap(node.body, MUL)}"

    def _print_Cases(self, node: F.Cases) -> str:
        rows = []
        for value, condition in node.pieces:
            cond = self.print(condition)
            # A leading minus after the word "if" is a sign, not a subtraction: {-0.15}.
            cond = re.sub(r"^-([\d.]+)", r"{-\1}", cond)
            cond = cond if isinstance(condition, F.Text) else rf"\text{{if }} {cond}"
            rows.append(f"{self.print(value)} & {cond}")
        return r"\begin{cases} " + r" \\ ".join(rows) + r" \end{cases}"

    def _print_Vector(self, node: F.Vector) -> str:
        return r"\begin{pmatrix} " + r" \\ ".join(self.print(i) for i in node.items) + \
            r" \end{pmatrix}"

    def _print_Matrix(self, node: F.Matrix) -> str:
        rows = (" & ".join(self.print(c) for c in row) for row in node.rows)
        return r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"

    def _print_Transpose(self, node: F.Transpose) -> str:
        arg = self.wrap(node.arg, POW + 1)
        if isinstance(node.arg, F.Sym) and node.arg.sup:
            arg = self.paren(arg)  # (W^{[2]})^T: no double superscript
        return rf"{arg}^{{\top}}"


class UnicodePrinter(FormulaPrinter):
    """Formulas as one line of Unicode text (terminal, Markdown, JSON)."""

    minus = "−"
    # a/b written on one line needs brackets inside a product: (1/2)(a + b).
    frac_precedence = MUL - 1
    relations = {"=": "=", "approx": "≈", ">": ">", "<": "<", ">=": "≥", "<=": "≤",
                 "!=": "≠", "->": "→", "in": "∈",
                 "<-": "←", "+": "+", "-": "−"}

    def paren(self, text: str) -> str:
        return f"({text})"

    def relation(self, op: str) -> str:
        return self.relations[op]

    def joiner(self, op: str, before: F.Formula, after: F.Formula, text: str) -> str:
        if op == "cdot" or (op == "implicit" and (isinstance(after, F.Num)
                                                  or text[:1].isdigit())):  # 3 · 2ˣ
            return " · "
        if op == "times":
            return " × "
        if op == "odot":
            return " ⊙ "
        if isinstance(after, F.Matrix) or isinstance(before, F.Matrix):
            return " "
        if text.startswith("(") or (isinstance(before, F.Num) and not isinstance(after, F.Call)) \
                or _operator_symbol(before):
            return ""
        return " "

    def script(self, text: str, table) -> str:
        head, _, rest = text.partition("_")
        if rest:
            return head + self.script(rest, table)
        converted = text.translate(table)
        return converted

    def _print_Sym(self, node: F.Sym) -> str:
        base = GREEK.get(node.base) or _SYMBOLS.get(node.base, (None, node.base))[1]
        if node.accent == "hat":
            # NFC gives the precomposed ŷ where one exists.
            base = unicodedata.normalize("NFC", base + "\u0302") if len(base) == 1 \
                else f"hat({base})"
        elif node.accent == "bar":
            base = base + "\u0304" if len(base) == 1 else f"bar({base})"
        text = base
        if node.sup:
            sup = node.sup.translate(_SUPERSCRIPT)
            text += sup if sup.isascii() is False and all(c != "^" for c in sup) else f"^{node.sup}"
        if node.sub:
            sub = self.script(node.sub, _SUBSCRIPT)
            head, _, rest = node.sub.partition("_")
            if rest or any(c.isascii() for c in sub):
                # Letters without a subscript form: net_h₁ as plain text writes it.
                text += "_" + head + rest.translate(_SUBSCRIPT) if rest else "_" + node.sub
            else:
                text += sub
        return text

    def _print_Num(self, node: F.Num) -> str:
        return node.text.replace("-", "−")

    def _print_Text(self, node: F.Text) -> str:
        return node.text

    def _print_Frac(self, node: F.Frac) -> str:
        return f"{self.wrap(node.num, MUL)}/{self.wrap(node.den, POW)}"

    def _print_Pow(self, node: F.Pow) -> str:
        base = self.wrap(node.base, POW + 1)
        if (_negative(node.base) or (isinstance(node.base, F.Sym) and node.base.sup)) \
                and not base.startswith("("):
            base = self.paren(base)
        exp = self.print(node.exp)
        sup = exp.replace("−", "-").translate(_SUPERSCRIPT)
        if all(c in "⁰¹²³⁴⁵⁶⁷⁸⁹⁻" for c in sup):
            return base + sup
        return f"{base}^{self.wrap(node.exp, ATOM)}"

    def _print_Call(self, node: F.Call) -> str:
        args = ", ".join(self.print(a) for a in node.args)
        function = _function(node)
        return function.written(function.text, args, lambda text: f"({text})")

    def _print_Partial(self, node: F.Partial) -> str:
        d = "d" if node.total else "∂"
        if not isinstance(node.of, F.Sym):
            return f"{d}/{d}{self.wrap(node.wrt, ATOM)} {self.wrap(node.of, POW)}"
        return f"{d}{self.wrap(node.of, ATOM)}/{d}{self.wrap(node.wrt, ATOM)}"

    def _print_Sum(self, node: F.Sum) -> str:
        index = self.print(node.index)
        if node.lower is not None:
            index += f"={self.print(node.lower)}"
        if node.upper is not None:
            index += f"..{self.print(node.upper)}"
        return f"Σ_({index}) {self.wrap(node.body, MUL)}"

    def _print_Cases(self, node: F.Cases) -> str:
        parts = []
        for value, condition in node.pieces:
            cond = self.print(condition)
            cond = cond if isinstance(condition, F.Text) else "if " + cond
            parts.append(f"{self.print(value)} {cond}")
        return "{" + "; ".join(parts) + "}"

    def _print_Vector(self, node: F.Vector) -> str:
        return "(" + ", ".join(self.print(i) for i in node.items) + ")"

    def _print_Matrix(self, node: F.Matrix) -> str:
        if all(len(row) == 1 for row in node.rows) and len(node.rows) > 1:
            # A column vector on one line: [a, b, c]ᵀ.
            return "[" + ", ".join(self.print(row[0]) for row in node.rows) + "]ᵀ"
        return "[" + ", ".join("[" + ", ".join(self.print(c) for c in row) + "]"
                               for row in node.rows) + "]"

    def _print_Transpose(self, node: F.Transpose) -> str:
        arg = self.wrap(node.arg, POW + 1)
        if isinstance(node.arg, F.Sym) and node.arg.sup and not arg.startswith("("):
            arg = self.paren(arg)
        return arg + "ᵀ"


LATEX = LatexPrinter()
LATEX_INLINE = LatexPrinter(inline=True)
UNICODE = UnicodePrinter()


def latex(node: F.Formula, inline: bool = False) -> str:
    """A formula as LaTeX math (``inline``: for running text)."""
    return (LATEX_INLINE if inline else LATEX).print(node)


def text(node: F.Formula) -> str:
    """A formula as one line of Unicode text."""
    return UNICODE.print(node)


def escape_text(text: str) -> str:
    """Escape text for LaTeX with pylatex, then undo its ``{-}`` for a lone hyphen.

    pylatex braces every hyphen so that ``--`` cannot become a dash; a single
    hyphen between other characters needs no braces (``2-2-1``, not ``2{-}2{-}1``).
    """
    return re.sub(r"(?<!\{-\})\{-\}(?!\{-\})", "-", escape_latex(text))


def _function(node: F.Call) -> Function:
    """The vocabulary entry of a call; a one-letter name (f, g) is a function symbol."""
    if node.name in FUNCTIONS:
        return FUNCTIONS[node.name]
    if node.name.endswith("'"):  # a derivative: σ′(z), g′(z)
        base = _function(F.Call(node.name[:-1], node.args))
        if "{}" not in base.latex + base.text:
            return Function(node.name, base.latex + "'", base.text + "′")
    if len(node.name) == 1:
        return Function(node.name, node.name, node.name)
    raise RenderError(f"no printed form for the function {node.name!r}: declare it in "
                      "derive/vocabulary.py")
