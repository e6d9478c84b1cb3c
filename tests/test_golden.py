"""Golden files: the whole Markdown and LaTeX of every built-in example.

They catch any unintended change in wording, layout or numbers. After an
intended change run ``make golden`` (DERIVE_REGENERATE=1) and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from derive import api, examples

GOLDEN = Path(__file__).parent / "golden"
FORMATS = {"markdown": ".md", "slides": "-slides.tex", "handout": "-handout.tex"}


@pytest.mark.parametrize("example", examples.names())
@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(example, fmt):
    text = api.solve(example=example).render(fmt)
    path = GOLDEN / f"{example}{FORMATS[fmt]}"
    if os.environ.get("DERIVE_REGENERATE"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run make golden"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} changed: run make golden"
