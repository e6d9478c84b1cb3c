"""derive verify on the command line: report, --json, --annotate and exit codes."""

import json

from derive.cli import main

TEXT = "z = 0.5 × 0.7 + 0.3 × 0.4 = 0.47\nh = σ(z) = 0.615\ng = 2 × h = 1.31\n"


def test_report_and_exit_code_1_on_errors(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["verify", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:3: error: claimed 1.31, expected 1.23" in out
    assert "3 claims checked: 2 ok, 1 error" in out


def test_exit_code_0_without_errors(tmp_path, capsys):
    path = tmp_path / "notes.md"
    path.write_text("$$z = 0.5 \\times 0.7 = 0.35$$\n", encoding="utf-8")
    assert main(["verify", str(path), "--all"]) == 0
    assert ":1: ok: claimed 0.35" in capsys.readouterr().out


def test_json_contract(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text(TEXT + "o = σ(q) = 0.5\n", encoding="utf-8")
    assert main(["verify", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    claims = [f for f in data["findings"] if not f["operand"]]
    assert [f["status"] for f in claims] == ["ok", "ok", "error", "unchecked"]
    first = data["findings"][0]
    assert set(first) == {"line", "status", "claimed", "expected", "expression", "reason",
                          "other_line", "operand"}
    assert (first["line"], first["claimed"], first["expected"]) == (1, "0.47", "0.47")
    assert data["summary"]["error"] == 1 and data["summary"]["claims"] == 4


def test_standard_input(cli):
    result = cli("verify", "-", "--json", stdin=TEXT)
    assert result.returncode == 1
    assert json.loads(result.stdout)["summary"]["error"] == 1


def test_unusable_input_is_one_line_and_exit_2(tmp_path, cli):
    binary = tmp_path / "a.bin"
    binary.write_bytes(b"\x00\x01\x02")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    for target in (str(tmp_path / "missing.md"), str(binary), str(empty), str(tmp_path)):
        result = cli("verify", target)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "derive verify: error:" in result.stderr
        assert "Traceback" not in result.stderr


def test_annotated_copies(tmp_path, capsys):
    source = tmp_path / "notes.md"
    source.write_text("$$g = 2 \\times 0.615 = 1.31$$\nfine\n", encoding="utf-8")
    for suffix in (".md", ".html", ".txt"):
        out = tmp_path / f"marked{suffix}"
        assert main(["verify", str(source), "--annotate", str(out)]) == 1
        marked = out.read_text(encoding="utf-8")
        assert "1.31" in marked and "fine" in marked
    assert r"\textcolor{red}{\boxed{1.31}}" in (tmp_path / "marked.md").read_text()
    assert "<!-- verify: error" in (tmp_path / "marked.md").read_text()
    assert '<mark class="error"' in (tmp_path / "marked.html").read_text()
    capsys.readouterr()


def test_colour_only_when_asked(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text(TEXT, encoding="utf-8")
    main(["verify", str(path), "--color", "always"])
    assert "\033[31;1merror" in capsys.readouterr().out
    main(["verify", str(path)])
    assert "\033[" not in capsys.readouterr().out
