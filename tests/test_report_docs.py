"""The history examples of docs/report.md, run through the real command line on the history they describe (six
weekly commits, five legacy statements a file: 8, 6, 4, 2, 2, 2 files), their output compared with the page's."""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import pytest

from test_report_history import burn_down, git, weekly

DOC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "report.md")
_BLOCK = re.compile(r"^(`{3,})console\n\$ (unified-logging [^\n]*)\n(.*?)^\1$", re.MULTILINE | re.DOTALL)
_HASH = re.compile(r"\b[0-9a-f]{10}(?:[0-9a-f]{30})?\b")


def examples() -> list[tuple[str, str]]:
    with open(DOC, encoding="utf-8") as handle:
        text = handle.read()
    history = text[text.index("## History\n"):]
    return [(match.group(2), match.group(3)) for match in _BLOCK.finditer(history)]


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    repo = tmp_path_factory.mktemp("described")
    git(repo, "init", "-q")
    burn_down(repo, weekly([8, 6, 4, 2, 2, 2]))
    return repo


def test_the_page_has_its_examples():
    commands = [command for command, _ in examples()]
    assert len(commands) == 4 and any("--format markdown" in c for c in commands)


@pytest.mark.parametrize(("command", "expected"), examples(), ids=[command for command, _ in examples()])
def test_each_example_prints_what_the_page_shows(history, command, expected):
    args = shlex.split(command)[1:]
    result = subprocess.run([sys.executable, "-m", "flake8_unified_logging", *args], cwd=history,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert _HASH.sub("<commit>", result.stdout) == _HASH.sub("<commit>", expected)
