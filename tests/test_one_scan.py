"""One scan of the tree per run serves the guard (what files take from a legacy module) and who reads a module
(the removal of an unused module-level import): one walk per root, one read of each file, the same answers as
two separate scans."""
from __future__ import annotations

import os
from collections import Counter

from flake8_unified_logging.cli import main
from flake8_unified_logging.engine import guard
from flake8_unified_logging.resolve import readers
from flake8_unified_logging.resolve.targets import TargetCheck
from flake8_unified_logging.rules import parse_rules

RULES = parse_rules([(1, "utils.logger_utils = utils.logging"), (2, "loguru:logger = utils.logging:get_logger()")])
TREE = {
    ".git/HEAD": "",
    "utils/__init__.py": "",
    "utils/logging.py": "def get_logger():\n    pass\n",
    "utils/logger_utils.py": "def get_service_logger(name):\n    pass\n",
    "app/__init__.py": "",
    "app/a.py": "from utils.logger_utils import get_service_logger\n",
    "app/b.py": "import utils.logger_utils\n\nutils.logger_utils.get_service_logger('b')\n",
    "app/c.py": "from app.log import logger\n",
    "app/log.py": "from loguru import logger\n",
    "app/plain.py": "x = 1\n",
}


def write_tree(write) -> str:
    for name, text in TREE.items():
        write(name, text)
    return os.path.dirname(write("app/plain.py", TREE["app/plain.py"])).rsplit(os.sep, 1)[0]


def counted(monkeypatch) -> Counter:
    reads: Counter = Counter()
    real = readers.read_bytes

    def read_bytes(path: str, limit: int | None = None) -> bytes:
        reads[os.path.abspath(path)] += 1
        return real(path, limit)

    monkeypatch.setattr(readers, "read_bytes", read_bytes)
    monkeypatch.setattr(guard, "read_bytes", read_bytes)
    return reads


def test_the_guard_and_the_readers_share_one_read_of_each_file(write, monkeypatch):
    root = write_tree(write)
    alone = guard.imported_names(TargetCheck().scans, [root], "utils.logger_utils", RULES)
    location = tuple(os.path.join(root, "app", "log").split(os.sep)[1:])
    apart = readers.readers(TargetCheck(), location, "app.log")
    reads = counted(monkeypatch)
    targets = TargetCheck()
    assert guard.imported_names(targets.scans, [root], "utils.logger_utils", RULES) == alone
    assert readers.readers(targets, location, "app.log") == apart
    assert readers.readers(targets, location[:-1] + ("a",), "app.a") == ()
    assert set(reads.values()) == {1}
    assert len(reads) == len([name for name in TREE if name.endswith(".py")])
    assert [reader.name for reader in apart] == ["", "logger"]


def test_a_run_guards_the_legacy_module_from_the_same_scan(write, monkeypatch, capsys):
    root = write_tree(write)
    write("utils/logger_utils.py", "")  # get_service_logger gone: ULG006 for its importers
    reads = counted(monkeypatch)
    monkeypatch.chdir(root)
    main(["fix", "--no-cache", "--rule", "utils.logger_utils = utils.logging", "--rule",
          "loguru:logger = utils.logging:get_logger()", "app/log.py", "utils/logger_utils.py"])
    out = capsys.readouterr().out
    assert "ULG006 utils.logger_utils no longer defines get_service_logger, still imported by 2 files" in out
    assert open(os.path.join(root, "app/log.py")).read() == (
        "from utils.logging import get_logger\n\nlogger = get_logger()\n"
    )
    assert max(reads.values()) == 1
