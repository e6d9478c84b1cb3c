"""The neutral document model of a worked solution.

A :class:`Document` is sections → steps → blocks. Blocks are prose (text with
inline formulas), equation chains (lhs = symbolic = substituted = result),
tables and rule-by-rule derivations. Builders fill it; renderers walk it and
never compute: every number in it is already a displayed string.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from derive.formula import Formula, Inline
from derive.layout import Box

__all__ = ["Block", "Diagram", "DiagramEdge", "DiagramNode", "Document", "Equation", "Inline",
           "Plot", "Prose", "RuleStep", "Section", "Step", "Table"]


class Block:
    """Base class of everything a step holds."""


@dataclass(frozen=True)
class Prose(Block):
    """A sentence or paragraph, mixing text and inline formulas."""

    parts: tuple[Inline, ...]


@dataclass(frozen=True)
class Equation(Block):
    """A chain ``lhs = rhs₁ = rhs₂ ≈ result``.

    ``rhs`` holds (relation, formula) pairs; relations are ``=``, ``approx``,
    ``->`` (an update) and the like; ``+`` and ``-`` continue a long sum or
    difference on a line of its own. ``note`` is a short remark set beside it.
    """

    lhs: Formula
    rhs: tuple[tuple[str, Formula], ...]
    note: str = ""


@dataclass(frozen=True)
class Table(Block):
    """A small table; cells are inline content."""

    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class RuleStep(Block):
    """One application of a named differentiation rule, with its sub-steps.

    ``before`` is the derivative being taken, ``after`` its result; ``substeps``
    are the rules used inside (e.g. the inner function of a chain rule).
    """

    rule: str
    before: Formula
    after: Formula
    explanation: tuple[Inline, ...] = ()
    substeps: tuple[RuleStep, ...] = ()
    #: The same two expressions as SymPy-parsable strings (for JSON and checking).
    source: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class DiagramNode:
    """A neuron drawn at (x, y) cm: its name, its value once known, its bias's label."""

    name: Formula
    x: float
    y: float
    value: Formula | None = None
    bias: Formula | None = None
    bias_at: Box | None = None
    highlight: bool = False


@dataclass(frozen=True)
class DiagramEdge:
    """A weight from neuron ``source`` to ``target`` (indices), labelled at ``at``."""

    source: int
    target: int
    label: Formula | None = None
    at: Box | None = None
    highlight: bool = False


@dataclass(frozen=True)
class Diagram(Block):
    """The network drawn: geometry from :mod:`derive.layout`, in cm, ready to print."""

    nodes: tuple[DiagramNode, ...]
    edges: tuple[DiagramEdge, ...]
    radius: float
    width: float
    height: float
    caption: str = ""


@dataclass(frozen=True)
class Plot(Block):
    """A curve through ``points`` (x, y), both displayed numbers: the loss step by step."""

    points: tuple[tuple[str, str], ...]
    xlabel: tuple[Inline, ...]
    ylabel: tuple[Inline, ...]
    caption: str = ""


@dataclass(frozen=True)
class Step:
    """One unit of the solution: a slide, or a subsection of the handout.

    ``tag`` says what it is (``forward``, ``loss``, ``gradient``, ``update``, …)
    so that renderers and exports can choose; ``appendix`` steps go to the end
    of a handout and onto their own frames.
    """

    title: tuple[Inline, ...]
    blocks: tuple[Block, ...]
    tag: str = ""
    appendix: bool = False

    def __post_init__(self):
        _check_title(self.title)


@dataclass(frozen=True)
class Section:
    """A part of the solution (forward pass, backward pass, update, …).

    ``handout_only`` sections (later steps worked in full, ``steps_detail: all``)
    are left out of the slides, which stay short.
    """

    title: tuple[Inline, ...]
    steps: tuple[Step, ...]
    handout_only: bool = False

    def __post_init__(self):
        _check_title(self.title)


@dataclass(frozen=True)
class Document:
    """A whole worked solution. ``data`` is the machine-readable JSON payload.

    ``reveal`` lets slides show the lines of each display one at a time (the order
    is the blocks' order); printed layouts show everything at once.
    """

    title: str
    subtitle: str
    sections: tuple[Section, ...]
    data: dict[str, Any] = field(default_factory=dict)
    reveal: bool = False


def _check_title(title) -> None:
    # A bare string would be walked letter by letter: insist on inline parts.
    if not isinstance(title, tuple):
        raise TypeError(f"a title is a tuple of text and formulas, not {type(title).__name__}")
