"""Building the worked solution's document from the numbers.

This is where the lecture rhythm lives: the network and its data, the forward
pass layer by layer (definition = substituted = value), the loss, the backward
pass parameter by parameter (chain rule, each factor symbolically and then as a
number, the product), the same gradients in δ form, the update, and the forward
pass after the update. Every number comes from :mod:`derive.solution`.
"""

from __future__ import annotations

from derive import factors
from derive import formula as F
from derive.document import Document, Equation, Prose, Section, Step, Table
from derive.graph import Graph, Key
from derive.solution import ExampleResult, Solution, StepResult, Value

#: A gradient with more paths than this is left to the δ form: written out
#: path by path it would fill several slides and teach nothing more.
MAX_PATHS_WRITTEN = 4


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


class _Builder:
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

    # -- sections -------------------------------------------------------------------
    def subtitle(self) -> str:
        steps = self.spec.steps
        what = ("forward pass and loss" if steps == 0 else
                "forward pass, loss, backpropagation and "
                + ("one gradient-descent step" if steps == 1
                   else f"{steps} gradient-descent steps"))
        return f"Worked solution: {what}"

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
        return Section(("The network",), (
            Step(("The network and its data",), tuple(blocks), "setup"),
            Step(("Given values",), (self.given_table(),), "setup"),
        ))

    def activation_definitions(self) -> list[Equation]:
        """σ(z) = 1/(1 + e^{−z}) and the like, once per activation used."""
        from derive.activations import written_definitions

        seen, equations = set(), []
        for act in self.spec.network.activations:
            if act.name not in seen:
                seen.add(act.name)
                equations += written_definitions(act.name, act.slope)
        return equations

    def given_table(self) -> Table:
        rows = []
        first = self.s.steps[0].params if self.s.steps else None
        example = self.s.steps[0].examples if self.s.steps else self.s.after
        for n, ex in enumerate(example, start=1):
            for kind in ("x", "y"):
                keys = [k for k in self.g.nodes if k[0] == kind]
                label = "inputs" if kind == "x" else "targets"
                rows.append(((f"{label}{self.example_title(n)}",),
                             self._list_cell(keys, ex.values)))
        params = first if first is not None else example[0].values
        for l in range(1, len(self.g.sizes)):
            for kind, label in (("W", "weights"), ("b", "biases")):
                keys = sorted((k for k in self.g.parameters if k[0] == kind and k[1] == l),
                              key=self.g.reading_order)
                if keys:
                    rows.append(((f"{label}, layer {l}",), self._list_cell(keys, params)))
        return Table(((("quantity",), ("values",))), tuple(rows))

    def _list_cell(self, keys, values) -> tuple:
        parts: list = []
        for i, key in enumerate(keys):
            if i:
                parts.append(", ")
            parts.append(F.Rel(self.name(key), "=", values[key].num))
        return tuple(parts)

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

    def after(self) -> Section:
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
    def forward_steps(self, examples: list[ExampleResult], again: bool = False) -> list[Step]:
        steps = []
        last = len(self.g.sizes) - 1
        for n, ex in enumerate(examples, start=1):
            for l in range(1, last + 1):
                where = "Output layer" if l == last else (
                    "Hidden layer" if last == 2 else f"Hidden layer {l}")
                blocks = []
                if l == 1 and n == 1:
                    blocks.append(Prose((
                        "With the updated parameters, the same inputs go through again."
                        if again else "Each input is multiplied by its weight and the "
                        "products are summed; the activation function is applied to "
                        "the sum.",)))
                js = range(1, self.g.sizes[l] + 1)
                blocks += [self.node_equation(("z", l, j), ex) for j in js]
                blocks += [self.node_equation(("a", l, j), ex) for j in js]
                steps.append(Step((f"{where}{self.example_title(n)}",), tuple(blocks),
                                  "forward"))
        return steps

    def node_equation(self, key: Key, ex: ExampleResult) -> Equation:
        node = self.g.node(key)
        value = ex.values[key]
        operands = self.numbers({k: ex.values[k] for k in node.inputs})
        if key == ("C",):
            operands.update(self.numbers({k: v for k, v in ex.values.items() if k[0] == "y"}))
        substituted = F.substitute(node.definition, operands, op="times")
        rhs = [("=", node.definition)]
        if substituted != node.definition:
            rhs.append(("=", substituted))
        rhs.append((self.rel(value), value.num))
        return Equation(node.name, tuple(rhs))

    def loss_step(self, examples, loss: Value, again: bool = False) -> Step:
        blocks = []
        if not again:
            n_out = self.g.sizes[-1]
            blocks.append(Prose((f"The loss is the {self.g.loss_title}"
                                 + (f" over the {n_out} outputs." if n_out > 1 else
                                    " of the single output."),)))
        for n, ex in enumerate(examples, start=1):
            equation = self.node_equation(("C",), ex)
            if self.batch:
                equation = Equation(self.loss_name(n), equation.rhs)
            blocks.append(equation)
        if self.batch:
            names = [self.loss_name(n) for n in range(1, len(examples) + 1)]
            count = F.Num(str(len(examples)))
            mean = F.Mul((F.Frac(F.Num("1"), count), F.Paren(F.add(*names))))
            numbers = F.Mul((F.Frac(F.Num("1"), count),
                             F.Paren(F.add(*(ex.values[("C",)].num for ex in examples)))))
            blocks.append(Prose(("The batch loss is the mean over the examples.",)))
            blocks.append(Equation(self.loss_name(), (("=", mean), ("=", numbers),
                                                      (self.rel(loss), loss.num))))
        title = "Loss after the update" if again else "Loss calculation"
        return Step((title,), tuple(blocks), "loss")

    # -- backward -------------------------------------------------------------------
    def backward_steps(self, step: StepResult) -> list[Step]:
        rate = self.spec.notation.rate_sym()
        w = F.Sym("w")
        intro = Step(("Gradient descent",), (
            Prose(("Each parameter moves against its gradient, scaled by the learning rate:",)),
            Equation(w, (("<-", F.sub(w, F.Mul((rate, F.Partial(self.loss_name(), w))))),)),
            Prose(("The chain rule splits each gradient into local derivatives, "
                   "computed one factor at a time.",)),
        ), "backward")
        steps = [intro]
        for n, ex in enumerate(step.examples, start=1):
            derived: set = set()
            many = []
            for p, rule in self.s.chains.items():
                if len(rule.paths) > MAX_PATHS_WRITTEN:
                    many.append(p)
                    continue
                new = [e for e in rule.factors() if (e.node, e.input) not in derived]
                steps.append(self.gradient_frame(p, rule, ex, derived, n))
                steps += self.factor_derivations(new)
            if many:
                steps.append(self.many_paths(many, n))
        if self.batch:
            steps.append(self.batch_gradients(step))
        return steps

    def gradient_frame(self, p, rule, ex: ExampleResult, derived: set, n: int) -> Step:
        loss = self.loss_name(n)
        symbolic = [F.mul(*(self.partial(e.node, e.input) for e in path), op="cdot")
                    for path in rule.paths]
        symbolic[0] = _replace_top(symbolic[0], self.loss_name(), loss)
        symbolic = [_replace_top(t, self.loss_name(), loss) for t in symbolic]
        blocks = [Equation(F.Partial(loss, self.name(p)), _sum_lines(symbolic))]
        known = []
        for edge in rule.factors():
            pair = (edge.node, edge.input)
            value = ex.local[pair]
            lhs = self.partial(edge.node, edge.input)
            if edge.node == ("C",):
                lhs = F.Partial(loss, self.name(edge.input))
            if pair in derived:
                known.append(F.Rel(lhs, "=", value.num))
                continue
            derived.add(pair)
            operands = self.numbers({k: v for k, v in ex.values.items()})
            substituted = F.substitute(edge.written, operands, op="cdot")
            rhs = [("=", edge.written)]
            if substituted != edge.written:
                rhs.append(("=", substituted))
            if not isinstance(substituted, F.Num) or substituted.text != value.text:
                rhs.append((self.rel(value), value.num))
            blocks.append(Equation(lhs, tuple(rhs)))
        if known:
            parts: list = ["From above: "]
            for i, item in enumerate(known):
                parts += ([", "] if i else []) + [item]
            blocks.insert(1, Prose((*parts, ".")))
        gradient = ex.gradients[p]
        numeric = [F.mul(*(ex.local[(e.node, e.input)].num for e in path), op="cdot")
                   for path in rule.paths]
        rhs = _sum_lines(numeric) + ((self.rel(gradient), gradient.num),)
        blocks.append(Equation(F.Partial(loss, self.name(p)), rhs))
        title = ("Gradient for ", self.name(p), self.example_title(n))
        return Step(title, tuple(blocks), "gradient")

    def factor_derivations(self, edges) -> list[Step]:
        """Rule-by-rule derivations of newly used factors, once per family (detail: full)."""
        steps = []
        for edge in edges:
            key = factors.family(self.g, self.spec, edge)
            if key is not None and key not in self.derived_families:
                self.derived_families.add(key)
                steps.append(factors.derivation_step(self.g, self.spec, edge))
        return steps

    def many_paths(self, params: list[Key], n: int) -> Step:
        """Parameters whose gradient sums over many paths: point to the δ form."""
        loss = self.loss_name(n)
        blocks = [Prose(("These gradients sum over more than "
                         f"{MAX_PATHS_WRITTEN} paths each. The error signal of the neuron "
                         "gathers those paths once, so they are computed in the next section:",))]
        for p in params:
            z = ("z", p[1], p[2])
            count = len(self.s.chains[p].paths)
            blocks.append(Equation(F.Partial(loss, self.name(p)), (
                ("=", F.Mul((F.Partial(loss, self.name(z)), self.partial(z, p)), "cdot")),
                ("=", F.Mul((self.spec.notation.delta_sym(p[1], p[2], self.g.sizes),
                             self.g.edges[(z, p)].written))),
            ), f"{count} paths"))
        return Step(("Gradients through many paths" + self.example_title(n),),
                    tuple(blocks), "gradient")

    def batch_gradients(self, step: StepResult) -> Step:
        count = F.Num(str(len(step.examples)))
        blocks = [Prose(("For the batch, each gradient is the mean of the examples' gradients.",))]
        for p in self.s.chains:
            terms = F.add(*(ex.gradients[p].num for ex in step.examples))
            value = step.gradients[p]
            blocks.append(Equation(F.Partial(self.loss_name(), self.name(p)), (
                ("=", F.Mul((F.Frac(F.Num("1"), count), F.Paren(terms)))),
                (self.rel(value), value.num))))
        return Step(("Batch gradients",), tuple(blocks), "gradient")

    def delta_steps(self, step: StepResult) -> list[Step]:
        steps = []
        notation, sizes = self.spec.notation, self.g.sizes
        last = len(sizes) - 1
        simplification = factors.softmax_cross_entropy_step(self.g, self.spec)
        if simplification is not None:
            steps.append(simplification)
        for n, ex in enumerate(step.examples, start=1):
            loss = self.loss_name(n)
            for l in range(last, 0, -1):
                blocks = []
                if l == last:
                    blocks.append(Prose(("The error signal ", F.Rel(
                        notation.delta_sym(l, 1, sizes), "=",
                        F.Partial(loss, self.name(("z", l, 1)))),
                        " of each neuron is computed once, output layer first, and reused "
                        "by every weight into that neuron.",)))
                for j in range(1, sizes[l] + 1):
                    blocks.append(self.delta_equation(ex, l, j, loss))
                for p in self.s.chains:
                    if p[1] == l:
                        blocks.append(self.delta_gradient(ex, step, p))
                where = "Output layer" if l == last else f"Layer {l}"
                steps.append(Step((f"{where}: error signals{self.example_title(n)}",),
                                  tuple(blocks), "delta"))
        return steps

    def delta_equation(self, ex: ExampleResult, l: int, j: int, loss) -> Equation:
        sizes, notation = self.g.sizes, self.spec.notation
        z = ("z", l, j)
        delta = ex.deltas[z]
        if l == len(sizes) - 1:
            outs = [a for a in self.g.outputs() if (a, z) in ex.local]
            symbolic = F.add(*(F.mul(F.Partial(loss, self.name(a)), self.partial(a, z),
                                     op="cdot") for a in outs))
            numeric = F.add(*(F.mul(ex.local[(("C",), a)].num, ex.local[(a, z)].num, op="cdot")
                              for a in outs))
        else:
            a = ("a", l, j)
            pairs = [(notation.delta_sym(nz[1], nz[2], sizes), self.name(w), ex.deltas[nz],
                      ex.values[w]) for nz, w in _delta_inputs(self.g, z)]
            gathered = F.add(*(F.Mul((d, w)) for d, w, _, _ in pairs))
            numbers = F.add(*(F.Mul((dv.num, wv.num), "cdot") for _, _, dv, wv in pairs))
            if len(pairs) > 1:
                gathered, numbers = F.Paren(gathered), F.Paren(numbers)
            symbolic = F.Mul((gathered, self.partial(a, z)), "cdot")
            numeric = F.Mul((numbers, ex.local[(a, z)].num), "cdot")
        return Equation(notation.delta_sym(l, j, sizes),
                        (("=", symbolic), ("=", numeric), (self.rel(delta), delta.num)))

    def delta_gradient(self, ex: ExampleResult, step: StepResult, p: Key) -> Equation:
        z = ("z", p[1], p[2])
        delta_sym = self.spec.notation.delta_sym(p[1], p[2], self.g.sizes)
        source = self.g.edges[(z, p)].written
        value = ex.delta_gradients[p]
        note = ""
        if value.text != ex.gradients[p].text:
            note = (f"the path form gave {ex.gradients[p].text}: "
                    "the two differ only by rounding")
        return Equation(F.Partial(self.loss_name(), self.name(p)), (
            ("=", F.Mul((delta_sym, source))),
            ("=", F.Mul((ex.deltas[z].num, ex.local[(z, p)].num), "cdot")),
            (self.rel(value), value.num)), note)

    # -- update ---------------------------------------------------------------------
    def update_steps(self, step: StepResult) -> list[Step]:
        rate = self.spec.notation.rate_sym()
        params = list(self.s.chains)
        blocks = []
        for p in params:
            old, grad, new = step.params[p], step.gradients[p], step.updated[p]
            symbolic = F.sub(self.name(p), F.Mul((rate, F.Partial(self.loss_name(),
                                                                  self.name(p)))))
            numeric = F.sub(old.num, F.Mul((self.s.rate.num, grad.num), "cdot"))
            blocks.append(Equation(self.name(p), (("<-", symbolic), ("=", numeric),
                                                  (self.rel(new), new.num))))
        steps = [Step(("New parameters",), tuple(blocks), "update")]
        rows = tuple(((self.name(p),), (step.params[p].num,), (step.gradients[p].num,),
                      (step.updated[p].num,)) for p in params)
        header = (("parameter",), ("before",), ("gradient",), ("after",))
        steps.append(Step(("Summary of the update",), (Table(header, rows),), "update"))
        return steps


def _delta_inputs(graph, z):
    from derive.chain import delta_inputs

    return delta_inputs(graph, z)


def _replace_top(formula, old, new):
    """Write the per-example loss C⁽ⁿ⁾ where the chain says C."""
    if old == new:
        return formula
    if isinstance(formula, F.Partial) and formula.of == old:
        return F.Partial(new, formula.wrt)
    if isinstance(formula, F.Mul):
        return F.Mul(tuple(_replace_top(f, old, new) for f in formula.factors), formula.op)
    return formula


def _sum_lines(terms: list[F.Formula]) -> tuple[tuple[str, F.Formula], ...]:
    """A sum over paths, one path per line: ``= t₁`` then ``+ t₂`` …

    A later term that starts with a negative number gets it bracketed: + (−2) · 3.
    """
    def bracketed(term):
        if isinstance(term, F.Mul) and isinstance(term.factors[0], F.Num) \
                and term.factors[0].negative:
            return F.Mul((F.Paren(term.factors[0]), *term.factors[1:]), term.op)
        if isinstance(term, F.Num) and term.negative:
            return F.Paren(term)
        return term

    return (("=", terms[0]),) + tuple(("+", bracketed(t)) for t in terms[1:])
