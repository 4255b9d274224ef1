"""A name imported from a package that itself is a moved module: split out, local names kept."""
import pytest

from conftest import fixed, rules_of


@pytest.mark.parametrize(
    ("rule", "source", "expected"),
    (
        pytest.param(
            "a.old = b.new",
            "from a import old\n",
            "from b import new as old\n",
            id="whole statement moves",
        ),
        pytest.param(
            "a.old = b.new",
            "from a import keep, old as o\n",
            "from a import keep; from b import new as o\n",
            id="split after the statement",
        ),
        pytest.param(
            "a.old = b.new",
            "from a import (\n    old,\n    keep,  # stays\n)\n",
            "from a import (\n    keep,  # stays\n); from b import new as old\n",
            id="split from a parenthesized list",
        ),
        pytest.param(
            "a.old = b.new",
            "from a import keep, old\n",
            "from a import keep; from b import new as old\n",
            id="last alias removed with its comma",
        ),
        pytest.param(
            "a.old = toplevel",
            "from a import old\n",
            "import toplevel as old\n",
            id="moved to a top-level module",
        ),
        pytest.param(
            "a.old = b.new",
            "if x: from a import keep, old\n",
            "if x: from a import keep; from b import new as old\n",
            id="inside a one-line compound statement",
        ),
        pytest.param(
            "a.b = c.d\na.b.e = f.g",
            "from a.b import e, h\n",
            "from c.d import h; from f import g as e\n",
            id="longest rule wins for a submodule name",
        ),
    ),
)
def test_fix(rule, source, expected):
    assert fixed(source, rules_of(*rule.split("\n"))) == expected
