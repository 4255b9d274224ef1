"""Check 9 of the verifier: after a run, every import of the tree that resolved before still resolves (module and
each name, through from-imports, plain imports and attribute reads), judged on generated projects by a resolver
that shares nothing with the engine; a failure names the importer and the name."""
from __future__ import annotations

import shutil

import pytest

from flake8_unified_logging.cli import main
from flake8_unified_logging.verify import python_files
from flake8_unified_logging.verify.project_check import check_project, resolved_imports

FACTORY = "loguru:logger = utils.logging:get_logger(__name__)"
PROVIDER = {
    "utils/__init__.py": "",
    "utils/logging.py": "def get_logger(name):\n    return name\n",
    "pkg/__init__.py": "",
    "app/__init__.py": "",
}
PROJECTS = {
    "re-exports": {
        "pkg/log.py": "from loguru import logger\n",
        "app/x.py": "from pkg.log import logger\n\nlogger.info('x')\n",
        "app/y.py": "import pkg.log\n\npkg.log.logger.info('x')\n",
        "app/z.py": "from pkg import log as plog\n\nplog.logger.info('x')\n",
    },
    "an __init__ re-exports": {
        "pkg/__init__.py": "from loguru import logger\n",
        "app/x.py": "from pkg import logger\n",
    },
    "try/except fallbacks": {
        "lib/__init__.py": "",
        "lib/quiet.py": "try:\n    from loguru import logger\nexcept ImportError:\n    logger = None\n",
        "app/x.py": "import lib.quiet\n\nlib.quiet.logger.info('x')\n",
    },
    "a script that changes sys.path": {
        "scripts/run.py": "import os\nimport sys\n\nfrom loguru import logger\n\nsys.path.insert(0, "
                          "os.path.dirname(os.path.dirname(os.path.abspath(__file__))))\n\nfrom pkg.log import "
                          "LEVEL\n\nif __name__ == '__main__':\n    logger.info(LEVEL)\n",
        "pkg/log.py": "LEVEL = 1\n",
    },
    "a package module that changes sys.path": {
        "pkg/jobs.py": "import os\nimport sys\n\nfrom loguru import logger\n\nsys.path.insert(0, "
                       "os.path.dirname(os.path.dirname(os.path.abspath(__file__))))\n\nVALUE = 1\n",
        "app/x.py": "from pkg.jobs import VALUE, logger\n",
    },
}
RENAMED = {
    "pkg/_types.py": "class Data:\n    pass\n",
    "pkg/_models.py": "from .types import Data\n\n\nclass Model(Data):\n    pass\n",
    "pkg/types.py": "from ._types import Data\n",
    "app/x.py": "from pkg.models import Model\nfrom pkg.types import Data\n",
}


def write(root, files):
    (root / ".git").mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def fixed_tree(tmp_path, monkeypatch, files, *rules):
    before, after = tmp_path / "before", tmp_path / "after"
    write(before, files)
    shutil.copytree(before, after)
    monkeypatch.chdir(after)
    arguments = [part for rule in rules for part in ("--rule", rule)]
    main(["fix", *arguments, "."])
    return str(before), str(after)


@pytest.mark.parametrize("name", PROJECTS)
def test_every_import_that_resolved_still_resolves_after_fix(tmp_path, monkeypatch, name):
    before, after = fixed_tree(tmp_path, monkeypatch, {**PROVIDER, **PROJECTS[name]}, FACTORY)
    resolved = resolved_imports(before, python_files(before))
    assert any(problem is None and module.startswith(("pkg", "lib")) for (_, module, _), (_, problem)
               in resolved.items())
    assert check_project(resolved, resolved_imports(after, python_files(after))) == []
    migrated = [p for p in python_files(after) if "loguru" in open(p.replace(after, before)).read()
                and "loguru" not in open(p).read()]
    assert (migrated == []) == (name == "a script that changes sys.path")


def test_a_renamed_provider(tmp_path, monkeypatch):
    before, after = fixed_tree(tmp_path, monkeypatch, {**PROVIDER, **RENAMED}, "pkg.models = pkg._models")
    assert open(f"{after}/app/x.py").read().startswith("from pkg._models import Model\n")
    resolved = resolved_imports(before, python_files(before))
    assert check_project(resolved, resolved_imports(after, python_files(after))) == []


def test_an_import_that_no_longer_resolves_names_the_importer_and_the_name(tmp_path):
    files = {**PROVIDER, "pkg/log.py": "from loguru import logger\nLEVEL = 1\n",
             "app/x.py": "from pkg.log import LEVEL, logger\n", "app/y.py": "import pkg.log\n\npkg.log.logger.info()\n"}
    write(tmp_path / "before", files)
    write(tmp_path / "after", {**files, "pkg/log.py": "LEVEL = 1\n"})
    before, after = (resolved_imports(str(tmp_path / t), python_files(str(tmp_path / t))) for t in ("before", "after"))
    assert check_project(before, after) == [
        "app/x.py:1: pkg.log:logger resolved before the run and no longer does (pkg/log.py binds no logger)",
        "app/y.py:3: pkg.log:logger resolved before the run and no longer does (pkg/log.py binds no logger)",
    ]


@pytest.mark.parametrize(
    ("provider", "resolves"),
    (
        pytest.param("def __getattr__(name):\n    pass\n", True, id="a module __getattr__"),
        pytest.param("globals()['logger'] = 1\n", True, id="a write through globals()"),
        pytest.param("from .other import *\n", True, id="a star import followed"),
        pytest.param("if X:\n    logger = 1\nelse:\n    pass\n", True, id="bound in a branch"),
        pytest.param("from .other import VALUE\n", False, id="not bound"),
    ),
)
def test_what_a_module_binds(tmp_path, provider, resolves):
    files = {**PROVIDER, "pkg/log.py": provider, "pkg/other.py": "logger = VALUE = 1\n",
             "app/x.py": "from pkg.log import logger\n"}
    write(tmp_path, files)
    found = resolved_imports(str(tmp_path), python_files(str(tmp_path)))
    assert (found["app/x.py", "pkg.log", "logger"][1] is None) == resolves
