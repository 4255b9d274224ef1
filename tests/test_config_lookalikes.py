"""A ``[tool.*]`` table of pyproject.toml spelt like ours but not as ours is an error naming the right spelling,
from the command line, the hook and flake8 alike; the tables of other tools are not."""
from __future__ import annotations

import subprocess
import sys

import pytest

from flake8_unified_logging.cli import main

LEGACY = "from utils.logger_utils import get_service_logger\n"
RULES = 'rules = ["utils.logger_utils = utils.new_logging"]\n'


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("from . import service\n")
    (tmp_path / "app" / "service.py").write_text(LEGACY)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("table", (
    "tool.unified_logging", "tool.unifiedlogging", "tool.UnifiedLogging", "tool.unified-loging",
    "tool.flake8-unified-logging", 'tool."unified logging"',
))
def test_a_lookalike_table_is_a_one_line_error(project, capsys, table):
    (project / "pyproject.toml").write_text(f"[{table}]\n{RULES}")
    key = table.split(".", 1)[1].strip('"')
    for command in (["check", "app"], ["fix", "app/service.py"], ["report", "app"]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert err == (f"unified-logging: error: {project / 'pyproject.toml'}: [tool.{key}] is not read: the table "
                       "is spelt [tool.unified-logging]\n")
    assert (project / "app" / "service.py").read_text() == LEGACY


@pytest.mark.parametrize("text", (
    "[tool.black]\nline-length = 100\n",
    "[tool.logging]\nlevel = 'INFO'\n",
    "[project]\nname = 'unified-tools'\ndependencies = ['flake8-unified-logging']\n",
    f"[tool.unified-logging]\n{RULES}[tool.isort]\nprofile = 'black'\n",
))
def test_other_tables_are_not(project, capsys, text):
    (project / "pyproject.toml").write_text(text)
    assert main(["check", "app"]) == 1
    new = "utils.new_logging" if "rules" in text else "utils.logging"
    assert f"use: from {new} import get_service_logger" in capsys.readouterr().out


def test_a_lookalike_above_is_found_on_the_way_up(project, capsys, monkeypatch):
    (project / "pyproject.toml").write_text(f"[tool.unified_logging]\n{RULES}")
    monkeypatch.chdir(project / "app")
    assert main(["check", "service.py"]) == 2
    assert "the table is spelt [tool.unified-logging]" in capsys.readouterr().err


def test_the_hook_and_flake8_say_the_same(project):
    (project / "pyproject.toml").write_text(f"[tool.unified_logging]\n{RULES}")
    hook = subprocess.run([sys.executable, "-m", "flake8_unified_logging", "fix", "app/service.py"],
                          cwd=project, capture_output=True, text=True)
    assert hook.returncode == 2
    assert hook.stderr.count("\n") == 1 and "[tool.unified_logging] is not read" in hook.stderr
    flake8 = subprocess.run([sys.executable, "-m", "flake8", "--select", "ULG", "app/service.py"],
                            cwd=project, capture_output=True, text=True)
    assert flake8.returncode != 0
    assert "[tool.unified_logging] is not read: the table is spelt [tool.unified-logging]" in flake8.stderr
    assert (project / "app" / "service.py").read_text() == LEGACY
