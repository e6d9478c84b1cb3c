"""Property tests: on random expression trees every step and sub-step equals sympy.diff.

The trees are built from every function the stepper supports, both evaluated
(SymPy's canonical form) and unevaluated (as a person writes them).
"""

from __future__ import annotations

import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derive.steps import derive_steps
from derive.steps.check import derivative_of, equal, real
from derive.steps.derivation import Derivation
from derive.steps.functions import relu, sigmoid
from derive.steps.rules import Rule
from derive.steps.textbook import Textbook
from derive.worked import calculus

x, y = sp.symbols("x y", real=True)

UNARY = [sp.sin, sp.cos, sp.exp, sp.log, sp.tanh, sp.atan, sp.Abs, sigmoid, relu, sp.sqrt]
LEAVES = st.sampled_from([x, x, x, y, sp.Integer(2), sp.Integer(3), sp.Rational(1, 2)])


def _combine(children):
    unary = st.tuples(st.sampled_from(UNARY), children).map(lambda t: t[0](t[1]))
    power = st.tuples(children, st.sampled_from([-2, -1, 2, 3])).map(
        lambda t: sp.Pow(t[0], t[1], evaluate=False))
    binary = st.tuples(st.sampled_from(["add", "mul", "div", "sub"]), children, children,
                       st.booleans()).map(_binary)
    return st.one_of(unary, power, binary)


def _binary(args):
    kind, a, b, evaluate = args
    if kind == "add":
        return sp.Add(a, b, evaluate=evaluate)
    if kind == "sub":
        return sp.Add(a, sp.Mul(-1, b, evaluate=evaluate), evaluate=evaluate)
    if kind == "mul":
        return sp.Mul(a, b, evaluate=evaluate)
    return sp.Mul(a, sp.Pow(b, -1, evaluate=evaluate), evaluate=evaluate)


def _flat_region_under_a_singularity(expr) -> bool:
    """√ReLU(x), log ReLU(x): ReLU is 0 for x < 0, where the outer function has no
    derivative, so the chain rule's f′(g)·g′ is undefined on a whole region (a
    known limitation, see the README)."""
    for node in sp.preorder_traversal(expr):
        singular = isinstance(node, sp.log) or (
            isinstance(node, sp.Pow) and not (node.exp.is_integer and node.exp > 0))
        if singular and node.args[0].has(relu):
            return True
        # √(x − x) written unevaluated: a singular function of a constant 0, which
        # no parsed input can produce (SymPy folds x − x to 0 when it reads it).
        if singular and not node.args[0].doit().free_symbols:
            return True
    return False


def _kink_of_a_kink_in_two_variables(expr) -> bool:
    """ReLU(y + |x|): the chain rule's result is right, but SymPy cannot prove it equal
    to its own nested cases, so derive refuses it in one line (test_steps_cli) — a
    known limitation of the checker, kept out of this property."""
    return any(isinstance(node, relu) and node.args[0].has(sp.Abs)
               and len(node.args[0].free_symbols) > 1 for node in sp.preorder_traversal(expr))


EXPRESSIONS = st.recursive(LEAVES, _combine, max_leaves=6).filter(
    lambda e: e.doit().has(x) and not e.doit().has(sp.zoo, sp.nan, sp.oo)
    and not _flat_region_under_a_singularity(e) and not _kink_of_a_kink_in_two_variables(e))


def nodes(node):
    yield node
    for sub in node.substeps():
        yield from nodes(sub)


def assert_every_step_is_right(derivation: Derivation):
    for node in nodes(derivation.root):
        if isinstance(node, Rule):
            assert equal(node.result, derivative_of(node.expr, node.var)), node
        else:
            assert isinstance(node, Textbook) and equal(node.before_expr, node.after_expr)
    assert equal(derivation.final, derivative_of(derivation.expr, x))


PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@PROPERTY
@given(EXPRESSIONS, st.sampled_from(["full", "brief"]))
def test_every_step_equals_sympy_diff(expr, detail):
    assert_every_step_is_right(derive_steps(expr, x, detail=detail))


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(EXPRESSIONS)
def test_the_json_tree_checks_itself_with_plain_sympy(expr):
    derivation = derive_steps(expr, x)
    for tree in calculus.derivation_tree(derivation):
        _check_tree(tree)


def _check_tree(entry):
    # Calculus here is over the reals: a program re-checking a step declares its
    # symbols real (plain sympify makes them complex, where |relu(x)|′ is undefined).
    before = real(sp.sympify(entry["before"]["sympy"]))
    after = real(sp.sympify(entry["after"]["sympy"]))
    if isinstance(before, sp.Derivative):
        before = before.doit()
    assert equal(before, after), entry["rule"]
    assert entry["before"]["latex"] and entry["after"]["latex"]
    for sub in entry["substeps"]:
        _check_tree(sub)


@PROPERTY
@given(EXPRESSIONS)
def test_the_document_blocks_mirror_the_rule_tree(expr):
    derivation = derive_steps(expr, x)
    root = calculus.derivation_blocks(derivation)[0]
    count = sum(1 for n in nodes(derivation.root) if n is derivation.root or n.key() != "variable")

    def size(step):
        return 1 + sum(size(s) for s in step.substeps)

    assert size(root) == count
