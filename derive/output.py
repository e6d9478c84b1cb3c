"""Writing generated files safely: whole or not at all.

A file is written to a temporary sibling and renamed into place, so an error
(or Ctrl-C) never leaves a half-written file in the output folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from derive.errors import DeriveError


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
