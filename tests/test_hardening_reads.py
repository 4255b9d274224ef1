"""Only regular files are read, up to a size limit; what cannot be read is named as what it is; a linked `.py`
file is read (as flake8 reads it) and never written through."""
import os
import subprocess
import sys

import pytest

from flake8_unified_logging.cli import main

LEGACY = "from utils.logger_utils import a\n"
NEW = "from utils.logging import a\n"
CLI = [sys.executable, "-m", "flake8_unified_logging"]


def cli(cwd, *args):
    # The timeout only keeps a regression (a read that never ends) from hanging the suite.
    return subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", ("fix", "check", "diff"))
def test_a_named_pipe_is_named_not_read(tmp_path, command):
    os.mkfifo(tmp_path / "pipe.py")
    (tmp_path / "app.py").write_text(LEGACY)
    result = cli(tmp_path, command, "--jobs", "1", "pipe.py", "app.py")
    assert result.returncode == 2
    assert "pipe.py: error: is a named pipe; not read\n" in result.stderr


def test_a_named_pipe_in_a_walk_is_named_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.py")
    result = cli(tmp_path, "check", ".")
    assert (result.returncode, result.stderr) == (2, "./pipe.py: error: is a named pipe; not read\n")


def test_report_names_a_tracked_link_to_a_device(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "zero.py").symlink_to("/dev/zero")
    (tmp_path / "app.py").write_text(LEGACY)
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    result = cli(tmp_path, "report", "--format", "json", "--files")
    assert result.returncode == 0, result.stderr
    assert '"zero.py"' in result.stdout and "is a character device; not read" in result.stdout


@pytest.mark.parametrize(("size", "status"), ((999, 1), (1000, 1), (1001, 2)))
def test_the_size_limit(tmp_path, capsys, size, status):
    path = tmp_path / "m.py"
    content = LEGACY + "#" * (size - len(LEGACY) - 1) + "\n"
    path.write_text(content)
    assert main(["fix", "--max-file-size", "1000", str(path)]) == status
    err = capsys.readouterr().err
    if status == 2:
        assert err == f"{path}: error: is 1001 bytes, over the limit of 1000 (--max-file-size); not read\n"
        assert path.read_text() == content
    else:
        assert path.read_text() == NEW + content[len(LEGACY):]


def test_the_default_limit_reads_a_large_file_and_refuses_a_huge_one(tmp_path, capsys):
    path = tmp_path / "huge.py"
    with open(path, "wb") as handle:
        handle.write(LEGACY.encode())
        handle.truncate(64 * 1024 * 1024)
    assert main(["check", str(path)]) == 2
    assert "bytes, over the limit of 16777216 (--max-file-size); not read" in capsys.readouterr().err


@pytest.mark.parametrize("value", ("0", "-5", "lots"))
def test_a_bad_limit_is_a_usage_error(tmp_path, value):
    (tmp_path / "a.py").write_text(LEGACY)
    result = cli(tmp_path, "check", "--max-file-size", value, "a.py")
    last = result.stderr.splitlines()[-1]
    assert result.returncode == 2 and last.startswith("unified-logging")
    assert "error: " in last and "max-file-size" in last


# -- unreadable files and folders, as another user ----------------------------------------------------------------


def test_unreadable_file_folder_and_path_say_permission_denied(shared_dir, unprivileged):
    tree = shared_dir / "tree"
    (tree / "locked").mkdir(parents=True)
    (tree / "locked" / "inner.py").write_text(LEGACY)
    (tree / "secret.py").write_text(LEGACY)
    (tree / "open.py").write_text(LEGACY)
    os.chmod(tree / "locked", 0o700 if os.geteuid() == 0 else 0)
    os.chmod(tree / "secret.py", 0o600 if os.geteuid() == 0 else 0)
    os.chmod(tree, 0o755)
    try:
        walked = unprivileged(["check", "tree"], shared_dir)
        named = unprivileged(["check", "tree/locked/inner.py"], shared_dir)
        missing = unprivileged(["check", "tree/nothing.py"], shared_dir)
    finally:
        os.chmod(tree / "locked", 0o755)
        os.chmod(tree / "secret.py", 0o644)
    assert walked.returncode == 2
    assert "tree/locked: error: cannot list the folder: permission denied\n" in walked.stderr
    assert "tree/secret.py: error: cannot read: permission denied\n" in walked.stderr
    assert "tree/open.py:1:1: ULG001" in walked.stdout
    assert (named.returncode, named.stderr) == (
        2, "unified-logging: error: tree/locked/inner.py: cannot reach: permission denied\n")
    assert (missing.returncode, missing.stderr) == (
        2, "unified-logging: error: tree/nothing.py: no such file or directory\n")


# -- linked files: read as flake8 reads them, never written through ------------------------------------------------


@pytest.fixture
def linked(tmp_path):
    """A package whose `compat.py` links to a file outside the tree and `alias.py` to one inside it."""
    outside = tmp_path / "vendored.py"
    outside.write_text(LEGACY)
    tree = tmp_path / "tree"
    (tree / "pkg").mkdir(parents=True)
    (tree / "pkg" / "__init__.py").write_text("from . import real, compat\n")
    (tree / "pkg" / "real.py").write_text(LEGACY)
    (tree / "pkg" / "compat.py").symlink_to(outside)
    (tree / "pkg" / "alias.py").symlink_to(tree / "pkg" / "real.py")
    (tree / "pkg" / "loop").symlink_to(tree)
    return tree


def test_check_and_flake8_report_a_linked_file_alike(linked):
    ours = cli(linked, "check", "--no-target-check", ".")
    theirs = subprocess.run([sys.executable, "-m", "flake8", "--select", "ULG", "--no-show-source", "."], cwd=linked,
                            capture_output=True, text=True)
    assert ours.returncode == theirs.returncode == 1, ours.stderr + theirs.stderr

    def located(output):
        return sorted(line.split(": ULG")[0] for line in output.splitlines())

    assert located(ours.stdout) == located(theirs.stdout) == [
        "./pkg/alias.py:1:1", "./pkg/compat.py:1:1", "./pkg/real.py:1:1"]


def test_fix_never_writes_through_a_linked_file(linked):
    result = cli(linked, "fix", "--no-target-check", ".")
    assert result.returncode == 2
    assert sorted(result.stderr.splitlines()) == [
        "./pkg/compat.py: error: is a symbolic link; not rewritten (fix the file it points to)",
        "Rewriting ./pkg/real.py",
    ]
    assert (linked / "pkg" / "real.py").read_text() == NEW
    assert (linked.parent / "vendored.py").read_text() == LEGACY
    assert (linked / "pkg" / "compat.py").is_symlink() and (linked / "pkg" / "alias.py").is_symlink()
