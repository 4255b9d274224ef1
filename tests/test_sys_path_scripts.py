"""A change of sys.path below a rewritten import blocks it (ULG004) only when the file runs as a script and the
change is what makes the target importable; a package module that the project imports is rewritten."""
from __future__ import annotations

import pytest

from flake8_unified_logging.cli import main

RULE = "loguru:logger = utils.logging:get_logger(__name__)"
PROVIDER = {
    "utils/__init__.py": "",
    "utils/logging.py": "def get_logger(name):\n    return name\n",
    "services/__init__.py": "",
    "services/reports/__init__.py": "",
    "services/reports/helpers.py": "def helper():\n    pass\n",
}
TO_ROOT = "os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))"
TO_SERVICES = "os.path.dirname(os.path.dirname(os.path.abspath(__file__)))"


def body(folder: str, guard: bool = False, before: str = "") -> str:
    text = (f"import os\nimport sys\nfrom pathlib import Path\n\nfrom loguru import logger\n\n{before}"
            f"sys.path.insert(0, {folder})\n\n"
            "from services.reports.helpers import helper\n\nlogger.info('x')\n")
    return text + ("\nif __name__ == '__main__':\n    helper()\n" if guard else "")


@pytest.fixture
def project(tmp_path, write, monkeypatch, capsys):
    def run(files: dict[str, str], where: str, *rules: str) -> tuple[str, str]:
        (tmp_path / ".git").mkdir(exist_ok=True)
        for name, text in {**PROVIDER, **files}.items():
            write(name, text)
        monkeypatch.chdir(tmp_path)
        capsys.readouterr()
        main(["fix", "--rule", RULE, *(f"--rule={rule}" for rule in rules), where])
        return (tmp_path / where).read_text(), capsys.readouterr().out

    return run


WHERE = "services/reports/daily.py"
IMPORTER = {"app.py": "from services.reports.daily import logger\n"}
PACKAGE_IMPORTER = {"app.py": "from services.reports import helpers\n"}
MOVE = "services.reports.old_daily = services.reports.daily"


@pytest.mark.parametrize(
    ("files", "text"),
    (
        pytest.param(IMPORTER, body(TO_ROOT), id="imported by the app"),
        pytest.param(IMPORTER, body(TO_ROOT, guard=True), id="a __main__ guard, but imported"),
        pytest.param({"app.py": "import services.reports.daily as daily\n"}, body(TO_ROOT), id="imported as a module"),
        pytest.param(PACKAGE_IMPORTER, body(TO_ROOT), id="its package is imported"),
        pytest.param({}, body(TO_SERVICES), id="the folder it adds is not the import root"),
        pytest.param({}, body("'/nowhere/at/all'"), id="an absolute folder without the target"),
        pytest.param({}, body(TO_ROOT).replace("from services", "from .helpers import helper\nfrom services"),
                     id="a relative import: never run as a plain script"),
        pytest.param({}, body("str(Path(__file__).parent.parent)"), id="pathlib: the services folder"),
    ),
)
def test_a_package_module_or_a_change_that_does_not_matter_is_rewritten(project, files, text):
    fixed, out = project({**files, WHERE: text}, WHERE)
    assert "from utils.logging import get_logger" in fixed and "logger = get_logger(__name__)" in fixed
    assert "ULG004" not in out


@pytest.mark.parametrize(
    ("files", "text", "reason"),
    (
        pytest.param({}, body(TO_ROOT), "it adds the folder of utils; the file is run as a script: nothing in "
                     "the project imports it or its package", id="nothing imports it"),
        pytest.param(PACKAGE_IMPORTER, body(TO_ROOT, guard=True), "it adds the folder of utils; the file is run as"
                     " a script: it has a __main__ guard and nothing in the project imports it",
                     id="a __main__ guard in an imported package"),
        pytest.param({}, body("'..'"), "what it adds cannot be told", id="a relative folder"),
        pytest.param({}, body("os.path.abspath(os.path.join(HERE, os.pardir, os.pardir))",
                              before="HERE = os.path.dirname(os.path.abspath(__file__))\n"),
                     "it adds the folder of utils", id="through a name and os.pardir"),
        pytest.param({}, body("str(Path(__file__).resolve().parents[2])"), "it adds the folder of utils",
                     id="pathlib parents"),
    ),
)
def test_a_script_that_needs_its_change_of_sys_path_is_left_to_a_person(project, files, text, reason):
    fixed, out = project({**files, WHERE: text}, WHERE)
    assert fixed == text
    assert "ULG004 legacy import of loguru:logger cannot be rewritten automatically: the project module it would " \
        "import may only be found once sys.path is changed on line" in out
    assert reason in out


def test_an_importer_of_a_module_a_rule_moves_onto_it_makes_it_a_package_module(project):
    """``app.py`` imports the module's legacy name: once migrated it imports the module, as a package module."""
    text = body(TO_ROOT, guard=True)
    files = {"app.py": "from services.reports.old_daily import logger\n", WHERE: text}
    fixed, out = project(files, WHERE, MOVE)
    assert "logger = get_logger(__name__)" in fixed and "ULG004" not in out
    fixed, out = project({"app.py": "import os\n", WHERE: text}, WHERE, MOVE)
    assert fixed == text and "it has a __main__ guard and nothing in the project imports it" in out


def test_an_importer_inside_its_own_package_does_not_make_it_a_package_module(project):
    files = {"services/reports/__init__.py": "from .helpers import helper\n", WHERE: body(TO_ROOT)}
    fixed, out = project(files, WHERE)
    assert fixed == files[WHERE] and "nothing in the project imports it or its package" in out
