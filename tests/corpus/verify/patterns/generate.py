"""An independent generator of lecture-style walk-throughs with planted slips (issue 13).

Written apart from ``derive verify`` and sharing no code with it (only the standard
library): it computes a 2-2-1 sigmoid network by hand, prints the working the way
lecture notes do — Markdown with ``$…$``, LaTeX ``align*``, or plain Unicode text —
and plants the slips of issue 13's patterns:

1. a wrong result whose wrong value later lines carry honestly, and a number
   substituted for a name with another value (``σ(z₁) = σ(0.512)``);
2. a wrong link inside a chain (``½(1.75)² ≈ ½ × 3.36 ≈ 1.68``);
3. a restatement with another value (``h₁ ≈ 0.61`` after ``h₁ = 0.5933``);
4. slips inside the forms that are hard to read: table rows, ``tabular``/``array``,
   ``bmatrix`` products, lists after ``≈``, continuation lines, values in prose,
   ``\\sigma (x)``, scientific notation;
5. a last digit off by 2–3 units (an error), next to off-by-one decoys (doubtful);
6. model slips, consistent on their line but wrong for the network: the
   derivative of another loss, a forward value from the wrong input, a gradient
   using an already-updated weight (found only with ``--network``; each document
   with one gets its spec, ``<name>.yaml``).

Run ``python tests/corpus/verify/patterns/generate.py`` to rewrite ``docs/`` and
``manifest.json`` (deterministic: ``random.Random(seed)`` per document); with
``--fresh`` it writes another draw (other seeds) to ``fresh/`` and ``fresh.json``,
made after the checker was tuned on ``docs/`` and measured once.
"""

from __future__ import annotations

import json
import math
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).parent
STYLES = ("markdown", "latex", "plain")
SUFFIX = {"markdown": ".md", "latex": ".tex", "plain": ".txt"}
DOCUMENTS = 60


def sig(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def show(x: float, places: int = 4) -> Decimal:
    """Half-up rounding, as the authors of lecture notes round."""
    return Decimal(repr(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def text(d: Decimal) -> str:
    return format(d, "f")


class Sheet:
    """One document being written: its lines, its style and what was planted where."""

    def __init__(self, style: str, rng: random.Random):
        self.style, self.rng = style, rng
        self.lines: list[str] = []
        self.slips: list[list] = []
        self.model: list[list] = []
        self.doubtful: list[list] = []
        self.last = 0

    # -- maths in each style ----------------------------------------------------------
    def m(self, latex: str, unicode: str) -> str:
        return unicode if self.style == "plain" else latex

    def eq(self, latex: str, unicode: str) -> None:
        """One displayed equation (a line of its own)."""
        if self.style == "markdown":
            self.lines.append(f"$${latex}$$")
        elif self.style == "latex":
            self.lines += ["\\begin{align*}", latex, "\\end{align*}"]
        else:
            self.lines.append(unicode)
        self.last = len(self.lines) - (1 if self.style == "latex" else 0)
        self.lines.append("")

    def say(self, words: str) -> None:
        self.lines += [words, ""]

    def here(self) -> int:
        """The 1-based line number of the last equation written."""
        return self.last

    # -- slips ---------------------------------------------------------------------------
    def slip(self, value: Decimal, kind: str) -> Decimal:
        """A wrong value: a digit changed, or the last digit off by 2–3 (kind ``digit``)."""
        unit = Decimal(1).scaleb(value.as_tuple().exponent)
        if kind == "digit":
            return value + unit * self.rng.choice((2, 3, -2, -3))
        return value + unit * self.rng.choice((10, 20, -10, 30, -40))

    def decoy(self, value: Decimal) -> Decimal:
        unit = Decimal(1).scaleb(value.as_tuple().exponent)
        return value + unit * self.rng.choice((1, -1))


def network(rng: random.Random) -> dict:
    pick = lambda: round(rng.uniform(0.1, 0.9), 2)  # noqa: E731
    return {"x": [round(rng.uniform(0.05, 1), 2), round(rng.uniform(0.05, 1), 2)],
            "w": [None] + [pick() for _ in range(6)], "y": rng.choice((0, 1)),
            "eta": rng.choice((0.1, 0.5, 1.0))}


def write(index: int, seeds: int = 1300) -> tuple[str, str, dict, str | None]:
    rng = random.Random(seeds + index)
    style = STYLES[index % 3]
    sheet = Sheet(style, rng)
    net = network(rng)
    x1, x2 = net["x"]
    w = net["w"]
    y, eta = net["y"], net["eta"]
    model = index % 4 == 3  # a quarter of the documents carry a model slip (pattern 6)
    kinds = ["z1", "h1", "chain", "restate", "table", "matrix", "list", "continuation",
             "prose", "digit", "scientific", "o"]
    if model:  # the model slip's line must add up: no equation slip on z1
        kinds = [k for k in kinds if k not in ("z1", "digit", "table", "matrix")]
    planted = rng.sample(kinds, 3)
    half_loss = rng.random() < 0.5 or not model  # the network's loss: ½(y − o)² or (y − o)²
    sheet.say("# A worked example: one step of backpropagation" if style == "markdown"
              else "A worked example: one step of backpropagation")
    sheet.say(f"Inputs x1 = {x1}, x2 = {x2}; target y = {y}; learning rate {eta}. Weights "
              + ", ".join(f"w{i} = {w[i]}" for i in range(1, 7)) + ".")

    # forward: z1 (pattern 1 / 5 / table / matrix), z2
    wrong_input = model and rng.random() < 0.5
    z1_true = x1 * w[1] + x2 * w[3]
    z1_used = x1 * w[1] + x1 * w[3] if wrong_input else z1_true
    second = x1 if wrong_input else x2
    z1 = show(z1_used)
    z2 = show(x1 * w[2] + x2 * w[4])
    z1_written = z1
    if "z1" in planted or "table" in planted or "matrix" in planted:
        z1_written = sheet.slip(z1, "big")
    elif "digit" in planted:
        z1_written = sheet.slip(z1, "digit")
    elif rng.random() < 0.3 and not model:
        z1_written = sheet.decoy(z1)
    form = "table" if "table" in planted else "matrix" if "matrix" in planted else \
        rng.choice(("eq", "eq", "table"))
    if form == "matrix" and wrong_input:
        form = "eq"  # the matrix form cannot use x1 twice for one row only
    if form == "table" and style != "plain":
        if style == "markdown":
            sheet.lines += ["| unit | net input | value |", "|---|---|---|",
                            f"| $z_1$ | ${x1} \\times {w[1]} + {text(Decimal(repr(second)))} "
                            f"\\times {w[3]}$ | {text(z1_written)} |",
                            f"| $z_2$ | ${x1} \\times {w[2]} + {x2} \\times {w[4]}$ | {text(z2)} |",
                            ""]
            z1_line = len(sheet.lines) - 2
        else:
            sheet.lines += ["\\begin{tabular}{lcc}", "\\hline", "unit & net input & value \\\\",
                            f"$z_1$ & ${x1} \\cdot {w[1]} + {second} \\cdot {w[3]}$ & "
                            f"${text(z1_written)}$ \\\\",
                            f"$z_2$ & ${x1} \\cdot {w[2]} + {x2} \\cdot {w[4]}$ & "
                            f"${text(z2)}$ \\\\",
                            "\\end{tabular}", ""]
            z1_line = len(sheet.lines) - 3
    elif form == "matrix" and style != "plain":
        sheet.eq(f"\\begin{{bmatrix}} z_1 \\\\ z_2 \\end{{bmatrix}} = \\begin{{bmatrix}} {w[1]} & "
                 f"{w[3]} \\\\ {w[2]} & {w[4]} \\end{{bmatrix}} \\begin{{bmatrix}} {x1} \\\\ "
                 f"{second} \\end{{bmatrix}} = \\begin{{bmatrix}} {text(z1_written)} \\\\ "
                 f"{text(z2)} \\end{{bmatrix}}", "")
        z1_line = sheet.here()
    else:
        # with the wrong input the author shows only numbers: the line adds up
        names = ("", "") if wrong_input else ("x_1 w_1 + x_2 w_3 = ", "x₁·w₁ + x₂·w₃ = ")
        sheet.eq(f"z_1 = {names[0]}{x1} \\times {w[1]} + {second} \\times {w[3]} = "
                 f"{text(z1_written)}",
                 f"z₁ = {names[1]}{x1} × {w[1]} + {second} × {w[3]} = {text(z1_written)}")
        z1_line = sheet.here()
        sheet.eq(f"z_2 = x_1 w_2 + x_2 w_4 = {x1} \\times {w[2]} + {x2} \\times {w[4]} = "
                 f"{text(z2)}",
                 f"z₂ = x₁·w₂ + x₂·w₄ = {x1} × {w[2]} + {x2} × {w[4]} = {text(z2)}")
    if z1_written != z1:
        unit = Decimal(1).scaleb(z1.as_tuple().exponent)
        (sheet.doubtful if abs(z1_written - z1) <= unit else sheet.slips).append(
            [z1_line, text(z1_written)])
    if wrong_input:
        sheet.model.append([z1_line, text(z1_written)])
    z1 = z1_written  # the author carries what they wrote

    # h1 (pattern 1 substitution), h2 — or a list after ≈ (pattern 4)
    h_argument = z1
    if "h1" in planted:
        h_argument = sheet.slip(z1, "big")
    h1, h2 = show(sig(float(h_argument))), show(sig(float(z2)))
    if "list" in planted and style != "plain":
        h2_written = sheet.slip(h2, "big")
        sheet.eq(f"(h_1, h_2) = (\\sigma(z_1), \\sigma(z_2)) = (\\sigma({text(h_argument)}), "
                 f"\\sigma({text(z2)})) \\approx "
                 f"({text(h1)}, {text(h2_written)})", "")
        sheet.slips.append([sheet.here(), text(h2_written)])
        h2 = h2_written
    else:
        spacer = " " if rng.random() < 0.5 else ""
        sheet.eq(f"h_1 = \\sigma{spacer}(z_1) = \\sigma{spacer}({text(h_argument)}) = {text(h1)}",
                 f"h₁ = σ(z₁) = σ({text(h_argument)}) = {text(h1)}")
        h1_line = sheet.here()
        sheet.eq(f"h_2 = \\sigma(z_2) = \\sigma({text(z2)}) = {text(h2)}",
                 f"h₂ = σ(z₂) = σ({text(z2)}) = {text(h2)}")
    if h_argument != z1:
        sheet.slips.append([h1_line if "list" not in planted or style == "plain"
                            else sheet.here(), text(h_argument)])

    # output: z3, o (pattern 2: a wrong link inside the chain)
    z3 = show(float(h1) * w[5] + float(h2) * w[6])
    sheet.eq(f"z_3 = w_5 h_1 + w_6 h_2 = {w[5]} \\times {text(h1)} + {w[6]} \\times {text(h2)} "
             f"= {text(z3)}",
             f"z₃ = w₅·h₁ + w₆·h₂ = {w[5]} × {text(h1)} + {w[6]} × {text(h2)} = {text(z3)}")
    exp_shown = show(math.exp(-float(z3)))
    exp_written = sheet.slip(exp_shown, "big") if "o" in planted else exp_shown
    o = show(1 / (1 + float(exp_written)))
    if "continuation" in planted and style == "plain":
        o_written = sheet.slip(o, "big")
        sheet.lines += [f"o = σ(z₃) = 1 / (1 + e^(−{text(z3)}))",
                        f"  = 1 / (1 + {text(exp_written)})",
                        f"  = {text(o_written)}", ""]
        sheet.slips.append([len(sheet.lines) - 1, text(o_written)])
        o = o_written
    else:
        sheet.eq(f"o = \\sigma(z_3) = \\frac{{1}}{{1 + e^{{-{text(z3)}}}}} = "
                 f"\\frac{{1}}{{1 + {text(exp_written)}}} = {text(o)}",
                 f"o = σ(z₃) = 1 / (1 + e^(−{text(z3)})) = 1 / (1 + {text(exp_written)}) "
                 f"= {text(o)}")
    if exp_written != exp_shown:
        sheet.slips.append([sheet.here() if style != "plain" or "continuation" not in planted
                            else len(sheet.lines) - 2, text(exp_written)])

    # loss (pattern 2 exactly: ½(y − o)² = ½(d)² ≈ ½ × s ≈ c)
    d = show(y - float(o))
    square = show(float(d) ** 2)
    square_written = sheet.slip(square, "big") if "chain" in planted else square
    if half_loss:
        loss = show(0.5 * float(square_written))
        sheet.eq(f"C = \\frac{{1}}{{2}}(y - o)^2 = \\frac{{1}}{{2}}({y} - {text(o)})^2 = "
                 f"\\frac{{1}}{{2}}({text(d)})^2 \\approx \\frac{{1}}{{2}} \\times "
                 f"{text(square_written)} \\approx {text(loss)}",
                 f"C = ½(y − o)² = ½({y} − {text(o)})² = ½({text(d)})² ≈ ½ × "
                 f"{text(square_written)} ≈ {text(loss)}")
    else:
        sheet.eq(f"C = (y - o)^2 = ({y} - {text(o)})^2 = ({text(d)})^2 \\approx "
                 f"{text(square_written)}",
                 f"C = (y − o)² = ({y} − {text(o)})² = ({text(d)})² ≈ {text(square_written)}")
    if square_written != square:
        sheet.slips.append([sheet.here(), text(square_written)])

    # pattern 3: a restatement
    restated = sheet.slip(h1, "big") if "restate" in planted else show(float(h1), 2)
    sheet.say(sheet.m(f"Recall that $h_1 \\approx {text(restated)}$ from the forward pass.",
                      f"Recall that h₁ ≈ {text(restated)} from the forward pass."))
    if "restate" in planted:
        sheet.slips.append([len(sheet.lines) - 1, text(restated)])

    # backward: dC/do (model: another loss's derivative), the output delta, dC/dw5
    other_loss = model and not wrong_input
    factor = 1 if half_loss != other_loss else 2
    dcdo = show(factor * (float(o) - y))
    if factor == 1:
        sheet.eq(f"\\frac{{\\partial C}}{{\\partial o}} = o - y = {text(o)} - {y} = {text(dcdo)}",
                 f"∂C/∂o = o − y = {text(o)} − {y} = {text(dcdo)}")
    else:
        sheet.eq(f"\\frac{{\\partial C}}{{\\partial o}} = 2(o - y) = 2({text(o)} - {y}) = "
                 f"{text(dcdo)}",
                 f"∂C/∂o = 2(o − y) = 2({text(o)} − {y}) = {text(dcdo)}")
    if other_loss:
        sheet.model.append([sheet.here(), text(dcdo)])
    slope = show(float(o) * (1 - float(o)))
    sheet.eq(f"\\sigma'(z_3) = o(1 - o) = {text(o)}(1 - {text(o)}) = {text(slope)}",
             f"σ′(z₃) = o(1 − o) = {text(o)}(1 − {text(o)}) = {text(slope)}")
    g5 = show(float(dcdo) * float(slope) * float(h1), 5)
    g5_written = sheet.slip(g5, "big") if "scientific" in planted else g5
    if "scientific" in planted:
        mantissa, exponent = _scientific(g5_written)
        sheet.eq(f"\\frac{{\\partial C}}{{\\partial w_5}} = {text(dcdo)} \\times {text(slope)} "
                 f"\\times "
                 f"{text(h1)} = {mantissa} \\times 10^{{{exponent}}}",
                 f"∂C/∂w₅ = {text(dcdo)} × {text(slope)} × {text(h1)} = {mantissa} × 10^{exponent}")
        sheet.slips.append([sheet.here(), text(g5_written)])
    else:
        sheet.eq(f"\\frac{{\\partial C}}{{\\partial w_5}} = {text(dcdo)} \\times {text(slope)} "
                 f"\\times {text(h1)} = {text(g5)}",
                 f"∂C/∂w₅ = {text(dcdo)} × {text(slope)} × {text(h1)} = {text(g5)}")
    g5 = g5_written
    w5_new = show(w[5] - eta * float(g5))
    sheet.eq(f"w_5^{{+}} = w_5 - \\eta \\frac{{\\partial C}}{{\\partial w_5}} = {w[5]} - {eta} "
             f"\\times ({text(g5)}) = {text(w5_new)}",
             f"new w₅ = w₅ − η·∂C/∂w₅ = {w[5]} − {eta} × ({text(g5)}) = {text(w5_new)}")
    if "prose" in planted:
        w5_written = sheet.slip(w5_new, "big")
        sheet.say(sheet.m(f"So the weight $w_5^{{+}}$ becomes {text(w5_written)}.",
                          f"So the weight w5 becomes {text(w5_written)}."))
        sheet.slips.append([len(sheet.lines) - 1, text(w5_written)])
        w5_new = w5_written

    # model: a hidden gradient that uses the already-updated w5
    delta = show(float(dcdo) * float(slope), 5)
    used_w5 = w5_new if model and not wrong_input and not other_loss else w[5]
    local = show(float(h1) * (1 - float(h1)))
    g1 = show(float(delta) * float(used_w5) * float(local) * x1, 5)
    mark = "^{+}" if used_w5 != w[5] else ""
    sheet.eq(f"\\frac{{\\partial C}}{{\\partial w_1}} = \\delta_o w_5{mark} h_1(1 - h_1) x_1 = "
             f"{text(delta)} \\times {text(Decimal(repr(used_w5)))} \\times {text(local)} "
             f"\\times {x1} = {text(g1)}",
             f"∂C/∂w₁ = δₒ·w₅{'⁺' if mark else ''}·h₁(1 − h₁)·x₁ = {text(delta)} × "
             f"{text(Decimal(repr(used_w5)))} × {text(local)} × {x1} = {text(g1)}")
    spec = None
    if model:
        spec = _spec(net, half_loss)
    name = f"gen{index:03d}{SUFFIX[style]}"
    entry = {"style": style, "slips": sheet.slips, "model": sheet.model,
             "doubtful": sheet.doubtful, "patterns": sorted(planted),
             "network": f"{name}.yaml" if spec else None}
    return name, "\n".join(sheet.lines) + "\n", entry, spec


def _scientific(value: Decimal) -> tuple[str, int]:
    exponent = value.adjusted()
    mantissa = value.scaleb(-exponent)
    return format(mantissa, "f"), exponent


def _spec(net: dict, half_loss: bool) -> str:
    w = net["w"]
    return (f"title: generated 2-2-1 network\nnetwork:\n  layers: [2, 2, 1]\n"
            f"  activation: sigmoid\n  bias: false\n  weights:\n"
            f"    - [[{w[1]}, {w[3]}], [{w[2]}, {w[4]}]]\n    - [[{w[5]}, {w[6]}]]\n"
            f"loss: {'half_se' if half_loss else 'mse'}\n"
            f"data: {{x: [{net['x'][0]}, {net['x'][1]}], y: [{net['y']}]}}\n"
            f"learning_rate: {net['eta']}\nsteps: 1\nnotation: flat-by-source\n")


def main(fresh: bool = False) -> None:
    folder = HERE / ("fresh" if fresh else "docs")
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    manifest = {}
    for index in range(DOCUMENTS):
        name, body, entry, spec = write(index, 9300 if fresh else 1300)
        (folder / name).write_text(body, encoding="utf-8")
        if spec:
            (folder / f"{name}.yaml").write_text(spec, encoding="utf-8")
        manifest[name] = entry
    (HERE / ("fresh.json" if fresh else "manifest.json")).write_text(
        json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import sys

    main(fresh="--fresh" in sys.argv)
