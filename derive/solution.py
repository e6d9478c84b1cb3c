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
from functools import cache, cached_property

import mpmath
import sympy as sp

from derive import chain as chain_rule
from derive import formula as F
from derive.errors import MathError
from derive.graph import Graph, Key
from derive.rounding import RoundingPolicy, exact_arithmetic, given_text, to_mpf
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

    @cached_property
    def displayed(self) -> mpmath.mpf:
        """The displayed number at working precision, converted once however often
        a line puts it in (an activation feeds every neuron of the next layer)."""
        return to_mpf(self.shown)


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
            return self.result(kind, exact, line)
        try:
            recomputed = self._call(fn, [o.displayed for o in operands], what)
        except MathError:  # the displayed numbers cannot even be put into the line
            recomputed = None
        return self.result(kind, exact, recomputed)

    def result(self, kind: str, exact: mpmath.mpf, line: mpmath.mpf | None) -> Value:
        """The Value of a line computed elsewhere: ``exact`` from the exact operands,
        ``line`` from the carried ones (carry: displayed) or from the displayed ones
        (carry: exact; None when they cannot be put into the line)."""
        if self.policy.carries_displayed:
            shown = self.policy.round(line, kind)
            return Value(exact, to_mpf(shown), shown, self.policy.text(shown), False)
        shown = self.policy.round(exact, kind)
        approx = line is None or self.policy.round(line, kind) != shown
        return Value(exact, exact, shown, self.policy.text(shown), approx)

    def line_operand(self, value: Value) -> mpmath.mpf:
        """What a line of this policy puts in for ``value`` besides its exact value:
        the carried number (carry: displayed) or the displayed one (carry: exact)."""
        return value.carried if self.policy.carries_displayed else value.displayed

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


@exact_arithmetic
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
            _backward(graph, functions, evaluator, chains, example, spec.loss)
            _shown_gradients(chains, spec.gradient_choice(), example)
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
    """Numeric (mpmath) functions of every node and edge, compiled once per *kind*.

    Every sigmoid neuron shares one compiled σ, every weighted sum of the same
    width one compiled sum, and so on: an expression is compiled in a canonical
    form (its arguments renamed by position), so the cost does not grow with
    the number of neurons. An edge whose local derivative is another node's value
    (∂z/∂w = a) or a constant needs no function at all.
    """

    def __init__(self, graph: Graph):
        self.graph = graph
        self.position = {key: i for i, key in enumerate(graph.nodes)}
        self.by_symbol = {n.symbol: n.key for n in graph.nodes.values()}
        # Canonical forms keep the written order of unevaluated rules; evaluation is
        # switched off once for all of them (each switch clears SymPy's caches).
        with sp.evaluate(False):
            nodes = {key: self._canonical(node.expr) for key, node in graph.nodes.items()
                     if node.expr is not None}
            edges = {pair: self._canonical(edge.local) for pair, edge in graph.edges.items()
                     if edge.kind is not None}
        self.node_fns = {key: (args, _compiled(form, len(args)))
                         for key, (args, form) in nodes.items()}
        self.edge_fns = {pair: (args, _compiled(form, len(args)))
                         for pair, (args, form) in edges.items()}
        #: For the other edges: the node whose value the derivative is, or None for 1.
        self.edge_values = {pair: self.by_symbol.get(edge.local)
                            for pair, edge in graph.edges.items() if edge.kind is None}

    def _canonical(self, expr: sp.Expr) -> tuple[list[Key], sp.Expr]:
        """The arguments of ``expr`` in graph order, and ``expr`` in positional slots."""
        args = sorted((self.by_symbol[s] for s in expr.free_symbols if s in self.by_symbol),
                      key=self.position.__getitem__)
        slots = {self.graph.nodes[a].symbol: _slot(i) for i, a in enumerate(args)}
        return args, expr.xreplace(slots)


@cache
def _slot(i: int) -> sp.Symbol:
    return sp.Symbol(f"arg{i}", real=True)


@cache
def _compiled(canonical: sp.Expr, arity: int) -> Callable:
    """One mpmath function per kind of expression, kept for every later solve."""
    return sp.lambdify([_slot(i) for i in range(arity)], canonical, modules="mpmath")


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


def _backward(graph, functions, evaluator, chains, example: ExampleResult, loss: str) -> None:
    values, local = example.values, example.local
    one = evaluator.given(1.0)
    for pair, edge in graph.edges.items():
        if edge.kind is None:
            source = functions.edge_values[pair]
            local[pair] = values[source] if source is not None else one
        else:
            args, fn = functions.edge_fns[pair]
            local[pair] = evaluator.compute(edge.kind, fn, [values[a] for a in args],
                                            f"∂{pair[0]}/∂{pair[1]}")
    # Σ over paths of Π local factors, gathered edge by edge for both lives of the
    # numbers (exact, and as the line puts them in); the same sum as path by path.
    lives = {pair: (v.exact, evaluator.line_operand(v)) for pair, v in local.items()}
    sums = chain_rule.backpropagate(
        graph, (mpmath.mpf(1), mpmath.mpf(1)),
        lambda total, e: (total[0] * lives[(e.node, e.input)][0],
                          total[1] * lives[(e.node, e.input)][1]),
        lambda a, b: (a[0] + b[0], a[1] + b[1]))
    for p in chains:
        example.gradients[p] = evaluator.result("gradient", *sums[p])
    _deltas(graph, evaluator, example, loss == "cross_entropy")


def _deltas(graph, evaluator, example: ExampleResult, prediction_minus_target: bool) -> None:
    """δ = ∂C/∂z for every neuron, output layer first, and the gradients δ · input.

    With softmax and cross-entropy the output δ is ŷ − y, as the deck writes it,
    not the sum over the softmax Jacobian (the same number, fewer roundings)."""
    local, deltas = example.local, example.deltas
    last = len(graph.sizes) - 1
    for z in chain_rule.delta_order(graph):
        if z[1] == last and prediction_minus_target:
            deltas[z] = evaluator.compute(
                "delta", lambda a, y: a - y,
                [example.values[("a", last, z[2])], example.values[("y", z[2])]], f"δ {z}")
        elif z[1] == last:
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


def _shown_gradients(chains, choice: str, example: ExampleResult) -> None:
    """A gradient worked through δ carries the δ form's number into the update, so the
    update uses the number the deck shows (the two differ at most by rounding)."""
    for p, rule in chains.items():
        if rule.form(choice) == "delta":
            example.gradients[p] = example.delta_gradients[p]


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
