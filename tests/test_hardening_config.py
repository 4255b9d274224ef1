"""Every configuration shape error is one line and exit 2, whichever command or hook reads it."""
import os
import subprocess
import sys

import pytest

CLI = [sys.executable, "-m", "flake8_unified_logging"]
HOLDING = "tool must be a table holding [tool.unified-logging], not"
SHAPES = {
    "tool is a string": ('tool = "unified-logging"\n', f"{HOLDING} a string"),
    "tool is an array": ('tool = ["unified-logging"]\n', f"{HOLDING} an array"),
    "table is a string": ('[tool]\nunified-logging = "rules"\n', "[tool.unified-logging] must be a table"),
    "array of tables": ('[[tool.unified-logging]]\nrules = ["a = b"]\n', "[tool.unified-logging] must be a table"),
    "rules a string": ('[tool.unified-logging]\nrules = "a = b"\n', "rules must be a list of strings"),
    "a rule a number": ('[tool.unified-logging]\nrules = [1]\n', "rules must be a list of strings"),
    "a rule a table": ('[tool.unified-logging]\nrules = [{a = "b"}]\n', "rules must be a list of strings"),
    "flag a string": ('[tool.unified-logging]\nrules = ["a = b"]\ntarget-check = "yes"\n', "must be true or false"),
    "roots a string": ('[tool.unified-logging]\nrules = ["a = b"]\nsource-roots = "src"\n', "list of strings"),
    "a sub-table": ('[tool.unified-logging]\nrules = ["a = b"]\n[tool.unified-logging.more]\nx = 1\n',
                    "unknown option 'more'"),
    "bad TOML": ('[tool.unified-logging]\nrules = [\n', "cannot read configuration"),
}


@pytest.mark.parametrize("command", (["check", "--", "a.py"], ["fix", "a.py"], ["report", "."], ["shim", "a"]),
                         ids=("check hook", "fix", "report", "shim"))
@pytest.mark.parametrize(("text", "message"), SHAPES.values(), ids=SHAPES.keys())
def test_a_shape_error_is_one_line_and_exit_2(tmp_path, text, message, command):
    (tmp_path / "pyproject.toml").write_text(text)
    (tmp_path / "a.py").write_text("from utils.logger_utils import a\n")
    result = subprocess.run([*CLI, *command], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith(f"unified-logging: error: {tmp_path / 'pyproject.toml'}")
    assert message in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert (tmp_path / "a.py").read_text() == "from utils.logger_utils import a\n"


@pytest.mark.parametrize(("make", "message"), (
    (lambda path: path.mkdir(), "is a directory"),
    (lambda path: os.mkfifo(path), "is a named pipe"),
    (lambda path: None, "configuration file not found"),
), ids=("folder", "pipe", "missing"))
@pytest.mark.parametrize("name", ("pyproject.toml", "setup.cfg"))
def test_a_named_configuration_that_is_no_file(tmp_path, make, message, name):
    make(tmp_path / name)
    (tmp_path / "a.py").write_text("x = 1\n")
    result = subprocess.run([*CLI, "check", "--config", name, "a.py"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert (result.returncode, result.stderr) == (2, f"unified-logging: error: {name}: {message}\n")


@pytest.mark.parametrize("name", ("pyproject.toml", "setup.cfg"))
def test_an_unreadable_configuration_says_permission_denied(shared_dir, unprivileged, name):
    (shared_dir / name).write_text('[tool.unified-logging]\nrules = ["a = b"]\n')
    os.chmod(shared_dir / name, 0o600 if os.geteuid() == 0 else 0)
    (shared_dir / "a.py").write_text("x = 1\n")
    result = unprivileged(["check", "--config", name, "a.py"], shared_dir)
    os.chmod(shared_dir / name, 0o644)
    expected = f"unified-logging: error: {name}: cannot read: permission denied\n"
    assert (result.returncode, result.stderr) == (2, expected)
