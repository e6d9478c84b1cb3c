"""Building the worked solution's document from the numbers.

This is where the lecture rhythm lives: the network and its data, the forward
pass layer by layer (definition = substituted = value), the loss, the backward
pass parameter by parameter (chain rule, each factor symbolically and then as a
number, the product), the same gradients in δ form, the update, and the forward
pass after the update. Every number comes from :mod:`derive.solution`.
"""

from __future__ import annotations

from dataclasses import replace

from derive.document import Document, Section, Step
from derive.solution import Solution, StepResult
from derive.worked import factors
from derive.worked.backward import BackwardWriter
from derive.worked.forward import ForwardWriter
from derive.worked.matrix import MatrixWriter
from derive.worked.picture import PictureWriter
from derive.worked.training import TrainingWriter


def build(solution: Solution, answers: dict) -> Document:
    """The whole worked solution of ``solution`` as a document."""
    b = _Builder(solution)
    sections = [b.setup()]
    for number, step in enumerate(solution.steps, start=1):
        if number == 1:
            sections += b.gradient_step(number, step)
        elif solution.spec.steps_detail == "all":
            sections += [replace(s, handout_only=True) for s in b.gradient_step(number, step)]
    if b.multi:
        if solution.spec.steps_detail == "all":
            sections.append(replace(b.after(), handout_only=True))
        sections.append(b.training())
    elif solution.steps:
        sections.append(b.after())
    else:
        sections += b.forward_only()
    return Document(solution.spec.title, b.subtitle(), tuple(sections), answers,
                    reveal=solution.spec.overlays)


class _Builder(ForwardWriter, BackwardWriter, MatrixWriter, PictureWriter, TrainingWriter):
    """Puts the sections together in lecture order."""

    def subtitle(self) -> str:
        steps = self.spec.steps
        what = ("forward pass and loss" if steps == 0 else
                "forward pass, loss, backpropagation and "
                + ("one gradient-descent step" if steps == 1
                   else f"{steps} gradient-descent steps"))
        return f"Worked solution: {what}"

    def gradient_step(self, number: int, step: StepResult) -> list[Section]:
        """One step of gradient descent: a single example pass by pass; a batch example
        by example (forward, loss, gradients), then the means and the update."""
        prefix = self.prefix(number)
        simplification = factors.softmax_cross_entropy_step(self.g, self.spec)
        deltas = [simplification] if simplification else []
        update = Section((f"{prefix}Update",), tuple(self.update_steps(step)))
        intro = [self.backward_intro()] if number == 1 else []
        if not self.batch:
            ex = step.examples[0]
            signals = self.delta_frames(ex, 1, step)
            backward = [*intro, *self.gradient_frames(ex, 1)]
            drawn = Step(("The network after the forward pass",), (self.diagram(
                values=ex.values, caption="Each neuron with the value the forward pass gave it."),),
                "forward")
            sections = [
                Section((f"{prefix}Forward pass",), (*self.forward_steps([ex]), drawn)),
                Section((f"{prefix}Loss",), (self.loss_step([ex], step.loss),)),
            ]
            title = f"{prefix}Error signals "
            if backward[len(intro):]:
                sections.append(Section((f"{prefix}Backward pass",), tuple(backward)))
            else:  # every gradient through δ: the error signals are the backward pass
                title, deltas = f"{prefix}Backward pass: error signals ", [*intro, *deltas]
            if signals:
                sections.append(Section((title, self.spec.notation.letter("delta")),
                                        (*deltas, *signals)))
            return self.numbered(number, [*sections, update])
        sections = []
        for n, ex in enumerate(step.examples, start=1):
            steps = [*self.forward_steps([ex], first=n),
                     self.loss_step([ex], ex.values[("C",)], first=n, mean=False)]
            if n == 1:
                steps += [*intro, *deltas]
            steps += [*self.gradient_frames(ex, n), *self.delta_frames(ex, n, step)]
            sections.append(Section((f"{prefix}Example {n}",), tuple(steps)))
        batch = Step(("Batch loss",), tuple(self.batch_loss(step.examples, step.loss)), "loss")
        sections.append(Section((f"{prefix}The batch",), (batch, self.batch_gradients(step))))
        return self.numbered(number, [*sections, update])

    def numbered(self, number: int, sections: list[Section]) -> list[Section]:
        """With several steps, every frame says which step it is in ("Step 2: loss …")."""
        if not self.multi:
            return sections
        return [replace(s, steps=tuple(replace(t, title=(self.prefix(number), *_lower(t.title)))
                                       for t in s.steps)) for s in sections]

    def forward_only(self) -> list[Section]:
        return [Section(("Forward pass",), tuple(self.forward_steps(self.s.after))),
                Section(("Loss",), (self.loss_step(self.s.after, self.s.loss_after),))]


def _lower(title: tuple) -> tuple:
    """A title continued after "Step n: ": its first word in lower case."""
    first = title[0]
    if isinstance(first, str) and first[:1].isupper() and not first[1:2].isupper():
        return (first[0].lower() + first[1:], *title[1:])
    return title
