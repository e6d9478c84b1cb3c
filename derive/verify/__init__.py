"""``derive verify``: find the wrong numbers in a worked example.

The whole flow, top to bottom::

    document = reader.read(text)             # chains lhs = expr = … = number
    result = check.check(document, habit)    # each claim against what stands before it
    model.check(result, document, solutions) # optional: named values against the networks
    report.text(...) / report.json(...)      # for people / for programs

Modules: :mod:`~derive.verify.vocabulary` and :mod:`~derive.verify.tokens`
(LaTeX and Unicode maths to tokens), :mod:`~derive.verify.tables` (tables,
matrices, lists), :mod:`~derive.verify.expression` (parser),
:mod:`~derive.verify.interval` (exact interval evaluation),
:mod:`~derive.verify.reader`, :mod:`~derive.verify.check` (with
:mod:`~derive.verify.memory` and :mod:`~derive.verify.links`),
:mod:`~derive.verify.judge` (ok / rounding / error), :mod:`~derive.verify.diagnose`,
:mod:`~derive.verify.account` (every number checked, given or unchecked),
:mod:`~derive.verify.model` (with :mod:`~derive.verify.answers`) and
:mod:`~derive.verify.report`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from derive.rounding import exact_arithmetic
from derive.verify import check, model, reader

HABITS = ("auto", "half-up", "truncate")

#: The statuses that mean a wrong number.
WRONG = ("error", "substitution", "model")


@dataclass(frozen=True)
class Verification:
    """A checked document: the document as read and what the checks found."""

    document: reader.Document
    result: check.Result

    @property
    def findings(self) -> list[check.Finding]:
        """One finding per claimed number, in reading order."""
        return [f for f in self.result.findings if not f.operand]

    @property
    def every_number(self) -> list[check.Finding]:
        """The claims and, as ``unchecked``, every other number that was not checked."""
        return self.result.findings

    @property
    def errors(self) -> int:
        """How many findings are wrong numbers (``error``, ``substitution``, ``model``)."""
        return sum(1 for f in self.findings if f.status in WRONG)


@exact_arithmetic
def verify(text: str, habit: str = "auto",
           solution: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None
           ) -> Verification:
    """Check every claimed number of ``text`` (Markdown, LaTeX or plain text).

    Args:
        text: the worked solution as its author wrote it.
        habit: the author's rounding rule, or ``auto`` to read it from the document.
        solution: the network's JSON answers (``derive.api.solve(spec).data``)
            for the model-based check, or several (other networks, other notations):
            each section of the document is compared with the one that fits it.

    Never raises on any text: what cannot be read becomes ``unchecked``.
    """
    document = reader.read(text)
    result = check.check(document, habit)
    if solution is not None:
        model.check(result, document, solution)
    return Verification(document, result)
