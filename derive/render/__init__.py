"""Renderers: each walks the neutral document model and writes one format.

:data:`FORMATS` maps a format name to (file suffix, renderer factory); nothing
here computes. ``render(document, "slides")`` returns the text of that format.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from derive.errors import RenderError, quoted

if TYPE_CHECKING:  # the CLI reads the format names at start-up: keep this module light
    from derive.document import Document


@dataclass(frozen=True)
class Format:
    """One output format: how its file is named and how it is produced."""

    name: str
    suffix: str
    latex: bool
    render: Callable[[Document, str | None], str]
    #: True when the format writes only the answers (``doc.data``), not the steps.
    answers_only: bool = False
    #: Other names a user may give for it (``latex`` for the handout).
    aliases: tuple[str, ...] = ()


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
        Format("handout", "-handout.tex", True, _handout, aliases=("latex",)),
        Format("markdown", ".md", False, _markdown),
        Format("json", ".json", False, _json, answers_only=True),
    )
}


def formats_named(text: str) -> list[str]:
    """The formats in a comma-separated list (``slides,json``), aliases resolved, each once.

    Raises:
        RenderError: for an unknown name or an empty list.
    """
    known = {alias: f.name for f in FORMATS.values() for alias in (f.name, *f.aliases)}
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown or not names:
        hint = "; PDFs come with --pdf" if "pdf" in unknown else ""
        given = ", ".join(map(quoted, unknown)) or "(none given)"
        raise RenderError(f"--format: unknown format {given}; expected some of "
                          f"{', '.join(FORMATS)}{hint}")
    return list(dict.fromkeys(known[n] for n in names))


def format_list() -> str:
    """The format names for a help text: ``slides, handout (or latex), markdown, json``."""
    return ", ".join(f.name + (f" (or {', '.join(f.aliases)})" if f.aliases else "")
                     for f in FORMATS.values())


def files(formats: list[str], stem: str) -> dict[str, str]:
    """Format → the file name it is written to (``stem-slides.tex``, ``stem.json``)."""
    return {fmt: f"{stem}{FORMATS[fmt].suffix}" for fmt in formats}


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
