"""The target check: a rewrite only where the new module exists and binds the imported names (ULG005)."""
import os
import subprocess
import sys

import pytest

from flake8_unified_logging.cli import main
from test_pre_commit_e2e import ROOT, pre_commit, run

LEGACY = "from utils.logger_utils import get_service_logger\n"
NEW = "from utils.logging import get_service_logger\n"


@pytest.fixture
def backend(tmp_path, monkeypatch):
    """``backend/`` runs as ``cd backend && python -m app``: ``utils`` is a top-level package there."""
    root = tmp_path / "backend"
    (root / "utils").mkdir(parents=True)
    (root / "utils" / "__init__.py").write_text("")
    (root / "utils" / "logger_utils.py").write_text("def get_service_logger(name):\n    pass\n")
    (root / "app" / "services").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "services" / "__init__.py").write_text("")
    (root / "app" / "services" / "billing.py").write_text(LEGACY)
    monkeypatch.chdir(tmp_path)
    return root


@pytest.mark.parametrize(
    ("files", "rewritten"),
    (
        pytest.param({"utils/logging.py": "def get_service_logger(n):\n    pass\n"}, True, id="module file"),
        pytest.param({"utils/logging/__init__.py": "get_service_logger = print\n"}, True, id="package"),
        pytest.param({"utils/logging/__init__.py": "get_service_logger: object = None\n"}, True, id="annotated"),
        pytest.param({"utils/logging/__init__.py": "a, (get_service_logger, b) = 1, (2, 3)\n"}, True, id="tuple"),
        pytest.param({"utils/logging/__init__.py": "for get_service_logger in []:\n    pass\n"}, True, id="for"),
        pytest.param({"utils/logging/__init__.py": "with x as get_service_logger:\n    pass\n"}, True, id="with"),
        pytest.param(
            {"utils/logging/__init__.py": "try:\n    from x import y\nexcept ImportError:\n"
             "    def get_service_logger(n):\n        pass\n"},
            True,
            id="except branch",
        ),
        pytest.param(
            {"utils/logging/__init__.py": "if X:\n    get_service_logger = 1\nelse:\n    pass\n"}, True, id="if branch"
        ),
        pytest.param(
            {"utils/logging/__init__.py": "from .core import get_service_logger\n",
             "utils/logging/core.py": "def get_service_logger(n):\n    pass\n"},
            True,
            id="re-export followed",
        ),
        pytest.param(
            {"utils/logging/__init__.py": "from .core import get_service_logger\n",
             "utils/logging/core.py": "def other(n):\n    pass\n"},
            False,
            id="re-export of a name the other module lacks",
        ),
        pytest.param(
            {"utils/logging/__init__.py": "from .core import *\n",
             "utils/logging/core.py": "__all__ = ['get_service_logger']\nget_service_logger = 1\n"},
            True,
            id="star import through __all__",
        ),
        pytest.param(
            {"utils/logging/__init__.py": "from .core import *\n",
             "utils/logging/core.py": "__all__ = ['other']\nget_service_logger = other = 1\n"},
            False,
            id="star import, name not in __all__",
        ),
        pytest.param(
            {"utils/logging/__init__.py": "from .core import *\n", "utils/logging/core.py": "get_service_logger = 1\n"},
            True,
            id="star import, public names",
        ),
        pytest.param({"utils/logging/__init__.py": "from loguru import *\n"}, True, id="foreign star: unknown"),
        pytest.param({"utils/logging/__init__.py": "def __getattr__(name):\n    pass\n"}, True, id="__getattr__"),
        pytest.param({"utils/logging/__init__.py": "globals()['get_service_logger'] = 1\n"}, True, id="globals()"),
        pytest.param({"utils/logging/__init__.py": "from .get_service_logger import x\n",
                      "utils/logging/get_service_logger.py": "x = 1\n"}, True, id="a submodule"),
        pytest.param({"utils/logging/__init__.py": "def other():\n    pass\n"}, False, id="name missing"),
        pytest.param({"utils/logging/__init__.py": "def f():\n    get_service_logger = 1\n"}, False, id="local only"),
        pytest.param({"utils/logging/__init__.py": "get_service_logger = (\n"}, True, id="unparsable: unknown"),
        pytest.param({}, False, id="module missing"),
    ),
)
def test_rewritten_only_where_the_target_resolves(backend, capsys, files, rewritten):
    for name, text in files.items():
        (backend / name).parent.mkdir(parents=True, exist_ok=True)
        (backend / name).write_text(text)
    billing = backend / "app" / "services" / "billing.py"
    main(["fix", str(billing)])
    out = capsys.readouterr().out
    assert billing.read_text() == (NEW if rewritten else LEGACY)
    assert ("ULG005" in out) == (not rewritten)


def test_messages(backend, capsys):
    billing = "backend/app/services/billing.py"
    assert main(["check", billing]) == 1
    assert capsys.readouterr().out == (
        f"{billing}:1:1: ULG005 utils.logging not found under backend{os.sep} "
        "(no utils/logging.py or utils/logging/__init__.py) "
        "(layout not seen? set source-roots or use --no-target-check); not rewritten\n"
    )
    (backend / "utils" / "logging.py").write_text("x = 1\n")
    assert main(["check", billing]) == 1
    assert capsys.readouterr().out == (
        f"{billing}:1:1: ULG005 utils.logging does not define get_service_logger; not rewritten\n"
    )


def test_every_target_that_lacks_a_name_is_named(backend, capsys):
    """One statement whose names go to three modules: both that lack theirs are named, and the one that does not
    stays with the statement (refused whole)."""
    (backend / "utils" / "a.py").write_text("def one():\n    pass\n")
    (backend / "utils" / "b.py").write_text("x = 1\n")
    (backend / "utils" / "c.py").write_text("y = 1\n")
    source = backend / "app" / "worker.py"
    text = "from utils.logger_utils import one, two, three\n"
    source.write_text(text)
    rules = ["--rule", "utils.logger_utils:one = utils.a:one", "--rule", "utils.logger_utils:two = utils.b:two",
             "--rule", "utils.logger_utils:three = utils.c:three"]
    assert main(["fix", *rules, str(source)]) == 0
    assert source.read_text() == text
    out = capsys.readouterr().out
    assert "ULG005 utils.b does not define two; utils.c does not define three; not rewritten" in out, out


def test_uses_of_a_blocked_import_stay(backend, capsys):
    source = backend / "app" / "worker.py"
    source.write_text("import utils.logger_utils\nutils.logger_utils.get_service_logger(1)\n")
    assert main(["fix", str(source)]) == 0
    assert source.read_text() == "import utils.logger_utils\nutils.logger_utils.get_service_logger(1)\n"
    assert "ULG005 utils.logging not found" in capsys.readouterr().out
    assert main(["fix", "--strict", str(source)]) == 1


def test_switched_off(backend, capsys):
    billing = backend / "app" / "services" / "billing.py"
    assert main(["fix", "--no-target-check", str(billing)]) == 1
    assert billing.read_text() == NEW
    billing.write_text(LEGACY)
    (backend.parent / "pyproject.toml").write_text(
        "[tool.unified-logging]\nrules = ['utils.logger_utils = utils.logging']\ntarget-check = false\n"
    )
    assert main(["fix", str(billing)]) == 1
    assert billing.read_text() == NEW


def test_third_party_targets_are_not_checked(backend, capsys):
    billing = backend / "app" / "services" / "billing.py"
    billing.write_text("import typing\n")
    assert main(["fix", "--rule", "typing=typing_extensions", str(billing)]) == 1
    assert billing.read_text() == "import typing_extensions as typing\n"


def test_factory_rule_checks_the_factory(backend, capsys):
    billing = backend / "app" / "services" / "billing.py"
    billing.write_text("from loguru import logger\nlogger.info(1)\n")
    rule = ["--rule", "loguru:logger = utils.logging:get_logger(__name__)"]
    assert main(["check", *rule, str(billing)]) == 1
    assert "ULG005 utils.logging not found" in capsys.readouterr().out
    (backend / "utils" / "logging.py").write_text("def get_logger(name):\n    pass\n")
    assert main(["fix", *rule, str(billing)]) == 1
    fixed = "from utils.logging import get_logger\n\nlogger = get_logger(__name__)\nlogger.info(1)\n"
    assert billing.read_text() == fixed


def test_src_layout_and_two_source_roots(tmp_path, monkeypatch, capsys):
    (tmp_path / "src" / "utils" / "logging").mkdir(parents=True)
    (tmp_path / "src" / "utils" / "logging" / "__init__.py").write_text("get_service_logger = 1\n")
    (tmp_path / "lib" / "utils").mkdir(parents=True)
    (tmp_path / "lib" / "utils" / "logger_utils.py").write_text("get_service_logger = 1\n")
    (tmp_path / "services").mkdir()
    source = tmp_path / "services" / "m.py"
    source.write_text(LEGACY)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "services/m.py"]) == 1  # no utils/ above the file: not checked, a plain ULG001
    assert "ULG001" in capsys.readouterr().out
    (tmp_path / "pyproject.toml").write_text(
        "[tool.unified-logging]\nrules = ['utils.logger_utils = utils.logging']\nsource-roots = ['lib', 'src']\n"
    )
    assert main(["fix", "services/m.py"]) == 1
    assert source.read_text() == NEW
    (tmp_path / "pyproject.toml").write_text(
        "[tool.unified-logging]\nrules = ['utils.logger_utils = utils.logging']\nsource-roots = ['lib']\n"
    )
    source.write_text(LEGACY)
    assert main(["fix", "services/m.py"]) == 0
    assert source.read_text() == LEGACY
    assert "ULG005 utils.logging not found under lib/" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "message"),
    (
        ("source-roots = ['nope']", "source root 'nope' is not a folder"),
        ("source-roots = 'src'", "source-roots must be a list of strings"),
        ("target-check = 'no'", "target-check must be true or false"),
    ),
)
def test_bad_options(tmp_path, monkeypatch, capsys, text, message):
    (tmp_path / "pyproject.toml").write_text(f"[tool.unified-logging]\nrules = ['a = b']\n{text}\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "."]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_flake8_and_pre_commit_report_ulg005(backend, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "ULG,ULG005", "app/services/billing.py"],
        cwd=backend,
        capture_output=True,
        text=True,
    )
    assert result.stdout.startswith("app/services/billing.py:1:1: ULG005 utils.logging not found under ")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    run("git", "init", "-q", cwd=backend, check=True)
    run("git", "add", ".", cwd=backend, check=True)
    hook = pre_commit("try-repo", ROOT, "unified-logging", "--all-files", "--verbose", cwd=backend, env=env)
    assert hook.returncode == 0, hook.stdout  # printed; only the target package can act on it
    assert "ULG005 utils.logging not found" in hook.stdout
    assert (backend / "app" / "services" / "billing.py").read_text() == LEGACY


def test_a_name_of_a_module_file_is_no_submodule(backend, capsys):
    """``from utils.settings import level`` takes a variable of a module file: a module rule for a module
    ``utils.settings.level`` cannot be about it; from a package, or a module file that fills ``sys.modules`` (as
    ``os.py`` makes ``os.path``), the same statement may import a module."""
    (backend / "utils" / "settings.py").write_text("level = 1\n")
    (backend / "utils" / "levels").mkdir()
    (backend / "utils" / "levels" / "__init__.py").write_text("")
    (backend / "utils" / "levels" / "level.py").write_text("x = 1\n")
    (backend / "utils" / "new_level.py").write_text("x = 1\n")
    (backend / "utils" / "registry.py").write_text("import sys\nfrom utils import new_level as level\n"
                                                   "sys.modules[__name__ + '.level'] = level\n")
    source = backend / "app" / "worker.py"
    for package, rewritten in (("settings", False), ("levels", True), ("registry", True)):
        text = f"from utils.{package} import level\nprint(level.x)\n"
        source.write_text(text)
        main(["fix", "--rule", f"utils.{package}.level = utils.new_level", str(source)])
        assert (source.read_text() != text) is rewritten
        out, err = capsys.readouterr()
        assert out == "" and ("Rewriting" in err) is rewritten
