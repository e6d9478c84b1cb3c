"""Pulling chains ``lhs = expr = … = number`` out of Markdown, LaTeX or plain text.

Maths is found in ``$…$``, ``$$…$$``, ``\\[…\\]``, ``\\(…\\)`` and the equation
environments (``align*``, ``equation``, …); everything else is read line by line
as plain text, where a chain is the longest run of maths around ``=`` signs
(``so z1 = 0.5 × 0.7 = 0.35, and`` gives ``z1 = 0.5 × 0.7 = 0.35``).

Tables (Markdown, ``tabular``, ``array``), matrices and comma lists are read by
:mod:`derive.verify.tables`: a table row is a chain when its cells show working
(``| z_1 | 0.5·0.7 + 0.3·0.4 | 0.47 |``), a named row with one value states it,
and a relation between matrices or lists is checked element by element. Numbers
read but in no chain are kept as ``loose``, each with the reason it cannot be checked.

A row that starts with ``=`` (``&= -0.71`` after ``\\\\``, a display block
``$$= h_1 = 0.615$$``, or an indented ``= 0.229`` line) continues the chain
before it, because that is how authors break a long chain.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from derive.verify import tables
from derive.verify.tokens import Token, tokenize

_MATH = re.compile(
    r"(?<!\\)\$\$(?P<display>.+?)(?<!\\)\$\$"
    r"|\\\[(?P<bracket>.+?)\\\]"
    r"|\\begin\{(?P<env>equation|align|alignat|gather|multline|eqnarray|displaymath|math|flalign)"
    r"(?P<star>\*?)\}(?P<body>.*?)\\end\{(?P=env)(?P=star)\}"
    r"|\\\((?P<paren>.+?)\\\)"
    r"|(?<![\\$])\$(?P<inline>[^$\n]+(?:\n[^$\n]+)?)(?<!\\)\$",
    re.DOTALL)

#: Characters without which a piece of text cannot hold a chain.
_RELATION_MARKS = ("=", "≈", "←", "\\approx", "\\leftarrow", "\\gets", "\\simeq")


@dataclass
class Segment:
    """One side of a relation: its tokens (may be empty when nothing was readable).

    ``relation`` is the relation written before it (``=``, ``≈``), None for the first.
    """

    tokens: list[Token]
    relation: str | None = None

    @property
    def start(self) -> int:
        """Offset of the segment's first token."""
        return self.tokens[0].start if self.tokens else -1

    @property
    def end(self) -> int:
        """Offset just after the segment's last token."""
        return self.tokens[-1].end if self.tokens else -1


@dataclass
class Chain:
    """``s0 = s1 ≈ s2 …`` as its segments.

    ``math`` for a chain in a math span, ``display`` for one in a display block.
    """

    segments: list[Segment] = field(default_factory=list)
    display: bool = False
    math: bool = False


@dataclass
class Document:
    """A document's text, its style and its chains in reading order."""

    text: str
    style: str
    chains: list[Chain]
    line_starts: list[int]
    #: numbers read outside any chain, each with the reason it cannot be checked
    loose: list[tuple[Token, str]] = field(default_factory=list)

    def line(self, offset: int) -> int:
        """The 1-based line number of a character offset."""
        return bisect.bisect_right(self.line_starts, offset)

    def source(self, start: int, end: int) -> str:
        """The text between two offsets, on one line."""
        return " ".join(self.text[start:end].split())


def read(text: str) -> Document:
    """Find every chain in ``text`` (Markdown, LaTeX or plain text)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found = tables.find_tables(text)
    table_chains: list[Chain] = []
    loose: list[tuple[Token, str]] = []
    rest = text
    for table in found:
        _read_table(table, table_chains, loose)
        blank = re.sub(r"[^\n]", " ", text[table.start:table.end])
        rest = rest[:table.start] + blank + rest[table.end:]
    chains: list[Chain] = []
    position = 0
    math_spans = 0
    for match in _MATH.finditer(rest):
        _read_plain(rest, position, match.start(), chains)
        group = next(g for g in ("display", "bracket", "body", "paren", "inline")
                     if match.group(g) is not None)
        _read_math(match.group(group), match.start(group), group != "inline", chains, loose)
        if group == "inline":
            _read_prose_value(rest, match, chains)
        position = match.end()
        math_spans += 1
    _read_plain(rest, position, len(rest), chains)
    chains = _merge(chains, table_chains)
    style = _style(text, math_spans + len(found))
    return Document(text, style, chains, line_starts, sorted(loose, key=lambda t: t[0].start))


#: ``$w_5$ becomes 0.56``, ``$\\eta$ = 0.5``: a value stated after a name in maths.
_PROSE_VALUE = re.compile(r"[ \t]*(?:=|(?<=[ \t])(?:is|becomes|equals)(?: now)?)[ \t]*"
                          r"(?:about[ \t]+)?([-−]?\d+(?:\.\d+)?)(?!\d|\.\d|[ \t]*[×*/+^$\\=])")


def _read_prose_value(text: str, match: re.Match, chains: list[Chain]) -> None:
    """A name in inline maths followed by "is 0.615" or "= 0.5" states that name's value."""
    stated = _PROSE_VALUE.match(text, match.end())
    if not stated:
        return
    name = tokenize(match.group("inline"), match.start("inline"))
    value = tokenize(stated.group(1), stated.start(1), plain=True)
    if _is_name(name) and _only_number(value):
        chains.append(Chain([Segment(name), Segment(value, "=")], math=False))


def _merge(chains: list[Chain], more: list[Chain]) -> list[Chain]:
    """Two lists of chains, each in reading order, as one in reading order."""
    if not more:
        return chains
    return sorted(chains + more, key=_chain_start)


def _chain_start(chain: Chain) -> int:
    return next((s.start for s in chain.segments if s.tokens), -1)


def _read_table(table: tables.Table, chains: list[Chain],
                loose: list[tuple[Token, str]]) -> None:
    """Each row of a table: a chain when it shows working, a stated value, or loose numbers.

    The first cell labels the row and is never an operand; a label that is a name
    is the left side of the row's chain (``| z_1 | 0.5·0.7 + 0.3·0.4 | 0.47 |``).
    """
    for row_index, row in enumerate(table.rows):
        if table.header and row_index == 0:
            loose += [(t, "a table heading") for cell in row for t in cell if t.kind == "num"]
            continue
        label, cells = (row[0], row[1:]) if len(row) > 1 else ([], row)
        name = label if len(label) == 1 and label[0].kind == "name" else None
        loose += [(t, "a row label, not an operand") for t in label if t.kind == "num"]
        plain_cells = []
        for cell in cells:
            if any(t.kind == "rel" for t in cell):
                _read_cell(cell, name, chains)
            elif cell:
                plain_cells.append(cell)
        literal = [_only_number(cell) for cell in plain_cells]
        if plain_cells and literal[-1] and (len(plain_cells) == 1 and name or
                                            len(plain_cells) > 1 and not any(literal[:-1])):
            segments = [Segment(name)] if name else []
            segments += [Segment(cell, "=" if segments or i else None)
                         for i, cell in enumerate(plain_cells)]
            chains.append(Chain(segments, math=True))
        else:
            loose += [(t, "a table value with no working beside it") for cell in plain_cells
                      for t in cell if t.kind == "num"]


def _read_cell(cell: list[Token], label: list[Token] | None, chains: list[Chain]) -> None:
    """A cell that holds relations: its pieces (cut at ``,``, ``;`` and words) as chains.

    A cell that is one chain without a name on its left takes the row's label.
    """
    pieces = [piece for piece in _split(cell, ("sep", ",")) if piece]
    for piece in pieces:
        prose = [i for i, t in enumerate(piece) if t.kind == "prose"]
        piece = _tail(piece[prose[-1] + 1:]) if prose else piece
        if not any(t.kind == "rel" for t in piece):
            continue
        segments = _segments(piece)
        if label and len(pieces) == 1 and segments[0].tokens \
                and not _is_name(segments[0].tokens):
            segments.insert(0, Segment(label))
            segments[1].relation = "="
        chains.append(Chain(segments, math=True))


def _is_name(tokens: list[Token]) -> bool:
    return len(tokens) == 1 and tokens[0].kind == "name"


def _style(text: str, math_spans: int) -> str:
    if re.search(r"\\documentclass|\\begin\{document\}", text):
        return "latex"
    if not re.search(r"(?<!\\)\$", text) and re.search(r"\\begin\{(align|equation)", text):
        return "latex"
    if math_spans or re.search(r"^#{1,6} ", text, re.MULTILINE):
        return "markdown"
    return "plain"


def _has_relation(text: str) -> bool:
    return any(mark in text for mark in _RELATION_MARKS)


#: A plain line that states a value in words ("so w5 becomes 0.56").
_STATES = re.compile(r"\b(?:is|becomes|equals|gives)\s+[-−]?\.?\d")


def _has_plain_relation(text: str) -> bool:
    return _has_relation(text) or bool(_STATES.search(text))


def _read_math(body: str, base: int, display: bool, chains: list[Chain],
               loose: list[tuple[Token, str]]) -> None:
    if not _has_relation(body):
        return
    tokens = tables.matrix_tokens(body, base)
    for row_index, row in enumerate(_split(tokens, ("row",))):
        if tables.has_structure(row):
            expanded = tables.elements(row)
            if expanded is None:
                loose += [(t, "a matrix whose shape or product is not read")
                          for t in _numbers_in(row)]
            for element in expanded or []:
                chains.append(Chain(_segments(element), display, math=True))
            continue
        first_in_row = True
        for piece_index, piece in enumerate(_split(row, ("sep", ","))):
            while piece and piece[0].kind == "op" and piece[0].value == "*":
                piece = piece[1:]  # a bullet, "* w_1 = 0.7010"
            if not piece:
                continue
            continues = piece[0].kind == "rel" and piece_index == 0 and chains and (
                row_index > 0 or (display and chains[-1].display))
            # "&\quad + …" on a new row carries on the sum of the row above.
            carries_on = (first_in_row and row_index > 0 and chains and chains[-1].math
                          and piece[0].kind == "op" and piece[0].value in ("+", "-"))
            first_in_row = False
            segments = _segments(piece)
            if carries_on:
                chains[-1].segments[-1].tokens.extend(segments[0].tokens)
                chains[-1].segments.extend(segments[1:])
            elif continues:
                chains[-1].segments.extend(segments[1:])
            else:
                chains.append(Chain(segments, display, math=True))


def _read_plain(text: str, start: int, end: int, chains: list[Chain]) -> None:
    """Plain text between math spans, a line at a time."""
    chunk = text[start:end]
    if not _has_plain_relation(chunk):
        return
    offset, previous = start, -1
    # text right after a math span is the rest of its line, not an indented line
    midline = start > 0 and text[start - 1] != "\n"
    for line in chunk.split("\n"):
        if _has_plain_relation(line):
            _read_plain_line(line, offset, chains, previous, indented=(
                line[:1].isspace() and not midline))
        previous, offset, midline = offset, offset + len(line) + 1, False


def _read_plain_line(line: str, base: int, chains: list[Chain], previous: int,
                     indented: bool) -> None:
    """One line of plain text; ``previous`` is where the line before it starts.

    A line starting with ``=`` continues the chain that ended on the line before
    (or any earlier chain when indented), except that ``= 0.5963`` after a chain
    ending in a number is a new result whose name was lost (a picture), not a
    restatement.
    """
    tokens = tokenize(line, base, plain=True)
    first_piece = True
    for piece in _split(tokens, ("sep",)):
        continues = (first_piece and piece and piece[0].kind == "rel" and chains
                     and not chains[-1].display and chains[-1].segments
                     and (indented or (_ends_after(chains[-1], previous) and not (
                         _only_number(chains[-1].segments[-1].tokens)
                         and _only_number(piece[1:])))))
        first_piece = False
        current: list[Segment] | None = None
        if continues:
            current = chains[-1].segments
        for index, segment in enumerate(_segments(piece)):
            raw = segment.tokens
            prose = _breaks(raw)
            if not prose:
                if current is None:
                    current = []
                    chains.append(Chain(current))
                current.append(segment)
                continue
            if current is not None and index > 0:
                current.append(Segment(raw[:prose[0]], segment.relation))
            current = [Segment(_tail(raw[prose[-1] + 1:]))]
            chains.append(Chain(current))


def _numbers_in(tokens: list[Token]) -> list[Token]:
    """The number tokens of ``tokens``, those inside matrices included."""
    found = []
    for token in tokens:
        if token.kind == "num":
            found.append(token)
        elif token.kind == "matrix":
            found += [t for row in token.value for cell in row for t in _numbers_in(cell)]
    return found


def _ends_after(chain: Chain, offset: int) -> bool:
    return offset >= 0 and chain.segments[-1].end > offset


def _only_number(tokens: list[Token]) -> bool:
    kinds = [t.kind for t in tokens if t.kind != "prose"]
    return kinds in (["num"], ["op", "num"])


def _tail(tokens: list[Token]) -> list[Token]:
    """Drop an unmatched closing bracket left at the start by cutting off prose."""
    depth = 0
    for index, token in enumerate(tokens):
        depth += {"(": 1, ")": -1}.get(token.kind, 0)
        if depth < 0:
            return _tail(tokens[index + 1:])
    return tokens


def _breaks(tokens: list[Token]) -> list[int]:
    """Positions of prose, and of commas outside brackets, in a plain-text segment."""
    found, depth = [], 0
    for index, token in enumerate(tokens):
        depth += {"(": 1, ")": -1}.get(token.kind, 0)
        if token.kind == "prose" or (token.kind == "," and depth <= 0):
            found.append(index)
    return found


def _segments(tokens: list[Token]) -> list[Segment]:
    """The sides of the relations in ``tokens``, each knowing the relation before it."""
    relations = [None] + [t.value for t in _top_level(tokens, "rel")]
    return [Segment(part, relation)
            for part, relation in zip(_split(tokens, ("rel",)), relations, strict=True)]


def _top_level(tokens: list[Token], kind: str) -> list[Token]:
    """Tokens of ``kind`` outside brackets, as :func:`_split` splits at them."""
    found, depth = [], 0
    for token in tokens:
        if token.kind in ("(", "{"):
            depth += 1
        elif token.kind in (")", "}"):
            depth = max(depth - 1, 0)
        if token.kind == kind and depth == 0:
            found.append(token)
    return found


def _split(tokens: list[Token], kinds: tuple[str, ...]) -> list[list[Token]]:
    """Split at tokens of ``kinds`` outside brackets (rows split at any depth)."""
    parts: list[list[Token]] = [[]]
    depth = 0
    for token in tokens:
        if token.kind in ("(", "{"):
            depth += 1
        elif token.kind in (")", "}"):
            depth = max(depth - 1, 0)
        if token.kind in kinds and (depth == 0 or token.kind == "row"):
            parts.append([])
        else:
            parts[-1].append(token)
    return parts
