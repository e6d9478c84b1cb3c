"""The model-based check: named quantities against the network's exact solution.

The arithmetic check (:mod:`derive.verify.check`) trusts each line's operands;
this one knows the network (``--network SPEC``) and so catches slips that add up
but use the wrong thing, e.g. an updated weight computed with x₁ where x₂
belongs. A document name is matched to the solution's (``w_{5}^{new}`` →
updated ``w5``, ``∂C/∂w_5`` → gradient ``w5``, ``o_1`` → forward ``o1``, before
or after the update) and judged against every value that name has; the best
match counts, so a restated earlier value is never an error.

Authors carry rounded numbers, so a claim may drift from the exact value by
more than its own rounding: a drift of up to :data:`DRIFT_UNITS` last-digit
units, or :data:`DRIFT_SHARE` of the quantity's change, is ``rounding``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from derive.rounding import plain, to_decimal
from derive.verify import answers
from derive.verify.findings import Finding, Result
from derive.verify.judge import STATUS_ORDER, decimals, rounded

DRIFT_UNITS = 2
DRIFT_SHARE = Decimal("0.05")
#: Within a millionth of the exact value a claim differs only by rounding carried
#: through many factors (nine-figure solutions drift a few units); no slip is that close.
DRIFT_RELATIVE = Decimal("1e-6")

@dataclass
class Match:
    """Which network (and notation) a section of the document was compared with."""

    first_line: int
    last_line: int
    network: str | None
    matched: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    #: names not in the network's notation whose value is one of its quantities
    #: (``out_y2 ≈ o2``): matched by value, reported, never judged
    by_value: list[str] = field(default_factory=list)


def check(result: Result, document, solutions: Sequence[Mapping[str, Any]] | Mapping) -> None:
    """Add the model's judgement to ``result`` (in place), section by section.

    Args:
        result: the arithmetic check's result; its named findings and givens are judged.
        document: the document as read (its headings cut it into sections).
        solutions: one or more solutions' JSON answers (``forward``, ``gradients``,
            ``updated``, ``after``…), as :func:`derive.api.solve` gives them; the
            same network solved in several notations is several solutions.

    Each section is compared with the solution whose names and values fit it
    best, and only when one fits (some named value agrees and no fewer agree than disagree):
    a section about another example is left alone rather than compared with the
    wrong network. ``result.matches`` says which quantities were matched where.
    """
    if isinstance(solutions, Mapping):
        solutions = [solutions]
    readings = [(_label(data), answers.table(data), answers.loss_names(data), data)
                for data in solutions]
    named = [(f.name, Decimal(f.claimed), f.start, f.end, f.line, f.math)
             for f in result.findings if f.name is not None and not f.operand]
    named += [(g.name, g.value, g.start, g.end, g.line, g.math) for g in result.givens]
    unique = {item[2]: item for item in named}  # a restatement is a finding and a given
    named = sorted(unique.values(), key=lambda item: item[2])
    by_offset = {f.start: f for f in result.findings if not f.operand}
    previous = None
    for first, last, items in _sections(document, named):
        scores = [_fit(items, table, losses, result.habit)
                  for _, table, losses, _ in readings]
        best = max(range(len(readings)), key=lambda i: (scores[i][1], scores[i][0]),
                   default=None)
        if best is not None and scores[best][2] == 0 and previous is not None:
            best = previous  # nothing named here: the example goes on
        elif best is None or not _fits(scores[best]):
            best = None
        previous = best if best is not None else previous
        label, table, losses, data = readings[best] if best is not None else (None,) * 4
        if result.matches and result.matches[-1].network == label:
            match = result.matches[-1]  # the same network goes on: one match
            match.last_line = last
        else:
            match = Match(first, last, label)
            result.matches.append(match)
        for item in items:
            if best is None:
                match.unmatched.append(str(item[0]))
            else:
                _apply(result, item, (table, losses, data), by_offset, match)
    result.findings.sort(key=lambda f: f.start)


#: A heading starts a section: Markdown ``#``, LaTeX ``\section``, a bold example title.
_HEADING = re.compile(r"^(?:#{1,6} |\\(?:sub)*section\*?\{|\*\*[^*\n]*example)",
                      re.MULTILINE | re.IGNORECASE)


def _sections(document, named: list) -> list[tuple[int, int, list]]:
    """The named values grouped by section, with each section's first and last line."""
    starts = [0] + [m.start() for m in _HEADING.finditer(document.text) if m.start() > 0]
    bounds = starts + [len(document.text)]
    groups: list[list] = [[] for _ in starts]
    index = 0
    for item in named:
        while index + 1 < len(starts) and item[2] >= bounds[index + 1]:
            index += 1
        groups[index].append(item)
    return [(document.line(bounds[i]), document.line(max(bounds[i + 1] - 1, 0)), group)
            for i, group in enumerate(groups) if group]


def _fit(items: list, table, losses, habit: str) -> tuple[int, int, int]:
    """(agreeing − disagreeing, agreeing, compared) named values of a section."""
    agree = disagree = 0
    for name, value, *_ in items:
        key = answers.key(name, losses)
        if key not in table:
            continue
        verdict = _judge(value, table[key], habit)
        if verdict is None:
            continue
        if verdict[0] == "error":
            disagree += 1
        else:
            agree += 1
    return agree - disagree, agree, agree + disagree


def _fits(score: tuple[int, int, int]) -> bool:
    """Some named value agrees, and at least a third of those compared.

    A slip early in a worked example makes every later value disagree, so a fair
    share, not a majority, is asked for; another example's values (other inputs,
    other weights) agree with almost nothing.
    """
    _, agree, compared = score
    return agree >= 1 and 3 * agree >= compared


def _apply(result: Result, item, reading, by_offset: dict, match: Match) -> None:
    """Judge one named value against the chosen solution."""
    name, value, start, end, line, math = item
    table, losses, data = reading
    key = answers.key(name, losses)
    if key not in table:
        match.unmatched.append(str(name))
        alike = _alike(value, table, result.habit)
        if alike:
            match.by_value.append(f"{name} ≈ {alike}")
        return
    match.matched.append(str(name))
    verdict = _judge(value, table[key], result.habit)
    if verdict is None:  # another quantity under an input's or a target's name
        match.matched.pop()
        match.unmatched.append(str(name))
        return
    status, expected, reason = verdict
    if status == "error":
        reason += _cause(value, key, data) or ""
        status = "model"
    finding = by_offset.get(start)
    if finding is None:
        finding = Finding(line, status, plain(value, False), expected, str(name),
                          f"model: {reason}", start, end, name, math)
        result.findings.append(finding)
        by_offset[start] = finding
        return
    if status == "model" and finding.follows:
        # the network's value differs because of a slip already reported above
        finding.reason += f"; model: {reason}, which follows from an earlier slip"
        return
    if finding.status in ("ok", "rounding", "unchecked") and \
            STATUS_ORDER[status] > STATUS_ORDER.get(finding.status, 0):
        finding.status, finding.expected = status, expected
    finding.reason += f"; model: {reason}"


#: A value is matched by value only when it shows this many significant digits:
#: shorter ones (0.5, 0.01) equal too many quantities by chance.
BY_VALUE_DIGITS = 3


def _alike(value: Decimal, table, habit: str) -> str | None:
    """The one network quantity (not an input or target) that ``value`` rounds, if one."""
    if len(value.normalize().as_tuple().digits) < BY_VALUE_DIGITS:
        return None
    found = {key for key, candidates in table.items()
             for c in candidates if not c.data and _one(value, c, habit)[0] == "ok"}
    keys = {key for key in found if not key.startswith(("updated ", "delta "))} or found
    return next(iter(keys)) if len(keys) == 1 else None


def _label(data: Mapping[str, Any]) -> str:
    spec = data.get("spec") or {}
    notation = spec.get("notation")
    if isinstance(notation, Mapping):
        notation = notation.get("preset", "custom")
    return f"{spec.get('title') or 'network'} ({notation or 'flat-by-source'})"


def _judge(claim: Decimal, candidates: list[answers.Candidate],
           habit: str) -> tuple[str, str, str] | None:
    """The best verdict over a name's candidates; None when only inputs or targets disagree."""
    best = None
    for candidate in candidates:
        verdict = _one(claim, candidate, habit)
        if candidate.data and verdict[0] == "error":
            continue
        if best is None or STATUS_ORDER[verdict[0]] < STATUS_ORDER[best[0]]:
            best = verdict
    return best


def _one(claim: Decimal, candidate: answers.Candidate, habit: str) -> tuple[str, str, str]:
    places = decimals(claim)
    exact = candidate.exact
    expected = plain(rounded(exact, places), strip_zeros=False)
    where = f"the {candidate.what} is {_short(exact)}"
    half_up = claim in (rounded(exact, places), rounded(exact, places, "half-even"))
    truncated = claim == rounded(exact, places, "truncate")
    if half_up or (truncated and habit == "truncate"):
        return "ok", expected, where
    unit = Decimal(1).scaleb(-places)
    drift = abs(claim - exact)
    change = abs(exact - candidate.base) if candidate.base is not None else None
    if truncated:
        return "rounding", expected, f"{where}, truncated to {plain(claim, False)} " \
                                     f"(half-up gives {expected})"
    if drift <= DRIFT_UNITS * unit or (change and drift <= DRIFT_SHARE * change) \
            or drift <= DRIFT_RELATIVE * abs(exact):
        return "rounding", expected, f"{where}; {plain(claim, False)} is off in the last digits"
    return "error", expected, f"{where}, not {plain(claim, False)}"


def _short(value: Decimal) -> str:
    return plain(rounded(value, max(0, 5 - value.adjusted())))


def _cause(claim: Decimal, key: str, data: Mapping[str, Any]) -> str | None:
    """Name a slip that reproduces the claim: another loss's derivative, another input,
    the other sign, no rate."""
    kind, _, param = key.rpartition(" ")
    gradients = data.get("gradients") or {}
    names = {answers.canonical(n): n for n in gradients}
    rate = (data.get("spec") or {}).get("learning_rate")
    if kind in ("gradient", "delta"):
        exact = _exact_of(key, data)
        if exact and any(abs(claim - exact * factor) <= Decimal(1).scaleb(-decimals(claim))
                         for factor in (2, Decimal("0.5"))):
            return ("; likely cause: the derivative of another loss (a factor 2, "
                    "as between ½(ŷ − y)² and (ŷ − y)²)")
    if param not in names or not isinstance(rate, (int, float)):
        return None
    gradient = to_decimal(float(gradients[names[param]]))
    initial = answers.initial_weights(data).get(param)
    forward = {n: to_decimal(float(v)) for n, v in (data.get("forward") or {}).items()
               if isinstance(v, (int, float)) and v}
    places = decimals(claim)

    def result(g: Decimal) -> Decimal:
        if kind == "gradient" or initial is None:
            return g
        return to_decimal(initial) - to_decimal(rate) * g

    def fits(g: Decimal) -> bool:
        return abs(result(g) - claim) <= Decimal(1).scaleb(-places)

    for right, right_value in forward.items():
        if abs(right_value) < Decimal("1e-12"):
            continue
        for wrong, wrong_value in forward.items():
            if wrong != right and fits(gradient / right_value * wrong_value):
                if _feeds(right, gradient, data):
                    return f"; likely cause: used {wrong} where {right} belongs"
    if fits(-gradient):
        return "; likely cause: the gradient's sign is wrong (w + η·g)"
    if kind != "gradient" and initial is not None and \
            abs(to_decimal(initial) - gradient - claim) <= Decimal(1).scaleb(-places):
        return "; likely cause: the learning rate was left out"
    return None


def _exact_of(key: str, data: Mapping[str, Any]) -> Decimal | None:
    """The exact value of a gradient or delta key, or None."""
    values = answers.table(data).get(key) or []
    return values[0].exact if values else None


def _feeds(source: str, gradient: Decimal, data: Mapping[str, Any]) -> bool:
    """True when ``gradient`` divided by ``source`` is one of the network's deltas."""
    shown = data.get("examples") or [{}]
    deltas = (shown[0].get("shown") or {}).get("deltas") or {}
    value = (data.get("forward") or {}).get(source)
    if not deltas or not isinstance(value, (int, float)) or not value:
        return True
    ratio = gradient / to_decimal(float(value))
    return any(abs(ratio - Decimal(d)) <= abs(Decimal(d)) * Decimal("0.05") + Decimal("1e-4")
               for d in deltas.values())
