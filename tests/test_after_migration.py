"""A backend after `fix .`: `report` calls the legacy module safe to delete only when no file of any kind names it
(files that cannot be parsed counted from their bytes), and `shim` makes a module that works or refuses."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from flake8_unified_logging.cli import main

PYPROJECT = """[tool.unified-logging]
rules = [
    "utils.logger_utils = utils.logging",
    "utils.logger_utils:get_service_logger = utils.logging:get_logger",
]
"""
FILES = {
    "pyproject.toml": PYPROJECT,
    "utils/__init__.py": "",
    "utils/logger_utils.py": (
        '"""The legacy helpers."""\nimport logging\n\n\ndef get_service_logger(name):\n'
        "    return logging.getLogger(name)\n\n\ndef log_duration(function):\n    return function\n\n\n"
        "class ServiceLogger:\n    pass\n"
    ),
    "utils/logging/__init__.py": "from .core import ServiceLogger, get_logger, log_duration\n",
    "utils/logging/core.py": (
        "import logging\n\n\ndef get_logger(name):\n    return logging.getLogger(name)\n\n\n"
        "def log_duration(function):\n    return function\n\n\nclass ServiceLogger:\n    pass\n"
    ),
    "app/__init__.py": "from . import billing, reports\n",
    "app/billing.py": (
        "from utils.logger_utils import get_service_logger, ServiceLogger\n\nlog = get_service_logger(__name__)\n"
    ),
    "app/reports.py": (
        "try:\n    from utils.logger_utils import log_duration\nexcept ImportError:\n    def log_duration(f):\n"
        "        return f\n"
    ),
}
NEWER = "from utils.logger_utils import log_duration\n\ntry:\n    pass\nexcept ValueError, TypeError:\n    pass\n"
BROKEN = "from utils.logger_utils import get_service_logger\n\n\ndef f(:\n    pass\n"


@pytest.fixture
def migrated(tmp_path, monkeypatch):
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    assert main(["fix", "--jobs", "1", "."]) == 1
    assert main(["check", "--jobs", "1", "app"]) == 0
    return tmp_path


def legacy_row(capsys) -> dict:
    assert main(["report", "--jobs", "1", "--format", "json", "."]) == 0
    rows = json.loads(capsys.readouterr().out)["legacy_modules"]
    return next(row for row in rows if row["module"] == "utils.logger_utils")


def test_nothing_left_is_safe_to_delete(migrated, capsys):
    row = legacy_row(capsys)
    assert (row["files"], row["safe_to_delete"], row["other_files"]) == (0, True, [])
    main(["report", "--jobs", "1", "."])
    assert "utils.logger_utils      0  no importer left, safe to delete" in capsys.readouterr().out


@pytest.mark.parametrize(("name", "text", "names"), (
    ("app/newer.py", NEWER, {"log_duration": 1}),
    ("app/broken.py", BROKEN, {"get_service_logger": 1}),
    ("app/bad_bytes.py", "from utils.logger_utils import log_duration\nx = '\udcff'\n", {"log_duration": 1}),
), ids=("valid only on a newer Python", "a syntax error", "not UTF-8"))
def test_an_importer_that_cannot_be_parsed_still_counts(migrated, capsys, name, text, names):
    (migrated / name).write_bytes(text.encode("utf-8", "surrogateescape"))
    row = legacy_row(capsys)
    assert (row["files"], row["unparsed_files"], row["names"], row["safe_to_delete"]) == (1, 1, names, False)
    main(["report", "--jobs", "1", "."])
    out = capsys.readouterr().out
    assert "safe to delete" not in out
    assert "1 file of them cannot be parsed (counted from their bytes)" in out


@pytest.mark.parametrize(("name", "text"), (
    ("config/logging.yaml", "handlers:\n  json:\n    class: utils.logger_utils.ServiceLogger\n"),
    ("docs/migration.md", "Delete `utils/logger_utils.py` once the report says so.\n"),
    ("scripts/check.py", "# utils.logger_utils is gone\nprint('ok')\n"),
))
def test_a_file_of_any_kind_that_names_it_keeps_it(migrated, capsys, name, text):
    (migrated / name).parent.mkdir(parents=True, exist_ok=True)
    (migrated / name).write_text(text)
    row = legacy_row(capsys)
    assert (row["safe_to_delete"], row["other_files"]) == (False, [name])
    main(["report", "--jobs", "1", "."])
    assert f"no importer left; named in 1 file more ({name})" in capsys.readouterr().out


def test_compiled_files_and_its_own_file_do_not_keep_it(migrated, capsys):
    (migrated / "utils" / "__pycache__").mkdir()
    (migrated / "utils" / "__pycache__" / "logger_utils.cpython-311.pyc").write_bytes(b"\0utils.logger_utils\0")
    assert legacy_row(capsys)["safe_to_delete"] is True


def test_the_shim_after_the_migration_works(migrated, capsys):
    assert main(["shim", "utils.logger_utils"]) == 0
    text = capsys.readouterr().out
    assert '"""Compatibility shim: utils.logger_utils moved to utils.logging.' in text
    names = ("ServiceLogger", "get_logger as get_service_logger", "log_duration")
    assert "from utils.logging import (\n" + "".join(f"    {name},\n" for name in names) + ")" in text
    assert '__all__ = ["ServiceLogger", "get_service_logger", "log_duration"]' in text
    (migrated / "utils" / "logger_utils.py").write_text(text)
    assert main(["check", "--jobs", "1", "utils/logger_utils.py"]) == 0
    code = ("import warnings; warnings.simplefilter('ignore'); import utils.logger_utils as m; "
            "print(sorted(n for n in m.__all__ if getattr(m, n)))")
    result = subprocess.run([sys.executable, "-c", code], cwd=migrated, capture_output=True, text=True)
    assert result.stdout == "['ServiceLogger', 'get_service_logger', 'log_duration']\n", result.stderr


def test_the_shim_says_what_it_leaves_out(migrated, capsys):
    with open(migrated / "utils" / "logger_utils.py", "a") as handle:
        handle.write("\n\ndef audit(event):\n    return event\n")
    assert main(["shim", "utils.logger_utils"]) == 0
    text = capsys.readouterr().out
    assert "- audit: utils.logging does not define audit\n" in text
    assert "audit" not in text.split('"""')[2]


def test_the_shim_refuses_when_nothing_would_resolve(migrated, capsys):
    status = main(["shim", "--rule", "utils.logger_utils = utils.logging.core2", "utils.logger_utils"])
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err.startswith("unified-logging: error: no file imports a name from utils.logger_utils, and none of ")
    assert err.count("\n") == 1
