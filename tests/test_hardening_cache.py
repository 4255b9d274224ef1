"""The pyproject table cache: a private folder, only the user's private entries believed, old ones pruned, a
relative XDG_CACHE_HOME ignored."""
import os
import stat
import subprocess
import sys
import time

import pytest

from flake8_unified_logging import table_cache
from flake8_unified_logging.config import load_settings

PYPROJECT = '[tool.unified-logging]\nrules = ["old.mod = new.mod"]\n'


@pytest.fixture
def project(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "pyproject.toml").write_text(PYPROJECT)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return folder


def rules_read(project):
    return [str(rule) for rule in load_settings(None, None, str(project)).rules.rules]


def entry_of(project):
    return table_cache._entry(table_cache.cache_folder(), str(project / "pyproject.toml"))


def plant(project, rules):
    data = (project / "pyproject.toml").read_bytes()
    table_cache.write(str(project / "pyproject.toml"), data, {"rules": rules})
    return entry_of(project)


def test_the_folder_and_entries_are_private(project):
    assert rules_read(project) == ["old.mod = new.mod"]
    folder = table_cache.cache_folder()
    assert stat.S_IMODE(os.lstat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.lstat(entry_of(project)).st_mode) == 0o600


def test_a_folder_an_earlier_version_left_open_is_closed(project):
    os.makedirs(table_cache.cache_folder(), mode=0o755)
    os.chmod(table_cache.cache_folder(), 0o755)
    assert rules_read(project) == ["old.mod = new.mod"]
    assert stat.S_IMODE(os.lstat(table_cache.cache_folder()).st_mode) == 0o700
    assert os.path.isfile(entry_of(project))


@pytest.mark.parametrize("mode", (0o644, 0o660, 0o606))
def test_an_entry_others_may_read_or_write_is_ignored(project, mode):
    entry = plant(project, ["old.mod = evil"])
    os.chmod(entry, mode)
    assert rules_read(project) == ["old.mod = new.mod"]


def test_an_entry_of_another_user_is_ignored(project, nobody_ids):
    entry = plant(project, ["old.mod = evil"])
    os.chown(entry, *nobody_ids)
    assert rules_read(project) == ["old.mod = new.mod"]
    status = os.lstat(entry)
    assert status.st_uid == os.geteuid() and table_cache.read(str(project / "pyproject.toml"),
                                                              (project / "pyproject.toml").read_bytes())


def test_a_folder_of_another_user_is_never_used(project, nobody_ids):
    entry = plant(project, ["old.mod = evil"])
    os.chown(table_cache.cache_folder(), *nobody_ids)
    assert rules_read(project) == ["old.mod = new.mod"]
    assert open(entry, "rb").read().endswith(b"old.mod = evil")


def test_a_linked_folder_is_never_used(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    os.makedirs(os.path.dirname(table_cache.cache_folder()), exist_ok=True)
    os.symlink(elsewhere, table_cache.cache_folder())
    assert rules_read(project) == ["old.mod = new.mod"]
    assert os.listdir(elsewhere) == []


def test_my_own_private_entry_is_believed(project):
    plant(project, ["old.mod = cached.mod"])
    assert rules_read(project) == ["old.mod = cached.mod"]


def test_old_entries_are_pruned_when_one_is_written(project):
    folder = table_cache.cache_folder()
    os.makedirs(folder, mode=0o700)
    old, recent = os.path.join(folder, "old-entry"), os.path.join(folder, "recent-entry")
    for name in (old, recent):
        with open(name, "wb") as handle:
            handle.write(b"0\n")
    month_ago = time.time() - 40 * 24 * 3600
    os.utime(old, (month_ago, month_ago))
    assert rules_read(project) == ["old.mod = new.mod"]
    assert sorted(os.listdir(folder)) == sorted(["recent-entry", os.path.basename(entry_of(project))])


@pytest.mark.parametrize("value", ("cache", "./cache", "", "~/cache"))
def test_a_relative_cache_home_is_ignored(project, value):
    environment = {**os.environ, "XDG_CACHE_HOME": value}
    command = [sys.executable, "-m", "flake8_unified_logging", "check", "."]
    (project / "a.py").write_text("import old.mod\n")
    result = subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert sorted(os.listdir(project)) == ["a.py", "pyproject.toml"]
    home_cache = os.path.join(os.environ["HOME"], ".cache", "unified-logging")
    assert os.listdir(home_cache) and stat.S_IMODE(os.lstat(home_cache).st_mode) == 0o700
