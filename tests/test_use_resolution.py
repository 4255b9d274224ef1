"""Every use of what moved resolves: members and calls on the object a factory returns (followed through the
project's functions and classes), attributes read through a plain import, calls of renamed names, import cycles."""
from __future__ import annotations

import re

import pytest

from flake8_unified_logging.cli import main

FACTORY = "loguru:logger = utils.logging:get_logger(__name__, migration_mode=True)"
CALL = "get_logger(__name__, migration_mode=True)"
BASE = '''\
class BaseLogger:
    def exception(self, message, *args, **kwargs):
        pass
'''
UNIFIED = '''\
from .base import BaseLogger


class UnifiedLogger(BaseLogger):
    level = 10

    def __init__(self, name, migration_mode=False):
        self.name = name
        self._context = {}

    def debug(self, message, **context):
        pass

    def info(self, message, **context):
        pass

    def warning(self, message, **context):
        pass

    def error(self, message, **context):
        pass

    @staticmethod
    def levels():
        return []
'''
FACTORY_MODULE = '''\
from .core.unified_logger import UnifiedLogger

_loggers = {}


def get_logger(name, migration_mode=False):
    if name not in _loggers:
        _loggers[name] = UnifiedLogger(name, migration_mode=migration_mode)
    return _loggers[name]
'''
PROVIDER = {
    "utils/__init__.py": "",
    "utils/logging/__init__.py": "from .factory import get_logger\nfrom .core.unified_logger import UnifiedLogger\n",
    "utils/logging/factory.py": FACTORY_MODULE,
    "utils/logging/core/__init__.py": "",
    "utils/logging/core/base.py": BASE,
    "utils/logging/core/unified_logger.py": UNIFIED,
    "api/__init__.py": "",
    "api/scheduler/__init__.py": "",
    "api/scheduler/utils.py": "def helper():\n    pass\n",
}
HEAD = "import os\nfrom loguru import logger\n\nfrom api.scheduler.utils import helper\n\n"
NEW_HEAD = (
    f"import os\n\nfrom api.scheduler.utils import helper\nfrom utils.logging import get_logger\n\nlogger = {CALL}\n\n"
)


@pytest.fixture
def project(tmp_path, monkeypatch, capsys):
    def run(body: str, files: dict[str, str] | None = None, rule: str = FACTORY, where: str = "api/scheduler/jobs.py"):
        tree = {**PROVIDER, **(files or {})}
        (tmp_path / ".git").mkdir(exist_ok=True)
        for name, text in {**tree, where: body}.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text)
        monkeypatch.chdir(tmp_path)
        capsys.readouterr()
        main(["fix", "--rule", rule, where])
        return (tmp_path / where).read_text(), capsys.readouterr().out

    return run


OUTSIDE_BASES = (
    pytest.param("import logging\n\n\nclass BaseLogger(logging.LoggerAdapter):\n    pass\n", id="module.Class"),
    pytest.param("from logging import LoggerAdapter\n\n\nclass BaseLogger(LoggerAdapter):\n    pass\n", id="imported"),
)


@pytest.mark.parametrize("base", OUTSIDE_BASES)
@pytest.mark.parametrize(
    ("body", "reason"),
    (
        ("logger.critical('x', 1)\nlogger.manager\n", None),
        ("logger.success('done')\n", "which has no 'success' (line 6)"),
    ),
)
def test_a_base_class_outside_the_project_is_read_from_its_source_or_stub(project, base, body, reason):
    text, out = project(HEAD + body, {"utils/logging/core/base.py": base})
    assert text == (HEAD + body if reason else NEW_HEAD + body)
    assert (reason in out) if reason else ("ULG005" not in out)


@pytest.mark.parametrize(
    "body",
    (
        pytest.param("logger.info('x')\nlogger.warning('y', user=1)\n", id="methods that bind"),
        pytest.param("logger.exception('x', 1, 2)\n", id="a member from a base class"),
        pytest.param("print(logger.name, logger.level, logger._context)\n", id="self and class attributes"),
        pytest.param("configure(logger)\nhandlers = [logger]\n", id="the object only passed along"),
        pytest.param(
            "def f(logger):\n    logger.success('x')\n\n\nf(logger)\n", id="a parameter of that name is another object"
        ),
        pytest.param("logger.levels()\n", id="a static method"),
        pytest.param("logger.__class__\n", id="dunder members are every object's"),
    ),
)
def test_uses_that_resolve_are_rewritten(project, body):
    text, out = project(HEAD + body)
    assert text == NEW_HEAD + body
    assert "ULG005" not in out


@pytest.mark.parametrize(
    ("body", "reason"),
    (
        ("logger.success('done')\n", "which has no 'success' (line 6)"),
        (
            "def setup():\n    logger.remove()\n    logger.add(sink)\n",
            "has no 'remove' (line 7), has no 'add' (line 8)",
        ),
        ("class Job:\n    def run(self):\n        logger.bind(job=1).info('x')\n", "has no 'bind' (line 8)"),
        ("logger.info('{} {}', a, b)\n", "cannot take this call: info() takes 1 positional argument but 3 given"),
        ("logger.error()\n", "error() is missing a required argument: 'message'"),
        ("logger.warn('x')\n", "has no 'warn'"),
    ),
)
def test_uses_that_would_raise_block_the_rewrite(project, body, reason):
    text, out = project(HEAD + body)
    assert text == HEAD + body
    assert "ULG005 utils.logging:get_logger(...) returns UnifiedLogger (utils/logging/core/unified_logger.py:4)" in out
    assert reason in out


@pytest.mark.parametrize(
    "files",
    (
        pytest.param(
            {"utils/logging/core/unified_logger.py": UNIFIED + "\n    def __getattr__(self, name):\n        pass\n"},
            id="__getattr__",
        ),
        pytest.param(
            {"utils/logging/factory.py": "from structlog import get_logger as _make\n\n\ndef get_logger(name, "
             "migration_mode=False):\n    return _make(name)\n"},
            id="a third-party call",
        ),
        pytest.param(
            {"utils/logging/factory.py": FACTORY_MODULE.replace(
                "return _loggers[name]", "return _loggers[name] if name else None")},
            id="a conditional expression",
        ),
        pytest.param(
            {"utils/logging/factory.py": "def get_logger(name, migration_mode=False, maker=None):\n"
             "    return maker(name)\n"},
            id="a parameter",
        ),
        pytest.param(
            {"utils/logging/factory.py": FACTORY_MODULE + "\n\nget_logger = instrumented(get_logger)\n"},
            id="rebound to a wrapper",
        ),
    ),
)
def test_returns_that_are_not_followed_do_not_block(project, files):
    body = "logger.success('done')\n"
    text, out = project(HEAD + body, files)
    assert text == NEW_HEAD + body
    assert "ULG005" not in out


@pytest.mark.parametrize(
    "factory",
    (
        pytest.param("from .core.unified_logger import UnifiedLogger as get_logger\n", id="the class itself"),
        pytest.param(
            "from .core.unified_logger import UnifiedLogger\n\n\ndef _make(name, **options):\n"
            "    logger = UnifiedLogger(name, **options)\n    return logger\n\n\n"
            "def get_logger(name, migration_mode=False):\n    return _make(name, migration_mode=migration_mode)\n",
            id="through a helper and a local name",
        ),
        pytest.param(
            "import functools\n\nfrom .core import unified_logger\n\n\n@functools.lru_cache(maxsize=None)\n"
            "def get_logger(name, migration_mode=False):\n    return unified_logger.UnifiedLogger(name)\n",
            id="a cached function and a module attribute",
        ),
        pytest.param(
            "from .core.unified_logger import UnifiedLogger\n\n\nclass Manager:\n"
            "    def make(self, name):\n        return UnifiedLogger(name)\n\n\n_manager = Manager()\n\n\n"
            "def get_logger(name, migration_mode=False):\n    return _manager.make(name)\n",
            id="a method of a module-level instance",
        ),
        pytest.param(
            "from .core.unified_logger import UnifiedLogger\n\n\nclass Factory(UnifiedLogger):\n"
            "    @classmethod\n    def create(cls, name):\n        return cls(name)\n\n\n"
            "def get_logger(name, migration_mode=False):\n    return Factory.create(name)\n",
            id="a classmethod of a subclass",
        ),
        pytest.param(
            "from .core.unified_logger import UnifiedLogger\n\n\nclass LoggerFactory:\n    _loggers = {}\n\n"
            "    @classmethod\n    def get_logger(cls, name, migration_mode=False):\n"
            "        if name not in cls._loggers:\n            cls._loggers[name] = UnifiedLogger(name)\n"
            "        return cls._loggers[name]\n\n\n"
            "def get_logger(name, migration_mode=False):\n    return LoggerFactory.get_logger(name)\n",
            id="a cache of the factory's class",
        ),
        pytest.param(
            "from .core.unified_logger import UnifiedLogger\n\n_loggers = {}\n\n\n"
            "def get_logger(name, migration_mode=False):\n    logger = _loggers.get(name)\n    if logger is None:\n"
            "        logger = UnifiedLogger(name)\n        _loggers[name] = logger\n    return logger\n",
            id="a cache read with get, filled through a local name",
        ),
        pytest.param(
            "from .core.unified_logger import UnifiedLogger\n\n_loggers = {}\n\n\n"
            "def get_logger(name, migration_mode=False):\n    return _loggers.setdefault(name, UnifiedLogger(name))\n",
            id="a cache filled by setdefault",
        ),
    ),
)
def test_the_factory_is_followed(project, factory):
    body = "logger.success('done')\n"
    text, out = project(HEAD + body, {"utils/logging/factory.py": factory})
    assert text == HEAD + body
    assert re.search(r"returns \w+ \([\w/.]+:\d+\)(, which| or .*; \w+) has no 'success' \(line 6\)", out)


TWO_PATHS = (
    "from .core.unified_logger import UnifiedLogger\nfrom .adapter import LegacyAdapter\n\n\n"
    "def get_logger(name, migration_mode=False):\n    if migration_mode:\n        return LegacyAdapter(name)\n"
    "    return UnifiedLogger(name)\n"
)
ADAPTER = "class LegacyAdapter:\n    def __init__(self, name):\n        self.name = name\n\n" \
          "    def success(self, message):\n        pass\n"


@pytest.mark.parametrize(("body", "says"), (
    ("logger.success('done')\n", "; UnifiedLogger has no 'success' (line 6); not rewritten"),
    ("logger.info('x')\nlogger.success('done')\nlogger.debug('y')\n",
     "; UnifiedLogger has no 'success' (line 7); LegacyAdapter has no 'info' (line 6), has no 'debug' (line 8)"),
))
def test_a_factory_with_two_return_paths_names_both(project, body, says):
    files = {"utils/logging/factory.py": TWO_PATHS, "utils/logging/adapter.py": ADAPTER}
    text, out = project(HEAD + body, files)
    assert text == HEAD + body
    returns = ("utils.logging:get_logger(...) returns UnifiedLogger (utils/logging/core/unified_logger.py:4) or "
               "LegacyAdapter (utils/logging/adapter.py:1)")
    assert f"ULG005 {returns}{says}" in out


def test_a_factory_whose_paths_all_have_the_member_is_rewritten(project):
    files = {"utils/logging/factory.py": TWO_PATHS, "utils/logging/adapter.py": ADAPTER.replace("success", "info")}
    text, out = project(HEAD + "logger.info('x')\n", files)
    assert text == NEW_HEAD + "logger.info('x')\n"
    assert "ULG005" not in out


def test_the_rules_call_must_bind_to_the_factory(project):
    body = "logger.info('x')\n"
    text, out = project(HEAD + body, rule="loguru:logger = utils.logging:get_logger(__name__, level=1)")
    assert text == HEAD + body
    assert (
        "ULG005 the rule's call get_logger(__name__, level=1) does not bind to utils.logging:get_logger: "
        "get_logger() got an unexpected keyword argument 'level'; not rewritten"
    ) in out


def test_attributes_read_through_a_plain_import_must_exist(project):
    files = {"utils/logger_utils.py": "LEGACY_ONLY = 1\nget_service_logger = print\n"}
    rule = "utils.logger_utils = utils.logging"
    body = "import utils.logger_utils\n\nutils.logger_utils.LEGACY_ONLY\n"
    text, out = project(body, files, rule)
    assert text == body
    assert "ULG005 utils.logging does not define LEGACY_ONLY (line 3); not rewritten" in out
    body = "import utils.logger_utils\n\nutils.logger_utils.get_logger('x')\n"
    text, out = project(body, files, rule)
    assert text == "import utils.logging\n\nutils.logging.get_logger('x')\n"


@pytest.mark.parametrize(
    ("call", "reason"),
    (
        ("get_service_logger('a')", None),
        ("get_service_logger('a', migration_mode=True)", None),
        ("get_service_logger('a', 'b', 'c')", "utils.logging:get_logger() takes 2 positional arguments but 3 given"),
        ("get_service_logger(service='a')", "got an unexpected keyword argument 'service'"),
        ("get_service_logger(*names)", None),
    ),
)
def test_calls_of_a_renamed_name_must_bind(project, call, reason):
    files = {"utils/logger_utils.py": "def get_service_logger(service, level=None, fmt=None):\n    pass\n"}
    rule = "utils.logger_utils:get_service_logger = utils.logging:get_logger"
    body = f"from utils.logger_utils import get_service_logger\n\nlog = {call}\n"
    text, out = project(body, files, rule)
    if reason is None:
        assert text == body.replace("get_service_logger", "get_logger").replace("logger_utils", "logging")
    else:
        assert text == body
        assert f"{reason} (line 3); not rewritten" in out


CYCLE = {"utils/logging/__init__.py": "from models.events import EVENTS\nfrom .factory import get_logger\n"}


@pytest.mark.parametrize(
    ("files", "where", "chain"),
    (
        pytest.param(CYCLE, "models/events.py", "utils.logging -> models.events -> this file", id="direct"),
        pytest.param(
            {**CYCLE, "models/events.py": "from models.registry import REGISTRY\nEVENTS = []\n"},
            "models/registry.py",
            "utils.logging -> models.events -> models.registry -> this file",
            id="through another module",
        ),
        pytest.param(
            {"utils/__init__.py": "import models.events\n"}, "models/events.py",
            "utils.logging -> models.events -> this file", id="through the package's __init__",
        ),
    ),
)
def test_an_import_cycle_with_the_provider_blocks(project, files, where, chain):
    body = "from loguru import logger\n\nEVENTS = []\nREGISTRY = {}\nlogger.info('x')\n"
    text, out = project(body, {"models/__init__.py": "", **files}, where=where)
    assert text == body
    assert f"ULG005 importing utils.logging here makes an import cycle: {chain}; not rewritten" in out


@pytest.mark.parametrize(
    ("provider", "body"),
    (
        pytest.param(
            "TYPE_CHECKING = False\nif TYPE_CHECKING:\n    from models.events import EVENTS\nfrom .factory import "
            "get_logger\n",
            "from loguru import logger\n\nEVENTS = []\nlogger.info('x')\n",
            id="imported for type checking only",
        ),
        pytest.param(
            "from .factory import get_logger\n\n\ndef events():\n"
            "    from models.events import EVENTS\n    return EVENTS\n",
            "from loguru import logger\n\nEVENTS = []\nlogger.info('x')\n",
            id="imported inside a function",
        ),
    ),
)
def test_no_cycle_when_the_provider_imports_the_file_later(project, provider, body):
    files = {"models/__init__.py": "", "utils/logging/__init__.py": provider}
    text, out = project(body, files, where="models/events.py")
    assert text.startswith("from utils.logging import get_logger\n")
    assert "ULG005" not in out


def test_an_import_inside_a_function_makes_no_cycle(project):
    body = "EVENTS = []\n\n\ndef f():\n    from loguru import logger\n    logger.info('x')\n"
    text, out = project(body, {"models/__init__.py": "", **CYCLE}, where="models/events.py")
    assert "from utils.logging import get_logger" in text
    assert "ULG005" not in out


def test_report_lists_what_the_targets_lack(project, capsys, tmp_path):
    bodies = {
        "api/a.py": "logger.success('x')\nlogger.add(sink)\n",
        "api/b.py": "logger.success('x')\n",
        "api/c.py": "def f():\n    logger.success('x')\n    logger.success('y')\n",
        "api/d.py": "logger.info('x')\n",
    }
    for name, body in bodies.items():
        project(HEAD + body, where=name)
        (tmp_path / name).write_text(HEAD + body)
    (tmp_path / "pyproject.toml").write_text(f"[tool.unified-logging]\nrules = ['{FACTORY}']\n")
    capsys.readouterr()
    assert main(["report", "api"]) == 0
    out = capsys.readouterr().out
    table = out[out.index("what the targets lack"):].splitlines()
    assert table[1:3] == [
        "UnifiedLogger (utils/logging/core/unified_logger.py): success           3      3",
        "UnifiedLogger (utils/logging/core/unified_logger.py): add               1      1",
    ]
    assert main(["report", "--format", "json", "api"]) == 0
    import json

    lacking = json.loads(capsys.readouterr().out)["targets_lack"]
    assert lacking[0] == {
        "target": "UnifiedLogger (utils/logging/core/unified_logger.py)", "missing": "success", "kind": "member",
        "statements": 3, "files": 3,
    }
    assert [row["missing"] for row in lacking] == ["success", "add"]


def test_report_tells_a_missing_member_from_a_signature_that_does_not_bind(project, capsys, tmp_path):
    """``info`` exists on UnifiedLogger; calls with more positional arguments than it takes do not bind."""
    bodies = {
        "api/a.py": "logger.info('x', 'y', 'z')\n",
        "api/b.py": "logger.info('%s', user)\nlogger.success('x')\n",
        "api/c.py": "logger.info('x')\nlogger.success('y')\n",
    }
    for name, body in bodies.items():
        _, out = project(HEAD + body, where=name)
        assert "ULG005" in out
    (tmp_path / "pyproject.toml").write_text(f"[tool.unified-logging]\nrules = ['{FACTORY}']\n")
    assert main(["report", "api"]) == 0
    out = capsys.readouterr().out
    table = out[out.index("what the targets lack"):].splitlines()
    assert [line.rsplit(None, 2) for line in table[1:3]] == [
        ["UnifiedLogger (utils/logging/core/unified_logger.py): info exists, its signature does not take the calls "
         "made", "2", "2"],
        ["UnifiedLogger (utils/logging/core/unified_logger.py): success", "2", "2"],
    ]
    assert main(["report", "--format", "json", "api"]) == 0
    import json

    lacking = json.loads(capsys.readouterr().out)["targets_lack"]
    assert [(row["missing"], row["kind"], row["files"]) for row in lacking] == [
        ("info", "signature", 2), ("success", "member", 2)]


PATH_SETUP = "sys.path.insert(0, os.path.dirname(__file__))\n"


@pytest.mark.parametrize(
    ("imports", "setup"),
    (
        pytest.param("import sys\n", PATH_SETUP, id="sys.path.insert"),
        pytest.param("import sys as _sys\n", "_sys.path.append('..')\n", id="an alias of sys"),
        pytest.param("from sys import path\n", "path[:0] = ['..']\n", id="an item of path from sys"),
        pytest.param("import sys\n", "sys.path += ['..']\n", id="augmented"),
        pytest.param("import site\n", "site.addsitedir('..')\n", id="site.addsitedir"),
        pytest.param("import rootutils\n", "rootutils.setup_root(__file__, pythonpath=True)\n", id="rootutils"),
        pytest.param("import sys\n", "if True:\n    sys.path.insert(0, '..')\n", id="in a branch"),
    ),
)
def test_a_project_module_imported_above_a_change_of_sys_path_is_left_to_a_person(project, imports, setup):
    body = f"{imports}{HEAD}{setup}logger.info('x')\n"
    text, out = project(body)
    assert text == body
    assert "ULG004 legacy import of loguru:logger cannot be rewritten automatically: the project module it would" \
        " import may only be found once sys.path is changed on line" in out


@pytest.mark.parametrize(
    ("body", "rule"),
    (
        pytest.param(f"import sys\n{PATH_SETUP}{HEAD}logger.info('x')\n", FACTORY, id="the change comes first"),
        pytest.param(f"import sys\n{HEAD}def setup():\n    {PATH_SETUP}\nlogger.info('x')\n", FACTORY,
                     id="the change is in a function"),
        pytest.param(f"import sys\n{HEAD}rootutils.setup_root(__file__, pythonpath=False)\nlogger.info('x')\n",
                     FACTORY, id="pythonpath=False"),
        pytest.param(f"import sys\n{HEAD}{PATH_SETUP}logger.info('x')\n",
                     'loguru:logger = logging:getLogger("{stem}")', id="the target is outside the project"),
    ),
)
def test_a_change_of_sys_path_that_cannot_matter_does_not_block(project, body, rule):
    text, out = project(body, rule=rule)
    assert text != body and "ULG004" not in out and "ULG005" not in out


def test_a_legacy_module_of_the_project_is_replaced_above_a_change_of_sys_path(project):
    body = f"import sys\nfrom utils.logger_utils import get_logger\n{PATH_SETUP}log = get_logger()\n"
    definition = "def get_logger():\n    pass\n"
    files = {"utils/logger_utils.py": definition, "utils/logging/__init__.py": definition}
    text, out = project(body, files, rule="utils.logger_utils = utils.logging")
    assert text == body.replace("utils.logger_utils", "utils.logging") and "ULG004" not in out
