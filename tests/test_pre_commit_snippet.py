"""A new user commits through the real pre-commit with the README's snippet as written (the repository URL
pointed at a committed copy of this one): rewrites and what the committer can fix fail the commit, a ULG005 only
with ``strict``; ``pre-commit autoupdate --freeze`` pins a commit; the version is set once and the CHANGELOG
names it."""
from __future__ import annotations

import os
import re

import pytest

from flake8_unified_logging import __version__
from test_pre_commit_e2e import ROOT, pre_commit, run, snapshot_of_this_repository

URL = "https://github.com/your-org/flake8-unified-logging"
PYPROJECT = '[tool.unified-logging]\nrules = ["utils.logger_utils = utils.logging"]\n'


def readme_snippet() -> str:
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        text = handle.read()
    section = text[text.index("## pre-commit\n"):]
    return section[section.index("```yaml\n") + 8 : section.index("```\n", section.index("```yaml\n"))]


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@e"}
    folder = tmp_path_factory.mktemp("flake8-unified-logging")
    return folder, snapshot_of_this_repository(folder, env), tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def user(tmp_path, hooks_repo):
    """A backend with its new logging package, configured in pyproject.toml, committing with the snippet."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(hooks_repo[2]), "GIT_AUTHOR_NAME": "u",
           "GIT_AUTHOR_EMAIL": "u@e", "GIT_COMMITTER_NAME": "u", "GIT_COMMITTER_EMAIL": "u@e"}
    repo = tmp_path / "backend"
    (repo / "utils").mkdir(parents=True)
    (repo / "utils" / "__init__.py").write_text("")
    (repo / "utils" / "logging.py").write_text("def get_service_logger(name=None):\n    return name\n")
    (repo / "utils" / "logger_utils.py").write_text(
        "def get_service_logger(name=None):\n    return name\n\n\ndef audit(event):\n    return event\n")
    (repo / "pyproject.toml").write_text(PYPROJECT)
    (repo / ".pre-commit-config.yaml").write_text(readme_snippet().replace(URL, str(hooks_repo[0])))
    run("git", "init", "-q", cwd=repo, check=True)
    pinned = pre_commit("autoupdate", "--freeze", cwd=repo, env=env)  # as the README says, once after copying
    assert pinned.returncode == 0, pinned.stdout + pinned.stderr
    run("git", "add", ".", cwd=repo, check=True)
    run("git", "commit", "-qm", "start", cwd=repo, env=env, check=True)
    assert pre_commit("install", cwd=repo, env=env).returncode == 0
    return repo, env


def commit(user, name: str, text: str):
    repo, env = user
    path = repo / "app" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    run("git", "add", ".", cwd=repo, check=True)
    result = run("git", "commit", "-qm", f"add {name}", cwd=repo, env=env)
    return result.returncode, result.stdout + result.stderr


def test_the_snippet_pins_a_commit_by_its_hash_after_autoupdate_freeze():
    """A placeholder hash, not ``HEAD``: pre-commit warns about a mutable reference on every run."""
    revision = re.search(r"^\s*rev:\s*(\S+)\s*#.*autoupdate --freeze", readme_snippet(), re.MULTILINE).group(1)
    assert re.fullmatch('"0{40}"', revision)  # quoted: YAML reads 40 zeros as a number
    assert "args:" not in readme_snippet().replace("# ", "")  # args would replace the configured rules


def test_a_rewrite_fails_the_commit_then_it_passes(user):
    repo, env = user
    status, out = commit(user, "service.py", "from utils.logger_utils import get_service_logger\n")
    assert status == 1, out
    assert "Rewriting app/service.py" in out
    assert (repo / "app" / "service.py").read_text() == "from utils.logging import get_service_logger\n"
    run("git", "add", ".", cwd=repo, check=True)
    passed = run("git", "commit", "-qm", "again", cwd=repo, env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "mutable reference" not in out + passed.stdout + passed.stderr


def test_what_only_the_target_package_can_fix_is_printed_and_passes(user):
    status, out = commit(user, "audit.py", "from utils.logger_utils import audit\n")
    assert status == 0, out
    assert run("git", "status", "--porcelain", cwd=user[0]).stdout == ""
    repo, env = user
    shown = pre_commit("run", "--all-files", "--verbose", cwd=repo, env=env)
    assert shown.returncode == 0
    assert "app/audit.py:1:1: ULG005 utils.logging does not define audit; not rewritten" in shown.stdout


def test_strict_fails_on_it(user):
    repo, env = user
    (repo / "pyproject.toml").write_text(PYPROJECT + "strict = true\n")
    status, out = commit(user, "audit.py", "from utils.logger_utils import audit\n")
    assert status == 1
    assert "ULG005 utils.logging does not define audit" in out


def test_what_the_committer_can_fix_fails_the_commit(user):
    text = "import utils.logger_utils\nutils = None\n"
    status, out = commit(user, "odd.py", text)
    assert status == 1
    assert "app/odd.py:1:1: ULG004" in out
    assert (user[0] / "app" / "odd.py").read_text() == text


def test_autoupdate_freeze_pins_a_commit_that_works(user, hooks_repo):
    repo, env = user
    updated = pre_commit("autoupdate", "--freeze", cwd=repo, env=env)
    assert updated.returncode == 0, updated.stdout + updated.stderr
    config = (repo / ".pre-commit-config.yaml").read_text()
    assert re.search(rf'^\s*rev: "?{hooks_repo[1]}\b', config, re.MULTILINE), config
    status, out = commit(user, "service.py", "from utils.logger_utils import get_service_logger\n")
    assert status == 1 and "Rewriting app/service.py" in out
    assert "mutable reference" not in out


def test_the_version_is_set_once_and_the_changelog_names_it():
    with open(os.path.join(ROOT, "CHANGELOG.md"), encoding="utf-8") as handle:
        headings = re.findall(r"^## (\S+)", handle.read(), re.MULTILINE)
    assert [h for h in headings if h != "Unreleased"][0] == __version__
    with open(os.path.join(ROOT, "setup.cfg"), encoding="utf-8") as handle:
        assert "version = attr: flake8_unified_logging.__version__" in handle.read()
