"""One parse per candidate file per run: the guard (ULG006) reads the run's own findings when the run covers the
tree, one shared scan otherwise; its answer is the same whichever way the files are passed."""
import os

import pytest

from flake8_unified_logging import fixer
from flake8_unified_logging.cli import main
from flake8_unified_logging.commands import workers
from flake8_unified_logging.engine import finder, guard
from flake8_unified_logging.source import syntax

RULES = ["--rule", "utils.logger_utils=utils.logging"]
RULES += ["--rule", "utils.logger_utils:get_service_logger=utils.logging:get_logger"]
FILES = {
    "utils/__init__.py": "",
    "utils/logger_utils.py": "def get_service_logger(name):\n    pass\n",
    "utils/logging/__init__.py": "def get_logger(name):\n    pass\n\n\ndef log_duration(f):\n    return f\n",
    "app/__init__.py": "",
    "app/a.py": "from utils.logger_utils import get_service_logger, log_duration\n",
    "app/b.py": "import os\nfrom utils.logger_utils import log_duration  # noqa: ULG001\n",
    "app/c.py": "from utils.logger_utils import missing\n",
    "app/d.py": "x = 1\n",
}
ULG006 = [
    "ULG006 utils.logger_utils no longer defines log_duration, still imported by 2 files (e.g. app/a.py:1)",
    "ULG006 utils.logger_utils no longer defines missing, still imported by 1 file (e.g. app/c.py:1)",
]


def guarded(out):
    return [line.split(": ", 1)[1].replace(os.sep, "/") for line in out.splitlines() if "ULG006" in line]


@pytest.fixture
def tree(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def parses(monkeypatch):
    seen: list[str] = []
    real = syntax.parse

    def counted(text):
        seen.append(text)
        return real(text)

    for module in (syntax, finder, fixer, workers):
        monkeypatch.setattr(module, "parse", counted)
    return seen


def by_name():
    return sorted(name for name in FILES if name.endswith(".py"))


@pytest.mark.parametrize(
    "arguments",
    [["."], ["--jobs", "1", "."], by_name(), ["--jobs", "1", *by_name()], ["utils/logger_utils.py"]],
    ids=["folder", "folder-j1", "by-name", "by-name-j1", "legacy-file-only"],
)
def test_check_guard_is_the_same_however_files_are_passed(tree, capsys, arguments):
    main(["check", *RULES, *arguments])
    assert guarded(capsys.readouterr().out) == ULG006


@pytest.mark.parametrize("arguments", [["--jobs", "1", "."], ["--jobs", "1", *by_name()]], ids=["folder", "by-name"])
def test_a_run_that_covers_the_tree_reads_the_guard_from_its_findings(tree, capsys, monkeypatch, parses, arguments):
    def no_scan(*args):
        raise AssertionError("the tree was scanned again")

    monkeypatch.setattr(guard, "imported_names", no_scan)
    main(["check", *RULES, *arguments])
    assert guarded(capsys.readouterr().out) == ULG006
    importers = [FILES[name] for name in ("app/a.py", "app/b.py", "app/c.py")]
    assert sorted(text for text in parses if text in importers) == sorted(importers)  # each parsed once


def test_a_run_of_the_legacy_file_alone_reads_the_tree_once(tree, capsys, monkeypatch):
    read = []
    real = guard.scan_file
    monkeypatch.setattr(guard, "scan_file", lambda path, rules, *more: read.append(path) or real(path, rules, *more))
    main(["check", *RULES, "utils/logger_utils.py", "utils/logger_utils.py"])
    assert guarded(capsys.readouterr().out) == ULG006 * 2
    assert sorted(read) == sorted(set(read)) and len(read) == len(by_name())


def test_files_the_run_did_not_read_are_read_on_their_own(tree, capsys, monkeypatch):
    read = []
    real = guard.scan_file
    monkeypatch.setattr(guard, "scan_file", lambda path, rules, *more: read.append(path) or real(path, rules, *more))
    main(["check", *RULES, "--jobs", "1", "app/a.py", "utils/logger_utils.py"])
    assert guarded(capsys.readouterr().out) == ULG006
    assert "app/a.py" not in {os.path.relpath(path) for path in read}  # the run read it


IMPORTERS = ["app/a.py", "app/b.py", "app/c.py"]


@pytest.mark.parametrize(
    "order",
    [["utils/logger_utils.py", *IMPORTERS], [*IMPORTERS, "utils/logger_utils.py"]],
    ids=["legacy-file-first", "legacy-file-last"],
)
def test_fix_by_name_guards_from_what_is_left_after_the_rewrites(tree, capsys, order):
    main(["fix", *RULES, "--jobs", "1", *order])
    # a.py is rewritten; b.py (noqa) and c.py (its target lacks the name) still import from the legacy module,
    # whatever the order of the files.
    assert guarded(capsys.readouterr().out) == [
        "ULG006 utils.logger_utils no longer defines log_duration, still imported by 1 file (e.g. app/b.py:2)",
        ULG006[1],
    ]
    assert (tree / "app/a.py").read_text() == "from utils.logging import get_logger, log_duration\n"


def test_fix_parses_each_file_once_and_its_rewrite_once(tree, parses):
    main(["fix", *RULES, "--jobs", "1", "app/a.py", "utils/logger_utils.py"])
    rewritten = (tree / "app/a.py").read_text()
    assert parses.count(FILES["app/a.py"]) == 1 and parses.count(rewritten) == 1
