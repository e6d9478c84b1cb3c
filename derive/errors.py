"""The exceptions derive raises on purpose.

Every error a user can cause is a :class:`DeriveError`; the CLI prints its message
on one line and exits with code 2. Anything else escaping is a bug in derive.
"""


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
