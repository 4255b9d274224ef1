"""Relative imports: resolved against the file's package, from an import root above the package their dots reach;
never matched by their dotted tail alone (an unknown package names no module)."""
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
        pytest.param("from ...utils.logger_utils import X\n", None, id="unknown package: no module"),
        pytest.param("from ..utils import logger_utils\n", None, id="unknown package: its module neither"),
        pytest.param("from ...utils.logger_utils import X\n", ("app", "api", "v1"), id="is app.utils.logger_utils"),
        pytest.param("from .utils.logger_utils import X\n", ("utils",), id="is utils.utils.logger_utils"),
        pytest.param("from . import logger_utils\n", ("app",), id="is app.logger_utils"),
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
            "from ..logger_utils import X\n",
            ("app", "utils", "sub"),
            "from ..logging import X\n",
            id="root above the package the dots reach",
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
