"""The Python API: the whole pipeline in one readable function.

``spec → graph → chain rule → numbers → document → renderers → PDF``::

    import derive.api as derive
    result = derive.solve("network.yaml")        # or a Spec, a dict, or example="lecture-2-2-1"
    print(result.render("markdown"))
    result.write("output", ["slides", "handout", "json"], pdf=True)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from derive import answers, graph, limits, render, solution, spec, worked
from derive import examples as builtin
from derive.document import Document
from derive.output import publish
from derive.rounding import RoundingPolicy


@dataclass(frozen=True)
class Result:
    """A solved spec: its numbers, its JSON answers and (built when first asked for,
    since JSON and verify's model check need only the answers) its document."""

    spec: spec.Spec
    solution: solution.Solution
    data: dict[str, Any]
    templates: str | None = None

    @cached_property
    def document(self) -> Document:
        """The worked solution as a document, for the renderers."""
        return worked.build(self.solution, self.data)

    def render(self, fmt: str) -> str:
        """The worked solution as text in one format (slides, handout, markdown, json).

        Raises:
            SpecError: for slides or a handout of a network too large to read.
        """
        if fmt in render.FORMATS and render.FORMATS[fmt].latex:
            limits.check_readable(self.spec, "slides and handouts")
        answers_only = fmt in render.FORMATS and render.FORMATS[fmt].answers_only
        document = Document(self.spec.title, "", (), self.data) if answers_only else self.document
        return render.render(document, fmt, self.templates)

    def write(self, folder: str | Path, formats: Iterable[str], stem: str,
              pdf: bool = False) -> list[Path]:
        """Write each format to ``folder/stem…``; compile the LaTeX ones when ``pdf``.

        The files are written as one set (:func:`derive.output.publish`): a
        rendering or build error leaves the folder exactly as it was.
        """
        from derive import pdf as pdf_build

        formats = list(formats)
        names = render.files(formats, stem)
        latex = [names[fmt] for fmt in formats if render.FORMATS[fmt].latex] if pdf else []
        return publish(folder, {names[fmt]: self.render(fmt) for fmt in formats},
                       pdf_build.compile_tex, latex)


def load_spec(source: str | Path | Mapping | spec.Spec | None = None,
              example: str | None = None) -> spec.Spec:
    """A Spec from a path, a mapping, an existing Spec or a built-in example name."""
    if example is not None:
        return spec.parse(builtin.text(example), f"example {example}")
    if isinstance(source, spec.Spec):
        return source
    if isinstance(source, Mapping):
        return spec.from_mapping(source)
    if source is None:
        raise ValueError("give a spec (path, mapping or Spec) or an example name")
    return spec.load(source)


def solve(source: str | Path | Mapping | spec.Spec | None = None,
          example: str | None = None, templates: str | None = None,
          rounding: Mapping[str, Any] | None = None) -> Result:
    """Solve a spec end to end and build its worked solution.

    Args:
        source: a spec file's path, a mapping, or a :class:`~derive.spec.Spec`.
        example: a built-in example's name instead of ``source``.
        templates: a folder of the user's own Jinja templates, used before the
            bundled ones.
        rounding: settings that override the spec's ``rounding:`` section, in the
            same form (``{"carry": "displayed", "default": {"sig": 3}}``).

    Raises:
        DeriveError: for a spec or setting that is wrong, as the CLI reports it.
    """
    problem = load_spec(source, example)
    if rounding:
        given = problem.source.get("rounding") or {}
        problem = dataclasses.replace(problem, rounding=RoundingPolicy.from_mapping(
            {**given, **rounding}))
    network = graph.build(problem)
    numbers = solution.solve(problem, network)
    return Result(problem, numbers, answers.build(numbers), templates)
