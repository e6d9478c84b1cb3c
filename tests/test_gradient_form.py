"""``gradient_form``: each gradient is worked once, in the form the spec chooses."""

from __future__ import annotations

import pytest
import yaml
from test_decks import DECKS

from derive import api
from derive.errors import SpecError


def titles(spec: dict) -> list[str]:
    doc = api.solve(spec).document
    return ["".join(str(p) for p in s.title) for sec in doc.sections for s in sec.steps]


def spec(form: str | None, name: str = "softmax-4-3-3") -> dict:
    data = {**yaml.safe_load((DECKS / f"{name}.yaml").read_text()), "focus": "all"}
    if form is not None:
        data["gradient_form"] = form
    return data


def test_by_default_softmax_with_cross_entropy_works_every_gradient_through_delta():
    found = titles(spec(None))
    assert not any(t.startswith("Gradient for") for t in found)  # no softmax Jacobian sums
    assert "Output layer: error signals" in found and "Layer 1: error signals" in found
    assert not any(t.startswith("Gradients through many paths") for t in found)


def test_the_output_error_signal_is_prediction_minus_target():
    text = api.solve(spec(None)).render("markdown")
    assert "δ⁽²⁾₁ = ŷ₁ − y₁ = 0.461 − 0 = 0.461" in text


def test_by_default_few_paths_are_worked_path_by_path_and_many_through_delta():
    # Five sigmoid outputs: each hidden weight sums over five paths.
    network = {"layers": [2, 2, 5], "activation": "sigmoid", "bias": False,
               "weights": [[[0.1, 0.2], [0.3, -0.1]], [[0.2, 0.1]] * 5]}
    found = titles({"network": network, "loss": "half_se", "focus": "all",
                    "data": {"x": [1, 0.5], "y": [0, 1, 0, 1, 0]}})
    assert sum(t.startswith("Gradient for") for t in found) == 10  # the output layer's
    assert "Layer 1: error signals" in found


def test_a_small_network_has_no_delta_section_by_default():
    found = titles(spec(None, "relu-3-4-2"))
    assert not any("error signals" in t for t in found)


@pytest.mark.parametrize(("form", "paths", "deltas"), [("delta", 0, 2), ("both", 12, 2)])
def test_the_spec_chooses(form, paths, deltas):
    found = titles(spec(form))
    assert sum(t.startswith("Gradient for") for t in found) == paths
    assert sum("error signals" in t for t in found) == deltas


def test_the_update_uses_the_number_shown():
    result = api.solve(spec("delta"))
    step = result.solution.steps[0]
    example = step.examples[0]
    assert all(step.gradients[p] is example.delta_gradients[p] for p in step.gradients)


def test_an_unknown_form_is_refused():
    with pytest.raises(SpecError, match="gradient_form"):
        api.solve(spec("sideways"))
