"""git gets commit ids and `-z` listings only: refs named like options, file names git quotes."""
import os
import subprocess
import sys

import pytest

from flake8_unified_logging.files import shown

LEGACY = "from utils.logger_utils import a\n"
CLI = [sys.executable, "-m", "flake8_unified_logging"]


def git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=cwd, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("from . import old\n")
    (tmp_path / "pkg" / "old.py").write_text("x = 1\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    return tmp_path


def check_new_only(repo, *args):
    return subprocess.run([*CLI, "check", "--new-only", *args, "."], cwd=repo, capture_output=True, text=True)


@pytest.mark.parametrize("ref", ("--output=leak.txt", "-ofile", "--no-index"))
def test_a_ref_named_like_an_option_is_a_ref(repo, ref):
    git(repo, "update-ref", f"refs/heads/{ref}", "HEAD")
    (repo / "pkg" / "old.py").write_text("x = 1\n" + LEGACY)
    result = check_new_only(repo, f"--base={ref}")
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == ["./pkg/old.py:2:1: ULG001 legacy import of utils.logger_utils; "
                                          "use: from utils.logging import a"]
    assert sorted(os.listdir(repo)) == [".git", "pkg"]


def test_an_option_that_is_no_ref_is_refused(repo):
    result = check_new_only(repo, "--base=--output=leak.txt")
    assert result.returncode == 2
    assert result.stderr.startswith("unified-logging: error: --new-only: --base '--output=leak.txt' is not a commit")
    assert sorted(os.listdir(repo)) == [".git", "pkg"]


NAMES = ("caf\u00e9.py", "with space.py", "tab\there.py", 'quote"d.py', "back\\slash.py", "new\nline.py")


@pytest.mark.parametrize("name", NAMES, ids=("non-ascii", "space", "tab", "quote", "backslash", "newline"))
@pytest.mark.parametrize("tracked", (True, False), ids=("changed", "untracked"))
def test_names_git_quotes_are_checked(repo, name, tracked):
    path = repo / "pkg" / name
    path.write_text("x = 1\n")
    if tracked:
        git(repo, "add", ".")
        git(repo, "commit", "-qm", "add")
    path.write_text("x = 1\n" + LEGACY)
    (repo / "pkg" / "old.py").write_text("x = 2\n" + LEGACY)
    result = check_new_only(repo)
    assert result.returncode == 1, result.stderr
    assert result.stdout.count("ULG001") == 2
    assert f"{shown(f'./pkg/{name}')}:2:1: ULG001" in result.stdout and "./pkg/old.py:2:1: ULG001" in result.stdout
    assert result.stdout.count("\n") == 2  # a name never breaks a line


def test_unchanged_lines_of_a_quoted_name_stay_quiet(repo):
    path = repo / "pkg" / "caf\u00e9 \"x\".py"
    path.write_text(LEGACY)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "add")
    path.write_text(LEGACY + "y = 2\n")
    result = check_new_only(repo)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
