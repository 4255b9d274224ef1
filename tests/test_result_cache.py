"""The result cache: a run that uses kept results prints and writes exactly what a run without them does, whatever
changed in between (a file, a target module, a folder, the rules, the Python, the store itself)."""
from __future__ import annotations

import marshal
import os
import subprocess
import sys
import threading
import time

import pytest

from flake8_unified_logging import files
from flake8_unified_logging.cli import main
from flake8_unified_logging.commands import cache, store

RULES = """[tool.unified-logging]
rules = [
    "utils.logger_utils = utils.logging",
    "utils.logger_utils:get_service_logger = utils.logging:get_logger",
    'loguru:logger = utils.logging:get_logger("{stem}")',
]
"""
PROJECT = {
    "pyproject.toml": RULES,
    "utils/__init__.py": "",
    "utils/logger_utils.py": "from utils.logging import *  # noqa: F401,F403\nget_service_logger = None\n",
    "utils/logging/__init__.py": "from .core import get_logger, setup\n",
    "utils/logging/core.py": "import logging\n\n\ndef get_logger(name=None):\n    return logging.getLogger(name)\n\n\n"
    "def setup():\n    pass\n",
    "app/__init__.py": "",
    "app/billing.py": "from utils.logger_utils import get_service_logger\n\nlog = get_service_logger(__name__)\n",
    "app/orders.py": "from loguru import logger\n\n\ndef run():\n    logger.info('x')\n",
    "app/setup.py": "from utils.logger_utils import setup\n\nsetup()\n",
    "app/clean.py": "x = 1\n",
}
OLD = time.time() - 3600
RACY = 0.15  # a stat whose last change is older than this is trusted without reading the file


def write(root, name: str, text: str, old: bool = True) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    if old:
        os.utime(path, (OLD, OLD))


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "project"
    for name, text in PROJECT.items():
        write(root, name, text)
    monkeypatch.chdir(root)
    return root


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def both(capsys, *argv: str) -> tuple[int, str, str]:
    """The warm run's result, after checking that a run without the cache gives the same."""
    cold = run(capsys, *argv[:1], "--no-cache", *argv[1:])
    warm = run(capsys, *argv)
    assert warm == cold
    return warm


@pytest.fixture
def reads(monkeypatch):
    """The files a run reads through the cache's triage."""
    seen: list[str] = []
    real = files.read_with_status

    def counted(path, *limit):
        seen.append(os.path.relpath(path))
        return real(path, *limit)

    monkeypatch.setattr(cache, "read_with_status", counted)
    return seen


@pytest.mark.parametrize(
    "argv",
    (
        ("check", "."),
        ("check", "--format", "json", "."),
        ("check", "--format", "github", "."),
        ("check", "app/billing.py", "app/clean.py"),
        ("diff", "."),
        ("report", "--format", "json", "--files", "."),
        ("check", "utils/logger_utils.py"),
    ),
)
def test_a_warm_run_prints_what_a_cold_one_does(project, capsys, argv):
    first = run(capsys, *argv)
    assert first == run(capsys, *argv) == run(capsys, argv[0], "--no-cache", *argv[1:])
    assert first[1] or argv[-1] == "utils/logger_utils.py"  # the shim still binds every name taken from it


def test_a_warm_run_reads_no_file_that_did_not_change(project, capsys, reads):
    time.sleep(RACY)
    run(capsys, "check", ".")
    reads.clear()
    status, out, _ = run(capsys, "check", ".")
    assert status == 1 and "app/billing.py:1:1: ULG001" in out
    assert reads == ["utils/logger_utils.py"]  # the legacy module's own file: its guard reads the run's imports


def test_a_file_edited_within_the_same_stat_is_read_again(project, capsys, reads):
    run(capsys, "check", "app/billing.py")
    path = project / "app" / "billing.py"
    status = os.stat(path)
    path.write_text(path.read_text().replace("get_service_logger(__name__)", "get_service_logger(__file__)"))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))  # same size and mtime: the ctime still differs
    reads.clear()
    assert both(capsys, "check", "app/billing.py")[0] == 1
    assert "app/billing.py" in reads


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    (
        pytest.param("utils/logging/core.py", "def setup():\n    pass\n", "ULG005", id="target loses a name"),
        pytest.param("utils/logging/__init__.py", "", "ULG005", id="package no longer re-exports"),
        pytest.param("app/clean.py", "import utils.logger_utils\n", "app/clean.py:1:1: ULG001", id="clean file"),
        pytest.param("app/new.py", "from utils.logger_utils import setup\n", "app/new.py", id="new file"),
    ),
)
def test_a_change_the_results_depend_on_is_seen(project, capsys, name, text, expected):
    before = both(capsys, "check", ".")
    counted = both(capsys, "report", "--format", "json", "--files", ".")
    write(project, name, text, old=False)
    after = both(capsys, "check", ".")
    assert after != before and expected in after[1]
    assert both(capsys, "report", "--format", "json", "--files", ".") != counted


def test_a_second_fix_over_an_unchanged_tree_works_nothing_out(project, capsys, monkeypatch):
    from flake8_unified_logging.commands import run as runs

    first = run(capsys, "fix", ".")
    assert first[0] == 1 and "Rewriting" in first[2]
    time.sleep(RACY)
    second = run(capsys, "fix", ".")
    time.sleep(RACY)

    def never(*args, **kwargs):
        raise AssertionError("the engine was asked about a file whose result was kept")

    monkeypatch.setattr(runs._Engine, "__call__", never)
    assert run(capsys, "fix", ".") == second


def test_a_target_module_that_appears_is_seen(project, capsys):
    os.remove(project / "utils" / "logging" / "core.py")
    write(project, "utils/logging/__init__.py", "")
    assert "ULG005" in both(capsys, "check", "app/billing.py")[1]
    write(project, "utils/logging/__init__.py", "def get_logger(name=None):\n    pass\n\n\ndef setup():\n    pass\n")
    assert "ULG005" not in both(capsys, "check", "app/billing.py")[1]


def test_the_guard_sees_a_name_the_legacy_module_lost(project, capsys):
    assert "ULG006" not in both(capsys, "check", ".")[1]
    write(project, "utils/logger_utils.py", "x = 1\n", old=False)
    assert "ULG006 utils.logger_utils no longer defines" in both(capsys, "check", ".")[1]


def test_the_guard_sees_a_new_importer(project, capsys):
    assert "ULG006" not in both(capsys, "check", ".")[1]
    write(project, "app/deep/more.py", "from utils.logger_utils import gone\n", old=False)
    assert "no longer defines gone" in both(capsys, "check", ".")[1]


def test_a_changed_rule_uses_a_store_of_its_own(project, capsys):
    before = both(capsys, "check", ".")
    write(project, "pyproject.toml", RULES.replace('    "utils.logger_utils = utils.logging",\n', ""), old=False)
    after = both(capsys, "check", ".")
    assert after != before


def test_fix_keeps_nothing_it_rewrote_and_rewrites_a_file_put_back(project, capsys):
    original = (project / "app" / "billing.py").read_text()
    status, _, err = run(capsys, "fix", "app/billing.py")
    assert status == 1 and "Rewriting app/billing.py" in err
    fixed = (project / "app" / "billing.py").read_text()
    assert both(capsys, "fix", "app/billing.py")[0] == 0
    write(project, "app/billing.py", original, old=False)  # as a benchmark puts a file back
    status, _, err = run(capsys, "fix", "app/billing.py")
    assert status == 1 and (project / "app" / "billing.py").read_text() == fixed


def test_a_damaged_store_is_ignored_and_replaced(project, capsys):
    first = run(capsys, "check", ".")
    (stored,) = [entry.path for entry in os.scandir(store.results_folder()) if entry.is_file()]
    with open(stored, "r+b") as handle:
        handle.truncate(os.path.getsize(stored) // 2)
    assert run(capsys, "check", ".") == first
    with open(stored, "r+b") as handle:
        handle.seek(40)
        handle.write(b"\xff" * 8)
    assert run(capsys, "check", ".") == first
    assert run(capsys, "check", ".") == first
    assert store.load(stored, "another key") == {}


def test_a_fix_flushes_the_file_it_rewrites_and_not_the_store(project, capsys, monkeypatch):
    """The store is checked whole on reading (a crash that cuts it short leaves a store read as empty): only the
    rewritten source is flushed to the disk before its rename, which is a hook call's largest wait."""
    flushed = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda handle: (flushed.append(os.fstat(handle).st_ino), real_fsync(handle))[1])
    status, _, err = run(capsys, "fix", ".")
    rewritten = [line.split()[-1] for line in err.splitlines() if line.startswith("Rewriting ")]
    assert status == 1 and "./app/billing.py" in rewritten
    (stored,) = [entry.path for entry in os.scandir(store.results_folder()) if entry.is_file()]
    assert {os.stat(project / path).st_ino for path in rewritten} <= set(flushed)
    assert os.stat(stored).st_ino not in flushed


def test_a_store_made_for_other_options_is_not_read(project, capsys, monkeypatch):
    first = run(capsys, "check", ".")
    names = {entry.name for entry in os.scandir(store.results_folder())}
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert run(capsys, "check", ".") == first
    assert len({entry.name for entry in os.scandir(store.results_folder())} - names) == 1


def test_nothing_is_kept_when_told_so(project, capsys):
    run(capsys, "check", "--no-cache", ".")
    run(capsys, "report", "--no-cache", ".")
    assert not os.path.exists(store.results_folder())
    write(project, "pyproject.toml", RULES + "cache = false\n")
    run(capsys, "check", ".")
    run(capsys, "fix", ".")
    assert not os.path.exists(store.results_folder())


def test_cache_clear_and_info(project, capsys):
    run(capsys, "check", ".")
    status, out, _ = run(capsys, "cache", "info")
    assert status == 0 and " 1 files of kept results" in out
    status, out, _ = run(capsys, "cache", "clear")
    assert status == 0 and out.startswith("removed 1 files")
    assert run(capsys, "cache", "info")[1].endswith(" 0 files of kept results, 0 bytes\n")


def test_two_runs_at_once_each_print_what_a_cold_run_prints(project, capsys):
    for index in range(40):
        write(project, f"app/many/m{index}.py", "from utils.logger_utils import setup\n")
    cold = run(capsys, "check", "--no-cache", ".")
    command = [sys.executable, "-m", "flake8_unified_logging", "check", "."]
    results: list[subprocess.CompletedProcess] = []

    def check() -> None:
        results.append(subprocess.run(command, capture_output=True, text=True))

    for _ in range(3):
        threads = [threading.Thread(target=check) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert {(result.returncode, result.stdout, result.stderr) for result in results} == {cold}


def test_the_report_history_keeps_each_blob_once(project, capsys, monkeypatch):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "one"], check=True)
    write(project, "app/billing.py", "from utils.logging import get_logger\n", old=False)
    subprocess.run([*git, "commit", "-qam", "two"], check=True)
    first = run(capsys, "report", "--history", "5", "--format", "json")
    kept = [value for entry in os.scandir(store.results_folder()) if entry.is_file()
            for value in stored_entries(entry.path).values()]
    assert {value for value in kept if type(value[-1]) is bool} == {(1, True), (0, False)}  # (statements, left)
    from flake8_unified_logging.commands import git as git_module

    read: list[set] = []
    real = git_module.read_blobs
    monkeypatch.setattr(git_module, "read_blobs", lambda blobs: read.append(set(blobs)) or real(blobs))
    assert run(capsys, "report", "--history", "5", "--format", "json") == first
    assert all(not blobs for blobs in read)
    assert run(capsys, "report", "--history", "5", "--format", "json", "--no-cache") == first


def test_flake8_keeps_findings_until_what_they_read_changes(project, tmp_path):
    command = [sys.executable, "-m", "flake8", "--select", "ULG,ULG005", "app"]

    def flake8(cache_home: str | None = None) -> str:
        environment = {**os.environ, **({"XDG_CACHE_HOME": cache_home} if cache_home else {})}
        return subprocess.run(command, capture_output=True, text=True, env=environment).stdout

    first = flake8()
    assert "app/billing.py:1:1: ULG001" in first and flake8() == first
    assert os.listdir(store.results_folder())
    write(project, "utils/logging/core.py", "def setup():\n    pass\n", old=False)
    after = flake8()
    assert "ULG005" in after and after == flake8(str(tmp_path / "fresh"))


def stored_entries(path: str) -> dict:
    with open(path, "rb") as handle:
        _, entries = marshal.loads(handle.read()[len(store._MAGIC) + 4 :])
    return entries


def test_the_store_holds_plain_tuples_in_the_layout_it_always_had(project, capsys):
    """On disk an entry is a plain tuple: a clean file's kind and stat; a result's kind, stat with digest, outcome
    values and dependencies; a guarded file's, with the key of what the guard read. Read back by name, each is
    stored again as it was."""
    time.sleep(RACY)
    run(capsys, "check", ".")
    (stored,) = [entry.path for entry in os.scandir(store.results_folder()) if entry.is_file()]
    entries = stored_entries(stored)
    shapes = {os.path.relpath(path): (entry[0], len(entry), len(entry[1])) for path, entry in entries.items()}
    assert shapes["app/clean.py"] == ("clean", 2, 5)
    assert shapes["app/billing.py"] == ("result", 4, 6)
    assert shapes["utils/logger_utils.py"] == ("guard", 5, 6)
    for entry in entries.values():
        assert cache.Entry.of(entry).stored() == entry
        assert type(cache.Entry.of(entry).stored()[1]) is tuple
