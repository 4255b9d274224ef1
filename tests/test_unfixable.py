"""ULG004: no safe rewrite exists; the code is reported with the reason and left exactly as it is."""
import pytest

from conftest import fixed, rules_of
from flake8_unified_logging.cli import main
from flake8_unified_logging.engine.finder import find
from flake8_unified_logging.rules import DEFAULT_RULES


@pytest.mark.parametrize(
    ("source", "reason"),
    (
        pytest.param(
            "import utils.logger_utils\nutils = None\n",
            "'utils' is also bound otherwise in this scope (line 2)",
            id="package rebound",
        ),
        pytest.param(
            "import utils.logger_utils\nutils.logger_utils = fake\n",
            "line 2 assigns to or deletes the module itself",
            id="module attribute assigned",
        ),
        pytest.param(
            "import utils.logger_utils\ndel utils.logger_utils\n",
            "line 2 assigns to or deletes the module itself",
            id="module attribute deleted",
        ),
        pytest.param(
            "def f():\n    global utils\n    import utils.logger_utils\n",
            "'utils' is declared global or nonlocal here",
            id="global declaration",
        ),
        pytest.param(
            "import logging_config.sub\nutils = 1\n",
            "the new top-level name 'utils' is already used in this file",
            id="new top-level name taken",
        ),
        pytest.param(
            "import utils.logger_utils\nutils.logger_utils.x  # noqa\nimport utils.logger_utils  # noqa\n",
            "another import of it in this scope (line 3) is marked noqa",
            id="other import in the scope is noqa",
        ),
    ),
)
def test_reported_and_left_alone(source, reason):
    findings = find(source, DEFAULT_RULES)
    assert [f.code for f in findings] == ["ULG004"]
    assert reason in findings[0].message
    assert findings[0].edits == ()
    assert fixed(source) == source


def test_message_names_the_module_and_what_to_do():
    (finding,) = find("import utils.logger_utils\nutils = None\n", DEFAULT_RULES)
    assert finding.message.startswith("legacy import of utils.logger_utils cannot be rewritten automatically: ")
    assert finding.message.endswith("; migrate it by hand")


def test_old_top_level_name_used_for_something_else():
    source = "import old.mod\nold.other.f()\n"
    (finding,) = find(source, rules_of("old.mod = new.mod"))
    assert finding.code == "ULG004"
    assert "'old' is used at line 2 without the legacy module" in finding.message


def test_old_top_level_name_alone_is_the_new_module():
    source = "import logging_config.sub\nprint(logging_config)\n"
    assert fixed(source) == "import utils.logging.sub\nprint(utils.logging)\n"


def test_noqa_for_ulg004():
    source = "import utils.logger_utils  # noqa: ULG004\nutils = None\n"
    assert find(source, DEFAULT_RULES) == []


@pytest.mark.parametrize(
    ("name", "source"),
    (
        ("utils/logging/__init__.py", "from utils.logger_utils import get_service_logger\n"),
        ("utils/logging.py", "from logging_config import setup\n"),
        ("utils/logging.py", "import logging_config\n"),
        ("utils/logging.py", "from utils import logger_utils\n"),
    ),
)
def test_new_module_importing_the_legacy_one_is_not_turned_into_a_self_import(write, capsys, name, source):
    path = write(name, source)
    assert main(["fix", path]) == 1
    assert open(path).read() == source
    assert "so the rewrite would import it from itself" in capsys.readouterr().out


def test_other_files_of_the_new_package_are_rewritten(write):
    write("utils/logging/__init__.py", "def get_service_logger(name):\n    pass\n")
    path = write("utils/logging/handlers.py", "from utils.logger_utils import get_service_logger\n")
    assert main(["fix", path]) == 1
    assert open(path).read() == "from utils.logging import get_service_logger\n"
