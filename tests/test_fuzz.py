"""Fuzzing the three commands that read other people's text: solve, steps, verify.

Whatever the input (random bytes, specs one mutation away from valid, token
soup that looks like maths), the CLI ends with exit code 0, 1 or 2, prints at
most one error line, raises nothing, and finishes within the deadline.
"""

from __future__ import annotations

import copy
import json
import os
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_bad_input import GOOD

from derive.cli import main

#: Examples per test; raise it for a stress run:
#: DERIVE_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py
EXAMPLES = int(os.environ.get("DERIVE_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=timedelta(seconds=10),
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

#: Values a careless or hostile spec might hold anywhere.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**40, 10**40)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12)


def _paths(value, prefix=()):
    """Every path into ``value`` (keys of mappings, indices of lists)."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*prefix, i))


@st.composite
def near_valid_specs(draw):
    """The seed lecture's spec with one to three parts replaced by random values."""
    spec = copy.deepcopy(GOOD)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(spec) if p]
        path = draw(st.sampled_from(paths))
        target = spec
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = draw(json_values)
    return spec


def _run(capsys, *args: str) -> int:
    try:
        code = main(list(args))
    except SystemExit as exit_:  # argparse's own usage errors
        code = exit_.code
    err = capsys.readouterr().err
    assert code in (0, 1, 2), err
    assert err.count("\n") <= 1, err
    return code


@FUZZ
@given(data=st.binary(max_size=300))
def test_solve_survives_random_bytes(capsys, tmp_path, data):
    path = tmp_path / "spec.yaml"
    path.write_bytes(data)
    _run(capsys, "solve", str(path), "--format", "json", "-o", str(tmp_path / "out"))


@FUZZ
@given(spec=near_valid_specs(), as_json=st.booleans())
def test_solve_survives_near_valid_specs(capsys, tmp_path, spec, as_json):
    import yaml

    path = tmp_path / ("spec.json" if as_json else "spec.yaml")
    try:
        text = json.dumps(spec) if as_json else yaml.safe_dump(spec)
    except ValueError:
        return  # a value the writer itself cannot write (nan in strict JSON)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _run(capsys, "solve", str(path), "--format", "json,markdown", "-o", str(tmp_path / "out"))


EXPRESSION_TOKENS = ["x", "y", "z_1", "2", "0.5", "10", "+", "-", "*", "/", "**", "^", "(",
                     ")", "sin", "exp", "ln", "sigmoid", "relu", "max", "tanh", "sqrt", ",",
                     "e", "pi", "\\frac", "{", "}", "\\sigma", "!", "=", ";", " ", "x**x",
                     "1/0", "__", ".", "[", "]", "'", "lambda", "abs"]


@FUZZ
@given(tokens=st.lists(st.sampled_from(EXPRESSION_TOKENS), min_size=1, max_size=14),
       at=st.none() | st.sampled_from(["x=2", "x=0", "x=-1", "y=1", "x=1e300", "x=pi"]))
def test_steps_survives_token_soup(capsys, tokens, at):
    at_point = ["--at", at] if at else []
    _run(capsys, "steps", "--format", "json", "-o", "-", *at_point, "--", "".join(tokens))


@FUZZ
@given(text=st.text(max_size=40))
def test_steps_survives_random_text(capsys, text):
    _run(capsys, "steps", "--format", "json", "-o", "-", "--", text)


DOCUMENT_TOKENS = ["z_1", "o", "\\sigma(", ")", "=", "≈", "\\approx", "0.5", "0.47", "-0.71",
                   "1e-3", "12%", "\\times", "·", "+", "-", "(", "$", "$$", "\\frac{", "}{",
                   "}", "&=", "\\\\", "\n", " ", "= ", "w_5", "\\partial", "½", "²", "|",
                   "\\begin{array}{c}", "\\end{array}", "1 = 1 = 1"]


@FUZZ
@given(tokens=st.lists(st.sampled_from(DOCUMENT_TOKENS), min_size=1, max_size=60))
def test_verify_survives_maths_soup(capsys, tmp_path, tokens):
    path = tmp_path / "doc.md"
    path.write_text("".join(tokens))
    _run(capsys, "verify", str(path), "--json")


@FUZZ
@given(data=st.binary(max_size=400))
def test_verify_survives_random_bytes(capsys, tmp_path, data):
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    _run(capsys, "verify", str(path))
