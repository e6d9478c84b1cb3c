"""Sub- and superscripts as authors write them: braces, labels, plain text forms."""

from __future__ import annotations

import re

#: Unicode subscript characters → the plain characters they stand for.
SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉ₕₒₓ", "0123456789hox")


def matching_brace(text: str, open_pos: int) -> int | None:
    """Position of the brace closing the one at ``open_pos``."""
    depth = 0
    for pos in range(open_pos, len(text)):
        char = text[pos]
        if char == "\\":
            continue
        if char == "{" and (pos == 0 or text[pos - 1] != "\\"):
            depth += 1
        elif char == "}" and (pos == 0 or text[pos - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return pos
    return None


def flattened(inner: str) -> str:
    """A sub- or superscript as plain text: ``{h1}`` → ``h1``, ``\\text{new}`` → ``new``."""
    inner = re.sub(r"\\(?:text|mathrm|mathit|textit|mathbf|rm)\s*", "", inner)
    inner = inner.translate(SUBSCRIPTS)
    return re.sub(r"[{}\s,\\]", "", inner)


def is_label(inner: str) -> bool:
    """True for a name-like superscript: ``new``, ``[1]``, ``(t+1)``, ``+``, ``\\prime``."""
    flat = flattened(inner)
    if flat in ("+", "*", "T", "'", "prime", "new", "old"):
        return True
    if re.fullmatch(r"[\[(].*[\])]", flat):
        return True
    return len(re.findall(r"[A-Za-z]", flat)) >= 2 and not re.search(r"[-+*/^]", flat)
