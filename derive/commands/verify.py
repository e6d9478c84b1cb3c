"""Find the wrong numbers in a worked example (lecture slides, a textbook, notes).

Reads a worked solution as its author wrote it (Markdown with $…$ maths, LaTeX,
or plain text with Unicode maths) and reports every claimed number that does
not follow from what stands before it, allowing for rounding. Each claim is
ok, rounding (off only in its last digit, or rounded unlike the rest of the
document), error, or unchecked (it cannot be recomputed). With --network the
named quantities are also checked against the network's exact solution.
Exit code 0 when no claim is an error, 1 when some are, 2 for unusable input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

NAME = "verify"
HELP = "find the wrong numbers in a worked example (Markdown, LaTeX or text)"

#: Inputs larger than this are not worked examples (a 300-page text is about 1 MB).
MAX_BYTES = 2 * 2**20
#: Longest run of digits in a document.
MAX_DIGITS = 100


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``derive verify``."""
    parser.add_argument("file", metavar="FILE", help="the document to check; - for standard input")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("--network", metavar="SPEC", action="append",
                        help="a network spec: also check named values against its solution, "
                             "in any notation; repeat for a document with several networks")
    parser.add_argument("--annotate", metavar="OUT",
                        help="write a copy with the wrong numbers marked (.tex, .md, .html, .txt)")
    parser.add_argument("--rounding", choices=("auto", "half-up", "truncate"), default="auto",
                        help="the author's rounding habit (default: read it from the document)")
    parser.add_argument("--all", action="store_true", help="also list the claims that are ok")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour the report (default: on a terminal)")


def run(args: argparse.Namespace) -> int:
    """Check the document; 0 when no claim is an error, 1 when some are."""
    from derive.verify import report, verify

    source, text = _read(args.file)
    solution = [data for spec in args.network for data in _solutions(spec)] \
        if args.network else None
    verification = verify(text, habit=args.rounding, solution=solution)
    if args.annotate:
        from derive.output import write_atomic

        write_atomic(args.annotate, report.annotate(verification, Path(args.annotate).suffix))
    if args.json:
        sys.stdout.write(json.dumps(report.json_data(verification), ensure_ascii=False,
                                    indent=2) + "\n")
    else:
        colour = args.color == "always" or (
            args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
        sys.stdout.write(report.text(verification, source, colour, args.all))
    return 1 if verification.errors else 0


def _read(name: str) -> tuple[str, str]:
    import re

    from derive.errors import VerifyError, quoted
    from derive.reading import read_bytes

    data = read_bytes(name, "document", MAX_BYTES, VerifyError)
    source = "<stdin>" if name == "-" else name
    if b"\0" in data:
        raise VerifyError(f"{quoted(source)} is a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # old LaTeX sources; every byte is a character
    # Control characters carry no maths, and escape sequences must not reach the terminal
    # through the report's quotes of the document.
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", " ", text)
    if not text.strip():
        raise VerifyError(f"{quoted(source)} is empty")
    huge = re.search(rf"\d{{{MAX_DIGITS + 1},}}", text)
    if huge:
        line = text.count("\n", 0, huge.start()) + 1
        raise VerifyError(f"{quoted(source)}, line {line}: a number with more than "
                          f"{MAX_DIGITS} digits is no worked example")
    return source, text


def _solutions(spec_path: str) -> list[dict]:
    """The network's solution in its own notation and in each preset (w1.., net/out, W^(l))."""
    from derive import api, notation

    spec = api.load_spec(spec_path)
    own = spec.notation
    variants = [spec] + [spec.__class__(**{**spec.__dict__, "notation": preset})
                         for preset in notation.PRESETS.values() if preset != own]
    solutions = []
    for variant in variants:
        data = api.solve(variant).data
        # the label of each reading names the notation it was solved in
        solutions.append({**data, "spec": {**data.get("spec", {}),
                                           "notation": variant.notation.preset}})
    return solutions
