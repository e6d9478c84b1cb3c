"""Renderers: each walks the neutral document model and writes one format.

:data:`FORMATS` maps a format name to (file suffix, renderer factory); nothing
here computes. ``render(document, "slides")`` returns the text of that format.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from derive.document import Document
from derive.errors import RenderError


@dataclass(frozen=True)
class Format:
    """One output format: how its file is named and how it is produced."""

    name: str
    suffix: str
    latex: bool
    render: Callable[[Document, str | None], str]
    #: True when the format writes only the answers (``doc.data``), not the steps.
    answers_only: bool = False


def _slides(doc: Document, templates: str | None) -> str:
    from derive.render.latex import LatexRenderer

    return LatexRenderer("slides", templates).render(doc)


def _handout(doc: Document, templates: str | None) -> str:
    from derive.render.latex import LatexRenderer

    return LatexRenderer("handout", templates).render(doc)


def _markdown(doc: Document, templates: str | None) -> str:
    from derive.render.markdown import MarkdownRenderer

    return MarkdownRenderer(templates).render(doc)


def _json(doc: Document, templates: str | None) -> str:
    return json.dumps(doc.data, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Format] = {
    f.name: f for f in (
        Format("slides", "-slides.tex", True, _slides),
        Format("handout", "-handout.tex", True, _handout),
        Format("markdown", ".md", False, _markdown),
        Format("json", ".json", False, _json, answers_only=True),
    )
}


def render(doc: Document, fmt: str, templates: str | None = None) -> str:
    """The document in format ``fmt`` (a key of :data:`FORMATS`).

    ``templates`` is a folder of the user's own templates, searched before the
    bundled ones (same names: ``latex/slides.tex.j2`` …).
    """
    import jinja2

    if fmt not in FORMATS:
        raise RenderError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    try:
        return FORMATS[fmt].render(doc, templates)
    except jinja2.TemplateError as error:  # a user's template: its mistake, not a bug
        where = getattr(error, "filename", None) or getattr(error, "name", None) or "template"
        line = getattr(error, "lineno", None)
        raise RenderError(f"{where}{f', line {line}' if line else ''}: "
                          f"{error.message or type(error).__name__}") from None
