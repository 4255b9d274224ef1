"""Never add what nothing reads: a factory rule's legacy object that the file never uses, or rebinds before any use,
loses its import (the statement kept for its other names) instead of gaining an assignment nothing reads; pyflakes
finds nothing unused or redefined in what ``fix`` writes."""
from __future__ import annotations

import subprocess
import sys

import pyflakes.api
import pyflakes.messages
import pytest

from conftest import rules_of
from flake8_unified_logging.engine.finder import find
from flake8_unified_logging.fixer import fix_text
from flake8_unified_logging.source.origin import Origin

RULES = rules_of(
    "loguru:logger = utils.logging:get_logger(__name__)",
    "utils.logger_utils:get_service_logger = utils.logging:get_logger",
)
ORIGIN = Origin(None, (), "m", "")
ADDED = "from utils.logging import get_logger\n\nlogger = get_logger(__name__)\n"


class _Collected:
    def __init__(self) -> None:
        self.messages: list[object] = []

    def flake(self, message: object) -> None:
        self.messages.append(message)

    def unexpectedError(self, filename: str, message: str) -> None:  # noqa: N802 (pyflakes' reporter interface)
        raise AssertionError(message)

    def syntaxError(self, filename: str, message: str, *args: object) -> None:  # noqa: N802
        raise AssertionError(message)


def unused_or_redefined(text: str) -> list[str]:
    """pyflakes' F401 (imported but unused) and F811 (redefinition of an unused name) on ``text``."""
    reporter = _Collected()
    pyflakes.api.check(text, "m.py", reporter)
    kinds = (pyflakes.messages.UnusedImport, pyflakes.messages.RedefinedWhileUnused)
    return [str(m) for m in reporter.messages if isinstance(m, kinds)]


def fixed(source: str) -> str:
    return fix_text(source, RULES, ORIGIN).text


@pytest.mark.parametrize(
    ("source", "expected", "why"),
    (
        pytest.param("from loguru import logger\n\nx = 1\n", 'x = 1\n', "unused", id="unused, alone"),
        pytest.param(
            "from loguru import logger, catch\n\n\n@catch\ndef f():\n    pass\n",
            "from loguru import catch\n\n\n@catch\ndef f():\n    pass\n",
            "unused", id="unused, its statement kept for the other name",
        ),
        pytest.param(
            "from loguru import logger as log\nimport os\n\nos.getcwd()\n", "import os\n\nos.getcwd()\n", "unused",
            id="unused alias",
        ),
        pytest.param(
            "import os\nfrom loguru import logger\nfrom utils.logger_utils import get_service_logger\n\n"
            "logger = get_service_logger(__name__)\nlogger.info(os.sep)\n",
            "import os\nfrom utils.logging import get_logger\n\nlogger = get_logger(__name__)\nlogger.info(os.sep)\n",
            "rebound on line 5 before any use", id="rebound right after the imports",
        ),
        pytest.param(
            "from loguru import logger\n\nlogger: object = make()\nlogger.info('x')\n",
            "logger: object = make()\nlogger.info('x')\n",
            "rebound on line 3 before any use", id="rebound by an annotated assignment",
        ),
        pytest.param(
            "def f():\n    from loguru import logger\n    logger = make()\n    return logger\n",
            "def f():\n    logger = make()\n    return logger\n",
            "rebound on line 3 before any use", id="rebound in a function",
        ),
        pytest.param(
            "from loguru import logger\n\n\ndef f():\n    logger = make()\n    logger.info('x')\n",
            "def f():\n    logger = make()\n    logger.info('x')\n",
            "unused", id="only a local of the same name is read",
        ),
    ),
)
def test_removed(source, expected, why):
    assert fixed(source) == expected
    assert unused_or_redefined(expected) == []
    (finding,) = [f for f in find(source, RULES, origin=ORIGIN) if "loguru:logger" in f.message]
    assert f"'{finding.message.split(chr(39))[1]}' is never read ({why})" in finding.message
    assert "the import is removed, no assignment of get_logger() added" in finding.message


@pytest.mark.parametrize(
    "source",
    (
        pytest.param("from loguru import logger\nlogger.info('x')\n", id="read"),
        pytest.param("from loguru import logger\n__all__ = ['logger']\n", id="exported"),
        pytest.param("from loguru import logger\nlogger = logger.bind(x=1)\n", id="read by its own rebinding"),
        pytest.param(
            "from loguru import logger\n\n\ndef f():\n    logger.info('x')\n\n\nf()\nlogger = make()\n",
            id="read by a function defined before the rebinding",
        ),
        pytest.param(
            "from loguru import logger\nif DEBUG:\n    logger = make()\nlogger.info('x')\n",
            id="rebound in a branch only",
        ),
        pytest.param("from loguru import logger\n\n\ndef f():\n    global logger\n    logger = 1\n", id="global"),
        pytest.param("from loguru import logger\ndel logger\n", id="deleted"),
        pytest.param("try:\n    from loguru import logger\nexcept ImportError:\n    logger = None\n",
                     id="another branch binds it: a fallback"),
        pytest.param("if FAST:\n    from loguru import logger\nelse:\n    logger = make()\n",
                     id="another branch binds it: if/else"),
        pytest.param("from loguru import logger\nprint(globals()['logger'])\n", id="read by its name"),
        pytest.param(
            "from loguru import logger\n\n\nclass C:\n    log = logger\n", id="read in a class body",
        ),
    ),
)
def test_read_objects_get_their_assignment(source):
    text = fixed(source)
    assert all(line in text for line in ADDED.splitlines())
    assert "loguru" not in text
    assert unused_or_redefined(text) == []


@pytest.mark.parametrize(
    "source",
    (
        "import os\nfrom loguru import logger\n\nos.getcwd()\n",
        "from loguru import logger\nfrom utils.logger_utils import get_service_logger\n\n"
        "logger = get_service_logger(__name__)\nlogger.info('x')\n",
    ),
)
def test_pyflakes_findings_go_with_the_legacy_import(source):
    assert unused_or_redefined(source) != []
    assert unused_or_redefined(fixed(source)) == []


def test_command_line_removes_an_unused_object_import(tmp_path):
    path = tmp_path / "svc.py"
    path.write_text("from loguru import logger\nimport os\n\nprint(os.sep)\n")
    rule = "loguru:logger = utils.logging:get_logger(__name__)"
    results = [
        subprocess.run([sys.executable, "-m", "flake8_unified_logging", command, "--no-target-check", "--rule", rule,
                        str(path)], capture_output=True, text=True, cwd=tmp_path)
        for command in ("check", "fix")
    ]
    assert [result.returncode for result in results] == [1, 1], results[1].stderr
    assert "svc.py:1:1: ULG001 legacy import of loguru:logger; 'logger' is never read (unused)" in results[0].stdout
    assert path.read_text() == "import os\n\nprint(os.sep)\n"
