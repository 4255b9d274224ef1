"""ULG003: a legacy module named in a string is reported, never rewritten."""
import pytest

from conftest import fixed
from flake8_unified_logging.engine.finder import find
from flake8_unified_logging.rules import DEFAULT_RULES


@pytest.mark.parametrize(
    ("source", "message"),
    (
        (
            "importlib.import_module('utils.logger_utils')\n",
            "string names legacy module utils.logger_utils; use: 'utils.logging'",
        ),
        (
            'mock.patch("utils.logger_utils.get_service_logger")\n',
            "string names legacy module utils.logger_utils; use: 'utils.logging.get_service_logger'",
        ),
        (
            "x = 'logging_config.setup'\n",
            "string names legacy module logging_config; use: 'utils.logging.setup'",
        ),
        (
            "x = 'logging_config.py.helper'\n",
            "string names legacy module logging_config; use: 'utils.logging.py.helper'",
        ),
    ),
)
def test_reported(source, message):
    (finding,) = find(source, DEFAULT_RULES)
    assert (finding.code, finding.message, finding.edits) == ("ULG003", message, ())
    assert fixed(source) == source


@pytest.mark.parametrize(
    "source",
    (
        "x = 'logging_config'\n",
        "x = 'see utils.logger_utils for details'\n",
        "x = 'utils.logger_utils_v2'\n",
        '"""utils.logger_utils docs."""\n',
        "SKIP = ['logging_config.py', 'logging_config.pyi', 'logging_config.json', 'utils.logger_utils.txt']\n",
        "x = 'logging_config/handlers'\n",
        "x = 'tests/logging_config.py'\n",
    ),
)
def test_not_reported(source):
    assert find(source, DEFAULT_RULES) == []
