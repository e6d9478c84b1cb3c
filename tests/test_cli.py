"""The command line as a user meets it: formats, files, examples, --help."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

EXAMPLES = ["chain-1-1-1", "lecture-2-2-1", "mazur-2-2-2", "softmax-3-class"]


def test_help_is_fast_and_does_not_import_sympy():
    code = ("import sys, contextlib, io\n"
            "from derive import cli\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try: cli.main(['--help'])\n"
            "    except SystemExit: pass\n"
            "print('sympy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.strip()
    assert out == "False"


def test_examples_are_listed(cli):
    result = cli("examples")
    assert result.returncode == 0
    for name in EXAMPLES:
        assert name in result.stdout


def test_an_example_can_be_shown_and_solved_from_its_file(cli, tmp_path):
    shown = cli("examples", "mazur-2-2-2")
    spec = tmp_path / "mazur.yaml"
    spec.write_text(shown.stdout)
    result = cli("solve", str(spec), "--format", "json", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "mazur.json").read_text())
    # Mazur's published numbers: out_o1 = 0.75136507, E_total = 0.298371109,
    # w5 → 0.35891648 and w1 → 0.149780716.
    assert data["forward"]["out_o1"] == pytest.approx(0.75136507, abs=5e-9)
    assert data["loss"] == pytest.approx(0.298371109, abs=5e-10)
    assert data["updated"]["w5"] == pytest.approx(0.35891648, abs=5e-9)
    assert data["updated"]["w1"] == pytest.approx(0.149780716, abs=5e-10)
    assert data["shown"]["updated"]["w5"] == "0.35891648"
    assert data["shown"]["loss"] == "0.298371109"


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_writes_every_text_format(cli, tmp_path, example):
    result = cli("solve", "--example", example, "--no-pdf", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"{example}{s}" for s in
                           ("-slides.tex", "-handout.tex", ".md", ".json"))
    data = json.loads((tmp_path / f"{example}.json").read_text())
    assert set(data) >= {"spec", "forward", "loss", "gradients", "updated", "loss_after",
                         "layers", "steps", "shown"}


def test_json_to_standard_output(cli):
    result = cli("solve", "--example", "chain-1-1-1", "--format", "json", "-o", "-")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    # x = 2, w1 = 2, w2 = 0.5: a1 = 4, ŷ = 2, ∂L/∂W2 = (ŷ − y) a1 = −72,
    # ∂L/∂W1 = (ŷ − y) w2 x = −18.
    assert data["forward"]["y_hat"] == 2
    assert data["gradients"]["W[2]_11"] == pytest.approx(-72)
    assert data["gradients"]["W[1]_11"] == pytest.approx(-18)
    assert data["updated"]["W[2]_11"] == pytest.approx(1.22)


def test_markdown_to_standard_output(cli):
    result = cli("solve", "--example", "lecture-2-2-1", "--format", "markdown", "-o", "-")
    assert "∂C/∂w₅ = −0.71 · 0.229 · 0.615 = −0.1" in result.stdout


def test_output_is_byte_identical_from_run_to_run(cli, tmp_path):
    first = cli("solve", "--example", "softmax-3-class", "--format", "slides", "-o", "-").stdout
    second = cli("solve", "--example", "softmax-3-class", "--format", "slides", "-o", "-").stdout
    assert first == second and first.startswith("\\documentclass")


def test_without_a_tex_engine_the_tex_is_still_written(tmp_path):
    import os

    from conftest import run_cli

    env_path = os.environ["PATH"]
    try:
        os.environ["PATH"] = str(tmp_path)  # no latexmk, no pdflatex
        plain = run_cli("solve", "--example", "chain-1-1-1", "-o", str(tmp_path / "a"))
        insisted = run_cli("solve", "--example", "chain-1-1-1", "--pdf", "-o", str(tmp_path / "b"))
    finally:
        os.environ["PATH"] = env_path
    assert plain.returncode == 0 and "apt-get install" in plain.stderr
    assert (tmp_path / "a" / "chain-1-1-1-slides.tex").exists()
    assert insisted.returncode == 2 and "no TeX engine" in insisted.stderr
    assert (tmp_path / "b" / "chain-1-1-1-handout.tex").exists()
    assert not list((tmp_path / "b").glob("*.pdf"))


def test_own_templates_are_used_before_the_bundled_ones(cli, tmp_path):
    own = tmp_path / "latex"
    own.mkdir()
    bundled = (ROOT / "templates" / "latex" / "slides.tex.j2").read_text()
    (own / "slides.tex.j2").write_text(bundled.replace("{dove}", "{beaver}"))
    result = cli("solve", "--example", "chain-1-1-1", "--format", "slides", "-o", "-",
                 "--templates", str(tmp_path))
    assert result.returncode == 0 and "\\usecolortheme{beaver}" in result.stdout
    missing = cli("solve", "--example", "chain-1-1-1", "--templates", str(tmp_path / "no"))
    assert missing.returncode == 2 and "no such folder" in missing.stderr


def test_the_carry_mode_can_be_overridden_from_the_command_line(cli, tmp_path):
    exact = cli("solve", "--example", "lecture-2-2-1", "--format", "markdown", "-o", "-",
                "--carry", "exact")
    assert exact.returncode == 0, exact.stderr
    assert "C = (y − o₁)² = (1 − 0.646)² ≈ 0.126" in exact.stdout
    bad = cli("solve", "--example", "lecture-2-2-1", "--format", "json", "-o", "-",
              "--carry", "later")
    assert bad.returncode == 2 and "rounding.carry" in bad.stderr
