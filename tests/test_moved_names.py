"""A name imported from a package that itself is a moved module: split out onto its own line, local names kept."""
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
            "from a import keep\nfrom b import new as o\n",
            id="split after the statement",
        ),
        pytest.param(
            "a.old = b.new",
            "from a import (\n    old,\n    keep,  # stays\n)\n",
            "from a import (\n    keep,  # stays\n)\nfrom b import new as old\n",
            id="split from a parenthesized list",
        ),
        pytest.param(
            "a.old = b.new",
            "from a import keep, old\n",
            "from a import keep\nfrom b import new as old\n",
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
            "if x: from a import keep, old\n",
            id="inside a one-line compound statement: no line to add, left (ULG004)",
        ),
        pytest.param(
            "a.old = b.new",
            "def f():\n\tx = 1; from a import keep, old  # c\r\n\treturn x\r\n",
            "def f():\n\tx = 1; from a import keep  # c\r\n\tfrom b import new as old\r\n\treturn x\r\n",
            id="after a semicolon: the body's indentation and the line's ending",
        ),
        pytest.param(
            "a.old = b.new",
            "from a import keep, old",
            "from a import keep\nfrom b import new as old",
            id="no final newline stays without one",
        ),
        pytest.param(
            "a.b = c.d\na.b.e = f.g",
            "from a.b import e, h\n",
            "from c.d import h\nfrom f import g as e\n",
            id="longest rule wins for a submodule name",
        ),
    ),
)
def test_fix(rule, source, expected):
    assert fixed(source, rules_of(*rule.split("\n"))) == expected
