"""The forward parts of a worked solution: the network and its data, each layer's
weighted sums and activations, the loss, the update and the pass after it."""

from __future__ import annotations

import sympy as sp

from derive import activations
from derive import formula as F
from derive.document import Equation, Prose, Section, Step, Table
from derive.graph import Key
from derive.solution import ExampleResult, StepResult, Value
from derive.transcribe import transcribe
from derive.worked.base import Writer

#: At most this many values in one cell of the given-values table.
CELL_ITEMS = 4


class ForwardWriter(Writer):
    """Writes the sections that run forward through the network."""

    def setup(self) -> Section:
        spec, sizes = self.spec, self.g.sizes
        hidden = len(sizes) - 2
        shape = (f"{sizes[0]} input{'s' if sizes[0] > 1 else ''}, "
                 + (f"{hidden} hidden layer{'s' if hidden > 1 else ''} of "
                    + ", ".join(str(n) for n in sizes[1:-1])
                    + (" neuron, " if sizes[1:-1] == (1,) else " neurons, ") if hidden else "")
                 + f"{sizes[-1]} output{'s' if sizes[-1] > 1 else ''}")
        acts = self.g.activation_titles
        act_text = (f"activation: {acts[0]} in every layer" if len(set(acts)) == 1
                    else "activations: " + ", ".join(f"{a} (layer {l})"
                                                    for l, a in enumerate(acts, start=1)))
        bias_text = ("no biases" if spec.network.biases is None else
                     "biases" + ("" if spec.network.update_biases else " (kept fixed)"))
        first = Prose((f"A {'-'.join(map(str, sizes))} network: {shape}; {act_text}; "
                       f"{bias_text}; loss: {self.g.loss_title}; learning rate ",
                       F.Rel(self.spec.notation.rate_sym(), "=", self.s.rate.num), "."))
        loss = self.g.node(("C",))
        blocks = [first, *self.activation_definitions(),
                  Equation(loss.name, (("=", loss.definition),))]
        params = self.s.steps[0].params if self.s.steps else self.s.after[0].values
        picture = self.diagram(params=params, caption="The network with its initial "
                               + ("weights and biases." if spec.network.biases else "weights."))
        return Section(("The network",), (
            Step(("The network and its data",), tuple(blocks), "setup"),
            Step(("The network",), (picture,), "setup"),
            Step(("Given values",), (self.given_table(),), "setup"),
        ))

    def activation_definitions(self) -> list[Equation]:
        """σ(z) = 1/(1 + e^{−z}) and the like, once per activation used."""

        seen, equations = set(), []
        for act in self.spec.network.activations:
            if act.name not in seen:
                seen.add(act.name)
                equations += written_definitions(act.name, act.slope)
        return equations

    def given_table(self) -> Table:
        """Inputs, targets and parameters; at most :data:`CELL_ITEMS` values a row, weights
        one row per neuron they feed, so that the table keeps inside the page."""
        rows = []
        first = self.s.steps[0].params if self.s.steps else None
        example = self.s.steps[0].examples if self.s.steps else self.s.after
        for n, ex in enumerate(example, start=1):
            for kind in ("x", "y"):
                keys = [k for k in self.g.nodes if k[0] == kind]
                label = "inputs" if kind == "x" else "targets"
                rows += self._rows((f"{label}{self.example_title(n)}",), keys, ex.values)
        params = first if first is not None else example[0].values
        for l in range(1, len(self.g.sizes)):
            weights = [k for k in self.g.parameters if k[0] == "W" and k[1] == l]
            for j in range(1, self.g.sizes[l] + 1):
                keys = sorted((k for k in weights if k[2] == j), key=self.g.reading_order)
                rows += self._rows(("weights into ", self.name(("a", l, j))), keys, params)
            biases = sorted((k for k in self.g.parameters if k[0] == "b" and k[1] == l),
                            key=self.g.reading_order)
            rows += self._rows((f"biases, layer {l}",), biases, params)
        return Table(((("quantity",), ("values",))), tuple(rows))

    def _rows(self, label: tuple, keys: list, values) -> list[tuple]:
        """A labelled list of values, continued on unlabelled rows when it is long."""
        chunks = [keys[i:i + CELL_ITEMS] for i in range(0, len(keys), CELL_ITEMS)]
        return [(label if i == 0 else ("",), self._list_cell(chunk, values))
                for i, chunk in enumerate(chunks)]

    def _list_cell(self, keys, values) -> tuple:
        parts: list = []
        for i, key in enumerate(keys):
            if i:
                parts.append(", ")
            parts.append(F.Rel(self.name(key), "=", values[key].num))
        return tuple(parts)

    def after(self) -> Section:
        if self.batch:  # example by example, each forward pass with its own loss
            steps = []
            for n, ex in enumerate(self.s.after, start=1):
                steps += self.forward_steps([ex], again=True, first=n)
                steps.append(self.loss_step([ex], ex.values[("C",)], again=True, first=n,
                                            mean=False))
            steps.append(Step(("Batch loss after the update",),
                              tuple(self.batch_loss(self.s.after, self.s.loss_after)), "loss"))
        else:
            steps = self.forward_steps(self.s.after, again=True)
            steps.append(self.loss_step(self.s.after, self.s.loss_after, again=True))
        before = self.s.steps[0].loss
        after = self.s.loss_after
        change = "fell" if after.exact < before.exact else "rose"
        loss = self.loss_name()
        steps.append(Step(("Loss before and after",), (
            Prose(("Before training ", F.Rel(loss, "=", before.num), "; after "
                   + (f"{len(self.s.steps)} steps " if self.multi else "the update ")
                   + "", F.Rel(loss, "=", after.num), f": the loss {change}."
                   + ("" if change == "fell" else " The learning rate may be too large."),)),
        ), "comparison"))
        return Section(("After the update",), tuple(steps))

    # -- forward --------------------------------------------------------------------
    def forward_steps(self, examples: list[ExampleResult], again: bool = False,
                      first: int = 1) -> list[Step]:
        """Each layer's weighted sums and activations; examples are numbered from ``first``."""
        steps = []
        last = len(self.g.sizes) - 1
        for n, ex in enumerate(examples, start=first):
            for l in range(1, last + 1):
                where = "Output layer" if l == last else (
                    "Hidden layer" if last == 2 else f"Hidden layer {l}")
                blocks = []
                if l == 1 and n == first:
                    blocks.append(Prose((
                        "With the updated parameters, the same inputs go through again."
                        if again else self.forward_intro(),)))
                if l == 1 and self.batch:
                    blocks.append(self.example_data(ex, n))
                if self.spec.form == "matrix":
                    blocks += self.matrix_forward(ex, l)
                    steps.append(Step((f"{where}{self.example_title(n)}",), tuple(blocks),
                                      "forward"))
                    continue
                js = range(1, self.g.sizes[l] + 1)
                blocks += [self.node_equation(("z", l, j), ex) for j in js]
                blocks += [self.node_equation(("a", l, j), ex) for j in js]
                steps.append(Step((f"{where}{self.example_title(n)}",), tuple(blocks),
                                  "forward"))
        return steps

    def forward_intro(self) -> str:
        if self.spec.form == "matrix":
            return ("Each layer multiplies the activations below it by its weight matrix"
                    + (", adds its biases" if self.spec.network.biases is not None else "")
                    + " and applies the activation function element by element.")
        return ("Each input is multiplied by its weight and the products are summed; the "
                "activation function is applied to the sum.")

    def example_data(self, ex: ExampleResult, n: int) -> Prose:
        """The inputs and targets of one example of a batch, restated where it starts."""
        inputs = [k for k in self.g.nodes if k[0] == "x"]
        targets = [k for k in self.g.nodes if k[0] == "y"]
        return Prose((f"Example {n}: ", *self._list_cell(inputs, ex.values), "; target ",
                      *self._list_cell(targets, ex.values), "."))

    def node_equation(self, key: Key, ex: ExampleResult) -> Equation:
        node = self.g.node(key)
        value = ex.values[key]
        operands = self.numbers({k: ex.values[k] for k in node.inputs})
        if key == ("C",):
            operands.update(self.numbers({k: v for k, v in ex.values.items() if k[0] == "y"}))
        substituted = F.substitute(node.definition, operands, op="times")
        rhs = [("=", node.definition)]
        if substituted != node.definition and substituted != value.num:
            rhs.append(("=", substituted))
        rhs.append((self.rel(value), value.num))
        return Equation(node.name, tuple(rhs))

    def loss_step(self, examples, loss: Value, again: bool = False, first: int = 1,
                  mean: bool = True) -> Step:
        """The loss of each example (numbered from ``first``) and, for a batch, their mean."""
        blocks = []
        if not again and first == 1:
            n_out = self.g.sizes[-1]
            blocks.append(Prose((f"The loss is the {self.g.loss_title}"
                                 + (f" over the {n_out} outputs." if n_out > 1 else
                                    " of the single output."),)))
        for n, ex in enumerate(examples, start=first):
            equation = self.node_equation(("C",), ex)
            if self.batch:
                equation = Equation(self.loss_name(n), equation.rhs)
            blocks.append(equation)
        if self.batch and mean:
            blocks += self.batch_loss(examples, loss)
        title = "Loss after the update" if again else "Loss calculation"
        return Step((title + self.example_title(first) * (not mean),), tuple(blocks), "loss")

    def batch_loss(self, examples, loss: Value) -> list:
        """C = (1/N)(C⁽¹⁾ + … + C⁽ᴺ⁾) with its numbers."""
        names = [self.loss_name(n) for n in range(1, len(examples) + 1)]
        count = F.Num(str(len(examples)))
        mean = F.Mul((F.Frac(F.Num("1"), count), F.Paren(F.add(*names))))
        numbers = F.Mul((F.Frac(F.Num("1"), count),
                         F.Paren(F.add(*(ex.values[("C",)].num for ex in examples)))))
        return [Prose(("The batch loss is the mean over the examples.",)),
                Equation(self.loss_name(), (("=", mean), ("=", numbers),
                                            (self.rel(loss), loss.num)))]

    # -- backward -------------------------------------------------------------------

    def update_steps(self, step: StepResult) -> list[Step]:
        """The focus parameters' updates line by line, the others in one table, the
        network after the update; with every parameter in focus, a summary table."""
        if self.spec.form == "matrix":
            steps = self.matrix_update(step)
            picture = self.diagram(params=step.params, after=step.updated,
                                   caption="Each weight as it was and as it is after the update.")
            if any(e.label is not None for e in picture.edges):
                steps.append(Step(("The updated network",), (picture,), "update"))
            return steps
        rate = self.spec.notation.rate_sym()
        focus = [p for p in self.s.chains if self.spec.focused(p)]
        others = [p for p in self.s.chains if not self.spec.focused(p)]
        blocks = []
        for p in focus:
            old, grad, new = step.params[p], step.gradients[p], step.updated[p]
            symbolic = F.sub(self.name(p), F.Mul((rate, F.Partial(self.loss_name(),
                                                                  self.name(p)))))
            numeric = F.sub(old.num, F.Mul((self.s.rate.num, grad.num), "cdot"))
            blocks.append(Equation(self.name(p), (("<-", symbolic), ("=", numeric),
                                                  (self.rel(new), new.num))))
        steps = [Step(("New parameters",), tuple(blocks), "update")] if blocks else []
        header = (("parameter",), ("before",), ("gradient",), ("after",))
        if others:
            what = "weights" if all(p[0] == "W" for p in others) else "weights and biases"
            steps.append(Step((f"Other {what}",), (
                Prose((f"The other {what} are updated in the same way:",)),
                Table(header, self._update_rows(step, others))), "update"))
        picture = self.diagram(params=step.params, after=step.updated,
                               caption="Each weight as it was and as it is after the update.")
        if any(e.label is not None for e in picture.edges):
            steps.append(Step(("The updated network",), (picture,), "update"))
        if not others:
            steps.append(Step(("Summary of the update",),
                              (Table(header, self._update_rows(step, focus)),), "update"))
        return steps

    def _update_rows(self, step: StepResult, params: list) -> tuple:
        return tuple(((self.name(p),), (step.params[p].num,), (step.gradients[p].num,),
                      (step.updated[p].num,)) for p in params)


def written_definitions(name: str, slope: float | None = None) -> list:
    """The definition of an activation as equations to show (σ(z) = 1/(1 + e^{−z}))."""
    z = sp.Symbol("z", real=True)
    zf = F.Sym("z")
    rule = activations.RULES[name]
    if rule.layerwise:
        zj, zi = F.Sym("z", "j"), F.Sym("z", "i")
        return [Equation(F.Call("softmax", (zj,)), (("=", F.Frac(
            F.Call("exp", (zj,)), F.Sum(F.Call("exp", (zi,)), F.Sym("i")))),))]
    if name == "identity":
        return [Equation(F.Call("g", (zf,)), (("=", zf),))]
    body = rule.function(z, sp.Float(slope) if slope is not None else None)
    if name == "sigmoid":
        body = sp.Pow(sp.Add(1, sp.exp(-z), evaluate=False), -1, evaluate=False)
    if name == "tanh":  # by its definition: tanh(z) = tanh(z) says nothing
        body = sp.Mul(sp.Add(sp.exp(z), -sp.exp(-z), evaluate=False),
                      sp.Pow(sp.Add(sp.exp(z), sp.exp(-z), evaluate=False), -1, evaluate=False),
                      evaluate=False)
    return [Equation(F.Call(rule.call, (zf,)), (("=", transcribe(body, {z: zf})),))]
