"""Writing generated files safely: whole or not at all.

A file is written to a temporary sibling and renamed into place, so an error
(or Ctrl-C) never leaves a half-written file in the output folder. A run that
writes several files (slides, handout, their PDFs, Markdown, JSON) writes them
as one set (:func:`publish`): everything is made in a staging folder first and
moved in only when all of it succeeded, so a failed PDF build never leaves a
new ``.tex`` beside the previous run's PDFs.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from derive.errors import DeriveError, quoted

#: A file name stem: starts with a letter, digit or underscore (no dot-files, no ..).
_STEM = re.compile(r"\w[\w.-]{0,99}")


def write_atomic(path: str | Path, content: str | bytes) -> Path:
    """Write ``content`` to ``path`` atomically; create the folder if needed.

    Raises:
        DeriveError: when the folder cannot be created or written.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        # mkstemp makes the file private (0600); give it the usual mode instead.
        os.chmod(temp, 0o666 & ~_umask())
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise DeriveError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def check_stem(stem: str, option: str = "--name") -> str:
    """``stem`` if it is a plain file name stem, else a one-line error."""
    if not _STEM.fullmatch(stem):
        raise DeriveError(f"{option}: {quoted(stem)} is not a plain file name (letters, "
                          "digits, _ . -, not starting with a dot; at most 100 characters)")
    return stem


def publish(folder: str | Path, files: Mapping[str, str | bytes],
            build: Callable[[Path], Path] | None = None,
            to_build: Iterable[str] = ()) -> list[Path]:
    """Write ``files`` (name → content) into ``folder`` as one set.

    Every file is written, and each of ``to_build`` compiled with ``build``
    (which writes its product beside its input), in a staging folder inside
    ``folder``; only when all of that succeeded are the results moved in.

    Returns:
        The paths written, in order (each built file after its source).

    Raises:
        DeriveError: when anything fails; the message then says that the
            folder was left as it was.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder, prefix=".derive-staging-"))
    except OSError as error:
        raise DeriveError(f"cannot write to {folder}: {error.strerror or error}") from None
    to_build = set(to_build)
    try:
        made: list[Path] = []
        for name, content in files.items():
            made.append(write_atomic(staging / name, content))
            if name in to_build and build is not None:
                made.append(build(made[-1]))
        written = []
        for path in made:
            target = folder / path.name
            os.replace(path, target)
            written.append(target)
        return written
    except DeriveError as error:
        error.args = (f"{error} ({_unchanged(folder)})",)
        raise
    except OSError as error:
        raise DeriveError(f"cannot write to {folder}: {error.strerror or error}; "
                          f"{_unchanged(folder)}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _unchanged(folder: Path) -> str:
    return f"nothing was written, the files in {folder} are as they were"


def emit(content: str, destination: str | Path, name: str) -> Path | None:
    """Print ``content`` when ``destination`` is ``-``, else write it to ``destination/name``."""
    if str(destination) == "-":
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
        return None
    return write_atomic(Path(destination) / name, content)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
