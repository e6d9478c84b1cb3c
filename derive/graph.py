"""The symbolic graph of a network: one SymPy symbol per node and parameter.

Each computed node (weighted sum z, activation a, loss C) is defined by its
local expression in its *direct* inputs, and each edge carries the local
partial derivative ∂node/∂input: SymPy's own ``diff`` for the weighted sums,
and for activations and losses the textbook form of their rule, proved equal
to ``diff`` when the graph is built. Nothing differentiates an expanded loss.

Node keys are tuples: ``("x", k)``, ``("y", j)``, ``("W", l, j, k)``,
``("b", l, j)``, ``("z", l, j)``, ``("a", l, j)`` and ``("C",)``, with 1-based
``l, j, k`` as in the notation (layer 0 is the input layer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import sympy as sp

from derive import activations, losses
from derive import formula as F
from derive.spec import Spec
from derive.transcribe import transcribe

Key = tuple


@dataclass(frozen=True)
class Node:
    """One quantity of the network.

    Attributes:
        key: position in the network (see the module docstring).
        kind: ``input``, ``target``, ``weight``, ``bias``, ``preactivation``,
            ``activation`` or ``loss`` (also the rounding kind of computed nodes).
        symbol: the SymPy symbol standing for it.
        name: its written symbol in the chosen notation.
        inputs: direct inputs, in written order (computed nodes only).
        expr: its local expression in the input symbols (computed nodes only).
        definition: that expression as written (x₁w₁ + x₂w₃, σ(z₁), …).
    """

    key: Key
    kind: str
    symbol: sp.Symbol
    name: F.Sym
    inputs: tuple[Key, ...] = ()
    expr: sp.Expr | None = None
    definition: F.Formula | None = None


@dataclass(frozen=True)
class Edge:
    """The local derivative ∂node/∂input.

    ``local`` is in terms of node symbols; ``written`` is its formula. ``kind`` is
    the rounding kind of its value, or None when the value is simply another
    node's value (∂z/∂w = h) or a constant.
    """

    node: Key
    input: Key
    local: sp.Expr
    written: F.Formula
    kind: str | None


@dataclass(frozen=True)
class Graph:
    """All nodes in topological order and the local derivatives between them."""

    sizes: tuple[int, ...]
    nodes: dict[Key, Node]
    edges: dict[tuple[Key, Key], Edge]
    parameters: tuple[Key, ...]
    trainable: tuple[Key, ...]
    loss_title: str
    activation_titles: tuple[str, ...]

    def node(self, key: Key) -> Node:
        """The node at ``key``."""
        return self.nodes[key]

    def name(self, key: Key) -> F.Sym:
        """The written symbol of a node."""
        return self.nodes[key].name

    def outputs(self) -> tuple[Key, ...]:
        """The activations of the last layer."""
        last = len(self.sizes) - 1
        return tuple(("a", last, j) for j in range(1, self.sizes[last] + 1))

    def reading_order(self, key: Key) -> tuple:
        """Sort key for listing parameters as a reader expects: by layer, weights
        before biases, then by the written name (w₂ before w₁₀)."""
        name = self.nodes[key].name
        number = re.findall(r"\d+|\D+", name.sub)
        natural = tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in number)
        return (key[1] if len(key) > 1 else 0, key[0] != "W", natural)


def build(spec: Spec) -> Graph:
    """Build the symbolic graph of ``spec``'s network and loss.

    Every step is linear in the number of parameters: each kind of local
    derivative is derived (or proved) once and then instantiated per edge.
    """
    sizes = spec.network.layers
    notation = spec.notation
    nodes: dict[Key, Node] = {}
    edges: dict[tuple[Key, Key], Edge] = {}

    def leaf(key, kind, name):
        nodes[key] = Node(key, kind, sp.Symbol("_".join(map(str, key)), real=True), name)

    for k in range(1, sizes[0] + 1):
        leaf(("x", k), "input", notation.input_sym(k, sizes))
    for l in range(1, len(sizes)):
        for j in range(1, sizes[l] + 1):
            for k in range(1, sizes[l - 1] + 1):
                leaf(("W", l, j, k), "weight", notation.weight_sym(l, j, k, sizes))
            if spec.network.biases is not None:
                leaf(("b", l, j), "bias", notation.bias_sym(l, j, sizes))
    for j in range(1, sizes[-1] + 1):
        leaf(("y", j), "target", notation.target_sym(j, sizes))
    parameters = tuple(k for k in nodes if k[0] in ("W", "b"))
    trainable = tuple(k for k in parameters if k[0] == "W" or spec.network.update_biases)

    for l in range(1, len(sizes)):
        previous = [("x", k) if l == 1 else ("a", l - 1, k) for k in range(1, sizes[l - 1] + 1)]
        for j in range(1, sizes[l] + 1):
            _weighted_sum(nodes, edges, l, j, previous, spec)
        _activation_layer(nodes, edges, l, sizes, spec)
    _loss(nodes, edges, sizes, spec)
    return Graph(sizes, nodes, edges, parameters, trainable,
                 losses.RULES[spec.loss].title,
                 tuple(activations.RULES[a.name].title for a in spec.network.activations))


def _computed(nodes, key, kind, name, inputs, expr, definition):
    nodes[key] = Node(key, kind, sp.Symbol("_".join(map(str, key)), real=True), name,
                      tuple(inputs), expr, definition)


def _names(nodes, keys) -> dict:
    """Written names of the symbols of ``keys`` (what a local derivative may mention)."""
    return {nodes[k].symbol: nodes[k].name for k in keys}


@cache
def _weighted_sum_partials() -> tuple[sp.Symbol, sp.Symbol, dict[str, sp.Expr]]:
    """∂z/∂a, ∂z/∂w and ∂z/∂b of one term z = a·w + b, by ``sympy.diff``, once for
    every neuron: each edge of a weighted sum is this derivation with its own names."""
    a, w, b = sp.symbols("a w b", real=True)
    z = a * w + b
    return a, w, {"source": sp.diff(z, a), "weight": sp.diff(z, w), "bias": sp.diff(z, b)}


@cache
def _activation_function(name: str, slope: float | None) -> tuple[sp.Symbol, sp.Expr]:
    """g(z) of one activation rule in a generic z, built once for all its neurons."""
    z = sp.Symbol("z", real=True)
    return z, activations.RULES[name].function(z, sp.Float(slope) if slope is not None else None)


def _weighted_sum(nodes, edges, l, j, previous, spec):
    terms, written, inputs = [], [], []
    weight_first = spec.notation.product_order == "weight-first"
    a_, w_, partials = _weighted_sum_partials()
    locals_ = {}
    for k, source in enumerate(previous, start=1):
        w, a = nodes[("W", l, j, k)], nodes[source]
        terms.append(sp.Mul(a.symbol, w.symbol, evaluate=False))
        pair = (w.name, a.name) if weight_first else (a.name, w.name)
        written.append(F.Mul(pair))
        inputs += [source, w.key]
        term = {a_: a.symbol, w_: w.symbol}
        locals_[source] = partials["source"].xreplace(term)  # the weight
        locals_[w.key] = partials["weight"].xreplace(term)  # the source
    if spec.network.biases is not None:
        b = nodes[("b", l, j)]
        terms.append(b.symbol)
        written.append(b.name)
        inputs.append(b.key)
        locals_[b.key] = partials["bias"]  # 1
    key = ("z", l, j)
    sizes = spec.network.layers
    expr = sp.Add(*terms, evaluate=False)  # as written; evaluating sorts every term
    _computed(nodes, key, "preactivation", spec.notation.pre_sym(l, j, sizes), inputs, expr,
              F.add(*written))
    names = _names(nodes, inputs)
    for inp in inputs:
        local = locals_[inp]
        edges[(key, inp)] = Edge(key, inp, local, transcribe(local, names), None)


def _activation_layer(nodes, edges, l, sizes, spec):
    act = spec.network.activations[l - 1]
    rule = activations.RULES[act.name]
    slope = sp.Float(act.slope) if act.slope is not None else None
    zs = [nodes[("z", l, j)] for j in range(1, sizes[l] + 1)]
    if not rule.layerwise:
        generic, function = _activation_function(rule.name, act.slope)
        # The same expression with only the symbol renamed, for the whole layer at once
        # (switching evaluation off and on clears SymPy's caches).
        with sp.evaluate(False):
            functions = [function.xreplace({generic: z.symbol}) for z in zs]
    for j, z in enumerate(zs, start=1):
        key = ("a", l, j)
        name = spec.notation.act_sym(l, j, sizes)
        if rule.layerwise:
            exps = [sp.exp(other.symbol) for other in zs]
            expr = sp.exp(z.symbol) / sp.Add(*exps)
            definition = F.Frac(F.Call("exp", (z.name,)),
                                F.add(*(F.Call("exp", (o.name,)) for o in zs)))
            _computed(nodes, key, "activation", name, [o.key for o in zs], expr, definition)
        else:
            _computed(nodes, key, "activation", name, [z.key], functions[j - 1],
                      _written_activation(rule.name, z.name, act.slope))
    _check_activation(rule.name, act.slope, sizes[l] if rule.layerwise else 1)
    layer = [z.key for z in zs] + [("a", l, j) for j in range(1, sizes[l] + 1)]
    names = _names(nodes, layer)
    for j in range(1, sizes[l] + 1):
        node = nodes[("a", l, j)]
        targets = zs if rule.layerwise else [zs[j - 1]]
        for z in targets:
            if rule.layerwise:
                other = nodes[("a", l, z.key[2])].symbol
                local = activations.softmax_derivative(node.symbol, other, z.key[2] == j)
            else:
                local = rule.derivative(node.symbol, z.symbol, slope)
            edges[(node.key, z.key)] = Edge(node.key, z.key, local, transcribe(local, names),
                                            "activation_derivative")


def _written_activation(name, z, slope):
    if name == "identity":
        return z
    if name == "relu":
        return F.Call("max", (F.Num("0"), z))
    if name == "leaky_relu":
        from derive.rounding import given_text

        return F.Call("max", (F.Mul((F.Num(given_text(slope)), z)), z))
    return F.Call(name, (z,))


def _loss(nodes, edges, sizes, spec):
    rule = losses.RULES[spec.loss]
    outputs = [nodes[("a", len(sizes) - 1, j)] for j in range(1, sizes[-1] + 1)]
    targets = [nodes[("y", j)] for j in range(1, sizes[-1] + 1)]
    yhat, y = [o.symbol for o in outputs], [t.symbol for t in targets]
    expr = rule.function(yhat, y)
    names = _names(nodes, [o.key for o in outputs] + [t.key for t in targets])
    key = ("C",)
    _computed(nodes, key, "loss", spec.notation.loss_sym(), [o.key for o in outputs], expr,
              transcribe(expr, names))
    _check_loss(rule.name, len(outputs))
    for j, out in enumerate(outputs):
        local = rule.derivative(yhat, y, j)
        edges[(key, out.key)] = Edge(key, out.key, local, transcribe(local, names),
                                     "loss_derivative")


# -- proofs that the textbook forms are the derivatives -----------------------------


@cache
def _check_activation(name: str, slope: float | None, width: int) -> None:
    rule = activations.RULES[name]
    if rule.layerwise:
        zs = sp.symbols(f"z1:{width + 1}", real=True)
        outs = [sp.exp(z) / sp.Add(*[sp.exp(o) for o in zs]) for z in zs]
        for k in range(width):
            for j in range(width):
                claimed = activations.softmax_derivative(outs[k], outs[j], k == j)
                _prove(sp.diff(outs[k], zs[j]), claimed, f"softmax ∂a{k + 1}/∂z{j + 1}")
        return
    z = sp.Symbol("z", real=True)
    s = sp.Float(slope) if slope is not None else None
    g = rule.function(z, s)
    _prove(sp.diff(g, z), rule.derivative(g, z, s), f"{name}'")


@cache
def _check_loss(name: str, width: int) -> None:
    rule = losses.RULES[name]
    yhat = list(sp.symbols(f"o1:{width + 1}", positive=True))
    y = list(sp.symbols(f"t1:{width + 1}", positive=True))
    loss = rule.function(yhat, y)
    for j in range(width):
        _prove(sp.diff(loss, yhat[j]), rule.derivative(yhat, y, j), f"{name} ∂/∂ŷ{j + 1}")


def _prove(derivative: sp.Expr, claimed: sp.Expr, what: str) -> None:
    difference = sp.piecewise_fold(derivative - claimed)
    # Putting the difference over one denominator proves most rules in milliseconds;
    # simplify (a tenth of a second, and a heavy import) is for the rest.
    if sp.cancel(sp.together(difference)) == 0:
        return
    difference = sp.simplify(difference)
    # Piecewise rules may leave a difference that is 0 except at the kink z = 0.
    if difference != 0 and not (isinstance(difference, sp.Piecewise) and all(
            value == 0 or cond.has(sp.Eq) or cond == sp.Eq(sp.Symbol("z", real=True), 0)
            for value, cond in difference.args)):
        raise AssertionError(f"textbook derivative of {what} differs from sympy.diff: "
                             f"{difference}")
