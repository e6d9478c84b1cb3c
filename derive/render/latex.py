"""LaTeX renderers: Beamer slides and an article handout, from Jinja templates.

Text is escaped with pylatex's ``escape_latex``; formulas come from
:mod:`derive.render.mathprint`. Each block type has its own small template in
``templates/latex/blocks``; slides are cut into frames that fit (:mod:`derive.render.paging`).
"""

from __future__ import annotations

from itertools import groupby

from derive import document as D
from derive import formula as F
from derive.errors import RenderError
from derive.render import mathprint, paging
from derive.render.markdown import inline as markdown_text
from derive.render.mathprint import escape_text as escape_latex
from derive.render.templates import environment

#: Above this many characters (as Unicode text) an equation chain is broken
#: over lines, one link per line, instead of running on one line.
ONE_LINE_LIMIT = {"slides": 62, "handout": 84}

#: The height in cm of a plot's axes (the loss curve).
PLOT_HEIGHT = {"slides": 4.0, "handout": 5.0}

#: Steps whose blocks cannot be cut (a rule-by-rule tree): Beamer breaks their
#: frames itself, between list items.
BREAKING_TAGS = ("derivation",)


def width(formula: F.Formula) -> int:
    """About how many characters wide a formula prints: fractions are stacked."""
    total = len(mathprint.text(formula))
    for node in F.walk(formula):
        if isinstance(node, (F.Partial, F.Frac)):
            top, bottom = (node.of, node.wrt) if isinstance(node, F.Partial) else (node.num,
                                                                                  node.den)
            stacked = max(len(mathprint.text(top)), len(mathprint.text(bottom))) + 1
            total -= len(mathprint.text(node)) - stacked
        elif isinstance(node, F.Matrix):  # set as a grid: as wide as its widest row
            widest = max(sum(len(mathprint.text(c)) + 2 for c in row) for row in node.rows)
            total -= len(mathprint.text(node)) - widest - 2
    return total


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


def _row(lhs: str, line: list[tuple[str, F.Formula]]) -> paging.Row:
    """A display row from its (relation, formula) links; the last formula stands apart."""
    links = [f"{relation} {mathprint.latex(formula)}" for relation, formula in line[:-1]]
    relation, last = line[-1]
    number = isinstance(last, F.Num) or (isinstance(last, F.Neg) and isinstance(last.arg, F.Num))
    return paging.Row(lhs, " ".join([*links, relation]), mathprint.latex(last), number)


class LatexRenderer:
    """Renders a Document with one of the LaTeX layouts (``slides`` or ``handout``)."""

    def __init__(self, layout: str, template_dir: str | None = None):
        self.layout = layout
        self.env = environment(template_dir)
        self.reveal = False

    def render(self, doc: D.Document) -> str:
        # Slides show a display's lines one at a time (Beamer overlays); a handout,
        # or slides meant for print, show each frame whole.
        self.reveal = doc.reveal and self.layout == "slides"
        sections = []
        appendix = []
        for section in doc.sections:
            if section.handout_only and self.layout == "slides":
                continue
            steps = [{"title": inline(s.title) + (r" \textit{(cont.)}" if part else ""),
                      "body": body, "tag": s.tag, "appendix": s.appendix,
                      "breaks": s.tag in BREAKING_TAGS}
                     for s in section.steps for part, body in enumerate(self.frames(s))]
            entry = {"title": inline(section.title),
                     "steps": [s for s in steps if not s["appendix"]]}
            appendix += [s for s in steps if s["appendix"]]
            sections.append(entry)
        template = self.env.get_template(f"latex/{self.layout}.tex.j2")
        return template.render(title=escape_latex(doc.title), subtitle=escape_latex(doc.subtitle),
                               sections=sections, appendix=appendix)

    def frames(self, step: D.Step) -> list[str]:
        """The bodies of the frames a step takes: one on a handout, as many as fit on slides."""
        if self.layout != "slides" or step.tag in BREAKING_TAGS:
            return [self.blocks(step.blocks)]
        return [self.page(p) for p in paging.paginate(self.pieces(step.blocks))]

    def pieces(self, blocks) -> list[paging.Piece]:
        """The blocks of a step as uncuttable pieces with their heights (slides)."""
        out: list[paging.Piece] = []
        for block in blocks:
            if isinstance(block, D.Equation) and not block.note:
                out += paging.equation_pieces(self._rows(block))
            elif isinstance(block, D.Table):
                out += paging.table_pieces(block, [inline(c) for c in block.header],
                                           [[inline(c) for c in row] for row in block.rows])
            else:
                out.append(paging.Piece("latex", self.height(block), self.block(block)))
        return out

    def page(self, pieces: list[paging.Piece]) -> str:
        """One frame's body: runs of equation rows in one display, table rows in one table.

        With overlays, the frame's equation lines appear one per slide, in order.
        """
        out = []
        shown = 0
        for _, group in groupby(pieces, key=lambda p: (p.kind, id(p.owner))):
            group = list(group)
            kind = group[0].kind
            if kind == "rows":
                rows = [r for p in group for r in p.payload]
                out.append(self._template("equations", note="",
                                          rows=self._revealed(rows, shown)))
                shown += len(rows)
            elif kind == "table":
                out.append(self._template("table", header=group[0].payload[0],
                                          rows=[p.payload[1] for p in group],
                                          caption=escape_latex(group[0].owner.caption)))
            else:
                out += [p.payload for p in group]
        return "\n".join(out).strip()

    def height(self, block: D.Block) -> float:
        """The height in points of a block that is not cut (prose, notes, derivations)."""
        if isinstance(block, D.Equation):
            return paging.DISPLAY + 8 + sum(paging.row_height(r) for r in self._rows(block))
        if isinstance(block, D.Prose):
            return paging.text_height(len(markdown_text(block.parts)))
        if isinstance(block, D.RuleStep):
            return 30 * (1 + sum(self.height(s) / 30 for s in block.substeps))
        if isinstance(block, D.Diagram):
            return paging.diagram_height(block.height + 2 * block.radius, bool(block.caption))
        if isinstance(block, D.Plot):
            return paging.diagram_height(PLOT_HEIGHT[self.layout], bool(block.caption))
        return 40.0

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
        rows = [r for eq in equations for r in self._rows(eq)]
        return self._template("equations", rows=self._revealed(rows, None), note="")

    def _rows(self, eq: D.Equation) -> list[paging.Row]:
        """The rows of one chain: ``lhs = a = b`` while it fits, then ``= c`` below."""
        rows = []
        budget = ONE_LINE_LIMIT[self.layout]
        used = width(eq.lhs)
        line: list[tuple[str, F.Formula]] = []
        first = True
        for rel, formula in eq.rhs:
            size = width(formula) + 3
            if line and (rel in ("+", "-") or used + size > budget):
                rows.append(_row(mathprint.latex(eq.lhs) if first else "", line))
                first, line, used = False, [], 4
            relation = (rf"\quad {rel}" if rel in ("+", "-")
                        else mathprint.LATEX.relation(rel))
            line.append((relation, formula))
            used += size
        rows.append(_row(mathprint.latex(eq.lhs) if first else "", line))
        return rows

    def _revealed(self, rows: list[paging.Row], shown: int | None) -> list[dict]:
        """Rows for the template; ``step`` is the slide each appears on (None: at once)."""
        return [{"lhs": r.lhs, "prefix": r.prefix, "last": r.last, "number": r.number,
                 "step": shown + i + 1 if self.reveal and shown is not None else None}
                for i, r in enumerate(rows)]

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
        return self._template("equations", rows=self._revealed(self._rows(block), None),
                              note=escape_latex(block.note))

    def _block_Table(self, block: D.Table) -> str:
        return self._template("table", header=[inline(c) for c in block.header],
                              rows=[[inline(c) for c in row] for row in block.rows],
                              caption=escape_latex(block.caption))

    def _block_Diagram(self, block: D.Diagram) -> str:
        def math(formula):
            return f"${mathprint.latex(formula, inline=True)}$"

        nodes = [{"x": n.x, "y": n.y, "lit": n.highlight,
                  "text": math(n.name) + (r"\\" + math(n.value) if n.value else "")}
                 for n in block.nodes]
        edges = [{"x1": block.nodes[e.source].x, "y1": block.nodes[e.source].y,
                  "x2": block.nodes[e.target].x, "y2": block.nodes[e.target].y,
                  "lit": e.highlight} for e in block.edges]
        labels = [{"x": e.at.x, "y": e.at.y, "text": math(e.label)}
                  for e in block.edges if e.label is not None]
        labels += [{"x": n.bias_at.x, "y": n.bias_at.y, "text": math(n.bias)}
                   for n in block.nodes if n.bias is not None]
        return self._template("diagram", nodes=nodes, edges=edges, labels=labels,
                              radius=block.radius, caption=escape_latex(block.caption))

    def _block_Plot(self, block: D.Plot) -> str:
        return self._template("plot", points=block.points, xlabel=inline(block.xlabel),
                              ylabel=inline(block.ylabel), height=PLOT_HEIGHT[self.layout],
                              caption=escape_latex(block.caption))

    def _block_RuleStep(self, block: D.RuleStep) -> str:
        return self._template("rulestep", step=self._rule_view(block))

    def _rule_view(self, step: D.RuleStep) -> dict:
        return {"rule": escape_latex(step.rule), "before": mathprint.latex(step.before),
                "after": mathprint.latex(step.after), "explanation": inline(step.explanation),
                "substeps": [self._rule_view(s) for s in step.substeps]}
