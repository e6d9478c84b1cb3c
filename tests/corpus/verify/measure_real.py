"""Measure verify on the real corpus (``real/``, slips from ``real/recompute.py``).

Run ``.venv/bin/python tests/corpus/verify/measure_real.py [tune|heldout] [--show]``.
A slip is found when verify reports ``error`` or ``substitution`` for that number
on that line. Precision is the share of those reports that are slips; reports on
a ``doubtful`` number (a truncation or a last digit off by one) count neither way.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).parent / "real"
sys.path.insert(0, str(HERE.parents[3]))

from derive.verify import verify  # noqa: E402

FLAGGED = ("error", "substitution")


def _key(line: int, number: str) -> tuple[int, Decimal]:
    return line, Decimal(number)


def measure(split: str, show: bool = False) -> dict:
    """Counts for one split of the real corpus."""
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    totals = {"documents": 0, "slips": 0, "found": 0, "reported": 0, "true": 0,
              "read": 0, "checked": 0}
    for name, entry in sorted(manifest.items()):
        if entry["split"] != split:
            continue
        result = verify((HERE / name).read_text(encoding="utf-8"))
        reported = {_key(f.line, f.claimed) for f in result.findings if f.status in FLAGGED}
        slips = {_key(*s) for s in entry["slips"]}
        doubtful = {_key(*s) for s in entry["doubtful"]}
        totals["documents"] += 1
        totals["slips"] += len(slips)
        totals["found"] += len(slips & reported)
        totals["reported"] += len(reported - doubtful)
        totals["true"] += len(slips & reported)
        totals["read"] += len(result.findings)
        totals["checked"] += sum(1 for f in result.findings if f.status != "unchecked")
        if show and (slips ^ (reported - doubtful)):
            print(f"{name}: missed {sorted(slips - reported)}, "
                  f"false {sorted(reported - doubtful - slips)}")
    totals["recall"] = totals["found"] / totals["slips"] if totals["slips"] else 1.0
    totals["precision"] = totals["true"] / totals["reported"] if totals["reported"] else 1.0
    return totals


if __name__ == "__main__":
    splits = [a for a in sys.argv[1:] if not a.startswith("--")] or ["tune"]
    for split in splits:
        c = measure(split, show="--show" in sys.argv)
        print(f"real {split}: {c['documents']} documents, {c['slips']} slips, "
              f"recall {c['recall']:.0%} ({c['found']}/{c['slips']}), precision "
              f"{c['precision']:.0%} ({c['true']}/{c['reported']}), "
              f"{c['checked']}/{c['read']} findings checked")
