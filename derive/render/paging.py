"""Cutting a step's blocks into frames that fit a Beamer slide.

A step becomes *pieces*, each with a height in points: one equation chain (its
rows, cut row by row when one chain alone is taller than a frame), one table row,
one paragraph, one picture. Frames are filled greedily; on each frame,
consecutive equation rows share one ``align*`` and consecutive rows of a table
share one ``tabular`` under a repeated header. The heights are close estimates;
what is left over is measured by TeX itself (the ``fitframe`` environment of
the slides template scales a frame's body down only when it is too tall), and
the deck tests compile decks and fail on any overfull box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

#: The height a frame's body holds, in points (16:9 Beamer, 11 pt, title on one line).
FRAME_HEIGHT = 196.0
#: Heights in points of the things a frame holds.
ROW, FRACTION_ROW, CASES_ROW, DISPLAY = 20.5, 33.0, 38.0, 12.0
TEXT_LINE, TEXT_CHARS = 14.0, 95
TABLE_ROW, TABLE_FRAME = 12.5, 32.0
#: A matrix (bmatrix) in a row: each of its rows a line of text, with room above and below.
MATRIX_LINE, MATRIX_PAD = 13.0, 6.0
_MATRIX = re.compile(r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}")


@dataclass(frozen=True)
class Piece:
    """Something that cannot be cut: ``kind`` is ``rows``, ``table`` or ``latex``."""

    kind: str
    height: float
    payload: Any
    #: What the piece belongs to (a table), so that its rows are set together.
    owner: Any = None


class Row(NamedTuple):
    """One line of an aligned display: ``lhs &prefix last``, with ``last`` the line's
    final formula (highlighted as the line appears on a slide when it is a ``number``)."""

    lhs: str
    prefix: str
    last: str
    number: bool = False


def row_height(row: Row) -> float:
    text = row.lhs + row.prefix + row.last
    if r"\begin{bmatrix}" in text:
        # As tall as its tallest matrix: one line of text a matrix row.
        rows = max(m.count(r"\\") + 1 for m in _MATRIX.findall(text))
        return max(ROW, MATRIX_LINE * rows + MATRIX_PAD)
    if r"\begin{cases}" in text:
        return CASES_ROW
    return FRACTION_ROW if r"\frac" in text else ROW


def text_height(chars: int) -> float:
    return TEXT_LINE * (1 + chars // TEXT_CHARS) + 4


def diagram_height(centimetres: float, caption: bool) -> float:
    """A picture's height in points: its drawing, the labels above it, a caption."""
    return (centimetres + 0.45) * 28.45 + 10 + (TEXT_LINE if caption else 0)


def equation_pieces(rows: list[Row]) -> list[Piece]:
    """One chain as one piece, or row by row when it alone would overflow a frame."""
    height = sum(row_height(r) for r in rows)
    if height + DISPLAY <= FRAME_HEIGHT:
        return [Piece("rows", height, tuple(rows))]
    return [Piece("rows", row_height(r), (r,)) for r in rows]


def table_pieces(table, header: list[str], rows: list[list[str]]) -> list[Piece]:
    """A table row by row, so that a long table continues on the next frame."""
    return [Piece("table", TABLE_ROW, (header, row), owner=table) for row in rows]


def paginate(pieces: list[Piece], first_height: float = FRAME_HEIGHT) -> list[list[Piece]]:
    """Pieces in order, a new frame whenever the next one would not fit."""
    pages: list[list[Piece]] = [[]]
    used, room = 0.0, first_height
    for piece in pieces:
        extra = _overhead(pages[-1], piece)
        if pages[-1] and used + extra + piece.height > room:
            pages.append([])
            used, room = 0.0, FRAME_HEIGHT
            extra = _overhead(pages[-1], piece)
        pages[-1].append(piece)
        used += extra + piece.height
    return pages


def _overhead(page: list[Piece], piece: Piece) -> float:
    """The space a piece costs beyond its own height: a new display or a new table."""
    last = page[-1] if page else None
    if piece.kind == "rows":
        return 0.0 if last is not None and last.kind == "rows" else DISPLAY
    if piece.kind == "table":
        same = last is not None and last.kind == "table" and last.owner is piece.owner
        return 0.0 if same else TABLE_FRAME
    return 0.0
