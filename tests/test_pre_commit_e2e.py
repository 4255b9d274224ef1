"""The real pre-commit, in a temporary git repository, running this repository's hooks."""
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEGACY = "from utils.logger_utils import get_service_logger\n"
NEW = "from utils.logging import get_service_logger\n"


def run(*args, cwd, env=None, check=False):
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}


@pytest.fixture
def repo(tmp_path, env):
    run("git", "init", "-q", cwd=tmp_path, check=True)
    (tmp_path / "app.py").write_text(LEGACY)
    (tmp_path / "script").write_text("#!/usr/bin/env python3\n" + LEGACY)
    (tmp_path / "script").chmod(0o755)
    (tmp_path / "notes.txt").write_text(LEGACY)
    run("git", "add", ".", cwd=tmp_path, check=True)
    return tmp_path


def pre_commit(*args, cwd, env):
    return run(sys.executable, "-m", "pre_commit", *args, cwd=cwd, env=env)


def test_try_repo_fix_hook_rewrites_then_passes(repo, env):
    first = pre_commit("try-repo", ROOT, "unified-logging", "--all-files", cwd=repo, env=env)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "Rewriting app.py" in first.stdout
    assert (repo / "app.py").read_text() == NEW
    assert (repo / "script").read_text() == "#!/usr/bin/env python3\n" + NEW
    assert (repo / "notes.txt").read_text() == LEGACY
    run("git", "add", ".", cwd=repo, check=True)
    second = pre_commit("try-repo", ROOT, "unified-logging", "--all-files", cwd=repo, env=env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


def test_try_repo_check_hook_reports_only(repo, env):
    result = pre_commit("try-repo", ROOT, "unified-logging-check", "--all-files", cwd=repo, env=env)
    assert result.returncode == 1
    assert "app.py:1:1: ULG001 legacy import of utils.logger_utils" in result.stdout
    assert (repo / "app.py").read_text() == LEGACY


def snapshot_of_this_repository(destination, env):
    """This working tree as a committed repository, so a config can pin it by revision."""
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT, check=True)
    for name in filter(None, listed.stdout.split("\0")):
        source = os.path.join(ROOT, name)
        if os.path.isfile(source):
            os.makedirs(os.path.dirname(os.path.join(destination, name)), exist_ok=True)
            shutil.copy2(source, os.path.join(destination, name))
    run("git", "init", "-q", cwd=destination, check=True)
    run("git", "add", ".", cwd=destination, check=True)
    run("git", "commit", "-qm", "snapshot", cwd=destination, env=env, check=True)
    return run("git", "rev-parse", "HEAD", cwd=destination, check=True).stdout.strip()


def test_installed_hook_fails_the_commit_then_passes(repo, env, tmp_path_factory):
    hooks = tmp_path_factory.mktemp("hooks-repo")
    revision = snapshot_of_this_repository(hooks, env)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n-   repo: {hooks}\n    rev: {revision}\n    hooks:\n    -   id: unified-logging\n"
        "        args: [--rule, old.mod=new.mod, --rule, utils.logger_utils=utils.logging]\n"
    )
    (repo / "other.py").write_text("import old.mod\nold.mod.go()\n")
    run("git", "add", ".", cwd=repo, check=True)
    pre_commit("install", cwd=repo, env=env)
    failed = run("git", "commit", "-qm", "first", cwd=repo, env=env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert (repo / "other.py").read_text() == "import new.mod\nnew.mod.go()\n"
    assert (repo / "app.py").read_text() == NEW
    run("git", "add", ".", cwd=repo, check=True)
    passed = run("git", "commit", "-qm", "second", cwd=repo, env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert run("git", "status", "--porcelain", cwd=repo).stdout == ""
