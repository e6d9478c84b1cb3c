"""List the built-in example specs, or print one (to copy and adapt)."""

from __future__ import annotations

import argparse

NAME = "examples"
HELP = "list the built-in examples, or show one: derive examples NAME"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``derive examples``."""
    parser.add_argument("name", nargs="?", help="print this example's spec")


def run(args: argparse.Namespace) -> int:
    """Run ``derive examples``."""
    from derive import examples

    if args.name:
        print(examples.text(args.name), end="")
        return 0
    for name in examples.names():
        first = examples.text(name).splitlines()
        title = next((l.split(":", 1)[1].strip() for l in first if l.startswith("title:")), "")
        print(f"{name:18} {title}")
    return 0
