"""``form: matrix``: the passes layer by layer in matrices, every number the engine's.

The expected lines are built from the JSON answers' displayed strings (``shown``),
so a number the document recomputed or re-rounded would not match. The deck
``tests/decks/matrix-2-3-2.yaml`` is also compiled by ``test_decks`` (slides and
handout, no overfull box).
"""

from __future__ import annotations

import pytest
import yaml
from test_decks import DECKS

from derive import api
from derive import formula as F
from derive.errors import SpecError
from derive.render import mathprint


def matrix_deck(**changes) -> dict:
    return {**yaml.safe_load((DECKS / "matrix-2-3-2.yaml").read_text()), **changes}


@pytest.fixture(scope="module")
def solved():
    return api.solve(matrix_deck())


def text(number: str) -> str:
    return number.replace("-", "−")


def column(shown: dict, names: list[str]) -> str:
    return "[" + ", ".join(text(shown[n]) for n in names) + "]ᵀ"


def grid(shown: dict, layer: int, rows: int, cols: int) -> str:
    return "[" + ", ".join("[" + ", ".join(text(shown[f"W[{layer}]_{j}{k}"])
                                           for k in range(1, cols + 1)) + "]"
                           for j in range(1, rows + 1)) + "]"


def test_the_markdown_writes_the_forward_pass_in_matrices_with_the_engines_numbers(solved):
    md = solved.render("markdown")
    shown = solved.data["shown"]["forward"]
    params = {f"W[1]_{j}{k}": str(w) for j, row in enumerate(
        solved.data["spec"]["network"]["weights"][0], start=1) for k, w in enumerate(row, 1)}
    z1 = column(shown, ["z[1]_1", "z[1]_2", "z[1]_3"])
    line = (f"z⁽¹⁾ = W⁽¹⁾ x + b⁽¹⁾ = {grid(params, 1, 3, 2)} [0.5, −1]ᵀ "
            f"+ [0.1, −0.1, 0.05]ᵀ = {z1}")
    assert line in md
    assert f"a⁽¹⁾ = σ(z⁽¹⁾) = {column(shown, ['a[1]_1', 'a[1]_2', 'a[1]_3'])}" in md
    assert f"ŷ = σ(z⁽²⁾) = {column(shown, ['y_hat_1', 'y_hat_2'])}" in md


def test_the_markdown_writes_the_backward_pass_and_the_update_in_matrices(solved):
    md = solved.render("markdown")
    gradients = solved.data["shown"]["gradients"]
    updated = solved.data["shown"]["updated"]
    forward = solved.data["shown"]["forward"]
    delta2 = column(gradients, ["b[2]_1", "b[2]_2"])  # ∂L/∂b = δ
    delta1 = column(gradients, ["b[1]_1", "b[1]_2", "b[1]_3"])
    a1 = "[[" + ", ".join(text(forward[f"a[1]_{j}"]) for j in (1, 2, 3)) + "]]"
    assert f"∂L/∂W⁽²⁾ = δ⁽²⁾(a⁽¹⁾)ᵀ = {delta2} {a1} = {grid(gradients, 2, 2, 3)}" in md
    assert f"∂L/∂b⁽²⁾ = δ⁽²⁾ = {delta2}" in md
    hidden = next(line for line in md.splitlines() if line.strip().startswith("δ⁽¹⁾ ="))
    assert hidden.strip().startswith("δ⁽¹⁾ = ((W⁽²⁾)ᵀ δ⁽²⁾) ⊙ σ′(z⁽¹⁾) = ([[0.3, 0.6], "
                                     "[−0.1, 0.5], [0.2, −0.4]] " + delta2 + ") ⊙ [")
    assert hidden.endswith(f"= {delta1}")
    assert (f"W⁽¹⁾ ← W⁽¹⁾ − η ∂L/∂W⁽¹⁾ = [[0.1, −0.2], [0.4, 0.3], [−0.5, 0.2]] − 0.5 "
            f"{grid(gradients, 1, 3, 2)} = {grid(updated, 1, 3, 2)}") in md
    assert (f"b⁽²⁾ ← b⁽²⁾ − η ∂L/∂b⁽²⁾ = [0.2, −0.3]ᵀ − 0.5 {delta2} = "
            f"{column(updated, ['b[2]_1', 'b[2]_2'])}") in md


def test_the_latex_sets_the_matrices_as_bmatrix_with_the_engines_numbers(solved):
    shown = solved.data["shown"]
    for layout in ("slides", "handout"):
        tex = solved.render(layout)
        z1 = " \\\\ ".join(shown["forward"][f"z[1]_{j}"] for j in (1, 2, 3))
        assert rf"\begin{{bmatrix}} {z1} \end{{bmatrix}}" in tex
        w2 = " \\\\ ".join(" & ".join(shown["updated"][f"W[2]_{j}{k}"] for k in (1, 2, 3))
                           for j in (1, 2))
        assert rf"\begin{{bmatrix}} {w2} \end{{bmatrix}}" in tex
        assert r"(W^{[2]})^{\top} \delta^{[2]}" in tex
        assert r"\odot \sigma'(z^{[1]})" in tex


def test_scalar_is_the_default_and_writes_what_it_always_wrote():
    plain = {k: v for k, v in matrix_deck().items() if k != "form"}
    assert api.solve(plain).render("markdown") == \
        api.solve({**plain, "form": "scalar"}).render("markdown")
    assert "bmatrix" not in api.solve(plain).render("handout")


def test_matrix_form_with_another_notation_is_a_spec_error_naming_form():
    with pytest.raises(SpecError) as error:
        api.solve(matrix_deck(notation="flat-by-source"))
    assert error.value.field == "form"
    assert "\n" not in str(error.value)
    with pytest.raises(SpecError) as error:
        api.solve(matrix_deck(form="tensor"))
    assert error.value.field == "form"


def test_matrix_form_in_a_batch_and_with_softmax_and_cross_entropy():
    batch = api.solve(matrix_deck(data={"x": [[0.5, -1.0], [0.2, 0.4]],
                                        "y": [[1.0, 0.0], [0.0, 1.0]]}))
    md = batch.render("markdown")
    assert "∂L⁽¹⁾/∂W⁽²⁾ = δ⁽²⁾(a⁽¹⁾)ᵀ" in md and "∂L⁽²⁾/∂W⁽²⁾ = δ⁽²⁾(a⁽¹⁾)ᵀ" in md
    net = {**matrix_deck()["network"], "activation": ["relu", "softmax"]}
    soft = api.solve(matrix_deck(network=net, loss="cross_entropy")).render("markdown")
    assert "δ⁽²⁾ = ŷ − y = [" in soft


def test_a_matrix_is_printed_by_both_printers():
    m = F.Matrix(((F.Num("1"), F.Num("-2")), (F.Num("3"), F.Num("4"))))
    assert mathprint.latex(m) == r"\begin{bmatrix} 1 & -2 \\ 3 & 4 \end{bmatrix}"
    assert mathprint.text(m) == "[[1, −2], [3, 4]]"
    v = F.Matrix.column([F.Num("1"), F.Num("2")])
    assert mathprint.text(v) == "[1, 2]ᵀ"
    w = F.Sym("W", "", "[2]")
    assert mathprint.latex(F.Transpose(w)) == r"(W^{[2]})^{\top}"
    assert mathprint.text(F.Transpose(w)) == "(W⁽²⁾)ᵀ"
