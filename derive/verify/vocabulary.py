"""The vocabulary of worked-example maths: what each command and character means.

Tables only; :mod:`derive.verify.tokens` reads them. To teach verify a new
command or symbol, add it here; functions come from :mod:`derive.vocabulary`.
"""

from derive import vocabulary

#: The functions the interval evaluator computes (log and ln are both ln there).
EVALUATED = frozenset({"sigmoid", "exp", "tanh", "relu", "softplus", "ln", "sqrt", "max",
                       "min"})

#: Function names as written (lower case) → the evaluator's name, from derive's own
#: vocabulary: every spelling of every function the evaluator computes.
FUNCTIONS = {
    spelling.lower(): ("ln" if entry.sympy == "log" else entry.name)
    for entry in vocabulary.FUNCTIONS.values()
    if ("ln" if entry.sympy == "log" else entry.name) in EVALUATED
    for spelling in (entry.name, *entry.spellings)
}

#: LaTeX commands that are operators or punctuation.
COMMANDS = {
    "times": ("op", "*"), "cdot": ("op", "*"), "ast": ("op", "*"), "div": ("op", "/"),
    "frac": ("frac", None), "dfrac": ("frac", None), "tfrac": ("frac", None),
    "sqrt": ("sqrt", None), "approx": ("rel", "≈"), "simeq": ("rel", "≈"),
    "coloneqq": ("rel", "="), "leftarrow": ("rel", "="), "gets": ("rel", "="),
    "quad": ("sep", None), "qquad": ("sep", None), "Rightarrow": ("sep", None),
    "rightarrow": ("sep", None), "implies": ("sep", None), "to": ("sep", None),
    "Longrightarrow": ("sep", None), "therefore": ("sep", None),
    "lbrace": ("{", None), "rbrace": ("}", None), "{": ("{", None), "}": ("}", None),
}

#: Commands that only change how something looks: dropped, their argument kept.
COSMETIC = frozenset({
    "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl",
    "biggr", "displaystyle", "textstyle", "limits", "nonumber", "notag", "mathbf", "mathit",
    "boldsymbol", "bm", "textbf", "textit", "mathsf", "mathtt", "emph", "underline", "boxed",
    "bf", "it", "rm", ",", ";", ":", "!", " ", "enspace", "thinspace", "medspace", "hfill",
    "phantom", "mathbin", "mathrel", "mathop", "mathcal",
})

#: Beamer's overlay commands (``\uncover<2->{…}``, ``\alert<3>{…}``): their slide
#: specification is skipped, their argument read as maths.
OVERLAY = frozenset({"uncover", "alert", "only", "onslide", "visible", "pause"})

#: Commands with one argument that is dropped entirely (``\color{red}``).
DROP_ARGUMENT = frozenset({"color", "label", "tag", "hspace", "vspace", "ref", "eqref"})

#: Commands that read their braced argument as a word (``\text{sigmoid}``).
WORD_ARGUMENT = frozenset({"text", "mathrm", "operatorname", "textrm", "textnormal", "mbox",
                           "textsf", "texttt"})

#: Environments that only lay maths out (their rows are read as lines).
LAYOUT_ENVIRONMENTS = frozenset({"aligned", "align", "alignat", "split", "gathered", "gather",
                                 "equation", "eqnarray", "multline", "flalign", "alignedat"})

#: Accents on a name: ``\hat{y}`` → ``yhat``.
ACCENTS = {"hat": "hat", "widehat": "hat", "bar": "bar", "overline": "bar", "tilde": "tilde"}

#: Greek letters read as names. σ is left out: in a worked example \sigma is the
#: sigmoid (the tokenizer decides from what follows it).
GREEK = tuple(name for name in vocabulary.GREEK if name != "sigma")
#: Unicode Greek letters → their names (ϵ is epsilon, ϕ is phi).
UNICODE_GREEK = {letter: name.removeprefix("var") for name, letter in vocabulary.GREEK.items()}

#: Single characters that are operators or punctuation in both styles.
CHARACTERS = {
    "+": ("op", "+"), "-": ("op", "-"), "−": ("op", "-"), "–": ("op", "-"), "*": ("op", "*"),
    "×": ("op", "*"), "·": ("op", "*"), "⋅": ("op", "*"), "∙": ("op", "*"), "/": ("op", "/"),
    "÷": ("op", "/"), "^": ("op", "^"), "(": ("(", None), ")": (")", None), "[": ("(", None),
    "]": (")", None), "{": ("{", None), "}": ("}", None), ",": (",", None), "=": ("rel", "="),
    "≈": ("rel", "≈"), "≃": ("rel", "≈"), "←": ("rel", "="), "⇒": ("sep", None),
    "→": ("sep", None), "⟹": ("sep", None), ";": ("sep", None), "√": ("sqrt", None),
}

FRACTIONS = {"½": "0.5", "¼": "0.25", "¾": "0.75"}
