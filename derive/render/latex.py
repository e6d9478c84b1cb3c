"""LaTeX renderers: Beamer slides and an article handout, from Jinja templates.

Templates use ``\\BLOCK{…}``, ``\\VAR{…}`` and ``\\#{…}`` so that they read as
LaTeX; a misspelt variable is an error (StrictUndefined). Text is escaped with
pylatex's ``escape_latex``; formulas come from :mod:`derive.render.mathprint`.
Each block type has its own small template in ``templates/latex/blocks``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from pylatex.utils import escape_latex

from derive import document as D
from derive import formula as F
from derive.errors import RenderError
from derive.render import mathprint

#: Above this many characters (as Unicode text) an equation chain is broken
#: over lines, one link per line, instead of running on one line.
ONE_LINE_LIMIT = {"slides": 58, "handout": 80}


def template_dirs() -> list[Path]:
    """Where the templates are: inside the installed package, else the source tree."""
    here = Path(__file__).resolve().parent.parent
    return [d for d in (here / "templates", here.parent / "templates") if d.is_dir()]


@lru_cache(maxsize=None)
def environment(extra: str | None = None) -> jinja2.Environment:
    """The Jinja environment for LaTeX (``extra``: a user template folder, searched first)."""
    dirs = ([extra] if extra else []) + [str(d) for d in template_dirs()]
    if not dirs:
        raise RenderError("no templates folder found (is the package installed correctly?)")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(dirs),
        block_start_string=r"\BLOCK{", block_end_string="}",
        variable_start_string=r"\VAR{", variable_end_string="}",
        comment_start_string=r"\#{", comment_end_string="}",
        line_statement_prefix="%%", line_comment_prefix="%#",
        trim_blocks=True, lstrip_blocks=True, autoescape=False,
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
    )
    env.filters["e"] = escape_latex
    return env


def inline(parts) -> str:
    """Prose parts (text and formulas) as LaTeX."""
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(escape_latex(part))
        elif isinstance(part, F.Formula):
            out.append(f"${mathprint.latex(part, inline=True)}$")
        else:
            raise RenderError(f"cannot render inline {type(part).__name__}")
    return "".join(out)


class LatexRenderer:
    """Renders a Document with one of the LaTeX layouts (``slides`` or ``handout``)."""

    def __init__(self, layout: str, template_dir: str | None = None):
        self.layout = layout
        self.env = environment(template_dir)

    def render(self, doc: D.Document) -> str:
        sections = []
        appendix = []
        for section in doc.sections:
            steps = [{"title": inline(s.title), "body": self.blocks(s.blocks), "tag": s.tag,
                      "appendix": s.appendix} for s in section.steps]
            entry = {"title": inline(section.title), "steps": [s for s in steps if not s["appendix"]]}
            appendix += [s for s in steps if s["appendix"]]
            sections.append(entry)
        template = self.env.get_template(f"latex/{self.layout}.tex.j2")
        return template.render(title=escape_latex(doc.title), subtitle=escape_latex(doc.subtitle),
                               sections=sections, appendix=appendix)

    def blocks(self, blocks) -> str:
        """Render blocks; consecutive equations share one aligned display."""
        out, run = [], []
        for block in [*blocks, None]:
            if isinstance(block, D.Equation) and not block.note:
                run.append(block)
                continue
            if run:
                out.append(self._equations(run))
                run = []
            if block is not None:
                out.append(self.block(block))
        return "\n".join(out).strip()

    def _equations(self, equations: list[D.Equation]) -> str:
        """One ``align*``: each chain aligned at its first relation, long chains wrapped."""
        rows = []
        budget = ONE_LINE_LIMIT[self.layout]
        for eq in equations:
            width = len(mathprint.text(eq.lhs))
            line: list[str] = []
            first = True
            for rel, formula in eq.rhs:
                size = len(mathprint.text(formula)) + 3
                if line and (rel == "+" or width + size > budget):
                    rows.append((mathprint.latex(eq.lhs) if first else "", " ".join(line)))
                    first, line, width = False, [], 4
                relation = r"\quad +" if rel == "+" else mathprint.LATEX.relation(rel)
                line.append(f"{relation} {mathprint.latex(formula)}")
                width += size
            rows.append((mathprint.latex(eq.lhs) if first else "", " ".join(line)))
        return self._template("equations", rows=rows)

    def block(self, block: D.Block) -> str:
        method = getattr(self, f"_block_{type(block).__name__}", None)
        if method is None:
            raise RenderError(f"the LaTeX renderer cannot render {type(block).__name__}")
        return method(block)

    def _template(self, name: str, **context) -> str:
        return self.env.get_template(f"latex/blocks/{name}.tex.j2").render(
            layout=self.layout, **context).strip()

    def _block_Prose(self, block: D.Prose) -> str:
        return self._template("prose", text=inline(block.parts))

    def _block_Equation(self, block: D.Equation) -> str:
        lhs = mathprint.latex(block.lhs)
        links = [(mathprint.LATEX.relation(rel), mathprint.latex(f)) for rel, f in block.rhs]
        width = len(mathprint.text(block.lhs)) + sum(len(mathprint.text(f)) + 3
                                                     for _, f in block.rhs)
        one_line = width <= ONE_LINE_LIMIT[self.layout] and all(r != "+" for r, _ in block.rhs)
        return self._template("equation", lhs=lhs, links=links, one_line=one_line,
                              note=escape_latex(block.note))

    def _block_Table(self, block: D.Table) -> str:
        return self._template("table", header=[inline(c) for c in block.header],
                              rows=[[inline(c) for c in row] for row in block.rows],
                              caption=escape_latex(block.caption))

    def _block_RuleStep(self, block: D.RuleStep) -> str:
        return self._template("rulestep", step=self._rule_view(block))

    def _rule_view(self, step: D.RuleStep) -> dict:
        return {"rule": escape_latex(step.rule), "before": mathprint.latex(step.before),
                "after": mathprint.latex(step.after), "explanation": inline(step.explanation),
                "substeps": [self._rule_view(s) for s in step.substeps]}
