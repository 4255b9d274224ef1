"""What the language server checks and offers for a buffer, on text alone: the span of each finding, no finding and
no fix where there is nothing to do, the fix-all equal to what ``fix`` writes, and no buffer that makes it fail."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import fixed, rules_of
from flake8_unified_logging.commands.buffer_check import BOM, check_buffer
from flake8_unified_logging.commands.buffer_fixes import BufferFixes
from flake8_unified_logging.config import Settings
from flake8_unified_logging.source.edits import apply_edits
from flake8_unified_logging.rules import DEFAULT_RULES

BUILT_IN = Settings(DEFAULT_RULES, target_check=False)
RENAMING = Settings(
    rules_of("utils.logger_utils = utils.logging", "utils.logger_utils:get_service_logger = utils.logging:get_logger"),
    target_check=False,
)


def fixed_buffer(text: str, settings: Settings = BUILT_IN) -> str:
    fix = BufferFixes(check_buffer(text, "", settings)).fix_all()
    return text if fix is None else apply_edits(text, fix.edits)


@pytest.mark.parametrize(
    "text",
    (
        "import logging\n",
        "from utils.logging import get_logger\n",
        "import utils.logger_utils2\n",
        "import logging_config  # noqa: ULG001\n",
        "# flake8: noqa\nimport logging_config\n",
        "x = 'logging_config.py'\n",
        "",
    ),
)
def test_a_buffer_with_nothing_to_do_has_no_finding_and_no_fix(text):
    checked = check_buffer(text, "", BUILT_IN)
    assert checked.spots == () and checked.skipped == ""
    assert BufferFixes(checked).fix_all() is None


@pytest.mark.parametrize(
    ("text", "expected"),
    (
        ("import logging_config\n", "import utils.logging as logging_config\n"),
        ("import os\r\nfrom utils.logger_utils import x  # a\r\n", "import os\r\nfrom utils.logging import x  # a\r\n"),
        (BOM + "import utils.logger_utils\nutils.logger_utils.f()\n",
         BOM + "import utils.logging\nutils.logging.f()\n"),
        ("s = '\U0001f600'; import utils.logger_utils as u\n", "s = '\U0001f600'; import utils.logging as u\n"),
        ("import utils.logger_utils", "import utils.logging"),
    ),
)
def test_the_fix_all_is_what_fix_writes(text, expected):
    assert fixed_buffer(text) == expected
    body = text[1:] if text.startswith(BOM) else text
    assert fixed(body) == expected[len(text) - len(body):]


@pytest.mark.parametrize(
    ("text", "spans"),
    (
        (
            "import os\nfrom utils.logger_utils import (\n    a,\n)\n",
            [("ULG001", "from utils.logger_utils import (\n    a,\n)")],
        ),
        ("import a; import logging_config\n", [("ULG001", "import logging_config")]),
        (
            "import utils.logger_utils\n\ndef f():\n    return utils.logger_utils.get_service_logger(1)\n",
            [("ULG001", "import utils.logger_utils"), ("ULG002", "utils.logger_utils.get_service_logger")],
        ),
        ("import mock\nmock.patch('utils.logger_utils.x')\n", [("ULG003", "'utils.logger_utils.x'")]),
        ("import mock\nmock.patch(r'''logging_config.y''')\n", [("ULG003", "r'''logging_config.y'''")]),
        (
            "if True:\n    try:\n        import logging_config\n    except ImportError:\n        pass\n",
            [("ULG001", "import logging_config")],
        ),
    ),
)
def test_each_finding_covers_its_statement_use_or_string(text, spans):
    checked = check_buffer(text, "", RENAMING if "get_service_logger" in text else BUILT_IN)
    assert [(s.finding.code, text[s.start : s.end]) for s in checked.spots] == spans


@pytest.mark.parametrize(
    "text",
    (
        "from utils.logger_utils import (get_service_logger,\n",
        "import logging_config\ndef f(:\n",
        "import logging_config\n\x00\n",
        "import logging_config\n" + "(" * 500 + ")" * 500 + "\n",
    ),
)
def test_a_buffer_that_does_not_parse_has_no_finding_and_says_why(text):
    checked = check_buffer(text, "", BUILT_IN)
    assert checked.spots == () and checked.skipped.startswith("cannot parse")
    assert BufferFixes(checked).fix_all() is None


LEGACY = "import utils.logger_utils\nfrom logging_config import setup\n\nutils.logger_utils.f(setup)\n"


@given(st.integers(0, len(LEGACY)), st.text(max_size=8))
def test_a_half_typed_buffer_never_fails(cut, typed):
    text = LEGACY[:cut] + typed + LEGACY[cut:]
    checked = check_buffer(text, "", BUILT_IN)
    assert all(0 <= s.start <= s.end <= len(text) for s in checked.spots)
    fixes = BufferFixes(checked)
    for spot in checked.spots:
        fixes.quick_fix(spot)
    fix = fixes.fix_all()
    if fix is not None:
        assert fixed_buffer(text) == fixed(text)
