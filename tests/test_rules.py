"""Rules: parsing, validation and segment-aligned longest-first matching."""
import pytest

from conftest import rules_of
from flake8_unified_logging.rules import DEFAULT_RULES, RuleError


@pytest.mark.parametrize(
    ("dotted", "expected"),
    (
        ("utils.logger_utils", "utils.logging"),
        ("utils.logger_utils.handlers", "utils.logging.handlers"),
        ("logging_config", "utils.logging"),
        ("utils.logger_utils2", None),
        ("myutils.logger_utils", None),
        ("utils", None),
    ),
)
def test_default_rules(dotted, expected):
    assert DEFAULT_RULES.rename(dotted) == expected


def test_longest_rule_wins():
    rules = rules_of("a.b = x", "a.b.c = y")
    assert (rules.rename("a.b.d"), rules.rename("a.b.c.d")) == ("x.d", "y.d")


@pytest.mark.parametrize(
    ("lines", "message", "line"),
    (
        (["a.b"], "rule 'a.b' has no '=' (expected OLD = NEW)", 1),
        (["x = y", "= b"], "rule '= b' has an empty old module", 2),
        (["a ="], "rule 'a =' has an empty new module", 1),
        (["a-b = c"], "rule 'a-b = c': 'a-b' is not a dotted module name", 1),
        (["a = c..d"], "rule 'a = c..d': 'c..d' is not a dotted module name", 1),
        (["a = class.b"], "rule 'a = class.b': 'class.b' is not a dotted module name", 1),
        (["a = a"], "rule 'a = a' maps a module to itself", 1),
        (["a = b", "b = a"], "rule a = b: it loops through rule b = a", 1),
        (["a = a.b"], "rule a = a.b: it loops through rule a = a.b", 1),
        (["a = b", "a = c"], "conflicting rules for a: a = b and a = c", 2),
    ),
)
def test_malformed(lines, message, line):
    with pytest.raises(RuleError) as error:
        rules_of(*lines)
    assert (error.value.message, error.value.line) == (message, line)
    assert str(error.value) == f"test:{line}: {message}"


def test_comments_blank_lines_and_duplicates():
    rules = rules_of("", "# header", "a = b  # why", "a = b")
    assert [str(r) for r in rules.rules] == ["a = b"]


@pytest.mark.parametrize(
    "source",
    (
        b"import utils.logger_utils",
        b"import utils . logger_utils",
        b"import utils\\\n.logger_utils",
        b"from utils import logger_utils",
        b"from utils \\\n  import (\n  # c\n  logger_utils)",
        b"from ...utils.logger_utils import x",
        b"from . import logger_utils",
        b"x = 1;from .. import logger_utils",
        b"y = (utils\n  .logger_utils.z)",
        b"import logging_config",
        b"'utils.logger_utils.x'",
    ),
)
def test_cheap_byte_test_keeps_every_spelling(source):
    assert DEFAULT_RULES.may_occur_in(source, "/repo/utils/m.py")


@pytest.mark.parametrize(
    "source",
    (b"import myutils.logger_utils", b"from utils.logger_utils_v2 import a", b"import logging", b"logging_configs = 1"),
)
def test_cheap_byte_test_skips_look_alikes(source):
    assert not DEFAULT_RULES.may_occur_in(source, "/repo/app/m.py")
