"""Notation presets name every quantity as the course material does."""

from __future__ import annotations

import pytest

from derive import notation
from derive.errors import SpecError
from derive.formula import plain_name
from derive.render.mathprint import text

SIZES = (2, 2, 2)


def names(preset, sizes=SIZES):
    n = notation.from_spec(preset)
    weights = {(l, j, k): text(n.weight_sym(l, j, k, sizes))
               for l in (1, 2) for j in (1, 2) for k in (1, 2)}
    return n, weights


def test_flat_by_source_numbers_weights_by_their_source_neuron():
    n, w = names("flat-by-source")
    # x1→h1 w1, x1→h2 w2, x2→h1 w3, x2→h2 w4 (the seed lecture)
    assert [w[(1, 1, 1)], w[(1, 2, 1)], w[(1, 1, 2)], w[(1, 2, 2)]] == ["w₁", "w₂", "w₃", "w₄"]
    assert text(n.pre_sym(2, 1, SIZES)) == "z₃" and text(n.act_sym(1, 2, SIZES)) == "h₂"
    assert text(n.act_sym(2, 1, SIZES)) == "o₁" and text(n.loss_sym()) == "C"


def test_flat_by_target_numbers_weights_by_their_target_neuron():
    n, w = names("flat-by-target")
    # i1→h1 w1, i2→h1 w2, i1→h2 w3, i2→h2 w4, h1→o1 w5, h2→o1 w6, h1→o2 w7 (Mazur)
    assert [w[(1, 1, 1)], w[(1, 1, 2)], w[(1, 2, 1)], w[(2, 1, 1)], w[(2, 1, 2)],
            w[(2, 2, 1)]] == ["w₁", "w₂", "w₃", "w₅", "w₆", "w₇"]
    assert plain_name(n.pre_sym(1, 1, SIZES)) == "net_h1"
    assert plain_name(n.act_sym(2, 2, SIZES)) == "out_o2"
    assert plain_name(n.target_sym(1, SIZES)) == "target_o1" and text(n.loss_sym()) == "E"


def test_layered_uses_layer_superscripts():
    n, w = names("layered")
    assert w[(2, 1, 2)] == "W⁽²⁾₁₂" and plain_name(n.weight_sym(2, 1, 2, SIZES)) == "W[2]_12"
    assert text(n.act_sym(2, 1, (2, 2, 1))) == "ŷ" and text(n.target_sym(1, (2, 2, 1))) == "y"
    assert text(n.act_sym(1, 2, SIZES)) == "a⁽¹⁾₂"


def test_names_can_be_overridden():
    n = notation.from_spec({"preset": "flat-by-source", "loss": "E", "rate": "alpha",
                            "output": "y_hat", "product_order": "weight-first"})
    assert text(n.loss_sym()) == "E" and text(n.rate_sym()) == "α"
    assert text(n.act_sym(2, 1, (2, 2, 1))) == "ŷ₁" and n.product_order == "weight-first"


@pytest.mark.parametrize("data, field", [
    ("tensorial", "notation.preset"),
    ({"loss": "C$"}, "notation.loss"),
    ({"loss": "\\hat{y}"}, "notation.loss"),
    ({"colour": "red"}, "notation.colour"),
    ({"product_order": "sideways"}, "notation.product_order"),
])
def test_bad_notation(data, field):
    with pytest.raises(SpecError) as error:
        notation.from_spec(data)
    assert error.value.field == field
