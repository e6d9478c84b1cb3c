"""Files are written whole or not at all, with ordinary permissions."""

from __future__ import annotations

import os
import stat

import pytest

from derive import output
from derive.errors import DeriveError


def test_write_atomic_leaves_no_temporary_files(tmp_path):
    path = output.write_atomic(tmp_path / "a" / "b.txt", "hello")
    assert path.read_text() == "hello"
    assert [p.name for p in path.parent.iterdir()] == ["b.txt"]
    expected = 0o666 & ~_umask()
    assert stat.S_IMODE(os.stat(path).st_mode) == expected


def test_an_unwritable_folder_is_a_clean_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DeriveError, match="cannot write"):
        output.write_atomic(blocker / "inside.txt", "data")


def test_a_failed_render_writes_nothing(tmp_path, monkeypatch):
    from derive import api, render

    result = api.solve(example="chain-1-1-1")

    def broken(doc, templates):
        raise render.RenderError("boom")

    monkeypatch.setitem(render.FORMATS, "handout",
                        render.Format("handout", "-handout.tex", True, broken))
    with pytest.raises(render.RenderError):
        result.write(tmp_path, ["markdown", "handout"], "chain")
    assert list(tmp_path.iterdir()) == []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
