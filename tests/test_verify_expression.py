"""The maths reader of derive verify: LaTeX, Unicode and plain text read alike."""

from decimal import Decimal

import pytest

from derive.verify import expression as X
from derive.verify import interval as I
from derive.verify.tokens import tokenize


def value(text: str, plain: bool = False, names=None) -> Decimal:
    names = names or {}

    def leaf(node):
        if isinstance(node, X.Ref):
            if node.name.key not in names:
                raise I.EvalError(f"{node.name} unknown")
            return I.Interval.point(names[node.name.key])
        return I.Interval.point(str(node.token.value))

    result = I.evaluate(X.parse(tokenize(text, plain=plain)), leaf)
    assert result.is_point
    return Decimal(str(float(result.lo)))


@pytest.mark.parametrize("text, plain, expected", [
    (r"0.5 \times 0.7 + 0.3 \times 0.4", False, "0.47"),
    (r"0.5 \cdot 0.7 + 0.3 \cdot 0.4", False, "0.47"),
    ("0.5 × 0.7 + 0.3 · 0.4", True, "0.47"),
    ("0.5*0.7 + 0.3*0.4", True, "0.47"),
    (r"0.645(1 - 0.645)", False, "0.228975"),
    (r"-2(1 - 0.645)", False, "-0.71"),
    ("−2(1 − 0.645)", True, "-0.71"),
    (r"\frac{1}{1 + e^{-0}}", False, "0.5"),
    (r"\sigma(0)", False, "0.5"),
    (r"\text{sigmoid}(0)", False, "0.5"),
    ("sigmoid(0)", True, "0.5"),
    ("σ(0)", True, "0.5"),
    (r"(1 - 0.645)^2", False, "0.126025"),
    ("(1 − 0.645)²", True, "0.126025"),
    ("(1 - 0.645)**2", True, "0.126025"),
    ("½(1 − 0.5)²", True, "0.125"),
    (r"\frac{1}{2}(1 - 0.5)^{2}", False, "0.125"),
    (r"0.55 - (-0.1) \cdot 0.1", False, "0.56"),
    (r"\textcolor{red}{0.47}", False, "0.47"),
    (r"\mathbf{0.229}", False, "0.229"),
    (r"\ln(1)", False, "0"),
    (r"\tanh(0)", False, "0"),
    (r"\max(0, -2)", False, "0"),
    (r"\left( 0.5 \right)^{2-1}", False, "0.5"),
    (r"4 \times 0 + 4 \times 1 - 6", False, "-2"),
])
@pytest.mark.usefixtures("exact_arithmetic")
def test_numbers_evaluate(text, plain, expected):
    assert value(text, plain) == Decimal(expected)


@pytest.mark.parametrize("text, plain, key", [
    ("w_5", False, "w5"), ("w_{5}", False, "w5"), ("w₅", True, "w5"), ("w5", True, "w5"),
    (r"w_{5}^{new}", False, "w5^new"), ("w₅'", True, "w5^'"), (r"\hat{y}", False, "yhat"),
    ("ŷ", True, "yhat"), (r"net_{h1}", False, "neth1"), ("net_h1", True, "neth1"),
    (r"\frac{\partial C}{\partial w_5}", False, "dC/dw5"), ("∂C/∂w₅", True, "dC/dw5"),
    ("dC/dw5", True, "dC/dw5"), (r"\frac{dL}{d\hat{y}}", False, "dL/dyhat"),
    (r"W^{[2]}_{11}", False, "W11^[2]"), (r"\delta_3", False, "delta3"), ("δ₃", True, "delta3"),
])
def test_names(text, plain, key):
    tree = X.parse(tokenize(text, plain=plain))
    assert isinstance(tree, X.Ref)
    assert tree.name.key == key


def test_names_take_values():
    assert value(r"x_1 w_1 + x_2 w_3", names={"x1": "0.5", "w1": "0.7", "x2": "0.3",
                                                 "w3": "0.4"}) == Decimal("0.47")


@pytest.mark.parametrize("text", [r"\sum_i x_i", r"\frac{\partial}{\partial z} z", "1 +",
                                  r"\begin{bmatrix} 1 \end{bmatrix}", "(", "1 2"])
def test_unreadable_maths_raises_parse_error(text):
    with pytest.raises(X.ParseError):
        X.parse(tokenize(text))


def test_intervals_widen_through_operations():
    def leaf(node):
        return I.Interval.hull("0.615", "0.6154") if isinstance(node, X.Ref) else \
            I.Interval.point(str(node.token.value))

    result = I.evaluate(X.parse(tokenize("2 h_1")), leaf)
    assert (float(result.lo), float(result.hi)) == pytest.approx((1.23, 1.2308))


def test_division_by_zero_is_an_eval_error():
    with pytest.raises(I.EvalError):
        I.evaluate(X.parse(tokenize(r"\frac{1}{0}")),
                   lambda node: I.Interval.point(str(node.token.value)))
