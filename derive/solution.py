"""Numbers: evaluating the graph and its chain rule under a rounding policy.

Every quantity is a :class:`Value` with two lives: ``exact`` is the true value
(full precision, whatever the policy), and ``carried`` is what later steps use
(the exact value, or the displayed one when the policy carries displayed
numbers). ``shown`` is the rounded number printed on the page; ``approx`` says
that the displayed line does not recompute exactly from its displayed operands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import mpmath
import sympy as sp

from derive import chain as chain_rule
from derive import formula as F
from derive.errors import MathError
from derive.graph import Graph, Key
from derive.numbers import RoundingPolicy, given_text, to_mpf
from derive.spec import Spec


@dataclass(frozen=True)
class Value:
    """One number of the solution (see the module docstring)."""

    exact: mpmath.mpf
    carried: mpmath.mpf
    shown: Decimal
    text: str
    approx: bool = False

    @property
    def num(self) -> F.Num:
        """The displayed number as a formula leaf."""
        return F.Num(self.text)


class Evaluator:
    """Computes Values under one rounding policy."""

    def __init__(self, policy: RoundingPolicy):
        self.policy = policy

    def given(self, number: float) -> Value:
        """A number from the spec, displayed as the user wrote it."""
        text = given_text(number)
        exact = to_mpf(Decimal(text))
        return Value(exact, exact, Decimal(text), text)

    def compute(self, kind: str, fn: Callable, operands: Sequence[Value], what: str) -> Value:
        """Apply ``fn`` to the operands' exact and carried values and round for display.

        Raises:
            MathError: when the result is undefined (log(0), division by zero).
        """
        exact = self._call(fn, [o.exact for o in operands], what)
        if self.policy.carries_displayed:
            try:
                line = self._call(fn, [o.carried for o in operands], what)
            except MathError:
                raise MathError(f"{what}: undefined with the rounded numbers carried (a value "
                                "displayed as 0 under a log?); show more digits or use "
                                "rounding.carry: exact") from None
            shown = self.policy.round(line, kind)
            return Value(exact, to_mpf(shown), shown, self.policy.text(shown), False)
        shown = self.policy.round(exact, kind)
        try:
            recomputed = self._call(fn, [to_mpf(o.shown) for o in operands], what)
            approx = self.policy.round(recomputed, kind) != shown
        except MathError:  # the displayed numbers cannot even be put into the line
            approx = True
        return Value(exact, exact, shown, self.policy.text(shown), approx)

    @staticmethod
    def _call(fn, args, what):
        try:
            result = fn(*args)
        except (ZeroDivisionError, ValueError) as error:
            raise MathError(f"{what}: undefined for these numbers ({error})") from None
        if isinstance(result, mpmath.mpc) or not mpmath.isfinite(result):
            raise MathError(f"{what}: undefined for these numbers (log(0) or division by 0; "
                            "an output saturated at exactly 0 or 1?)")
        return mpmath.mpf(result)


@dataclass
class ExampleResult:
    """Forward and backward numbers of one training example in one step."""

    values: dict[Key, Value]
    local: dict[tuple[Key, Key], Value] = field(default_factory=dict)
    gradients: dict[Key, Value] = field(default_factory=dict)
    deltas: dict[Key, Value] = field(default_factory=dict)
    delta_gradients: dict[Key, Value] = field(default_factory=dict)


@dataclass
class StepResult:
    """One gradient-descent step: the batch, its loss, gradients and the update."""

    params: dict[Key, Value]
    examples: list[ExampleResult]
    loss: Value
    gradients: dict[Key, Value] = field(default_factory=dict)
    updated: dict[Key, Value] = field(default_factory=dict)


@dataclass
class Solution:
    """Everything numeric about a spec: each step, then the pass after the last update."""

    spec: Spec
    graph: Graph
    chains: dict[Key, chain_rule.ChainRule]
    steps: list[StepResult]
    after: list[ExampleResult]
    loss_after: Value
    rate: Value


def solve(spec: Spec, graph: Graph) -> Solution:
    """Run ``spec.steps`` steps of gradient descent with every number recorded."""
    evaluator = Evaluator(spec.rounding)
    functions = _Functions(graph)
    chains = chain_rule.chain_rules(graph) if spec.steps else {}
    rate = evaluator.given(spec.learning_rate)
    params: dict[Key, Value] = {}
    for l, matrix in enumerate(spec.network.weights, start=1):
        for j, row in enumerate(matrix, start=1):
            for k, w in enumerate(row, start=1):
                params[("W", l, j, k)] = evaluator.given(w)
    for l, row in enumerate(spec.network.biases or (), start=1):
        for j, b in enumerate(row, start=1):
            params[("b", l, j)] = evaluator.given(b)

    steps = []
    for _ in range(spec.steps):
        examples = [_forward(graph, functions, evaluator, spec, params, n)
                    for n in range(len(spec.inputs))]
        loss = _batch_mean(evaluator, "loss", [e.values[("C",)] for e in examples], "the loss")
        for example in examples:
            _backward(graph, functions, evaluator, chains, example)
        gradients = {p: _batch_mean(evaluator, "gradient",
                                    [e.gradients[p] for e in examples], f"gradient {p}")
                     for p in chains}
        updated = {p: evaluator.compute("weight", lambda w, g, eta: w - eta * g,
                                        [params[p], gradients[p], rate], f"update of {p}")
                   for p in chains}
        steps.append(StepResult(dict(params), examples, loss, gradients, updated))
        params = {**params, **updated}
    after = [_forward(graph, functions, evaluator, spec, params, n)
             for n in range(len(spec.inputs))]
    loss_after = _batch_mean(evaluator, "loss", [e.values[("C",)] for e in after], "the loss")
    return Solution(spec, graph, chains, steps, after, loss_after, rate)


# -- passes -----------------------------------------------------------------------


class _Functions:
    """Compiled numeric functions of every node and edge (mpmath, compiled once)."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.by_symbol = {n.symbol: n.key for n in graph.nodes.values()}
        self.node_fns = {}
        for key, node in graph.nodes.items():
            if node.expr is None:
                continue
            args = self._arguments(node.expr)
            self.node_fns[key] = (args, sp.lambdify([graph.nodes[a].symbol for a in args],
                                                    node.expr, modules="mpmath"))
        self.edge_fns = {}
        for pair, edge in graph.edges.items():
            args = self._arguments(edge.local)
            self.edge_fns[pair] = (args, sp.lambdify([graph.nodes[a].symbol for a in args],
                                                     edge.local, modules="mpmath"))

    def _arguments(self, expr) -> list[Key]:
        keys = [self.by_symbol[s] for s in expr.free_symbols if s in self.by_symbol]
        return sorted(keys, key=lambda k: list(self.graph.nodes).index(k))


def _forward(graph, functions, evaluator, spec, params, n) -> ExampleResult:
    values: dict[Key, Value] = dict(params)
    for k, x in enumerate(spec.inputs[n], start=1):
        values[("x", k)] = evaluator.given(x)
    for j, y in enumerate(spec.targets[n], start=1):
        values[("y", j)] = evaluator.given(y)
    for key, node in graph.nodes.items():
        if node.expr is None:
            continue
        args, fn = functions.node_fns[key]
        what = "the loss" if key == ("C",) else f"{node.kind} {key}"
        values[key] = evaluator.compute(node.kind, fn, [values[a] for a in args], what)
    return ExampleResult(values)


def _backward(graph, functions, evaluator, chains, example: ExampleResult) -> None:
    values, local = example.values, example.local
    for pair, edge in graph.edges.items():
        args, fn = functions.edge_fns[pair]
        if edge.kind is None:
            local[pair] = (values[args[0]] if args else evaluator.given(float(edge.local)))
        else:
            local[pair] = evaluator.compute(edge.kind, fn, [values[a] for a in args],
                                            f"∂{pair[0]}/∂{pair[1]}")
    for p, rule in chains.items():
        factors = [[local[(e.node, e.input)] for e in path] for path in rule.paths]
        sizes = [len(f) for f in factors]
        example.gradients[p] = evaluator.compute(
            "gradient", lambda *v, s=sizes: _sum_of_products(v, s),
            [v for path in factors for v in path], f"∂C/∂{p}")
    _deltas(graph, evaluator, example)


def _deltas(graph, evaluator, example: ExampleResult) -> None:
    """δ = ∂C/∂z for every neuron, output layer first, and the gradients δ · input."""
    local, deltas = example.local, example.deltas
    last = len(graph.sizes) - 1
    for z in chain_rule.delta_order(graph):
        if z[1] == last:
            pairs = [(local[(("C",), a)], local[(a, z)]) for a in graph.outputs()
                     if (a, z) in local]
            deltas[z] = evaluator.compute(
                "delta", lambda *v: _sum_of_products(v, [2] * (len(v) // 2)),
                [v for pair in pairs for v in pair], f"δ {z}")
        else:
            gathered = chain_rule.delta_inputs(graph, z)
            a = ("a", z[1], z[2])
            operands = [v for nz, w in gathered for v in (deltas[nz], example.values[w])]
            operands.append(local[(a, z)])
            deltas[z] = evaluator.compute(
                "delta", lambda *v: _sum_of_products(v[:-1], [2] * (len(v) // 2)) * v[-1],
                operands, f"δ {z}")
    for p in graph.trainable:
        z = ("z", p[1], p[2])
        source = (z, p)
        example.delta_gradients[p] = evaluator.compute(
            "gradient", lambda d, s: d * s, [deltas[z], local[source]], f"δ-form ∂C/∂{p}")


def _sum_of_products(values, sizes):
    total, i = mpmath.mpf(0), 0
    for size in sizes:
        product = mpmath.mpf(1)
        for v in values[i:i + size]:
            product *= v
        total += product
        i += size
    return total


def _batch_mean(evaluator, kind, values: list[Value], what) -> Value:
    if len(values) == 1:
        return values[0]
    return evaluator.compute(kind, lambda *v: mpmath.fsum(v) / len(v), values, what)
