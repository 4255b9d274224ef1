"""What is left of the size limit, the output and the runs: names in text output quoted as git quotes them (no
name starts a line another tool reads as a command), a huge store read as none, no cache folder made in another
user's home, no traceback from workers whose main process was killed, and the bytes on disk before the rename."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from flake8_unified_logging import files
from flake8_unified_logging.commands.store import results_folder
from flake8_unified_logging.files import shown, write_atomic

CLI = [sys.executable, "-m", "flake8_unified_logging"]
LEGACY = "from utils.logger_utils import get_service_logger\n"
OTHER_UID = 54321


@pytest.mark.parametrize(("name", "expected"), (
    ("app/x.py", "app/x.py"),
    ("caf\u00e9.py", "caf\u00e9.py"),
    ("with space.py", "with space.py"),
    ("new\nline.py", '"new\\nline.py"'),
    ("tab\there.py", '"tab\\there.py"'),
    ('quote"d.py', '"quote\\"d.py"'),
    ("back\\slash.py", '"back\\\\slash.py"'),
    ("bell\x07\x01.py", '"bell\\a\\001.py"'),
    ("cr\r.py", '"cr\\r.py"'),
    ("line\u2028sep.py", '"line\\342\\200\\250sep.py"'),
    ("bad\udcff.py", '"bad\\377.py"'),
    ("::error::x.py", '"::error::x.py"'),
    ("##[error]x.py", '"##[error]x.py"'),
))
def test_names_are_quoted_as_git_quotes_them(name, expected):
    assert shown(name) == expected


@pytest.mark.parametrize("name", ("x\n::error file=a.py::forged.py", "::warning::forged.py", "a\rb.py"))
def test_no_name_forges_a_line_of_the_output(tmp_path, name):
    (tmp_path / name).write_text(LEGACY)
    for command in (["check", "."], ["fix", "."], ["check", "--", name], ["diff", "."]):
        result = subprocess.run([*CLI, *command], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        lines = (result.stdout + result.stderr).splitlines()
        assert lines and not any(line.startswith(("::", "##")) for line in lines), result
        assert shown(name).strip('"') in result.stdout + result.stderr, result
        (tmp_path / name).write_text(LEGACY)


def test_a_huge_store_is_read_as_none(tmp_path):
    (tmp_path / "a.py").write_text(LEGACY)
    run = [*CLI, "check", "a.py"]
    cold = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    stores = [os.path.join(results_folder(), n) for n in os.listdir(results_folder()) if not n.endswith(".flake8")]
    assert stores
    for store in stores:
        with open(store, "r+b") as handle:
            handle.truncate(8 << 30)  # 8 GiB, sparse: over any limit
    warm = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    assert all(os.path.getsize(store) < (1 << 20) for store in stores)  # replaced by a store of this run


def test_a_store_over_max_file_size_is_read_as_none(tmp_path):
    (tmp_path / "a.py").write_text(LEGACY)
    files.set_read_limit(10)
    try:
        from flake8_unified_logging.commands.store import load, save

        path = os.path.join(results_folder(), "probe")
        kept = {str(n): "x" * 100 for n in range(10)}  # over 16 x 10 bytes
        save(path, "key", kept)
        assert load(path, "key") == {}
        files.set_read_limit(files.MAX_FILE_SIZE)
        assert load(path, "key") == kept
    finally:
        files.set_read_limit(files.MAX_FILE_SIZE)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a home to another user")
def test_root_makes_no_cache_folder_in_another_users_home(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    os.chown(home, OTHER_UID, OTHER_UID)
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text('[tool.unified-logging]\nrules = ["oldlog = newlog"]\n')
    (project / "a.py").write_text("import oldlog\n")
    env = {key: value for key, value in os.environ.items() if key != "XDG_CACHE_HOME"}
    env["HOME"] = str(home)
    for _ in range(2):
        result = subprocess.run([*CLI, "check", "a.py"], cwd=project, capture_output=True, text=True, env=env,
                                timeout=120)
        assert result.returncode == 1 and "ULG001" in result.stdout, result
    assert os.listdir(home) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a folder to another user")
def test_no_cache_folder_in_another_users_cache_folder(tmp_path, monkeypatch):
    from flake8_unified_logging.table_cache import make_private_folder

    (tmp_path / "theirs").mkdir()
    os.chown(tmp_path / "theirs", OTHER_UID, OTHER_UID)
    assert not make_private_folder(str(tmp_path / "theirs" / "unified-logging"))
    assert make_private_folder(str(tmp_path / "mine" / "deeper" / "unified-logging"))
    assert os.stat(tmp_path / "mine" / "deeper" / "unified-logging").st_mode & 0o777 == 0o700
    assert os.listdir(tmp_path / "theirs") == []


def test_workers_print_no_traceback_when_the_main_process_is_killed(tmp_path):
    body = LEGACY + "".join(f"def f{i}(x):\n    return get_service_logger(x) + {i}\n" for i in range(300))
    for i in range(300):
        (tmp_path / f"m{i}.py").write_text(body)
    process = subprocess.Popen([*CLI, "check", "-j", "2", "--no-cache", "."], cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.5)
    process.send_signal(signal.SIGKILL)
    errors = process.stderr.read().decode()  # until the workers, which hold it too, are gone
    assert process.wait() == -signal.SIGKILL
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors


def test_the_bytes_are_on_disk_before_the_rename(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda handle: (calls.append("fsync"), real_fsync(handle))[1])
    monkeypatch.setattr(os, "replace", lambda *a, **k: (calls.append("replace"), real_replace(*a, **k))[1])
    target = tmp_path / "a.py"
    target.write_text("x = 1\n")
    write_atomic(str(target), b"x = 2\n")
    assert calls == ["fsync", "replace"] and target.read_text() == "x = 2\n"
