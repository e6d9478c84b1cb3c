"""Real PDFs from the real TeX engine, checked through their text (pdftotext)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from test_engine_oracle import problems, solve_or_reject

from derive import pdf

pytestmark = pytest.mark.pdf
HAVE_TEX = pdf.engine_available() and shutil.which("pdftotext") is not None
# Locally a missing engine skips these tests; in CI (make test installs TeX) it fails them.
needs_tex = pytest.mark.skipif(not HAVE_TEX and not os.environ.get("CI"),
                               reason="no TeX engine (make setup installs one)")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@needs_tex
def test_lecture_slides_and_handout_compile_with_the_key_numbers(cli, tmp_path):
    result = cli("solve", "--example", "lecture-2-2-1", "--format", "slides,handout",
                 "--pdf", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for kind in ("slides", "handout"):
        text = pdf_text(tmp_path / f"lecture-2-2-1-{kind}.pdf")
        assert "= −0.71 · 0.229 · 0.615 = −0.1" in text
        assert "0.45 − 0.1 · (−0.095) = 0.4595" in text
        assert "0.5 × 0.7 + 0.3 × 0.4 = 0.47" in text
    # One frame per step: title, outline, setup, forward, loss, backward, δ, update, after;
    # overlays reveal each frame's lines in turn, so there are more pages than frames.
    info = subprocess.run(["pdfinfo", str(tmp_path / "lecture-2-2-1-slides.pdf")],
                          capture_output=True, text=True, check=True).stdout
    pages = int(next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages")))
    frames = (tmp_path / "lecture-2-2-1-slides.tex").read_text().count(r"\begin{frame}")
    assert 15 <= frames <= 40 and pages > frames


@needs_tex
@pytest.mark.parametrize("example", ["mazur-2-2-2", "softmax-3-class"])
def test_other_examples_compile(cli, tmp_path, example):
    result = cli("solve", "--example", example, "--format", "slides,handout", "--pdf",
                 "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Backward pass" in pdf_text(tmp_path / f"{example}-slides.pdf")


@needs_tex
def test_titles_are_escaped(cli, tmp_path):
    spec = tmp_path / "odd.yaml"
    spec.write_text(
        "title: 'Costs & 100% of #1 {braces} ~ _under_ $money$ \\\\ back'\n"
        "network: {layers: [1, 1], activation: sigmoid, weights: [[[0.5]]]}\n"
        "loss: mse\ndata: {x: [1], y: [0]}\n")
    result = cli("solve", str(spec), "--format", "handout", "--pdf", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Costs & 100% of #1 {braces}" in pdf_text(tmp_path / "odd-handout.pdf")


def test_a_latex_error_shows_the_relevant_log_lines():
    log = ("This is pdfTeX\n(./x.tex\n./x.tex:12: Undefined control sequence.\n"
           "l.12 \\frobnicate\n\n! Emergency stop.\n")
    excerpt = pdf.log_excerpt(log)
    assert "x.tex:12: Undefined control sequence." in excerpt and "pdfTeX" not in excerpt


@needs_tex
def test_a_broken_template_gives_the_log_lines_not_a_wall(cli, tmp_path):
    own = tmp_path / "tpl" / "latex"
    own.mkdir(parents=True)
    (own / "handout.tex.j2").write_text(
        "\\documentclass{article}\n\\begin{document}\n\\frobnicate{\\VAR{title}}\n"
        "\\end{document}\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "chain-1-1-1-handout.pdf").write_bytes(b"the previous run's PDF")
    (out / "chain-1-1-1.md").write_text("the previous run's Markdown")
    result = cli("solve", "--example", "chain-1-1-1", "--format", "handout,markdown", "--pdf",
                 "-o", str(out), "--templates", str(tmp_path / "tpl"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Undefined control sequence" in lines[0]
    assert "nothing was written" in lines[0] and "--no-pdf" in lines[0]
    # The set stays consistent: no new .tex beside the old PDF, the old files untouched.
    assert sorted(p.name for p in out.iterdir()) == ["chain-1-1-1-handout.pdf", "chain-1-1-1.md"]
    assert (out / "chain-1-1-1.md").read_text() == "the previous run's Markdown"


@needs_tex
@settings(max_examples=3, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(problem=problems())
def test_random_networks_compile(problem, tmp_path):

    spec, _ = problem
    spec = {**spec, "detail": "full", "steps": 1}
    result = solve_or_reject(spec)
    written = result.write(tmp_path, ["slides", "handout"], "random", pdf=True)
    assert [p.suffix for p in written] == [".tex", ".pdf", ".tex", ".pdf"]
    loss = result.data["shown"]["loss"].replace("-", "−")
    for pdf_file in written[1::2]:
        text = pdf_text(pdf_file)
        assert result.spec.title.split()[0] in text and loss in text, pdf_file.name
