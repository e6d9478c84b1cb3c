"""The chain rule on the graph: paths, factors and error signals.

For a parameter p, ∂C/∂p is the sum over every path from the loss down to p of
the product of the local derivatives along it. That is the term-by-term form
lecture slides write, but the number of paths grows exponentially with depth,
so paths are *counted* for every parameter (one pass over the edges) and
*listed* only for the gradients written out that way (at most
:data:`MAX_PATHS_WRITTEN` paths). The numbers of every gradient come from the
same sums gathered edge by edge (:func:`backpropagate`), which is linear.
:func:`delta_order` gives the neurons in the order the δ (error-signal) form
visits them, output layer first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from derive.graph import Edge, Graph, Key

Path = tuple[Edge, ...]
T = TypeVar("T")

#: A gradient with more paths than this is left to the δ form: written out path
#: by path it would fill several slides and teach nothing more.
MAX_PATHS_WRITTEN = 4


@dataclass(frozen=True)
class ChainRule:
    """∂C/∂p as a sum over ``count`` paths of products of local derivatives.

    ``paths`` lists them (edges in order from the loss) when the gradient is
    written out path by path (``written``), and is empty otherwise.
    """

    parameter: Key
    count: int
    paths: tuple[Path, ...]

    @property
    def written(self) -> bool:
        """True when the gradient is written out path by path."""
        return self.count <= MAX_PATHS_WRITTEN

    def form(self, choice: str) -> str:
        """Where this gradient is worked out in full under ``gradient_form: choice``
        (:data:`derive.spec.GRADIENT_FORMS`): ``paths`` or ``delta``."""
        return "paths" if self.written and choice != "delta" else "delta"

    def factors(self) -> list[Edge]:
        """Every distinct local derivative used, in first-use order."""
        seen: dict[tuple[Key, Key], Edge] = {}
        for path in self.paths:
            for edge in path:
                seen.setdefault((edge.node, edge.input), edge)
        return list(seen.values())


def chain_rules(graph: Graph) -> dict[Key, ChainRule]:
    """The chain rule of every trainable parameter, output layer first."""
    ordered = sorted(graph.trainable, key=lambda key: (-key[1], *graph.reading_order(key)[1:]))
    counts = backpropagate(graph, 1, lambda total, _edge: total, lambda a, b: a + b)
    into = _edges_into(graph)
    rank = _ranks(graph)
    return {p: ChainRule(p, counts[p],
                         _paths(into, rank, p) if counts[p] <= MAX_PATHS_WRITTEN else ())
            for p in ordered}


def backpropagate(graph: Graph, start: T, along: Callable[[T, Edge], T],
                  add: Callable[[T, T], T]) -> dict[Key, T]:
    """For every node v, the sum over all paths from the loss to v of the product
    along the path, gathered edge by edge from the loss down (linear in the edges).

    ``along(total, edge)`` carries the total at ``edge.node`` across the edge
    (multiplies it by the edge's local derivative); ``add`` sums what reaches a
    node by different edges. With ``start=1``, ``along`` returning the total and
    ``+``, the result is the number of paths.
    """
    totals: dict[Key, T] = {("C",): start}
    for edge in reversed(graph.edges.values()):  # from the loss down: topological order
        if edge.node not in totals:
            continue
        carried = along(totals[edge.node], edge)
        totals[edge.input] = (add(totals[edge.input], carried) if edge.input in totals
                              else carried)
    return totals


def _edges_into(graph: Graph) -> dict[Key, list[Edge]]:
    into: dict[Key, list[Edge]] = {}
    for edge in graph.edges.values():
        into.setdefault(edge.input, []).append(edge)
    return into


def _ranks(graph: Graph) -> dict[tuple[Key, Key], int]:
    """Each edge's position among the edges out of its node, in graph order."""
    seen: dict[Key, int] = {}
    rank = {}
    for pair in graph.edges:
        rank[pair] = seen.get(pair[0], 0)
        seen[pair[0]] = rank[pair] + 1
    return rank


def _paths(into: dict[Key, list[Edge]], rank: dict, target: Key) -> tuple[Path, ...]:
    """Paths from the loss to ``target``, found upward from ``target`` (only the edges
    on some path are visited), in the order a walk down from the loss meets them."""
    def upward(node: Key) -> list[Path]:
        if node == ("C",):
            return [()]
        return [(*head, edge) for edge in into.get(node, ()) for head in upward(edge.node)]

    found = upward(target)
    return tuple(sorted(found, key=lambda path: [rank[(e.node, e.input)] for e in path]))


def delta_order(graph: Graph) -> list[Key]:
    """Pre-activation keys ``("z", l, j)`` from the output layer back to layer 1."""
    return [("z", l, j) for l in range(len(graph.sizes) - 1, 0, -1)
            for j in range(1, graph.sizes[l] + 1)]


def delta_inputs(graph: Graph, z: Key) -> list[tuple[Key, Key]]:
    """For a hidden neuron, the (next z, weight) pairs its δ gathers from."""
    l, j = z[1], z[2]
    if l == len(graph.sizes) - 1:
        return []
    return [(("z", l + 1, i), ("W", l + 1, i, j)) for i in range(1, graph.sizes[l + 1] + 1)]
