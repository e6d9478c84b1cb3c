"""How large a problem derive takes: the engine's limits and the readable ones.

The engine's cost is linear in parameters × examples × steps, so its limits are
a size and a budget of that product. Slides and handouts have tighter limits,
where a worked solution stops being readable; they are checked before any work
is done, with a message that says why and what to use instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from derive.errors import SpecError

if TYPE_CHECKING:
    from derive.spec import Network, Spec

#: What the engine solves in seconds (its cost is linear in the parameters).
MAX_PARAMETERS = 20_000
MAX_LAYERS = 64
#: The engine's work is linear in parameters × examples × steps; this much takes
#: seconds (the largest network, one example, two steps: about 7 s for JSON).
MAX_WORK = 50_000
#: What slides and handouts show readably; JSON and Markdown take any network up
#: to the engine's limits.
READABLE_LAYERS = 8
READABLE_WIDTH = 12
READABLE_WORK = 10_000
#: The widest layer whose matrices fit on a slide (``form: matrix``).
MATRIX_WIDTH = 4

def parameter_count(layers: Sequence[int], biases: bool) -> int:
    """The number of weights (and biases) of a fully connected network."""
    return sum(n * (m + biases) for m, n in zip(layers, layers[1:], strict=False))


def check_size(layers: tuple[int, ...], biases: bool) -> None:
    count = parameter_count(layers, biases)
    if len(layers) > MAX_LAYERS or count > MAX_PARAMETERS:
        raise SpecError("network.layers", f"at most {MAX_LAYERS} layers and "
                        f"{MAX_PARAMETERS:,} parameters (weights and biases); this network "
                        f"has {len(layers)} layers and {count:,} parameters")


def work(network: Network, examples: int, steps: int) -> int:
    """The engine's work for a run: parameters × examples × steps (a forward pass is a step)."""
    return parameter_count(network.layers, network.biases is not None) * examples * max(steps, 1)


def check_work(network: Network, examples: int, steps: int) -> None:
    needed = work(network, examples, steps)
    if needed > MAX_WORK:
        raise SpecError("steps", f"{needed:,} parameter updates to work out (parameters × "
                        f"examples × steps); at most {MAX_WORK:,}: use fewer steps, fewer "
                        "examples or a smaller network")


def fits_slides(layers: Sequence[int]) -> bool:
    """True when a network of these layer sizes can be shown readably in slides."""
    return max(layers) <= READABLE_WIDTH and len(layers) <= READABLE_LAYERS


def check_readable(problem: Spec, what: str) -> None:
    """Refuse a problem too large to be read as ``what`` (slides, a handout).

    Raises:
        SpecError: naming the field, saying why and what to use instead.
    """
    layers = problem.network.layers
    if not fits_slides(layers):
        raise SpecError("network.layers", f"{what} show at most {READABLE_LAYERS} layers of "
                        f"at most {READABLE_WIDTH} neurons: a worked solution of "
                        f"{_shape(layers)} would not be readable; use --format "
                        "json or markdown for this network")
    if problem.form == "matrix" and max(layers) > MATRIX_WIDTH:
        raise SpecError("form", f"{what} set matrices of at most {MATRIX_WIDTH} rows and "
                        f"columns; {_shape(layers)} has a layer of {max(layers)}: use form: "
                        "scalar, or --format markdown")
    needed = work(problem.network, len(problem.inputs), problem.steps)
    if needed > READABLE_WORK:
        raise SpecError("steps", f"{what} show at most {READABLE_WORK:,} parameter updates "
                        f"(parameters × examples × steps), this run has {needed:,}: no one "
                        "reads that many pages; use fewer steps or examples, or --format json "
                        "or markdown")


def _shape(layers: tuple[int, ...]) -> str:
    shape = "-".join(map(str, layers))
    return shape if len(layers) <= READABLE_LAYERS else f"{len(layers)} layers ({shape[:40]}…)"
