"""``report --history`` and ``learn`` read a repository that may be broken or hostile: a missing object or a bad
date is one line and exit 2; git runs none of the repository's commands and fetches nothing; a blob over
``--max-file-size`` is named, never read."""
import os
import stat
import subprocess
import sys

import pytest

CLI = [sys.executable, "-m", "flake8_unified_logging"]
LEGACY = "from utils.logger_utils import get_service_logger\n"
MIGRATED = "from utils.logging import get_logger\n"


def git(cwd, *args, text=None):
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=cwd,
                          check=True, capture_output=True, input=text, encoding="utf-8" if text else None).stdout


def run(cwd, *args, env=None):
    return subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def repo(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "a.py").write_text(LEGACY)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "legacy")
    (tmp_path / "a.py").write_text(MIGRATED)
    git(tmp_path, "commit", "-qam", "migrated")
    return tmp_path


def _remove_object(repo, sha):
    path = repo / ".git" / "objects" / sha[:2] / sha[2:]
    os.chmod(path, stat.S_IWUSR | stat.S_IRUSR)
    path.unlink()


def _one_error_line(result, *words):
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert all(word in result.stderr for word in words), result.stderr


@pytest.mark.parametrize("command", (["report", "--history", "2"], ["learn", "HEAD"]))
def test_a_missing_blob_is_one_line_and_exit_2(repo, command):
    _remove_object(repo, git(repo, "rev-parse", "HEAD:a.py").strip().decode())
    _one_error_line(run(repo, *command, "--no-cache") if command[0] == "report" else run(repo, *command), "missing")


def test_a_bad_committer_date_is_one_line_and_exit_2(repo):
    tree, parent = (git(repo, "rev-parse", ref).strip().decode() for ref in ("HEAD^{tree}", "HEAD"))
    text = f"tree {tree}\nparent {parent}\nauthor t <t@e> 1700000000 +0000\ncommitter t <t@e> notadate +0000\n\nx\n"
    sha = git(repo, "hash-object", "-t", "commit", "-w", "--literally", "--stdin", text=text).strip()
    git(repo, "update-ref", "refs/heads/main", sha)
    _one_error_line(run(repo, "report", "--history", "3"), "committer date")


def test_a_broken_repository_is_one_line_and_exit_2(repo):
    (repo / ".git" / "HEAD").write_text("garbage\n")
    for command in (["report", "--history", "2"], ["learn", "HEAD"]):
        result = run(repo, *command)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result


@pytest.mark.parametrize("command", (["report", "--history", "2"], ["learn", "HEAD"]))
def test_a_blob_over_the_limit_is_named_and_not_read(repo, command):
    (repo / "big.py").write_text(LEGACY + "#" * 5000 + "\n")
    (repo / "a.py").write_text(LEGACY)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "big")
    (repo / "big.py").write_text(MIGRATED + "#" * 5000 + "\n")
    git(repo, "commit", "-qam", "big migrated")
    result = run(repo, *command, "--max-file-size", "2000")
    assert "big.py" in result.stderr and "over the limit of 2000" in result.stderr, result
    assert "Traceback" not in result.stderr


def test_git_runs_no_configured_command(repo, tmp_path_factory):
    marker = tmp_path_factory.mktemp("marker") / "ran"
    git(repo, "config", "core.fsmonitor", f"touch {marker}; false")
    (repo / "a.py").write_text(LEGACY)
    for command in (["report", "--history", "2"], ["report", "."], ["check", "--new-only", "--base", "HEAD", "."],
                    ["learn", "HEAD"]):
        run(repo, *command)
    assert not marker.exists()


def test_every_git_call_is_safe(repo, tmp_path_factory):
    """A git that records how it is called: every call turns the monitor off and lazy fetching off."""
    bin_folder = tmp_path_factory.mktemp("bin")
    log = bin_folder / "calls"
    real = subprocess.run(["which", "git"], capture_output=True, text=True).stdout.strip()
    (bin_folder / "git").write_text(f'#!/bin/sh\necho "$GIT_NO_LAZY_FETCH $1 $2" >> {log}\nexec {real} "$@"\n')
    (bin_folder / "git").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}"}
    (repo / "a.py").write_text(LEGACY)
    for command in (["report", "--history", "2"], ["check", "--new-only", "--base", "HEAD", "."], ["learn", "HEAD"]):
        run(repo, *command, env=env)
    calls = log.read_text().splitlines()
    assert len(calls) > 5 and all(call.startswith("1 -c core.fsmonitor=false") for call in calls), calls
