"""Formula printers: LaTeX and Unicode, parenthesisation of negative numbers."""

from __future__ import annotations

import pytest

from derive import formula as F
from derive.formula import plain_name
from derive.render.mathprint import latex, text

x1, w1, y, o1 = F.Sym("x", "1"), F.Sym("w", "1"), F.Sym("y"), F.Sym("o", "1")

CASES = [
    (F.Add((F.Mul((x1, w1)), F.Num("2"))), r"x_{1} w_{1} + 2", "x₁ w₁ + 2"),
    (F.Mul((F.Num("-2"), F.Add((y, F.Neg(o1))))), r"-2(y - o_{1})", "−2(y − o₁)"),
    (F.Mul((F.Num("-0.71"), F.Num("0.229"), F.Num("0.615")), "cdot"),
     r"-0.71 \cdot 0.229 \cdot 0.615", "−0.71 · 0.229 · 0.615"),
    (F.Add((F.Num("0.45"), F.Neg(F.Mul((F.Num("0.1"), F.Num("-0.095")), "cdot")))),
     r"0.45 - 0.1 \cdot (-0.095)", "0.45 − 0.1 · (−0.095)"),
    (F.Add((F.Num("2"), F.Num("-4"))), "2 + (-4)", "2 + (−4)"),
    (F.Pow(F.Num("-0.5"), F.Num("2")), "(-0.5)^{2}", "(−0.5)²"),
    (F.Pow(F.Sym("a", "1", "[1]"), F.Num("2")), "{a_{1}^{[1]}}^{2}", "(a⁽¹⁾₁)²"),
    (F.Partial(F.Sym("C"), F.Sym("w", "5")), r"\frac{\partial C}{\partial w_{5}}", "∂C/∂w₅"),
    (F.Call("sigmoid", (F.Sym("z", "1"),)), r"\sigma(z_{1})", "σ(z₁)"),
    (F.Sym("net", "h_1"), r"\mathrm{net}_{h_{1}}", "net_h₁"),
    (F.Sym("y", "", accent="hat"), r"\hat{y}", "ŷ"),
    (F.Frac(F.Num("1"), F.Add((F.Num("1"), F.Call("exp", (F.Neg(F.Sym("z")),))))),
     r"\frac{1}{1 + e^{-z}}", "1/(1 + exp(−z))"),
]


@pytest.mark.parametrize("formula, as_latex, as_text", CASES)
def test_printers(formula, as_latex, as_text):
    assert latex(formula) == as_latex
    assert text(formula) == as_text


def test_unknown_nodes_fail_loudly():
    class Strange(F.Formula):
        pass

    with pytest.raises(TypeError):
        latex(Strange())


@pytest.mark.parametrize("sym, name", [
    (F.Sym("w", "5"), "w5"), (F.Sym("net", "h_1"), "net_h1"),
    (F.Sym("W", "11", "[2]"), "W[2]_11"), (F.Sym("y", "", accent="hat"), "y_hat"),
])
def test_plain_names(sym, name):
    assert plain_name(sym) == name


def test_substitution_makes_number_products_explicit():
    substituted = F.substitute(F.Mul((x1, w1)), {x1: F.Num("0.5"), w1: F.Num("0.7")}, "times")
    assert text(substituted) == "0.5 × 0.7"
