"""What the command line says when things go wrong: git's reason, a closed pipe, a newer Python's syntax, diff
headers as git writes them."""
from __future__ import annotations

import subprocess
import sys

import pytest

from flake8_unified_logging.cli import main

LEGACY = "from utils.logger_utils import get_service_logger\n"


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path):
    for i in range(400):
        (tmp_path / f"m{i:03}.py").write_text(LEGACY * 20)
    process = subprocess.Popen(
        [sys.executable, "-m", "flake8_unified_logging", "check", "--jobs", "1", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.readline().startswith(str(tmp_path).encode())
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait() == 141
    assert err == ""


def test_output_a_closed_pipe_cannot_take_at_exit_ends_the_run_quietly(tmp_path):
    """The command ends without Python's shutdown (cli.run): what is still buffered is flushed first, and a reader
    that has gone by then gives a broken pipe's status, not a traceback."""
    (tmp_path / "m.py").write_text(LEGACY)
    process = subprocess.Popen(
        [sys.executable, "-m", "flake8_unified_logging", "check", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # before the command has started: its one line stays buffered until it ends
    err = process.stderr.read().decode()
    assert (process.wait(), err) == (141, "")


def test_the_command_ends_with_the_status_and_output_of_its_run(tmp_path):
    (tmp_path / "m.py").write_text(LEGACY)
    done = subprocess.run(
        [sys.executable, "-m", "flake8_unified_logging", "check", str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 1
    use = "from utils.logging import get_service_logger"
    assert done.stdout == f"{tmp_path / 'm.py'}:1:1: ULG001 legacy import of utils.logger_utils; use: {use}\n"


def test_warnings_about_the_code_read_are_not_printed(tmp_path):
    """Python 3.12 warns of an invalid escape sequence while parsing; the file is read, not run: no word of it."""
    (tmp_path / "m.py").write_text(LEGACY + 'pattern = "\\d+"\n')
    for command in ("check", "fix"):
        done = subprocess.run(
            [sys.executable, "-W", "default", "-m", "flake8_unified_logging", command, str(tmp_path)],
            capture_output=True, text=True,
        )
        assert "Warning" not in done.stderr
    assert (tmp_path / "m.py").read_text().startswith("from utils.logging import")


def test_diff_headers_as_git_writes_them(tmp_path, monkeypatch, capsys):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "x.py").write_text(LEGACY)
    monkeypatch.chdir(tmp_path)
    assert main(["diff", "."]) == 1
    assert capsys.readouterr().out.splitlines()[:2] == ["--- a/app/x.py", "+++ b/app/x.py"]


def test_a_ref_that_is_not_a_commit_is_named_with_gits_reason(tmp_path, monkeypatch, capsys):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "x.py").write_text(LEGACY)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--new-only", "--base", "nosuchref", "."]) == 2
    err = capsys.readouterr().err
    expected = "unified-logging: error: --new-only: --base 'nosuchref' is not a commit here (git rev-parse: "
    assert err.startswith(expected)
    assert err.count("\n") == 1


NEWER = (
    ((3, 12), 'import os\nprint(f"{"\\n".join(["a"])}")\n', "valid from 3.12: f-string syntax"),
    ((3, 12), "import os\nprint(f'{'a'}')\n", "valid from 3.12: f-string syntax"),
    ((3, 12), "import os\ntype Alias = list[int]\n", "valid from 3.12: type alias statement"),
    ((3, 12), "import os\ndef first[T](xs: list[T]) -> T:\n    return xs[0]\n", "valid from 3.12: type parameters"),
    ((3, 11), "import os\ntry:\n    pass\nexcept* ValueError:\n    pass\n", "valid from 3.11: except* clause"),
    ((3, 10), "import os\nmatch os.name:\n    case 'nt':\n        pass\n", "valid from 3.10: match statement"),
)


@pytest.mark.parametrize(("version", "source", "reason"), NEWER)
def test_syntax_of_a_newer_python_says_so(write, capsys, version, source, reason):
    path = write("new.py", source)
    status = main(["fix", "--rule", "os = os2", path])
    err = capsys.readouterr().err
    if sys.version_info >= version:
        assert status == 1 and err == f"Rewriting {path}\n"
    else:
        running = f"{sys.version_info[0]}.{sys.version_info[1]}"
        assert (status, err) == (2, f"{path}: error: cannot parse with Python {running} ({reason})\n")


def test_an_error_of_every_python_is_not_blamed_on_the_version(write, capsys):
    path = write("bad.py", "import os\nx = = f'{os}'\n")
    assert main(["fix", "--rule", "os = os2", path]) == 2
    assert capsys.readouterr().err == f"{path}: error: cannot parse: invalid syntax (line 2)\n"
