"""The passes in matrix form (``form: matrix``), as course notes write them:
z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ and a⁽ˡ⁾ = g(z⁽ˡ⁾) layer by layer, the error signals
δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀδ⁽ˡ⁺¹⁾ ⊙ g′(z⁽ˡ⁾), the gradients δ⁽ˡ⁾(a⁽ˡ⁻¹⁾)ᵀ and the updates,
each with the numbers of :mod:`derive.solution` in its matrices and vectors."""

from __future__ import annotations

from derive import activations
from derive import formula as F
from derive.document import Equation, Prose, Step
from derive.graph import Key
from derive.solution import ExampleResult, StepResult, Value
from derive.worked.base import Writer


class MatrixWriter(Writer):
    """Writes the forward pass, the error signals and the update layer by layer."""

    # -- names and numbers ----------------------------------------------------------
    def layer(self, field: str, l: int) -> F.Sym:
        """W⁽ˡ⁾, b⁽ˡ⁾, z⁽ˡ⁾, δ⁽ˡ⁾; a⁽⁰⁾ is x and the last layer's a is ŷ."""
        notation = self.spec.notation
        if field == "hidden" and l == 0:
            return notation.layer_sym("input")
        if field == "hidden" and l == len(self.g.sizes) - 1:
            return notation.layer_sym("output")
        return notation.layer_sym(field, l)

    def keys(self, kind: str, l: int) -> list[Key]:
        """The keys of a layer's vector: ``a`` of layer 0 are the inputs."""
        if kind == "a" and l == 0:
            return [("x", k) for k in range(1, self.g.sizes[0] + 1)]
        return [(kind, l, j) for j in range(1, self.g.sizes[l] + 1)]

    @staticmethod
    def column(values: list[Value]) -> F.Matrix:
        return F.Matrix.column([v.num for v in values])

    @staticmethod
    def grid(values: dict[Key, Value], l: int, rows: int, cols: int,
             kind: str = "W", transpose: bool = False) -> F.Matrix:
        """A layer's weights (or their gradients, their updates) as a matrix."""
        if transpose:
            return F.Matrix(tuple(tuple(values[(kind, l, j, k)].num for j in range(1, rows + 1))
                                  for k in range(1, cols + 1)))
        return F.Matrix(tuple(tuple(values[(kind, l, j, k)].num for k in range(1, cols + 1))
                              for j in range(1, rows + 1)))

    def vector_result(self, lhs, rhs: list, values: list[Value]) -> Equation:
        relation = "approx" if any(v.approx for v in values) else "="
        return Equation(lhs, (*rhs, (relation, self.column(values))))

    def matrix_result(self, lhs, rhs: list, values: dict[Key, Value], l: int,
                      kind: str = "W") -> Equation:
        rows, cols = self.g.sizes[l], self.g.sizes[l - 1]
        shown = [values[(kind, l, j, k)] for j in range(1, rows + 1)
                 for k in range(1, cols + 1)]
        relation = "approx" if any(v.approx for v in shown) else "="
        return Equation(lhs, (*rhs, (relation, self.grid(values, l, rows, cols, kind))))

    def activation_call(self, l: int, arg: F.Formula, prime: bool = False) -> F.Call:
        """g(z⁽ˡ⁾) with the layer's activation (σ, ReLU, softmax…); g′ for its slope."""
        rule = activations.RULES[self.spec.network.activations[l - 1].name]
        name = "softmax" if rule.layerwise else rule.call
        return F.Call(name + ("'" if prime else ""), (arg,))

    # -- forward --------------------------------------------------------------------
    def matrix_forward(self, ex: ExampleResult, l: int) -> list[Equation]:
        """z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ = [W][a] + [b] = [z], and a⁽ˡ⁾ = g(z⁽ˡ⁾) = [a]."""
        rows, cols = self.g.sizes[l], self.g.sizes[l - 1]
        values = ex.values
        below = [values[k] for k in self.keys("a", l - 1)]
        symbolic = F.Mul((self.layer("weight", l), self.layer("hidden", l - 1)))
        numeric = F.Mul((self.grid(values, l, rows, cols), self.column(below)))
        if self.spec.network.biases is not None:
            symbolic = F.add(symbolic, self.layer("bias", l))
            numeric = F.add(numeric, self.column([values[("b", l, j)]
                                                  for j in range(1, rows + 1)]))
        zs = [values[k] for k in self.keys("z", l)]
        acts = [values[k] for k in self.keys("a", l)]
        z = self.layer("preactivation", l)
        return [self.vector_result(z, [("=", symbolic), ("=", numeric)], zs),
                self.vector_result(self.layer("hidden", l),
                                   [("=", self.activation_call(l, z))], acts)]

    # -- backward -------------------------------------------------------------------
    def matrix_backward(self, ex: ExampleResult, n: int) -> list[Step]:
        """One step per layer, output layer first: δ⁽ˡ⁾, then ∂L/∂W⁽ˡ⁾ and ∂L/∂b⁽ˡ⁾."""
        last = len(self.g.sizes) - 1
        loss = self.loss_name(n)
        steps = []
        for l in range(last, 0, -1):
            blocks: list = []
            if l == last:
                blocks.append(Prose((
                    "The error signals ", F.Rel(self.layer("delta", l), "=",
                                                F.Partial(loss, self.layer("preactivation", l))),
                    " of a layer form a vector. They are computed output layer first and "
                    "passed back through the transposed weights.",)))
            blocks.append(self.delta_vector(ex, l, loss))
            blocks += self.layer_gradients(ex, l, loss)
            where = "Output layer" if l == last else f"Layer {l}"
            steps.append(Step((f"{where}: error signals and gradients{self.example_title(n)}",),
                              tuple(blocks), "delta"))
        return steps

    def delta_vector(self, ex: ExampleResult, l: int, loss: F.Sym) -> Equation:
        sizes = self.g.sizes
        last = len(sizes) - 1
        z = self.layer("preactivation", l)
        deltas = [ex.deltas[k] for k in self.keys("z", l)]
        layerwise = activations.RULES[self.spec.network.activations[l - 1].name].layerwise
        if l == last and self.spec.loss == "cross_entropy":
            y = self.spec.notation.layer_sym("target")
            outputs = [ex.values[k] for k in self.keys("a", l)]
            targets = [ex.values[("y", j)] for j in range(1, sizes[l] + 1)]
            rhs = [("=", F.sub(self.layer("hidden", l), y)),
                   ("=", F.sub(self.column(outputs), self.column(targets)))]
        elif l == last and layerwise:  # softmax with another loss: the Jacobian's sum
            rhs = [("=", F.Partial(loss, z))]
        elif l == last:
            slopes = [ex.local[(a, k)] for a, k in zip(self.keys("a", l), self.keys("z", l),
                                                        strict=True)]
            outer = [ex.local[(("C",), a)] for a in self.keys("a", l)]
            rhs = [("=", F.Mul((F.Partial(loss, self.layer("hidden", l)),
                                self.activation_call(l, z, prime=True)), "odot")),
                   ("=", F.Mul((self.column(outer), self.column(slopes)), "odot"))]
        else:
            rows, cols = sizes[l + 1], sizes[l]
            slopes = [ex.local[(a, k)] for a, k in zip(self.keys("a", l), self.keys("z", l),
                                                        strict=True)]
            above = [ex.deltas[k] for k in self.keys("z", l + 1)]
            back = F.Paren(F.Mul((F.Transpose(self.layer("weight", l + 1)),
                                  self.layer("delta", l + 1))))
            numbers = F.Paren(F.Mul((self.grid(ex.values, l + 1, rows, cols, transpose=True),
                                     self.column(above))))
            rhs = [("=", F.Mul((back, self.activation_call(l, z, prime=True)), "odot")),
                   ("=", F.Mul((numbers, self.column(slopes)), "odot"))]
        return self.vector_result(self.layer("delta", l), rhs, deltas)

    def layer_gradients(self, ex: ExampleResult, l: int, loss: F.Sym) -> list[Equation]:
        """∂L/∂W⁽ˡ⁾ = δ⁽ˡ⁾(a⁽ˡ⁻¹⁾)ᵀ with numbers, and ∂L/∂b⁽ˡ⁾ = δ⁽ˡ⁾ when biases learn."""
        delta = self.layer("delta", l)
        deltas = [ex.deltas[k] for k in self.keys("z", l)]
        below = [ex.values[k] for k in self.keys("a", l - 1)]
        row = F.Matrix((tuple(v.num for v in below),))
        out = [self.matrix_result(
            F.Partial(loss, self.layer("weight", l)),
            [("=", F.Mul((delta, F.Transpose(self.layer("hidden", l - 1))))),
             ("=", F.Mul((self.column(deltas), row)))], ex.delta_gradients, l)]
        biases = [("b", l, j) for j in range(1, self.g.sizes[l] + 1)]
        if all(b in self.s.chains for b in biases):
            out.append(self.vector_result(F.Partial(loss, self.layer("bias", l)),
                                          [("=", delta)],
                                          [ex.delta_gradients[b] for b in biases]))
        return out

    # -- update ---------------------------------------------------------------------
    def matrix_update(self, step: StepResult) -> list[Step]:
        """W⁽ˡ⁾ ← W⁽ˡ⁾ − η ∂L/∂W⁽ˡ⁾ = [W] − η[∂L/∂W] = [W new], layer by layer."""
        rate = self.spec.notation.rate_sym()
        loss = self.loss_name()
        sizes = self.g.sizes
        steps = []
        for l in range(1, len(sizes)):
            rows, cols = sizes[l], sizes[l - 1]
            w = self.layer("weight", l)
            # The difference of two matrices on two lines: one line would not fit a slide.
            blocks = [self.matrix_result(w, [
                ("<-", F.sub(w, F.Mul((rate, F.Partial(loss, w))))),
                ("=", self.grid(step.params, l, rows, cols)),
                ("-", F.Mul((self.s.rate.num, self.grid(step.gradients, l, rows, cols)))),
            ], step.updated, l)]
            biases = [("b", l, j) for j in range(1, rows + 1)]
            if all(b in self.s.chains for b in biases):
                b = self.layer("bias", l)
                blocks.append(self.vector_result(b, [
                    ("<-", F.sub(b, F.Mul((rate, F.Partial(loss, b))))),
                    ("=", F.sub(self.column([step.params[k] for k in biases]),
                                F.Mul((self.s.rate.num,
                                       self.column([step.gradients[k] for k in biases]))))),
                ], [step.updated[k] for k in biases]))
            steps.append(Step((f"New parameters, layer {l}",), tuple(blocks), "update"))
        return steps
