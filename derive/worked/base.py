"""What every part of the worked solution shares: names, relations, titles."""

from __future__ import annotations

from derive import formula as F
from derive.graph import Graph, Key
from derive.solution import Solution, Value


class Writer:
    """Holds the solution being written and the small helpers every section uses."""

    def __init__(self, solution: Solution):
        self.s = solution
        self.g: Graph = solution.graph
        self.spec = solution.spec
        self.batch = len(self.spec.inputs) > 1
        self.multi = len(solution.steps) > 1
        self.derived_families: set = set()

    # -- small helpers --------------------------------------------------------------
    def name(self, key: Key) -> F.Sym:
        return self.g.name(key)

    def partial(self, of: Key, wrt: Key) -> F.Partial:
        return F.Partial(self.name(of), self.name(wrt))

    def loss_name(self, n: int | None = None) -> F.Sym:
        if n is None or not self.batch:
            return self.spec.notation.loss_sym()
        return self.spec.notation.example_loss_sym(n)

    @staticmethod
    def rel(value: Value) -> str:
        return "approx" if value.approx else "="

    def numbers(self, values: dict[Key, Value]) -> dict[F.Formula, F.Formula]:
        return {self.name(k): v.num for k, v in values.items()}

    def prefix(self, number: int) -> str:
        return f"Step {number}: " if self.multi else ""

    def example_title(self, n: int) -> str:
        return f" (example {n})" if self.batch else ""
