"""A target the run rewrites is read as rewritten only where the run really rewrites it: a private rename of a
whole package needs one run, and a target whose own rewrite is refused (a use its new object lacks, an import
cycle, a new E402) leaves its importers as they are, with a ULG005 that names it. Files given by name alone (a
hook call) read a target the run does not cover as it is on disk."""
from __future__ import annotations

import pytest

from flake8_unified_logging.cli import main

SIZE = 12
RENAME = tuple(f"pkg.m{k} = pkg._m{k}" for k in range(SIZE))
PACKAGE = {"pkg/__init__.py": "", "pkg/_m0.py": "class T0:\n    pass\n"}
PACKAGE.update({
    f"pkg/_m{k}.py": f"from .m{k - 1} import T0\n\n\nclass T{k}(T0):\n    pass\n" for k in range(1, SIZE)
})
APP = f"from pkg.m{SIZE - 1} import T0, T{SIZE - 1}\n"

FACTORY = ("pkg.oldlog:logger = pkg._log:get_logger(__name__)", "pkg.m = pkg._m")
LOG = "import logging\n\n\ndef get_logger(name):\n    return logging.getLogger(name)\n"
USER = "from pkg.m import logger\n\nlogger.info('x')\n"


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    def fix(rules: tuple[str, ...], files: dict[str, str], *paths: str, command: str = "fix") -> dict[str, str]:
        (tmp_path / ".git").mkdir(exist_ok=True)
        for name, text in files.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text)
        monkeypatch.chdir(tmp_path)
        capsys.readouterr()
        main([command, "--no-cache", *[part for rule in rules for part in ("--rule", rule)], *paths])
        fix.out = capsys.readouterr().out
        return {name: (tmp_path / name).read_text() for name in files}

    return fix


def renamed(text: str) -> str:
    return text.replace("from .m", "from ._m").replace("from pkg.m", "from pkg._m")


@pytest.mark.parametrize("app", ("app.py", "aaa.py", "zzz/app.py", "pkg/aaa.py"))
def test_one_run_renames_a_twelve_module_package(run, app):
    files = {**PACKAGE, app: APP}
    once = run(RENAME, files, ".")
    assert once == {name: renamed(text) for name, text in files.items()}
    assert run(RENAME, once, ".") == once
    assert "Rewriting" not in run.out


def test_files_by_name_in_any_order_give_the_same_run(run):
    files = {**PACKAGE, "app.py": APP}
    names = sorted(files, reverse=True)
    assert run(RENAME, files, *names) == {name: renamed(text) for name, text in files.items()}


USE_REFUSED = {
    "pkg/__init__.py": "",
    "pkg/_types.py": "class Data:\n    pass\n",
    "pkg/_models.py": "from .types import Data\n\nData.missing()\n\n\nclass Model(Data):\n    pass\n",
    "app.py": "from pkg.models import Data, Model\n",
}
TYPES = ("pkg.types = pkg._types", "pkg.models = pkg._models")


@pytest.mark.parametrize("paths", ((".",), ("pkg", "app.py"), ("app.py", "pkg/_models.py"), ("app.py",)))
def test_a_target_whose_use_check_refuses_its_rewrite_blocks_its_importers(run, paths):
    assert run(TYPES, USE_REFUSED, *paths) == USE_REFUSED
    assert run(TYPES, USE_REFUSED, *paths, command="check") == USE_REFUSED
    (line,) = [line for line in run.out.splitlines() if line.startswith(("app.py", "./app.py"))]
    assert "ULG005 pkg._models does not define Data" in line
    if "pkg/_models.py" in paths or paths[0] != "app.py":
        assert "pkg/_models.py line 1 still takes it from pkg.types, not rewritten by this run" in line
        assert "which has no 'missing'" in line


CYCLE = {
    "pkg/__init__.py": "",
    "pkg/_log.py": "import logging\n\nfrom pkg._m import NAME\n\n\n" + LOG.split("\n\n\n", 1)[1],
    "pkg/_m.py": "from pkg.oldlog import logger\n\nNAME = 'x'\n",
    "app.py": USER,
}
E402 = {
    "pkg/__init__.py": "",
    "pkg/_log.py": LOG,
    "pkg/_m.py": "from pkg.oldlog import logger\nif NAME:\n    logger.info(1)\nfrom os import path\n",
    "app.py": USER,
}


@pytest.mark.parametrize("files", (CYCLE, E402), ids=("an import cycle", "a new E402"))
@pytest.mark.parametrize("paths", ((".",), ("pkg/_m.py", "app.py"), ("app.py",)))
def test_a_target_refused_for_its_own_place_blocks_its_importers(run, files, paths):
    assert run(FACTORY, files, *paths) == files
    run(FACTORY, files, *paths, command="check")
    (line,) = [line for line in run.out.splitlines() if line.startswith(("app.py", "./app.py"))]
    assert "ULG005 pkg._m does not define logger" in line
    if paths != ("app.py",):
        assert "pkg/_m.py line 1 still takes it from pkg.oldlog, not rewritten by this run" in line


def test_a_name_read_through_a_legacy_module_the_run_rewrites_is_not_removed(run):
    files = {**E402, "pkg/_m.py": "from pkg.oldlog import logger\n\nNAME = 'x'\n"}
    once = run(FACTORY, files, ".")
    assert once["pkg/_m.py"] == "from pkg._log import get_logger\n\nlogger = get_logger(__name__)\n\nNAME = 'x'\n"
    assert once["app.py"] == USER.replace("pkg.m ", "pkg._m ")
    assert run(FACTORY, once, ".") == once


def test_a_name_nothing_reads_is_still_removed(run):
    files = {**E402, "pkg/_m.py": "from pkg.oldlog import logger\n\nNAME = 'x'\n", "app.py": "from pkg.m import NAME\n"}
    once = run(FACTORY, files, ".")
    assert once["pkg/_m.py"] == "NAME = 'x'\n"


def test_report_lists_what_the_refused_target_leaves_missing(run, capsys):
    import json

    run(TYPES, USE_REFUSED, "--format", "json", ".", command="report")
    lacking = json.loads(run.out)["targets_lack"]
    assert ("pkg._models", "Data") in [(row["target"], row["missing"]) for row in lacking]
