"""``import OLD``: the binding never changes, and attribute uses move with the import."""
import pytest

from conftest import fixed, rules_of
from flake8_unified_logging.engine.finder import find
from flake8_unified_logging.rules import DEFAULT_RULES


@pytest.mark.parametrize(
    "source",
    (
        "import utils.logging\n",
        "import utils\nutils.helpers.x()\n",
        "import utils.logger_utils_v2\n",
        "import myutils.logger_utils\n",
        "import logging_configuration\n",
        "utils.logger_utils.x  # no import, not our business\n",
    ),
)
def test_noop(source):
    assert fixed(source) == source


@pytest.mark.parametrize(
    ("source", "expected"),
    (
        pytest.param("import utils.logger_utils\n", "import utils.logging\n", id="dotted"),
        pytest.param(
            "import utils.logger_utils\nutils.logger_utils.get_service_logger(__name__)\n",
            "import utils.logging\nutils.logging.get_service_logger(__name__)\n",
            id="attribute use",
        ),
        pytest.param(
            "import utils.logger_utils\nx = f'{utils.logger_utils.name!r:>{utils.logger_utils.w}}'\n",
            "import utils.logging\nx = f'{utils.logging.name!r:>{utils.logging.w}}'\n",
            id="uses inside an f-string",
        ),
        pytest.param(
            "import utils.logger_utils\ny = (utils\n     .logger_utils\n     .x)\n",
            "import utils.logging\ny = (utils\n     .logging\n     .x)\n",
            id="use split over lines",
        ),
        pytest.param(
            "import utils.logger_utils\nutils.logger_utils.level = 3\n",
            "import utils.logging\nutils.logging.level = 3\n",
            id="assigning an attribute of the module",
        ),
        pytest.param(
            "import utils.logger_utils\nimport utils.helpers\nutils.helpers.go(utils.logger_utils.x)\n",
            "import utils.logging\nimport utils.helpers\nutils.helpers.go(utils.logging.x)\n",
            id="other submodules of the package untouched",
        ),
        pytest.param(
            "import utils.logger_utils\n\ndef f(utils):\n    return utils.logger_utils.x\n",
            "import utils.logging\n\ndef f(utils):\n    return utils.logger_utils.x\n",
            id="parameter shadows the package",
        ),
        pytest.param(
            "import utils.logger_utils\n\ndef f():\n    utils = load()\n    return utils.logger_utils.x\n",
            "import utils.logging\n\ndef f():\n    utils = load()\n    return utils.logger_utils.x\n",
            id="local variable shadows the package",
        ),
        pytest.param(
            "import utils.logger_utils\n\ndef f():\n    return utils.logger_utils.x\n",
            "import utils.logging\n\ndef f():\n    return utils.logging.x\n",
            id="use in a function sees the module binding",
        ),
        pytest.param(
            "import utils.logger_utils\nclass C:\n    utils = 1\n"
            "    def m(self):\n        return utils.logger_utils.x\n",
            "import utils.logging\nclass C:\n    utils = 1\n"
            "    def m(self):\n        return utils.logging.x\n",
            id="class attribute does not shadow inside methods",
        ),
        pytest.param(
            "def f():\n    import utils.logger_utils\n    return utils.logger_utils.x\nutils.logger_utils.y\n",
            "def f():\n    import utils.logging\n    return utils.logging.x\nutils.logger_utils.y\n",
            id="import inside a function renames only its own uses",
        ),
        pytest.param(
            "try:\n    import utils.logger_utils\nexcept ImportError:\n"
            "    import utils.logger_utils\nutils.logger_utils.x\n",
            "try:\n    import utils.logging\nexcept ImportError:\n    import utils.logging\nutils.logging.x\n",
            id="two imports in one scope",
        ),
        pytest.param("import utils.logger_utils as lu\n", "import utils.logging as lu\n", id="aliased"),
        pytest.param(
            "import os, logging_config as lc\n", "import os, utils.logging as lc\n", id="aliased among others"
        ),
        pytest.param(
            "import logging_config\nlogging_config.setup()\n",
            "import utils.logging as logging_config\nlogging_config.setup()\n",
            id="single segment keeps its local name",
        ),
        pytest.param(
            "import os, logging_config, sys\n",
            "import os, utils.logging as logging_config, sys\n",
            id="single segment among others",
        ),
        pytest.param(
            "import logging_config.handlers\nlogging_config.handlers.H()\n",
            "import utils.logging.handlers\nutils.logging.handlers.H()\n",
            id="new top-level package",
        ),
        pytest.param(
            "import utils.logger_utils.handlers\nutils.logger_utils.handlers.H()\n",
            "import utils.logging.handlers\nutils.logging.handlers.H()\n",
            id="submodule",
        ),
        pytest.param(
            "import utils . logger_utils\n",
            "import utils . logging\n",
            id="spaces inside the dotted name",
        ),
    ),
)
def test_fix(source, expected):
    assert fixed(source) == expected


def test_attribute_uses_are_reported_with_the_import():
    source = "import utils.logger_utils\nutils.logger_utils.x()\n"
    codes = [(f.code, f.line, f.col) for f in find(source, DEFAULT_RULES)]
    assert codes == [("ULG001", 1, 0), ("ULG002", 2, 0)]


def test_rule_changing_the_top_level_name():
    rules = rules_of("old.mod = new.mod")
    assert fixed("import old.mod\nold.mod.f()\n", rules) == "import new.mod\nnew.mod.f()\n"


MOCK = rules_of("mock = unittest.mock")


@pytest.mark.parametrize(
    "source",
    (
        "from unittest import mock\nmock.patch('x')\n",
        "import unittest.mock\nunittest.mock.patch('x')\n",
        "from unittest.mock import patch\n",
        "import mocker\n",
    ),
)
def test_a_module_moved_into_a_package_noop(source):
    assert fixed(source, MOCK) == source


@pytest.mark.parametrize(
    ("source", "expected"),
    (
        pytest.param("import mock\nmock.patch('x')\n", "from unittest import mock\nmock.patch('x')\n",
                     id="the name it keeps is the new module's last segment"),
        pytest.param("try:\n    import mock\nexcept ImportError:\n    mock = None\n",
                     "try:\n    from unittest import mock\nexcept ImportError:\n    mock = None\n",
                     id="in a try block"),
        pytest.param("import mock  # tests only\n", "from unittest import mock  # tests only\n", id="comment kept"),
        pytest.param("import os, mock\n", "import os, unittest.mock as mock\n", id="among others"),
        pytest.param("import mock as m\nm.patch('x')\n", "import unittest.mock as m\nm.patch('x')\n", id="aliased"),
        pytest.param("import mock.mock\n", "import unittest.mock.mock\n", id="a submodule"),
        pytest.param("from mock import patch\n", "from unittest.mock import patch\n", id="from"),
    ),
)
def test_a_module_moved_into_a_package(source, expected):
    assert fixed(source, MOCK) == expected
