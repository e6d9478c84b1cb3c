"""The backward parts of a worked solution: each gradient by the chain rule,
factor by factor, the rule-by-rule derivations of new factors, batch means,
and the same gradients through error signals δ."""

from __future__ import annotations

from derive import formula as F
from derive.chain import MAX_PATHS_WRITTEN, delta_inputs
from derive.document import Equation, Prose, Step
from derive.graph import Key
from derive.solution import ExampleResult, StepResult
from derive.worked import factors
from derive.worked.base import Writer


class BackwardWriter(Writer):
    """Writes the sections that run backward from the loss."""

    def backward_intro(self) -> Step:
        """The update rule, and how the chain rule splits a gradient."""
        rate = self.spec.notation.rate_sym()
        w = self.spec.notation.letter("weight")
        return Step(("Gradient descent",), (
            Prose(("Each parameter moves against its gradient, scaled by the learning rate:",)),
            Equation(w, (("<-", F.sub(w, F.Mul((rate, F.Partial(self.loss_name(), w))))),)),
            Prose(("The chain rule, layer by layer, gives every gradient from the error "
                   "signals." if self.spec.form == "matrix" else
                   "The chain rule splits each gradient into local derivatives, "
                   "computed one factor at a time.",)),
        ), "backward")

    def forms(self) -> dict[Key, str]:
        """Each focus parameter's form, ``paths`` or ``delta`` (``gradient_form`` in the
        spec); the other parameters are only in the update's table."""
        choice = self.spec.gradient_choice()
        return {p: rule.form(choice) for p, rule in self.s.chains.items()
                if self.spec.focused(p)}

    def gradient_frames(self, ex: ExampleResult, n: int) -> list[Step]:
        """The gradients worked path by path, factor by factor, new factors derived;
        with ``gradient_form: both``, a pointer to the δ form for the others."""
        if self.spec.form == "matrix":  # every gradient in the error-signal frames
            return []
        steps = []
        derived: set = set()
        many = []
        operands = self.numbers(ex.values)
        for p, form in self.forms().items():
            rule = self.s.chains[p]
            if form == "delta":
                many.append(p)
                continue
            new = [e for e in rule.factors() if (e.node, e.input) not in derived]
            # A factor is derived before the frame that first uses its value.
            steps += self.factor_derivations(new)
            steps.append(self.gradient_frame(p, rule, ex, derived, n, operands))
        if many and self.spec.gradient_form == "both":
            steps.append(self.many_paths(many, n))
        return steps

    def gradient_frame(self, p, rule, ex: ExampleResult, derived: set, n: int,
                       operands: dict) -> Step:
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
        if self.readable():
            blocks.insert(0, self.diagram(highlight=p, small=True))
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
            count = self.s.chains[p].count
            blocks.append(Equation(F.Partial(loss, self.name(p)), (
                ("=", F.Mul((F.Partial(loss, self.name(z)), self.partial(z, p)), "cdot")),
                ("=", F.Mul((self.spec.notation.delta_sym(p[1], p[2], self.g.sizes),
                             self.g.edges[(z, p)].written))),
            ), f"{count} paths"))
        return Step(("Gradients through many paths" + self.example_title(n),),
                    tuple(blocks), "gradient")

    def batch_gradients(self, step: StepResult) -> Step:
        """Each focus gradient as the mean of the examples' gradients, by name, then in
        numbers: ∂C/∂w = (1/N)(∂C⁽¹⁾/∂w + … + ∂C⁽ᴺ⁾/∂w) = (1/N)(… ) = …"""
        count = len(step.examples)
        third = F.Frac(F.Num("1"), F.Num(str(count)))
        blocks = [Prose(("The batch loss is the mean of the examples' losses, so each "
                         "gradient is the mean of the examples' gradients.",))]
        for p in self.forms():
            names = F.add(*(F.Partial(self.loss_name(n), self.name(p))
                            for n in range(1, count + 1)))
            terms = F.add(*(ex.gradients[p].num for ex in step.examples))
            value = step.gradients[p]
            blocks.append(Equation(F.Partial(self.loss_name(), self.name(p)), (
                ("=", F.Mul((third, F.Paren(names)))),
                ("=", F.Mul((third, F.Paren(terms)))),
                (self.rel(value), value.num))))
        return Step(("Batch gradients",), tuple(blocks), "gradient")

    def delta_frames(self, ex: ExampleResult, n: int, step: StepResult) -> list[Step]:
        """The error signals of one example, output layer first, down to the lowest layer
        with a gradient worked through δ, and those gradients from them."""
        if self.spec.form == "matrix":
            return self.matrix_backward(ex, n)
        both = self.spec.gradient_form == "both"
        shown = [p for p, form in self.forms().items() if both or form == "delta"]
        if not shown:
            return []
        steps = []
        notation, sizes = self.spec.notation, self.g.sizes
        last = len(sizes) - 1
        loss = self.loss_name(n)
        for l in range(last, min(p[1] for p in shown) - 1, -1):
            blocks = []
            if l == last:
                blocks.append(Prose(("The error signal ", F.Rel(
                    notation.delta_sym(l, 1, sizes), "=",
                    F.Partial(loss, self.name(("z", l, 1)))),
                    " of each neuron is computed once, output layer first, and reused "
                    "by every weight into that neuron."
                    + (" With softmax and cross-entropy it is the prediction minus the "
                       "target." if self.spec.loss == "cross_entropy" else ""),)))
            for j in range(1, sizes[l] + 1):
                blocks.append(self.delta_equation(ex, l, j, loss))
            blocks += [self.delta_gradient(ex, p, loss) for p in shown if p[1] == l]
            where = "Output layer" if l == last else f"Layer {l}"
            steps.append(Step((f"{where}: error signals{self.example_title(n)}",),
                              tuple(blocks), "delta"))
        return steps

    def delta_equation(self, ex: ExampleResult, l: int, j: int, loss) -> Equation:
        sizes, notation = self.g.sizes, self.spec.notation
        z = ("z", l, j)
        delta = ex.deltas[z]
        if l == len(sizes) - 1 and self.spec.loss == "cross_entropy":
            # Softmax with cross-entropy: the Jacobian sum collapses to ŷ − y.
            a, y = ("a", l, j), ("y", j)
            symbolic = F.sub(self.name(a), self.name(y))
            numeric = F.sub(ex.values[a].num, ex.values[y].num)
        elif l == len(sizes) - 1:
            outs = [a for a in self.g.outputs() if (a, z) in ex.local]
            symbolic = F.add(*(F.mul(F.Partial(loss, self.name(a)), self.partial(a, z),
                                     op="cdot") for a in outs))
            numeric = F.add(*(F.mul(ex.local[(("C",), a)].num, ex.local[(a, z)].num, op="cdot")
                              for a in outs))
        else:
            a = ("a", l, j)
            pairs = [(notation.delta_sym(nz[1], nz[2], sizes), self.name(w), ex.deltas[nz],
                      ex.values[w]) for nz, w in delta_inputs(self.g, z)]
            gathered = F.add(*(F.Mul((d, w)) for d, w, _, _ in pairs))
            numbers = F.add(*(F.Mul((dv.num, wv.num), "cdot") for _, _, dv, wv in pairs))
            if len(pairs) > 1:
                gathered, numbers = F.Paren(gathered), F.Paren(numbers)
            symbolic = F.Mul((gathered, self.partial(a, z)), "cdot")
            numeric = F.Mul((numbers, ex.local[(a, z)].num), "cdot")
        return Equation(notation.delta_sym(l, j, sizes),
                        (("=", symbolic), ("=", numeric), (self.rel(delta), delta.num)))

    def delta_gradient(self, ex: ExampleResult, p: Key, loss: F.Sym) -> Equation:
        z = ("z", p[1], p[2])
        delta_sym = self.spec.notation.delta_sym(p[1], p[2], self.g.sizes)
        source = self.g.edges[(z, p)].written
        value = ex.delta_gradients[p]
        note = ""
        if value.text != ex.gradients[p].text:
            note = (f"the path form gave {ex.gradients[p].text}: "
                    "the two differ only by rounding")
        return Equation(F.Partial(loss, self.name(p)), (
            ("=", F.Mul((delta_sym, source))),
            ("=", F.Mul((ex.deltas[z].num, ex.local[(z, p)].num), "cdot")),
            (self.rel(value), value.num)), note)

    # -- update ---------------------------------------------------------------------


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
