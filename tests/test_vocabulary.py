"""One declaration per function: parser, transcriber and both printers agree with it."""

from __future__ import annotations

import pytest
import sympy as sp

from derive import formula as F
from derive.errors import RenderError
from derive.render import mathprint
from derive.steps.functions import PARSE_NAMES
from derive.steps.parse import parse
from derive.transcribe import transcribe
from derive.vocabulary import FUNCTIONS, TYPED

x = sp.Symbol("x", real=True)


@pytest.mark.parametrize("typed, latex, text", [
    ("sqrt(x)", r"\sqrt{x}", "√(x)"),
    ("abs(x)", r"\left|x\right|", "|x|"),
    ("sigmoid(x)", r"\sigma(x)", "σ(x)"),
    ("relu(x)", r"\operatorname{ReLU}(x)", "ReLU(x)"),
    ("exp(x)", "e^{x}", "exp(x)"),
    ("arctan(x)", r"\arctan(x)", "arctan(x)"),
    ("max(0, x)", r"\max(0, x)", "max(0, x)"),
])
def test_a_typed_function_is_printed_as_declared(typed, latex, text):
    formula = transcribe(parse(typed))
    assert mathprint.latex(formula) == latex
    assert mathprint.text(formula) == text


def test_every_spelling_a_user_may_type_is_parsed_to_its_function():
    for spelling, entry in TYPED.items():
        expr = parse(f"{spelling}(x, 2)" if entry.name in ("max", "min", "leaky_relu")
                     else f"{spelling}(x)")
        assert expr.has(x), spelling
        assert PARSE_NAMES[spelling] is PARSE_NAMES[entry.name]


def test_every_declared_function_has_both_printed_forms():
    for entry in FUNCTIONS.values():
        call = F.Call(entry.name, (F.Sym("x"),))
        assert "x" in mathprint.latex(call) and "x" in mathprint.text(call)


def test_an_undeclared_function_fails_loudly_and_a_letter_is_a_function_symbol():
    assert mathprint.latex(F.Call("f", (F.Sym("x"),))) == "f(x)"
    with pytest.raises(RenderError, match="vocabulary"):
        mathprint.latex(F.Call("frobnicate", (F.Sym("x"),)))
