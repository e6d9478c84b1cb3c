"""Checking every claimed number of a document against what stands before it.

The document is walked in reading order. Each chain ``lhs = expr = … = number``
gives claims (its literal numbers); each claim is judged against the evaluable
expressions next to it (:mod:`derive.verify.judge`). A name on the left gets the
claimed value, so later lines can use it: ``z_1 = … = 0.47`` makes
``σ(z_1) = 0.615`` checkable.

Every quantity keeps two values: ``display`` (the number written) and
``exact`` (what its expression really gives, carried from exact operands). A
later line may honestly use either, so names, and literals that repeat an
earlier result (0.615 for h₁ = 0.61538…), stand for the range between them.
A claim judged ``error`` keeps only its written value: later lines are checked
against what the author carried, so one slip is reported once.
"""

from __future__ import annotations

from decimal import Decimal

import mpmath

from derive.rounding import to_decimal, to_mpf
from derive.verify import account, diagnose, links
from derive.verify import expression as X
from derive.verify import interval as I
from derive.verify.findings import Finding, Given, Result
from derive.verify.judge import STATUS_ORDER, Verdict, decimals, describe, judge, rounded, worst
from derive.verify.memory import CARRY_DIGITS, Memory, Value, small
from derive.verify.reader import Chain, Document
from derive.verify.tokens import Name

#: A wrong claim this close to its right value (relatively) is a slip of the pen in
#: its far digits; the value the author carried on may be either.
TYPO_SHARE = Decimal("1e-4")


def check(doc: Document, habit: str = "auto") -> Result:
    """Check every claim of ``doc``; ``habit`` is ``auto``, ``half-up`` or ``truncate``."""
    walker = _Walker(doc)
    for chain in doc.chains:
        walker.chain(chain)
    result = Result(walker.findings, walker.givens, used=walker.used)
    result.habit = _habit(doc.text, walker.findings) if habit == "auto" else habit
    for finding in result.findings:
        if finding.truncated and not finding.half_up:
            finding.status = "ok" if result.habit == "truncate" else "rounding"
            if finding.status == "rounding":
                finding.reason += "; truncated, but the rest of the document rounds half-up"
    account.add_unchecked(doc, result, walker.used, walker.why)
    return result


def _habit(text: str, findings: list[Finding]) -> str:
    """``truncate`` when the document says so or its claims mostly truncate."""
    lowered = text[:200000].lower()
    if "truncat" in lowered and "round" not in lowered.replace("truncat", ""):
        return "truncate"
    only_truncated = sum(1 for f in findings if f.truncated and not f.half_up)
    only_half_up = sum(1 for f in findings if f.half_up and not f.truncated)
    return "truncate" if only_truncated > max(only_half_up, 1) else "half-up"


class _Walker(Memory):
    def __init__(self, doc: Document):
        super().__init__()
        self.doc = doc
        self.findings: list[Finding] = []
        self.givens: list[Given] = []
        #: offsets of numbers used as operands of a judgement, and why others were not
        self.used: set[int] = set()
        self.why: dict[int, str] = {}
        #: names and repeated numbers whose values are wrong or follow from a wrong one
        self.wrong_names: set[str] = set()
        self.wrong_values: set[Decimal] = set()
        #: True once the chain being checked holds a wrong link or substitution
        self.slipped = False
        self.math = False

    # -- one chain ------------------------------------------------------------------------
    def chain(self, chain: Chain) -> None:
        """Check every link of ``chain``, each against its neighbour, left to right."""
        segments = [s for s in chain.segments if s.tokens]
        if len(segments) < 2:
            return
        trees = [_parse(segment) for segment in segments]
        literals = [_literal(tree) for tree in trees]
        for segment, tree, literal in zip(segments, trees, literals, strict=True):
            if literal is None:
                self.explain(segment, tree)
        lhs = trees[0].name if isinstance(trees[0], X.Ref) else None
        self.math = chain.math
        self.slipped = False
        if lhs is not None and len(trees) == 2 and literals[1] is not None:
            self.given(lhs, literals[1], segments[1])
            return
        first = 1 if lhs is not None else 0
        last_value = None
        run = first  # the segments from ``run`` on agree with one another
        for index in range(first + 1, len(trees)):
            if literals[index] is not None:
                nearby = self.neighbour(trees, index, first, literals)
                if nearby and nearby[0] == index - 1:
                    nearby = [i for i in range(index - 1, run - 1, -1)
                              if literals[i] is None and not _named(trees[i])
                              and self.evaluable(trees[i])] or nearby
                outcome = self.claim(trees, segments, index, nearby, lhs)
                if outcome is not None:
                    last_value = outcome
                run = index
            elif literals[index - 1] is None and index - 1 >= first:
                if not self.link(trees, segments, index - 1, index):
                    run = index
            else:
                run = index - 1
        if literals[first] is not None and first + 1 < len(trees) \
                and literals[first + 1] is None:
            # "0.47 = 0.5 × 0.7 + …": a result written before its working
            outcome = self.claim(trees, segments, first, [first + 1], lhs)
            last_value = last_value or outcome
        if lhs is not None and last_value is not None:
            self.values[lhs.key] = last_value
            self.history.setdefault(lhs.key, []).append(last_value)

    def explain(self, segment, tree) -> None:
        """Note why the numbers of an expression that cannot be evaluated are not checked."""
        if isinstance(tree, X.ParseError):
            reason = f"cannot read '{self.text(segment)}': {tree}"
        else:
            try:
                self.evaluate(tree, "shown")
                return
            except I.EvalError as error:
                reason = f"in '{self.text(segment)}', {error}"
            except (ArithmeticError, ValueError, RecursionError):
                reason = f"cannot evaluate '{self.text(segment)}'"
        for token in segment.tokens:
            if token.kind == "num":
                self.why.setdefault(token.start, reason)

    def use(self, *trees) -> None:
        """Mark the numbers of ``trees`` as operands of a judgement."""
        for tree in trees:
            try:
                self.used.update(token.start for token in X.numerals(tree))
            except RecursionError:
                continue

    def neighbour(self, trees, index: int, first: int, literals) -> list[int]:
        """The segment a claim is judged against: the nearest evaluable one on its left.

        Unreadable segments (``∂o/∂z`` with no value) are stepped over; with none on
        the left, the expressions right of the claim up to the next number are tried.
        """
        for i in range(index - 1, first - 1, -1):
            if self.evaluable(trees[i]):
                return [i]
            if literals[i] is not None:
                break
        after = []
        for i in range(index + 1, len(trees)):
            if literals[i] is not None:
                break
            after.append(i)
        return after[:1] or ([index - 1] if index - 1 >= first else [])

    def evaluable(self, tree) -> bool:
        if isinstance(tree, X.ParseError):
            return False
        try:
            self.evaluate(tree, "shown")
        except (I.EvalError, ArithmeticError, ValueError, RecursionError):
            return False
        return True

    def link(self, trees, segments, i: int, k: int) -> bool:
        """Two expressions side by side: a substitution, or arithmetic restated.

        Returns True when the two sides agree (a claim after them may follow either).
        """
        left, right = trees[i], trees[k]
        if isinstance(left, X.ParseError) or isinstance(right, X.ParseError):
            return False
        if X.names(left) and not X.names(right):
            found = links.pairs(left, right)
            if found is not None:
                return all([self.substituted(pair, segments[k]) for pair in found])
        try:
            honest = self.evaluate(left, "approx" if segments[k].relation == "≈" else "hull")
            shown = self.evaluate(right, "widened")
        except (I.EvalError, ArithmeticError, ValueError, RecursionError):
            return False
        self.use(left, right)
        if links.agree(honest, shown):
            return True
        if X.names(right):
            # two symbolic sides (σ'(z₃) = o(1 − o)) disagree only through values
            # already judged on their own lines: nothing here to blame
            return False
        target = self.evaluate(left, "exact").lo
        culprit = links.blame(right, target, self.replaced)
        if culprit is None:
            return False
        token, expected = culprit
        status = "substitution" if X.names(left) else "error"
        text = self.text(segments[k])
        reason = (f"{self.text(segments[i])} = {describe(honest)}, but {text} = "
                  f"{describe(self.evaluate(right, 'shown'))}; {expected} in place of "
                  f"{_claim_text(token.value)} would make them agree")
        self.findings.append(Finding(self.doc.line(token.start), status, _claim_text(token.value),
                                     expected, text, reason, token.start, token.end,
                                     math=self.math))
        self.slipped = True
        return False

    def substituted(self, pair, segment) -> bool:
        """A number written in place of a name: it must be that name's value."""
        known = self.values.get(pair.name.key)
        if known is None:
            return True
        self.used.add(pair.token.start)
        hull = I.Interval.hull(to_mpf(known.display), known.exact)
        verdict = judge(pair.value, hull, I.Interval.point(to_mpf(known.display)))
        if verdict.status != "error":
            if pair.value == known.display or pair.value == -known.display:
                # the number is that name: it carries the name's values, no others
                self.bound[pair.token.start] = known
            return True
        token = pair.token
        shown = _claim_text(known.display)
        reason = (f"{_claim_text(pair.value)} is written for {pair.name}, which line "
                  f"{known.line} shows as {shown}")
        self.findings.append(Finding(self.doc.line(token.start), "substitution",
                                     _claim_text(pair.value), shown, self.text(segment),
                                     reason, token.start, token.end, math=self.math,
                                     other_line=known.line))
        self.slipped = True
        return False

    def replaced(self, tree, replace: dict) -> mpmath.mpf:
        """The value of ``tree`` as shown, with some literals (by offset) changed."""
        def leaf(node):
            if isinstance(node, X.Num) and node.token.start in replace:
                return I.Interval.point(replace[node.token.start])
            return self.leaf(node, "shown")
        return I.evaluate(tree, leaf).lo

    def claim(self, trees, segments, index: int, nearby: list[int], lhs: Name | None):
        """Judge one claimed number; returns the Value it gives its chain's name."""
        claim = _literal(trees[index])
        token = _literal_token(trees[index])
        line = self.doc.line(token.start)
        readings, problems = [], []
        for i in nearby:
            tree = trees[i]
            if isinstance(tree, X.ParseError):
                problems.append(f"cannot read '{self.text(segments[i])}': {tree}")
                continue
            try:
                hull, shown, exact = (self.evaluate(tree, "hull"), self.evaluate(tree, "shown"),
                                      self.evaluate(tree, "exact"))
                verdict = judge(claim, hull, shown)
            except I.EvalError as error:
                problems.append(str(error))
                continue
            except (ArithmeticError, ValueError, RecursionError):
                # beyond any worked example: 10^100000, e^(10^8), a 400-deep bracket
                problems.append(f"cannot evaluate '{self.text(segments[i])}'")
                continue
            readings.append((verdict, i, hull, exact))
            self.use(tree)
        claimed = _claim_text(claim)
        finding = Finding(line, "unchecked", claimed, "", "", "", token.start, token.end, lhs,
                          self.math)
        if not readings:
            if not nearby:
                return None
            finding.expression = self.text(segments[nearby[0]])
            finding.reason = problems[0] if problems else "nothing to check it against"
            self.findings.append(finding)
            return Value(claim, to_mpf(claim), line)
        if segments[index].relation == "≈" and worst(v.status for v, *_ in readings) == "error":
            readings = self.approximately(trees, nearby, claim) or readings
        # every reading comes from a run of segments that agree with one another, so the
        # claim stands if it follows from any of them (1/1.68566 shown for 1/(1+0.68566))
        status = min((v.status for v, *_ in readings), key=STATUS_ORDER.__getitem__)
        verdict, i, hull, exact = next(item for item in readings if item[0].status == status)
        finding.status = status
        finding.expected = verdict.expected
        finding.expression = self.text(segments[i])
        finding.truncated = all(v.truncated for v, *_ in readings)
        finding.half_up = all(v.half_up for v, *_ in readings)
        finding.reason = self.reason(verdict, claim, finding.expression, hull)
        finding.follows = self.tainted(trees[i]) or self.slipped
        if finding.follows or status == "error":
            self.taint(lhs, claim)
        self.findings.append(finding)
        self.remember(claim, exact.lo if status != "error" else None)
        if status == "error":
            if abs(to_mpf(claim) - exact.lo) <= TYPO_SHARE * abs(exact.lo):
                # a slip in the far digits of a long number (0.0821671041 for
                # 0.0821670406) is a slip of the pen: later lines may carry either value
                self.typos[claim] = exact.lo
                return Value(claim, exact.lo, line)
            return Value(claim, to_mpf(claim), line)
        return Value(claim, exact.lo, line, derived=True)

    def tainted(self, tree) -> bool:
        """True when ``tree`` uses a name or a repeated number already found wrong."""
        try:
            return any(n.key in self.wrong_names for n in X.names(tree)) or any(
                t.value in self.wrong_values for t in X.numerals(tree))
        except RecursionError:
            return False

    def taint(self, name: Name | None, value: Decimal) -> None:
        """Remember a wrong (or wrongly derived) value, to tell its consequences later."""
        if name is not None:
            self.wrong_names.add(name.key)
        if len(value.normalize().as_tuple().digits) >= CARRY_DIGITS:
            self.wrong_values.add(value)

    def approximately(self, trees, nearby: list[int], claim: Decimal) -> list:
        """Readings of a claim written after ≈: the author carried unrounded values, so
        a number shown may stand for any earlier result it rounds, even a short one
        (0.5 for o₁ = 0.49975), which plain lines do not assume."""
        readings = []
        for i in nearby:
            if isinstance(trees[i], X.ParseError):
                continue
            try:
                hull = self.evaluate(trees[i], "approx")
                exact = self.evaluate(trees[i], "exact")
            except (I.EvalError, ArithmeticError, ValueError, RecursionError):
                continue
            verdict = judge(claim, hull, hull)
            if verdict.status == "error":
                return []  # ≈ excuses carried rounding, not a reading that disagrees
            readings.append((verdict, i, hull, exact))
        return readings

    def reason(self, verdict: Verdict, claim: Decimal, expression: str, hull) -> str:
        value = describe(hull)
        if verdict.status == "ok":
            return f"{expression} = {value}"
        if verdict.status == "rounding":
            if verdict.truncated:
                return f"{expression} = {value}, which rounds to {verdict.expected}"
            return (f"{expression} = {value}, which rounds to {verdict.expected}; "
                    f"{_claim_text(claim)} is off in the last digit")
        exactly = " exactly" if verdict.exact_needed else ""
        text = f"{expression} = {value}{exactly}, not {_claim_text(claim)}"
        cause = diagnose.cause(claim, Decimal(verdict.expected), self.values)
        return f"{text} ({cause})" if cause else text

    # -- values ---------------------------------------------------------------------------
    def given(self, name: Name, value: Decimal, segment) -> None:
        """``name = number``: a value stated, not derived; it is not judged here."""
        token = segment.tokens[0]
        line = self.doc.line(token.start)
        self.givens.append(Given(name, value, line, segment.start, segment.end, self.math))
        known = self.values.get(name.key)
        exact = to_mpf(value)
        if known is not None and small(known.exact) and \
                rounded(to_decimal(known.exact), decimals(value)) == value:
            exact = known.exact  # a restatement keeps the unrounded value it came from
        elif known is not None and known.derived:
            self.restated(name, value, known, segment)
        self.values[name.key] = Value(value, exact, line)
        self.history.setdefault(name.key, []).append(self.values[name.key])
        self.remember(value, exact)

    def restated(self, name: Name, value: Decimal, known: Value, segment) -> None:
        """``a_1 ≈ 0.61`` after ``a_1 = 0.5933``: a result restated must keep its value.

        Only results worked out in the document are held to this: a stated input
        may change between examples. The finding names both lines, since either
        may hold the slip. A value the name had earlier is no slip: authors reuse a
        name after an update (``E`` before and after).
        """
        for earlier in self.history.get(name.key, [known]):
            hull = I.Interval.hull(to_mpf(earlier.display), earlier.exact)
            verdict = judge(value, hull, I.Interval.point(to_mpf(earlier.display)))
            if verdict.status != "error":
                return  # the value it had before (the loss before the update)
        token = segment.tokens[-1]
        shown = _claim_text(known.display)
        reason = (f"{name} is restated as {_claim_text(value)}, but line {known.line} "
                  f"works it out as {shown}; one of the two lines is wrong")
        self.findings.append(Finding(self.doc.line(token.start), "error", _claim_text(value),
                                     verdict.expected, str(name), reason, token.start,
                                     token.end, name, self.math, other_line=known.line))
        self.taint(name, value)

    def text(self, segment) -> str:
        return self.doc.source(segment.start, segment.end)


def _parse(segment):
    """A segment's tree, or the ParseError that says why it cannot be read."""
    try:
        return X.parse(segment.tokens)
    except X.ParseError as error:
        return error
    except RecursionError:
        return X.ParseError("too deeply nested")


def _named(tree) -> bool:
    return not isinstance(tree, X.ParseError) and bool(X.names(tree))


def _literal(tree) -> Decimal | None:
    """The number a segment is, when it is just a (signed) number."""
    if isinstance(tree, X.Num):
        return tree.token.value
    if isinstance(tree, X.Neg) and isinstance(tree.arg, X.Num):
        return -tree.arg.token.value
    return None


def _literal_token(tree):
    return tree.token if isinstance(tree, X.Num) else tree.arg.token


def _claim_text(claim: Decimal) -> str:
    return format(claim, "f")
