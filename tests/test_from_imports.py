"""``from OLD import names``: the module is respelled, everything else stays byte-for-byte."""
import ast

import pytest

from conftest import fixed


@pytest.mark.parametrize(
    "source",
    (
        "from utils.logging import get_service_logger\n",
        "from utils.logger_utils_v2 import a\n",
        "from myutils.logger_utils import a\n",
        "from utils import helpers, logger\n",
        "from logging_config_v2 import setup\n",
        "x = 'from utils.logger_utils import a'\n",
        "# from utils.logger_utils import a\n",
        "from utils import *\n",
        "from . import helpers\n",
    ),
)
def test_noop(source):
    assert fixed(source) == source


@pytest.mark.parametrize(
    ("source", "expected"),
    (
        pytest.param(
            "from utils.logger_utils import get_service_logger\n",
            "from utils.logging import get_service_logger\n",
            id="simple",
        ),
        pytest.param(
            "from utils.logger_utils import a, b as c\n",
            "from utils.logging import a, b as c\n",
            id="aliases",
        ),
        pytest.param(
            "from utils.logger_utils import (\n    a,  # first\n    # between\n    b as c,\n)\n",
            "from utils.logging import (\n    a,  # first\n    # between\n    b as c,\n)\n",
            id="parenthesized with comments",
        ),
        pytest.param(
            "from utils.logger_utils \\\n    import a\n",
            "from utils.logging \\\n    import a\n",
            id="backslash after module",
        ),
        pytest.param(
            "from utils \\\n  .logger_utils import a\n",
            "from utils \\\n  .logging import a\n",
            id="backslash inside module",
        ),
        pytest.param("from utils.logger_utils import *\n", "from utils.logging import *\n", id="star"),
        pytest.param(
            "import os; from utils.logger_utils import a; x = 1\n",
            "import os; from utils.logging import a; x = 1\n",
            id="semicolons",
        ),
        pytest.param(
            "def f():\n\tfrom utils.logger_utils import a\n\treturn a\n",
            "def f():\n\tfrom utils.logging import a\n\treturn a\n",
            id="tab-indented in function",
        ),
        pytest.param(
            "class C:\n    from utils.logger_utils import a\n",
            "class C:\n    from utils.logging import a\n",
            id="class body",
        ),
        pytest.param(
            "try:\n    from utils.logger_utils import a\nexcept ImportError:\n    a = None\n",
            "try:\n    from utils.logging import a\nexcept ImportError:\n    a = None\n",
            id="try except",
        ),
        pytest.param(
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from utils.logger_utils import L\n",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from utils.logging import L\n",
            id="type checking",
        ),
        pytest.param(
            "if x: from utils.logger_utils import a  # why\n",
            "if x: from utils.logging import a  # why\n",
            id="one-line compound statement",
        ),
        pytest.param(
            "from logging_config import setup_clean_logging\n",
            "from utils.logging import setup_clean_logging\n",
            id="single-segment legacy module",
        ),
        pytest.param(
            "from utils.logger_utils.handlers import H\n",
            "from utils.logging.handlers import H\n",
            id="submodule",
        ),
        pytest.param(
            "from utils import logger_utils\n",
            "from utils import logging as logger_utils\n",
            id="module imported from its package keeps its local name",
        ),
        pytest.param(
            "from utils import logger_utils as lu, helpers\n",
            "from utils import logging as lu, helpers\n",
            id="aliased module among other names",
        ),
        pytest.param(
            "from utils import (\n    helpers,\n    logger_utils,\n)\n",
            "from utils import (\n    helpers,\n    logging as logger_utils,\n)\n",
            id="module in a parenthesized list",
        ),
        pytest.param(
            "x = f'{1}'\nfrom utils.logger_utils import a\n",
            "x = f'{1}'\nfrom utils.logging import a\n",
            id="after an f-string",
        ),
        pytest.param(
            's = """\n"""; from utils.logger_utils import a\n',
            's = """\n"""; from utils.logging import a\n',
            id="statement starting inside a string's last line",
        ),
        pytest.param(
            "from utils.logger_utils import a\nfrom utils.logger_utils import b\n",
            "from utils.logging import a, b\n",
            id="two statements: joined, as the import sorter joins them",
        ),
        pytest.param(
            "from utils.logger_utils import ä\n",
            "from utils.logging import ä\n",
            id="non-ascii name",
        ),
        pytest.param(
            "é = 1; from utils.logger_utils import a\n",
            "é = 1; from utils.logging import a\n",
            id="non-ascii before the statement",
        ),
    ),
)
def test_fix(source, expected):
    assert fixed(source) == expected


@pytest.mark.parametrize(
    "source",
    ("import a", "import a.b as c, d", "from . import x", "from ..a.b import (c as d,\n    e)", "from a import *",
     "from .a import b as b", "x = f(1)"),
)
def test_replacement_text_as_ast_writes_it(source):
    """The message's replacement text: an import statement written without ``ast``, as ``ast.unparse`` writes it."""
    from flake8_unified_logging.engine.statement_findings import _unparse

    node = ast.parse(source).body[0]
    assert _unparse(node) == ast.unparse(node)
