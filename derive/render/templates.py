"""The Jinja environment shared by all template-based renderers.

Templates use ``\\BLOCK{…}``, ``\\VAR{…}`` and ``\\#{…}`` so that LaTeX templates
read as LaTeX; a misspelt variable is an error (StrictUndefined). Templates come
from the package (or the source tree), or from a folder the user names. They run
in Jinja's sandbox, so a template cannot reach Python's internals through
attributes (``''.__class__``); what it writes is still up to its author, so a
user's template folder must be one the user trusts.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
import jinja2.sandbox

from derive.errors import RenderError
from derive.render.mathprint import escape_text


def template_dirs() -> list[Path]:
    """Where the templates are: inside the installed package, else the source tree."""
    here = Path(__file__).resolve().parent.parent
    return [d for d in (here / "templates", here.parent / "templates") if d.is_dir()]


@cache
def environment(extra: str | None = None) -> jinja2.Environment:
    """The Jinja environment for LaTeX (``extra``: a user template folder, searched first)."""
    if extra and not Path(extra).is_dir():
        raise RenderError(f"--templates: no such folder: {extra}")
    dirs = ([extra] if extra else []) + [str(d) for d in template_dirs()]
    if not template_dirs():
        raise RenderError("no templates folder found (is the package installed correctly?)")
    env = jinja2.sandbox.SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(dirs),
        block_start_string=r"\BLOCK{", block_end_string="}",
        variable_start_string=r"\VAR{", variable_end_string="}",
        comment_start_string=r"\#{", comment_end_string="}",
        line_statement_prefix="%%", line_comment_prefix="%#",
        trim_blocks=True, lstrip_blocks=True, autoescape=False,
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
    )
    env.filters["e"] = escape_text
    return env
