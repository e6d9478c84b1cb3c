"""The network's local derivatives, derived by the rules and ending in textbook form."""

from __future__ import annotations

import pytest
import sympy as sp

from derive import activations, losses
from derive.document import RuleStep
from derive.render import mathprint
from derive.steps import network as N
from derive.steps.check import equal
from derive.worked import calculus

z1, z2, z3, o1, o2, o3, y1, y2, y3 = sp.symbols("z_1 z_2 z_3 o_1 o_2 o_3 y_1 y_2 y_3")


def final_text(derivation) -> str:
    return mathprint.text(derivation.show(derivation.final))


def rules_used(step: RuleStep) -> list[str]:
    return [step.rule] + [r for s in step.substeps for r in rules_used(s)]


@pytest.mark.parametrize(("build", "text"), [
    (lambda: N.sigmoid_prime(z1, o1), "o₁(1 − o₁)"),
    (lambda: N.tanh_prime(z1, o1), "1 − o₁²"),
    (lambda: N.relu_prime(z1, o1), "{1 if z₁ > 0; 0 otherwise}"),
    (lambda: N.leaky_relu_prime(z1, o1, 0.01), "{1 if z₁ > 0; 0.01 otherwise}"),
    (lambda: N.squared_error_prime([o1], [y1], 0, kind="sse"), "−2(y₁ − o₁)"),
    (lambda: N.squared_error_prime([o1, o2], [y1, y2], 1, kind="mse"), "−(y₂ − o₂)"),
    (lambda: N.loss_prime("cross_entropy", [o1, o2, o3], [y1, y2, y3], 1), "−(y₂/o₂)"),
    (lambda: N.softmax_prime([z1, z2, z3], [o1, o2, o3], 0, 0), "o₁(1 − o₁)"),
    (lambda: N.softmax_prime([z1, z2, z3], [o1, o2, o3], 0, 2), "−o₁ o₃"),
    (lambda: N.softmax_cross_entropy_prime([z1, z2, z3], [o1, o2, o3], [y1, y2, y3], 1),
     "o₂ − y₂"),
])
def test_each_factor_ends_in_its_textbook_form(build, text):
    derivation = build()
    assert final_text(derivation) == text
    assert all(isinstance(b, RuleStep) for b in calculus.derivation_blocks(derivation))


def test_sigmoid_derivation_reads_like_lecture_notes():
    derivation = N.sigmoid_prime(z1, o1)
    root, textbook = calculus.derivation_blocks(derivation)
    assert mathprint.text(root.before) == "∂o₁/∂z₁ = ∂/∂z₁ σ(z₁)"
    assert rules_used(root)[:3] == ["Rewrite", "Chain rule", "Power rule"]
    assert mathprint.text(textbook.after) == "o₁(1 − o₁)"
    assert mathprint.text(calculus.summary(derivation).lhs) == "∂o₁/∂z₁"


def test_brief_detail_quotes_the_sigmoid_derivative():
    root = calculus.derivation_blocks(N.sigmoid_prime(z1, o1, detail="brief"))[0]
    assert root.rule == "Derivative of the sigmoid" and not root.substeps


def test_the_squared_error_uses_power_then_chain_rule():
    root = calculus.derivation_blocks(N.squared_error_prime([o1], [y1], 0, kind="sse"))[0]
    assert root.rule == "Chain rule"
    assert mathprint.latex(root.after) == r"2(y_{1} - o_{1})^{2 - 1} \cdot (-1) = -2(y_{1} - o_{1})"


@pytest.mark.parametrize("name", sorted(losses.RULES))
def test_every_loss_derivative_equals_the_loss_module(name):
    yhat, y = [o1, o2], [y1, y2]
    derivation = N.loss_prime(name, yhat, y, 0)
    assert equal(derivation.final, losses.RULES[name].derivative(yhat, y, 0))


def test_softmax_cross_entropy_states_what_it_assumes():
    derivation = N.softmax_cross_entropy_prime([z1, z2], [o1, o2], [y1, y2], 0)
    root = calculus.derivation_blocks(derivation)[0]
    inner = root.substeps[0]
    said = "".join(p if isinstance(p, str) else mathprint.text(p) for p in inner.explanation)
    assert "y₁ + y₂ = 1" in said


def test_names_control_how_symbols_are_written():
    from derive.formula import Sym

    derivation = N.sigmoid_prime(z1, o1, {o1: Sym("a", "1", "[2]"), z1: Sym("z", "1", "[2]")})
    last = calculus.derivation_blocks(derivation)[-1]
    assert mathprint.latex(last.after) == r"a_{1}^{[2]}(1 - a_{1}^{[2]})"


def test_activation_textbook_forms_come_from_the_activation_module():
    a, z = sp.symbols("a z")
    assert N.tanh_prime(z, a).final == activations.RULES["tanh"].derivative(a, z)
