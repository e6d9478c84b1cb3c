"""The network drawn: :class:`~derive.document.Diagram` blocks from the graph.

The builder decides *what* a picture shows (names, values, weights, which path is
highlighted); :mod:`derive.layout` decides *where*; renderers only print.
"""

from __future__ import annotations

from derive import formula as F
from derive import layout, limits
from derive.document import Diagram, DiagramEdge, DiagramNode
from derive.graph import Key
from derive.render import mathprint
from derive.worked.base import Writer

#: Size in cm of the big picture (the network frames) and of the small one (a gradient's).
FULL = {"width": 4.6, "height": 1.5, "max_width": 11.0, "max_height": 4.6}
SMALL = {"width": 2.0, "height": 0.55, "max_width": 5.0, "max_height": 1.7}


class PictureWriter(Writer):
    """Draws the network with what the solution knows at that point."""

    def readable(self) -> bool:
        """True for a network small enough to be shown in slides.

        A larger one (JSON and Markdown take up to the engine's limits) gets no
        picture per gradient: it could not be read, and thousands of them would
        cost more than the rest of the solution.
        """
        return limits.fits_slides(self.g.sizes)

    def neurons(self) -> list[Key]:
        """Every neuron in drawing order: inputs, then each layer's activations."""
        sizes = self.g.sizes
        return [("x", k) for k in range(1, sizes[0] + 1)] + [
            ("a", l, j) for l in range(1, len(sizes)) for j in range(1, sizes[l] + 1)]

    def diagram(self, values: dict | None = None, params: dict | None = None,
                after: dict | None = None, highlight: Key | None = None,
                small: bool = False, caption: str = "") -> Diagram:
        """The network; ``values`` puts each neuron's value in it, ``params`` writes the
        weights and biases on it (``after``: old → new), ``highlight`` marks the paths
        from that parameter to the loss."""
        sizes, neurons = self.g.sizes, self.neurons()
        index = {key: i for i, key in enumerate(neurons)}
        weights = sorted((k for k in self.g.parameters if k[0] == "W"), key=self.g.reading_order)
        pairs = [(index[self._source(w)], index[("a", w[1], w[2])]) for w in weights]
        labels = [self._label(w, params, after) for w in weights]
        biases = [self._label(("b", k[1], k[2]), params, after)
                  if k[0] == "a" and ("b", k[1], k[2]) in self.g.parameters else None
                  for k in neurons]
        size = SMALL if small else FULL
        placed = layout.place(
            sizes, pairs, [_chars(t) for t in labels], [_chars(t) for t in biases],
            min(size["max_width"], size["width"] * (len(sizes) - 1)),
            min(size["max_height"], size["height"] * (max(sizes) - 1)))
        lit_nodes, lit_edges = self._path(highlight, weights)
        nodes = tuple(DiagramNode(
            self.name(key), x, y,
            values[key].num if values is not None and not placed.compact and not small
            else None,
            biases[i] if placed.biases[i] else None, placed.biases[i], key in lit_nodes)
            for i, (key, (x, y)) in enumerate(zip(neurons, placed.nodes, strict=True)))
        edges = tuple(DiagramEdge(s, t, labels[i] if placed.labels[i] else None,
                                  placed.labels[i], weights[i] in lit_edges)
                      for i, (s, t) in enumerate(pairs))
        return Diagram(nodes, edges, placed.radius, placed.width, placed.height, caption)

    def _source(self, weight: Key) -> Key:
        return ("x", weight[3]) if weight[1] == 1 else ("a", weight[1] - 1, weight[3])

    def _label(self, key: Key, params: dict | None, after: dict | None) -> F.Formula | None:
        if params is None:
            return None
        if after is not None and key in after:
            return F.Rel(params[key].num, "->", after[key].num)
        return F.Rel(self.name(key), "=", params[key].num)

    def _path(self, p: Key | None, weights: list[Key]) -> tuple[set, set]:
        """The neurons and weights on the paths from parameter ``p`` to the loss."""
        if p is None:
            return set(), set()
        last = len(self.g.sizes) - 1
        nodes = {("a", p[1], p[2])} | {("a", l, j) for l in range(p[1] + 1, last + 1)
                                        for j in range(1, self.g.sizes[l] + 1)}
        edges = {w for w in weights if w[1] > p[1] and ("a", w[1] - 1, w[3]) in nodes}
        if p[0] == "W":
            edges.add(p)
            nodes.add(self._source(p))
        return nodes, edges


def _chars(label: F.Formula | None) -> int:
    return len(mathprint.text(label)) if label is not None else 0
