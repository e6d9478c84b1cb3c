"""Turning maths as authors write it (LaTeX or Unicode text) into tokens.

One tokenizer serves both styles: ``\\sigma(z_1)``, ``σ(z₁)`` and ``sigmoid(z1)``
give the same tokens. The vocabulary is data (:mod:`derive.verify.vocabulary`); a command or
character that is not in them becomes a ``bad`` token, which makes its segment
uncheckable instead of silently wrong.

Token kinds: ``num``, ``name``, ``func``, ``op`` (``+ - * / ^``), ``(`` ``)``
``{`` ``}``, ``,``, ``frac``, ``sqrt``, ``e`` (Euler's number before ``^``),
``rel`` (``=``, ``≈``, ``←``), ``sep`` (``\\quad``, ``;``, ``⇒``), ``row``
(``\\\\``), ``bad`` and, in plain text only, ``prose`` (a word or mark that
is not maths).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from derive.verify.scientific import joined_powers_of_ten
from derive.verify.scripts import SUBSCRIPTS, flattened, is_label, matching_brace
from derive.verify.vocabulary import (
    ACCENTS,
    CHARACTERS,
    COMMANDS,
    COSMETIC,
    DROP_ARGUMENT,
    FRACTIONS,
    FUNCTIONS,
    GREEK,
    LAYOUT_ENVIRONMENTS,
    OVERLAY,
    UNICODE_GREEK,
    WORD_ARGUMENT,
)

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SUB_CHARS = "₀₁₂₃₄₅₆₇₈₉ₕₒₓ"
_SUP_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"

_PLAIN_PARTIAL = re.compile(r"\s*([^\s/∂()]+)\s*/\s*∂\s*([^\s/∂()=·×*+\-]+)")
_DIGITS = "0123456789"
_NUMBER = re.compile(r"(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d{1,2}(?![\d.^]))?")
#: A percent sign right after a number (``50%``, ``12.5\\%``): the number is a share.
_PERCENT = re.compile(r"\\?%")
_WORD = re.compile(r"[A-Za-z]+")
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_SPACE = re.compile(r"(?:\s|&|~)+")
_BLANKS = re.compile(r" *")


@dataclass(frozen=True)
class Token:
    """One token; ``start``/``end`` are offsets in the whole document."""

    kind: str
    value: object
    start: int
    end: int


@dataclass(frozen=True)
class Name:
    """A quantity's name: ``w_{5}^{new}`` is ``Name("w", "5", "new")``."""

    base: str
    sub: str = ""
    sup: str = ""

    @property
    def key(self) -> str:
        """The canonical spelling used to look the quantity up: ``w5``, ``w5^new``."""
        return self.base + self.sub + (f"^{self.sup}" if self.sup else "")

    def __str__(self) -> str:
        return self.key


def tokenize(text: str, base: int = 0, plain: bool = False) -> list[Token]:
    """Tokens of ``text`` (a math span, or a line of plain text when ``plain``).

    Never raises: anything unknown becomes a ``bad`` (math) or ``prose`` (plain) token.
    """
    return joined_powers_of_ten(_Lexer(text, base, plain).run())


class _Lexer:
    def __init__(self, text: str, base: int, plain: bool):
        self.text, self.base, self.plain = text, base, plain
        self.pos = 0
        self.out: list[Token] = []
        #: Positions of closing braces of overlay arguments, read as if not there.
        self.unwrapped: set[int] = set()

    def emit(self, kind: str, value: object, start: int, end: int | None = None) -> None:
        self.out.append(Token(kind, value, self.base + start, self.base + (end or self.pos)))

    def run(self) -> list[Token]:
        text = self.text
        while self.pos < len(text):
            space = _SPACE.match(text, self.pos)
            if space:
                self.pos = space.end()
                continue
            start, char = self.pos, text[self.pos]
            if char in _DIGITS or (char == "." and text[self.pos + 1:self.pos + 2] in _DIGITS
                                   and self.pos + 1 < len(text)):
                match = _NUMBER.match(text, self.pos)
                self.pos = match.end()
                value = Decimal(match.group())
                percent = _PERCENT.match(text, self.pos)
                if percent:  # 73.5% is 0.735, shown to three decimals
                    self.pos = percent.end()
                    value = value.scaleb(-2)
                self.emit("num", value, start)
            elif char in FRACTIONS:
                self.pos += 1
                self.emit("num", Decimal(FRACTIONS[char]), start)
            elif char == "\\":
                self.command()
            elif char.isalpha() and char.isascii():
                self.word()
            elif char == "ŷ":
                self.pos += 1
                self.name("y", start, accent="hat")
            elif char in UNICODE_GREEK:
                self.pos += 1
                self.greek(UNICODE_GREEK[char], start)
            elif char in "∂":
                self.pos += 1
                self.partial(start)
            elif char in _SUP_CHARS:
                self.superscript_number(start)
            elif char in "'′" and self.out and self.out[-1].kind in ("name", "func"):
                self.pos += 1
                self.prime()
            elif char == "*" and text[self.pos + 1:self.pos + 2] == "*":
                self.pos += 2
                self.emit("op", "^", start)
            elif char == "}" and start in self.unwrapped:
                self.pos += 1
            elif char == ":" and text[self.pos + 1:self.pos + 2] == "=":
                self.pos += 2
                self.emit("rel", "=", start)
            elif char in CHARACTERS:
                self.pos += 1
                kind, value = CHARACTERS[char]
                self.emit(kind, value, start)
            else:
                self.pos += 1
                self.emit("prose" if self.plain else "bad", char, start)
        return self.out

    # -- names and words ----------------------------------------------------------
    def word(self) -> None:
        start = self.pos
        match = _WORD.match(self.text, self.pos)
        word = match.group()
        # In LaTeX maths "xy" is x times y, but a worked example's multi-letter names
        # (net, out, MSE) are far more common than implicit products: a run is one name.
        self.pos = match.end()
        if word == "e" and self.text[self.pos:self.pos + 1] == "^":
            self.emit("e", None, start)
            return
        if word.lower() in FUNCTIONS and not self.at_subscript(self.pos):
            self.emit("func", FUNCTIONS[word.lower()], start)
            return
        # plain text writes w5 for w₅, and so do hasty LaTeX sources (z1 = w1 * x1)
        digits = re.match(r"\d+(?![.\d])", self.text[self.pos:]) \
            if self.plain or len(word) <= 3 else None
        sub = ""
        if digits:  # plain text writes w5 for w₅
            sub = digits.group()
            self.pos += len(sub)
        if self.plain and word.lower() in PROSE_RELATIONS and self.states_value():
            self.emit("rel", "=", start)
            return
        if self.plain and word.lower() in _PLAIN_OPERATORS:
            self.emit("op", _PLAIN_OPERATORS[word.lower()], start)
            return
        if self.plain and len(word) > 1 and not sub and not self.at_subscript(self.pos) \
                and word not in _PLAIN_NAMES and not self.differential(word):
            self.emit("prose", word, start)
            return
        self.name(word, start, sub)

    def states_value(self) -> bool:
        """``w5 becomes 0.56``: a word between a name and a number states the name's value."""
        after = _BLANKS.match(self.text, self.pos).end()
        return bool(self.out) and self.out[-1].kind == "name" and bool(
            re.match(r"[-−]?\.?\d", self.text[after:after + 3]))

    def differential(self, word: str) -> bool:
        """``dC`` in ``dC/dw5``: a word that is one side of a derivative written with /."""
        if word[0] != "d" or len(word) > 6:
            return False
        before = self.out[-1] if self.out else None
        return self.text[self.pos:self.pos + 1] == "/" or (
            before is not None and before.kind == "op" and before.value == "/")

    def at_subscript(self, pos: int) -> bool:
        char = self.text[pos:pos + 1]
        return bool(char) and (char == "_" or char in _SUB_CHARS)

    def greek(self, name: str, start: int) -> None:
        after = _BLANKS.match(self.text, self.pos).end()  # "\\sigma (x)" has a space
        if name == "sigma" and self.text[after:after + 1] in ("(", "'", "′", "\\") \
                and not self.text.startswith("\\partial", self.pos):
            self.emit("func", "sigmoid", start)
        else:
            digits = re.match(r"\d+(?![.\d])", self.text[self.pos:]) if self.plain else None
            if digits:  # δ2 in plain text
                self.pos += digits.end()
            self.name(name, start, digits.group() if digits else "")

    def name(self, base: str, start: int, sub: str = "", accent: str = "") -> None:
        sub += self.subscript()
        sup = self.name_superscript()
        if not sub:
            sub = self.subscript()
        if self.text[self.pos:self.pos + 1] == "\u0302":  # y + combining circumflex = ŷ
            self.pos += 1
            accent = "hat"
        if base == "ŷ":
            base, accent = "y", "hat"
        self.emit("name", Name(base + accent, sub, sup), start)

    def subscript(self) -> str:
        text = self.text
        if self.pos < len(text) and text[self.pos] in _SUB_CHARS:
            match = re.match(f"[{_SUB_CHARS}]+", text[self.pos:])
            self.pos += match.end()
            return match.group().translate(SUBSCRIPTS)
        if text[self.pos:self.pos + 1] != "_":
            return ""
        self.pos += 1
        if text[self.pos:self.pos + 1] == "{":
            return flattened(self.group())
        if self.plain:
            match = re.match(r"[A-Za-z0-9]+", text[self.pos:])
        else:
            match = re.match(r"[A-Za-z0-9]|\\[A-Za-z]+", text[self.pos:])
        if not match:
            return ""
        self.pos += match.end()
        # Unicode text writes net_h₁: the subscript letter takes its digits along.
        digits = re.match(f"[{_SUB_CHARS}]+", text[self.pos:])
        if digits:
            self.pos += digits.end()
            return flattened(match.group()) + digits.group().translate(SUBSCRIPTS)
        return flattened(match.group())

    def name_superscript(self) -> str:
        """A superscript that is part of a name (``w^{new}``, ``W^{[1]}``), not a power."""
        text = self.text
        layer = re.match("⁽([⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾", text[self.pos:])
        if layer:  # Unicode text writes the layer as W⁽¹⁾₁₂
            self.pos += layer.end()
            return f"[{layer.group(1).translate(_SUPERSCRIPTS)}]"
        if text[self.pos:self.pos + 1] != "^":
            return ""
        after = self.pos + 1
        if text[after:after + 1] == "{":
            end = matching_brace(text, after)
            if end is None:
                return ""
            inner = text[after + 1:end]
            if is_label(inner):
                self.pos = end + 1
                return flattened(inner)
            return ""
        if text[after:after + 1] in ("+", "*", "T") and not text[after + 1:after + 2].isalnum():
            self.pos = after + 1
            return text[after]
        return ""

    def prime(self) -> None:
        last = self.out.pop()
        if last.kind == "func":
            self.out.append(Token("func", last.value + "'", last.start, self.base + self.pos))
        else:
            name = last.value
            self.out.append(Token("name", Name(name.base, name.sub, name.sup + "'"), last.start,
                                  self.base + self.pos))

    def partial(self, start: int) -> None:
        """``∂C/∂w₅`` in plain text: one name, ``dC/dw5``."""
        match = _PLAIN_PARTIAL.match(self.text, self.pos)
        if match:
            top = tokenize(match.group(1), 0, self.plain)
            bottom = tokenize(match.group(2), 0, self.plain)
            if len(top) == len(bottom) == 1 and top[0].kind == bottom[0].kind == "name":
                self.pos = match.end()
                self.emit("name", Name(f"d{top[0].value.key}/d{bottom[0].value.key}"), start)
                return
        self.emit("partial", None, start)

    def superscript_number(self, start: int) -> None:
        match = re.match(f"[{_SUP_CHARS}]+", self.text[self.pos:])
        self.pos += match.end()
        value = match.group().translate(_SUPERSCRIPTS)
        self.emit("op", "^", start)
        if value.startswith("-"):
            self.emit("op", "-", start)
            value = value[1:]
        if value:
            self.emit("num", Decimal(value), start)

    def overlay_specification(self) -> None:
        """Skip Beamer's ``<2->`` after an overlay command (it says when, not what), and
        read its argument as if its braces were not there: ``\\uncover<2->{{}= 0.5}``
        holds the rest of a chain, relation and all."""
        match = re.match(r"\s*<[^<>{}]{0,20}>\s*", self.text[self.pos:])
        if match:
            self.pos += match.end()
        if self.text[self.pos:self.pos + 1] == "{":
            close = matching_brace(self.text, self.pos)
            if close is not None:
                self.unwrapped.add(close)
                self.pos += 1
                if self.text[self.pos:self.pos + 2] == "{}":  # the empty group before a relation
                    self.pos += 2

    # -- LaTeX commands ---------------------------------------------------------------
    def command(self) -> None:
        start = self.pos
        match = _COMMAND.match(self.text, self.pos)
        if not match:
            self.pos += 1
            self.emit("bad", "\\", start)
            return
        self.pos = match.end()
        name = match.group(1)
        if name == "\\":
            self.emit("row", None, start)
        elif name in COMMANDS:
            kind, value = COMMANDS[name]
            self.emit(kind, value, start)
        elif name in COSMETIC:
            return
        elif name in OVERLAY:
            self.overlay_specification()
        elif name in DROP_ARGUMENT:
            self.group()
        elif name == "textcolor":
            self.group()  # the colour; the coloured text follows as a group
        elif name in WORD_ARGUMENT:
            self.word_argument(start)
        elif name in ACCENTS:
            inner = flattened(self.group())
            self.name(inner, start, accent=ACCENTS[name])
        elif name in ("begin", "end"):
            environment = self.group().strip()
            if environment.rstrip("*") not in LAYOUT_ENVIRONMENTS:
                self.emit("prose" if self.plain else "bad", f"\\{name}{{{environment}}}", start)
        elif name == "partial":
            self.emit("partial", None, start)
        elif name in ("sigma",) and not self.text.startswith("_", self.pos):
            self.greek("sigma", start)
        elif name in GREEK:
            self.name(name, start)
        elif name.lower() in FUNCTIONS:
            self.emit("func", FUNCTIONS[name.lower()], start)
        elif name == "e" or name == "mathrm{e}":
            self.emit("e", None, start)
        else:
            self.emit("prose" if self.plain else "bad", "\\" + name, start)

    def word_argument(self, start: int) -> None:
        inner = self.group()
        word = inner.strip()
        if word.lower() in FUNCTIONS:
            self.emit("func", FUNCTIONS[word.lower()], start)
        elif word == "e" and self.text[self.pos:self.pos + 1] == "^":
            self.emit("e", None, start)
        elif _NUMBER.fullmatch(word):
            self.emit("num", Decimal(word), start)
        elif word in ("", ",", ".", ";", ":"):
            if word in (",", ";"):
                self.emit("sep", None, start)
        elif re.fullmatch(r"[A-Za-z][A-Za-z0-9 \-]*", word):
            self.name(re.sub(r"\s+", " ", word), start)
        else:
            self.emit("bad", word, start)

    def group(self) -> str:
        """Consume a ``{…}`` group (or one character) and return its inside."""
        text = self.text
        while self.pos < len(text) and text[self.pos] == " ":
            self.pos += 1
        if text[self.pos:self.pos + 1] != "{":
            char = text[self.pos:self.pos + 1]
            self.pos += len(char)
            return char
        end = matching_brace(text, self.pos)
        if end is None:
            inner = text[self.pos + 1:]
            self.pos = len(text)
            return inner
        inner = text[self.pos + 1:end]
        self.pos = end + 1
        return inner


#: Multi-letter names that plain text uses as quantities rather than words.
#: Words that plain text uses as operators ("2.0 plus -0.005 = 1.995").
_PLAIN_OPERATORS = {"plus": "+", "minus": "-", "times": "*"}

#: Words that state a value in prose: "so w5 becomes 0.56", "h1 is 0.615".
PROSE_RELATIONS = frozenset({"is", "becomes", "equals", "gives"})

_PLAIN_NAMES = frozenset({"net", "out", "MSE", "SSE", "E", "eta", "lr", "alpha", "delta"})
