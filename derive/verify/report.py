"""Reporting findings: for people (text), for programs (JSON), and in the document.

``text`` lists every claim that is not ``ok`` as ``file:line: status: …`` and
ends with a summary; ``json_data`` is the ``--json`` contract (one finding per
checked or uncheckable claim); ``annotate`` returns a copy of the input with the
doubtful numbers marked, as LaTeX/Markdown, HTML or plain text.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import Any

from derive.verify import Verification, account

STATUSES = ("ok", "rounding", "error", "substitution", "model", "unchecked")

#: ANSI colour per status for a terminal.
COLOURS = {"error": "\033[31;1m", "rounding": "\033[33m", "unchecked": "\033[2m",
           "ok": "\033[32m", "substitution": "\033[35;1m", "model": "\033[36;1m"}
_RESET = "\033[0m"

#: How a marked number looks in each annotated format: (inside maths, outside maths).
MARKS = {
    "latex": (r"\textcolor{{{colour}}}{{\boxed{{{number}}}}}", "[{number} ⟨{status}⟩]"),
    "plain": ("{number} ⟨{status}: {expected}⟩", "{number} ⟨{status}: {expected}⟩"),
}
_TEX_COLOURS = {"error": "red", "rounding": "orange", "unchecked": "gray",
                "substitution": "magenta", "model": "blue"}
#: Line comments that carry the explanation in an annotated copy.
COMMENTS = {".tex": "% verify: {text}", ".md": "<!-- verify: {text} -->"}


def summary(verification: Verification) -> dict[str, Any]:
    """Counts per status (over claims), numbers read, checked, given and skipped, style, habit.

    ``numbers == checked + given + skipped``; every skipped number is an
    ``unchecked`` finding (:mod:`derive.verify.account`).
    """
    claims = verification.findings
    counts = Counter(f.status for f in claims)
    numbers = account.counts(verification.document, verification.result,
                             verification.result.used)
    out = {"claims": len(claims), **numbers,
           **{status: counts.get(status, 0) for status in STATUSES},
           "style": verification.document.style,
           "rounding_habit": verification.result.habit}
    if verification.result.matches:
        out["networks"] = [{"lines": [m.first_line, m.last_line], "network": m.network,
                         "matched": sorted(set(m.matched)), "unmatched": sorted(set(m.unmatched)),
                         "by_value": sorted(set(m.by_value))}
                        for m in verification.result.matches]
    return out


def json_data(verification: Verification) -> dict[str, Any]:
    """The ``--json`` output: findings in reading order and a summary."""
    findings = [{"line": f.line, "status": f.status, "claimed": f.claimed,
                 "expected": f.expected, "expression": f.expression, "reason": f.reason,
                 "other_line": f.other_line, "operand": f.operand}
                for f in verification.every_number]
    return {"findings": findings, "summary": summary(verification)}


def text(verification: Verification, source: str, colour: bool = False,
         show_ok: bool = False) -> str:
    """The report for people: one line per doubtful claim, then a summary line."""
    out = []
    for f in verification.every_number:
        if (f.status == "ok" or f.operand) and not show_ok:
            continue
        status = f"{COLOURS[f.status]}{f.status}{_RESET}" if colour else f.status
        should = f", expected {f.expected}" if f.expected and f.status != "ok" else ""
        out.append(f"{source}:{f.line}: {status}: claimed {f.claimed}{should} — {f.reason}")
    counts = summary(verification)
    for match in counts.get("networks", []):
        where = f"{source}:{match['lines'][0]}-{match['lines'][1]}"
        if match["network"] is None:
            out.append(f"{where}: model: no network fits this section "
                       f"({', '.join(match['unmatched'])} not compared)")
            continue
        others = f"; not in the network: {', '.join(match['unmatched'])}" \
            if match["unmatched"] else ""
        if match["by_value"]:
            others += f"; by value: {', '.join(match['by_value'])}"
        out.append(f"{where}: model: compared with {match['network']}: "
                   f"{', '.join(match['matched'])}{others}")
    parts = [f"{counts[s]} {s}" for s in STATUSES if counts[s]]
    noun = "claim" if counts["claims"] == 1 else "claims"
    out.append(f"{source}: {counts['claims']} {noun} checked"
               + (f": {', '.join(parts)}" if parts else "")
               + f"; {counts['numbers']} numbers read: {counts['checked']} checked, "
               f"{counts['given']} given, {counts['skipped']} skipped"
               + f" (style {counts['style']}, rounding {counts['rounding_habit']})")
    return "\n".join(out) + "\n"


def annotate(verification: Verification, suffix: str) -> str:
    """A copy of the input with every non-``ok`` number marked; ``suffix`` picks the format.

    ``.html`` gives a standalone page; ``.tex`` and ``.md`` mark numbers with
    ``\\textcolor`` and explain them in line comments; anything else is plain text.
    """
    document = verification.document
    marked = [f for f in verification.findings if f.status != "ok" and not f.operand]
    if suffix == ".html":
        return _html(document.text, marked)
    style = "latex" if suffix in COMMENTS else "plain"
    pieces, position = [], 0
    for f in sorted(marked, key=lambda f: f.start):
        if f.start < position:
            continue
        inside, outside = MARKS[style]
        pattern = inside if f.math else outside
        pieces.append(document.text[position:f.start])
        pieces.append(pattern.format(number=document.text[f.start:f.end], status=f.status,
                                     expected=f.expected or "?",
                                     colour=_TEX_COLOURS.get(f.status, "red")))
        position = f.end
    pieces.append(document.text[position:])
    lines = "".join(pieces).split("\n")
    if suffix in COMMENTS:
        notes: dict[int, list[str]] = {}
        for f in marked:
            notes.setdefault(f.line, []).append(f"{f.status}: {f.claimed} — {f.reason}")
        for line, texts in notes.items():
            if 0 < line <= len(lines):
                comment = COMMENTS[suffix].format(text=" | ".join(texts).replace("--", "—"))
                lines[line - 1] += "  " + comment
    if suffix == ".tex":
        return _tex_document("\n".join(lines))
    return "\n".join(lines)


#: What a marked LaTeX copy needs: \textcolor and \boxed.
_TEX_PACKAGES = ("xcolor", "amsmath")


def _tex_document(text: str) -> str:
    """A LaTeX copy that compiles: the packages the marks need, in a document if none."""
    match = re.search(r"\\documentclass(\[[^\]]*\])?\{[^}]*\}", text)
    if match is None:
        return ("\\documentclass{article}\n\\usepackage{amsmath,xcolor}\n"
                "\\begin{document}\n" + text + "\n\\end{document}\n")
    missing = [name for name in _TEX_PACKAGES
               if not re.search(r"\\usepackage(\[[^\]]*\])?\{[^}]*\b" + name + r"\b", text)]
    if not missing:
        return text
    use = "".join(f"\n\\usepackage{{{name}}}" for name in missing)
    return text[:match.end()] + use + text[match.end():]


def _html(source: str, marked) -> str:
    pieces, position = [], 0
    for f in sorted(marked, key=lambda f: f.start):
        if f.start < position:
            continue
        pieces.append(html.escape(source[position:f.start]))
        title = html.escape(f"{f.status}: expected {f.expected} — {f.reason}", quote=True)
        pieces.append(f'<mark class="{f.status}" title="{title}">'
                      f"{html.escape(source[f.start:f.end])}</mark>")
        position = f.end
    pieces.append(html.escape(source[position:]))
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>derive verify</title>"
            "<style>mark.error{background:#f99}mark.rounding{background:#fd8}"
            "mark.unchecked{background:#ddd}mark.substitution{background:#f9f}"
            "mark.model{background:#9cf}</style></head>\n<body><pre>"
            + "".join(pieces) + "</pre></body></html>\n")
