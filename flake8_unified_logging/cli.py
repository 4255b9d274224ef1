"""The ``unified-logging`` command line: reads the arguments and the configuration, then hands the run to the
subcommand's module."""
from __future__ import annotations

import gc
import os
import sys
from _collections_abc import Sequence

from .commands.interruption import interrupted
from .commands.outcome import STDIN
from .config import load_settings
from .files import MAX_FILE_SIZE, SOURCE_SUFFIXES, describe_os_error, set_read_limit, shown
from .rules import RuleError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argparse import Namespace
    from types import SimpleNamespace

PROG = "unified-logging"
_SIMPLE_NAMESPACE = type(sys.implementation)  # types.SimpleNamespace, without loading ``types`` (a hook call)
# The options of a hook call (a command and file names) as argparse would set them; such a call is read
# without argparse, whose import costs each call ~2 ms. tests/test_cli.py holds both readings equal.
HOOK_CALL_OPTIONS = {
    "fix": {"exit_zero_even_if_changed": False, "fix_strings": False, "strict": False},
    "check": {"format": "text", "new_only": False, "base": "HEAD"},
}
# Each subcommand's module, with ``run_command(args, settings) -> int``, loaded when it is called: a hook call loads
# what fix or check needs and no more.
SUBCOMMANDS = {
    "fix": "commands.run",
    "check": "commands.run",
    "diff": "commands.run",
    "report": "report.command",
    "learn": "learn.command",
    "shim": "commands.shim",
    "cache": "commands.store",
}
# The language server: its configuration is each document's own, and its extra's dependencies load with it.
LSP = "lsp"
LSP_EXTRA = "flake8-unified-logging[lsp]"
LSP_DEPENDENCIES = ("pygls", "lsprotocol", "cattrs", "attrs")


def parse_arguments(argv: list[str]) -> Namespace | SimpleNamespace:
    """The command line read; after ``--`` (as the hooks pass file names) every argument is a path."""
    command, *paths = argv or [""]
    if paths[:1] == ["--"] and len(paths) > 1:
        paths = paths[1:]
    elif any(path.startswith("-") for path in paths):
        paths = []
    if command in HOOK_CALL_OPTIONS and paths:
        common = {"rule": None, "config": None, "jobs": available_processors(), "no_target_check": False,
                  "max_file_size": MAX_FILE_SIZE, "no_cache": False}
        return _SIMPLE_NAMESPACE(command=command, paths=paths, **common, **HOOK_CALL_OPTIONS[command])
    from .arguments import build_parser, subcommand_parser  # argparse, 2 ms: a hook call never needs it

    if command in ("fix", "check", "diff"):
        _refuse_files_named_like_options(command, argv[1:])
    known = command if command in SUBCOMMANDS or command == LSP else None
    args, extra = build_parser(known).parse_known_args(argv)
    if extra:  # an option of another command: this command's usage, not the top-level one
        subcommand_parser(args.command).error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def _refuse_files_named_like_options(command: str, arguments: list[str]) -> None:
    """An option that is also the name of a source file here (pre-commit appends staged file names after the hook's
    ``args``) is read as neither: the call is refused, so a file cannot pass for an option."""
    for argument in arguments:
        if argument == "--":
            return
        if argument.startswith("-") and argument.endswith(SOURCE_SUFFIXES) and os.path.lexists(argument):
            sys.stderr.write(
                f"{PROG} {command}: error: {argument!r} is both an option and a file here; put -- before the file"
                " names (in a pre-commit hook's args, end them with --)\n"
            )
            raise SystemExit(2)


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys.stdout, "errors", "strict") == "strict" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")  # a file name the terminal's encoding lacks
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return interrupted(None)
    except BrokenPipeError:
        # A reader that stopped early (head, less, grep -m1): end quietly, as git does, with a broken pipe's status.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + 13


def run() -> None:
    """The ``unified-logging`` command: ``main()``, then the process ends at once. Every file it wrote is closed
    and in place by then, and it starts no thread; Python's own shutdown would only walk the heap once more (a
    tenth of a hook call). The cyclic collector stays off: a run's objects hold no cycles worth it, and a long run
    collects every few hundred files (``commands/parallel.py``)."""
    gc.disable()
    status = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            status = 128 + 13
        except ValueError:  # closed already (the language server's output, when its session ends)
            pass
    os._exit(status)


def available_processors() -> int:
    """The processors this process may run on: ``--jobs`` never starts more processes than that."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _missing(path: str) -> str | None:
    """Why a named path cannot be reached (no such file, permission denied), or None."""
    if path == STDIN:
        return None
    try:
        os.lstat(path)
    except FileNotFoundError:
        return f"{shown(path)}: no such file or directory"
    except OSError as error:
        return f"{shown(path)}: {describe_os_error(error, 'cannot reach')}"
    return None


def _main(argv: Sequence[str] | None) -> int:
    args = parse_arguments(sys.argv[1:] if argv is None else list(argv))
    if args.command == LSP:
        set_read_limit(args.max_file_size)
        return _serve_lsp()
    if args.command == "cache":  # no configuration read: clearing works whatever the project's state
        from .commands.store import run_command

        return run_command(args)
    if getattr(args, "jobs", 1) < 1:
        sys.stderr.write("unified-logging: error: --jobs must be at least 1\n")
        return 2
    if hasattr(args, "jobs"):
        args.jobs = min(args.jobs, available_processors())
    if getattr(args, "max_file_size", 1) < 1:
        sys.stderr.write("unified-logging: error: --max-file-size must be at least 1\n")
        return 2
    set_read_limit(getattr(args, "max_file_size", MAX_FILE_SIZE))
    missing = [problem for problem in map(_missing, getattr(args, "paths", ())) if problem]
    if missing:  # before any file is read or any figure printed: a typo never passes as "nothing to do"
        sys.stderr.write(f"unified-logging: error: {missing[0]}\n")
        return 2
    if STDIN in getattr(args, "paths", ()) and len(args.paths) > 1:
        sys.stderr.write("unified-logging: error: '-' (standard input) cannot be combined with other paths\n")
        return 2
    try:
        settings = load_settings(getattr(args, "config", None), getattr(args, "rule", None))
    except RuleError as error:
        sys.stderr.write(f"unified-logging: error: {error}\n")
        return 2
    args.fix_strings = getattr(args, "fix_strings", False) or settings.fix_strings
    args.strict = getattr(args, "strict", False) or settings.strict
    # A plain __import__ of the name in the table: the importlib package would load warnings on every hook call.
    command = __import__(f"{__package__}.{SUBCOMMANDS[args.command]}", fromlist=["run_command"])
    return int(command.run_command(args, settings))


def _serve_lsp() -> int:
    """Serve an editor over stdio; without the ``lsp`` extra, say what to install."""
    try:
        server = __import__(f"{__package__}.lsp", fromlist=["serve"])
    except ImportError as error:
        if (error.name or "").partition(".")[0] not in LSP_DEPENDENCIES:
            raise
        sys.stderr.write(f"unified-logging: error: lsp needs {error.name}: pip install '{LSP_EXTRA}'\n")
        return 2
    return int(server.serve())


if __name__ == "__main__":
    raise SystemExit(main())
