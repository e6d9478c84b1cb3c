"""Reading and checking a network spec (YAML or JSON) into a frozen :class:`Spec`.

Every problem is reported as a :class:`~derive.errors.SpecError` naming the
field (``network.weights[1]``) and what is wrong with it, so that the CLI can
print one clear line.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from derive import activations, focus, limits, losses, notation, specfile
from derive.errors import SpecError
from derive.notation import Notation
from derive.rounding import RoundingPolicy

TOP_LEVEL = ("title", "network", "loss", "data", "learning_rate", "steps", "notation",
             "rounding", "detail", "gradient_form", "focus", "steps_detail", "overlays",
             "form")
NETWORK_KEYS = ("layers", "activation", "bias", "weights", "biases", "update_biases")
DETAIL_LEVELS = ("brief", "full")
#: How gradients are worked: ``auto`` (path by path up to four paths, through δ
#: beyond), ``paths`` (the same: more paths are never listed), ``delta`` (every
#: gradient through δ) or ``both`` (path form, then the δ form again).
GRADIENT_FORMS = ("auto", "paths", "delta", "both")
#: Which steps of several are worked in full: the ``first`` (the others as one table
#: and a loss curve) or ``all`` (every step in full in the handout; slides stay short).
STEPS_DETAILS = ("first", "all")
#: How the passes are written: neuron by neuron, or layer by layer in matrices.
FORMS = ("scalar", "matrix")
#: The kinds of local factor whose rule-by-rule derivation ``detail`` switches on.
DETAIL_KINDS = ("loss_derivative", "activation_derivative", "preactivation_derivative")


@dataclass(frozen=True)
class LayerActivation:
    """The activation of one layer: a rule name and, for leaky ReLU, its slope."""

    name: str
    slope: float | None = None


@dataclass(frozen=True)
class Network:
    """Layer sizes, activations and initial parameters.

    ``weights[l][j][k]`` is the weight into neuron j of layer l+1 from input k
    (PyTorch ``nn.Linear`` layout); ``biases`` is None for a network without biases.
    """

    layers: tuple[int, ...]
    activations: tuple[LayerActivation, ...]
    weights: tuple[tuple[tuple[float, ...], ...], ...]
    biases: tuple[tuple[float, ...], ...] | None
    update_biases: bool


@dataclass(frozen=True)
class Spec:
    """A complete, validated problem: network, loss, data, training and presentation."""

    title: str
    network: Network
    loss: str
    inputs: tuple[tuple[float, ...], ...]
    targets: tuple[tuple[float, ...], ...]
    learning_rate: float
    steps: int
    notation: Notation
    rounding: RoundingPolicy
    detail: Mapping[str, str]
    source: Mapping[str, Any]
    #: How gradients are worked (:data:`GRADIENT_FORMS`).
    gradient_form: str = "auto"
    #: The parameters worked in full (:mod:`derive.focus`); None for every one.
    focus: tuple[tuple, ...] | None = None
    #: Which steps are worked in full (:data:`STEPS_DETAILS`).
    steps_detail: str = "first"
    #: Slides reveal each line of a derivation in turn (False: one page per frame, to print).
    overlays: bool = True
    #: The passes neuron by neuron (``scalar``) or layer by layer (``matrix``, :data:`FORMS`).
    form: str = "scalar"

    def gradient_choice(self) -> str:
        """The gradient form in effect: with softmax and cross-entropy, ``auto`` works
        every gradient through δ = ŷ − y rather than through the softmax Jacobian;
        the matrix form works every gradient through δ."""
        if self.form == "matrix":
            return "delta"
        if self.gradient_form == "auto" and self.loss == "cross_entropy":
            return "delta"
        return self.gradient_form

    def focused(self, parameter: tuple) -> bool:
        """True when ``parameter`` is worked in full (``focus``)."""
        return self.focus is None or parameter in self.focus


def load(path: str | Path) -> Spec:
    """Read a spec file (``.yaml``, ``.yml`` or ``.json``); see :mod:`derive.specfile`."""
    return from_mapping(specfile.read(path))


def parse(text: str, name: str = "<spec>") -> Spec:
    """Parse spec text: JSON if it looks like JSON, YAML otherwise."""
    return from_mapping(specfile.loads(text, name))


def from_mapping(data: Any) -> Spec:
    """Validate a spec given as a mapping (the parsed YAML/JSON)."""
    if not isinstance(data, Mapping):
        raise SpecError("", "a spec must be a mapping with network, loss, data, learning_rate")
    specfile.check_values(data)
    for key in data:
        if key not in TOP_LEVEL:
            raise SpecError(str(key), f"unknown field; expected one of {', '.join(TOP_LEVEL)}")
    for key in ("network", "loss", "data"):
        if key not in data:
            raise SpecError(key, "missing (required)")
    net = _network(data["network"])
    loss = _loss(data["loss"], net)
    inputs, targets = _data(data["data"], net)
    rate = _number(data.get("learning_rate", 0.1), "learning_rate")
    if rate <= 0:
        raise SpecError("learning_rate", f"must be positive, got {rate}")
    steps = data.get("steps", 1)
    if not isinstance(steps, int) or isinstance(steps, bool) or not 0 <= steps <= 20:
        raise SpecError("steps", f"expected a whole number from 0 to 20, got {steps!r}")
    if steps > 0:
        for l, act in enumerate(net.activations, start=1):
            if not activations.RULES[act.name].differentiable:
                raise SpecError(f"network.activation[{l - 1}]",
                                f"{act.name} has no useful gradient (its derivative is 0 almost "
                                "everywhere); use steps: 0 for a forward pass only")
    limits.check_work(net, len(inputs), steps)
    detail = _detail(data.get("detail", "brief"))
    title = data.get("title")
    if title is None:
        shape = "-".join(str(n) for n in net.layers)
        title = f"Backpropagation on a {shape} network"
    if not isinstance(title, str) or not title.strip():
        raise SpecError("title", "expected non-empty text")
    names = notation.from_spec(data.get("notation"))
    form = _choice(data, "form", FORMS, "scalar")
    if form == "matrix" and names.numbering != "layered":
        raise SpecError("form", "matrix form needs the layered notation (W⁽ˡ⁾, z⁽ˡ⁾, a⁽ˡ⁾): "
                        "add notation: layered")
    biases = net.biases is not None
    return Spec(
        title=title.strip(), network=net, loss=loss, inputs=inputs, targets=targets,
        learning_rate=rate, steps=steps, notation=names,
        rounding=RoundingPolicy.from_mapping(data.get("rounding")),
        detail=detail, source=_plain(data), gradient_form=_choice(data, "gradient_form",
                                                                   GRADIENT_FORMS, "auto"),
        focus=focus.parse(data.get("focus"), net.layers, biases,
                          biases and not net.update_biases, names),
        steps_detail=_choice(data, "steps_detail", STEPS_DETAILS, "first"),
        overlays=_flag(data, "overlays", True), form=form,
    )


# -- pieces -----------------------------------------------------------------------


def _choice(data: Mapping, key: str, allowed: tuple[str, ...], default: str) -> str:
    value = data.get(key, default)
    if value not in allowed:
        raise SpecError(key, f"expected one of {', '.join(allowed)}, got {value!r}")
    return value


def _flag(data: Mapping, key: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise SpecError(key, f"expected true or false, got {value!r}")
    return value


def _network(data: Any) -> Network:
    if not isinstance(data, Mapping):
        raise SpecError("network", "expected a mapping with layers, activation and weights")
    for key in data:
        if key not in NETWORK_KEYS:
            raise SpecError(f"network.{key}",
                            f"unknown field; expected one of {', '.join(NETWORK_KEYS)}")
    layers = data.get("layers")
    if (not isinstance(layers, Sequence) or isinstance(layers, str) or len(layers) < 2
            or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 1
                       for n in layers)):
        raise SpecError("network.layers",
                        "expected a list of at least two positive whole numbers, e.g. [2, 2, 1]")
    layers = tuple(layers)
    has_bias = data.get("bias", "biases" in data)
    if not isinstance(has_bias, bool):
        raise SpecError("network.bias", f"expected true or false, got {has_bias!r}")
    limits.check_size(layers, has_bias)
    acts = _activations(data.get("activation", "sigmoid"), len(layers) - 1)
    weights = _weights(data.get("weights"), layers)
    biases = None
    if has_bias:
        if "biases" not in data:
            raise SpecError("network.biases", "missing: bias is true, so give one list of "
                            "biases per layer")
        biases = _biases(data["biases"], layers)
    elif "biases" in data and data["biases"] is not None:
        raise SpecError("network.biases", "given, but bias is false")
    update = data.get("update_biases", True)
    if not isinstance(update, bool):
        raise SpecError("network.update_biases", f"expected true or false, got {update!r}")
    return Network(layers, acts, weights, biases, update and biases is not None)


def _activations(data: Any, count: int) -> tuple[LayerActivation, ...]:
    if isinstance(data, (str, Mapping)):
        items, where = [data] * count, ["network.activation"] * count
    elif isinstance(data, Sequence) and len(data) == count:
        items, where = list(data), [f"network.activation[{i}]" for i in range(count)]
    else:
        raise SpecError("network.activation",
                        f"expected a name or a list of {count} names (one per layer after the "
                        "input layer)")
    result = []
    for i, (item, field) in enumerate(zip(items, where, strict=True)):
        slope = None
        if isinstance(item, Mapping):
            unknown = set(item) - {"name", "slope"}
            if unknown or "name" not in item:
                raise SpecError(field, "expected {name: ..., slope: ...}")
            slope = item.get("slope")
            item = item["name"]
        rule = activations.lookup(item) if isinstance(item, str) else None
        if rule is None:
            raise SpecError(field, f"unknown activation {item!r}; expected one of "
                            + ", ".join(activations.RULES))
        if rule.name == "leaky_relu":
            slope = activations.DEFAULT_LEAKY_SLOPE if slope is None else _number(
                slope, f"{field}.slope")
            if not 0 <= slope < 1:
                raise SpecError(f"{field}.slope", f"expected a number in [0, 1), got {slope}")
        elif slope is not None:
            raise SpecError(f"{field}.slope", f"only leaky_relu takes a slope, not {rule.name}")
        if rule.layerwise and i != count - 1:
            raise SpecError(field, "softmax is only allowed on the output layer")
        result.append(LayerActivation(rule.name, slope))
    return tuple(result)


def _matrix(data: Any, rows: int, cols: int, where: str, what: str) -> tuple:
    if not isinstance(data, Sequence) or isinstance(data, str) or len(data) != rows:
        got = len(data) if isinstance(data, Sequence) and not isinstance(data, str) else "none"
        raise SpecError(where, f"expected {rows} rows (one per neuron of {what}), got {got}")
    matrix = []
    for j, row in enumerate(data):
        if not isinstance(row, Sequence) or isinstance(row, str) or len(row) != cols:
            got = len(row) if isinstance(row, Sequence) and not isinstance(row, str) else "a scalar"
            raise SpecError(f"{where}[{j}]",
                            f"expected {cols} weights (one per input to the neuron), got {got}")
        matrix.append(tuple(_number(v, f"{where}[{j}][{k}]") for k, v in enumerate(row)))
    return tuple(matrix)


def _weights(data: Any, layers: tuple[int, ...]) -> tuple:
    if data is None:
        raise SpecError("network.weights", "missing (required): one matrix per layer")
    if not isinstance(data, Sequence) or isinstance(data, str) or len(data) != len(layers) - 1:
        raise SpecError("network.weights",
                        f"expected {len(layers) - 1} matrices (one per layer after the input)")
    return tuple(
        _matrix(m, layers[l + 1], layers[l], f"network.weights[{l}]", f"layer {l + 1}")
        for l, m in enumerate(data))


def _biases(data: Any, layers: tuple[int, ...]) -> tuple:
    if not isinstance(data, Sequence) or isinstance(data, str) or len(data) != len(layers) - 1:
        raise SpecError("network.biases",
                        f"expected {len(layers) - 1} lists (one per layer after the input)")
    result = []
    for l, row in enumerate(data):
        if isinstance(row, (int, float)) and not isinstance(row, bool):
            row = [row] * layers[l + 1]  # one value for the whole layer
        if not isinstance(row, Sequence) or isinstance(row, str) or len(row) != layers[l + 1]:
            raise SpecError(f"network.biases[{l}]",
                            f"expected {layers[l + 1]} biases (one per neuron of layer {l + 1})")
        result.append(tuple(_number(v, f"network.biases[{l}][{j}]") for j, v in enumerate(row)))
    return tuple(result)


def _loss(data: Any, net: Network) -> str:
    rule = losses.lookup(data) if isinstance(data, str) else None
    if rule is None:
        raise SpecError("loss", f"unknown loss {data!r}; expected one of {', '.join(losses.RULES)}")
    output = net.activations[-1].name
    if rule.needs == "softmax" and output != "softmax":
        raise SpecError("loss", "cross_entropy needs a softmax output layer "
                        f"(the output activation is {output}); use bce for a sigmoid output")
    if rule.needs == "probability" and output not in ("sigmoid",):
        raise SpecError("loss", f"bce needs outputs in (0, 1): use a sigmoid output layer, "
                        f"not {output}")
    if output == "softmax" and net.layers[-1] < 2:
        raise SpecError("network.activation", "softmax needs at least two output neurons")
    return rule.name


def _detail(data: Any) -> dict[str, str]:
    """``detail: full`` for every kind of factor, or a mapping kind → brief/full."""
    if isinstance(data, str):
        if data not in DETAIL_LEVELS:
            raise SpecError("detail", f"expected one of {', '.join(DETAIL_LEVELS)} or a mapping, "
                            f"got {data!r}")
        data = dict.fromkeys(DETAIL_KINDS, data)
    if not isinstance(data, Mapping):
        raise SpecError("detail", "expected brief, full, or a mapping from kind of factor "
                        "to brief/full")
    result = dict.fromkeys(DETAIL_KINDS, "brief")
    for kind, level in data.items():
        if kind not in DETAIL_KINDS:
            raise SpecError(f"detail.{kind}", "unknown kind of factor; expected one of "
                            + ", ".join(DETAIL_KINDS))
        if level not in DETAIL_LEVELS:
            raise SpecError(f"detail.{kind}",
                            f"expected one of {', '.join(DETAIL_LEVELS)}, got {level!r}")
        result[kind] = level
    return result


def _examples(data: Any, size: int, where: str, what: str) -> list[tuple[float, ...]]:
    if isinstance(data, (int, float)) and not isinstance(data, bool) and size == 1:
        return [(_number(data, where),)]
    if not isinstance(data, Sequence) or isinstance(data, str) or not data:
        raise SpecError(where, f"expected a list of {size} {what}")
    if all(isinstance(v, Sequence) and not isinstance(v, str) for v in data):
        rows = list(data)
        nested = True
    else:
        rows, nested = [data], False
    result = []
    for n, row in enumerate(rows):
        field = f"{where}[{n}]" if nested else where
        if len(row) != size:
            raise SpecError(field, f"expected {size} {what}, got {len(row)}")
        result.append(tuple(_number(v, f"{field}[{k}]") for k, v in enumerate(row)))
    return result


def _data(data: Any, net: Network) -> tuple[tuple, tuple]:
    if not isinstance(data, Mapping):
        raise SpecError("data", "expected a mapping with x and y")
    for key in ("x", "y"):
        if key not in data:
            what = "inputs" if key == "x" else "target"
            raise SpecError(f"data.{key}", f"missing {what} (required)")
    unknown = set(data) - {"x", "y"}
    if unknown:
        raise SpecError(f"data.{sorted(unknown)[0]}", "unknown field; expected x and y")
    xs = _examples(data["x"], net.layers[0], "data.x", "input values")
    ys = _examples(data["y"], net.layers[-1], "data.y", "target values")
    if len(xs) != len(ys):
        raise SpecError("data.y", f"{len(xs)} inputs but {len(ys)} targets")
    if len(xs) > 8:
        raise SpecError("data.x", "at most 8 examples in a worked batch")
    output = net.activations[-1].name
    for n, y in enumerate(ys):
        if output in ("softmax", "sigmoid") and any(not 0 <= v <= 1 for v in y):
            if output == "softmax":
                raise SpecError("data.y", f"example {n + 1}: targets of a softmax output must "
                                "be probabilities in [0, 1]")
        if output == "softmax" and abs(sum(y) - 1) > 1e-9:
            raise SpecError("data.y", f"example {n + 1}: targets of a softmax output must sum "
                            f"to 1 (one-hot), got {sum(y):g}")
    return tuple(xs), tuple(ys)


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                raise SpecError(where, f"expected a number, got {value!r}") from None
        else:
            raise SpecError(where, f"expected a number, got {value!r}")
    if not math.isfinite(value):
        raise SpecError(where, f"expected a finite number, got {value}")
    if abs(value) > 1e6:
        raise SpecError(where, f"{value} is too large for a worked example (|value| ≤ 1e6)")
    return value


def _plain(data: Any) -> Any:
    """A JSON-safe copy of the spec as given."""
    if isinstance(data, Mapping):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_plain(v) for v in data]
    return data
