"""Untrusted input: derive never runs it, never lets TeX read a file with it, never hangs.

Each test feeds the CLI what an attacker (or a careless colleague) would: code
disguised as an expression, TeX primitives in names, numbers too large to
compute, nesting too deep to parse, pipes instead of files. Every one must end
in at most one short line on stderr and exit code 2, quickly, with no file
written that should not be.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time

import pytest
import yaml
from test_bad_input import GOOD

from derive import pdf
from derive.cli import main

needs_tex = pytest.mark.skipif(not pdf.engine_available(), reason="no TeX engine")

#: The most any hostile input may take (a generous bound: each case takes well under 1 s).
SECONDS = 10


def refused(capsys, *args: str) -> str:
    """Run the CLI in-process; assert a quick, clean refusal; return the error line."""
    start = time.monotonic()
    code = main(list(args))
    elapsed = time.monotonic() - start
    err = capsys.readouterr().err
    assert code == 2, err
    assert elapsed < SECONDS, f"took {elapsed:.1f} s"
    assert err.count("\n") == 1 and "error:" in err, err
    assert len(err) < 450 and not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", err), err
    return err


# -- code execution -------------------------------------------------------------------

PAYLOADS = [
    "[[__import__][0]('os').system][0]('touch {canary}')*0 + x**2",
    "__import__('os').system('touch {canary}')",
    "(lambda: __import__('os').system('touch {canary}'))()",
    "x.__class__.__base__",
    "open('{canary}', 'w')",
    "exec('import os')",
    "eval('1')",
    "getattr(x, 'real')",
    "Symbol('x').as_real_imag()",
    "[x for x in ().__class__.__base__.__subclasses__()]",
    "{{'a': 1}}",
    "'touch {canary}'",
    "x if x else x",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_expression_is_never_run(capsys, tmp_path, payload):
    canary = tmp_path / "canary"
    text = payload.format(canary=canary)
    refused(capsys, "steps", text)
    refused(capsys, "steps", "x**2", "--at", f"x={text}")
    refused(capsys, "steps", "x**2", "--at", "x=1", "--dx", text)
    refused(capsys, "steps", f"y = {text}; z = y**2", "--wrt", "x")
    assert not canary.exists()


def test_the_published_exploit_is_refused_as_a_real_process(cli, tmp_path):
    canary = tmp_path / "canary"
    result = cli("steps", f"[[__import__][0]('os').system][0]('touch {canary}')*0 + x**2")
    assert result.returncode == 2 and "only numbers, variables" in result.stderr
    assert not canary.exists()


@pytest.mark.parametrize("name", ["q^^5cinput", "x\\input", "x{y}", "x y", "_x", "x" * 31])
def test_a_symbol_name_is_a_plain_identifier(capsys, name):
    refused(capsys, "steps", f"Symbol('{name}')*x")
    refused(capsys, "steps", "x**2", "--wrt", name)


def test_the_python_api_parses_text_instead_of_evaluating_it(tmp_path):
    from derive.errors import ExpressionError
    from derive.steps import derive_steps
    from derive.steps.parse import real_symbol

    canary = tmp_path / "canary"
    with pytest.raises(ExpressionError):
        derive_steps(f"__import__('os').system('touch {canary}')", real_symbol("x"))
    assert not canary.exists()
    assert str(derive_steps("x**2", real_symbol("x")).result) == "2*x"


# -- TeX reads and writes no file outside its job -----------------------------------


@pytest.fixture
def secret(tmp_path):
    """A file TeX must never read; its text must never appear in a PDF."""
    path = tmp_path / "secret.tex"
    path.write_text("SECRETWORDXYZ\n")
    return path


@needs_tex
def test_the_tex_engine_cannot_read_outside_its_folder(tmp_path, secret):
    from derive.errors import BuildError

    tex = tmp_path / "job" / "read.tex"
    tex.parent.mkdir()
    tex.write_text("\\documentclass{article}\n\\begin{document}\nA\n"
                   f"\\input{{{secret}}}\nB\n\\end{{document}}\n")
    with pytest.raises(BuildError, match="not found"):
        pdf.compile_tex(tex)
    assert not tex.with_suffix(".pdf").exists()


@needs_tex
def test_the_tex_engine_cannot_write_outside_its_folder(tmp_path):
    from derive.errors import BuildError

    stolen = tmp_path / "written-by-tex.txt"
    tex = tmp_path / "job" / "write.tex"
    tex.parent.mkdir()
    tex.write_text("\\documentclass{article}\n\\begin{document}\nA\n"
                   f"\\newwrite\\out\\immediate\\openout\\out={stolen}\n"
                   "\\immediate\\write\\out{x}\\immediate\\closeout\\out\n"
                   "\\immediate\\write18{touch pwned}\nB\n\\end{document}\n")
    with pytest.raises(BuildError, match="write"):
        pdf.compile_tex(tex)
    assert not stolen.exists() and not list(tmp_path.rglob("pwned"))


@needs_tex
def test_text_fields_cannot_smuggle_tex_into_a_pdf(cli, tmp_path, secret):
    attack = f"\\input{{{secret}}} ^^5cinput^^7b{secret}^^7d \\csname input\\endcsname{{{secret}}}"
    spec = {**GOOD, "title": attack}
    path = tmp_path / "attack.yaml"
    path.write_text(yaml.safe_dump(spec))
    out = tmp_path / "out"
    result = cli("solve", str(path), "--format", "slides,handout", "--pdf", "-o", str(out))
    assert result.returncode == 0, result.stderr
    for built in out.glob("*.pdf"):
        text = _pdf_text(built)
        assert "SECRETWORDXYZ" not in text and "input" in text  # printed, not run
    steps = cli("steps", f"x_{{{attack}}}**2", "--pdf", "-o", str(out))
    assert steps.returncode == 2 and "SECRETWORDXYZ" not in steps.stderr


def test_notation_names_cannot_carry_tex(capsys, tmp_path):
    for name in ["\\input{/etc/hostname}", "w^^5c", "a b"]:
        spec = {**GOOD, "notation": {"preset": "layered", "weight": name}}
        path = tmp_path / "n.json"
        path.write_text(json.dumps(spec))
        refused(capsys, "solve", str(path), "--no-pdf", "-o", str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def _pdf_text(path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


# -- bounded work --------------------------------------------------------------------

HUGE = [
    "factorial(10**9)", "10**10**10", "x**(10**10)", "2**2**2**2**2**2", "exp(exp(exp(10)))*x",
    "1e400*x", "9" * 200 + "*x", "x" + "+x" * 300, "(" * 300 + "x" + ")" * 300,
    "\\sum_{i=1}^{10^{9}} i", "2^{10^{10^{10}}}", "\\int x dx", "(10^{9})!",
    "sin(x)" * 100,
]


@pytest.mark.parametrize("expression", HUGE, ids=range(len(HUGE)))
def test_expressions_too_large_to_compute_are_refused_at_once(capsys, expression):
    refused(capsys, "steps", expression)


@pytest.mark.parametrize("point", ["x=10**5000", "x=1e400", "x=" + "9" * 5000, "x=10**10**10"])
def test_points_too_large_are_refused(capsys, point):
    refused(capsys, "steps", "x**3", "--at", point)


def test_values_too_large_at_a_point_are_refused(capsys):
    refused(capsys, "steps", "exp(exp(x))", "--at", "x=100")
    refused(capsys, "steps", "x**1000", "--at", "x=1000")


def test_pipes_and_devices_are_refused_not_waited_for(capsys, tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert "not a regular file" in refused(capsys, "solve", str(fifo), "-o", str(tmp_path))
    assert "not a regular file" in refused(capsys, "verify", str(fifo))
    refused(capsys, "solve", "/dev/zero", "-o", str(tmp_path))
    refused(capsys, "verify", "/dev/zero")


def test_oversized_files_are_refused_before_they_are_read(capsys, tmp_path):
    big = tmp_path / "big.md"
    with big.open("wb") as handle:
        handle.truncate(60 * 2**20)  # sparse: 60 MB that cost nothing to make
    assert "larger than" in refused(capsys, "verify", str(big))
    spec = tmp_path / "big.yaml"
    with spec.open("wb") as handle:
        handle.truncate(3 * 2**20)
    assert "larger than" in refused(capsys, "solve", str(spec), "-o", str(tmp_path))


def test_a_long_chain_in_a_document_is_checked_in_linear_time(capsys, tmp_path):
    doc = tmp_path / "chain.txt"
    doc.write_text("1 = " * 2000 + "1\n")  # 8 KB, one chain of 2,000 links
    start = time.monotonic()
    assert main(["verify", str(doc)]) in (0, 1)
    assert time.monotonic() - start < SECONDS
    capsys.readouterr()


def test_a_large_document_is_checked_in_seconds(capsys, tmp_path):
    doc = tmp_path / "big.md"
    lines = [f"$z_{{{i}}} = 0.5 \\times {i % 7} + 0.25 = {0.5 * (i % 7) + 0.25}$\n"
             for i in range(8_000)]
    doc.write_text("".join(lines))  # about 0.3 MB
    start = time.monotonic()
    assert main(["verify", str(doc), "--json"]) in (0, 1)
    assert time.monotonic() - start < 60
    capsys.readouterr()


def _network_spec(layers, steps, examples):
    import random

    rng = random.Random(1)
    weights = [[[round(rng.uniform(-1, 1), 2) for _ in range(layers[l])]
                for _ in range(layers[l + 1])] for l in range(len(layers) - 1)]
    return {"network": {"layers": layers, "activation": "sigmoid", "weights": weights},
            "loss": "mse", "learning_rate": 0.1, "steps": steps,
            "data": {"x": [[0.5] * layers[0]] * examples, "y": [[0.5] * layers[-1]] * examples}}


def test_work_beyond_the_engines_budget_is_refused_before_it_starts(capsys, tmp_path):
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(_network_spec([17] * 64, 20, 8)))
    assert "parameter updates" in refused(capsys, "solve", str(path), "--format", "json",
                                          "-o", str(tmp_path / "out"))


def test_slides_too_long_to_read_are_refused_before_solving(capsys, tmp_path):
    path = tmp_path / "long.json"
    path.write_text(json.dumps(_network_spec([12] * 8, 5, 8)))
    err = refused(capsys, "solve", str(path), "-o", str(tmp_path / "out"))
    assert "no one reads" in err and "--format json" in err


def test_a_billion_laughs_spec_is_refused(capsys, tmp_path):
    lines = ["a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
              f"*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 10)]
    path = tmp_path / "laughs.yaml"
    path.write_text("\n".join(lines) + "\ntitle: *a9\n")
    assert "alias" in refused(capsys, "solve", str(path), "-o", str(tmp_path))


# -- one line, never a traceback ------------------------------------------------------


@pytest.mark.parametrize("suffix, text", [
    (".json", "[" * 100_000 + "]" * 100_000),
    (".yaml", "[" * 5_000 + "]" * 5_000),
    (".yaml", "network:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 600))),
    (".json", '{"title": "' + "\\ud800" + '", "network": {}}'),
    (".json", '{"title": "x\\u001b[2J", "network": {}}'),
    (".yaml", "title: \"\\e[31mred\"\n"),
    (".json", '{"learning_rate": ' + "9" * 5000 + "}"),
    (".yaml", "learning_rate: " + "9" * 5000 + "\n"),
    (".yaml", "loss: mse\nloss: mse\n"),
    (".json", '{"loss": "mse", "loss": "bce"}'),
    (".yaml", "notation: {preset: [1]}\nnetwork: {}\nloss: mse\ndata: {}\n"),
    (".yaml", "title: " + "x" * 10_000 + "\n"),
], ids=["json-deep", "yaml-deep", "yaml-deep-map", "surrogate", "json-escape", "yaml-escape",
        "json-huge-int", "yaml-huge-int", "yaml-duplicate", "json-duplicate", "unhashable",
        "long-title"])
def test_malformed_specs_give_one_short_line(capsys, tmp_path, suffix, text):
    path = tmp_path / f"spec{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    out = tmp_path / "out"
    refused(capsys, "solve", str(path), "-o", str(out))
    assert not out.exists()


def test_a_huge_expression_is_not_echoed_back(capsys):
    err = refused(capsys, "steps", "x +" * 30_000)
    assert "'x +x +x +x" in err and len(err) < 200


def test_escape_sequences_never_reach_the_terminal(capsys):
    refused(capsys, "steps", "x\x1b[2J\x1b]0;owned\x07 +")
    refused(capsys, "steps", "\ud800")


def test_a_document_with_terminal_escapes_is_reported_without_them(capsys, tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text("\x1b[2J$z = 0.5 \\times 2 = 3$\n")
    assert main(["verify", str(doc)]) == 1
    assert "\x1b" not in capsys.readouterr().out


def test_a_number_too_long_for_python_is_refused_in_a_document(capsys, tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text("$z = 0.5 \\times 2 = " + "1" * 5000 + "$\n")
    assert "more than 100 digits" in refused(capsys, "verify", str(doc))


@pytest.mark.parametrize("name", [".", "..", ".hidden", "a/b", "", "x" * 101])
def test_file_names_stay_plain(capsys, tmp_path, name):
    refused(capsys, "solve", "--example", "chain-1-1-1", "--format", "json", "--name", name,
            "-o", str(tmp_path / "out"))
    refused(capsys, "steps", "x**2", "--format", "json", "--name", name,
            "-o", str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_a_failed_run_leaves_the_previous_outputs_in_place(capsys, tmp_path, monkeypatch):
    from derive import render

    out = tmp_path / "out"
    assert main(["solve", "--example", "chain-1-1-1", "--format", "markdown,json",
                 "-o", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(doc, templates):
        raise render.RenderError("boom")

    monkeypatch.setitem(render.FORMATS, "json", render.Format("json", ".json", False, broken))
    err = refused(capsys, "solve", "--example", "chain-1-1-1", "--format", "markdown,json",
                  "-o", str(out))
    assert "boom" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_no_staging_folder_is_left_behind(capsys, tmp_path):
    out = tmp_path / "out"
    assert main(["solve", "--example", "chain-1-1-1", "--format", "markdown,json",
                 "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["chain-1-1-1.json", "chain-1-1-1.md"]


@pytest.mark.skipif(shutil.which("pdflatex") is not None, reason="TeX is installed")
def test_without_tex_the_message_says_what_was_written(capsys, tmp_path):
    err = refused(capsys, "solve", "--example", "chain-1-1-1", "--format", "handout", "--pdf",
                  "-o", str(tmp_path))
    assert ".tex written" in err


@pytest.mark.parametrize("body, message", [
    ("\\VAR{title.__class__.__mro__}", "unsafe"),
    ("\\VAR{nosuch}", "'nosuch' is undefined"),
    ("\\BLOCK{if}", "line 1"),
])
def test_a_users_template_runs_in_the_sandbox_and_fails_in_one_line(capsys, tmp_path, body,
                                                                     message):
    own = tmp_path / "tpl" / "latex"
    own.mkdir(parents=True)
    (own / "handout.tex.j2").write_text(
        f"\\documentclass{{article}}\\begin{{document}}{body}\\end{{document}}\n")
    err = refused(capsys, "solve", "--example", "chain-1-1-1", "--format", "handout",
                  "--no-pdf", "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "tpl"))
    assert message in err
    assert not (tmp_path / "out").exists()
