"""The chain rule on the graph: paths, factors and error signals.

For a parameter p, ∂C/∂p is the sum over every path from the loss down to p of
the product of the local derivatives along it. :func:`paths` lists those paths
(edges in order from the loss), which is exactly the term-by-term form that
lecture slides write. :func:`delta_order` gives the neurons in the order the
δ (error-signal) form visits them, output layer first.
"""

from __future__ import annotations

from dataclasses import dataclass

from derive.graph import Edge, Graph, Key

Path = tuple[Edge, ...]


@dataclass(frozen=True)
class ChainRule:
    """∂C/∂p as a sum over paths of products of local derivatives."""

    parameter: Key
    paths: tuple[Path, ...]

    def factors(self) -> list[Edge]:
        """Every distinct local derivative used, in first-use order."""
        seen: dict[tuple[Key, Key], Edge] = {}
        for path in self.paths:
            for edge in path:
                seen.setdefault((edge.node, edge.input), edge)
        return list(seen.values())


def paths(graph: Graph, target: Key, start: Key = ("C",)) -> tuple[Path, ...]:
    """All paths from ``start`` down to ``target``, each a tuple of edges.

    Paths come out in a fixed order (graph order of the inputs), so every
    document built from them is byte-identical from run to run.
    """
    by_node: dict[Key, list[Edge]] = {}
    for edge in graph.edges.values():
        by_node.setdefault(edge.node, []).append(edge)
    found: list[Path] = []

    def walk(node: Key, trail: Path) -> None:
        for edge in by_node.get(node, ()):
            if edge.input == target:
                found.append((*trail, edge))
            elif edge.input in by_node:
                walk(edge.input, (*trail, edge))

    walk(start, ())
    return tuple(found)


def chain_rules(graph: Graph) -> dict[Key, ChainRule]:
    """The chain rule of every trainable parameter, output layer first."""
    ordered = sorted(graph.trainable, key=lambda key: (-key[1], *graph.reading_order(key)[1:]))
    return {p: ChainRule(p, paths(graph, p)) for p in ordered}


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
