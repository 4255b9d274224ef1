"""The ``unified-logging`` command line: thin adapters over the finder and the fixer."""
from __future__ import annotations

import os
import sys
from collections import namedtuple
from collections.abc import Callable, Sequence
from types import SimpleNamespace

from . import noqa
from .config import load_settings
from .files import SourceError, decode, encode, read_bytes, write_atomic
from .findings import TARGET_MISSING
from .origin import origin_of
from .rules import RuleError, RuleSet

TYPE_CHECKING = False
if TYPE_CHECKING:
    import _ast as ast
    from argparse import Namespace

    from .finder import Imported
    from .findings import Finding
    from .guard import Importers
    from .targets import TargetCheck

STDIN = "-"
# The options of a hook call (a command and file names) as argparse would set them; such a call is read
# without argparse, whose import costs each call ~2 ms. tests/test_cli.py holds both readings equal.
HOOK_CALL_OPTIONS = {
    "fix": {"exit_zero_even_if_changed": False, "fix_strings": False, "strict": False},
    "check": {"format": "text", "new_only": False, "base": "HEAD"},
}


class Outcome(namedtuple("Outcome", "status out err data imports", defaults=("", "", None, None))):
    """One file's exit status, text for stdout and stderr, bytes for stdout (``fix -``), and what the file takes
    from legacy modules as the guard counts it (None: not collected, or not known)."""

    __slots__ = ()
    status: int
    out: str
    err: str
    data: bytes | None
    imports: tuple[Imported, ...] | None


def _format(path: str, finding: Finding, style: str = "text", text: str = "") -> str:
    if style == "json":
        import json

        from .json_edits import describe_edits

        record = {"path": path, "line": finding.line, "col": finding.col + 1, "code": finding.code}
        record["message"] = finding.message
        if finding.edits:
            record.update(describe_edits(finding, text))
        return json.dumps(record) + "\n"
    if style == "github":
        where = f"file={_escape(path, True)},line={finding.line},col={finding.col + 1},title={finding.code}"
        return f"::error {where}::{_escape(finding.text, False)}\n"
    return f"{path}:{finding.line}:{finding.col + 1}: {finding.text}\n"


def _escape(value: str, is_property: bool) -> str:
    """GitHub workflow-command escaping."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if is_property else value


def failed(path: str, message: str) -> Outcome:
    """The outcome of a file that cannot be read, parsed or written: exit status 2 and the reason on stderr."""
    return Outcome(2, err=f"{path}: error: {message}\n")


def _load(path: str, rules: RuleSet, data: bytes | None = None) -> tuple[bytes, str, str] | Outcome:
    """``(bytes, text, encoding)`` of a file that may need work (``data``: its bytes, when the run read them), or
    the outcome when it cannot."""
    try:
        if data is None:
            data = sys.stdin.buffer.read() if path == STDIN else read_bytes(path)
        if b"\0" not in data and not rules.may_occur_in(data, path):
            return Outcome(0, data=data)
        source = decode(data)
    except SourceError as error:
        return failed(path, str(error))
    if not rules.occur_in(source.text):
        return Outcome(0, data=data)
    return data, source.text, source.encoding


def _syntax_error(path: str, error: Exception) -> Outcome:
    from .unreadable import parse_failure  # where newer_syntax was imported: a hook call that parses nothing

    return failed(path, parse_failure(error))


def check_file(
    path: str,
    rules: RuleSet,
    style: str = "text",
    lines: frozenset[int] | None = None,
    targets: TargetCheck | None = None,
    importers: Importers | None = None,
    collect: bool = False,
    data: bytes | None = None,
) -> Outcome:
    """Report a file's findings; with ``lines``, only those that start on one of them. ``importers``: the guard's
    view of the run (default: a scan); ``collect``: return what the file takes from legacy modules; ``data``: the
    file's bytes, when the run read them."""
    guarded = _guarded(path, rules, targets, importers)
    loaded = _load(path, rules, data)
    if isinstance(loaded, Outcome) and not guarded:
        return loaded._replace(imports=()) if collect else loaded
    findings = list(guarded)
    imports: tuple[Imported, ...] | None = None
    if not isinstance(loaded, Outcome):
        from .finder import find, guard_imports

        origin = origin_of(path)
        try:
            tree = _parse(loaded[1])
            found = find(loaded[1], rules, tree=tree, origin=origin, targets=targets)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
            return _syntax_error(path, error)._replace(imports=() if collect else None)
        findings += found
        imports = guard_imports(loaded[1], rules, tree, origin, found) if collect else None
    if lines is not None:
        findings = [f for f in findings if f.line in lines]
    name = "stdin" if path == STDIN else path
    text = "" if isinstance(loaded, Outcome) else loaded[1]
    out = "".join(_format(name, f, style, text) for f in findings)
    return Outcome(int(bool(findings)), out=out, imports=imports)


def _parse(text: str) -> ast.Module | None:
    """``text`` parsed once for the run; a file flake8 skips whole (``# flake8: noqa``) may not parse."""
    from .syntax import parse

    if not noqa.file_is_skipped(text):
        return parse(text)
    try:
        return parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _guarded(
    path: str, rules: RuleSet, targets: TargetCheck | None, importers: Importers | None = None
) -> list[Finding]:
    """ULG006 when ``path`` is a legacy module's own file that no longer binds a name still imported from it."""
    if path == STDIN or not rules.may_be_module_file(path):
        return []
    from .guard import guard

    return guard(path, rules, targets, importers)


def _fixed(
    path: str,
    rules: RuleSet,
    targets: TargetCheck | None,
    strings: bool = False,
    collect: bool = False,
    data: bytes | None = None,
) -> tuple[bytes, bytes, list[Finding], tuple[Imported, ...] | None] | Outcome:
    """Old bytes, new bytes, the findings (with their edits) and, with ``collect``, what the file takes from legacy
    modules; or the outcome when the file cannot be fixed."""
    loaded = _load(path, rules, data)
    if isinstance(loaded, Outcome):
        return loaded._replace(imports=()) if collect else loaded
    data, text, encoding = loaded
    from .finder import guard_imports
    from .fixer import VerificationError, fix_text

    origin = origin_of(path)
    try:
        if encode(text, encoding) != data:
            return failed(path, f"does not round-trip through {encoding}; left unchanged")
        tree = _parse(text) if collect else None
        fixed = fix_text(text, rules, origin, targets, strings, tree)
        new_data = encode(fixed.text, encoding) if fixed.text != text else data
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        return _syntax_error(path, error)._replace(imports=() if collect else None)
    except (VerificationError, SourceError) as error:
        return failed(path, str(error))
    # What the guard counts is what the file takes once rewritten: the second pass's findings on the new text.
    imports = guard_imports(fixed.text, rules, fixed.tree, origin, fixed.after) if collect else None
    return data, new_data, fixed.findings, imports


def fix_file(
    path: str,
    rules: RuleSet,
    targets: TargetCheck | None = None,
    named: frozenset[str] | None = None,
    fix_strings: bool = False,
    importers: Importers | None = None,
    collect: bool = False,
    data: bytes | None = None,
    strict: bool = False,
) -> Outcome:
    """Rewrite a file; a legacy module's own file is guarded (ULG006) when it was named, as the hook names files
    (a walk of a folder leaves that to ``check`` and ``report``, which would scan the tree again). ``importers``,
    ``collect`` and ``data`` as for ``check_file``. What is left that only the target package can fix (ULG005) is
    printed and, unless ``strict``, does not fail the file."""
    result = _fixed(path, rules, targets, fix_strings, collect, data)
    guarded = _guarded(path, rules, targets, importers) if named is None or path in named else []
    if isinstance(result, Outcome):
        if not guarded or result.status == 2:
            return result
        result = (result.data, result.data, [], result.imports)
    data, new_data, findings, imports = result
    unfixed = [*guarded, *(f for f in findings if not f.edits)]
    if new_data != data and rules.renamed and path != STDIN:
        from .string_warnings import broken_strings

        unfixed += broken_strings(path, findings, rules, targets, named or (path,))
    report = "".join(_format("stdin" if path == STDIN else path, f) for f in unfixed)
    failing = strict or any(f.code != TARGET_MISSING for f in unfixed)
    if path == STDIN:
        return Outcome(int(new_data != data or bool(unfixed) and failing), err=report, data=new_data)
    if new_data == data:
        return Outcome(int(bool(unfixed) and failing), out=report, imports=imports)
    try:
        write_atomic(path, new_data)
    except SourceError as error:
        return failed(path, str(error))
    return Outcome(1, out=report, err=f"Rewriting {path}\n", imports=imports)


def diff_file(
    path: str, rules: RuleSet, targets: TargetCheck | None = None, fix_strings: bool = False, data: bytes | None = None
) -> Outcome:
    result = _fixed(path, rules, targets, fix_strings, data=data)
    if isinstance(result, Outcome):
        return Outcome(result.status, err=result.err)
    data, new_data, _, _ = result
    if new_data == data:
        return Outcome(0)
    import difflib

    name = "stdin" if path == STDIN else os.path.normpath(path)  # as git writes them: a/app/x.py, not a/./app/x.py
    old_lines = decode(data).text.splitlines(keepends=True)
    new_lines = decode(new_data).text.splitlines(keepends=True)
    diff = difflib.unified_diff(old_lines, new_lines, f"a/{name}", f"b/{name}")
    return Outcome(1, out="".join(_terminated(line) for line in diff))


def _terminated(diff_line: str) -> str:
    if diff_line.endswith(("\n", "\r")):
        return diff_line
    return diff_line + "\n\\ No newline at end of file\n"


COMMANDS: dict[str, Callable[..., Outcome]] = {"fix": fix_file, "check": check_file, "diff": diff_file}


def parse_arguments(argv: list[str]) -> Namespace | SimpleNamespace:
    command, *paths = argv or [""]
    if command in HOOK_CALL_OPTIONS and paths and not any(path.startswith("-") for path in paths):
        common = {"rule": None, "config": None, "jobs": os.cpu_count() or 1, "no_target_check": False}
        return SimpleNamespace(command=command, paths=paths, **common, **HOOK_CALL_OPTIONS[command])
    from .arguments import build_parser, subcommand_parser

    known = command if command in (*COMMANDS, "report", "shim", "learn") else None
    args, extra = build_parser(known).parse_known_args(argv)
    if extra:  # an option of another command: this command's usage, not the top-level one
        subcommand_parser(args.command).error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # A reader that stopped early (head, less, grep -m1): end quietly, as git does, with a broken pipe's status.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + 13


def _main(argv: Sequence[str] | None) -> int:
    args = parse_arguments(sys.argv[1:] if argv is None else list(argv))
    if getattr(args, "jobs", 1) < 1:
        sys.stderr.write("unified-logging: error: --jobs must be at least 1\n")
        return 2
    missing = [path for path in getattr(args, "paths", ()) if path != STDIN and not os.path.lexists(path)]
    if missing:  # before any file is read or any figure printed: a typo never passes as "nothing to do"
        sys.stderr.write(f"unified-logging: error: {missing[0]}: no such file or directory\n")
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
    targets = None
    if settings.target_check and not args.no_target_check:
        from .targets import TargetCheck

        targets = TargetCheck(settings.source_roots)
    if args.command == "report":
        from .report_command import run_report

        return run_report(args, settings.rules, targets)
    if args.command == "learn":
        from .learn_command import run_learn

        return run_learn(args, targets)
    if args.command == "shim":
        from .shim import run_shim

        return run_shim(args.module, args.paths, args.output, settings.rules, targets)
    from .file_runs import run

    return run(COMMANDS[args.command], args, settings.rules, targets)


if __name__ == "__main__":
    raise SystemExit(main())
