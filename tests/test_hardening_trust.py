"""A configuration file of another user (not root, not the one running) is never read: every entry point names
it in one line with how to trust it, and exits 2 when nothing else configures the run."""
import os
import subprocess
import sys

import pytest

from flake8_unified_logging.commands.buffer_settings import SettingsCache
from flake8_unified_logging.config import TRUST_VARIABLE, UntrustedConfig, load_settings

CLI = [sys.executable, "-m", "flake8_unified_logging"]
EVIL = "[flake8]\nunified-logging-rules = json = evil_pkg.json\n"
OTHER_UID = 54321
SOURCE = "import json\n"

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a file to another user")


@pytest.fixture
def planted(tmp_path):
    """A shared folder holding another user's setup.cfg, and a project of the running user below it."""
    (tmp_path / "setup.cfg").write_text(EVIL)
    os.chown(tmp_path / "setup.cfg", OTHER_UID, OTHER_UID)
    project = tmp_path / "project"
    project.mkdir()
    (project / "a.py").write_text(SOURCE)
    return project


def _env(**extra):
    return {**os.environ, **extra}


@pytest.mark.parametrize("command", (["check", "a.py"], ["fix", "a.py"], ["diff", "a.py"], ["report", "."]))
def test_the_command_line_refuses_in_one_line_and_exit_2(planted, command):
    result = subprocess.run([*CLI, *command], cwd=planted, capture_output=True, text=True, env=_env())
    assert result.returncode == 2, result
    assert result.stderr.count("\n") == 1, result.stderr
    assert str(planted.parent / "setup.cfg") in result.stderr
    assert f"uid {OTHER_UID}" in result.stderr and f"{TRUST_VARIABLE}={planted.parent}" in result.stderr
    assert (planted / "a.py").read_text() == SOURCE


@pytest.mark.parametrize("command", (["fix", "--", "a.py"], ["check", "--", "a.py"]), ids=("fix hook", "check hook"))
def test_both_hooks_refuse(planted, command):
    """As pre-commit runs them: the hook's own script, its command, ``--`` and the staged files."""
    hook = os.path.join(os.path.dirname(sys.executable), "unified-logging-hook")
    result = subprocess.run([hook, *command], cwd=planted, capture_output=True, text=True, env=_env())
    assert result.returncode == 2 and "belongs to another user" in result.stderr, result
    assert (planted / "a.py").read_text() == SOURCE


def test_a_trusted_folder_is_read(planted):
    env = _env(**{TRUST_VARIABLE: f"/nonexistent{os.pathsep}{planted.parent}"})
    result = subprocess.run([*CLI, "fix", "a.py"], cwd=planted, capture_output=True, text=True, env=env)
    assert result.returncode == 1, result
    assert (planted / "a.py").read_text() == "from evil_pkg import json\n"


def test_trusting_every_folder(planted):
    result = subprocess.run([*CLI, "check", "a.py"], cwd=planted, capture_output=True, text=True,
                            env=_env(**{TRUST_VARIABLE: "*"}))
    assert result.returncode == 1 and "evil_pkg" in result.stdout, result


def test_rules_given_on_the_command_line_go_on_without_it(planted):
    result = subprocess.run([*CLI, "fix", "--rule", "json = other.json", "a.py"], cwd=planted,
                            capture_output=True, text=True, env=_env())
    assert "warning" in result.stderr and "belongs to another user" in result.stderr, result
    assert (planted / "a.py").read_text() == "from other import json\n"


def test_a_named_configuration_is_read_whoever_owns_it(planted):
    result = subprocess.run([*CLI, "check", "--config", "../setup.cfg", "a.py"], cwd=planted,
                            capture_output=True, text=True, env=_env())
    assert result.returncode == 1 and "evil_pkg" in result.stdout, result


def test_an_own_configuration_nearer_wins(planted):
    (planted / "setup.cfg").write_text("[flake8]\nunified-logging-rules = json = mine.json\n")
    result = subprocess.run([*CLI, "check", "a.py"], cwd=planted, capture_output=True, text=True, env=_env())
    assert result.returncode == 1 and "mine" in result.stdout and "belongs" not in result.stderr, result


@pytest.mark.parametrize("name", ("pyproject.toml", "tox.ini", ".flake8"))
def test_every_kind_of_file(tmp_path, name):
    (tmp_path / name).write_text("anything\n")
    os.chown(tmp_path / name, OTHER_UID, OTHER_UID)
    with pytest.raises(UntrustedConfig, match="belongs to another user"):
        load_settings(None, None, str(tmp_path))


def test_a_root_file_is_trusted(tmp_path):
    (tmp_path / "setup.cfg").write_text("[flake8]\nunified-logging-rules = json = rooted.json\n")
    assert "rooted" in repr(load_settings(None, None, str(tmp_path)).rules.rules)


def test_the_flake8_plugin_refuses(planted):
    result = subprocess.run([sys.executable, "-m", "flake8", "--select", "ULG", "a.py"], cwd=planted,
                            capture_output=True, text=True, env=_env())
    assert result.returncode == 2 and "belongs to another user" in result.stderr, result


def test_the_language_server_says_so_and_reads_nothing(planted):
    with pytest.raises(UntrustedConfig):
        SettingsCache().settings_for(str(planted))


def test_the_language_server_sees_a_change_of_owner(tmp_path):
    (tmp_path / "setup.cfg").write_text("[flake8]\nunified-logging-rules = json = rooted.json\n")
    cache = SettingsCache()
    assert "rooted" in repr(cache.settings_for(str(tmp_path)).rules.rules)
    status = os.stat(tmp_path / "setup.cfg")
    os.chown(tmp_path / "setup.cfg", OTHER_UID, OTHER_UID)
    os.utime(tmp_path / "setup.cfg", ns=(status.st_atime_ns, status.st_mtime_ns))
    with pytest.raises(UntrustedConfig):
        cache.settings_for(str(tmp_path))


def test_flake8_with_the_rules_on_its_command_line_goes_on(planted):
    result = subprocess.run([sys.executable, "-m", "flake8", "--select", "ULG", "--unified-logging-rules",
                             "json = other.json", "a.py"], cwd=planted, capture_output=True, text=True, env=_env())
    assert result.returncode == 1 and "other" in result.stdout and "warning" in result.stderr, result
