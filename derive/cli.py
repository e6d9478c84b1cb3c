"""The ``derive`` command line.

Each subcommand lives in :mod:`derive.commands` as a module with ``NAME``,
``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``; this file only
dispatches. Heavy libraries (SymPy) are imported inside ``run`` so that
``derive --help`` stays fast. A :class:`~derive.errors.DeriveError` becomes one
line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys

from derive import __version__
from derive.errors import DeriveError, one_line, quoted

#: Subcommand modules under derive.commands, in the order --help lists them.
COMMANDS = ("solve", "examples", "steps", "verify")


def _available_commands():
    for name in COMMANDS:
        try:
            yield importlib.import_module(f"derive.commands.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"derive.commands.{name}":
                raise


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors on one clean line like every other error."""

    def error(self, message: str):
        message = re.sub(r"'([^']{60,})'", lambda m: quoted(m.group(1)), message)
        self.exit(2, f"{self.prog}: error: {one_line(message)} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = _Parser(
        prog="derive",
        description="Step-by-step worked solutions for backpropagation: LaTeX slides, "
                    "handouts, Markdown and JSON.")
    parser.add_argument("--version", action="version", version=f"derive {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _available_commands():
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.__doc__)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except DeriveError as error:
        print(f"derive {args.command}: error: {one_line(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("derive: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
