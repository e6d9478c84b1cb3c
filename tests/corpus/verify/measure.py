"""Measure verify's recall and precision on the corpus (see make_corpus.py).

Run ``.venv/bin/python tests/corpus/verify/measure.py [--show]``. Recall is the
share of planted ``error`` slips reported as ``error`` on their line. Precision
is the share of reported ``error`` lines that hold a real slip (planted error or
planted last-digit slip); ``strict precision`` counts an ``error`` on a planted
last-digit slip as a false alarm too.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from derive.verify import WRONG, verify  # noqa: E402


def _continues(line: str) -> bool:
    return line.strip().lstrip("&$~").strip().startswith(("=", "≈", "\\approx"))


def measure(split: str, show: bool = False) -> dict:
    """Counts for one split (``tune`` or ``heldout``)."""
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    totals = {"documents": 0, "claims": 0, "planted": 0, "found": 0, "reported": 0,
              "true": 0, "strict_true": 0, "planted_rounding": 0}
    for path, planted in sorted(manifest.items()):
        if not path.startswith(split + "/"):
            continue
        result = verify((HERE / path).read_text(encoding="utf-8"))
        reported = {f.line for f in result.findings if f.status in WRONG}
        errors = set(planted["errors"])
        # A wrong operand is reported where it is written: on the line before a result
        # that continues its chain ("= 0.0051801" on a line of its own).
        lines = (HERE / path).read_text(encoding="utf-8").split("\n")
        reported = {line + 1 if line < len(lines) and _continues(lines[line])
                    and line + 1 in errors else line for line in reported}
        totals["documents"] += 1
        totals["claims"] += len(result.findings)
        totals["planted"] += len(errors)
        totals["planted_rounding"] += len(planted["rounding"])
        totals["found"] += len(errors & reported)
        totals["reported"] += len(reported)
        totals["true"] += len((errors | set(planted["rounding"])) & reported)
        totals["strict_true"] += len(errors & reported)
        if show and (errors ^ reported):
            print(f"{path}: missed {sorted(errors - reported)}, "
                  f"false {sorted(reported - errors)}")
    totals["recall"] = totals["found"] / totals["planted"] if totals["planted"] else 1.0
    for key, hits in (("precision", "true"), ("strict_precision", "strict_true")):
        totals[key] = totals[hits] / totals["reported"] if totals["reported"] else 1.0
    return totals


if __name__ == "__main__":
    for name in ("tune", "heldout", "fresh"):
        counts = measure(name, show="--show" in sys.argv)
        print(f"{name}: {counts['documents']} documents, {counts['claims']} claims, "
              f"{counts['planted']} planted errors (+{counts['planted_rounding']} last-digit), "
              f"recall {counts['recall']:.1%}, precision {counts['precision']:.1%} "
              f"(strict {counts['strict_precision']:.1%})")
