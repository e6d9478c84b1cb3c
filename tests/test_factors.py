"""detail: full — every local factor derived rule by rule ends in the form the solution uses."""

from __future__ import annotations

import dataclasses

import pytest

from derive import api, graph
from derive.document import Equation
from derive.errors import SpecError
from derive.render.mathprint import text
from derive.worked import factors

SPECS = {
    "sigmoid-mse": ("sigmoid", "mse", 1),
    "tanh-half": ("tanh", "half_se", 2),
    "relu-sse": ("relu", "sse", 2),
    "leaky-sse": ({"name": "leaky_relu", "slope": 0.2}, "sse", 1),
    "sigmoid-bce": ("sigmoid", "bce", 2),
    "softmax-ce": ("softmax", "cross_entropy", 3),
}


def spec_for(activation, loss, outputs):
    hidden = "tanh" if activation == "softmax" else activation
    return api.load_spec({
        "network": {"layers": [2, 2, outputs], "activation": [hidden, activation],
                    "bias": True, "weights": [[[0.1, 0.2], [0.3, -0.4]],
                                              [[0.5, -0.6]] * outputs],
                    "biases": [[0.1, 0.1], [0.2] * outputs]},
        "loss": loss, "data": {"x": [1, 2], "y": [1] + [0] * (outputs - 1)},
        "detail": "full",
    })


@pytest.mark.parametrize("name", SPECS)
def test_each_derivation_ends_in_the_factor_the_solution_evaluates(name):
    spec = spec_for(*SPECS[name])
    g = graph.build(spec)
    seen = set()
    for edge in g.edges.values():
        key = factors.family(g, spec, edge)
        if key is None or key in seen:
            continue
        seen.add(key)
        step = factors.derivation_step(g, spec, edge)
        summary = step.blocks[-1]
        assert isinstance(summary, Equation)
        assert text(summary.rhs[-1][1]) == text(edge.written), (edge.node, edge.input)
    assert len(seen) >= 3


def test_the_lecture_derives_its_factors_as_the_slides_do():
    text_ = api.solve(example="lecture-2-2-1").render("markdown")
    assert "### Deriving ∂C/∂o₁" in text_
    assert "2(y − o₁)^(2 − 1) · (−1) = −2(y − o₁)" in text_
    assert "σ(z₃)(1 − σ(z₃)) = o₁(1 − o₁)" in text_
    assert text_.count("### Deriving ∂") == 4  # loss, sigmoid, ∂z/∂w, ∂z/∂h: once each


def test_brief_detail_derives_nothing():
    spec = spec_for("sigmoid", "mse", 1)
    brief = dataclasses.replace(spec, detail=dict.fromkeys(spec.detail, "brief"))
    assert "Deriving" not in api.solve(brief).render("markdown")


@pytest.mark.parametrize("detail, field", [
    ("everything", "detail"), ({"loss": "full"}, "detail.loss"),
    ({"loss_derivative": "some"}, "detail.loss_derivative"),
])
def test_bad_detail_settings(detail, field):
    with pytest.raises(SpecError) as error:
        api.load_spec({"network": {"layers": [1, 1], "weights": [[[1]]]}, "loss": "mse",
                       "data": {"x": [1], "y": [0]}, "detail": detail})
    assert error.value.field == field
