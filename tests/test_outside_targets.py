"""Targets outside the project: the standard library read from its own source, built-in and compiled modules from
typeshed's stubs, installed packages from their source or stubs; never imported by the tool."""
import ast
import importlib
import os
import subprocess
import sys
import sysconfig
import warnings

import pytest

from flake8_unified_logging.cli import main

EXT = sysconfig.get_config_var("EXT_SUFFIX") or ".so"

# An application package whose __init__ imports its submodules; the file rewritten is app/views.py.
PROJECT = {
    "app/__init__.py": "from . import models\nfrom .models import Record\n",
    "app/models.py": "class Record:\n    pass\n",
}

# Installed packages, shaped like real ones.
INSTALLED = {
    # re-exports through a star import with __all__, try/except ImportError, a version branch, a lazy __getattr__
    "extpkg/__init__.py": (
        "import sys\nfrom ._impl import *\nfrom . import _impl\n"
        "try:\n    from ._speedups import fast\nexcept ImportError:\n    def fast():\n        pass\n"
        "if sys.version_info >= (3, 99):\n    future_thing = 1\n"
        "_LAZY = {'lazy_a': '_impl', 'lazy_b': '_impl'}\n\n"
        "def __getattr__(name):\n    if name in _LAZY:\n        return getattr(_impl, name)\n"
        "    raise AttributeError(f'module {__name__!r} has no attribute {name!r}')\n"
    ),
    "extpkg/_impl.py": "__all__ = ['public_fn']\n\ndef public_fn():\n    pass\n\ndef hidden():\n    pass\n",
    # a compiled module with a stub-only package
    f"cext{EXT}": b"",
    "cext-stubs/__init__.pyi": "def compute(x: int) -> int: ...\n",
    # a compiled module with no stub at all
    f"nostub{EXT}": b"",
    # a compiled submodule with its stub beside it
    "pkgc/__init__.py": "from ._core import run\n",
    f"pkgc/_core{EXT}": b"",
    "pkgc/_core.pyi": "def run() -> None: ...\ndef stop() -> None: ...\n",
    # a namespace package
    "nsp/mod.py": "def f():\n    pass\n",
    # a package that finds its submodules elsewhere too
    "extended/__init__.py": "__path__ = __import__('pkgutil').extend_path(__path__, __name__)\n",
    # a module without its source; a package a .pth file's code hooks at start-up
    "sourceless/__init__.py": "",
    "sourceless/mod.pyc": b"",
    "hooked/__init__.py": "",
    "hooked-setup.pth": "import hooked_setup; hooked_setup.install('hooked')\n",
}


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A project (with .git) and a folder of installed packages on the path, as site-packages are."""
    project, site = tmp_path / "project", tmp_path / "site"
    for base, files in ((project, PROJECT), (site, INSTALLED)):
        for name, text in files.items():
            path = base / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode() if isinstance(text, str) else text)
    (project / ".git").mkdir()
    monkeypatch.chdir(project)
    monkeypatch.setattr(sys, "path", [sys.path[0], str(site), *sys.path[1:]])
    return project


def run_fix(project, rule, source):
    path = project / "app" / "views.py"
    path.write_text(source)
    code = main(["fix", "--rule", rule, str(path)])
    return code, path.read_text()


FIXED = (
    ("six:StringIO = io:StringIO", "from six import StringIO\n", "from io import StringIO\n"),
    ("six = io", "import six\nsix.StringIO()\n", "import io as six\nsix.StringIO()\n"),
    ("six = io", "import six as s\ns.BytesIO()\n", "import io as s\ns.BytesIO()\n"),
    ("compat:Mapping = collections.abc:Mapping", "from compat import Mapping\n",
     "from collections.abc import Mapping\n"),
    ("oldlog:RotatingFileHandler = logging.handlers:RotatingFileHandler", "from oldlog import RotatingFileHandler\n",
     "from logging.handlers import RotatingFileHandler\n"),
    ("fastmath:tau = math:tau", "from fastmath import tau\n", "from math import tau\n"),
    ("compat:argv = sys:argv", "from compat import argv\n", "from sys import argv\n"),
    ("old:public_fn = extpkg:public_fn", "from old import public_fn\n", "from extpkg import public_fn\n"),
    ("old:fast = extpkg:fast", "from old import fast\n", "from extpkg import fast\n"),
    ("old:future_thing = extpkg:future_thing", "from old import future_thing\n",
     "from extpkg import future_thing\n"),
    ("old:lazy_a = extpkg:lazy_a", "from old import lazy_a\n", "from extpkg import lazy_a\n"),
    ("old:compute = cext:compute", "from old import compute\n", "from cext import compute\n"),
    ("old:anything = nostub:anything", "from old import anything\n", "from nostub import anything\n"),
    ("old:stop = pkgc._core:stop", "from old import stop\n", "from pkgc._core import stop\n"),
    ("old:f = nsp.mod:f", "from old import f\n", "from nsp.mod import f\n"),
    ("old = nowhere_installed", "import old\nold.x\n", "import nowhere_installed as old\nold.x\n"),
    ("old = extended.elsewhere", "import old\n", "import extended.elsewhere as old\n"),
    ("old:f = nsp.other:f", "from old import f\n", "from nsp.other import f\n"),
    ("old = pkgc._core", "import old\nold.run()\n", "import pkgc._core as old\nold.run()\n"),
    ("old = os.path", "import old\nold.join('a')\n", "import os.path as old\nold.join('a')\n"),
    ("old = sourceless.mod", "import old\n", "import sourceless.mod as old\n"),
    ("old = hooked.virtual", "import old\n", "import hooked.virtual as old\n"),
)

BLOCKED = (
    ("six:string_types = io:string_types", "from six import string_types\n", "io binds no string_types (io.py)"),
    ("six = io", "import six\nprint(six.string_types)\n", "io binds no string_types"),
    ("six = io", "import six as s\n\ndef f():\n    return s.text_type\n", "io binds no text_type"),
    ("compat:Mapin = _collections_abc:Mapin", "from compat import Mapin\n", "_collections_abc binds no Mapin"),
    ("oldlog:Rotating = logging.handlers:Rotating", "from oldlog import Rotating\n",
     "logging.handlers binds no Rotating"),
    ("fastmath:tauu = math:tauu", "from fastmath import tauu\n", "math binds no tauu"),
    ("compat:argvv = sys:argvv", "from compat import argvv\n", "sys binds no argvv"),
    ("old:hidden = extpkg:hidden", "from old import hidden\n", "extpkg binds no hidden (extpkg/__init__.py)"),
    ("old:lazy_c = extpkg:lazy_c", "from old import lazy_c\n", "extpkg binds no lazy_c"),
    ("old:other = cext:other", "from old import other\n", "cext binds no other (cext-stubs/__init__.pyi)"),
    ("old:pause = pkgc._core:pause", "from old import pause\n", "pkgc._core binds no pause (pkgc/_core.pyi)"),
    ("old:g = nsp.mod:g", "from old import g\n", "nsp.mod binds no g"),
    ("compat:quote = urllib.parze:quote", "from compat import quote\n",
     f"urllib.parze not found: {os.path.join(os.path.dirname(os.path.realpath(os.__file__)), 'urllib', '')} "
     "has no parze.py or parze/"),
    ("old = json.nothere", "import old\n", "json.nothere not found"),
    ("old:run = pkgc._nothere:run", "from old import run\n", "pkgc._nothere not found"),
)


@pytest.mark.parametrize(("rule", "source", "expected"), FIXED)
def test_fix(tree, capsys, rule, source, expected):
    assert run_fix(tree, rule, source) == (1, expected)
    assert "ULG005" not in capsys.readouterr().out


@pytest.mark.parametrize(("rule", "source", "reason"), BLOCKED)
def test_blocked(tree, capsys, rule, source, reason):
    assert run_fix(tree, rule, source) == (0, source)  # ULG005 alone: reported, fails only with --strict
    out = capsys.readouterr().out
    assert "ULG005" in out and reason in out, out


@pytest.mark.parametrize(("rule", "source", "expected"), FIXED[:3])
def test_noop_once_fixed(tree, capsys, rule, source, expected):
    assert run_fix(tree, rule, expected) == (0, expected)


# Read in full from their source (ast's star import of the compiled _ast leaves its other names unknown).
MODULES_WITH_GETATTR = ("io", "calendar", "typing", "ast")
FULLY_READ = ("io", "calendar", "typing")
NAMES = ("OpenWrapper", "January", "February", "March", "Pattern", "Match", "ContextManager", "Num", "Str",
         "Bytes", "StringIO", "string_types", "Mapping", "ByteString", "_collect_parameters", "month_name")


def _has(module: str, name: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return hasattr(importlib.import_module(module), name)


@pytest.mark.parametrize("module", MODULES_WITH_GETATTR)
def test_module_getattr_answers_only_its_names(tree, capsys, module):
    """As the running Python binds them: a name a module-level __getattr__ answers resolves, any other it does
    not bind is missing (the test asks the real module; the tool only reads its source)."""
    path = tree / "app" / "views.py"
    path.write_text("".join(f"from old import {name}\n" for name in NAMES))
    rules = [arg for name in NAMES for arg in ("--rule", f"old:{name} = {module}:{name}")]
    main(["fix", *rules, str(path)])
    out = capsys.readouterr().out
    # Where each name is imported from (the rewritten statements sorted and joined as the import sorter would).
    source = {alias.name: node.module for node in ast.parse(path.read_text()).body for alias in node.names}
    for name in NAMES:
        if _has(module, name):
            assert source[name] == module, (module, name, out)
        elif module in FULLY_READ or f"{module} binds no {name}" in out:
            assert source[name] == "old" and f"{module} binds no {name}" in out, (module, name, out)


def test_nothing_outside_is_read_when_targets_are_in_the_project(tree, capsys, monkeypatch):
    (tree / "app" / "log.py").write_text("def get():\n    pass\n")
    outside = []
    monkeypatch.setattr("flake8_unified_logging.resolve.outside.Outside.root", lambda self, top: outside.append(top))
    assert run_fix(tree, "old:get = app.log:get", "from old import get\n") == (1, "from app.log import get\n")
    assert outside == []


def test_command_line_and_flake8_in_their_own_processes(tree, tmp_path):
    """The real command line and flake8, with the installed packages on PYTHONPATH as an environment has them."""
    views = tree / "app" / "views.py"
    views.write_text("import six\nsix.string_types\nfrom old import hidden\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    rules = ["--rule", "six = io", "--rule", "old:hidden = extpkg:hidden"]
    check = subprocess.run([sys.executable, "-m", "flake8_unified_logging", "check", *rules, "app/views.py"],
                           capture_output=True, text=True, env=env, cwd=tree)
    assert check.returncode == 1
    assert check.stdout.splitlines() == [
        "app/views.py:1:1: ULG005 io binds no string_types (io.py); not rewritten",
        "app/views.py:3:1: ULG005 extpkg binds no hidden (extpkg/__init__.py); not rewritten",
    ]
    lint = subprocess.run([sys.executable, "-m", "flake8", "--select", "ULG,ULG005", "--unified-logging-rules",
                           "six = io, old:hidden = extpkg:hidden", "app/views.py"],
                          capture_output=True, text=True, env=env, cwd=tree)
    assert [line.split(" ", 2)[:2] for line in lint.stdout.splitlines()] == [
        ["app/views.py:1:1:", "ULG005"], ["app/views.py:3:1:", "ULG005"]]


@pytest.mark.skipif(not hasattr(sys, "stdlib_module_names"), reason="the list of standard modules is 3.10+")
def test_no_name_a_standard_module_has_is_reported_missing():
    """Every standard-library module read from its source, against what the running Python really binds: no name
    it has at run time is reported missing (a name it lacks may still be unknown: never blocked)."""
    from flake8_unified_logging.resolve.targets import TargetCheck

    project = TargetCheck()
    wrong = {}
    for name in sorted(sys.stdlib_module_names):
        root = project.outside.root(name)
        found = project.module(root, (name,)) if root else None
        if found is None or found.path is None or found.is_stub or name in ("distutils", "this", "antigravity"):
            continue  # a stub, or a module a site hook replaces (setuptools' distutils), or one printing on import
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                module = importlib.import_module(name)
        except Exception:
            continue  # not importable on this platform
        missing = [n for n in dir(module) if not n.startswith("__") and not found.binds(n)]
        if missing:
            wrong[name] = missing
    assert wrong == {}
