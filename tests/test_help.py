"""The help texts and the command reference in the docs come from one table of options, and cannot drift."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from flake8_unified_logging.arguments import COMMANDS, OPTIONS, reference

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def help_of(*argv: str) -> str:
    env = {**os.environ, "COLUMNS": "200"}
    result = subprocess.run(
        [sys.executable, "-m", "flake8_unified_logging", *argv, "--help"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    return " ".join(result.stdout.split())


def test_the_docs_hold_the_reference_of_the_table():
    with open(os.path.join(ROOT, "docs", "command-line.md"), encoding="utf-8") as handle:
        readme = handle.read()
    begin, end = "<!-- command reference: begin -->\n", "<!-- command reference: end -->"
    assert readme[readme.index(begin) + len(begin) : readme.index(end)] == reference()


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_describes_exactly_its_own_options(command):
    text = help_of(command)
    for option in OPTIONS:
        for flag in option.flags:
            if command in option.helps:
                assert flag in text and " ".join(option.helps[command].split()) in text
            elif not any(flag in other.flags and command in other.helps for other in OPTIONS):
                assert f"{flag} " not in text and f"[{flag}" not in text


def test_the_top_level_help_gives_the_rule_forms_the_lookup_and_the_exit_codes():
    text = help_of()
    for form in ("old.module = new.module", "old.module:name = new.module:other", "new.module:factory(ARGS)"):
        assert form in text
    assert "lookup: --rule or --config; else the nearest folder upwards" in text
    for command in COMMANDS:
        assert command in text.split("exit codes:")[1]


@pytest.mark.parametrize(
    ("argv", "usage"),
    (
        (["fix", "--format", "json", "."], "usage: unified-logging fix "),
        (["report", "--format", "github"], "usage: unified-logging report "),
        (["shim"], "usage: unified-logging shim "),
    ),
)
def test_an_error_in_a_command_shows_that_commands_usage(argv, usage):
    result = subprocess.run([sys.executable, "-m", "flake8_unified_logging", *argv], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith(usage)
    assert result.stderr.splitlines()[-1].startswith(f"unified-logging {argv[0]}: error: ")
