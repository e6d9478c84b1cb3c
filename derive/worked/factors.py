"""Rule-by-rule derivations of a network's local factors (``detail: full``).

Each local derivative of the graph (∂C/∂o₁, ∂o₁/∂z₃, ∂z₃/∂w₅) is derived by the
step-by-step engine of :mod:`derive.steps`, ending in the textbook form that the
worked solution then evaluates. A derivation is shown once per *family* (all
sigmoid neurons share one), so a solution does not repeat itself.
"""

from __future__ import annotations

import sympy as sp

from derive import formula as F
from derive.document import Prose, Step
from derive.graph import Edge, Graph
from derive.spec import Spec
from derive.worked import calculus

#: Rounding kind of an edge → the ``detail`` key that switches its derivation on.
DETAIL_KIND = {"loss_derivative": "loss_derivative",
               "activation_derivative": "activation_derivative",
               None: "preactivation_derivative"}

#: Activations whose derivative is trivial or useless to derive.
NOT_DERIVED = ("identity", "step")


def family(graph: Graph, spec: Spec, edge: Edge) -> tuple | None:
    """What makes two factors share a derivation; None when there is nothing to derive."""
    if spec.detail[DETAIL_KIND[edge.kind]] != "full":
        return None
    if edge.kind == "loss_derivative":
        return ("loss",)
    if edge.kind == "activation_derivative":
        act = spec.network.activations[edge.node[1] - 1]
        if act.name in NOT_DERIVED:
            return None
        same = edge.node[2] == edge.input[2]
        return ("activation", act.name, act.slope, same if act.name == "softmax" else True)
    return ("preactivation", edge.input[0])


def derivation_step(graph: Graph, spec: Spec, edge: Edge) -> Step:
    """A step (own frame on slides) deriving one local factor rule by rule."""
    from derive.steps import derive_steps
    from derive.steps import network as N

    names = {node.symbol: node.name for node in graph.nodes.values()}
    node, source = graph.node(edge.node), graph.node(edge.input)
    label = F.Partial(node.name, source.name)
    if edge.kind == "loss_derivative":
        outputs = [graph.node(k).symbol for k in graph.outputs()]
        targets = [graph.node(("y", j)).symbol for j in range(1, len(outputs) + 1)]
        derivation = N.loss_prime(spec.loss, outputs, targets, edge.input[2] - 1, names,
                                  loss=node.name)
        intro = f"The {graph.loss_title}, differentiated by one output, rule by rule:"
    elif edge.kind == "activation_derivative":
        act = spec.network.activations[edge.node[1] - 1]
        if act.name == "softmax":
            layer = [k for k in graph.nodes if k[0] == "z" and k[1] == edge.node[1]]
            zs = [graph.node(k).symbol for k in layer]
            outs = [graph.node(("a", k[1], k[2])).symbol for k in layer]
            derivation = N.softmax_prime(zs, outs, edge.node[2] - 1, edge.input[2] - 1, names)
            intro = "Softmax, differentiated by the quotient rule:"
        else:
            derivation = N.activation_prime(act.name, source.symbol, node.symbol, names,
                                            slope=act.slope, detail="full")
            intro = f"The derivative of {graph.activation_titles[edge.node[1] - 1]}, " \
                    "from its definition:"
    else:
        derivation = derive_steps(_written_sum(graph, spec, node), source.symbol, names,
                                  partial=True, label=label)
        intro = "Only one term of the weighted sum contains this quantity:"
    blocks = (Prose((intro,)), *calculus.derivation_blocks(derivation),
              calculus.summary(derivation))
    return Step(("Deriving ", label), blocks, "derivation")


def softmax_cross_entropy_step(graph: Graph, spec: Spec) -> Step | None:
    """Why δ = ŷ − y for softmax with cross-entropy, derived rule by rule (detail: full)."""
    if spec.loss != "cross_entropy" or spec.detail["loss_derivative"] != "full":
        return None
    from derive.steps import network as N

    last = len(graph.sizes) - 1
    names = {node.symbol: node.name for node in graph.nodes.values()}
    zs = [graph.node(("z", last, j)).symbol for j in range(1, graph.sizes[last] + 1)]
    outs = [graph.node(k).symbol for k in graph.outputs()]
    targets = [graph.node(("y", j)).symbol for j in range(1, len(outs) + 1)]
    derivation = N.softmax_cross_entropy_prime(zs, outs, targets, 0, names,
                                               loss=graph.node(("C",)).name)
    intro = ("With softmax and cross-entropy the error signal of an output neuron "
             "collapses to prediction minus target:")
    first = graph.outputs()[0]
    signal = F.sub(graph.name(first), graph.name(("y", 1)))
    return Step(("Why the output error signal is ", signal),
                (Prose((intro,)), *calculus.derivation_blocks(derivation),
                 calculus.summary(derivation)), "derivation")


def _written_sum(graph: Graph, spec: Spec, node) -> sp.Expr:
    """The weighted sum in the order the solution writes it (x₁w₁ + x₂w₃ + b₁)."""
    weight_first = spec.notation.product_order == "weight-first"
    terms = []
    inputs = list(node.inputs)
    bias = inputs.pop() if inputs and inputs[-1][0] == "b" else None
    for source, weight in zip(inputs[::2], inputs[1::2], strict=True):
        pair = (graph.node(weight).symbol, graph.node(source).symbol)
        terms.append(sp.Mul(*(pair if weight_first else pair[::-1]), evaluate=False))
    if bias is not None:
        terms.append(graph.node(bias).symbol)
    return sp.Add(*terms, evaluate=False)
