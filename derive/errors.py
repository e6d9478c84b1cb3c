"""The exceptions derive raises on purpose.

Every error a user can cause is a :class:`DeriveError`; the CLI prints its message
on one line and exits with code 2. Anything else escaping is a bug in derive.
"""

import re


class DeriveError(Exception):
    """Base class: a problem with the user's input or environment, not a bug."""


class SpecError(DeriveError):
    """Raised by :mod:`derive.spec` when a spec file is unreadable or invalid.

    The message starts with the dotted path of the offending field, e.g.
    ``network.weights[0]: expected 2 rows (one per neuron), got 3``.
    """

    def __init__(self, field: str, problem: str):
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}" if field else problem)


class MathError(DeriveError):
    """Raised when a computation is undefined for the given numbers (e.g. log(0))."""


class RenderError(DeriveError):
    """Raised by a renderer that meets something it cannot render, or a bad template."""


class BuildError(DeriveError):
    """Raised by :mod:`derive.pdf` when the TeX engine is missing or fails."""


class ExpressionError(DeriveError):
    """Raised when a user-written formula cannot be parsed."""


class VerifyError(DeriveError):
    """Raised by ``derive verify`` for input it cannot use (missing, binary or empty file)."""


#: Most characters of user text quoted in a message.
QUOTE_CHARS = 60
#: Longest message the CLI prints.
MESSAGE_CHARS = 400
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]+")


def quoted(text: str) -> str:
    """``text`` quoted for a message: control characters removed, at most a short line.

    Messages echo what the user typed; a 10 MB input or a terminal escape
    sequence must not reach the terminal through them.
    """
    clean = " ".join(_CONTROL.sub(" ", str(text)).split())
    if len(clean) > QUOTE_CHARS:
        clean = clean[:QUOTE_CHARS - 1] + "…"
    return f"'{clean}'"


def one_line(message: str) -> str:
    """``message`` as one printable line of at most :data:`MESSAGE_CHARS` characters."""
    clean = " ".join(_CONTROL.sub(" ", str(message)).split())
    return clean if len(clean) <= MESSAGE_CHARS else clean[:MESSAGE_CHARS - 1] + "…"
