"""Shared fixtures: running the CLI in-process and as a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests draw the same examples every run (a failure there is
# reproducible); locally they explore new ones each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None):
    """Run ``python -m derive ARGS`` as a user would; returns the CompletedProcess."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "derive", *args], capture_output=True,
                          text=True, cwd=cwd or ROOT, env=env, input=stdin, timeout=300)


@pytest.fixture
def cli():
    """The CLI runner."""
    return run_cli


@pytest.fixture
def exact_arithmetic():
    """mpmath at derive's working precision, for tests that call verify's internals directly
    (derive's entry points set it themselves and leave the caller's precision alone)."""
    import mpmath

    from derive.rounding import PRECISION

    with mpmath.workdps(PRECISION):
        yield
