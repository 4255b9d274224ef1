"""Every path argument is a path, whatever it looks like: after `--`, through the hooks and the real pre-commit."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEGACY = "from utils.logger_utils import a\n"
NEW = "from utils.logging import a\n"
CLI = [sys.executable, "-m", "flake8_unified_logging"]
NAMES = ("--rule=x=y.py", "-j.py", "--help.py", "--config=c.py", "-.py")


def cli(cwd, *args):
    return subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize("name", NAMES)
def test_check_reads_a_file_named_like_an_option_after_dashes(tmp_path, name):
    (tmp_path / name).write_text(LEGACY)
    result = cli(tmp_path, "check", "--", name)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.startswith(f"{name}:1:1: ULG001 legacy import of utils.logger_utils")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("options", ((), ("--jobs", "1")), ids=("hook call", "with options"))
def test_fix_rewrites_a_file_named_like_an_option_after_dashes(tmp_path, name, options):
    (tmp_path / name).write_text(LEGACY)
    (tmp_path / "clean.py").write_text("x = 1\n")
    result = cli(tmp_path, "fix", *options, "--", "clean.py", name)
    assert (result.returncode, result.stderr) == (1, f"Rewriting {name}\n")
    assert (tmp_path / name).read_text() == NEW


@pytest.mark.parametrize("command", ("fix", "check", "diff"))
def test_an_option_that_is_also_a_file_is_refused(tmp_path, command):
    (tmp_path / "--rule=x=y.py").write_text(LEGACY)
    (tmp_path / "app.py").write_text(LEGACY)
    result = cli(tmp_path, command, "--rule", "a=b", "app.py", "--rule=x=y.py")
    assert result.returncode == 2
    assert result.stderr == (f"unified-logging {command}: error: '--rule=x=y.py' is both an option and a file here; "
                             "put -- before the file names (in a pre-commit hook's args, end them with --)\n")
    assert (tmp_path / "app.py").read_text() == LEGACY


def test_an_option_naming_no_file_is_an_option(tmp_path):
    (tmp_path / "app.py").write_text("import old.mod\n")
    result = cli(tmp_path, "check", "--rule=old.mod=new.mod", "--no-target-check", "app.py")
    assert result.returncode == 1 and "ULG001 legacy import of old.mod" in result.stdout


# -- the real pre-commit ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}


@pytest.fixture
def repo(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("from . import app\n")
    (tmp_path / "pkg" / "app.py").write_text("x = 1\n")
    (tmp_path / "--rule=x=y.py").write_text(LEGACY)
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    return tmp_path


def try_repo(repo, env, hook):
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", ROOT, hook, "--all-files"], cwd=repo,
                          env=env, capture_output=True, text=True)


def test_check_hook_reports_a_staged_file_named_like_an_option(repo, env):
    result = try_repo(repo, env, "unified-logging-check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "--rule=x=y.py:1:1: ULG001 legacy import of utils.logger_utils" in result.stdout


def test_fix_hook_rewrites_a_staged_file_named_like_an_option(repo, env):
    result = try_repo(repo, env, "unified-logging")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Rewriting --rule=x=y.py" in result.stdout
    assert (repo / "--rule=x=y.py").read_text() == NEW
    assert (repo / "pkg" / "app.py").read_text() == "x = 1\n"


def test_own_args_without_dashes_fail_the_hook(repo, env):
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n-   repo: local\n    hooks:\n    -   id: check\n        name: check\n        language: system\n"
        f"        entry: {sys.executable} -m flake8_unified_logging check\n        types_or: [python, pyi]\n"
        "        args: [--rule, utils.logger_utils=utils.logging]\n"
    )
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    result = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "'--rule=x=y.py' is both an option and a file here" in result.stdout
