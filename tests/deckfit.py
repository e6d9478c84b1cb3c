"""Compiling decks and reading what TeX says about them: overfull boxes, pages.

Shared by the layout tests and by hand measurement (``python tests/deckfit.py``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

OVERFULL = re.compile(r"Overfull \\([hv])box \(([\d.]+)pt too (?:wide|high)\)")


def compile_once(tex: Path) -> str:
    """One pdflatex run beside ``tex``; returns the log (overfull boxes show in one run)."""
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                   cwd=tex.parent, capture_output=True, timeout=300, stdin=subprocess.DEVNULL)
    return tex.with_suffix(".log").read_text(errors="replace")


def overfull(log: str, vbox: float = 2.0, hbox: float = 10.0) -> list[tuple[str, float]]:
    """The overfull boxes over the limits, as (``h``/``v``, points)."""
    found = [(kind, float(pt)) for kind, pt in OVERFULL.findall(log)]
    return [(k, pt) for k, pt in found if pt > (vbox if k == "v" else hbox)]


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages")))


def main(specs: list[str], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for spec in specs:
        args = ["--example", spec] if not spec.endswith(".yaml") else [spec]
        subprocess.run([sys.executable, "-m", "derive", "solve", *args, "--format",
                        "slides,handout", "-o", str(out)], check=True, capture_output=True)
        name = Path(spec).stem
        for kind in ("slides", "handout"):
            tex = out / f"{name}-{kind}.tex"
            log = compile_once(tex)
            boxes = overfull(log)
            print(f"{name:18} {kind:8} pages={pages(tex.with_suffix('.pdf')):4} "
                  f"overfull v={sum(k == 'v' for k, _ in boxes)} "
                  f"h={sum(k == 'h' for k, _ in boxes)} "
                  f"max={max((pt for _, pt in boxes), default=0):.0f}pt", flush=True)


if __name__ == "__main__":
    main(sys.argv[2:], Path(sys.argv[1]))
