"""Structured values: tables, matrices and lists, read cell by cell and element by element.

Authors lay numbers out in Markdown tables, LaTeX ``tabular``/``array`` rows,
``bmatrix``/``pmatrix`` vectors and comma lists (``(h_1, h_2) = (0.61, 0.59)``).
This module finds those structures and hands the reader tokens it already
knows how to check:

* :func:`find_tables` returns each table's rows as cells of tokens, with the
  table's place in the document, so the reader can blank it out and read each
  row as a chain (:func:`derive.verify.reader.read`);
* :func:`matrix_tokens` tokenizes a maths body whose matrices become single
  ``matrix`` tokens, and :func:`elements` turns a relation between same-shaped
  matrices or lists into one token list per element (a product of two matrices
  becomes its sums of products, so ``W x`` is checked entry by entry).

Every loop is over the document once (tables and matrices do not nest here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from derive.verify.tokens import Name, Token, tokenize
from derive.verify.vocabulary import GREEK

#: Environments whose rows are tables (a row label and cells).
_TABLE_ENV = re.compile(
    r"\\begin\{(?P<env>tabular|array)\}(?:\[[^\]\n]*\])?\{(?:[^{}\n]|\{[^{}\n]*\})*\}"
    r"(?P<body>.*?)\\end\{(?P=env)\}", re.DOTALL)
#: Matrix environments: element-wise values.
_MATRIX_ENV = re.compile(
    r"\\begin\{(?P<env>[bpvBV]?matrix|smallmatrix)\}(?P<body>.*?)\\end\{(?P=env)\}", re.DOTALL)
_PIPE_LINE = re.compile(r"[ \t]*\|.*")
_RULE_LINE = re.compile(r"[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*")
#: Rules and spacing commands inside LaTeX tables: not cells.
_TABLE_NOISE = re.compile(r"\\(?:hline|toprule|midrule|bottomrule|cline\{[^}]*\}|"
                          r"cmidrule(?:\([^)]*\))?\{[^}]*\}|noalign\{[^}]*\})")


@dataclass
class Table:
    """A table's place (``start``, ``end``) and its rows, each a list of cells' tokens."""

    start: int
    end: int
    rows: list[list[list[Token]]]
    #: True when the first row is a header (Markdown's row above the rule)
    header: bool


def find_tables(text: str) -> list[Table]:
    """Every Markdown pipe table and LaTeX ``tabular``/``array`` of ``text``, in order."""
    tables = [_latex_table(m, text) for m in _TABLE_ENV.finditer(text)]
    taken = [(t.start, t.end) for t in tables]
    tables += [t for t in _markdown_tables(text)
               if not any(s <= t.start < e for s, e in taken)]
    return sorted(tables, key=lambda t: t.start)


def _latex_table(match: re.Match, text: str) -> Table:
    body, base = match.group("body"), match.start("body")
    math = match.group("env") == "array"
    rows = []
    for row_text, row_start in _split_outside_braces(body, "\\\\", base):
        cleaned = _TABLE_NOISE.sub(lambda m: " " * len(m.group()), row_text)
        cells = [_cell_tokens(cell, start, math)
                 for cell, start in _split_outside_braces(cleaned, "&", row_start)]
        if any(cells):
            rows.append(cells)
    return Table(match.start(), match.end(), rows, header=False)


def _markdown_tables(text: str) -> list[Table]:
    tables, lines, offset = [], text.split("\n"), 0
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    index = 0
    while index + 1 < len(lines):
        if not (_PIPE_LINE.fullmatch(lines[index]) and _RULE_LINE.fullmatch(lines[index + 1])):
            index += 1
            continue
        rows = [_pipe_cells(lines[index], starts[index])]
        end = index + 2
        while end < len(lines) and _PIPE_LINE.fullmatch(lines[end]):
            rows.append(_pipe_cells(lines[end], starts[end]))
            end += 1
        tables.append(Table(starts[index], starts[end - 1] + len(lines[end - 1]), rows,
                            header=True))
        index = end
    return tables


def _pipe_cells(line: str, base: int) -> list[list[Token]]:
    """The cells of a ``| a | b |`` line; a ``|`` inside ``$…$`` or escaped is maths."""
    cells, start, in_math = [], 0, False
    for position, char in enumerate(line):
        if char == "$" and line[position - 1:position] != "\\":
            in_math = not in_math
        elif char == "|" and not in_math and line[position - 1:position] != "\\":
            cells.append((line[start:position], base + start))
            start = position + 1
    cells.append((line[start:], base + start))
    if cells and not cells[0][0].strip():
        cells = cells[1:]  # the text before the leading pipe
    if cells and not cells[-1][0].strip():
        cells = cells[:-1]
    return [_cell_tokens(cell, offset, False) for cell, offset in cells]


def _cell_tokens(cell: str, base: int, math: bool) -> list[Token]:
    """One cell's tokens: its ``$…$`` parts as maths, the rest as maths or plain text."""
    tokens: list[Token] = []
    position = 0
    for match in re.finditer(r"(?<!\\)\$+(.+?)(?<!\\)\$+", cell):
        tokens += tokenize(cell[position:match.start()], base + position, plain=not math)
        tokens += matrix_tokens(match.group(1), base + match.start(1))
        position = match.end()
    rest = cell[position:]
    tokens += (matrix_tokens(rest, base + position) if math or "\\" in rest
               else tokenize(rest, base + position, plain=True))
    return [t for t in tokens if t.kind != "prose" or t.value not in (":", "*")]


def _split_outside_braces(text: str, mark: str, base: int) -> list[tuple[str, int]]:
    """``text`` cut at ``mark`` outside ``{…}``, each part with its offset."""
    parts, depth, start, position = [], 0, 0, 0
    while position < len(text):
        char = text[position]
        if char == "\\" and not text.startswith(mark, position):
            position += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 and text.startswith(mark, position):
            parts.append((text[start:position], base + start))
            position += len(mark)
            start = position
            continue
        position += 1
    parts.append((text[start:], base + start))
    return parts


# -- matrices and lists ------------------------------------------------------------------
def matrix_tokens(body: str, base: int) -> list[Token]:
    """Tokens of a maths body in which each matrix is one ``matrix`` token (rows of cells)."""
    tokens: list[Token] = []
    position = 0
    for match in _MATRIX_ENV.finditer(body):
        tokens += tokenize(body[position:match.start()], base + position)
        inner, inner_base = match.group("body"), base + match.start("body")
        rows = [[tokenize(cell, cell_start) for cell, cell_start
                 in _split_outside_braces(row, "&", row_start)]
                for row, row_start in _split_outside_braces(inner, "\\\\", inner_base)]
        rows = [row for row in rows if any(row)]
        tokens.append(Token("matrix", rows, base + match.start(), base + match.end()))
        position = match.end()
    return tokens + tokenize(body[position:], base + position)


def has_structure(tokens: list[Token]) -> bool:
    """True when ``tokens`` hold a matrix, or comma lists on both sides of a relation."""
    return any(t.kind == "matrix" for t in tokens) or _list_sides(tokens) is not None


def elements(tokens: list[Token]) -> list[list[Token]] | None:
    """One token list per element of a relation between matrices or lists, or None.

    ``z = W x + b = [0.47; 0.51]`` with a 2×2 ``W`` gives two lists, one per
    row; names outside the matrices get the element's index (:func:`_indexed`),
    except Greek letters, which are the scalars of a worked example (η, α).
    None when shapes differ or a matrix is used in a way not read here.
    """
    sides = _list_sides(tokens)
    if sides is not None:
        tokens = sides
    tokens = _products(tokens)
    if tokens is None:
        return None
    shapes = {_shape(t.value) for t in tokens if t.kind == "matrix"}
    if len(shapes) != 1:
        return None
    rows, columns = shapes.pop()
    vector = rows == 1 or columns == 1
    out = []
    for i in range(rows):
        for j in range(columns):
            index = str(i + j + 1) if vector else f"{i + 1}{j + 1}"
            out.append(_element(tokens, i, j, index))
    return out


def _indexed(name: Name, index: str) -> Name:
    """Element ``index`` of a vector name: ``z`` → ``z1``; ``a_2`` (a layer) → ``a2^#1``."""
    if not name.sub:
        return Name(name.base, index, name.sup)
    return Name(name.base, name.sub, f"{name.sup}#{index}")


def _shape(rows) -> tuple[int, int]:
    widths = {len(row) for row in rows}
    return (len(rows), widths.pop()) if len(widths) == 1 else (-1, -1)


def _element(tokens: list[Token], i: int, j: int, index: str) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        if token.kind == "matrix":
            cell = token.value[i][j]
            out += [Token("(", None, cell[0].start if cell else token.start, token.start),
                    *cell, Token(")", None, token.end, token.end)]
        elif token.kind == "name" and token.value.base not in GREEK:
            out.append(Token("name", _indexed(token.value, index), token.start, token.end))
        else:
            out.append(token)
    return out


def _products(tokens: list[Token]) -> list[Token] | None:
    """``A B`` and ``A \\cdot B`` of two matrices as one matrix of sums of products."""
    out: list[Token] = []
    for token in tokens:
        left = out[-1] if out else None
        gap = out[-2] if len(out) > 1 else None
        if token.kind == "matrix" and left is not None and (
                left.kind == "matrix" or (left.kind == "op" and left.value == "*"
                                          and gap is not None and gap.kind == "matrix")):
            first = out.pop() if left.kind == "matrix" else (out.pop(), out.pop())[1]
            product = _product(first, token)
            if product is None:
                return None
            out.append(product)
        else:
            out.append(token)
    return out


def _product(a: Token, b: Token) -> Token | None:
    (rows, inner), (inner_b, columns) = _shape(a.value), _shape(b.value)
    if inner != inner_b or rows < 1 or columns < 1:
        return None
    cells = []
    for i in range(rows):
        row = []
        for j in range(columns):
            cell: list[Token] = []
            for k in range(inner):
                if k:
                    cell.append(Token("op", "+", a.start, a.start))
                cell += _bracketed(a.value[i][k], a) + [Token("op", "*", a.start, a.start)] \
                    + _bracketed(b.value[k][j], b)
            row.append(cell)
        cells.append(row)
    return Token("matrix", cells, a.start, b.end)


def _bracketed(cell: list[Token], owner: Token) -> list[Token]:
    return [Token("(", None, owner.start, owner.start), *cell,
            Token(")", None, owner.end, owner.end)]


def _list_sides(tokens: list[Token]) -> list[Token] | None:
    """``(a, b) = (c, d)`` or ``a, b ≈ c, d``: every side a list of one length, as matrices.

    A side without numbers is allowed (``h = σ(z) = (0.61, 0.59)`` names vectors).
    """
    sides: list[list[Token]] = [[]]
    relations: list[Token] = []
    depth = 0
    for token in tokens:
        depth += {"(": 1, "{": 1, ")": -1, "}": -1}.get(token.kind, 0)
        if token.kind == "rel" and depth == 0:
            sides.append([])
            relations.append(token)
        else:
            sides[-1].append(token)
    if len(sides) < 2:
        return None
    lists = [_items(side) for side in sides]
    lengths = {len(items) for items in lists if items is not None and len(items) > 1}
    if len(lengths) != 1 or any(items is None for items in lists):
        return None
    length = lengths.pop()
    if sum(1 for items in lists if len(items) == length) < 2:
        return None
    out: list[Token] = []
    for index, (side, items) in enumerate(zip(sides, lists, strict=True)):
        if index:
            out.append(relations[index - 1])
        if len(items) == length:
            out.append(Token("matrix", [[item] for item in items], side[0].start, side[-1].end))
        elif not any(t.kind == "num" for t in side):
            out += side  # symbolic: h, σ(z) — its names get the element's index
        else:
            return None
    return out


def _items(side: list[Token]) -> list[list[Token]] | None:
    """The comma-separated items of a side (its outer brackets dropped), or None if empty."""
    if not side:
        return None
    if side[0].kind == "(" and side[-1].kind == ")" and _closes_at_end(side):
        side = side[1:-1]
    items: list[list[Token]] = [[]]
    depth = 0
    for token in side:
        depth += {"(": 1, "{": 1, ")": -1, "}": -1}.get(token.kind, 0)
        if token.kind in (",", "sep") and depth == 0 and token.kind == ",":
            items.append([])
        else:
            items[-1].append(token)
    return items if all(items) else None


def _closes_at_end(side: list[Token]) -> bool:
    depth = 0
    for index, token in enumerate(side):
        depth += {"(": 1, ")": -1}.get(token.kind, 0)
        if depth == 0 and index < len(side) - 1:
            return False
    return True
