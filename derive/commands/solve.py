"""Solve a network spec and write its worked solution: Beamer slides, a handout,
Markdown and JSON, optionally compiled to PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from derive.render import format_list

NAME = "solve"
HELP = "write the worked solution of a network spec (slides, handout, markdown, json, PDF)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``derive solve``."""
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("spec", nargs="?", help="spec file (YAML or JSON)")
    source.add_argument("--example", metavar="NAME",
                        help="a built-in example (see derive examples)")
    parser.add_argument("--format", default="slides,handout,markdown,json",
                        help=f"comma-separated formats: {format_list()} (default: all)")
    parser.add_argument("--pdf", action="store_true",
                        help="compile slides and handout to PDF (an error if no TeX engine)")
    parser.add_argument("--no-pdf", action="store_true", help="never compile PDFs")
    parser.add_argument("-o", "--output", default="output", metavar="DIR",
                        help="output folder (default: output); '-' prints one format to stdout")
    parser.add_argument("--name", help="file name stem (default: the spec's or example's name)")
    parser.add_argument("--carry", metavar="MODE",
                        help="override the spec's rounding.carry: exact or displayed")
    parser.add_argument("--templates", metavar="DIR",
                        help="a folder of your own templates (e.g. latex/slides.tex.j2), "
                        "used before the bundled ones")


def run(args: argparse.Namespace) -> int:
    """Run ``derive solve``."""
    from derive import api, limits, pdf, render
    from derive.errors import DeriveError
    from derive.output import check_stem

    formats = render.formats_named(args.format)
    problem = api.load_spec(args.spec, example=args.example)
    wants_latex = any(render.FORMATS[f].latex for f in formats)
    if wants_latex:
        # Before solving: a network too large to read should not cost its solution first.
        limits.check_readable(problem, "slides and handouts")
    result = api.solve(problem, templates=args.templates,
                       rounding={"carry": args.carry} if args.carry else None)
    if args.output == "-":
        if len(formats) != 1:
            raise DeriveError("-o -: choose exactly one --format to print to standard output")
        if args.pdf:
            raise DeriveError("-o -: cannot print a PDF; give an output folder")
        sys.stdout.write(result.render(formats[0]))
        return 0
    stem = args.name if args.name is not None else args.example or Path(args.spec).stem
    check_stem(stem, "--name" if args.name is not None else "the spec's file name (give --name)")
    engine = pdf.engine_available()
    written = result.write(args.output, formats, stem,
                           pdf=wants_latex and engine and not args.no_pdf)
    for path in written:
        print(path)
    if wants_latex and not engine and not args.no_pdf:
        message = f".tex written but no PDF: no TeX engine found; {pdf.INSTALL_HINT}"
        if args.pdf:
            raise DeriveError(f"--pdf: {message}")
        print(f"note: {message}", file=sys.stderr)
    return 0
