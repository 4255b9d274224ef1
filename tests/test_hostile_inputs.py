"""Hostile inputs: nothing lost, a one-line message naming the file, the documented exit code."""
import os
import subprocess
import sys

import pytest

from flake8_unified_logging import files
from flake8_unified_logging.commands import run as file_runs
from flake8_unified_logging.cli import main

LEGACY = "from utils.logger_utils import a\n"
NEW = "from utils.logging import a\n"


def run_fix(capsys, *paths):
    status = main(["fix", "--jobs", "1", *map(str, paths)])
    return status, capsys.readouterr()


@pytest.mark.parametrize(
    ("content", "message"),
    (
        pytest.param(
            b"# coding: ascii\n" + LEGACY.encode() + "s = 'caf\u00e9'\n".encode(),
            "cannot decode as ascii",
            id="wrong cookie",
        ),
        pytest.param(b"\xef\xbb\xbf# coding: latin-1\n" + LEGACY.encode(), "bad encoding declaration",
                     id="BOM with another cookie"),
        pytest.param(b"# coding: nope\n" + LEGACY.encode(), "bad encoding declaration", id="unknown cookie"),
        pytest.param(LEGACY.encode() + b"\xc3\x28\n", "cannot decode as utf-8", id="invalid utf-8"),
        pytest.param(LEGACY.encode() + b"x = " + b"-" * 100000 + b"1\n", "cannot parse: too deeply nested",
                     id="parser recursion"),
        pytest.param(LEGACY.encode() + b"x = " + b"(" * 300 + b")" * 300 + b"\n", "cannot parse: too many nested",
                     id="nesting limit"),
    ),
)
def test_unreadable_sources_are_named_and_untouched(tmp_path, capsys, content, message):
    path = tmp_path / "m.py"
    path.write_bytes(content)
    status, output = run_fix(capsys, path)
    assert status == 2
    assert output.err.startswith(f"{path}: error: {message}")
    assert output.err.count("\n") == 1
    assert path.read_bytes() == content


@pytest.mark.parametrize(
    "content", (b"", b"\xef\xbb\xbf", b"\n\n", b"\x0c\n"), ids=("empty", "BOM only", "blank", "form feed")
)
def test_trivial_files(tmp_path, capsys, content):
    path = tmp_path / "m.py"
    path.write_bytes(content)
    assert run_fix(capsys, path)[0] == 0
    assert path.read_bytes() == content


def test_ten_megabyte_file(tmp_path, capsys):
    filler = ("# " + "filler " * 11 + "\n" + "x = 1\n") * (10 * 1024 * 1024 // 86)
    path = tmp_path / "big.py"
    path.write_text(LEGACY + filler + "def f():\n    " + LEGACY)
    assert run_fix(capsys, path)[0] == 1
    assert path.read_text() == NEW + filler + "def f():\n    " + NEW


def test_read_only_file(tmp_path, capsys):
    path = tmp_path / "m.py"
    path.write_text(LEGACY)
    path.chmod(0o444)
    status, output = run_fix(capsys, path)
    assert (status, output.err) == (2, f"{path}: error: is read-only; not rewritten\n")
    assert path.read_text() == LEGACY


def test_read_only_directory(tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "m.py"
    path.write_text(LEGACY)
    folder.chmod(0o555)
    try:
        status, output = run_fix(capsys, path)
    finally:
        folder.chmod(0o755)
    if os.geteuid() == 0:  # root writes anyway: the write must then be whole
        assert (status, path.read_text()) == (1, NEW)
    else:
        assert status == 2 and output.err.startswith(f"{path}: error: cannot write in its directory")
        assert path.read_text() == LEGACY
    assert sorted(os.listdir(folder)) == ["m.py"]


def test_failed_write_leaves_the_file_and_no_temporary(tmp_path, capsys, monkeypatch):
    path = tmp_path / "m.py"
    path.write_text(LEGACY)

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    status, output = run_fix(capsys, path)
    assert (status, output.err) == (2, f"{path}: error: cannot write: No space left on device\n")
    assert path.read_text() == LEGACY
    assert os.listdir(tmp_path) == ["m.py"]


def test_path_that_disappears_after_listing(tmp_path, capsys, monkeypatch):
    path = tmp_path / "gone.py"
    good = tmp_path / "good.py"
    good.write_text(LEGACY)
    monkeypatch.setattr(file_runs, "iter_paths", lambda paths, *walked: iter([(str(path), None), (str(good), None)]))
    status, output = run_fix(capsys, tmp_path)
    assert (status, output.err.splitlines()[0]) == (2, f"{path}: error: no such file")
    assert good.read_text() == NEW


def test_symlink_is_never_written_through(tmp_path, capsys):
    target = tmp_path / "real.py"
    target.write_text(LEGACY)
    link = tmp_path / "link.py"
    link.symlink_to(target)
    status, output = run_fix(capsys, link)
    assert status == 2
    assert output.err == f"{link}: error: is a symbolic link; not rewritten (fix the file it points to)\n"
    assert target.read_text() == LEGACY and link.is_symlink()


def test_linked_folders_in_a_walk_are_not_entered(tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "m.py").write_text(LEGACY)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "linked").symlink_to(outside)
    (tree / "loop").symlink_to(tree)
    assert run_fix(capsys, tree)[0] == 0
    assert (outside / "m.py").read_text() == LEGACY


def test_directory_named_like_a_module(tmp_path, capsys):
    folder = tmp_path / "x.py"
    folder.mkdir()
    (folder / "inner.py").write_text(LEGACY)
    assert run_fix(capsys, folder)[0] == 1
    assert (folder / "inner.py").read_text() == NEW
    assert run_fix(capsys, tmp_path)[0] == 0


def test_two_fixers_at_once_never_tear_a_file(tmp_path):
    paths = []
    for i in range(150):
        path = tmp_path / f"m{i:03}.py"
        path.write_text(LEGACY + "x = 1\n" * 2000)
        paths.append(str(path))
    command = [sys.executable, "-m", "flake8_unified_logging", "fix", "--jobs", "1", *paths]
    runs = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    errors = [run.communicate()[1] for run in runs]
    assert all(run.returncode in (0, 1, 2) for run in runs), errors
    for path in paths:
        assert open(path).read() in (LEGACY + "x = 1\n" * 2000, NEW + "x = 1\n" * 2000)
    assert sorted(os.listdir(tmp_path)) == sorted(os.path.basename(p) for p in paths)
    assert main(["fix", *paths]) == 0 or all(open(p).read().startswith(NEW) for p in paths)


def test_checked_code_is_never_imported_or_run(tmp_path, capsys):
    marker = tmp_path / "ran"
    (tmp_path / "utils").mkdir()
    (tmp_path / "utils" / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    (tmp_path / "utils" / "logger_utils.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    (tmp_path / "utils" / "logging.py").write_text(f"open({str(marker)!r}, 'w').close()\n")  # read, never run
    main_file = tmp_path / "app.py"
    main_file.write_text(f"import utils.logger_utils\nopen({str(marker)!r}, 'w').close()\n")
    for command in ("check", "diff", "fix"):
        main([command, str(tmp_path)])
    flake8 = [sys.executable, "-m", "flake8", "--select", "ULG", str(tmp_path)]
    subprocess.run(flake8, capture_output=True, cwd=tmp_path)
    assert not marker.exists()
    assert main_file.read_text().startswith("import utils.logging\n")


def test_atomic_write_keeps_mode_of_executable(tmp_path):
    path = tmp_path / "tool"
    path.write_text("#!/usr/bin/env python3\n" + LEGACY)
    path.chmod(0o750)
    files.write_atomic(str(path), b"new")
    assert (path.read_bytes(), oct(path.stat().st_mode & 0o777)) == (b"new", "0o750")


@pytest.mark.parametrize(
    "content",
    (
        pytest.param(b"# coding: ascii\n" + LEGACY.encode() + "s = 'caf\u00e9'\n".encode(), id="wrong cookie"),
        pytest.param(b"# coding: nope\n" + LEGACY.encode() + b"s = '\xe9'\n", id="unknown cookie"),
        pytest.param(b"# coding: nope\n" + LEGACY.encode(), id="unknown cookie, ASCII otherwise"),
        pytest.param(LEGACY.encode() + b"s = '\xe9'\n", id="a latin-1 byte, no cookie"),
        pytest.param(b"s = '\xe9'\n" + LEGACY.encode(), id="a latin-1 byte on the first line"),
    ),
)
def test_flake8_and_the_command_line_refuse_an_undecodable_file_alike(tmp_path, capsys, content):
    path = tmp_path / "m.py"
    path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    refusal = capsys.readouterr().err.split(": error: ", 1)[1].strip()
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "ULG", str(path)], capture_output=True, text=True
    )
    assert result.stdout == (
        f"{path}:1:1: ULG004 {refusal}; not checked or rewritten (the command line refuses it too)\n"
    )
    assert path.read_bytes() == content
