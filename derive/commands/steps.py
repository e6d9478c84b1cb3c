"""Differentiate an expression step by step, one named rule at a time.

Every step is checked against SymPy. Expressions are in SymPy syntax
(``x**3 - 3*x**2 + 2*x + 1``, ``2x``, ``x^2`` also work) or LaTeX
(``\\frac{1}{1+e^{-z}}``); sigmoid, relu, max and tanh are known. Named
intermediates go before the function, separated by ``;`` or as separate
arguments: ``derive steps "y = 2*x + 3; z = y**2" --wrt x``.
"""

from __future__ import annotations

import argparse
import sys

from derive.render import format_list

NAME = "steps"
HELP = "derive a derivative rule by rule (markdown, latex, json, PDF)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``derive steps``."""
    parser.add_argument("expression", nargs="+", metavar="EXPR",
                        help="the function, e.g. \"x**2 + y**3\"; definitions as \"y = 2*x+3\"")
    parser.add_argument("--wrt", action="append", default=[], metavar="VAR",
                        help="variable(s) to differentiate by, e.g. x or x,y (default: all)")
    parser.add_argument("--at", action="append", default=[], metavar="VAR=VALUE",
                        help="evaluate the derivatives at a point (repeat for each variable)")
    parser.add_argument("--dx", default="0.1", metavar="STEP",
                        help="step of the linear approximation at the point (default 0.1)")
    parser.add_argument("--detail", choices=("full", "brief"), default="full",
                        help="full: derive sigmoid, tanh and ReLU from their definitions; "
                             "brief: quote their derivatives (default full)")
    parser.add_argument("--format", default="markdown",
                        help=f"comma-separated: {format_list()} (default markdown)")
    parser.add_argument("--pdf", action="store_true", help="also compile the LaTeX to PDF")
    parser.add_argument("-o", "--output", default=None, metavar="DIR",
                        help="output folder; '-' prints one format to standard output "
                             "(default: '-', or 'output' with --pdf)")
    parser.add_argument("--name", default="steps", help="file name stem (default: steps)")


def run(args: argparse.Namespace) -> int:
    """Run ``derive steps``."""
    from derive import pdf, render
    from derive.errors import DeriveError
    from derive.output import check_stem, publish
    from derive.steps import exercise
    from derive.steps.check import StepCheckError
    from derive.worked import calculus

    formats = _formats(args.format, args.pdf)
    output = args.output or ("output" if args.pdf else "-")
    check_stem(args.name)
    task = exercise.Exercise.from_text(args.expression, args.wrt, args.at, args.dx, args.detail)
    try:
        doc = calculus.document(exercise.solve(task))
    except StepCheckError as error:
        # A step SymPy does not confirm is never printed; the user gets one honest line.
        raise DeriveError(f"derive could not confirm one of its own steps ({error.rule}), so "
                          "it prints none; this is a bug in derive: please report the "
                          "expression") from None
    texts = {fmt: render.render(doc, fmt) for fmt in formats}
    if output == "-":
        if len(formats) != 1 or args.pdf:
            raise DeriveError("-o -: choose exactly one --format and no --pdf to print to "
                              "standard output")
        sys.stdout.write(texts[formats[0]])
        return 0
    names = render.files(formats, args.name)
    latex = [names[fmt] for fmt in formats if render.FORMATS[fmt].latex] if args.pdf else []
    for path in publish(output, {names[fmt]: texts[fmt] for fmt in formats}, pdf.compile_tex,
                        latex):
        print(path)
    return 0


def _formats(text: str, want_pdf: bool) -> list[str]:
    from derive import render

    names = render.formats_named(text)
    if want_pdf and not any(render.FORMATS[n].latex for n in names):
        names.append("handout")  # a PDF is made from the LaTeX
    return names
