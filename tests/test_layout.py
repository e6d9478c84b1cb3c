"""The diagram's geometry (derive.layout): labels never collide; layers wider than
``FULL_WIDTH`` (4) neurons, where not every weight's label finds a free place, go compact."""

from __future__ import annotations

import itertools

import pytest

from derive import layout


def full_network(sizes):
    starts = list(itertools.accumulate((0, *sizes)))
    edges = [(starts[l] + k, starts[l + 1] + j) for l in range(len(sizes) - 1)
             for j in range(sizes[l + 1]) for k in range(sizes[l])]
    return edges, starts[-1]


@pytest.mark.parametrize("sizes", [(1, 1, 1), (2, 2, 1), (2, 2, 2), (3, 4, 2), (4, 3, 3),
                                   (2, 3, 1), (6, 6, 6), (5, 6, 4), (6, 2, 6), (3, 5, 5, 2)])
def test_no_two_labels_overlap(sizes):
    edges, count = full_network(sizes)
    bias_widths = [0] * sizes[0] + [8] * (count - sizes[0])
    placed = layout.place(sizes, edges, [11] * len(edges), bias_widths,
                          min(11.0, 4.6 * (len(sizes) - 1)), min(4.6, 1.5 * (max(sizes) - 1)))
    boxes = [b for b in (*placed.labels, *placed.biases) if b is not None]
    nodes = [layout.Box(x, y, 2 * placed.radius, 2 * placed.radius) for x, y in placed.nodes]
    if max(sizes) <= layout.FULL_WIDTH:
        assert not placed.compact
        assert len(boxes) == len(edges) + count - sizes[0]
    else:
        assert placed.compact and boxes == []
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)
    assert not any(box.overlaps(node) for box in boxes for node in nodes)


def test_beyond_the_full_width_the_diagram_is_compact():
    sizes = (8, 7, 3)
    edges, count = full_network(sizes)
    placed = layout.place(sizes, edges, [11] * len(edges), [0] * count, 9.2, 4.6)
    assert placed.compact and all(label is None for label in placed.labels)
    assert len(placed.nodes) == count
