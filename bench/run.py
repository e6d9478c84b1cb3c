"""derive's benchmark: ``make bench`` (or ``python bench/run.py``).

Times, in one run on this machine, with ``time.perf_counter`` around whole
processes (``subprocess``) or around calls in a warm process:

1. start-up: ``derive --help`` and ``derive examples`` against a bare Python;
2. the seed example to every text format, and its two PDFs, split into derive's
   own time and TeX's (latexmk, as derive runs it);
3. full derivations (every gradient, JSON; and Markdown) of fully connected
   networks from 2-2-1 to 64-64-64-10, against one float64 numpy backprop of the
   same network (the numeric floor) and ``sympy.diff`` of the fully composed loss
   per parameter (the naive approach, in a subprocess with a time limit);
4. batches of exercise variants (until ``derive exercises`` exists: N variants
   of the seed network with other numbers, solved in one process, one handout
   .tex each, and one combined handout compiled to PDF) against one bare
   pdflatex run of the same file.

Prints a table, checks the targets of issue 9 and writes every figure as JSON.
Each figure is the minimum over ``--runs`` runs (the median is in the JSON):
the machine is shared, and the minimum is the least disturbed run.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import networks  # noqa: E402  (the benchmark's own helper, beside this file)

SIZES = ([2, 2, 1], [8, 8, 2], [8, 8, 8, 2], [12, 12, 12, 4], [16, 16, 16, 4],
         [32, 32, 32, 8], [48, 48, 48, 10], [64, 64, 64, 10])
#: The range over which the cost per parameter must stay within 2×.
LINEAR_RANGE = (80, 12_000)
TARGETS = {
    "seed_own_vs_tex": 0.25,     # derive's own time ≤ 0.25 × TeX's
    "per_parameter_spread": 2.0,  # max/min cost per parameter over LINEAR_RANGE
    "naive_speedup": 100.0,      # ≥ 100× faster than sympy.diff of the composed loss
    "batch_pdf_vs_pdflatex": 1.5,  # batch with PDFs ≤ 1.5 × bare pdflatex
}
SEED = "lecture-2-2-1"


def timed(fn, runs: int) -> dict:
    """Run ``fn`` ``runs`` times: min and median seconds, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return {"min": min(times), "median": statistics.median(times), "result": result}


def command(args: list[str], cwd: str | None = None, timeout: float | None = None) -> None:
    """Run a process to completion; raise if it fails."""
    subprocess.run(args, cwd=cwd, check=True, timeout=timeout, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def derive_command() -> list[str]:
    return [sys.executable, "-m", "derive"]


# -- 1. start-up and 2. the seed example -------------------------------------------


def startup(runs: int) -> dict:
    return {
        "python": timed(lambda: command([sys.executable, "-c", "pass"]), runs),
        "derive --help": timed(lambda: command([*derive_command(), "--help"]), runs),
        "derive examples": timed(lambda: command([*derive_command(), "examples"]), runs),
    }


def latexmk(tex: Path) -> None:
    """Compile one .tex from scratch the way derive does (latexmk, in a fresh folder)."""
    with tempfile.TemporaryDirectory() as work:
        shutil.copy(tex, work)
        command(["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error",
                 "-no-shell-escape", tex.name], cwd=work, timeout=600)


def pdflatex(tex: Path) -> None:
    """One bare pdflatex run of a .tex (no second pass), in a fresh folder."""
    with tempfile.TemporaryDirectory() as work:
        shutil.copy(tex, work)
        command(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                cwd=work, timeout=600)


def seed(runs: int, folder: Path) -> dict:
    out = folder / "seed"
    solve = [*derive_command(), "solve", "--example", SEED, "-o", str(out),
             "--format", "slides,handout,markdown,json"]
    own = timed(lambda: command([*solve, "--no-pdf"]), runs)
    texs = [out / f"{SEED}-slides.tex", out / f"{SEED}-handout.tex"]
    tex = timed(lambda: [latexmk(t) for t in texs], runs)
    whole = timed(lambda: command([*solve, "--pdf"]), runs)
    return {"own": own, "tex": tex, "with_pdfs": whole}


# -- 3. scaling --------------------------------------------------------------------


def scaling(runs: int, naive_limit: float) -> list[dict]:
    import derive.api as derive

    derive.solve(networks.spec([2, 2, 1], seed=99)).render("json")  # warm: imports, kinds
    rows, naive_alive = [], True
    for layers in SIZES:
        problem = networks.spec(layers)
        count = networks.parameters(layers)
        repeat = runs * 3 if count < 1000 else 2  # small ones are the noisiest
        as_json = timed(lambda p=problem: derive.solve(p).render("json"), repeat)
        as_markdown = timed(lambda p=problem: derive.solve(p).render("markdown"), repeat)
        floor = _numpy_floor(problem)
        row = {"layers": layers, "parameters": count, "json": as_json["min"],
               "json_median": as_json["median"], "markdown": as_markdown["min"],
               "numpy": floor, "agrees": _agrees(json.loads(as_json["result"]), problem)}
        if naive_alive:
            row["naive"] = _naive(layers, naive_limit)
            naive_alive = row["naive"] is not None
        rows.append(row)
        print(f"  {'-'.join(map(str, layers)):>14}: {as_json['min']:.3f} s", file=sys.stderr)
    return rows


def _numpy_floor(problem: dict) -> float:
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < 0.2:
        networks.numpy_backprop(problem)
        calls += 1
    return (time.perf_counter() - start) / calls


def _agrees(data: dict, problem: dict) -> bool:
    """derive's gradients (the JSON ``layers[].dW``) against numpy's, to 1e-9."""
    theirs = networks.numpy_backprop(problem)
    mine = [np.array(layer["dW"]) for layer in data["layers"]]
    return all(np.allclose(m, t, rtol=1e-9, atol=1e-12) for m, t in zip(mine, theirs, strict=True))


def _naive(layers: list[int], limit: float) -> float | None:
    """Seconds of the naive approach in its own process, or None past ``limit``."""
    code = ("import json, sys, time; sys.path.insert(0, sys.argv[1]); import networks, sympy\n"
            "p = networks.spec(json.loads(sys.argv[2])); t = time.perf_counter()\n"
            "networks.naive_gradients(p); print(time.perf_counter() - t)")
    try:
        done = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent),
                               json.dumps(layers)], capture_output=True, text=True,
                              timeout=limit, check=True)
    except subprocess.TimeoutExpired:
        return None
    return float(done.stdout)


# -- 4. exercise batches -----------------------------------------------------------


def batches(counts: list[int], folder: Path) -> list[dict]:
    """N variants solved in one process: one handout .tex each; and one combined
    handout of all N (what a sheet of exercises will be) compiled to PDF by derive,
    against one bare pdflatex run of that same file."""
    import derive.api as derive
    from derive import pdf, render
    from derive.document import Document, Section

    def variants(count):
        return [networks.spec([2, 2, 1], seed=n, title=f"Exercise {n}")
                for n in range(1, count + 1)]

    def tex_files(out, count):
        for n, problem in enumerate(variants(count), start=1):
            (out / f"exercise-{n}.tex").write_text(derive.solve(problem).render("handout"))

    def sheet(out, count):
        results = [derive.solve(problem) for problem in variants(count)]
        combined = Document(f"{count} exercises", "Worked solutions", tuple(
            Section((f"Exercise {n}: ", *section.title), section.steps)
            for n, result in enumerate(results, start=1)
            for section in result.document.sections))
        path = out / "sheet.tex"
        path.write_text(render.render(combined, "handout"))
        start = time.perf_counter()
        pdf.compile_tex(path)
        return time.perf_counter() - start

    rows = []
    for count in counts:
        out = folder / f"batch-{count}"
        out.mkdir(parents=True, exist_ok=True)
        tex_only = timed(lambda out=out, count=count: tex_files(out, count), 1)["min"]
        with_pdf = timed(lambda out=out, count=count: sheet(out, count), 1)
        bare = timed(lambda out=out: pdflatex(out / "sheet.tex"), 1)["min"]
        rows.append({"variants": count, "tex_only": tex_only, "with_pdf": with_pdf["min"],
                     "latexmk": with_pdf["result"], "pdflatex": bare})
        print(f"  batch of {count}: done", file=sys.stderr)
    return rows


# -- the table ---------------------------------------------------------------------


def verdicts(report: dict) -> list[tuple[str, float, str, bool]]:
    """(target, measured, bound, met) for each target of the issue."""
    seed_ratio = report["seed"]["own"]["min"] / report["seed"]["tex"]["min"]
    in_range = [r for r in report["scaling"]
                if LINEAR_RANGE[0] <= r["parameters"] <= LINEAR_RANGE[1]]
    per = [r["json"] / r["parameters"] for r in in_range]
    spread = max(per) / min(per)
    finished = [r for r in report["scaling"] if r.get("naive")]
    speedup = finished[-1]["naive"] / finished[-1]["json"] if finished else float("nan")
    batch = report["batches"][-1]
    batch_ratio = batch["with_pdf"] / batch["pdflatex"]
    return [
        ("seed: derive's own time / TeX's", seed_ratio, "≤ 0.25",
         seed_ratio <= TARGETS["seed_own_vs_tex"]),
        (f"cost per parameter, max/min over {LINEAR_RANGE[0]}–{LINEAR_RANGE[1]:,} parameters",
         spread, "≤ 2", spread <= TARGETS["per_parameter_spread"]),
        ("naive sympy.diff / derive at the largest size it finishes"
         + (f" ({'-'.join(map(str, finished[-1]['layers']))})" if finished else ""),
         speedup, "≥ 100", speedup >= TARGETS["naive_speedup"]),
        (f"batch of {batch['variants']}: sheet with PDF / bare pdflatex", batch_ratio, "≤ 1.5",
         batch_ratio <= TARGETS["batch_pdf_vs_pdflatex"]),
    ]


def table(report: dict) -> str:
    s, lines = report["startup"], []
    add = lines.append
    add("Start-up (whole processes)")
    for name, t in s.items():
        add(f"  {name:<18} {t['min']:7.3f} s   ({t['min'] / s['python']['min']:.1f}× python)")
    seed_ = report["seed"]
    add(f"\nSeed example ({SEED})")
    add(f"  derive, all text formats, no PDF   {seed_['own']['min']:7.3f} s")
    add(f"  TeX: latexmk of its two .tex       {seed_['tex']['min']:7.3f} s")
    add(f"  derive solve --pdf (whole)         {seed_['with_pdfs']['min']:7.3f} s")
    add("\nFull derivations (every gradient; warm process)")
    add(f"  {'network':>14} {'params':>7} {'JSON s':>8} {'µs/param':>9} {'Markdown s':>11} "
        f"{'numpy µs':>9} {'naive s':>9} {'naive/JSON':>10}  agrees")
    for r in report["scaling"]:
        naive = r.get("naive")
        naive_text = ("—" if "naive" not in r else "> limit" if naive is None
                      else f"{naive:.2f}")
        speed = f"{naive / r['json']:.0f}×" if naive else "—"
        add(f"  {'-'.join(map(str, r['layers'])):>14} {r['parameters']:>7,} {r['json']:8.3f} "
            f"{1e6 * r['json'] / r['parameters']:9.0f} {r['markdown']:11.3f} "
            f"{1e6 * r['numpy']:9.0f} {naive_text:>9} {speed:>10}  {r['agrees']}")
    add("\nExercise batches (variants of the seed network with other numbers; one process)")
    add(f"  {'variants':>8} {'.tex files s':>12} {'sheet+PDF s':>12} {'of it latexmk':>14} "
        f"{'bare pdflatex s':>16}")
    for b in report["batches"]:
        add(f"  {b['variants']:>8} {b['tex_only']:12.3f} {b['with_pdf']:12.3f} "
            f"{b['latexmk']:14.3f} {b['pdflatex']:16.3f}")
    add("\nTargets")
    for name, value, bound, met in verdicts(report):
        add(f"  {'met ' if met else 'MISS'} {name}: {value:.2f} ({bound})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (minimum kept)")
    parser.add_argument("--naive-limit", type=float, default=90,
                        help="seconds the naive sympy.diff approach may take per network")
    parser.add_argument("--batches", default="30,300", help="batch sizes of exercise variants")
    parser.add_argument("--json", default="bench/results.json", help="where to write figures")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="derive-bench-") as work:
        folder = Path(work)
        report = {"machine": {"python": platform.python_version(), "system": platform.platform(),
                              "cpus": __import__("os").cpu_count()}}
        print("start-up …", file=sys.stderr)
        report["startup"] = startup(args.runs)
        print("seed example …", file=sys.stderr)
        report["seed"] = seed(args.runs, folder)
        print("scaling …", file=sys.stderr)
        report["scaling"] = scaling(args.runs, args.naive_limit)
        print("exercise batches …", file=sys.stderr)
        report["batches"] = batches([int(n) for n in args.batches.split(",")], folder)
    for part in ("startup", "seed"):
        for t in report[part].values():
            t.pop("result", None)
    report["targets"] = [{"target": name, "value": value, "bound": bound, "met": met}
                         for name, value, bound, met in verdicts(report)]
    Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
