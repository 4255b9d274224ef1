"""ULG004 "a new E402" only when placing the factory's assignment where it must go really gives pycodestyle a new
E402; otherwise the statement is rewritten, and pycodestyle agrees that no E402 was added."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import rules_of
from flake8_unified_logging.engine.finder import find
from flake8_unified_logging.fixer import fix_text
from flake8_unified_logging.source.origin import Origin

RULES = rules_of("loguru:logger = utils.logging:get_logger(__name__)")
ORIGIN = Origin(("app",), ("app", "jobs"), "jobs")
ASSIGNMENT = "logger = get_logger(__name__)\n"
CLAIM = "its assignment would stand above an import (a new E402)"


def e402_lines(tmp_path, text: str) -> list[int]:
    path = tmp_path / "probe.py"
    path.write_text(text)
    result = subprocess.run([sys.executable, "-m", "pycodestyle", "--select", "E402", str(path)],
                            capture_output=True, text=True)
    return [int(line.split(":")[1]) for line in result.stdout.splitlines()]


def placed_after_first_line(source: str) -> str:
    """The rewrite the claim is about: the factory imported, its assignment right after the import statement (and
    the blank line the import sorter keeps after an import)."""
    first, rest = source.split("\n", 1)
    return "from utils.logging import get_logger\n\n" + ASSIGNMENT + rest


LATE_IMPORT = (
    "from loguru import logger\ntry:\n    import ujson as json\nexcept ImportError:\n    logger.warning('no ujson')\n"
    "    import json\n\n\ndef run():\n    logger.info('x')\n\n\nimport late  # noqa: E402\n"
)
INDENTED_ONLY = "from loguru import logger\nif DEBUG:\n    logger.info('debug')\n    import pdb\n"
WITH_BLOCK = (
    "from loguru import logger\nwith suppress(ImportError):\n    logger.debug('trying')\n    import ujson\n"
    "print('start')\nimport os  # noqa: E402\n"
)


@pytest.mark.parametrize("source", (LATE_IMPORT, INDENTED_ONLY, WITH_BLOCK),
                         ids=("imports below are already below code", "imports below are indented", "with block"))
def test_no_claim_where_pycodestyle_finds_no_new_e402(tmp_path, source):
    assert [f.code for f in find(source, RULES, origin=ORIGIN)] == ["ULG001"]
    result = fix_text(source, RULES, ORIGIN).text
    assert result == placed_after_first_line(source)
    assert len(e402_lines(tmp_path, result)) == len(e402_lines(tmp_path, source))


@pytest.mark.parametrize("source", (
    "from loguru import logger\ntry:\n    import x\nexcept ImportError:\n    logger.warning('no x')\nimport os\n",
    '"""Doc."""\nfrom loguru import logger\nif x:\n    logger.info(1)\nfrom os import path\n',
    "from loguru import logger\ntry:\n    import x\nexcept ImportError:\n    logger.warning('no x')\n"
    "__all__ = ['run']\nimport os\n\n\ndef run():\n    pass\n\n\nimport late  # noqa: E402\n",
), ids=("an import right below", "after a docstring", "a dunder assignment between"))
def test_the_claim_is_true_where_made(tmp_path, source):
    (finding,) = find(source, RULES, origin=ORIGIN)
    assert (finding.code, CLAIM in finding.message) == ("ULG004", True)
    assert fix_text(source, RULES, ORIGIN).text == source
    assert len(e402_lines(tmp_path, placed_after_first_line(source))) > len(e402_lines(tmp_path, source))
