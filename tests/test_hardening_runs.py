"""A run ends quietly on Ctrl-C after naming what it rewrote; --jobs is capped; output never fails on encoding;
`python -m flake8_unified_logging` never imports the checked project's modules."""
import multiprocessing
import os
import signal
import subprocess
import sys

import pytest

from flake8_unified_logging.cli import available_processors, main

LEGACY = "from utils.logger_utils import a\n"
NEW = "from utils.logging import a\n"
CLI = [sys.executable, "-m", "flake8_unified_logging"]


# -- Ctrl-C ------------------------------------------------------------------------------------------------------


@pytest.fixture
def big_tree(tmp_path):
    tree = tmp_path / "tree"
    for package in range(20):
        folder = tree / f"pkg{package:02}"
        folder.mkdir(parents=True)
        (folder / "__init__.py").write_text("from . import m000\n")
        for module in range(100):
            (folder / f"m{module:03}.py").write_text(LEGACY + "def f():\n    return a\n" * 20)
    return tree


@pytest.mark.parametrize("jobs", ("1", "2"))
def test_ctrl_c_names_every_rewritten_file_and_ends_quietly(big_tree, jobs):
    command = [*CLI, "fix", "--no-target-check", "--jobs", jobs, "."]
    # Unbuffered: what a buffer read past the first line would hold is lost to communicate().
    run = subprocess.Popen(command, cwd=big_tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0,
                           start_new_session=True)
    first = run.stderr.readline()
    os.killpg(run.pid, signal.SIGINT)  # as a terminal does: to every process of the group
    _, rest = run.communicate(timeout=300)
    err = (first + rest).decode()
    assert run.returncode == 130, err[-2000:]
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    *named_lines, last = err.splitlines()
    named = {line[len("Rewriting "):] for line in named_lines}
    assert all(line.startswith("Rewriting ") for line in named_lines)
    changed = {
        os.path.join(".", os.path.relpath(os.path.join(folder, name), big_tree))
        for folder, _, names in os.walk(big_tree) for name in names
        if open(os.path.join(folder, name)).read().startswith(NEW)
    }
    assert named == changed and 0 < len(changed) < 2000, err[-3000:]
    plural = "s" if len(changed) > 1 else ""
    assert last.startswith(f"unified-logging: interrupted; rewrote {len(changed)} file{plural} (")
    assert set(last.split("(", 1)[1].rsplit(")", 1)[0].split(", ")) == changed
    leftovers = [name for _, _, names in os.walk(big_tree) for name in names if name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.parametrize("jobs", ("1", "2"))
def test_ctrl_c_during_a_check_ends_quietly(big_tree, jobs):
    run = subprocess.Popen([*CLI, "check", "--no-target-check", "--jobs", jobs, "."], cwd=big_tree,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0, start_new_session=True)
    run.stdout.readline()
    os.killpg(run.pid, signal.SIGINT)
    _, err = run.communicate(timeout=300)
    assert (run.returncode, err) == (130, b"unified-logging: interrupted\n")


# -- --jobs --------------------------------------------------------------------------------------------------------


def test_jobs_are_capped_at_the_processors(tmp_path, capsys, monkeypatch):
    started = []
    real = multiprocessing.Pool

    def counted_pool(processes, *args, **kwargs):
        started.append(processes)
        return real(processes, *args, **kwargs)

    monkeypatch.setattr(multiprocessing, "Pool", counted_pool)
    for i in range(300):
        (tmp_path / f"m{i:03}.py").write_text(LEGACY + "x = 1\n" * 200)
    asked = available_processors() + 7  # not 100000: a regression would start that many processes
    assert main(["check", "--jobs", str(asked), str(tmp_path)]) == 1
    assert capsys.readouterr().out.count("ULG001") == 300
    assert started == [available_processors()]


# -- encodings -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ("ascii", "latin-1"))
@pytest.mark.parametrize("command", (["check"], ["check", "--format", "github"], ["fix"], ["diff"]))
def test_output_never_fails_on_encoding(tmp_path, encoding, command):
    name = "caf\u00e9_\u65e5\u672c.py"
    (tmp_path / name).write_text("# \u65e5\u672c\n" + LEGACY)
    environment = {**os.environ, "PYTHONIOENCODING": encoding}
    result = subprocess.run([*CLI, *command, name], cwd=tmp_path, capture_output=True, env=environment)
    assert result.returncode == 1, result.stderr
    assert b"Traceback" not in result.stderr
    shown = result.stdout + result.stderr
    assert b"\\u65e5\\u672c.py" in shown


# -- python -m in a project that shadows the standard library -----------------------------------------------------


SHADOWED = ("ast", "tokenize", "logging", "argparse", "json", "difflib", "configparser", "multiprocessing",
            "tomllib", "tomli", "shutil", "string", "textwrap", "gettext")


@pytest.fixture
def shadowing_project(tmp_path):
    for name in SHADOWED:
        (tmp_path / f"{name}.py").write_text(f"raise SystemExit('the project\\'s {name}.py was imported')\n")
    (tmp_path / "app.py").write_text(LEGACY)
    (tmp_path / "pyproject.toml").write_text('[tool.unified-logging]\nrules = ["utils.logger_utils = utils.logging"]\n')
    return tmp_path


@pytest.mark.parametrize(("command", "status"), (
    (["check", "--no-target-check", "."], 1),
    (["check", "--format", "json", "app.py"], 1),
    (["diff", "--no-target-check", "app.py"], 1),
    (["report", "--format", "json", "."], 0),
    (["--help"], 0),
    (["fix", "--no-target-check", "--jobs", "2", "."], 1),
))
def test_python_m_never_imports_the_project(shadowing_project, command, status):
    result = subprocess.run([*CLI, *command], cwd=shadowing_project, capture_output=True, text=True)
    assert "was imported" not in result.stdout + result.stderr
    assert result.returncode == status, result.stderr
