"""derive verify: judging claims with rounding in mind, in all three input styles."""

from decimal import Decimal
from pathlib import Path

import pytest

from derive.verify import verify
from derive.verify.interval import Interval
from derive.verify.judge import judge

SEEDS = Path(__file__).parents[1] / ".." / "shared" / "seeds"
SEEDS = SEEDS.resolve() if SEEDS.resolve().is_dir() else Path("/work/shared/seeds")


def statuses(text: str, **options) -> list[tuple[int, str, str]]:
    return [(f.line, f.claimed, f.status) for f in verify(text, **options).findings]


@pytest.mark.parametrize("claim, lo, hi, status", [
    ("0.615", "0.6153846", "0.6153846", "ok"),       # half-up
    ("0.616", "0.6153846", "0.6153846", "rounding"),  # off by one in the last digit
    ("0.645", "0.6457", "0.6457", "rounding"),        # truncated; document rounds half-up
    ("0.48", "0.47", "0.47", "error"),                # 0.47 needs no rounding at all
    ("0.651", "0.6153846", "0.6153846", "error"),     # digits swapped
    ("-0.1", "-0.0999819", "-0.100055", "ok"),        # carried values make a range
    ("0.2", "0.2", "0.24", "ok"),
    ("0.3", "0.24", "0.24", "error"),                 # one unit, but a third of the value
    ("0.125", "0.125", "0.125", "ok"),
])
@pytest.mark.usefixtures("exact_arithmetic")
def test_judge(claim, lo, hi, status):
    assert judge(Decimal(claim), Interval.hull(lo, hi), Interval.point(lo)).status == status


def test_truncation_is_ok_when_it_is_the_habit():
    verdict = judge(Decimal("0.645"), Interval.point("0.6457"), Interval.point("0.6457"),
                    habit="truncate")
    assert verdict.status == "ok"


MARKDOWN = r"""# Forward pass
$$z_1 = x_1 w_1 + x_2 w_3 = 0.5 \times 0.7 + 0.3 \times 0.4 = \textcolor{red}{0.47}$$
$$h_1 = \text{sigmoid}(z_1) = 0.615$$
$$\begin{aligned}\frac{\partial C}{\partial o_1} &= -2(1 - 0.645) \\ &= -0.71\end{aligned}$$
$$\frac{\partial C}{\partial w_5} = -0.71 \cdot 0.229 \cdot 0.615 = -0.1$$
The new weight = $0.55 - (-0.1) \cdot 0.1 = 0.57$
"""

LATEX = r"""\documentclass{article}
\begin{document}
Let $x_1 = 0.5$ and $w_1 = 0.7$.
\begin{align*}
z_1 &= x_1 \cdot w_1 \\
    &= 0.5 \cdot 0.7 = 0.35 \\
h_1 &= \sigma(z_1) = \frac{1}{1 + e^{-0.35}} = 0.587 \\
\hat{y} &= \sigma(2 h_1) = 0.79
\end{align*}
\end{document}
"""

PLAIN = """x₁ = 0.5, w₁ = 0.7
z₁ = x₁·w₁ = 0.5 × 0.7 = 0.35
so h₁ = σ(z₁) = 0.587 and the loss is
C = (1 − h₁)² = (1 − 0.587)² = 0.171
∂C/∂h₁ = −2(1 − h₁) = −0.862
"""


def test_markdown_chains():
    assert statuses(MARKDOWN) == [(2, "0.47", "ok"), (3, "0.615", "ok"), (4, "-0.71", "ok"),
                                  (5, "-0.1", "ok"), (6, "0.57", "error")]


def test_latex_rows_and_continued_chains():
    assert statuses(LATEX) == [(6, "0.35", "ok"), (7, "0.587", "ok"), (8, "0.79", "error")]


def test_plain_text_with_unicode_maths():
    found = statuses(PLAIN)
    assert found == [(2, "0.35", "ok"), (3, "0.587", "ok"), (4, "0.171", "ok"),
                     (5, "-0.862", "error")]


def test_an_error_is_reported_once_and_its_value_carried():
    text = "z = 0.5 × 0.7 = 0.36\nh = 2 × z = 0.72\n"
    assert statuses(text) == [(1, "0.36", "error"), (2, "0.72", "ok")]


def test_wrong_operand_is_a_substitution_and_the_claim_follows_its_numbers():
    text = "x1 = 0.5\nx2 = 0.3\nw3 = 0.4\ng = 0.2 × x2 = 0.2 × 0.5 = 0.10\n"
    wrong, claim = verify(text).findings
    assert (wrong.status, wrong.claimed, wrong.expected, wrong.other_line) == \
        ("substitution", "0.5", "0.3", 2)
    assert "line 2" in wrong.reason and (claim.claimed, claim.status) == ("0.10", "ok")


def test_unknown_names_are_unchecked_with_a_reason():
    finding = verify("$o_1 = \\sigma(z_3) = 0.645$").findings[0]
    assert finding.status == "unchecked" and "z3" in finding.reason


def test_truncating_document_is_read_as_truncating():
    text = "\n".join(f"a{i} = σ({x}) = {v}" for i, (x, v) in enumerate(
        [("0.6", "0.645"), ("0.33", "0.581"), ("0.1", "0.524"), ("1", "0.731")]))
    result = verify(text)
    assert result.result.habit == "truncate"
    assert {f.status for f in result.findings} == {"ok"}


def test_seed_lectures_have_no_false_errors():
    for path in sorted(SEEDS.glob("*.txt")):
        findings = verify(path.read_text(encoding="utf-8")).findings
        assert [f for f in findings if f.status == "error"] == [], path.name
        assert sum(f.status == "ok" for f in findings) >= 10, path.name


def test_seed_lecture_numbers():
    text = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    by_line = {f.line: (f.claimed, f.status) for f in verify(text).findings}
    assert by_line[633] == ("0.615", "ok")         # sigmoid(0.47)
    assert by_line[638] == ("0.582", "ok")         # sigmoid(0.33)
    assert by_line[846] == ("0.645", "unchecked")  # z3 is only in a picture
    assert by_line[1022] == ("-0.1", "ok")
    assert by_line[1083] == ("-0.095", "ok")
    assert by_line[1091] == ("0.4595", "ok")


def test_a_sum_continued_on_the_next_aligned_row_is_one_expression():
    from derive.verify import verify

    text = ("\\begin{align*}\n  g &= 0.5 \\cdot 0.2 \\\\\n  &\\quad + 0.25 \\cdot 0.4 \\\\\n"
            "  &= 0.2\n\\end{align*}\n")
    [finding] = verify(text).findings
    assert finding.status == "ok" and finding.claimed == "0.2"


def test_unicode_layer_labels_and_tagged_subscripts_are_names():
    from derive.verify import verify

    text = ("    W⁽¹⁾₁₂ = 0.5\n    out_h₁ = 0.2\n"
            "    z⁽¹⁾₁ = W⁽¹⁾₁₂ out_h₁ = 0.5 × 0.2 = 0.1\n    a = 2 z⁽¹⁾₁ = 0.2\n")
    statuses = [f.status for f in verify(text).findings]
    assert statuses and set(statuses) == {"ok"}


def test_a_claim_after_approx_may_carry_an_unrounded_earlier_result():
    from derive.verify import verify

    text = ("    o = σ(−0.001) ≈ 0.5\n"
            "    g = 1/o = 1/0.5 ≈ 2.001\n"  # 1/σ(−0.001) = 2.001: honest with ≈
            "    h = 1/o = 1/0.5 = 2.001\n")     # the same with = is not
    statuses = [f.status for f in verify(text).findings]
    assert statuses[-2] == "ok" and statuses[-1] == "error"
