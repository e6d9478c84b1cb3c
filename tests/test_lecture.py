"""The seed lecture's numbers (PSYC681, ../shared/seeds/000_…): derive must reproduce them."""

from __future__ import annotations

import pytest

from derive import api


@pytest.fixture(scope="module")
def lecture():
    return api.solve(example="lecture-2-2-1")


def test_the_w5_line_reads_as_on_the_slides(lecture):
    text = lecture.render("markdown")
    assert "∂C/∂w₅ = −0.71 · 0.229 · 0.615 = −0.1\n" in text
    assert "∂C/∂o₁ = −2(y − o₁) = −2(1 − 0.646) = −0.71" in text
    assert "∂o₁/∂z₃ = o₁(1 − o₁) = 0.646(1 − 0.646) = 0.229" in text
    assert "z₁ = x₁ w₁ + x₂ w₃ = 0.5 × 0.7 + 0.3 × 0.4 = 0.47" in text


def test_updates_match_the_slides(lecture):
    text = lecture.render("markdown")
    assert "w₅ ← w₅ − η ∂C/∂w₅ = 0.55 − 0.1 · (−0.1) = 0.56" in text
    assert "w₆ ← w₆ − η ∂C/∂w₆ = 0.45 − 0.1 · (−0.095) = 0.4595" in text
    shown = lecture.data["shown"]["updated"]
    assert shown["w5"] == "0.56" and shown["w6"] == "0.4595"


def test_exact_values_do_not_depend_on_the_display(lecture):
    data = lecture.data
    assert data["forward"]["o1"] == pytest.approx(0.6457141374562685, rel=1e-14)
    assert data["loss"] == pytest.approx(0.12551847239835578, rel=1e-14)
    assert data["gradients"]["w5"] == pytest.approx(-0.0997525403151409, rel=1e-13)


def test_exact_carry_writes_approx_where_a_line_does_not_recompute():
    exact = api.solve(example="lecture-2-2-1", rounding={"carry": "exact"})
    text = exact.render("markdown")
    # The slides' C = 0.126 is the exact loss 0.12552 rounded; (1 − 0.646)² is 0.1253.
    assert "C = (y − o₁)² = (1 − 0.646)² ≈ 0.126" in text
    assert "∂C/∂w₆ = −0.71 · 0.229 · 0.582 ≈ −0.094" in text
    assert exact.data["gradients"]["w5"] == pytest.approx(-0.0997525403151409, rel=1e-13)


def test_every_displayed_line_recomputes_in_displayed_carry(lecture):
    assert "≈" not in lecture.render("markdown")


def test_loss_after_the_update_falls(lecture):
    assert lecture.data["loss_after"] < lecture.data["loss"]
    assert "the loss fell" in lecture.render("markdown")
