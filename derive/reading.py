"""Reading the files a user names: regular files only, of bounded size.

A FIFO or a device given as a spec or a document would block or never end;
a file of gigabytes would take minutes to reject after reading it. Both are
refused before a byte is read.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from derive.errors import DeriveError, quoted


def read_bytes(name: str | Path, what: str, limit: int,
               error: type[DeriveError] = DeriveError) -> bytes:
    """The content of the regular file ``name`` (``-`` is standard input).

    Args:
        name: the path as the user gave it.
        what: what the file is, for messages ("spec file", "document").
        limit: the largest size accepted, in bytes.
        error: the exception class to raise.

    Raises:
        error: missing, not a regular file, unreadable, or larger than ``limit``.
    """
    if str(name) == "-":
        data = sys.stdin.buffer.read(limit + 1)
        return _bounded(data, "standard input", limit, error)
    label = quoted(str(name))
    try:
        mode = os.stat(name).st_mode
    except FileNotFoundError:
        raise error(f"{what} not found: {label}") from None
    except (OSError, ValueError) as problem:
        reason = getattr(problem, "strerror", None) or problem
        raise error(f"cannot read {what} {label}: {reason}") from None
    if stat.S_ISDIR(mode):
        raise error(f"{label} is a folder, not a {what}")
    if not stat.S_ISREG(mode):
        raise error(f"{label} is not a regular file (a pipe or a device); give a {what}")
    try:
        with open(name, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as problem:
        raise error(f"cannot read {what} {label}: {problem.strerror or problem}") from None
    return _bounded(data, label, limit, error)


def _bounded(data: bytes, label: str, limit: int, error: type[DeriveError]) -> bytes:
    if len(data) > limit:
        raise error(f"{label} is larger than {_size(limit)}")
    return data


def _size(limit: int) -> str:
    return f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 2**10} KB"
