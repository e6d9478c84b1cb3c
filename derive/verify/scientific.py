"""Numbers written with a power of ten: ``1.2 \\times 10^{-3}`` and ``1.2 × 10⁻³``.

The tokenizer reads them as a number, a product and a power; this joins them
into one number token, so that it can be a claim.
"""

from __future__ import annotations

from dataclasses import replace


def joined_powers_of_ten(tokens: list) -> list:
    """``1.2 \\times 10^{-3}`` and ``1.2 × 10⁻³`` as one number, 0.0012 (its digits kept).

    A power of ten written after a factor is how authors print small gradients;
    read as one number it can be a claim, judged to the digits of its factor.
    """
    out: list = []
    index = 0
    while index < len(tokens):
        found = _power_of_ten(tokens, index)
        if found is None:
            out.append(tokens[index])
            index += 1
            continue
        exponent, after = found
        first = tokens[index]
        out.append(replace(first, value=first.value.scaleb(exponent), end=tokens[after - 1].end))
        index = after
    return out


def _power_of_ten(tokens: list, index: int) -> tuple[int, int] | None:
    """``(exponent, index after)`` when ``num × 10 ^ {±k}`` starts at ``index``."""
    kinds = [(t.kind, t.value) for t in tokens[index:index + 8]]
    if len(kinds) < 5 or kinds[0][0] != "num" or kinds[1] != ("op", "*") \
            or kinds[2] != ("num", 10) or kinds[3] != ("op", "^"):
        return None
    position = index + 4
    braced = kinds[4][0] == "{"
    position += braced
    sign = 1
    if position < len(tokens) and (tokens[position].kind, tokens[position].value) == ("op", "-"):
        sign, position = -1, position + 1
    if position >= len(tokens) or tokens[position].kind != "num" \
            or tokens[position].value != tokens[position].value.to_integral_value():
        return None
    exponent = sign * int(tokens[position].value)
    position += 1
    if braced:
        if position >= len(tokens) or tokens[position].kind != "}":
            return None
        position += 1
    if abs(exponent) > 30:
        return None
    return exponent, position
