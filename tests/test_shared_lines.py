"""Statements that share lines (``a; b``): a line a rewrite adds goes after every statement that runs on after
the rewritten one on its lines, never into the middle of one, and only when none of them reads or binds a name
the added line binds. An import block with a shared line is not one the sorter placement models."""
from __future__ import annotations

import ast

import pytest

from conftest import rules_of
from flake8_unified_logging.engine.finder import find
from flake8_unified_logging.fixer import fix_text
from flake8_unified_logging.rules import DEFAULT_RULES
from flake8_unified_logging.source.origin import Origin

RULES = rules_of(
    "old:a = new1:a",
    "old:b = new2:b",
    "loguru:logger = utils.logging:get_logger(__name__)",
    "utils.logger_utils = utils.logging",
)
APP = Origin(("app",))


def fixed(source: str, rules=RULES, origin: Origin = APP) -> str:
    return fix_text(source, rules, origin).text


@pytest.mark.parametrize(
    "source",
    (
        pytest.param("from old import a, b; print(b)\n", id="split, the follower reads the name"),
        pytest.param("from old import a, b; y = (\n    b)\n", id="split, a follower over two lines reads it"),
        pytest.param("from old import a, b; b = 1\n", id="split, the follower binds the name"),
        pytest.param("import os; from loguru import logger; logger.info(1)\n", id="factory, the follower reads it"),
        pytest.param("from loguru import logger; x = 1; y = [\n    logger]\n", id="factory, a chain of followers"),
    ),
)
def test_noop(source):
    assert fixed(source) == source
    (finding,) = find(source, RULES, origin=APP)
    assert finding.code == "ULG004"
    assert "after it on its line (after ';')" in finding.message


@pytest.mark.parametrize(
    ("source", "expected"),
    (
        pytest.param(
            "from old import a, b; y = (\n    1)\nimport os\n",
            "from new1 import a; y = (\n    1)\nfrom new2 import b\nimport os\n",
            id="split, the added import after a follower over two lines",
        ),
        pytest.param(
            "from loguru import logger; x = (\n    1)\nlogger.info(2)\n",
            "from utils.logging import get_logger; x = (\n    1)\n\nlogger = get_logger(__name__)\nlogger.info(2)\n",
            id="factory, the assignment after a follower over two lines",
        ),
        pytest.param(
            "import os; from loguru import logger\nlogger.info(1)\n",
            "import os; from utils.logging import get_logger\n\nlogger = get_logger(__name__)\nlogger.info(1)\n",
            id="factory, last on its line",
        ),
        pytest.param(
            "def f():\n    from old import a, b; y = (\n        1)\n    return a, b\n",
            "def f():\n    from new1 import a; y = (\n        1)\n    from new2 import b\n    return a, b\n",
            id="in a function body",
        ),
        pytest.param(
            "from utils.logger_utils import a\nfrom utils.logger_utils import a; from .m import (\n    a,\n)\n",
            "from utils.logging import a\nfrom utils.logging import a; from .m import (\n    a,\n)\n",
            id="a block with a shared line: respelled in place, not moved into the shared line",
        ),
    ),
)
def test_fix(source, expected):
    assert fixed(source) == expected
    ast.parse(expected)
    assert fixed(expected) == expected


def test_sorter_block_with_a_follower_over_lines():
    source = (
        "from utils.logger_utils import a\n"
        "from utils.logger_utils import a; from .utils.logger_utils import (\n    a,\n)\n"
    )
    result = fix_text(source, DEFAULT_RULES, Origin(("app", "api")))
    ast.parse(result.text)
    assert result.text.count("\n") == source.count("\n")


def test_a_line_that_goes_on_after_a_backslash_takes_no_added_line():
    source = 'from loguru import logger \\\n; y = 1\nlogger.info("x")\n'
    assert fixed(source) == source
    (finding,) = find(source, RULES, origin=APP)
    assert finding.code == "ULG004" and "its line goes on after a backslash" in finding.message
