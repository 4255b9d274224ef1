from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import pytest
from hypothesis import HealthCheck, settings

from flake8_unified_logging.source.origin import Origin
from flake8_unified_logging.fixer import fix_text
from flake8_unified_logging.rules import DEFAULT_RULES, RuleSet, parse_rules

settings.register_profile("default", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("campaign", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile("default")


def rules_of(*lines: str) -> RuleSet:
    return parse_rules(list(enumerate(lines, start=1)), "test")


def fixed(source: str, rules: RuleSet = DEFAULT_RULES, package: tuple[str, ...] | None = None) -> str:
    return fix_text(source, rules, Origin(package)).text


@pytest.fixture
def write(tmp_path):
    """Write files under a temporary folder: ``write("a/b.py", text)`` returns the path."""

    def write_file(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.encode())
        else:
            path.write_bytes(content)
        return str(path)

    return write_file


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory, monkeypatch):
    """Each test (and the processes it starts) caches configuration tables in a folder of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


ROOT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _nobody() -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam("nobody")
    return entry.pw_uid, entry.pw_gid


def _as_nobody() -> None:
    uid, gid = _nobody()
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)


def _interpreter_for_nobody() -> str | None:
    """An interpreter (3.9 or newer) that ``nobody`` may run: this one, else the system's."""
    for candidate in (sys.executable, "/usr/bin/python3"):
        check = [candidate, "-c", "import sys; assert sys.version_info >= (3, 9)"]
        try:
            if subprocess.run(check, preexec_fn=_as_nobody).returncode == 0:
                return candidate
        except OSError:
            continue
    return None


@pytest.fixture
def shared_dir():
    """A folder every user may enter (pytest's own are private to the user running the tests)."""
    folder = tempfile.mkdtemp(prefix="ulg-shared-")
    os.chmod(folder, 0o755)
    yield pathlib.Path(folder)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def unprivileged():
    """``run(args, cwd)``: the command line as a user without root's powers, from this source tree: ``nobody``
    when the tests run as root, else the current user."""
    if os.geteuid() != 0:
        def run_here(args, cwd, env=None):
            command = [sys.executable, "-m", "flake8_unified_logging", *args]
            return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)

        return run_here
    interpreter = _interpreter_for_nobody()
    if interpreter is None:
        pytest.skip("no interpreter that nobody may run")

    def run_as_nobody(args, cwd, env=None):
        environment = {**(env or os.environ), "PYTHONPATH": ROOT_DIR, "HOME": str(cwd)}
        command = [interpreter, "-m", "flake8_unified_logging", *args]
        return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=environment,
                              preexec_fn=_as_nobody)

    return run_as_nobody


@pytest.fixture
def nobody_ids():
    """``nobody``'s uid and gid; the test needs root to give files to them."""
    if os.geteuid() != 0:
        pytest.skip("needs root")
    return _nobody()
