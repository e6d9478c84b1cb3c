"""What a check of a document finds: a finding per number, the values given, the result.

Plain records, shared by the checker (:mod:`derive.verify.check`), the
accounting of skipped numbers, the model check and the reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from derive.verify.tokens import Name


@dataclass
class Finding:
    """One claimed number and what verify found about it."""

    line: int
    status: str
    claimed: str
    expected: str
    expression: str
    reason: str
    start: int
    end: int
    name: Name | None = None
    math: bool = False
    truncated: bool = False
    half_up: bool = False
    #: for a ``substitution`` or a restatement: the other line involved
    other_line: int | None = None
    #: True for a number that is no claim, listed only to account for it
    operand: bool = False
    #: True when its working uses a value already found wrong (the model check then
    #: knows the network's value differs because of that earlier slip)
    follows: bool = False


@dataclass
class Given:
    """A number the document states for a name (``w_1 = 0.7010``) at a place."""

    name: Name
    value: Decimal
    line: int
    start: int
    end: int
    math: bool = False


@dataclass
class Result:
    """What a walk through a document found."""

    findings: list[Finding] = field(default_factory=list)
    givens: list[Given] = field(default_factory=list)
    habit: str = "half-up"
    #: offsets of the numbers that were operands of a judgement
    used: set[int] = field(default_factory=set)
    #: with ``--network``: which network each section was compared with (model.Match)
    matches: list = field(default_factory=list)
