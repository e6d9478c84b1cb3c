"""The functions of derive's maths, each declared once.

An entry says everything derive needs to know about one function: its name in
formula trees and JSON, how the LaTeX and Unicode printers write it, which
SymPy function it is, and what else a user may type for it. The printers'
tables, the expression parser's names and the SymPy → formula transcriber are
all derived from :data:`FUNCTIONS`; to teach derive a function, add it here.

No SymPy here: the table is read by printers that must stay light.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Function:
    """One function as derive writes and reads it.

    Attributes:
        name: the name in formula trees (``F.Call``) and JSON.
        latex: the LaTeX command written before the parenthesised arguments
            (``\\sin``), or a template with ``{}`` for the arguments
            (``\\sqrt{{{}}}``) when the function is written around them.
        text: the same for Unicode text (``σ``, ``|{}|``).
        sympy: the SymPy function it is: a name in ``sympy`` (``sin``), or one
            of :mod:`derive.steps.functions` (``sigmoid``); empty when derive
            only writes it (softmax).
        spellings: other names a user may type for it (``sigma``, ``logistic``).
    """

    name: str
    latex: str
    text: str
    sympy: str = ""
    spellings: tuple[str, ...] = ()

    def written(self, template: str, args: str, paren) -> str:
        """``template`` (the latex or text form) applied to printed ``args``."""
        return template.format(args) if "{}" in template else template + paren(args)


FUNCTIONS: dict[str, Function] = {f.name: f for f in (
    Function("sigmoid", r"\sigma", "σ", "sigmoid", ("sigma", "logistic", "sig")),
    Function("relu", r"\operatorname{ReLU}", "ReLU", "relu", ("ReLU",)),
    Function("leaky_relu", r"\operatorname{LeakyReLU}", "LeakyReLU", "leaky_relu"),
    Function("softmax", r"\operatorname{softmax}", "softmax"),
    Function("softplus", r"\operatorname{softplus}", "softplus"),
    Function("step", r"\operatorname{step}", "step"),
    Function("exp", "e^{{{}}}", "exp({})", "exp"),
    Function("log", r"\log", "log", "log"),
    Function("ln", r"\ln", "ln", "log"),
    Function("sqrt", r"\sqrt{{{}}}", "√({})", "sqrt"),
    Function("abs", r"\left|{}\right|", "|{}|", "Abs", ("Abs",)),
    Function("max", r"\max", "max", "Max", ("Max",)),
    Function("min", r"\min", "min", "Min", ("Min",)),
    Function("sign", r"\operatorname{sign}", "sign", "sign"),
    Function("H", "H", "H", "Heaviside"),
    Function("sin", r"\sin", "sin", "sin"),
    Function("cos", r"\cos", "cos", "cos"),
    Function("tan", r"\tan", "tan", "tan"),
    Function("cot", r"\cot", "cot", "cot"),
    Function("sec", r"\sec", "sec", "sec"),
    Function("csc", r"\csc", "csc", "csc"),
    Function("sinh", r"\sinh", "sinh", "sinh"),
    Function("cosh", r"\cosh", "cosh", "cosh"),
    Function("tanh", r"\tanh", "tanh", "tanh"),
    Function("arcsin", r"\arcsin", "arcsin", "asin", ("asin",)),
    Function("arccos", r"\arccos", "arccos", "acos", ("acos",)),
    Function("arctan", r"\arctan", "arctan", "atan", ("atan",)),
)}

#: Greek letters by their LaTeX names, with the Unicode letter each is printed as
#: (and read back from). The ``var`` forms are the same letter to a reader.
GREEK: dict[str, str] = dict(zip(
    ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma "
     "tau upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega "
     "varepsilon varphi").split(),
    "αβγδεζηθικλμνξπρστυφχψωΓΔΘΛΞΠΣΦΨΩϵϕ", strict=True))

#: The functions a user may type into ``derive steps``: every name and spelling of
#: an entry that is a SymPy function, except the ones only lecture notes write (H, sign).
TYPED = {spelling: f for f in FUNCTIONS.values()
         if f.sympy and f.name not in ("H", "sign", "cot", "sec", "csc")
         for spelling in (f.name, *f.spellings)}
