"""Slides reveal each line of a display in turn; the handout and print slides show all."""

from __future__ import annotations

import re

import pytest

from derive import api
from derive.errors import SpecError


def test_slides_reveal_lines_in_order_and_highlight_each_new_number():
    slides = api.solve(example="lecture-2-2-1").render("slides")
    forward = slides[slides.index("z_{1} &="):]
    forward = forward[:forward.index(r"\end{align*}")]
    assert r"\alert<1>{0.47}" in forward
    steps = [int(n) for n in re.findall(r"\\uncover<(\d+)->", forward)]
    assert steps == [2, 2, 3, 3, 4, 4]  # lhs and rest of each later row
    assert r"\alert<4>{0.582}" in forward


def test_a_definition_is_revealed_but_not_highlighted():
    slides = api.solve(example="lecture-2-2-1").render("slides")
    assert r"\alert<1>{\frac{1}{1 + e^{-z}}}" not in slides
    assert r"\uncover<2->{C} &\uncover<2->{{}= (y - o_{1})^{2}}" in slides


def test_the_handout_and_print_slides_have_no_overlays():
    assert r"\uncover" not in api.solve(example="lecture-2-2-1").render("handout")
    spec = api.load_spec(example="lecture-2-2-1")
    printed = api.solve({**spec.source, "overlays": False}).render("slides")
    assert r"\uncover" not in printed and r"\alert" not in printed


def test_overlays_is_true_or_false():
    spec = api.load_spec(example="lecture-2-2-1")
    with pytest.raises(SpecError, match="overlays"):
        api.solve({**spec.source, "overlays": "sometimes"})
