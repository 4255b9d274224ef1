"""Name rules whose target is an object (``loguru:logger = pkg.log:logger``): the target's binding is followed
as a factory's return is, into the project, the standard library and installed packages, and every member and
call the file uses on the object must resolve there."""
import subprocess
import sys

import pytest

from flake8_unified_logging.cli import main

RULE = "loguru:logger = pkg.log:logger"
NEW = "from pkg.log import logger\n"

# A src layout: the package's __init__ imports its submodules (not the file being rewritten).
PACKAGE = {
    "src/pkg/__init__.py": "from . import log, models\n",
    "src/pkg/models.py": "class Model:\n    pass\n",
    "src/pkg/api/__init__.py": "",
}
SITE = {
    "extlog/__init__.py": "from ._core import Logger\n\nlogger = Logger()\n",
    "extlog/_core.py": (
        "class Base:\n    def bind(self, **values):\n        return self\n\n"
        "class Logger(Base):\n    def info(self, message, *args):\n        pass\n"
    ),
}

STDLIB_LOG = "import logging\n\nlogger = logging.getLogger('pkg')\n"
TARGETS = {
    "logging.getLogger": STDLIB_LOG,
    "from-import getLogger": "from logging import getLogger\n\nlogger = getLogger(__name__)\n",
    "an alias of it": "import logging as _logging\n\n_log = _logging.getLogger('pkg')\nlogger = _log\n",
    "a project class": (
        "from .models import Model\n\nclass AppLogger(Model):\n    def info(self, message):\n        pass\n\n"
        "logger = AppLogger()\n"
    ),
    "an installed package's object": "from extlog import logger\n",
}


@pytest.fixture
def tree(tmp_path, monkeypatch):
    project, site = tmp_path / "project", tmp_path / "site"
    for base, files in ((project, PACKAGE), (site, SITE)):
        for name, text in files.items():
            (base / name).parent.mkdir(parents=True, exist_ok=True)
            (base / name).write_text(text)
    (project / ".git").mkdir()
    (project / "pyproject.toml").write_text(
        f"[tool.unified-logging]\nrules = ['{RULE}']\nsource-roots = ['src']\n"
    )
    monkeypatch.chdir(project)
    monkeypatch.setattr(sys, "path", [sys.path[0], str(site), *sys.path[1:]])
    return project


def fix(tree, target, source):
    (tree / "src" / "pkg" / "log.py").write_text(TARGETS[target])
    path = tree / "src" / "pkg" / "api" / "views.py"
    path.write_text(source)
    code = main(["fix", str(path)])
    return code, path.read_text()


USED = "from loguru import logger\n\n\ndef handle(user):\n"
FIXED = (
    ("logging.getLogger", "    logger.info('a %s', user)\n    logger.warning('b', exc_info=True)\n"),
    ("logging.getLogger", "    logger.manager.loggerDict.clear()\n    logger.setLevel(10)\n"),
    ("from-import getLogger", "    logger.exception('failed', stack_info=True)\n"),
    ("an alias of it", "    logger.debug('x')\n"),
    ("a project class", "    logger.info('x')\n"),
    ("an installed package's object", "    logger.bind(user=user).info('x', 1)\n"),
)
BLOCKED = (
    ("logging.getLogger", "    logger.bind(user=user).info('x')\n", "is an instance of Logger (logging/__init__.pyi:",
     "which has no 'bind' (line 5)"),
    ("logging.getLogger", "    logger.opt(depth=1).info('x')\n    logger.success('y')\n", "is an instance of Logger",
     "has no 'opt' (line 5), has no 'success' (line 6)"),
    ("logging.getLogger", "    logger.info('x', user=user)\n", "is an instance of Logger",
     "info() got an unexpected keyword argument 'user' (line 5)"),
    ("from-import getLogger", "    logger.disable('pkg')\n", "is an instance of Logger", "has no 'disable'"),
    ("an alias of it", "    logger.catch()\n", "is an instance of Logger", "has no 'catch'"),
    ("a project class", "    logger.success('x')\n", "is an instance of AppLogger (pkg/log.py:3)", "has no 'success'"),
    ("a project class", "    logger.info('x', 1)\n", "is an instance of AppLogger",
     "info() takes 1 positional argument but 2 given"),
    ("an installed package's object", "    logger.opt(depth=1)\n", "is an instance of Logger (extlog/_core.py:5)",
     "has no 'opt'"),
)


@pytest.mark.parametrize(("target", "body"), FIXED)
def test_fix(tree, capsys, target, body):
    assert fix(tree, target, USED + body) == (1, USED.replace("from loguru import logger\n", NEW) + body)
    assert "ULG005" not in capsys.readouterr().out


@pytest.mark.parametrize(("target", "body", "what", "reason"), BLOCKED)
def test_blocked(tree, capsys, target, body, what, reason):
    assert fix(tree, target, USED + body) == (0, USED + body)  # ULG005 alone: reported, fails only with --strict
    out = capsys.readouterr().out
    assert f"ULG005 pkg.log:logger {what}" in out and reason in out, out


@pytest.mark.parametrize(("target", "body"), FIXED[:2])
def test_noop_once_fixed(tree, target, body):
    source = USED.replace("from loguru import logger\n", NEW) + body
    assert fix(tree, target, source) == (0, source)


def test_passing_the_object_along_is_not_checked(tree):
    body = "    configure(logger)\n    return logger\n"
    assert fix(tree, "logging.getLogger", USED + body) == (1, USED.replace("from loguru import logger\n", NEW) + body)


def test_flake8_reports_the_member_the_target_lacks(tree):
    (tree / "src" / "pkg" / "log.py").write_text(STDLIB_LOG)
    views = tree / "src" / "pkg" / "api" / "views.py"
    views.write_text(USED + "    logger.bind(user=user)\n")
    result = subprocess.run([sys.executable, "-m", "flake8", "--select", "ULG,ULG005", "src/pkg/api/views.py"],
                            cwd=tree, capture_output=True, text=True)
    expected = "src/pkg/api/views.py:1:1: ULG005 pkg.log:logger is an instance of Logger ("
    assert result.stdout.startswith(expected), result
    assert "which has no 'bind' (line 5)" in result.stdout


@pytest.mark.parametrize(
    ("rule", "body", "reason"),
    (
        ("loguru:logger = extlog:logger", "    logger.opt(depth=1)\n",
         "extlog:logger is an instance of Logger (extlog/_core.py:5), which has no 'opt' (line 5)"),
        ("loguru:logger = logging:root", "    logger.bind(user=user)\n",
         "logging:root is an instance of RootLogger (logging/__init__.pyi:"),
        ("loguru:logger = extlog:_core", "    logger.nothing_here()\n",
         "extlog:_core is the module extlog._core, which binds no 'nothing_here' (line 5)"),
    ),
)
def test_targets_outside_the_project_and_modules(tree, capsys, rule, body, reason):
    (tree / "src" / "pkg" / "log.py").write_text(STDLIB_LOG)
    path = tree / "src" / "pkg" / "api" / "views.py"
    path.write_text(USED + body)
    assert main(["fix", "--rule", rule, str(path)]) == 0  # ULG005 alone: reported, fails only with --strict
    assert path.read_text() == USED + body
    assert reason in capsys.readouterr().out
