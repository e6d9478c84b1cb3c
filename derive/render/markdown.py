"""Markdown rendering with Unicode maths: readable in a terminal and on the web.

Equation chains are indented lines (Markdown code blocks keep their alignment);
prose keeps formulas inline as Unicode text.
"""

from __future__ import annotations

from derive import document as D
from derive import formula as F
from derive.errors import RenderError
from derive.render import mathprint
from derive.render.templates import environment


def inline(parts) -> str:
    """Prose parts as Markdown text."""
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, F.Formula):
            out.append(mathprint.text(part))
        else:
            raise RenderError(f"cannot render inline {type(part).__name__}")
    return "".join(out)


class MarkdownRenderer:
    """Renders a Document as Markdown (``template_dir``: the user's templates first)."""

    def __init__(self, template_dir: str | None = None):
        self.env = environment(template_dir)

    def render(self, doc: D.Document) -> str:
        sections = [{"title": inline(s.title),
                     "steps": [{"title": inline(step.title), "body": self.blocks(step.blocks)}
                               for step in s.steps]}
                    for s in doc.sections]
        template = self.env.get_template("markdown/document.md.j2")
        return template.render(title=doc.title, subtitle=doc.subtitle, sections=sections)

    def blocks(self, blocks) -> str:
        return "\n\n".join(text for text in map(self.block, blocks) if text)

    def block(self, block: D.Block) -> str:
        method = getattr(self, f"_block_{type(block).__name__}", None)
        if method is None:
            raise RenderError(f"the Markdown renderer cannot render {type(block).__name__}")
        return method(block)

    def _block_Prose(self, block: D.Prose) -> str:
        return inline(block.parts)

    def _block_Diagram(self, block: D.Diagram) -> str:
        # A drawing has no Markdown form; its caption says what it shows.
        return f"*{block.caption}*" if block.caption else ""

    def _block_Plot(self, block: D.Plot) -> str:
        # A curve has no Markdown form; the table beside it holds its numbers.
        return f"*{block.caption}*" if block.caption else ""

    def _block_Equation(self, block: D.Equation) -> str:
        text = mathprint.text(block.lhs)
        for rel, formula in block.rhs:
            text += f" {mathprint.UNICODE.relation(rel)} {mathprint.text(formula)}"
        note = f"\n    ({block.note})" if block.note else ""
        return f"    {text}{note}"

    def _block_Table(self, block: D.Table) -> str:
        header = [inline(c) for c in block.header]
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(inline(c) for c in row) + " |" for row in block.rows]
        return "\n".join(lines)

    def _block_RuleStep(self, block: D.RuleStep, depth: int = 0) -> str:
        pad = "  " * depth
        explanation = f": {inline(block.explanation)}" if block.explanation else ""
        line = (f"{pad}- **{block.rule}**{explanation}  \n{pad}  "
                f"{mathprint.text(block.before)} = {mathprint.text(block.after)}")
        return "\n".join([line] + [self._block_RuleStep(s, depth + 1) for s in block.substeps])
