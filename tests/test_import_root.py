"""The import root of an absolute import: where the legacy module itself resolves, else the new one; a module of
the same name inside a subpackage (``api/scheduler/utils.py``) never hides it."""
from __future__ import annotations

import os

import pytest

from flake8_unified_logging.cli import main

LEGACY = "from utils.logger_utils import get_service_logger\n"
NEW = "from utils.logging import get_service_logger\n"
LOGURU = "from loguru import logger\n\nlogger.info('x')\n"
FACTORY = ["--rule", "loguru:logger = utils.logging:get_logger(__name__)"]
PROVIDER = "def get_service_logger(name):\n    pass\n\n\ndef get_logger(name):\n    pass\n"
# Subpackages with a ``utils`` of their own, as real backends have them.
SUBPACKAGES = {
    "api/__init__.py": "",
    "api/scheduler/__init__.py": "",
    "api/scheduler/utils.py": "def helper():\n    pass\n",
    "api/content_planning/__init__.py": "",
    "api/content_planning/utils/__init__.py": "",
    "services/scheduler/utils/__init__.py": "",
    "services/scheduler/utils/logging.py": "def local():\n    pass\n",
}


@pytest.fixture
def tree(tmp_path, monkeypatch):
    def make(files: dict[str, str]) -> str:
        root = tmp_path / "backend"
        (root / ".git").mkdir(parents=True)
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        monkeypatch.chdir(root)
        return str(root)

    return make


def with_layout(top_init: bool, provider: bool, legacy: bool = True) -> dict[str, str]:
    files = {"utils/__init__.py": "", **SUBPACKAGES}
    if top_init:
        files["__init__.py"] = ""
    if legacy:
        files["utils/logger_utils.py"] = "def get_service_logger(name):\n    pass\n"
    if provider:
        files["utils/logging/__init__.py"] = PROVIDER
    return files


WHERE = ("api/scheduler/jobs.py", "api/content_planning/utils/planner.py", "services/scheduler/utils/run.py", "app.py")


@pytest.mark.parametrize("top_init", (False, True), ids=("plain top folder", "top folder is a package"))
@pytest.mark.parametrize("where", WHERE)
def test_module_rule_below_subpackages_with_their_own_utils(tree, top_init, where):
    tree(with_layout(top_init, provider=True))
    with open(where, "w") as file:
        file.write(LEGACY)
    assert main(["fix", where]) == 1
    with open(where) as file:
        assert file.read() == NEW


@pytest.mark.parametrize("top_init", (False, True), ids=("plain top folder", "top folder is a package"))
@pytest.mark.parametrize("where", WHERE)
def test_factory_rule_below_subpackages_with_their_own_utils(tree, top_init, where):
    tree(with_layout(top_init, provider=True, legacy=False))
    with open(where, "w") as file:
        file.write(LOGURU)
    assert main(["fix", *FACTORY, where]) == 1
    with open(where) as file:
        assert file.read() == (
            "from utils.logging import get_logger\n\nlogger = get_logger(__name__)\n\nlogger.info('x')\n"
        )


@pytest.mark.parametrize("legacy", (True, False), ids=("legacy module in the tree", "legacy module third-party"))
@pytest.mark.parametrize("where", WHERE)
def test_missing_everywhere_is_reported_at_the_real_root(tree, capsys, legacy, where):
    tree(with_layout(True, provider=False, legacy=legacy))
    text = LEGACY if legacy else LOGURU
    with open(where, "w") as file:
        file.write(text)
    assert main(["fix", *(() if legacy else FACTORY), where]) == 0
    with open(where) as file:
        assert file.read() == text
    out = capsys.readouterr().out
    assert f"ULG005 utils.logging not found under .{os.sep} (no utils/logging.py" in out


def test_the_legacy_module_decides_over_a_nearer_new_one(tree, capsys):
    """``services/scheduler/utils/logging.py`` is ``services.scheduler.utils.logging``: the legacy module
    resolves at the top, so the new one is looked up there (and lacks the name)."""
    files = with_layout(False, provider=False)
    files["utils/logging.py"] = "def other():\n    pass\n"
    tree(files)
    where = "services/scheduler/utils/run.py"
    with open(where, "w") as file:
        file.write(LEGACY)
    assert main(["check", where]) == 1
    assert "ULG005 utils.logging does not define get_service_logger" in capsys.readouterr().out


def test_a_tree_without_the_new_package_changes_nothing(tree, capsys):
    """The state of a backend before its new package exists: every legacy import stays, each reported."""
    tree(with_layout(True, provider=False))
    sources = {f"api/scheduler/m{i}.py": LEGACY for i in range(3)}
    for name, text in sources.items():
        with open(name, "w") as file:
            file.write(text)
    assert main(["fix", "."]) == 0
    for name, text in sources.items():
        with open(name) as file:
            assert file.read() == text
    assert capsys.readouterr().out.count("ULG005") == 3
