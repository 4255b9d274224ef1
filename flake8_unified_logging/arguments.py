"""The full command line, built with argparse (hook calls are read without it: see ``cli.parse_arguments``)."""
from __future__ import annotations

import argparse
import os

from . import __version__

PROG = "unified-logging"


class _Formatter(argparse.HelpFormatter):
    """Help at the terminal's width, measured only when help is shown (argparse measures it at start-up)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=int(os.environ.get("COLUMNS", 0)) or 100)

    def format_help(self) -> str:
        import shutil

        self._width = shutil.get_terminal_size().columns - 2
        return super().format_help()


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with ``only``, just that command's part (building every part costs a hook call ~3 ms)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        formatter_class=_Formatter,
        description="Find and rewrite imports of legacy modules (rules: OLD.MODULE = NEW.MODULE).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    # An explicit prog keeps argparse from measuring the terminal (importing shutil) at start-up.
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, prog=PROG)
    options = argparse.ArgumentParser(add_help=False, formatter_class=_Formatter)
    options.add_argument(
        "--rule", action="append", metavar="OLD=NEW", help="a rule; repeat for more (replaces the configured rules)"
    )
    options.add_argument(
        "--config", metavar="FILE", help="read rules from FILE: a pyproject.toml, or [flake8] of a flake8 file"
    )
    options.add_argument(
        "--no-target-check",
        action="store_true",
        help="rewrite without checking that the new modules and names exist in the project",
    )
    options.add_argument(
        "--jobs", "-j", type=int, default=os.cpu_count() or 1, metavar="N", help="processes for large trees"
    )
    common = argparse.ArgumentParser(add_help=False, parents=[options], formatter_class=_Formatter)
    common.add_argument("paths", nargs="+", metavar="PATH", help="files or directories; - reads standard input")
    if only in (None, "fix"):
        fix = commands.add_parser(
            "fix", parents=[common], formatter_class=_Formatter, help="rewrite legacy imports in place"
        )
        fix.add_argument("--exit-zero-even-if-changed", action="store_true", help="exit 0 when files were rewritten")
    if only in (None, "check"):
        check = commands.add_parser(
            "check", parents=[common], formatter_class=_Formatter, help="report legacy imports (exit 1 when any)"
        )
        check.add_argument(
            "--format",
            choices=("text", "github", "json"),
            default="text",
            help="github: annotations; json: one array of findings",
        )
        check.add_argument("--new-only", action="store_true", help="only findings on lines changed since --base")
        check.add_argument("--base", default="HEAD", metavar="REF", help="git ref for --new-only (default: HEAD)")
    if only in (None, "diff"):
        commands.add_parser("diff", parents=[common], formatter_class=_Formatter, help="print the rewrite as a diff")
    if only in (None, "report"):
        _add_report_parser(commands, options)
    if only in (None, "shim"):
        shim = commands.add_parser(
            "shim", parents=[options], formatter_class=_Formatter, help="print a compatibility module for OLD.MODULE"
        )
        shim.add_argument("module", metavar="OLD.MODULE", help="the legacy module")
        shim.add_argument("paths", nargs="*", metavar="PATH", help="where its importers are (default: .)")
        shim.add_argument("--output", metavar="FILE", help="write it to FILE (refused over uncommitted changes)")
    return parser


def _add_report_parser(commands: argparse._SubParsersAction, options: argparse.ArgumentParser) -> None:
    report = commands.add_parser(
        "report", parents=[options], formatter_class=_Formatter, help="migration progress by rule, folder and file"
    )
    report.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="default: the Python files of the git work tree (tracked or not, ignored ones left out), else .",
    )
    report.add_argument("--depth", type=int, default=1, metavar="N", help="folder levels in the breakdown (default 1)")
    report.add_argument("--files", action="store_true", help="list each remaining file with its count")
    report.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    report.add_argument("--fail-above", type=int, metavar="N", help="exit 1 when more than N legacy statements remain")
    report.add_argument("--history", type=int, metavar="N", help="remaining statements in each of the last N commits")
