"""What a lecturer would fix by hand (issue 10): short decks, focus weights, several
steps as a table and a curve, batch means, δ = ŷ − y, and the notation slips."""

from __future__ import annotations

import pytest
import yaml
from test_decks import DECKS

from derive import api
from derive import document as D
from derive.errors import SpecError


def deck(name: str, **changes) -> dict:
    return {**yaml.safe_load((DECKS / f"{name}.yaml").read_text()), **changes}


def titles(result) -> list[str]:
    from derive.render.markdown import inline

    return [inline(s.title) for sec in result.document.sections for s in sec.steps]


# -- focus ----------------------------------------------------------------------------


def test_by_default_one_weight_per_layer_is_worked_and_the_others_are_in_a_table():
    found = titles(api.solve(deck("relu-3-4-2")))
    assert [t for t in found if t.startswith("Gradient for")] == [
        "Gradient for w₁₃", "Gradient for b₅", "Gradient for w₁"]  # and the output bias
    assert "Other weights and biases" in found and "Summary of the update" not in found


def test_focus_names_parameters_in_the_course_notation():
    result = api.solve(deck("tanh-2-3-1", focus=["W[1]_21", "b[2]_1"]))
    text = result.render("markdown")
    assert "∂L/∂W⁽¹⁾₂₁" in text and "Gradient for W⁽²⁾₁₁" not in text
    assert "b⁽²⁾₁ ← b⁽²⁾₁ − η ∂L/∂b⁽²⁾₁" in text


def test_focus_all_works_every_parameter():
    found = titles(api.solve(deck("relu-3-4-2", focus="all")))
    assert sum(t.startswith("Gradient for") for t in found) == 26
    assert "Summary of the update" in found


@pytest.mark.parametrize("value", [["w99"], ["W[1]_11"], 3])
def test_an_unknown_focus_is_one_line_naming_the_field(value):
    with pytest.raises(SpecError, match=r"^focus"):
        api.solve(deck("relu-3-4-2", focus=value))


# -- several steps --------------------------------------------------------------------


def test_twenty_steps_make_a_short_deck_with_a_loss_curve():
    result = api.solve(deck("batch-2-2-1", steps=20))
    plots = [b for sec in result.document.sections for s in sec.steps for b in s.blocks
             if isinstance(b, D.Plot)]
    assert len(plots) == 1 and len(plots[0].points) == 21
    assert result.render("slides").count(r"\begin{frame}") < 50
    assert "Step 2" not in result.render("handout")


def test_titles_carry_the_step_number_and_the_handout_may_keep_every_step():
    result = api.solve(deck("batch-2-2-1", steps_detail="all"))
    slides, handout = result.render("slides"), result.render("handout")
    assert "Step 1: new parameters" in slides and "Step 2: new parameters" not in slides
    assert "Step 3: new parameters" in handout and r"\begin{axis}" in handout


def test_a_bad_steps_detail_is_refused():
    with pytest.raises(SpecError, match="^steps_detail"):
        api.solve(deck("batch-2-2-1", steps_detail="some"))


# -- batches, softmax -----------------------------------------------------------------


def test_batch_gradients_are_written_as_the_mean_of_the_examples():
    text = api.solve(deck("batch-2-2-1", steps=1)).render("markdown")
    assert "∂C/∂w₅ = 1/3 (∂C⁽¹⁾/∂w₅ + ∂C⁽²⁾/∂w₅ + ∂C⁽³⁾/∂w₅) = " in text.replace(
        "(1/3)", "1/3 ")


def test_delta_of_a_batch_example_names_its_loss():
    text = api.solve(deck("batch-2-2-1", steps=1, gradient_form="delta")).render("markdown")
    assert "∂C⁽²⁾/∂w₅ = δ₃ h₁" in text


def test_softmax_cross_entropy_derives_why_on_its_own_frame_before_the_deltas():
    found = titles(api.solve(deck("softmax-4-3-3", detail="full")))
    why = next(i for i, t in enumerate(found) if t.startswith("Why the output error signal"))
    assert why < found.index("Output layer: error signals")


# -- notation slips -------------------------------------------------------------------


def test_tanh_is_defined_by_exponentials_not_by_itself():
    result = api.solve(deck("tanh-2-3-1"))
    assert "tanh(z) = tanh(z)" not in result.render("markdown")
    assert r"\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}" in result.render("slides")


def test_a_negative_number_after_if_is_a_sign():
    from derive import formula as F
    from derive.render.mathprint import latex

    cases = F.Cases(((F.Num("1"), F.Rel(F.Num("-0.15"), ">", F.Num("0"))),))
    assert r"\text{if } {-0.15} > 0" in latex(cases)


def test_mazur_words_are_upright():
    slides = api.solve(example="mazur-2-2-2").render("slides")
    assert r"\mathrm{net}_{h_{1}}" in slides and r"\mathrm{out}" in slides
    assert r"\mathit" not in slides


def test_custom_names_reach_the_general_rules_and_titles():
    spec = deck("softmax-4-3-3", notation={"preset": "layered", "weight": "theta",
                                          "delta": "e"})
    result = api.solve(spec)
    text = result.render("markdown")
    assert "θ ← θ − η ∂L/∂θ" in text and "w ←" not in text
    sections = [s.title for s in result.document.sections]
    assert any("rror signals " in str(t[0]) and getattr(t[1], "base", "") == "e"
               for t in sections if len(t) > 1)


def test_a_factor_is_derived_before_the_gradient_that_uses_it():
    found = titles(api.solve(example="lecture-2-2-1"))
    assert found.index("Deriving ∂C/∂o₁") < found.index("Gradient for w₅")
