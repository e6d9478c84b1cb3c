"""derive verify --network: named values against the network's exact solution."""

from pathlib import Path

import pytest

from derive.verify import verify

api = pytest.importorskip("derive.api")
SEED = next(Path("/work/shared/seeds").glob("000_*.txt"), None)


@pytest.fixture(scope="module")
def lecture():
    return api.solve(example="lecture-2-2-1").data


@pytest.mark.skipif(SEED is None, reason="seed lectures not available")
def test_seed_lecture_against_its_network(lecture):
    findings = verify(SEED.read_text(encoding="utf-8"), solution=lecture).findings
    by_line = {f.line: f for f in findings}
    assert by_line[846].status == "rounding"           # o1 = 0.645: 0.6457 truncated
    assert by_line[1100].status == "rounding"          # w1 = 0.7010: 0.70106 truncated
    assert by_line[1105].status == "model"             # w3 = 0.4011 should be 0.4006
    assert "used x1 where x2 belongs" in by_line[1105].reason
    assert [f.line for f in findings if f.status in ("error", "model")] == [1105]


def test_updated_weight_names(lecture):
    text = "$$w_5^{new} = 0.55 - 0.1 \\cdot (-0.1) = 0.56$$\n$$w_6^{+} = 0.49$$\n"
    findings = verify(text, solution=lecture).findings
    assert [(f.claimed, f.status) for f in findings] == [("0.56", "ok"), ("0.49", "model")]


def test_gradient_names(lecture):
    findings = verify("∂C/∂w₅ = −0.0998\n∂C/∂w₆ = 0.0943\n", solution=lecture).findings
    assert [(f.claimed, f.status) for f in findings] == [("-0.0998", "ok"), ("0.0943", "model")]
    assert "sign" in findings[1].reason
