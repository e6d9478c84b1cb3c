"""The geometry of a network diagram, computed once, in centimetres.

Neurons sit in columns, one per layer, centred on one another; each weight's
label is placed along its edge at the first position (from a short list of
fractions of the edge) where its box meets no other label and no neuron. When a
layer has more than :data:`FULL_WIDTH` neurons, or a label finds no free place,
the diagram is *compact*: smaller neurons, no labels on the edges. Printers
(TikZ now, SVG later) draw exactly these coordinates and compute nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Up to this many neurons a layer, every label is drawn; beyond, the compact style
#: (denser layers leave no free place for every weight's label along its edge).
FULL_WIDTH = 4
#: Width and height, in cm, of one character of a label (\tiny in TikZ), with margin.
CHAR_WIDTH, LABEL_HEIGHT = 0.105, 0.26
#: Where along an edge (0 at the source, 1 at the target) a weight's label may sit,
#: in order of preference.
EDGE_POSITIONS = (0.3, 0.42, 0.54, 0.66, 0.24, 0.78, 0.36, 0.48, 0.6, 0.72,
                  0.18, 0.84, 0.27, 0.39, 0.51, 0.63, 0.75, 0.33, 0.45, 0.57, 0.69, 0.81)


@dataclass(frozen=True)
class Box:
    """A label's box: centre and size."""

    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: Box) -> bool:
        return (abs(self.x - other.x) * 2 < self.width + other.width
                and abs(self.y - other.y) * 2 < self.height + other.height)


@dataclass(frozen=True)
class Placed:
    """A whole diagram: neuron centres and radius, edge label boxes (None: unlabelled)."""

    nodes: tuple[tuple[float, float], ...]
    radius: float
    labels: tuple[Box | None, ...]
    biases: tuple[Box | None, ...]
    width: float
    height: float
    compact: bool


def label_box(x: float, y: float, chars: int) -> Box:
    return Box(x, y, chars * CHAR_WIDTH + 0.06, LABEL_HEIGHT)


def place(sizes: tuple[int, ...], edges: list[tuple[int, int]], edge_chars: list[int],
          bias_chars: list[int], width: float, height: float) -> Placed:
    """Lay a network out in a ``width`` × ``height`` cm box.

    Args:
        sizes: neurons per layer, inputs first; neurons are numbered layer by layer.
        edges: (source, target) neuron numbers of every weight.
        edge_chars: the length of each edge's label (0: no label).
        bias_chars: per neuron, the length of its bias label (0: none).
    """
    compact = max(sizes) > FULL_WIDTH
    tallest = max(sizes)
    gap_y = height / max(tallest - 1, 1) if tallest > 1 else 0.0
    gap_x = width / max(len(sizes) - 1, 1)
    radius = min(0.34, 0.42 * gap_y if tallest > 1 else 0.34, 0.2 * gap_x)
    nodes = []
    for l, n in enumerate(sizes):  # each column centred on y = 0
        nodes += [(round(l * gap_x, 3), round((n - 1) * gap_y / 2 - i * gap_y, 3))
                  for i in range(n)]
    taken = [Box(x, y, 2 * radius, 2 * radius) for x, y in nodes]
    biases: list[Box | None] = []
    for (x, y), chars in zip(nodes, bias_chars, strict=True):
        box = label_box(x, y + radius + LABEL_HEIGHT / 2 + 0.04, chars) if chars else None
        if box is not None and any(box.overlaps(t) for t in taken):
            compact = True
        biases.append(box)
        taken += [box] if box else []
    labels: list[Box | None] = []
    for (source, target), chars in zip(edges, edge_chars, strict=True):
        box = None if compact or not chars else _free(nodes[source], nodes[target], chars,
                                                      taken)
        if chars and box is None:
            compact = True
        labels.append(box)
        taken += [box] if box else []
    if compact:
        labels = [None] * len(edges)
        biases = [None] * len(nodes)
        radius = min(radius, 0.16)
    return Placed(tuple(nodes), round(radius, 3), tuple(labels), tuple(biases),
                  width, height, compact)


def _free(a: tuple[float, float], b: tuple[float, float], chars: int,
          taken: list[Box]) -> Box | None:
    """The first place along the edge a→b where a label of ``chars`` meets nothing."""
    for t in EDGE_POSITIONS:
        box = label_box(round(a[0] + t * (b[0] - a[0]), 3), round(a[1] + t * (b[1] - a[1]), 3),
                        chars)
        if not any(box.overlaps(other) for other in taken):
            return box
    return None
