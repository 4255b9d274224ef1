"""A module-level name is the module's interface: an unused legacy import is removed only when no other file of the
project reads that name from the module, no other branch binds it, and the file is no package's __init__.py;
otherwise it gets its assignment, as a read one does."""
from __future__ import annotations

import pytest

from flake8_unified_logging.cli import main

RULE = "loguru:logger = utils.logging:get_logger(__name__)"
PROVIDER = {
    "utils/__init__.py": "",
    "utils/logging.py": "def get_logger(name):\n    return name\n",
    "pkg/__init__.py": "",
    "lib/__init__.py": "",
}
LOG = "from loguru import logger\n\nLEVEL = 1\n"
KEPT = "from utils.logging import get_logger\n\nlogger = get_logger(__name__)\n\nLEVEL = 1\n"
REMOVED = "LEVEL = 1\n"


@pytest.fixture
def project(tmp_path, write, monkeypatch, capsys):
    def run(files: dict[str, str], where: str = "pkg/log.py", *paths: str) -> tuple[str, str]:
        (tmp_path / ".git").mkdir(exist_ok=True)
        for name, text in {**PROVIDER, **files}.items():
            write(name, text)
        monkeypatch.chdir(tmp_path)
        capsys.readouterr()
        main(["fix", "--rule", RULE, *(paths or (where,))])
        captured = capsys.readouterr()
        return (tmp_path / where).read_text(), captured.out + captured.err

    return run


@pytest.mark.parametrize(
    "reader",
    (
        pytest.param({"app/x.py": "from pkg.log import logger\n"}, id="a from-import"),
        pytest.param({"app/x.py": "from pkg.log import logger as log\n"}, id="a from-import under an alias"),
        pytest.param({"pkg/other.py": "from .log import logger\n"}, id="a relative from-import"),
        pytest.param({"pkg/sub/__init__.py": "", "pkg/sub/y.py": "from ..log import logger\n"},
                     id="a relative from-import two levels up"),
        pytest.param({"app/x.py": "import pkg.log\n\npkg.log.logger.info('x')\n"}, id="an attribute read"),
        pytest.param({"app/x.py": "import pkg.log as plog\n\nplog.logger.info('x')\n"},
                     id="an attribute read through an alias"),
        pytest.param({"app/x.py": "from pkg import log\n\nlog.logger.info('x')\n"},
                     id="an attribute read of a from-imported module"),
        pytest.param({"app/x.py": "from pkg import log\n\nconfigure(log)\n"}, id="the module passed along"),
        pytest.param({"app/x.py": "from pkg.log import *\n"}, id="a star import"),
        pytest.param({"tests/t.py": "from unittest import mock\n\nwith mock.patch('pkg.log.logger'):\n    pass\n"},
                     id="a mock.patch target"),
        pytest.param({"app/x.py": "import importlib\n\nlog = importlib.import_module('pkg.log')\n"},
                     id="import_module of the module"),
    ),
)
def test_a_name_another_file_reads_keeps_its_assignment(project, reader):
    text, out = project({"pkg/log.py": LOG, **reader})
    assert text == KEPT and "Rewriting pkg/log.py" in out


def test_a_module_of_a_namespace_package_is_read_from_the_repository_root(project, tmp_path):
    files = {"ns/log.py": LOG, "app.py": "from ns.log import logger\n"}
    text, _ = project(files, "ns/log.py")
    assert text == KEPT


def test_a_name_nothing_in_the_project_reads_is_removed(project):
    others = {
        "app/x.py": "from pkg.log import LEVEL\nimport pkg.other\n\npkg.other.logger.info('x')\n",
        "pkg/other.py": "from loguru import logger\n",
        "tests/t.py": "with mock.patch('pkg.log.LEVEL'):\n    pass\n",
    }
    text, out = project({"pkg/log.py": LOG, **others})
    assert text == REMOVED and "Rewriting pkg/log.py" in out


@pytest.mark.parametrize(
    ("where", "source", "expected"),
    (
        pytest.param("pkg/__init__.py", LOG, KEPT, id="a package's __init__ re-exports it"),
        pytest.param(
            "lib/quiet.py", "try:\n    from loguru import logger\nexcept ImportError:\n    logger = None\n",
            "try:\n    from utils.logging import get_logger\n    logger = get_logger(__name__)\nexcept ImportError:\n"
            "    logger = None\n", id="another branch binds it",
        ),
    ),
)
def test_an_init_or_a_fallback_keeps_its_assignment(project, where, source, expected):
    text, out = project({where: source}, where)
    assert text == expected and f"Rewriting {where}" in out


def test_a_run_over_the_tree_leaves_every_import_resolving(project, tmp_path):
    files = {"pkg/log.py": LOG, "app/x.py": "from pkg.log import logger\n\nlogger.info('x')\n"}
    text, _ = project(files, "pkg/log.py", ".")
    assert text == KEPT
    assert (tmp_path / "app/x.py").read_text().startswith("from pkg.log import logger\n")
