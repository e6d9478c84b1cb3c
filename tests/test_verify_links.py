"""derive verify checks links: each = / ≈ against its neighbour (issue 13's patterns)."""

import html.parser
import shutil
import subprocess
import time

import pytest

from derive.verify import report, verify


def found(text: str) -> list[tuple[int, str, str]]:
    return [(f.line, f.claimed, f.status) for f in verify(text).findings]


def test_the_numbers_shown_win_over_an_earlier_wrong_value():
    text = ("z1 = 0.5 × 0.7 + 0.3 × 0.4 = 0.51\n"
            "h1 = σ(z1) = σ(0.47) = 0.615\n")
    wrong, substituted, carried_on = verify(text).findings
    assert (wrong.line, wrong.status) == (1, "error")
    assert (substituted.claimed, substituted.status, substituted.other_line) == \
        ("0.47", "substitution", 1)
    assert (carried_on.claimed, carried_on.status) == ("0.615", "ok")


def test_every_link_of_an_approximate_chain_is_checked():
    text = "L = ½(3 − 1.25)² = ½(1.75)² ≈ ½ × 3.36 ≈ 1.68\n"
    [wrong, last] = verify(text).findings
    assert (wrong.claimed, wrong.status, wrong.expected) == ("3.36", "error", "3.06")
    assert (last.claimed, last.status) == ("1.68", "ok")


@pytest.mark.parametrize("claim, status", [
    ("0.80998", "error"),    # two units off σ(1.45) = 0.809998: a slip
    ("0.80999", "rounding"),  # truncated
    ("0.81000", "ok"),
])
def test_a_last_digit_off_by_two_is_an_error(claim, status):
    assert found(f"y = σ(1.45) = {claim}\n")[-1][2] == status


def test_plain_text_continuation_lines_are_one_chain():
    text = ("net_h1 = (0.15 × 0.05) + (0.20 × 0.10) + 0.35\n"
            "= 0.0075 + 0.0200 + 0.3500\n"
            "= 0.3775\n"
            "out_h1 = σ(0.3775)\n"
            "= 1 / (1 + 0.68566)\n"
            "= 0.59327\n")
    assert found(text) == [(3, "0.3775", "ok"), (5, "0.68566", "error"), (6, "0.59327", "error")]


def test_a_result_whose_name_was_lost_is_not_a_restatement():
    text = "= (0.15)(0.05) + 0.3\n= 0.3075\n= 0.5763\n"
    assert found(text) == [(2, "0.3075", "ok")]


def test_sigma_with_a_space_and_prose_operators_are_read():
    assert found("$z = 0.5$ so $h = \\sigma (z) = 0.6225$\n")[-1][2] == "ok"
    assert found("So w is the original 2.0 plus -0.005 = 1.995.\n") == [(1, "1.995", "ok")]


def test_the_constant_of_a_fraction_is_not_blamed():
    text = ("$$n = 0.1 \\cdot 0.8 + 0.2 \\cdot 0.8 = 0.24$$\n"
            "$$o = \\frac{1}{1+e^{-n}} = \\frac{1}{1+e^{0.24}}$$\n")
    [_, substituted] = verify(text).findings
    assert (substituted.claimed, substituted.status) == ("0.24", "substitution")


def test_a_long_chain_is_checked_in_linear_time():
    text = " = ".join(["1"] * 4000)  # 16 KB, one chain
    start = time.perf_counter()
    result = verify(text)
    assert time.perf_counter() - start < 3
    assert len(result.findings) == 3999 and {f.status for f in result.findings} == {"ok"}


def test_a_wrong_number_exits_1_for_every_wrong_kind():
    assert verify("x = 0.3\ny = 2 × x = 2 × 0.5 = 1.0\n").errors == 1


class _Balance(html.parser.HTMLParser):
    VOID = {"meta", "br", "img", "hr", "link", "input"}

    def __init__(self):
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open.pop() == tag, tag


SLIPPED = ("\\documentclass{article}\n\\begin{document}\n"
           "$z_1 = 0.5 \\times 0.7 + 0.3 \\times 0.4 = 0.51$ and so on, 5 < 6 \\& \"x\".\n"
           "$h_1 = \\sigma(z_1) = \\sigma(0.47) = 0.615$\n\\end{document}\n")


def test_annotated_html_is_well_formed():
    page = report.annotate(verify(SLIPPED), ".html")
    checker = _Balance()
    checker.feed(page)
    checker.close()
    assert checker.open == [] and 'class="error"' in page and 'class="substitution"' in page


@pytest.mark.pdf
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
@pytest.mark.parametrize("source", [SLIPPED, "Plain notes: $z = 0.5 \\times 0.7 = 0.36$\n"])
def test_annotated_tex_compiles(tmp_path, source):
    (tmp_path / "out.tex").write_text(report.annotate(verify(source), ".tex"), encoding="utf-8")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "out.tex"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:]
    assert (tmp_path / "out.pdf").stat().st_size > 0
