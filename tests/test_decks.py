"""Decks a lecturer can show as they are (issue 10): compiled, every frame fits.

The course-style specs of ``tests/decks`` and two random networks are rendered,
compiled once with pdflatex, and TeX's own log is read: any ``Overfull \\vbox``
over 2 pt or ``\\hbox`` over 10 pt fails. ``pdftotext`` then checks that the
result of every equation chain in the .tex reaches a page.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from deckfit import compile_once, overfull

from derive import api, pdf

pytestmark = pytest.mark.pdf
DECKS = Path(__file__).resolve().parent / "decks"
HAVE_TEX = pdf.engine_available() and shutil.which("pdftotext") is not None
needs_tex = pytest.mark.skipif(not HAVE_TEX, reason="no TeX engine (make setup installs one)")

#: The last number of a row of an ``align*`` (``… = -0.3459 \\``), as LaTeX writes it.
RESULT = re.compile(r"(?:=|\\approx) (-?\d+(?:\.\d+)?)(?: \\\\)?$")


def random_spec(seed: int) -> dict:
    """A small random network with biases, as a course might set one."""
    rng = random.Random(seed)
    layers = [rng.randint(2, 4), rng.randint(2, 5), rng.randint(1, 3)]
    weights = [[[round(rng.uniform(-1, 1), 2) for _ in range(layers[l])]
                for _ in range(layers[l + 1])] for l in range(2)]
    biases = [[round(rng.uniform(-0.5, 0.5), 2) for _ in range(n)] for n in layers[1:]]
    return {"title": f"Random network {seed}",
            "network": {"layers": layers, "activation": rng.choice(["sigmoid", "tanh", "relu"]),
                        "bias": True, "weights": weights, "biases": biases},
            "loss": "half_se",
            "data": {"x": [round(rng.uniform(-1, 1), 2) for _ in range(layers[0])],
                     "y": [round(rng.uniform(0, 1), 2) for _ in range(layers[2])]},
            "learning_rate": 0.5, "notation": rng.choice(["layered", "flat-by-source"])}


CASES = [*(pytest.param(p, id=p.stem) for p in sorted(DECKS.glob("*.yaml"))),
         *(pytest.param(random_spec(seed), id=f"random-{seed}") for seed in (1, 2))]


def results(tex: str) -> list[str]:
    """The displayed result of every equation row that ends in a number."""
    found = []
    for line in tex.splitlines():
        match = RESULT.search(line.strip())
        if match:
            found.append(match.group(1))
    return found


@needs_tex
@pytest.mark.parametrize("source", CASES)
@pytest.mark.parametrize("layout", ["slides", "handout"])
def test_every_frame_fits_and_every_result_is_on_a_page(tmp_path, source, layout):
    result = api.solve(source)
    tex = tmp_path / f"deck-{layout}.tex"
    tex.write_text(result.render(layout))
    log = compile_once(tex)
    assert tex.with_suffix(".pdf").exists(), log[-2000:]
    assert overfull(log) == []
    text = subprocess.run(["pdftotext", str(tex.with_suffix(".pdf")), "-"], capture_output=True,
                          text=True, check=True).stdout.replace("−", "-")
    text = re.sub(r"\s+", "", text)
    missing = [r for r in results(tex.read_text()) if r not in text]
    assert missing == []
