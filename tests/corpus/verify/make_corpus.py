"""Write the verify corpus: worked backprop examples with planted slips.

Regenerate on purpose with ``.venv/bin/python tests/corpus/verify/make_corpus.py``;
the output is deterministic (one ``random.Random(seed)`` per document).

Each document works a 2-2-1 sigmoid network by hand the way authors do: every
line uses the numbers shown before it, rounded by the document's habit. A slip
is planted in a line's result (or in the numbers it substitutes) and carried
on, as a real author would. ``manifest.json`` lists per document the lines with
planted ``error`` slips and with planted last-digit (``rounding``) slips.

Two families: ``tune/`` (family A: z/h/o names, (y − o)² loss, no bias, half-up)
was used while developing verify; ``heldout/`` (family B: net/out names, ½ loss,
biases, other rates, a truncation habit in some documents, ≈ and results on a
continued line) was measured once untouched, then its three false alarms were
looked at (so it is no longer unseen); ``fresh/`` (family B, new seeds) was
generated after that last change and measured once.
"""

from __future__ import annotations

import json
import math
import random
import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).parent
ERROR_KINDS = ("arith", "sign", "swap", "copied", "operand", "square")
STYLES = ("md", "tex", "txt")

#: How each neutral mark is written per style.
SPELL = {
    "md": {"*": r" \times ", "σ(": r"\sigma(", "^2": "^2", "½": r"\frac{1}{2}", "−": "-",
           "approx": r"\approx"},
    "tex": {"*": r" \cdot ", "σ(": r"\text{sigmoid}(", "^2": "^{2}", "½": r"\tfrac{1}{2}",
            "−": "-", "approx": r"\approx"},
    "txt": {"*": " × ", "σ(": "σ(", "^2": "²", "½": "½", "−": "−", "approx": "≈"},
    "ascii": {"*": " * ", "σ(": "sigmoid(", "^2": "^2", "½": "0.5*", "−": "-", "approx": "~="},
}


def q(value, places: int, truncate: bool) -> Decimal:
    """Round like the author: half-up or truncation."""
    value = value if isinstance(value, Decimal) else Decimal(repr(value))
    return value.quantize(Decimal(1).scaleb(-places), ROUND_DOWN if truncate else ROUND_HALF_UP)


def name(style: str, base: str, sub: str = "", new: bool = False) -> str:
    """A quantity's name in a style: z_{1}, z₁ or z1; dC/dw5 for derivatives."""
    if base.startswith("d") and "/" in base:
        top, bottom = base[1:].split("/d")
        if style in ("md", "tex"):
            return rf"\frac{{\partial {top}}}{{\partial {name(style, bottom[0], bottom[1:])}}}"
        return f"∂{top}/∂{name(style, bottom[0], bottom[1:])}" if style == "txt" \
            else f"d{top}/d{bottom}"
    if style in ("md", "tex"):
        text = {"δ": r"\delta", "η": r"\eta"}.get(base, base) + (f"_{{{sub}}}" if sub else "")
        return text + ("^{new}" if new else "")
    if style == "txt":
        text = base + sub.translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")) if sub.isdigit() \
            else base + (f"_{sub}" if sub else "")
        return text + ("'" if new else "")
    return base + ("_" + sub if sub and not sub.isdigit() else sub) + ("_new" if new else "")


def sig(x: Decimal) -> Decimal:
    return Decimal(repr(1 / (1 + math.exp(-float(x)))))


class Author:
    """Works the example, planting the slips it was told to."""

    def __init__(self, rng: random.Random, family: str, slips: dict[str, str]):
        self.rng, self.family, self.slips = rng, family, slips
        self.truncate = family == "B" and rng.random() < 0.4
        self.values: dict[str, Decimal] = {}
        self.steps: list[tuple[str, str, str, str, str | None]] = []

    def step(self, key: str, lhs: tuple, symbolic: str, numeric: str, exact: Decimal,
             places: int, copy_from: str | None = None) -> Decimal:
        """Write one line; returns the value the author carries on."""
        value = q(exact, places, self.truncate)
        unit = Decimal(1).scaleb(-places)
        kind = self.slips.get(key)
        if kind == "arith":
            factor = self.rng.choice([-1, 1]) * self.rng.uniform(0.06, 0.4)
            wrong = q(value * Decimal(repr(1 + factor)), places, False)
            value = wrong if abs(wrong - value) >= 3 * unit else value + 7 * unit
        elif kind == "sign":
            value = -value if value else value + 9 * unit
        elif kind == "swap":
            text = format(value, "f")
            spots = [i for i in range(text.find(".") + 1, len(text) - 1)
                     if text[i] != text[i + 1]]
            value = Decimal(text[:spots[-1]] + text[spots[-1] + 1] + text[spots[-1]]
                            + text[spots[-1] + 2:]) if spots else -value
        elif kind == "copied":
            other = self.values[copy_from]
            value = other if abs(other - value) >= 3 * unit else value + 5 * unit
        elif kind == "last":
            value += unit
        self.values[key] = value
        self.steps.append((key, lhs, symbolic, numeric, format(value, "f")))
        return value


def work(author: Author, p: dict) -> None:
    """All steps of one forward pass, backward pass and update."""
    A, fam = author, author.family
    d = 3 if fam == "A" else 4
    x, w, y, eta, b = p["x"], p["w"], p["y"], p["eta"], p["b"]
    hid = (lambda j: ("net", f"h{j}"), lambda j: ("out", f"h{j}")) if fam == "B" else \
        (lambda j: ("z", str(j)), lambda j: ("h", str(j)))
    plus_b1 = f" + {b[0]}" if b[0] else ""
    z, h = {}, {}
    for j, (ka, kb) in ((1, (1, 3)), (2, (2, 4))):
        xa = x[2] if A.slips.get(f"z{j}") == "operand" else x[1]
        symbolic = f"[x1]*[w{ka}] + [x2]*[w{kb}]" + (" + [b1]" if b[0] else "")
        z[j] = A.step(f"z{j}", hid[0](j), symbolic, f"{xa}*{w[ka]} + {x[2]}*{w[kb]}{plus_b1}",
                      xa * w[ka] + x[2] * w[kb] + b[0], d)
    for j in (1, 2):
        h[j] = A.step(f"h{j}", hid[1](j), f"σ([{'/'.join(hid[0](j))}])", f"σ({z[j]})",
                      sig(z[j]), d, copy_from="h1" if j == 2 else "z1")
    out = ("net", "o1") if fam == "B" else ("z", "3")
    plus_b2 = f" + {b[1]}" if b[1] else ""
    z3 = A.step("z3", out, f"[{'/'.join(hid[1](1))}]*[w5] + [{'/'.join(hid[1](2))}]*[w6]"
                + (" + [b2]" if b[1] else ""), f"{h[1]}*{w[5]} + {h[2]}*{w[6]}{plus_b2}",
                h[1] * w[5] + h[2] * w[6] + b[1], d)
    o = A.step("o1", ("out", "o1") if fam == "B" else ("o", "1"), f"σ([{'/'.join(out)}])",
               f"σ({z3})", sig(z3), d, copy_from="h2")
    half = fam == "B"
    loss = ("E", "total") if half else ("C", "")
    # the classic slip: (y − o)² worked out as 2(y − o)
    square = (y - o) * 2 if A.slips.get("C") == "square" else (y - o) ** 2
    A.step("C", loss, "", f"{'½' if half else ''}({y} − {o})^2", square / (2 if half else 1),
           d + 1)
    dco = A.step("dCdo", (f"d{loss[0]}/do1", ""), "", f"{'−' if half else '−2'}({y} − {o})",
                 -(y - o) * (1 if half else 2), d)
    doz = A.step("dodz", ("do1/dz3", ""), "", f"{o}(1 − {o})", o * (1 - o), d)
    d3 = A.step("d3", ("δ", "o1" if half else "3"), "", f"{dco}*{doz}", dco * doz, d + 1)
    g, delta = {}, {}
    for k, j in ((5, 1), (6, 2)):
        g[k] = A.step(f"g{k}", (f"d{loss[0]}/dw{k}", ""), "", f"{d3}*{h[j]}", d3 * h[j], d + 1)
    for j, k in ((1, 5), (2, 6)):
        delta[j] = A.step(f"d{j}", ("δ", f"h{j}" if half else str(j)), "",
                          f"{d3}*{w[k]}*{h[j]}(1 − {h[j]})", d3 * w[k] * h[j] * (1 - h[j]), d + 2)
    for k, j, i in ((1, 1, 1), (2, 2, 1), (3, 1, 2), (4, 2, 2)):
        xi = x[3 - i] if A.slips.get(f"g{k}") == "operand" else x[i]
        g[k] = A.step(f"g{k}", (f"d{loss[0]}/dw{k}", ""), f"[δ/{'h' if half else ''}{j}]*[x{i}]",
                      f"{delta[j]}*{xi}", delta[j] * xi, d + 3)
    for k in (5, 6, 1, 2, 3, 4):
        A.step(f"u{k}", ("w", str(k), "new"), f"[w{k}] − [η]*[d{loss[0]}/dw{k}]",
               f"{w[k]} − {eta}*{g[k]}", w[k] - eta * g[k], d + 1)


def render(author: Author, p: dict, style: str, title: str) -> tuple[str, list, list]:
    """The document text and the lines of planted errors and last-digit slips."""
    fam = author.family
    plain_style = "ascii" if (style == "txt" and fam == "B") else style
    spell = SPELL[plain_style]

    def nm(lhs) -> str:
        base, sub, *new = (*lhs, "")[:3] if len(lhs) < 3 else lhs
        if base in ("δ",):
            return name(plain_style, "δ", sub)
        if "/" in base:
            return name(plain_style, base)
        return name(plain_style, base, sub, bool(new and new[0]))

    def expr(text: str) -> str:
        def ref(match_text: str) -> str:
            inner = match_text
            if inner.startswith("δ/"):
                return nm(("δ", inner[2:]))
            if "/" in inner and not inner.startswith("d"):
                return nm(tuple(inner.split("/")))
            if inner.startswith("d") and "/" in inner:
                return nm((inner, ""))
            if inner == "η":
                return name(plain_style, "η") if plain_style != "ascii" else "eta"
            return nm((inner[0], inner[1:]))
        out, i = "", 0
        while i < len(text):
            if text[i] == "[":
                end = text.index("]", i)
                out += ref(text[i + 1:end])
                i = end + 1
            else:
                out += text[i]
                i += 1
        out = re.sub(r"(\*|− |\+ |\()(-[\d.]+)", r"\1(\2)", out)  # 0.18 × (−0.44)
        for mark in ("σ(", "^2", "½", "*", "−"):
            out = out.replace(mark, spell[mark])
        return out

    givens = [(("x", "1"), p["x"][1]), (("x", "2"), p["x"][2]), (("y", ""), p["y"])]
    givens += [(("w", str(k)), p["w"][k]) for k in range(1, 7)]
    if p["b"][0]:
        givens += [(("b", "1"), p["b"][0]), (("b", "2"), p["b"][1])]
    givens.append((("η", ""), p["eta"]))
    rows: list[tuple[str, str | None]] = []  # (text, slip kind of the result on this row)
    headings = {"z1": "Forward pass", "dCdo": "Backward pass", "u5": "Updates"}
    if style == "md":
        rows.append((f"# {title}", None))
        rows.append(("", None))
        rows.append(("Given " + ", ".join(f"${nm(n)} = {v}$" for n, v in givens) + ".", None))
    elif style == "tex":
        rows += [(r"\documentclass{article}", None), (r"\begin{document}", None),
                 (rf"\section*{{{title}}}", None),
                 ("We start from " + ", ".join(f"${nm(n)} = {v}$" for n, v in givens) + ".",
                  None)]
    else:
        rows += [(title, None), ("=" * len(title), None), ("", None)]
        rows += [(f"{nm(n)} = {v}", None) for n, v in givens]
    for key, lhs, symbolic, numeric, result in author.steps:
        slip = author.slips.get(key)
        if key in headings:
            heading = headings[key]
            rows.append(("", None))
            rows.append((f"## {heading}" if style == "md" else rf"\subsection*{{{heading}}}"
                         if style == "tex" else f"{heading}:", None))
        parts = [nm(lhs)] + ([expr(symbolic)] if symbolic else []) + [expr(numeric)]
        rel = spell["approx"] if fam == "B" and author.rng.random() < 0.3 else "="
        broken = fam == "B" and author.rng.random() < 0.3
        if style == "md":
            if broken:
                rows.append(("$$" + " = ".join(parts) + "$$", None))
                rows.append((f"$$ {rel} {result}$$", slip))
            else:
                rows.append(("$$" + " = ".join(parts) + f" {rel} {result}$$", slip))
        elif style == "tex":
            rows.append((r"\begin{align*}", None))
            if broken:
                rows.append((parts[0] + " &= " + r" \\".join(
                    [" = ".join(parts[1:])]) + r" \\", None))
                rows.append((f"  &{rel} {result}", slip))
            else:
                rows.append((parts[0] + " &= " + " = ".join(parts[1:]) + f" {rel} {result}", slip))
            rows.append((r"\end{align*}", None))
        else:
            if broken:
                rows.append((" = ".join(parts), None))
                rows.append((" " * 4 + f"{rel} {result}", slip))
            else:
                rows.append((" = ".join(parts) + f" {rel} {result}", slip))
    if style == "tex":
        rows.append((r"\end{document}", None))
    errors = [i + 1 for i, (_, s) in enumerate(rows) if s in ERROR_KINDS]
    lasts = [i + 1 for i, (_, s) in enumerate(rows) if s == "last"]
    return "\n".join(text for text, _ in rows) + "\n", errors, lasts


#: Where each kind of slip can be planted.
PLACES = {"arith": ["z1", "z2", "z3", "C", "dCdo", "dodz", "d3", "g5", "g6", "d1", "d2", "g1",
                    "g3", "u5", "u6", "u1", "u4"],
          "sign": ["dCdo", "d3", "g5", "g1", "u6", "u2"], "swap": ["h1", "o1", "g6", "u3", "z2"],
          "copied": ["h2", "o1"], "operand": ["z1", "g3", "g2", "g4"], "square": ["C"],
          "last": ["h1", "z3", "dodz", "u5", "g5", "d2"]}


def document(seed: int, family: str, style: str) -> tuple[str, list, list]:
    """One document of the corpus."""
    rng = random.Random(seed)
    pick = lambda lo, hi, n=2: Decimal(str(round(rng.uniform(lo, hi), n)))  # noqa: E731
    p = {"x": {1: pick(0.05, 1, 2), 2: pick(0.05, 1, 2)}, "y": Decimal(rng.choice([0, 1])),
         "w": {k: pick(-0.9, 0.9) for k in range(1, 7)},
         "eta": Decimal(rng.choice(["0.1", "0.5"] if family == "B" else ["0.1", "0.25", "1"])),
         "b": (pick(0.1, 0.6), pick(0.1, 0.6)) if family == "B" else (0, 0)}
    slips: dict[str, str] = {}
    for _ in range(rng.choice([0, 1, 2, 2, 3])):
        kind = rng.choice(ERROR_KINDS)
        spot = rng.choice(PLACES[kind])
        slips.setdefault(spot, kind)
    if rng.random() < 0.5:
        spot = rng.choice(PLACES["last"])
        slips.setdefault(spot, "last")
    author = Author(rng, family, slips)
    work(author, p)
    return render(author, p, style, f"Worked example {seed}")


def main() -> None:
    """Write tune/ and heldout/ documents and the manifest."""
    manifest = {}
    for folder, family, seeds in (("tune", "A", range(1, 31)), ("heldout", "B", range(101, 131)),
                                  ("fresh", "B", range(201, 241))):
        (HERE / folder).mkdir(exist_ok=True)
        for seed in seeds:
            style = STYLES[seed % 3]
            text, errors, lasts = document(seed, family, style)
            path = f"{folder}/example{seed:03d}.{style}"
            (HERE / path).write_text(text, encoding="utf-8")
            manifest[path] = {"errors": errors, "rounding": lasts}
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
