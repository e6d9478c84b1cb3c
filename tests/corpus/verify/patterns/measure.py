"""Measure derive verify on the independently generated walk-throughs (``generate.py``).

Run ``.venv/bin/python tests/corpus/verify/patterns/measure.py [--fresh] [--show]``.
Equation slips: found when verify reports ``error`` or ``substitution`` for that
number on that line (a finding about two lines finds a slip at either end);
precision is the share of those reports that are slips, reports on an
off-by-one decoy counting neither way. Model slips (pattern 6): the documents
with a network spec are checked again with ``--network``; a ``model`` finding
on a later line of the same document is a consequence of the slip (the author
carried it) and is counted apart, not as a false alarm.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[3]))
sys.path.insert(0, str(HERE.parent))

from scoring import key, score  # noqa: E402

from derive.commands.verify import _solutions  # noqa: E402
from derive.verify import verify  # noqa: E402

FLAGGED = ("error", "substitution")


def measure(show: bool = False, fresh: bool = False) -> dict:
    """Counts over the generated corpus (``docs/``, or the fresh draw in ``fresh/``)."""
    folder = HERE / ("fresh" if fresh else "docs")
    manifest = json.loads((HERE / ("fresh.json" if fresh else "manifest.json"))
                          .read_text(encoding="utf-8"))
    t = dict.fromkeys(("documents", "slips", "found", "reported", "true", "model_slips",
                       "model_found", "model_false", "consequences"), 0)
    for name, entry in sorted(manifest.items()):
        text = (folder / name).read_text(encoding="utf-8")
        result = verify(text)
        slips = {key(*s) for s in entry["slips"]}
        doubtful = {key(*s) for s in entry["doubtful"]}
        found, reported = score([f for f in result.findings if f.status in FLAGGED], slips,
                                doubtful)
        t["documents"] += 1
        t["slips"] += len(slips)
        t["found"] += len(found)
        t["reported"] += len(reported)
        t["true"] += len(reported & slips)
        if show and (slips - found or reported - slips):
            print(f"{name}: missed {sorted(slips - found)}, false {sorted(reported - slips)}")
        if entry["network"]:
            solutions = _solutions(str(folder / entry["network"]))
            modelled = verify(text, solution=solutions)
            planted = {key(*s) for s in entry["model"]}
            model = {key(f.line, f.claimed) for f in modelled.findings if f.status == "model"}
            first = min(line for line, _ in planted)
            later = {k for k in model - planted if k[0] > first}
            t["model_slips"] += len(planted)
            t["model_found"] += len(model & planted)
            t["consequences"] += len(later)
            t["model_false"] += len(model - planted - later)
            if show and (planted - model or model - planted - later):
                print(f"{name} --network: missed {sorted(planted - model)}, "
                      f"false {sorted(model - planted - later)}")
    t["recall"] = t["found"] / t["slips"] if t["slips"] else 1.0
    t["precision"] = t["true"] / t["reported"] if t["reported"] else 1.0
    t["model_recall"] = t["model_found"] / t["model_slips"] if t["model_slips"] else 1.0
    return t


if __name__ == "__main__":
    fresh = "--fresh" in sys.argv
    c = measure(show="--show" in sys.argv, fresh=fresh)
    print(f"generated {'fresh' if fresh else 'tune'} (independent): {c['documents']} "
          f"documents, {c['slips']} slips, "
          f"recall {c['recall']:.1%} ({c['found']}/{c['slips']}), precision "
          f"{c['precision']:.1%} ({c['true']}/{c['reported']})")
    print(f"  --network: model slips found {c['model_found']}/{c['model_slips']} "
          f"({c['model_recall']:.0%}), model findings before any model slip "
          f"{c['model_false']}, later consequences {c['consequences']}")
