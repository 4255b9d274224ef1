"""Lines ``fix`` adds or moves go where the project's import sorter puts them: its sections, first-party as the
sorter decides it (the project's own top-level packages), sorted position, the blank lines after the imports, read
from isort's or ruff's configuration; removing a statement leaves no blank line too many."""
from __future__ import annotations

import pytest

from conftest import rules_of
from flake8_unified_logging.fixer import fix_text
from flake8_unified_logging.resolve.targets import TargetCheck
from flake8_unified_logging.source import sorter
from flake8_unified_logging.source.origin import origin_of

RULES = rules_of(
    "loguru:logger = utils.logging:get_logger(__name__)",
    "utils.logger_utils = utils.logging",
    "old.mod:name = new.mod:name",
)
LOGGING = "def get_logger(name):\n    return name\n\n\ndef get_service_logger(name):\n    return name\n"
USE = '\n\nclass A:\n    def f(self):\n        logger.info("x")\n'


@pytest.fixture
def project(write):
    """A project whose own top-level packages are ``utils`` and ``models``; returns a function fixing a text as
    the file ``app/m.py`` with ``config`` as its pyproject.toml's sorter tables (or another file's)."""
    write("utils/__init__.py", "")
    write("utils/logging.py", LOGGING)
    write("utils/logger_utils.py", LOGGING)
    write("models/__init__.py", "Result = 1\n")
    write("app/__init__.py", "")

    def fix(text: str, config: str = "", name: str = "pyproject.toml") -> str:
        write(name, config)
        path = write("app/m.py", text)
        return fix_text(text, RULES, origin_of(path), TargetCheck()).text

    return fix


FIXES = [
    pytest.param(
        "import os\n\nfrom fastapi import x\nfrom loguru import logger\n\nfrom models import Result\n" + USE,
        "import os\n\nfrom fastapi import x\n\nfrom models import Result\nfrom utils.logging import get_logger\n\n"
        "logger = get_logger(__name__)\n" + USE,
        id="to the first-party section, sorted, the assignment one blank line after the imports",
    ),
    pytest.param(
        "import os\n\nfrom loguru import logger\n\nfrom models import Result\n" + USE,
        "import os\n\nfrom models import Result\nfrom utils.logging import get_logger\n\n"
        "logger = get_logger(__name__)\n" + USE,
        id="its section left empty: no blank line too many",
    ),
    pytest.param(
        "import os\n\nfrom fastapi import x\nfrom loguru import logger\n" + USE,
        "import os\n\nfrom fastapi import x\n\nfrom utils.logging import get_logger\n\n"
        "logger = get_logger(__name__)\n" + USE,
        id="a new first-party section after the others",
    ),
    pytest.param(
        "from loguru import logger\n\nfrom models import Result\nfrom utils.zeta import z\n" + USE,
        "from models import Result\nfrom utils.logging import get_logger\nfrom utils.zeta import z\n\n"
        "logger = get_logger(__name__)\n" + USE,
        id="between two first-party imports; the first line's blank line goes with it",
    ),
    pytest.param(
        "import os\n\nfrom models import Result\nfrom utils.logger_utils import get_service_logger\n\nx = 1\n",
        "import os\n\nfrom models import Result\nfrom utils.logging import get_service_logger\n\nx = 1\n",
        id="a respelled module in its place stays",
    ),
    pytest.param(
        "from old.mod import keep, name\n",
        "from new.mod import name\nfrom old.mod import keep\n",
        id="a split-off import sorted before its statement",
    ),
    pytest.param(
        "import os\n\nfrom loguru import logger\nfrom models import Result\n\n\nlogger.info(1)\n",
        "import os\n\nfrom models import Result\nfrom utils.logging import get_logger\n\n"
        "logger = get_logger(__name__)\n\n\nlogger.info(1)\n",
        id="the blank lines after the imports stay after the assignment",
    ),
    pytest.param(
        "def f():\n    import os\n    from loguru import logger\n    logger.info(os.sep)\n",
        "def f():\n    import os\n\n    from utils.logging import get_logger\n    logger = get_logger(__name__)\n"
        "    logger.info(os.sep)\n",
        id="a nested import: in its section, the assignment right after it",
    ),
]


@pytest.mark.parametrize("source, expected", FIXES)
def test_fix(project, source, expected):
    assert project(source) == expected


NOOPS = [
    pytest.param(
        "from zeta import z\nfrom loguru import logger\nfrom models import Result\n" + USE,
        "from zeta import z\nfrom utils.logging import get_logger\nfrom models import Result\n\n"
        "logger = get_logger(__name__)\n" + USE,
        id="a block the sorter would reorder anyway: respelled in place",
    ),
    pytest.param(
        "import os\n\n# the logger\nfrom loguru import logger\n\nfrom models import Result\n" + USE,
        "import os\n\n# the logger\nfrom utils.logging import get_logger\n\nfrom models import Result\n\n"
        "logger = get_logger(__name__)\n" + USE,
        id="a comment above it: respelled in place",
    ),
    pytest.param(
        "import os\n\nfrom loguru import logger  # isort: skip\n\nfrom models import Result\n" + USE,
        "import os\n\nfrom utils.logging import get_logger  # isort: skip\n\nfrom models import Result\n\n"
        "logger = get_logger(__name__)\n" + USE,
        id="a file with an isort action comment: in place",
    ),
]


@pytest.mark.parametrize("source, expected", NOOPS)
def test_noop_placement(project, source, expected):
    assert project(source) == expected


CONFIGS = [
    pytest.param(
        "[tool.isort]\nlines_after_imports = 2\n",
        "pyproject.toml",
        "import os\n\nfrom models import Result\nfrom utils.logging import get_logger\n\n\n"
        "logger = get_logger(__name__)\n" + USE,
        id="isort's lines_after_imports",
    ),
    pytest.param(
        "[tool.isort]\nknown_third_party = ['utils']\n",
        "pyproject.toml",
        "import os\n\nfrom utils.logging import get_logger\n\nfrom models import Result\n\n"
        "logger = get_logger(__name__)\n" + USE,
        id="isort's known_third_party",
    ),
    pytest.param(
        "[isort]\nprofile = black\nknown_first_party = loguru\n",
        "setup.cfg",
        "import os\n\nfrom models import Result\nfrom utils.logging import get_logger\n\n"
        "logger = get_logger(__name__)\n" + USE,
        id="setup.cfg's [isort]",
    ),
    pytest.param(
        "[settings]\nforce_to_top = os\n",
        ".isort.cfg",
        "import os\n\nfrom utils.logging import get_logger\n\nfrom models import Result\n\n"
        "logger = get_logger(__name__)\n" + USE,
        id="an order not modelled: in place",
    ),
    pytest.param(
        "[tool.ruff.lint.isort]\nknown-third-party = ['utils']\nlines-after-imports = 2\n",
        "pyproject.toml",
        "import os\n\nfrom utils.logging import get_logger\n\nfrom models import Result\n\n\n"
        "logger = get_logger(__name__)\n" + USE,
        id="ruff's isort settings",
    ),
    pytest.param(
        "[lint.isort]\nknown-first-party = ['loguru']\n",
        "ruff.toml",
        "import os\n\nfrom models import Result\nfrom utils.logging import get_logger\n\n"
        "logger = get_logger(__name__)\n" + USE,
        id="ruff.toml",
    ),
]


@pytest.mark.parametrize("config, name, expected", CONFIGS)
def test_configuration(project, config, name, expected):
    source = "import os\n\nfrom loguru import logger\n\nfrom models import Result\n" + USE
    assert project(source, config, name) == expected


def test_force_sort_within_sections(project):
    source = "import os\n\nfrom loguru import logger\n\nfrom models import Result\nimport utils.zeta\n" + USE
    expected = ("import os\n\nfrom models import Result\nfrom utils.logging import get_logger\nimport utils.zeta\n\n"
                "logger = get_logger(__name__)\n" + USE)
    assert project(source, "[tool.isort]\nforce_sort_within_sections = true\n") == expected


def test_import_statements_before_from_statements(project):
    source = "import os\n\nfrom loguru import logger\n\nimport utils.zeta\nfrom models import Result\n" + USE
    expected = ("import os\n\nimport utils.zeta\nfrom models import Result\nfrom utils.logging import get_logger\n\n"
                "logger = get_logger(__name__)\n" + USE)
    assert project(source) == expected


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import os\n\nfrom loguru import logger\n\n\nclass A:\n    pass\n", "import os\n\n\nclass A:\n    pass\n"),
        ("from loguru import logger\n\n\nimport os\n\nos.sep\n", "import os\n\nos.sep\n"),
        ("import os\n\nfrom loguru import logger\n", "import os\n"),
        ("import os\nfrom loguru import logger\nimport sys\n", "import os\nimport sys\n"),
    ],
)
def test_removed_leaves_no_blank_line_too_many(project, source, expected):
    assert project(source) == expected


def test_the_configuration_is_read_once_per_run_and_only_for_a_rewrite(write, monkeypatch):
    read = []
    style_in = sorter._style_in
    monkeypatch.setattr(sorter, "_style_in", lambda folder: read.append(folder) or style_in(folder))
    write("utils/__init__.py", "")
    write("utils/logging.py", LOGGING)
    write("pyproject.toml", "[tool.isort]\nprofile = 'black'\n")
    targets = TargetCheck()
    clean = write("app/clean.py", "import os\n")
    fix_text("import os\n", RULES, origin_of(clean), targets)
    assert read == [] and targets.sorters == {}
    for name in ("one", "two"):
        path = write(f"app/{name}.py", "import os\n\nfrom loguru import logger\n\nlogger.info(os.sep)\n")
        source = "import os\n\nfrom loguru import logger\n\nlogger.info(os.sep)\n"
        fixed = fix_text(source, RULES, origin_of(path), targets)
        assert "from utils.logging import get_logger\n\nlogger = get_logger(__name__)\n" in fixed.text
    assert len([folder for folder in read if folder.endswith("app")]) == 1


SPLITS = rules_of(
    "six.moves:getcwd = os:getcwd",
    "six.moves:StringIO = io:StringIO",
    "six.moves.queue = queue",
    "typing:Callable = collections.abc:Callable",
    "typing:OrderedDict = collections:OrderedDict",
)


@pytest.mark.parametrize(
    ("source", "expected"),
    (
        pytest.param("from six.moves import StringIO, getcwd, urllib_request\n",
                     "from io import StringIO\nfrom os import getcwd\n\nfrom six.moves import urllib_request\n",
                     id="two split-off imports of one new section: no blank line between them"),
        pytest.param("from typing import AbstractSet, Callable, OrderedDict\n",
                     "from collections import OrderedDict\nfrom collections.abc import Callable\n"
                     "from typing import AbstractSet\n", id="two split-off imports at one place, in sorted order"),
        pytest.param("from six.moves import getcwd, map, queue\n",
                     "import queue\nfrom os import getcwd\n\nfrom six.moves import map\n",
                     id="a plain import and a from import split off"),
    ),
)
def test_split_off_imports_at_one_place(write, source, expected):
    """isort's defaults (no configuration): what isort --check accepts."""
    path = write("m.py", source)
    assert fix_text(source, SPLITS, origin_of(path)).text == expected
