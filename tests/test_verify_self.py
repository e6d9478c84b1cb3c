"""derive's own worked solutions, read back by derive verify: not one error.

Two independent pieces check each other here: the engine's displayed lines must
recompute (or be marked ≈), and verify must not raise false alarms on them.
"""

from __future__ import annotations

import pytest

from derive import api, examples
from derive.verify import verify


@pytest.mark.parametrize("example", examples.names())
@pytest.mark.parametrize("carry", ["exact", "displayed"])
@pytest.mark.parametrize("fmt", ["markdown", "handout", "slides"])
def test_every_example_reads_back_without_errors(example, carry, fmt):
    solved = api.solve(example=example, rounding={"carry": carry})
    result = verify(solved.render(fmt), solution=solved.data)  # with the model check
    errors = [f for f in result.findings if f.status == "error"]
    assert not errors, [(f.line, f.claimed, f.reason) for f in errors]
    checked = [f for f in result.findings if f.status in ("ok", "rounding")]
    assert len(checked) >= 10
