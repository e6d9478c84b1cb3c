"""Notation presets: how every quantity of the network is named.

A :class:`Notation` turns positions in the network (layer ``l``, neuron ``j``,
input ``k``, all 1-based; the input layer is layer 0) into formula symbols. The
three presets follow real course material; any name can be overridden in the
spec (``notation: {preset: layered, loss: J}``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from derive.errors import SpecError
from derive.formula import Sym

NUMBERINGS = ("by-source", "by-target", "layered")
PRODUCT_ORDERS = ("input-first", "weight-first")
NAME_FIELDS = ("input", "preactivation", "hidden", "output", "target", "loss", "weight",
               "bias", "delta", "rate")
_NAME = re.compile(r"^[A-Za-z]+(_hat)?$")


@dataclass(frozen=True)
class Notation:
    """Names of the quantities and how parameters are numbered.

    Name fields hold identifiers: ``z``, ``net``, ``eta``, or ``y_hat`` for ŷ.
    """

    preset: str
    numbering: str
    input: str
    preactivation: str
    hidden: str
    output: str
    target: str
    loss: str
    weight: str
    bias: str
    delta: str = "delta"
    rate: str = "eta"
    product_order: str = "input-first"
    # flat-by-target writes net_{h1}, out_{o1}: the layer letter goes in the subscript.
    tagged: bool = False

    # -- naming -----------------------------------------------------------------
    def _sym(self, name: str, sub: str = "", sup: str = "") -> Sym:
        base, hat = (name[:-4], "hat") if name.endswith("_hat") else (name, None)
        return Sym(base, sub, sup, hat)

    def input_sym(self, k: int, sizes: tuple[int, ...]) -> Sym:
        """x_k (k = 1 … n₀)."""
        return self._sym(self.input, str(k))

    def pre_sym(self, l: int, j: int, sizes: tuple[int, ...]) -> Sym:
        """The weighted sum of neuron j of layer l."""
        if self.numbering == "layered":
            return self._sym(self.preactivation, str(j), f"[{l}]")
        if self.tagged:
            return self._sym(self.preactivation, self._tag(l, j, sizes))
        return self._sym(self.preactivation, str(sum(sizes[1:l]) + j))

    def act_sym(self, l: int, j: int, sizes: tuple[int, ...]) -> Sym:
        """The activation (output) of neuron j of layer l."""
        last = l == len(sizes) - 1
        single = sizes[-1] == 1
        if self.numbering == "layered":
            if last:
                return self._sym(self.output, "" if single else str(j))
            return self._sym(self.hidden, str(j), f"[{l}]")
        if self.tagged:
            return self._sym(self.hidden, self._tag(l, j, sizes))
        if last:
            return self._sym(self.output, str(j))
        return self._sym(self.hidden, str(sum(sizes[1:l]) + j))

    def target_sym(self, j: int, sizes: tuple[int, ...]) -> Sym:
        """The target of output j (no subscript when there is a single output)."""
        if self.tagged:
            return self._sym(self.target, f"o_{j}")
        return self._sym(self.target, "" if sizes[-1] == 1 else str(j))

    def loss_sym(self) -> Sym:
        """The loss C / E / L."""
        return self._sym(self.loss)

    def example_loss_sym(self, n: int) -> Sym:
        """The loss of example n of a batch."""
        return self._sym(self.loss, "", f"({n})")

    def weight_sym(self, l: int, j: int, k: int, sizes: tuple[int, ...]) -> Sym:
        """The weight into neuron j of layer l from input k of the layer below."""
        if self.numbering == "layered":
            return self._sym(self.weight, f"{j}{k}" if max(sizes) < 10 else f"{j},{k}", f"[{l}]")
        before = sum(sizes[i] * sizes[i - 1] for i in range(1, l))
        if self.numbering == "by-source":
            return self._sym(self.weight, str(before + (k - 1) * sizes[l] + j))
        return self._sym(self.weight, str(before + (j - 1) * sizes[l - 1] + k))

    def bias_sym(self, l: int, j: int, sizes: tuple[int, ...]) -> Sym:
        """The bias of neuron j of layer l."""
        if self.numbering == "layered":
            return self._sym(self.bias, str(j), f"[{l}]")
        return self._sym(self.bias, str(sum(sizes[1:l]) + j))

    def delta_sym(self, l: int, j: int, sizes: tuple[int, ...]) -> Sym:
        """The error signal δ = ∂C/∂z of neuron j of layer l."""
        if self.numbering == "layered":
            return self._sym(self.delta, str(j), f"[{l}]")
        if self.tagged:
            return self._sym(self.delta, self._tag(l, j, sizes))
        return self._sym(self.delta, str(sum(sizes[1:l]) + j))

    def layer_sym(self, field: str, l: int | None = None) -> Sym:
        """A whole layer's quantity for the matrix form: W⁽ˡ⁾, z⁽ˡ⁾, δ⁽ˡ⁾; x and ŷ
        without a layer (``l`` None)."""
        return self._sym(getattr(self, field), "", "" if l is None else f"[{l}]")

    def letter(self, field: str) -> Sym:
        """A field's name alone (w, δ, θ), for the general rules and titles."""
        return self._sym(getattr(self, field))

    def rate_sym(self) -> Sym:
        """The learning rate η."""
        return self._sym(self.rate)

    def _tag(self, l: int, j: int, sizes: tuple[int, ...]) -> str:
        if l == len(sizes) - 1:
            return f"o_{j}"
        return f"h_{sum(sizes[1:l]) + j}"

    # -- configuration ----------------------------------------------------------
    def merge(self, **changes: Any) -> Notation:
        """A copy with some fields changed."""
        return replace(self, **changes)


PRESETS: dict[str, Notation] = {
    "flat-by-source": Notation(
        "flat-by-source", "by-source", input="x", preactivation="z", hidden="h", output="o",
        target="y", loss="C", weight="w", bias="b"),
    "flat-by-target": Notation(
        "flat-by-target", "by-target", input="i", preactivation="net", hidden="out",
        output="out", target="target", loss="E", weight="w", bias="b", tagged=True),
    "layered": Notation(
        "layered", "layered", input="x", preactivation="z", hidden="a", output="y_hat",
        target="y", loss="L", weight="W", bias="b", product_order="weight-first"),
}

DEFAULT_PRESET = "flat-by-source"


def from_spec(data: Any, where: str = "notation") -> Notation:
    """Read ``notation:``: a preset name, or a mapping with ``preset`` and overrides.

    Raises:
        SpecError: for an unknown preset, field or a name that is not an identifier.
    """
    if data is None:
        return PRESETS[DEFAULT_PRESET]
    if isinstance(data, str):
        data = {"preset": data}
    if not isinstance(data, Mapping):
        raise SpecError(where, "expected a preset name or a mapping")
    preset = data.get("preset", DEFAULT_PRESET)
    if preset not in PRESETS:
        raise SpecError(f"{where}.preset",
                        f"unknown preset {preset!r}; expected one of {', '.join(PRESETS)}")
    allowed = set(NAME_FIELDS) | {"preset", "numbering", "product_order"}
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key == "preset":
            continue
        if key not in allowed:
            raise SpecError(f"{where}.{key}", "unknown setting; expected one of "
                            + ", ".join(sorted(allowed)))
        if key == "numbering" and value not in NUMBERINGS:
            raise SpecError(f"{where}.numbering", f"expected one of {', '.join(NUMBERINGS)}")
        if key == "product_order" and value not in PRODUCT_ORDERS:
            raise SpecError(f"{where}.product_order",
                            f"expected one of {', '.join(PRODUCT_ORDERS)}")
        if key in NAME_FIELDS and not (isinstance(value, str) and _NAME.match(value)):
            raise SpecError(f"{where}.{key}", f"expected a name made of letters (e.g. z, net, "
                            f"eta, y_hat), got {value!r}")
        changes[key] = value
    notation = PRESETS[preset].merge(**changes)
    if "numbering" in changes and changes["numbering"] != "by-target":
        notation = notation.merge(tagged=False)
    return notation
