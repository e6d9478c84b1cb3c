"""How a measure scores verify's findings against a document's known slips.

Shared by the measures of the real corpus (``measure_real.py``) and of the
independent generator (``patterns/measure.py``); the generator itself shares
nothing with verify.
"""

from __future__ import annotations

from decimal import Decimal


def key(line, number) -> tuple[int, Decimal]:
    """A number's identity in a document: its line and its value."""
    return int(line), Decimal(number)


def score(flagged, slips: set, doubtful: set, both_ends: bool = True) -> tuple[set, set]:
    """``(found, reported)``: the slips found, and what the flagged findings report.

    A finding about two lines (a restatement, a substitution) credits the slip at
    either end unless ``both_ends`` is False; a finding on a doubtful number counts
    neither way.
    """
    found, reported = set(), set()
    for f in flagged:
        ends = {key(f.line, f.claimed)}
        if both_ends and f.other_line is not None and f.expected:
            ends.add(key(f.other_line, f.expected))
        found |= ends & slips
        if not ends & doubtful:
            reported.add(min(ends & slips or ends))
    return found, reported
