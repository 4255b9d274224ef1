"""Any sequence of edits to a project: after each, ``check`` with the kept results prints what ``check`` without
them prints."""
from __future__ import annotations

import contextlib
import io
import os
import tempfile

from hypothesis import given, settings
from hypothesis import strategies as st

from flake8_unified_logging.cli import main
from test_result_cache import PROJECT

NAMES = (
    "app/billing.py",
    "app/clean.py",
    "app/new.py",
    "app/sub/deep.py",
    "utils/logger_utils.py",
    "utils/logging/__init__.py",
    "utils/logging/core.py",
    "utils/logging/extra.py",
)
TEXTS = (
    None,  # the file is removed
    "",
    "x = 1\n",
    "from utils.logger_utils import get_service_logger\n\nlog = get_service_logger(__name__)\n",
    "from utils.logger_utils import setup, gone\n",
    "import utils.logger_utils\n\nutils.logger_utils.setup()\n",
    "from loguru import logger\n\nlogger.bind(x=1)\n",
    "from .core import get_logger, setup\n",
    "from .extra import *\n",
    "def get_logger(name=None):\n    pass\n",
    "def setup():\n    pass\n",
    "from utils.logging import *  # noqa: F401,F403\n",
    "import logging\n\n\ndef get_logger(name=None):\n    return logging.getLogger(name)\n",
    "def broken(:\n",
)
EDITS = st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(TEXTS)), min_size=1, max_size=6)


def check(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["check", *argv, "."])
    return status, out.getvalue(), err.getvalue()


def apply(root: str, name: str, text: str | None) -> None:
    path = os.path.join(root, name)
    if text is None:
        if os.path.exists(path):
            os.remove(path)
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


@settings(max_examples=40)
@given(EDITS)
def test_kept_results_never_differ_from_a_fresh_check(edits):
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as root:
        for name, text in PROJECT.items():
            apply(root, name, text)
        os.chdir(root)
        try:
            check()
            for name, text in edits:
                apply(root, name, text)
                assert check() == check("--no-cache")
        finally:
            os.chdir(here)
