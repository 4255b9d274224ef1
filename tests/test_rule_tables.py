"""Rule tables as peer tools ship them (a standard-library table in the manner of pyupgrade's and ruff's UP035):
names split off any statement form cleanly, relative imports are their package's modules, and a rule whose
replacement another rule moves again is followed to the end of the chain."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import rules_of
from flake8_unified_logging.fixer import fix_text
from flake8_unified_logging.source.origin import Origin, origin_of
from flake8_unified_logging.rules import RuleError

TABLE = rules_of(
    "collections:Mapping = collections.abc:Mapping",
    "collections:Sequence = collections.abc:Sequence",
    "six.moves:getcwd = os:getcwd",
    "six.moves:StringIO = io:StringIO",
    "six.moves.queue = queue",
    "xml.etree.cElementTree = xml.etree.ElementTree",
)
STDIN = Origin()


def fixed(source: str, rules=TABLE, origin: Origin = STDIN) -> str:
    return fix_text(source, rules, origin).text


@pytest.mark.parametrize(
    "source",
    (
        pytest.param("from a import b\n", id="unrelated"),
        pytest.param("from collections import Counter, OrderedDict\n", id="no name of the table"),
        pytest.param("from .xml.etree.cElementTree import XML\n", id="relative, package unknown"),
        pytest.param("from ..collections import Mapping\n", id="relative name rule, package unknown"),
        pytest.param("if True: from six.moves import getcwd, StringIO\n", id="header line, two new modules"),
        pytest.param(
            "from collections import Counter, Mapping; x = Mapping\n", id="a statement after ';' reads the name"
        ),
    ),
)
def test_noop(source):
    assert fixed(source) == source


@pytest.mark.parametrize(
    ("source", "expected"),
    (
        pytest.param(
            "from collections import Counter, \\\n    Mapping\n",
            "from collections import Counter\nfrom collections.abc import Mapping\n",
            id="backslash continuation, last name moves",
        ),
        pytest.param(
            "from collections import Counter, \\\n    Mapping  # abc\nx = 1\n",
            "from collections import Counter  # abc\nfrom collections.abc import Mapping\nx = 1\n",
            id="backslash continuation with a comment",
        ),
        pytest.param(
            "from collections import Mapping, \\\n    Counter\n",
            "from collections import Counter\nfrom collections.abc import Mapping\n",
            id="backslash continuation, first name moves",
        ),
        pytest.param(
            "from collections import Counter, \\\n    Mapping, \\\n    OrderedDict\n",
            "from collections import Counter, \\\n    OrderedDict\nfrom collections.abc import Mapping\n",
            id="backslash continuation, middle name moves",
        ),
        pytest.param(
            "if True:\n    from collections import Counter, \\\n        Mapping\n    x = 1\n",
            "if True:\n    from collections import Counter\n    from collections.abc import Mapping\n    x = 1\n",
            id="backslash continuation, indented",
        ),
        pytest.param(
            "from collections import (\n    Counter,\n    Mapping,\n)\n",
            "from collections import (\n    Counter,\n)\nfrom collections.abc import Mapping\n",
            id="parenthesised, trailing comma",
        ),
        pytest.param(
            "from collections import (Counter,\n                         Mapping)\n",
            "from collections import (Counter)\nfrom collections.abc import Mapping\n",
            id="parenthesised, hanging",
        ),
        pytest.param(
            "from collections import (\n    Counter,  # keep\n    Mapping,\n)\n",
            "from collections import (\n    Counter,  # keep\n)\nfrom collections.abc import Mapping\n",
            id="parenthesised, the other's comment kept",
        ),
        pytest.param(
            "x = 1; from collections import Counter, Mapping\n",
            "x = 1; from collections import Counter\nfrom collections.abc import Mapping\n",
            id="after a semicolon",
        ),
        pytest.param(
            "from collections import Counter, Mapping; import os\n",
            "from collections import Counter; import os\nfrom collections.abc import Mapping\n",
            id="before a semicolon, the name not read there",
        ),
        pytest.param(
            "from collections import Mapping, Sequence\n", "from collections.abc import Mapping, Sequence\n",
            id="every name to one module",
        ),
        pytest.param(
            "from collections import Counter, Mapping, Sequence\n",
            "from collections import Counter\nfrom collections.abc import Mapping, Sequence\n",
            id="two names split off together",
        ),
        pytest.param(
            "from collections import Mapping as M, Counter\n",
            "from collections import Counter\nfrom collections.abc import Mapping as M\n",
            id="alias split off",
        ),
        pytest.param(
            "from six.moves import getcwd, StringIO\n", "from io import StringIO\nfrom os import getcwd\n",
            id="every name to its own module",
        ),
        pytest.param(
            "if True: from collections import Mapping\n", "if True: from collections.abc import Mapping\n",
            id="header line, one new module",
        ),
        pytest.param("from six.moves.queue import Queue\n", "from queue import Queue\n", id="module rule"),
        pytest.param(
            "import contextlib, xml.etree.cElementTree as ET\n", "import contextlib, xml.etree.ElementTree as ET\n",
            id="module rule in a plain import of two",
        ),
    ),
)
def test_fix(source, expected):
    assert fixed(source) == expected


@pytest.mark.parametrize(
    ("files", "where", "source"),
    (
        pytest.param(
            {"pkg/__init__.py": ""}, "pkg/mod.py", "from .xml.etree.cElementTree import XML\n",
            id="a package's own module",
        ),
        pytest.param(
            {"pkg/__init__.py": "", "pkg/xml/__init__.py": "", "pkg/xml/etree/__init__.py": "",
             "pkg/xml/etree/cElementTree.py": "XML = None\n"},
            "pkg/mod.py", "from .xml.etree.cElementTree import XML\n", id="a vendored copy in the package",
        ),
        pytest.param(
            {"pkg/__init__.py": "", "pkg/sub/__init__.py": ""}, "pkg/sub/mod.py",
            "from ..xml.etree import cElementTree\n", id="two dots, module from its package",
        ),
        pytest.param(
            {"pkg/__init__.py": ""}, "pkg/mod.py", "from .collections import Mapping\n", id="name rule's module",
        ),
    ),
)
def test_relative_imports_are_their_package_modules(write, files, where, source):
    for name, text in files.items():
        write(name, text)
    path = write(where, source)
    assert fixed(source, origin=origin_of(path)) == source


# A table whose replacements other rules move again: each composed to the end of its chain.
@pytest.mark.parametrize(
    ("rules", "source", "expected"),
    (
        pytest.param(
            ("a:X = b:X", "b:X = c:X"), "from a import X\nX()\n", "from c import X\nX()\n", id="name to name"
        ),
        pytest.param(
            ("a:X = b:Y", "b:Y = c:Z"), "from a import X\nX()\n", "from c import Z\nZ()\n",
            id="renamed twice, uses follow",
        ),
        pytest.param(("a = b", "b = c"), "import a.m\na.m.f()\n", "import c.m\nc.m.f()\n", id="module to module"),
        pytest.param(("a:X = b:X", "b = c"), "from a import X, Y\n", "from a import Y\nfrom c import X\n",
                     id="name, then its module moves"),
        pytest.param(("a = b", "b:X = c:X"), "from a import X, Y\n", "from b import Y\nfrom c import X\n",
                     id="module, then a name of the new module moves"),
        pytest.param(("mock = unittest.mock", "unittest.mock:patch = unittest.mock:patch_new"),
                     "from mock import patch, call\n", "from unittest.mock import patch_new, call\n",
                     id="module rule then name rule, as in peers' tables"),
    ),
)
def test_chains_are_composed(rules, source, expected):
    assert fixed(source, rules_of(*rules)) == expected


@pytest.mark.parametrize(
    ("rules", "message"),
    (
        (("a = b", "b = a"), "rule a = b: it loops through rule b = a"),
        (("a:X = b:X", "b:X = c:X", "c:X = a:X"), "rule a:X = b:X: it loops through rule "),
        (("a = a.b",), "rule a = a.b: it loops through rule a = a.b"),
    ),
)
def test_a_loop_is_a_one_line_error(rules, message):
    with pytest.raises(RuleError) as error:
        rules_of(*rules)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_a_loop_on_the_command_line_exits_2(tmp_path):
    (tmp_path / "m.py").write_text("from a import X\n")
    command = [sys.executable, "-m", "flake8_unified_logging", "fix", "--rule", "a:X = b:X", "--rule", "b:X = a:X",
               "m.py"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "it loops through rule b:X = a:X" in result.stderr
    assert (tmp_path / "m.py").read_text() == "from a import X\n"


def test_a_chained_table_fixes_in_one_pass_through_the_command_line(tmp_path):
    (tmp_path / "m.py").write_text("from a import X\nX()\n")
    command = [sys.executable, "-m", "flake8_unified_logging", "fix", "--no-target-check", "--rule", "a:X = b:X",
               "--rule", "b:X = c:X", "m.py"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "m.py").read_text() == "from c import X\nX()\n"
