"""The full command line, built with argparse from one table of options (hook calls are read without it: see
``cli.parse_arguments``). The README's command reference is rendered from the same table (``reference``)."""
from __future__ import annotations

import argparse
import os
import shutil

from . import __version__
from .files import MAX_FILE_SIZE
from .records import Record

PROG = "unified-logging"
COMMANDS = {
    "fix": "rewrite legacy imports in place",
    "check": "report legacy imports (exit 1 when any)",
    "diff": "print the rewrite as a diff, change nothing",
    "report": "migration progress by rule, folder and file; a ratchet; history",
    "shim": "print a compatibility module for OLD.MODULE",
    "learn": "print the rules a hand-migrated commit (or two trees) shows, checked on it and on the tree",
    "lsp": "a language server over stdio: check's findings as diagnostics, fix's rewrites as code actions",
    "cache": "show or clear the results kept between runs",
}
_FILES = ("fix", "check", "diff")
_ALL = (*_FILES, "report", "shim")
_UNCHECKED = "where the new module or name is not found in the project"


class Option(Record):
    """An option: its flags, argparse settings, and its help for each command it applies to."""

    __slots__ = ()
    flags: tuple[str, ...]
    settings: dict[str, object]
    helps: dict[str, str]

    def __new__(cls, flags: tuple[str, ...], settings: dict[str, object], helps: dict[str, str]) -> Option:
        return tuple.__new__(cls, (flags, settings, helps))


def _same(commands: tuple[str, ...], text: str) -> dict[str, str]:
    return {command: text for command in commands}


OPTIONS = (
    Option(("--rule",), {"action": "append", "metavar": "RULE"}, _same(
        _ALL, "a rule (OLD = NEW, old.mod:name = new.mod:name, old.mod:obj = new.mod:factory(ARGS)); "
        "repeat for more; replaces the configured rules")),
    Option(("--config",), {"metavar": "FILE"}, _same(
        _ALL, "read the rules from FILE: a pyproject.toml, or the [flake8] section of a flake8 file")),
    Option(("--no-target-check",), {"action": "store_true"}, {
        "learn": "count the tree without checking that the new modules and names exist",
        "fix": f"rewrite also {_UNCHECKED}",
        "diff": f"show the rewrite also {_UNCHECKED}",
        "check": f"report ULG001, not ULG005, {_UNCHECKED}",
        "report": f"count statements as fixable imports, not blocked, {_UNCHECKED}",
        "shim": "print the shim without checking that its re-exports resolve",
    }),
    Option(("--no-cache",), {"action": "store_true"}, _same(
        (*_FILES, "report"), "neither use nor keep the results kept between runs (also: cache = false in the "
        "configuration)")),
    Option(("--jobs", "-j"), {"type": int, "default": os.cpu_count() or 1, "metavar": "N"}, _same(
        (*_FILES, "report"), "processes for large trees (default: the number of cores)")),
    Option(("--max-file-size",), {"type": int, "default": MAX_FILE_SIZE, "metavar": "BYTES"}, _same(
        (*_ALL, "learn", "lsp"), "files, modules, git blobs and editor buffers larger than this are not read, and "
        "named as skipped "
        f"(default: {MAX_FILE_SIZE})")),
    Option(("--fix-strings",), {"action": "store_true"}, {
        "fix": "rewrite also the strings that name a moved module or name where Python resolves them (mock.patch, "
        "monkeypatch, import_module, dictConfig, ...)",
        "diff": "show the rewrite of those strings too (as fix --fix-strings)",
    }),
    Option(("--exit-zero-even-if-changed",), {"action": "store_true"}, {"fix": "exit 0 when files were rewritten"}),
    Option(("--strict",), {"action": "store_true"}, {
        "fix": "exit 1 also when only ULG005 is left (a target lacks a module, name or member: by default it is "
        "printed and does not fail)"}),
    Option(("--format",), {"choices": ("text", "github", "json"), "default": "text"}, {
        "check": "text: PATH:LINE:COL: CODE message; github: annotations; json: one array of findings"}),
    Option(("--new-only",), {"action": "store_true"}, {"check": "only findings on lines changed since --base"}),
    Option(("--base",), {"default": "HEAD", "metavar": "REF"}, {"check": "git ref for --new-only (default: HEAD)"}),
    Option(("--format",), {"choices": ("text", "markdown", "json"), "default": "text"}, {
        "report": "text or markdown tables, or one JSON document"}),
    Option(("--depth",), {"type": int, "default": 1, "metavar": "N"}, {
        "report": "folder levels in the breakdown (default: 1)"}),
    Option(("--files",), {"action": "store_true"}, {"report": "list each remaining file with its count"}),
    Option(("--fail-above",), {"type": int, "metavar": "N"}, {
        "report": "exit 1 when more than N legacy statements remain (the ratchet)"}),
    Option(("--history",), {"type": int, "metavar": "N"}, {
        "report": "remaining statements under the PATHs (default: .) in each of the last N commits, with the pace "
                  "and the projected finish"}),
    Option(("--since",), {"metavar": "DATE"}, {
        "report": "the history of the commits dated DATE or later (YYYY-MM-DD, N days, N weeks)"}),
    Option(("--step",), {"choices": ("commit", "day", "week")}, {
        "report": "one history point per commit, day or week (default: per commit up to 60 commits, else per day "
        "up to 60 days, else per week)"}),
    Option(("--chart",), {"metavar": "FILE"}, {"report": "write the history as an SVG burn-down to FILE"}),
    Option(("--output",), {"metavar": "FILE"}, {"shim": "write it to FILE (refused over uncommitted changes)"}),
    Option(("--before",), {"metavar": "PATH"}, {"learn": "the examples' files or tree before the edit"}),
    Option(("--after",), {"metavar": "PATH"}, {"learn": "the same files or tree after the edit"}),
    Option(("--format",), {"choices": ("toml", "ini", "json"), "default": "toml"}, {
        "learn": "toml: a [tool.unified-logging] table; ini: flake8's [flake8] option; json: rules and figures"}),
)
POSITIONALS = {
    "fix": (("paths", {"nargs": "+", "metavar": "PATH"}, "files or directories; - reads standard input"),),
    "report": (("paths", {"nargs": "*", "metavar": "PATH"},
                "default: the Python files of the git work tree (tracked or not, ignored ones left out), else ."),),
    "shim": (
        ("module", {"metavar": "OLD.MODULE"}, "the legacy module"),
        ("paths", {"nargs": "*", "metavar": "PATH"}, "where its importers are (default: .)"),
    ),
}
POSITIONALS["check"] = POSITIONALS["diff"] = POSITIONALS["fix"]
POSITIONALS["lsp"] = ()
POSITIONALS["cache"] = (
    ("action", {"choices": ("info", "clear"), "metavar": "info|clear"},
     "info: where the results are kept and their size; clear: remove them"),
)
POSITIONALS["learn"] = (
    ("spec", {"nargs": "*", "metavar": "REV"},
     "a commit (against its parent) or REV1..REV2, then PATHs limiting the examples"),
)
EPILOG = """\
rules (--rule, [tool.unified-logging] rules in pyproject.toml, unified-logging-rules in [flake8]):
  old.module = new.module                    a module moved (its submodules with it)
  old.module:name = new.module:other         a name moved, or renamed (its uses renamed too)
  old.module:obj = new.module:factory(ARGS)  an object replaced by a factory's call ({module}, {stem})
lookup: --rule or --config; else the nearest folder upwards whose pyproject.toml, setup.cfg, tox.ini or .flake8
  sets the rules; else the built-in rules
exit codes:
  fix, check, diff  0 nothing to do, 1 findings or rewrites (fix: ULG005 alone only with --strict), 2 a usage,
                    configuration or file error
  report            0 done, 1 more than --fail-above remain, 2 a usage, configuration or git error (or a --since
                    or --chart that cannot be used)
  shim              0 printed or written, 2 refused (a re-export would not resolve, or OLD.MODULE is not the
                    project's: a shim would shadow an installed package or the standard library) or an error
  learn             0 rules printed, 1 the edits fit no rule, 2 no examples (a bad revision or path, no edit)
  lsp               0 after the editor's shutdown and exit, 1 an exit without shutdown, 2 its extra is missing
  cache             0 done
"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Help at the terminal's width, measured only when help is shown (argparse measures it at start-up)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=int(os.environ.get("COLUMNS", 0)) or 100)

    def format_help(self) -> str:
        self._width = shutil.get_terminal_size().columns - 2
        return super().format_help()


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with ``only``, just that command's part (building every part costs a hook call ~3 ms)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        formatter_class=_Formatter,
        description="Find and rewrite imports of legacy modules.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    # An explicit prog keeps argparse from measuring the terminal (importing shutil) at start-up.
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, prog=PROG)
    for command, summary in COMMANDS.items():
        if only in (None, command):
            sub = commands.add_parser(command, formatter_class=_Formatter, help=summary, description=summary)
            for name, settings, text in POSITIONALS[command]:
                sub.add_argument(name, help=text, **settings)  # type: ignore[arg-type]
            for option in OPTIONS:
                if command in option.helps:
                    sub.add_argument(*option.flags, help=option.helps[command], **option.settings)  # type: ignore
    return parser


def subcommand_parser(command: str) -> argparse.ArgumentParser:
    """The parser of one command, for its own usage line in an error."""
    parser = build_parser(command)
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        return action.choices[command]  # type: ignore[attr-defined,index]
    raise KeyError(command)


def reference() -> str:
    """The command reference of the README, from the same table: each command, its arguments and options."""
    out = []
    for command, summary in COMMANDS.items():
        positionals = " ".join(
            settings["metavar"] + (" ..." if settings.get("nargs") == "+" else "") if settings.get("nargs") != "*"
            else f"[{settings['metavar']} ...]" for _, settings, _ in POSITIONALS[command]
        )
        options = "[OPTIONS]" if any(command in option.helps for option in OPTIONS) else ""
        usage = " ".join(part for part in (PROG, command, options, positionals) if part)
        out += [f"`{usage}`: {summary}.", ""]
        for name, settings, text in POSITIONALS[command]:
            out.append(f"- `{settings['metavar']}`: {text}")
        for option in OPTIONS:
            if command in option.helps:
                value = option.settings.get("metavar") or "|".join(option.settings.get("choices", ())) or ""
                spelled = ", ".join(option.flags) + (f" {value}" if value else "")
                out.append(f"- `{spelled}`: {option.helps[command]}")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(reference(), end="")
