"""Relative imports: resolved against the file's package when it is known, else by their dotted tail."""
import pytest

from conftest import fixed, rules_of


@pytest.mark.parametrize(
    ("source", "package"),
    (
        ("from . import helpers\n", ("utils",)),
        ("from . import logger_utils\n", None),
        ("from .logger_utils import a\n", None),
        ("from .logger_utils import a\n", ("other",)),
        ("from ..utils.logger_utils_v2 import a\n", None),
    ),
)
def test_noop(source, package):
    assert fixed(source, package=package) == source


@pytest.mark.parametrize(
    ("source", "package", "expected"),
    (
        pytest.param(
            "from . import logger_utils\n", ("utils",), "from . import logging as logger_utils\n", id="sibling module"
        ),
        pytest.param("from .logger_utils import a\n", ("utils",), "from .logging import a\n", id="dotted sibling"),
        pytest.param(
            "from ..logger_utils import a\n", ("utils", "sub"), "from ..logging import a\n", id="parent package"
        ),
        pytest.param(
            "from .logger_utils import a\n", ("app", "utils"), "from .logging import a\n", id="inside a larger package"
        ),
        pytest.param(
            "from ...utils.logger_utils import X\n", None, "from ...utils.logging import X\n", id="unresolved tail"
        ),
        pytest.param(
            "from ...utils.logger_utils import X\n",
            ("app", "api", "v1"),
            "from ...utils.logging import X\n",
            id="resolved tail",
        ),
        pytest.param(
            "from ..utils import logger_utils\n",
            None,
            "from ..utils import logging as logger_utils\n",
            id="unresolved module from its package",
        ),
    ),
)
def test_fix(source, package, expected):
    assert fixed(source, package=package) == expected


@pytest.mark.parametrize(
    ("rule", "source", "package", "expected"),
    (
        pytest.param(
            "pkg.old = pkg.sub.new",
            "from .old import a\n",
            ("pkg",),
            "from .sub.new import a\n",
            id="deeper",
        ),
        pytest.param(
            "pkg.sub.old = pkg.new",
            "from .old import a\n",
            ("pkg", "sub"),
            "from ..new import a\n",
            id="up one level",
        ),
        pytest.param(
            "pkg.old = other.new",
            "from .old import a\n",
            ("pkg",),
            "from other.new import a\n",
            id="outside the package becomes absolute",
        ),
        pytest.param(
            "pkg.sub.old = pkg.new",
            "from ..sub import old\n",
            ("pkg", "x"),
            "from .. import new as old\n",
            id="module from its package moves up",
        ),
    ),
)
def test_fix_custom_rules(rule, source, package, expected):
    assert fixed(source, rules_of(rule), package) == expected
