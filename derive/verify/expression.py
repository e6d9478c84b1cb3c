"""A small, safe parser for the maths of worked examples (never ``eval``).

``parse(tokens)`` builds a tree of :class:`Num`, :class:`Ref`, :class:`Neg`,
:class:`Bin`, :class:`Call` and :class:`Apply` nodes;
:func:`derive.verify.interval.evaluate` computes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from derive.verify.tokens import Name, Token


class ParseError(Exception):
    """The segment is not an expression this parser reads; the message says why."""


# -- the tree ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Num:
    """A number as written; ``token`` keeps its place and its decimals."""

    token: Token


@dataclass(frozen=True)
class Ref:
    """A named quantity: ``z_1``, ``∂C/∂w_5``."""

    name: Name


@dataclass(frozen=True)
class Neg:
    """−x"""

    arg: object


@dataclass(frozen=True)
class Bin:
    """a + b, a − b, a · b, a / b, a ^ b"""

    op: str
    left: object
    right: object


@dataclass(frozen=True)
class Call:
    """A known function: sigmoid(z), exp(x), max(0, z)."""

    func: str
    args: tuple


@dataclass(frozen=True)
class Apply:
    """``g(z)``: a product if ``g`` has a value, else an unknown function."""

    name: Name
    arg: object


# -- parsing ----------------------------------------------------------------------------
_STARTS_OPERAND = frozenset({"num", "name", "func", "(", "{", "frac", "sqrt", "e"})


def parse(tokens: list[Token]):
    """Parse one segment's tokens into a tree.

    Raises:
        ParseError: when the tokens are not a complete expression.
    """
    if not tokens:
        raise ParseError("nothing to read")
    tokens = _join_derivatives(tokens)
    bad = next((t for t in tokens if t.kind in ("bad", "partial", "prose", "row", "sep")), None)
    if bad is not None:
        what = bad.value if bad.kind in ("bad", "prose") else bad.kind
        raise ParseError(f"cannot read {what!s}" if bad.kind != "partial"
                         else "a derivative operator has no value")
    parser = _Parser(tokens)
    tree = parser.expression()
    if parser.pos != len(parser.tokens):
        raise ParseError(f"unexpected {_describe(parser.tokens[parser.pos])}")
    return tree


def _join_derivatives(tokens: list[Token]) -> list[Token]:
    """One name for a derivative: ``\\frac{\\partial C}{\\partial w_5}`` or ``dC/dw5``."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        joined = _fraction_derivative(tokens, i) or _slash_derivative(tokens, i)
        if joined:
            token, i = joined
            out.append(token)
        else:
            out.append(tokens[i])
            i += 1
    return out


def _fraction_derivative(tokens: list[Token], i: int):
    if tokens[i].kind != "frac":
        return None
    top_end = _group_end(tokens, i + 1)
    bottom_end = _group_end(tokens, top_end + 1) if top_end else None
    if not bottom_end:
        return None
    top = _differential(tokens[i + 2:top_end])
    bottom = _differential(tokens[top_end + 2:bottom_end])
    if top is None or bottom is None:
        return None
    return Token("name", Name(f"d{top}/d{bottom}"), tokens[i].start,
                 tokens[bottom_end].end), bottom_end + 1


def _slash_derivative(tokens: list[Token], i: int):
    window = tokens[i:i + 3]
    if (len(window) == 3 and window[0].kind == window[2].kind == "name"
            and window[1].value == "/" and _is_d(window[0].value) and _is_d(window[2].value)):
        top, bottom = window[0].value, window[2].value
        return Token("name", Name(f"d{top.key[1:]}/d{bottom.key[1:]}"), window[0].start,
                     window[2].end), i + 3
    return None


def _group_end(tokens: list[Token], start: int) -> int | None:
    """Index of the ``}`` closing the ``{`` at ``start``."""
    if start >= len(tokens) or tokens[start].kind != "{":
        return None
    depth = 0
    for index in range(start, len(tokens)):
        depth += {"{": 1, "}": -1}.get(tokens[index].kind, 0)
        if depth == 0:
            return index
    return None


def _differential(tokens: list[Token]) -> str | None:
    """``∂C``, ``d C`` or ``dC`` → ``C``; anything else → None."""
    kinds = [t.kind for t in tokens]
    if kinds == ["partial", "name"]:
        return tokens[1].value.key
    if kinds == ["name", "name"] and tokens[0].value.key == "d":
        return tokens[1].value.key
    if kinds == ["name"] and _is_d(tokens[0].value):
        return tokens[0].value.key[1:]
    return None


def _is_d(name: Name) -> bool:
    """``dC``, ``dw5``: a differential in Leibniz notation (but not ``delta``)."""
    return name.base.startswith("d") and 2 <= len(name.base) <= 6 and name.base != "delta"


def _describe(token: Token) -> str:
    return f"'{token.value}'" if token.value is not None else f"'{token.kind}'"


class _Parser:
    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.pos = 0

    def peek(self, offset: int = 0) -> Token | None:
        index = self.pos + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self, kind: str) -> Token:
        token = self.peek()
        if token is None or token.kind != kind:
            found = "the end" if token is None else _describe(token)
            raise ParseError(f"expected '{kind}', found {found}")
        self.pos += 1
        return token

    def is_op(self, *ops: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == "op" and token.value in ops

    def expression(self):
        node = self.term()
        while self.is_op("+", "-"):
            op = self.take("op").value
            node = Bin(op, node, self.term())
        return node

    def term(self):
        node = self.unary()
        while True:
            token = self.peek()
            if self.is_op("*", "/"):
                op = self.take("op").value
                node = Bin(op, node, self.unary())
            elif token is not None and token.kind in _STARTS_OPERAND:
                if token.kind == "num" and isinstance(_last_factor(node), Num):
                    raise ParseError("two numbers side by side")
                node = Bin("*", node, self.power())
            else:
                return node

    def unary(self):
        if self.is_op("-"):
            self.pos += 1
            return Neg(self.unary())
        if self.is_op("+"):
            self.pos += 1
            return self.unary()
        return self.power()

    def power(self):
        base = self.primary()
        if self.is_op("^"):
            self.pos += 1
            return Bin("^", base, self.unary())
        return base

    def primary(self):
        token = self.peek()
        if token is None:
            raise ParseError("the expression ends too early")
        self.pos += 1
        kind = token.kind
        if kind == "num":
            return Num(token)
        if kind == "name":
            following = self.peek()
            if following is not None and following.kind == "(":
                return Apply(token.value, self.primary())
            return Ref(token.value)
        if kind == "func":
            return self.call(token.value)
        if kind in ("(", "{"):
            inner = self.expression()
            self.take(")" if kind == "(" else "}")
            return inner
        if kind == "frac":
            top = self.group()
            return Bin("/", top, self.group())
        if kind == "sqrt":
            return Call("sqrt", (self.primary(),))
        if kind == "e":
            if not self.is_op("^"):
                raise ParseError("e without an exponent")
            self.pos += 1
            return Call("exp", (self.unary(),))
        raise ParseError(f"unexpected {_describe(token)}")

    def group(self):
        if self.peek() is not None and self.peek().kind == "{":
            self.pos += 1
            inner = self.expression()
            self.take("}")
            return inner
        return self.primary()

    def call(self, func: str):
        token = self.peek()
        if token is not None and token.kind == "(":
            self.pos += 1
            args = [self.expression()]
            while self.peek() is not None and self.peek().kind == ",":
                self.pos += 1
                args.append(self.expression())
            self.take(")")
            return Call(func, tuple(args))
        if token is not None and token.kind == "{":
            return Call(func, (self.group(),))
        return Call(func, (self.power(),))


def _last_factor(node):
    while isinstance(node, Bin) and node.op in ("*", "/"):
        node = node.right
    return node


def names(tree) -> list[Name]:
    """Every name the tree refers to, in reading order."""
    if isinstance(tree, Ref):
        return [tree.name]
    if isinstance(tree, Apply):
        return [tree.name, *names(tree.arg)]
    if isinstance(tree, Neg):
        return names(tree.arg)
    if isinstance(tree, Bin):
        return names(tree.left) + names(tree.right)
    if isinstance(tree, Call):
        return [n for arg in tree.args for n in names(arg)]
    return []


def numerals(tree) -> list[Token]:
    """Every number written in the tree."""
    if isinstance(tree, Num):
        return [tree.token]
    if isinstance(tree, (Neg, Apply)):
        return numerals(tree.arg)
    if isinstance(tree, Bin):
        return numerals(tree.left) + numerals(tree.right)
    if isinstance(tree, Call):
        return [t for arg in tree.args for t in numerals(arg)]
    return []
