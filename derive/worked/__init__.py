"""Building the worked solution's document from the numbers.

This is where the lecture rhythm lives: the network and its data, the forward
pass layer by layer (definition = substituted = value), the loss, the backward
pass parameter by parameter (chain rule, each factor symbolically and then as a
number, the product), the same gradients in δ form, the update, and the forward
pass after the update. Every number comes from :mod:`derive.solution`.
"""

from __future__ import annotations

from derive import formula as F
from derive.document import Document, Section
from derive.solution import Solution, StepResult
from derive.worked.backward import BackwardWriter
from derive.worked.forward import ForwardWriter


def build(solution: Solution, answers: dict) -> Document:
    """The whole worked solution of ``solution`` as a document."""
    b = _Builder(solution)
    sections = [b.setup()]
    for number, step in enumerate(solution.steps, start=1):
        sections += b.gradient_step(number, step)
    if solution.steps:
        sections.append(b.after())
    else:
        sections += b.forward_only()
    return Document(solution.spec.title, b.subtitle(), tuple(sections), answers)


class _Builder(ForwardWriter, BackwardWriter):
    """Puts the sections together in lecture order."""

    def subtitle(self) -> str:
        steps = self.spec.steps
        what = ("forward pass and loss" if steps == 0 else
                "forward pass, loss, backpropagation and "
                + ("one gradient-descent step" if steps == 1
                   else f"{steps} gradient-descent steps"))
        return f"Worked solution: {what}"

    def gradient_step(self, number: int, step: StepResult) -> list[Section]:
        sections = [Section((f"{self.prefix(number)}Forward pass",),
                            tuple(self.forward_steps(step.examples)))]
        sections.append(Section((f"{self.prefix(number)}Loss",), (self.loss_step(step.examples,
                                                                            step.loss),)))
        sections.append(Section((f"{self.prefix(number)}Backward pass",),
                                tuple(self.backward_steps(step))))
        sections.append(Section((f"{self.prefix(number)}Error signals ", F.Sym("delta")),
                                tuple(self.delta_steps(step))))
        sections.append(Section((f"{self.prefix(number)}Update",), tuple(self.update_steps(step))))
        return sections

    def forward_only(self) -> list[Section]:
        return [Section(("Forward pass",), tuple(self.forward_steps(self.s.after))),
                Section(("Loss",), (self.loss_step(self.s.after, self.s.loss_after),))]
