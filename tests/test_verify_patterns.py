"""derive verify on text it did not write: the independent generator's walk-throughs
(tests/corpus/verify/patterns) and --network on real documents with several networks."""

import importlib.util
from pathlib import Path

import pytest

from derive.commands.verify import _solutions
from derive.verify import verify

CORPUS = Path(__file__).parent / "corpus" / "verify"
REAL = CORPUS / "real"


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem + "_measure", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_patterns_meet_the_target():
    counts = _load(CORPUS / "patterns" / "measure.py").measure()
    assert counts["recall"] >= 0.95 and counts["precision"] >= 0.95
    assert counts["model_recall"] >= 0.7 and counts["model_false"] <= 1


def test_each_example_is_compared_with_its_own_network():
    specs = [REAL / "specs" / f"backprop_what_how_why_{n}.yaml" for n in (1, 2)]
    solutions = [data for spec in specs for data in _solutions(str(spec))]
    result = verify((REAL / "backprop_what_how_why.md").read_text(encoding="utf-8"),
                    solution=solutions)
    networks = [m.network for m in result.result.matches]
    assert networks == ["Regression with squared error (layered)",
                        "Binary classification with BCE (layered)"]
    model = [(f.line, f.claimed) for f in result.findings if f.status == "model"]
    assert model == [(23, "-0.96")]  # δ2 of ½(ŷ − y)² where L = (ŷ − y)²
    assert "another loss" in next(f.reason for f in result.findings if f.line == 23)


def test_a_value_under_a_target_letter_is_not_compared_with_the_target():
    solutions = _solutions(str(REAL / "specs" / "melfm_notes.yaml"))
    result = verify((REAL / "melfm_notes.md").read_text(encoding="utf-8"), solution=solutions)
    [match] = result.result.matches
    assert "y1" in match.unmatched and "z1" in match.matched
    assert not [f for f in result.findings if f.status == "model"]


@pytest.mark.parametrize("preset_text, expected", [
    ("$$net_{h1} = 0.3775$$\n$$out_{o1} = 0.75136507$$\n", "flat-by-target"),
    ("$$z^{[1]}_1 = 0.3775$$\n$$a^{[1]}_1 = 0.593269992$$\n", "layered"),
    ("$$z_1 = 0.3775$$\n$$h_1 = 0.593269992$$\n", "flat-by-source"),
])
def test_names_are_matched_in_every_notation_preset(preset_text, expected):
    solutions = _solutions(str(Path(__file__).parents[1] / "derive" / "examples"
                               / "mazur-2-2-2.yaml"))
    result = verify(preset_text, solution=solutions)
    [match] = result.result.matches
    assert match.network.endswith(f"({expected})") and len(match.matched) == 2


def test_names_outside_the_notation_are_matched_by_value():
    solutions = _solutions(str(Path(__file__).parents[1] / "derive" / "examples"
                               / "mazur-2-2-2.yaml"))
    text = ("$$\\frac{\\partial E_{o1}}{\\partial net_{o1}} = 0.138498562$$\n"
            "$$out_{h1} = 0.593269992$$\n")
    [match] = verify(text, solution=solutions).result.matches
    assert match.by_value == ["dEo1/dneto1 ≈ gradient neto1"]
