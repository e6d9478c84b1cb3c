"""Several steps of gradient descent, shortly: the loss and the focus weights step by
step in one table, and the loss curve (step 1 is worked in full before them)."""

from __future__ import annotations

from derive import formula as F
from derive.document import Plot, Prose, Section, Step, Table
from derive.solution import Value
from derive.worked.base import Writer


class TrainingWriter(Writer):
    """Writes the training section of a run of several steps."""

    def history(self) -> list[tuple[Value, dict]]:
        """The loss and the parameters at the start (0) and after each update (1 … N)."""
        steps = self.s.steps
        losses = [s.loss for s in steps] + [self.s.loss_after]
        params = [steps[0].params] + [{**s.params, **s.updated} for s in steps]
        return list(zip(losses, params, strict=True))

    def training(self) -> Section:
        """The table, the curve and what the training did to the loss."""
        focus = [p for p in self.s.chains if self.spec.focused(p)]
        loss = self.loss_name()
        history = self.history()
        header = (("after step",), (loss,), *((self.name(p),) for p in focus))
        rows = tuple(((str(n) if n else "start",), (value.num,),
                      *((params[p].num,) for p in focus))
                     for n, (value, params) in enumerate(history))
        table = Step(("Loss and weights step by step",), (
            Prose(("Every step repeats step 1 with the updated weights"
                   + (" (worked in full in the handout)" if self.spec.steps_detail == "all"
                      else "") + ":",)),
            Table(header, rows)), "comparison")
        curve = Step(("The loss curve",), (Plot(
            # Drawn from the exact losses: displayed to a few decimals, a slowly
            # falling loss would draw as a staircase.
            tuple((str(n), f"{float(value.exact):.6g}") for n, (value, _) in enumerate(history)),
            ("step",), (loss,), f"The loss after each of the {len(self.s.steps)} steps."),),
            "comparison")
        before, after = history[0][0], history[-1][0]
        change = "fell" if after.exact < before.exact else "rose"
        verdict = Step(("Loss before and after",), (Prose((
            "Before training ", F.Rel(loss, "=", before.num),
            f"; after {len(self.s.steps)} steps ", F.Rel(loss, "=", after.num),
            f": the loss {change}." + ("" if change == "fell"
                                       else " The learning rate may be too large.")),),),
            "comparison")
        return Section(("Training",), (table, curve, verdict))
