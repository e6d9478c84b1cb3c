"""Compiling LaTeX to PDF with a real TeX engine (latexmk + pdflatex).

The engine is jailed to its job: shell escape stays off, and kpathsea's
``openin_any=p``/``openout_any=p`` ("paranoid") let TeX read and write only
inside the private temporary folder the build runs in (plus its own installed
packages), so ``\\input{/etc/passwd}`` smuggled into a document finds nothing.
Only the finished PDF is moved next to the ``.tex`` file, so a failed build
never leaves a broken PDF behind. On a LaTeX error the relevant lines of the log are
shown, not the whole log.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from derive.errors import BuildError
from derive.output import write_atomic

INSTALL_HINT = ("install TeX Live: sudo apt-get install latexmk texlive-latex-base "
                "texlive-latex-recommended texlive-pictures texlive-fonts-recommended lmodern "
                "(or run make setup)")
TIMEOUT_SECONDS = 180


def engine_available() -> bool:
    """True when latexmk and pdflatex are on the PATH."""
    return shutil.which("latexmk") is not None and shutil.which("pdflatex") is not None


def compile_tex(tex_path: str | Path) -> Path:
    """Compile ``tex_path`` to a PDF beside it and return the PDF's path.

    Raises:
        BuildError: no engine, a LaTeX error (with the log's key lines), or a timeout.
    """
    tex_path = Path(tex_path).resolve()
    if not engine_available():
        raise BuildError(f"no TeX engine found; {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="derive-tex-") as work:
        shutil.copy(tex_path, Path(work) / tex_path.name)
        command = ["latexmk", "-norc", "-pdf", "-interaction=nonstopmode", "-halt-on-error",
                   "-no-shell-escape", "-file-line-error", tex_path.name]
        try:
            result = subprocess.run(command, cwd=work, capture_output=True, text=True,
                                    timeout=TIMEOUT_SECONDS, stdin=subprocess.DEVNULL,
                                    env=jailed_environment(work))
        except subprocess.TimeoutExpired:
            raise BuildError(f"{tex_path.name}: LaTeX took longer than {TIMEOUT_SECONDS} s") \
                from None
        built = Path(work) / tex_path.with_suffix(".pdf").name
        if result.returncode != 0 or not built.exists():
            log = Path(work) / tex_path.with_suffix(".log").name
            text = log.read_text(errors="replace") if log.exists() else result.stdout
            raise BuildError(f"{tex_path.name}: LaTeX failed: {log_excerpt(text)}; "
                             "--no-pdf writes the .tex alone to look at")
        return write_atomic(tex_path.with_suffix(".pdf"), built.read_bytes())


def jailed_environment(work: str | Path) -> dict[str, str]:
    """The environment for a TeX run that may touch files only inside ``work``."""
    return {**os.environ, "openin_any": "p", "openout_any": "p", "shell_escape": "f",
            "TEXMFOUTPUT": str(work)}


def log_excerpt(log: str, context: int = 2) -> str:
    """The error lines of a LaTeX log (``! …`` or ``file:line: …``) with a little context."""
    lines = log.splitlines()
    picked: list[str] = []
    for i, line in enumerate(lines):
        if line.startswith("!") or (":" in line and line.split(":")[1:2]
                                    and line.split(":")[1].strip().isdigit()
                                    and line.endswith(tuple("abcdefghijklmnopqrstuvwxyz.!"))):
            picked.extend(l for l in lines[i:i + context + 1] if l.strip())
        if len(picked) >= 4:
            break
    return " | ".join(picked[:4]) if picked else "see the .log file (no error line found)"
