"""The uses of a name any rule moves are checked on what it is bound to after the rewrite: a module rule's
``from old import name``, a name rule's target (an object, a class, a function), a module rule that moves an
object. A moved function is followed to what it returns, through the names the file binds results to (module
globals, locals, ``self.x``); the legacy binding is the reference."""
import json
import subprocess
import sys

import pytest

from flake8_unified_logging.cli import main

LEGACY = (
    "class LoguruLike:\n"
    "    def info(self, message, *args, **kwargs):\n        pass\n\n"
    "    def warning(self, message, *args, **kwargs):\n        pass\n\n"
    "    def exception(self, message, *args, **kwargs):\n        pass\n\n"
    "    def warn(self, message, *args, **kwargs):\n        pass\n\n\n"
    "def get_service_logger(name):\n    return LoguruLike()\n"
)
NEW = (
    "class UnifiedLogger:\n"
    "    def info(self, message, **context):\n        pass\n\n"
    "    def warning(self, message, **context):\n        pass\n\n\n"
    "def get_service_logger(name):\n    return UnifiedLogger()\n"
)
OLD_IMPORT = "from utils.logger_utils import get_service_logger\n"
NEW_IMPORT = "from utils.logging import get_service_logger\n"


@pytest.fixture
def tree(tmp_path, monkeypatch):
    files = {
        "utils/__init__.py": "",
        "utils/logger_utils.py": LEGACY,
        "utils/logging/__init__.py": "from .core import get_service_logger\n",
        "utils/logging/core.py": NEW,
        "app/__init__.py": "",
        "pyproject.toml": "[tool.unified-logging]\nrules = ['utils.logger_utils = utils.logging']\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def fix(tree, source, *rules):
    path = tree / "app" / "views.py"
    path.write_text(source)
    code = main(["fix", *(f"--rule={rule}" for rule in rules), str(path)])
    return code, path.read_text()


GLOBAL = OLD_IMPORT + "\nlogger = get_service_logger('a')\n\n\ndef handle(user):\n"
SELF = OLD_IMPORT + "\n\nclass Service:\n    def __init__(self):\n        self.log = get_service_logger('a')\n\n" \
    "    def run(self, user):\n"
LOCAL = OLD_IMPORT + "\n\ndef handle(user):\n    log = get_service_logger('a')\n"
CLASS_BODY = OLD_IMPORT + "\n\nclass Service:\n    log = get_service_logger('a')\n\n    def run(self, user):\n"

BLOCKED = (
    ("a module global", GLOBAL + "    logger.exception('failed')\n", "has no 'exception' (line 7)"),
    ("a module global, a call it cannot take", GLOBAL + "    logger.info('%s %s', user, 1)\n",
     "cannot take this call: info() takes 1 positional argument but 3 given (line 7)"),
    ("self.x", SELF + "        self.log.exception('failed')\n", "has no 'exception' (line 9)"),
    ("self.x, a call it cannot take", SELF + "        self.log.warning('%s', user)\n",
     "warning() takes 1 positional argument but 2 given (line 9)"),
    ("a local", LOCAL + "    log.warn('old spelling')\n", "has no 'warn' (line 6)"),
    ("the call's result itself", OLD_IMPORT + "get_service_logger('a').exception('x')\n",
     "has no 'exception' (line 2)"),
    ("a class attribute read through self", CLASS_BODY + "        self.log.exception('failed')\n",
     "has no 'exception' (line 8)"),
    ("an alias", OLD_IMPORT.replace("logger\n", "logger as gsl\n") + "log = gsl('a')\nlog.exception('x')\n",
     "has no 'exception' (line 3)"),
)
FIXED = (
    ("a module global", GLOBAL + "    logger.info('x')\n    logger.warning('y', user=user)\n"),
    ("self.x", SELF + "        self.log.info('x')\n"),
    ("a local", LOCAL + "    log.warning('x')\n"),
    ("the call's result itself", OLD_IMPORT + "get_service_logger('a').info('x')\n"),
    ("rebound at module level below", GLOBAL.replace("\n\ndef", "\nimport logging\nlogger = logging.getLogger()\n\n"
                                                     "\ndef") + "    logger.exception('failed', user)\n"),
    ("rebound in the function before the use", LOCAL + "    log = other()\n    log.exception('x')\n"),
    ("another instance's attribute", SELF + "        other.log.exception('failed')\n"),
    ("a member the legacy object lacks too", GLOBAL + "    logger.success('done')\n"),
    ("passed along", GLOBAL + "    configure(logger)\n    return logger\n"),
)


@pytest.mark.parametrize(("case", "source", "reason"), BLOCKED, ids=[case for case, _, _ in BLOCKED])
def test_module_rule_blocked(tree, capsys, case, source, reason):
    assert fix(tree, source) == (0, source)  # ULG005 alone: reported, fails only with --strict
    out = capsys.readouterr().out
    expected = "ULG005 utils.logging:get_service_logger returns UnifiedLogger (utils/logging/core.py:1), which "
    assert expected in out and reason in out, out


@pytest.mark.parametrize(("case", "source"), FIXED, ids=[case for case, _ in FIXED])
def test_module_rule_fixed(tree, capsys, case, source):
    assert fix(tree, source) == (1, source.replace(OLD_IMPORT, NEW_IMPORT))
    assert "ULG005" not in capsys.readouterr().out


@pytest.mark.parametrize(("case", "source"), FIXED[:3], ids=[case for case, _ in FIXED[:3]])
def test_noop_once_fixed(tree, case, source):
    source = source.replace(OLD_IMPORT, NEW_IMPORT)
    assert fix(tree, source) == (0, source)


def test_unknown_return_goes_ahead(tree):
    (tree / "utils" / "logging" / "core.py").write_text("def get_service_logger(name):\n    return make(name)\n")
    source = GLOBAL + "    logger.exception('failed')\n"
    assert fix(tree, source) == (1, source.replace(OLD_IMPORT, NEW_IMPORT))


def test_the_report_lists_what_the_target_lacks(tree, capsys):
    (tree / "app" / "views.py").write_text(GLOBAL + "    logger.exception('failed')\n    logger.info('a', 1)\n")
    main(["report", "--format", "json", "."])
    rows = json.loads(capsys.readouterr().out)["targets_lack"]
    target = "UnifiedLogger (utils/logging/core.py)"
    assert [(row["target"], row["missing"], row["kind"], row["files"]) for row in rows] == [
        (target, "exception", "member", 1), (target, "info", "signature", 1)]


NAME_RULE = "utils.logger_utils:get_service_logger = utils.logging:get_service_logger"


def test_name_rule_to_a_function(tree, capsys):
    source = GLOBAL + "    logger.exception('failed')\n"
    assert fix(tree, source, NAME_RULE) == (0, source)
    assert "returns UnifiedLogger (utils/logging/core.py:1), which has no 'exception'" in capsys.readouterr().out
    source = GLOBAL + "    logger.info('x')\n"
    assert fix(tree, source, NAME_RULE) == (1, source.replace(OLD_IMPORT, NEW_IMPORT))


CLASS_RULE = "pydantic:Extra = json:JSONDecoder"


@pytest.mark.parametrize(
    ("source", "fixed"),
    (
        ("from pydantic import Extra\n\nmode = Extra.allow\n", None),
        ("from pydantic import Extra\n\nExtra.decode\n", "from json import JSONDecoder\n\nJSONDecoder.decode\n"),
        ("from pydantic import Extra\n\nExtra().decode('1')\n",
         "from json import JSONDecoder\n\nJSONDecoder().decode('1')\n"),
        ("from pydantic import Extra\n\nExtra().allow\n", None),
    ),
)
def test_name_rule_to_a_class(tree, capsys, source, fixed):
    code, text = fix(tree, source, CLASS_RULE)
    out = capsys.readouterr().out
    if fixed is None:
        assert (code, text) == (0, source)
        assert "ULG005 json:JSONDecoder" in out and "has no 'allow' (line 3)" in out, out
    else:
        assert (code, text) == (1, fixed)


def test_name_rule_to_an_enum_reads_its_members(tree):
    (tree / "app" / "kinds.py").write_text("import enum\n\n\nclass Mode(enum.Enum):\n    ALLOW = 1\n")
    source = "from pydantic import Extra\n\nExtra.ALLOW\n"
    assert fix(tree, source, "pydantic:Extra = app.kinds:Mode") == (1, "from app.kinds import Mode\n\nMode.ALLOW\n")


def test_name_rule_to_a_project_class_lacking_a_member(tree, capsys):
    (tree / "app" / "kinds.py").write_text("class Mode:\n    ALLOW = 1\n\n    class Nested:\n        pass\n")
    source = "from pydantic import Extra\n\nExtra.ALLOW\nExtra.Nested\nExtra.FORBID\n"
    assert fix(tree, source, "pydantic:Extra = app.kinds:Mode") == (0, source)
    out = capsys.readouterr().out
    assert "app.kinds:Mode is the class Mode (app/kinds.py:1), which has no 'FORBID' (line 5)" in out


@pytest.mark.parametrize(
    ("body", "fixed"),
    (("logger.add(sink)\n", False), ("logger.info('x')\n", True)),
)
def test_module_rule_moving_an_object(tree, capsys, body, fixed):
    (tree / "app" / "log.py").write_text("import logging\n\nlogger = logging.getLogger('app')\n")
    source = "from loguru import logger\n\n" + body
    code, text = fix(tree, source, "loguru = app.log")
    if fixed:
        assert (code, text) == (1, source.replace("from loguru", "from app.log"))
    else:
        assert (code, text) == (0, source)
        assert "ULG005 app.log:logger is an instance of Logger" in capsys.readouterr().out


MODULE_IMPORTS = (
    ("import utils.logger_utils\n", "utils.logger_utils", "import utils.logging\n", "utils.logging"),
    ("import utils.logger_utils as lu\n", "lu", "import utils.logging as lu\n", "lu"),
    ("from utils import logger_utils\n", "logger_utils", "from utils import logging as logger_utils\n",
     "logger_utils"),
)


@pytest.mark.parametrize(("statement", "module", "new_statement", "new_module"), MODULE_IMPORTS)
def test_module_imports_follow_their_members(tree, capsys, statement, module, new_statement, new_module):
    blocked = f"{statement}\n\ndef handle():\n    log = {module}.get_service_logger('a')\n    log.warn('x')\n"
    assert fix(tree, blocked) == (0, blocked)
    assert "returns UnifiedLogger (utils/logging/core.py:1), which has no 'warn' (line 6)" in capsys.readouterr().out
    direct = f"{statement}\n{module}.get_service_logger('a').exception('x')\n"
    assert fix(tree, direct) == (0, direct)
    assert "has no 'exception' (line 3)" in capsys.readouterr().out
    fine = f"{statement}\n{module}.get_service_logger('a').info('x')\n"
    assert fix(tree, fine) == (1, f"{new_statement}\n{new_module}.get_service_logger('a').info('x')\n")


def test_a_from_imported_module_must_bind_what_is_read(tree, capsys):
    source = "from utils import logger_utils\n\nlogger_utils.LoguruLike\n"
    assert fix(tree, source) == (0, source)
    assert "ULG005 utils.logging does not define LoguruLike (line 3)" in capsys.readouterr().out


FACTORY = "app.old:logger = utils.logging:get_service_logger(__name__)"


@pytest.mark.parametrize(
    ("body", "fixed"),
    (("logger.exception('x')\n", False), ("logger.success('x')\n", True), ("logger.info('x')\n", True)),
)
def test_factory_objects_take_the_legacy_object_as_reference(tree, capsys, body, fixed):
    (tree / "app" / "old.py").write_text("from utils.logger_utils import LoguruLike\n\nlogger = LoguruLike()\n")
    source = "from app.old import logger\n\n" + body
    code, text = fix(tree, source, FACTORY)
    if fixed:  # 'success' is missing on the legacy object too: not the rewrite's doing
        assert code == 1 and text.startswith("from utils.logging import get_service_logger\n")
    else:
        assert (code, text) == (0, source)
        assert "ULG005 utils.logging:get_service_logger(...) returns UnifiedLogger" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("call", "blocked"),
    (("get_service_logger('a', 'b')", True), ("get_service_logger('a')", False), ("get_service_logger()", False)),
)
def test_calls_of_a_moved_function_bind_to_its_new_definition(tree, capsys, call, blocked):
    legacy = tree / "utils" / "logger_utils.py"
    legacy.write_text(legacy.read_text().replace("(name):", "(name, format_string=None):"))
    source = f"{OLD_IMPORT}\nlogger = {call}\n"  # no argument: the legacy function does not take it either
    if blocked:
        assert fix(tree, source) == (0, source)
        assert ("ULG005 utils.logging:get_service_logger() takes 1 positional argument but 2 given (line 3)"
                in capsys.readouterr().out)
    else:
        assert fix(tree, source) == (1, source.replace(OLD_IMPORT, NEW_IMPORT))


def test_another_module_of_the_same_package_is_not_the_moved_one(tree):
    (tree / "utils" / "helpers.py").write_text("only_here = 1\n")
    source = "import utils.logger_utils\nimport utils.helpers\n\nutils.helpers.only_here\n"
    assert fix(tree, source) == (1, source.replace("utils.logger_utils", "utils.logging"))


def test_flake8_reports_what_the_moved_function_returns_lacks(tree):
    (tree / "app" / "views.py").write_text(GLOBAL + "    logger.exception('failed')\n")
    result = subprocess.run([sys.executable, "-m", "flake8", "--select", "ULG,ULG005", "app/views.py"],
                            cwd=tree, capture_output=True, text=True)
    expected = "app/views.py:1:1: ULG005 utils.logging:get_service_logger returns UnifiedLogger"
    assert result.stdout.startswith(expected), result
    assert "which has no 'exception' (line 7)" in result.stdout
