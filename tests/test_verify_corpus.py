"""derive verify on its corpus: recall and precision of ``error`` (targets ≥ 95 %).

The corpus and its manifest are written by tests/corpus/verify/make_corpus.py;
tests/corpus/verify/measure.py prints the same figures.
"""

import importlib.util
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "corpus" / "verify"
_spec = importlib.util.spec_from_file_location("verify_measure", HERE / "measure.py")
measure = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(measure)


@pytest.mark.parametrize("split", ["tune", "heldout", "fresh"])
def test_recall_and_precision(split):
    counts = measure.measure(split)
    print(f"{split}: recall {counts['recall']:.1%}, precision {counts['precision']:.1%}")
    assert counts["documents"] >= 30 and counts["planted"] >= 40
    assert counts["recall"] >= 0.95
    assert counts["precision"] >= 0.95
    assert counts["strict_precision"] >= 0.95


def test_corpus_is_reproducible():
    spec = importlib.util.spec_from_file_location("make_corpus", HERE / "make_corpus.py")
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    text, errors, lasts = make.document(7, "A", "tex")
    assert (HERE / "tune" / "example007.tex").read_text(encoding="utf-8") == text
