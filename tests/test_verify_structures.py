"""derive verify reads structured values: tables, matrices, lists, scientific notation,
percentages, restatements and values in prose; every number is accounted for."""

import pytest

from derive.verify import verify


def found(text: str) -> list[tuple[int, str, str]]:
    return [(f.line, f.claimed, f.status) for f in verify(text).findings
            if f.status != "unchecked"]


@pytest.mark.parametrize("text, expected", [
    # a Markdown row: the label is no operand, the cells show the working
    ("| | net | out |\n|---|---|---|\n| hidden 1 | $0.5 \\times 0.7 + 0.3 \\times 0.4$ | 0.48 |\n",
     [(3, "0.48", "error")]),
    # a named row's value is carried into later lines
    ("| name | value |\n|---|---|\n| $z_1$ | 0.47 |\n\n$h_1 = \\sigma(z_1) = 0.615$\n",
     [(5, "0.615", "ok")]),
    # a cell holding its own chain
    ("| a | b |\n|---|---|\n| $z_1$ | $0.5 \\times 0.3 = 0.16$ |\n", [(3, "0.16", "error")]),
    # LaTeX tabular rows with maths cells
    ("\\begin{tabular}{lcc}\n\\hline\n & net & out \\\\\n"
     "$h_1$ & $0.15\\cdot0.05+0.2\\cdot0.1+0.35$ & $0.3775$ \\\\\n"
     "$h_2$ & $0.25\\cdot0.05+0.3\\cdot0.1+0.35$ & $0.3935$ \\\\\n\\end{tabular}\n",
     [(4, "0.3775", "ok"), (5, "0.3935", "error")]),
    # an array inside display maths
    ("$$\\begin{array}{lc} z_1 & 0.1+0.2 & 0.3 \\\\ z_2 & 0.2+0.2 & 0.5"
     " \\end{array}$$\n",
     [(1, "0.3", "ok"), (1, "0.5", "error")]),
])
def test_tables_are_read_row_by_row(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    # element-wise sum of two vectors
    ("$$\\begin{bmatrix} 0.1 \\\\ 0.2 \\end{bmatrix} + \\begin{bmatrix} 0.3 \\\\ 0.4 \\end{bmatrix}"
     " = \\begin{bmatrix} 0.4 \\\\ 0.7 \\end{bmatrix}$$\n",
     [(1, "0.4", "ok"), (1, "0.7", "error")]),
    # a matrix times a vector, entry by entry
    ("$$z = \\begin{bmatrix} 0.7 & 0.4 \\\\ 0.3 & 0.6 \\end{bmatrix}"
     "\\begin{pmatrix} 0.5 \\\\ 0.3 \\end{pmatrix} = "
     "\\begin{bmatrix} 0.47 \\\\ 0.34 \\end{bmatrix}$$\n",
     [(1, "0.47", "ok"), (1, "0.34", "error")]),
    # lists on both sides of a relation
    ("$(h_1, h_2) = (\\sigma(0.47), \\sigma(0.33)) = (0.615, 0.592)$\n",
     [(1, "0.615", "ok"), (1, "0.592", "error")]),
    # a vector's name carries its elements to later lines
    ("$$h = \\begin{bmatrix} 0.5 \\\\ 0.25 \\end{bmatrix}$$\n$$2 h = \\begin{bmatrix} 1 \\\\ 0.6"
     " \\end{bmatrix}$$\n", [(2, "1", "ok"), (2, "0.6", "error")]),
])
def test_matrices_and_lists_are_checked_element_by_element(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("y = 1.2e-3 * 3 = 3.7e-3\n", [(1, "0.0037", "error")]),
    ("$x = 1.2 \\times 10^{-3} \\times 2 = 2.4 \\times 10^{-3}$\n", [(1, "0.0024", "ok")]),
    ("x = 1.2 × 10⁻³ × 2 = 2.5 × 10⁻³\n", [(1, "0.0025", "error")]),
    ("$p = 50\\% \\times 0.8 = 0.4$\n", [(1, "0.4", "ok")]),
    ("p = 12.5% * 8 = 1.1\n", [(1, "1.1", "error")]),
])
def test_scientific_notation_and_percentages(text, expected):
    assert found(text) == expected


def test_a_matrix_of_another_shape_is_read_but_not_checked():
    text = ("$$\\begin{bmatrix} 1 & 2 \\end{bmatrix} = \\begin{bmatrix} 1 \\\\ 2"
            " \\end{bmatrix}$$\n")
    assert found(text) == []
    assert len(verify(text).document.loose) == 4


@pytest.mark.parametrize("text, expected", [
    # a result restated with another value: reported, naming the line that worked it out
    ("$a_1 = \\sigma(0.38) = 0.5939$\n\nLater, $a_1 \\approx 0.61$.\n", [(1, "0.5939", "ok"),
                                                                       (3, "0.61", "error")]),
    ("$a_1 = \\sigma(0.38) = 0.5939$\n\nLater, $a_1 \\approx 0.59$.\n", [(1, "0.5939", "ok")]),
    # values stated in prose
    ("z1 = 0.5 * 0.7 + 0.3 * 0.4 = 0.47, and so z1 is 0.48 here.\n",
     [(1, "0.47", "ok"), (1, "0.48", "error")]),
    ("$h_1 = \\sigma(0.47) = 0.6154$\n\nSo $h_1$ becomes 0.65 here.\n",
     [(1, "0.6154", "ok"), (3, "0.65", "error")]),
    # a name reused after an update may restate its earlier value
    ("E = 0.5 * 0.2 = 0.1\nE = 0.5 * 0.1 = 0.05\nbefore the update E = 0.1\n",
     [(1, "0.1", "ok"), (2, "0.05", "ok")]),
])
def test_restatements_and_values_in_prose(text, expected):
    assert found(text) == expected


def test_a_restatement_names_both_lines():
    finding = verify("$a_1 = \\sigma(0.38) = 0.5939$\n\n$a_1 = 0.61$\n").findings[-1]
    assert (finding.line, finding.other_line) == (3, 1)


def test_every_number_is_accounted_for_exactly():
    from derive.verify import report

    text = ("z1 = 0.5 * 0.7 + 0.3 * 0.4 = 0.47\n"
            "w1 = 0.15\n"
            "C = \\frac{1}{n} \\sum (y - 0.5)^2\n")
    verification = verify(text)
    summary = report.summary(verification)
    assert (summary["numbers"], summary["checked"], summary["given"], summary["skipped"]) == \
        (9, 5, 1, 3)
    unchecked = [f for f in verification.every_number if f.status == "unchecked"]
    assert [(f.claimed, f.operand) for f in unchecked] == [("1", True), ("0.5", True), ("2", True)]
    assert [f.reason for f in unchecked] == [
        "in '\\frac{1}{n}', n has no value earlier in the document",
        "no relation to check it against", "no relation to check it against"]


@pytest.mark.parametrize("text, expected", [
    # "$\eta$ = 0.5" in prose states η; it does not continue the chain above
    ("$d = 0.7 \\times 0.2 = 0.14$\n\nwe will set $ \\eta $ = 0.5\n\n$w = 0.4 - \\eta d ="
     " 0.33$\n", [(1, "0.14", "ok"), (5, "0.33", "ok")]),
    # a slip in the far digits of a long number: the next line may carry the right value
    ("$g = 0.74136507 \\times 0.186815602 = 0.1384986519$\n\n$w = 0.4 - 0.5 \\times 0.1384986519"
     " = 0.33075067$\n", [(1, "0.1384986519", "error"), (3, "0.33075067", "ok")]),
])
def test_found_on_the_fresh_documents(text, expected):
    assert found(text) == expected
