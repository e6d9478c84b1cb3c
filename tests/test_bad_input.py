"""Bad input: one line naming what is wrong, exit code 2, nothing half-written."""

from __future__ import annotations

import copy

import pytest
import yaml

GOOD = {
    "network": {"layers": [2, 2, 1], "activation": "sigmoid", "bias": False,
                "weights": [[[0.7, 0.4], [0.3, 0.6]], [[0.55, 0.45]]]},
    "loss": "mse", "data": {"x": [0.5, 0.3], "y": [1]}, "learning_rate": 0.1,
}


def changed(path, value):
    spec = copy.deepcopy(GOOD)
    *parents, last = path
    target = spec
    for key in parents:
        target = target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return spec


CASES = [
    (changed(["network", "weights"], [[[0.7, 0.4]], [[0.55, 0.45]]]), "network.weights[0]",
     "expected 2 rows"),
    (changed(["network", "weights"], [[[0.7], [0.3]], [[0.55, 0.45]]]), "network.weights[0][0]",
     "expected 2 weights"),
    (changed(["network", "activation"], "sigmoidal"), "network.activation",
     "unknown activation 'sigmoidal'"),
    (changed(["data", "y"], KeyError), "data.y", "missing target"),
    (changed(["data", "x"], [0.5, "abc"]), "data.x[1]", "expected a number, got 'abc'"),
    (changed(["network", "activation"], ["softmax", "sigmoid"]), "network.activation[0]",
     "softmax is only allowed on the output layer"),
    (changed(["loss"], "cross_entropy"), "loss", "cross_entropy needs a softmax output"),
    (changed(["loss"], "hinge"), "loss", "unknown loss 'hinge'"),
    (changed(["network", "layers"], [2]), "network.layers", "at least two"),
    (changed(["learning_rate"], -1), "learning_rate", "must be positive"),
    (changed(["network", "activation"], "step"), "network.activation[0]",
     "no useful gradient"),
    (changed(["network", "bias"], True), "network.biases", "missing"),
    (changed(["colour"], "red"), "colour", "unknown field"),
    (changed(["rounding"], {"carry": "later"}), "rounding.carry", "expected one of"),
    (changed(["notation"], "tensor"), "notation.preset", "unknown preset 'tensor'"),
]


@pytest.mark.parametrize("spec, field, message", CASES, ids=[c[1] + ":" + c[2] for c in CASES])
def test_bad_spec_gives_one_line(cli, tmp_path, spec, field, message):
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(spec))
    out = tmp_path / "out"
    result = cli("solve", str(path), "-o", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert field in lines[0] and message in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_log_of_zero_in_cross_entropy_is_a_clean_error(cli, tmp_path):
    spec = changed(["network", "weights"], [[[1000, 1000], [1000, 1000]], [[1000, 1000]]])
    spec["loss"] = "bce"
    spec["data"]["y"] = [0]
    path = tmp_path / "saturated.yaml"
    path.write_text(yaml.safe_dump(spec))
    result = cli("solve", str(path), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "log(0)" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args, message", [
    (["solve", "missing.yaml"], "spec file not found"),
    (["solve", "--example", "nope"], "unknown example 'nope'"),
    (["solve", "--example", "chain-1-1-1", "--format", "pdf"], "unknown format 'pdf'"),
    (["solve", "--example", "chain-1-1-1", "-o", "-"], "exactly one --format"),
])
def test_bad_command_lines(cli, args, message):
    result = cli(*args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_invalid_yaml_names_the_line(cli, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("network:\n  layers: [2, 2\nloss: mse\n")
    result = cli("solve", str(path))
    assert result.returncode == 2 and "invalid YAML at line" in result.stderr


def test_json_specs_are_accepted(cli, tmp_path):
    import json

    path = tmp_path / "net.json"
    path.write_text(json.dumps(GOOD))
    result = cli("solve", str(path), "--format", "json", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["forward"]["z1"] == pytest.approx(0.47)


def test_a_displayed_zero_under_a_log_is_a_clean_error(cli, tmp_path):
    spec = {"network": {"layers": [3, 2, 2], "activation": ["relu", "softmax"],
                        "weights": [[[1.5, 0, 0], [1, 0, 0]], [[-1.5, -1.5], [1, 0]]]},
            "loss": "cross_entropy", "data": {"x": [1.5, 0, 0], "y": [1, 0]},
            "rounding": {"carry": "displayed"}}
    path = tmp_path / "coarse.yaml"
    path.write_text(yaml.safe_dump(spec))
    result = cli("solve", str(path), "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "rounding.carry: exact" in result.stderr
    spec["rounding"]["carry"] = "exact"  # the same numbers, carried exactly, are fine
    path.write_text(yaml.safe_dump(spec))
    assert cli("solve", str(path), "--format", "json", "-o", "-").returncode == 0
