"""The verifier catches each kind of damage it claims to (checked on hand-made damage)."""
import ast

import pytest

from flake8_unified_logging.verify import leftovers
from flake8_unified_logging import verify

RULES = ("utils.logger_utils=utils.logging", "logging_config=utils.logging")
ORIGINAL = (
    "import os\n"
    "import utils.logger_utils\n"
    "from logging_config import setup  # keep\n"
    "\n"
    "def f(x):\n"
    "    return utils.logger_utils.get(x) + os.sep\n"
)
GOOD = (
    "import os\n"
    "import utils.logging\n"
    "from utils.logging import setup  # keep\n"
    "\n"
    "def f(x):\n"
    "    return utils.logging.get(x) + os.sep\n"
)


def report(write, before: bytes, after: bytes):
    return verify.check_file(write("orig/m.py", before), write("copy/m.py", after), RULES)


def test_a_correct_rewrite_passes(write):
    result = report(write, ORIGINAL.encode(), GOOD.encode())
    assert (result.changed, result.failures) == (True, ())
    assert result.forms["import legacy"] == 1 and result.forms["from legacy import"] == 1


@pytest.mark.parametrize(
    ("after", "check"),
    (
        pytest.param(GOOD.replace("import utils.logging\n", "import utils.logging as u\n"), 2, id="binding changed"),
        pytest.param(GOOD.replace("utils.logging import setup", "utils.logs import setup"), 2, id="wrong target"),
        pytest.param(GOOD.replace("+ os.sep", "- os.sep"), 3, id="other code changed"),
        pytest.param(GOOD.replace("utils.logging.get", "utils.logs.get"), 3, id="use renamed wrongly"),
        pytest.param(GOOD.replace("def f(x):", "def f(x) :"), 4, id="collateral edit"),
        pytest.param(GOOD.replace("\n", "\r\n"), 6, id="newlines changed"),
        pytest.param(GOOD[:-1], 6, id="final newline lost"),
        pytest.param(GOOD.replace("return", "return ("), 1, id="does not parse"),
    ),
)
def test_damage_is_caught(write, after, check):
    result = report(write, ORIGINAL.encode(), after.encode())
    assert verify.CHECKS[check] in [name for name, _ in result.failures]


def test_unparsable_original_must_stay_identical(write):
    result = report(write, b"import utils.logger_utils\nx = (\n", b"import utils.logging\nx = (\n")
    assert [name for name, _ in result.failures] == [verify.CHECKS[0]]


def test_renamer_matches_whole_segments_longest_first():
    renamer = verify.Renamer(["a.b=x", "a.b.c=y"])
    assert [renamer.rename(d) for d in ("a.b", "a.b.c.d", "a.bc", "a")] == ["x", "y.d", None, None]


def test_full_run_over_a_small_tree(write, capsys):
    write("tree/pkg/__init__.py", "")
    write("tree/pkg/a.py", ORIGINAL)
    write("tree/pkg/b.py", "x = (\n")
    root = write("tree/pkg/c.py", "from . import logger_utils\n").rsplit("/pkg/", 1)[0]
    assert verify.main(["--rule", RULES[0], "--rule", RULES[1], "--jobs", "1", root]) == 0
    out = capsys.readouterr().out
    assert "files: 4, changed: 1 (the fixer reported 1 rewritten)" in out
    assert "failures: 0" in out


DECORATED = "import zz.mock\n\n@zz.mock.patch('x')\ndef f():\n    pass\n"


@pytest.mark.parametrize(
    ("after", "reported", "left"),
    (
        pytest.param(DECORATED.replace("import zz.mock", "import zz.mock2"), (), True, id="decorator use left"),
        pytest.param(DECORATED.replace("import zz.mock", "import zz.mock2"), (3,), False, id="left but reported"),
        pytest.param(DECORATED.replace("zz.mock", "zz.mock2"), (), False, id="all renamed"),
        pytest.param(DECORATED, (), True, id="import left"),
        pytest.param(DECORATED, (1,), False, id="import left and reported"),
        pytest.param(DECORATED.replace("import zz.mock", "import zz.mock  # noqa"), (), False, id="noqa"),
    ),
)
def test_left_behind_is_caught(write, after, reported, left):
    result = verify.check_file(
        write("orig/m.py", DECORATED), write("copy/m.py", after), ("zz.mock=zz.mock2",), frozenset(reported)
    )
    assert (verify.CHECKS[7] in [name for name, _ in result.failures]) == left


@pytest.mark.parametrize(
    ("source", "left"),
    (
        ("import zz\nzz.mock.x\n", ["zz.mock.x"]),
        ("import zz.other\ndef f():\n    return zz.mock.x\n", ["zz.mock.x"]),
        ("import zz\ndef f(zz):\n    return zz.mock.x\n", []),
        ("import zz\ndef f():\n    zz = 1\n    return zz.mock.x\n", []),
        ("import zz as zz\nzz.mock.x\n", []),
        ("zz.mock.x\n", []),
        ("import zz\nclass C:\n    zz = 1\n    y = zz.mock.x\n", []),
        ("import zz\nclass C:\n    zz = 1\n    def m(self):\n        return zz.mock.x\n", ["zz.mock.x"]),
        ("import zz\ndef f(a=zz.mock.x):\n    zz = 1\n", ["zz.mock.x"]),
        ("import zz\nys = [zz.mock.x for zz in range(3)]\n", []),
        ("import zz\nys = [z for z in zz.mock.x for zz in z]\n", ["zz.mock.x"]),
        ("import zz\ndef f():\n    global zz\n    zz = 2\n", []),
    ),
)
def test_independent_scope_walk(source, left):
    tree = ast.parse(source)
    assert [name for _, name, _ in leftovers.left_behind(tree, lambda dotted: dotted == "zz.mock")] == left


def test_rules_derived_from_positions(write):
    write("t/a.py", "import p.q\n@p.q.d\nclass C(p.q.Base, metaclass=p.q.M):\n    def f(self, a=p.q.x): pass\n")
    write("t/b.py", "import p.r\nx = p.r.y\n")
    write("t/c.py", "import s.t\n@s.t.d\ndef f(a: s.t.A = s.t.x) -> s.t.R: pass\ng = f'{s.t.v}'\n")
    root = write("t/d.py", "").rsplit("/", 1)[0]
    paths = list(verify.python_files(root))
    assert verify.derive_rules(paths, ("s=s2",), 8, 1) == ["p.q=p.q_moved"]
    assert verify.derive_rules(paths, (), 1, 1) == ["s.t=s.t_moved"]


NAME_RULES = ("loguru:logger=utils.logging:get_logger(__name__)", "a:old=a:new")
NAMED = "from loguru import logger\nfrom a import old\nimport os\n\nlogger.info(old(os.sep))\n"
NAMED_GOOD = (
    "from utils.logging import get_logger\nfrom a import new\nimport os\nlogger = get_logger(__name__)\n\n"
    "logger.info(new(os.sep))\n"
)


@pytest.mark.parametrize(
    ("after", "check"),
    (
        pytest.param(NAMED_GOOD, None, id="correct"),
        pytest.param(NAMED_GOOD.replace("logger = get_logger(__name__)\n", ""), 2, id="factory assignment missing"),
        pytest.param(NAMED_GOOD.replace("from a import new", "from a import new as old"), 2, id="aliased, not renamed"),
        pytest.param(NAMED_GOOD.replace("new(os.sep)", "old(os.sep)"), 3, id="use not renamed"),
        pytest.param(NAMED_GOOD.replace("import os\n", "import os\nx = 1\n"), 3, id="other code added"),
        pytest.param(NAMED_GOOD.replace("\n\nlogger.info", "\nprint()\nlogger.info"), 3, id="a line changed"),
    ),
)
def test_name_rule_damage_is_caught(write, after, check):
    result = verify.check_file(write("orig/m.py", NAMED), write("copy/m.py", after), NAME_RULES)
    failed = [name for name, _ in result.failures]
    assert failed == [] if check is None else verify.CHECKS[check] in failed


def test_a_name_import_left_and_reported_passes(write):
    source = "from a import old\nold = 1\nx = old\n"
    result = verify.check_file(write("orig/m.py", source), write("copy/m.py", source), NAME_RULES, frozenset({1}))
    assert result.failures == ()
    changed = source.replace("x = old", "x = old  # changed elsewhere")
    result = verify.check_file(write("orig/n.py", source), write("copy/n.py", changed), NAME_RULES, frozenset({1}))
    assert verify.CHECKS[2] not in [name for name, _ in result.failures]


def test_a_file_flake8_skips_whole_is_not_judged_by_check_8(write):
    source = "# flake8: noqa\nimport zz.mock\n"
    result = verify.check_file(write("orig/m.py", source), write("copy/m.py", source), ("zz.mock=zz.mock2",))
    assert result.failures == ()
