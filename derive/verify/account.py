"""Every number accounted for: checked, given, or listed as ``unchecked`` with a reason.

A clean report must not be mistaken for a checked document, so each number the
reader found (in a chain, a table or a matrix) lands in exactly one of three
places:

* *checked* — it was judged (a finding that is not ``unchecked``) or it was an
  operand of an expression that a judgement used;
* *given* — it states a value (``w_1 = 0.15``), which nothing could derive;
* *skipped* — anything else; each such number gets an ``unchecked`` finding
  (``operand=True`` when it is not a claim) whose reason says why.

The counts are exact: ``numbers == checked + given + skipped``.
"""

from __future__ import annotations

from derive.verify.reader import Chain, Document
from derive.verify.tokens import Token


def numbers(document: Document) -> dict[int, tuple[Token, str]]:
    """Every number read, by offset, with the reason it would be skipped."""
    found: dict[int, tuple[Token, str]] = {}
    for chain in document.chains:
        for token in _chain_numbers(chain):
            found.setdefault(token.start, (token, _default_reason(chain)))
    for token, reason in document.loose:
        found.setdefault(token.start, (token, reason))
    return found


def _chain_numbers(chain: Chain) -> list[Token]:
    return [t for segment in chain.segments for t in segment.tokens if t.kind == "num"]


def _default_reason(chain: Chain) -> str:
    if sum(1 for s in chain.segments if s.tokens) < 2:
        return "no relation to check it against"
    return "no evaluable expression next to it"


def add_unchecked(document: Document, result, used: set[int], why: dict[int, str]) -> None:
    """Give every number that is neither judged, used nor given an ``unchecked`` finding.

    Args:
        document: the document as read.
        result: the check's :class:`~derive.verify.findings.Result` (changed in place).
        used: offsets of numbers that were operands of a judgement.
        why: for a number in an unreadable expression, why it could not be read.
    """
    from derive.verify.findings import Finding

    seen = {f.start for f in result.findings} | used | _given_offsets(document, result)
    for start, (token, reason) in sorted(numbers(document).items()):
        if start in seen:
            continue
        result.findings.append(Finding(
            document.line(start), "unchecked", format(token.value, "f"), "",
            document.source(token.start, token.end), why.get(start, reason), start, token.end,
            operand=True))
    result.findings.sort(key=lambda f: f.start)


def counts(document: Document, result, used: set[int]) -> dict[str, int]:
    """``numbers``, ``checked``, ``given`` and ``skipped``, each number counted once.

    A claim that could not be checked is skipped, even where it served as the
    operand of another judgement: what it claims was never confirmed.
    """
    judged = {f.start for f in result.findings if f.status != "unchecked"}
    unchecked = {f.start for f in result.findings if f.status == "unchecked"}
    given = _given_offsets(document, result)
    read = numbers(document)
    checked = sum(1 for start in read
                  if (start in judged or start in used) and start not in unchecked)
    stated = sum(1 for start in read if start in given and start not in judged
                 and start not in used and start not in unchecked)
    return {"numbers": len(read), "checked": checked, "given": stated,
            "skipped": len(read) - checked - stated}


def _given_offsets(document: Document, result) -> set[int]:
    offsets = set()
    for given in result.givens:
        offsets.update(start for start in range(given.start, given.end))
    return offsets
