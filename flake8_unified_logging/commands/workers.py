"""One file's work for ``fix``, ``check`` and ``diff``: read it, run the engine, verify and write, and say what
happened as an Outcome (exit status, text for stdout and stderr)."""
from __future__ import annotations

import _ast as ast
import os
import sys
from _collections_abc import Callable
from _functools import partial

from ..engine.finder import Imported, find, guard_imports
from ..engine.findings import TARGET_MISSING, Finding
from ..files import SourceError, decode, encode, read_bytes, shown
from ..records import Record
from ..resolve.run_rewrites import RunRewrites
from ..resolve.targets import TargetCheck
from ..rules import RuleSet
from ..source import noqa
from ..source.origin import origin_of
from ..source.syntax import parse
from .outcome import STDIN, Outcome, failed, write_pending

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argparse import Namespace

    from ..config import Settings
    from ..engine.guard import Importers
    from ..resolve.run_rewrites import Planned, Planning

Worker = Callable[..., Outcome]


def bound(
    args: Namespace, settings: Settings, collect: bool = False, record: bool = False,
    targets: TargetCheck | None = None,
) -> Worker:
    """The per-file function of ``args.command``, bound to one target check for the run (``targets``, made here
    when not given) and to its options (``collect``: return what each file takes from legacy modules, for the
    guard; ``record``: what the work read from the project, for the result cache)."""
    targets = TargetCheck.for_run(settings, args) if targets is None else targets
    if targets.enabled:
        targets.rewrites = RunRewrites(settings.rules, args.paths, partial(planned, settings.rules, args.fix_strings))
    worker: Worker
    if args.command == "diff":
        worker = partial(diff_file, targets=targets, fix_strings=args.fix_strings)
    elif args.command == "fix":
        named = frozenset(args.paths)
        fixing = partial(
            fix_file, targets=targets, named=named, fix_strings=args.fix_strings, collect=collect, strict=args.strict
        )
        worker = partial(fixing, write=False)  # the run writes, in the main process (commands/run.py)
    else:
        worker = partial(check_file, style=args.format, targets=targets, collect=collect)
    return partial(_recording, worker, targets) if record else worker


def planned(rules: RuleSet, strings: bool, path: str, targets: Planning) -> tuple[Planned, ...]:
    """What ``fix`` makes of a file the run covers (``resolve/run_rewrites.py``), the fixer loaded when a run
    first reads a target as rewritten."""
    from ..fixer import planned as fix_plan

    return fix_plan(rules, strings, path, targets)


def _recording(worker: Worker, targets: TargetCheck, path: str, rules: RuleSet, **options: object) -> Outcome:
    """The worker's outcome with what it read from the project (None when it read the whole tree)."""
    outcome, read = targets.reads.of_file(path, partial(worker, path, rules, **options))
    return outcome._replace(reads=read)


def _format(path: str, finding: Finding, style: str = "text", text: str = "") -> str:
    if style == "json":
        import json  # 1 ms at start-up: loaded for json output alone

        from .json_edits import describe_edits

        record = {"path": path, "line": finding.line, "col": finding.col + 1, "code": finding.code}
        record["message"] = finding.message
        if finding.edits:
            record.update(describe_edits(finding, text))
        return json.dumps(record) + "\n"
    if style == "github":
        where = f"file={_escape(path, True)},line={finding.line},col={finding.col + 1},title={finding.code}"
        return f"::error {where}::{_escape(finding.text, False)}\n"
    return f"{shown(path)}:{finding.line}:{finding.col + 1}: {finding.text}\n"


def _escape(value: str, is_property: bool) -> str:
    """GitHub workflow-command escaping."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if is_property else value


class Loaded(Record):
    """A file that may need work: its bytes, its text and their encoding."""

    __slots__ = ()
    data: bytes
    text: str
    encoding: str

    def __new__(cls, data: bytes, text: str, encoding: str) -> Loaded:
        return tuple.__new__(cls, (data, text, encoding))


def _load(path: str, rules: RuleSet, data: bytes | None = None) -> Loaded | Outcome:
    """The bytes, text and encoding of a file that may need work (``data``: its bytes, when the run read them), or
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
    return Loaded(data, source.text, source.encoding)


def _syntax_error(path: str, error: Exception) -> Outcome:
    from ..source.unreadable import parse_failure  # for a file that does not parse

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
        origin = origin_of(path)
        try:
            tree = _parse(loaded.text)
            found = find(loaded.text, rules, tree=tree, origin=origin, targets=targets)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
            return _syntax_error(path, error)._replace(imports=() if collect else None)
        findings += found
        imports = guard_imports(loaded.text, rules, tree, origin, found) if collect else None
    if lines is not None:
        findings = [f for f in findings if f.line in lines]
    name = "stdin" if path == STDIN else path
    text = "" if isinstance(loaded, Outcome) else loaded.text
    out = "".join(_format(name, f, style, text) for f in findings)
    return Outcome(int(bool(findings)), out=out, imports=imports)


def _parse(text: str) -> ast.Module | None:
    """``text`` parsed once for the run; a file flake8 skips whole (``# flake8: noqa``) may not parse."""
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
    from ..engine.guard import guard  # for a legacy module's own file

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
    from ..fixer import VerificationError, fix_text  # for fix and diff

    data, text, encoding = loaded
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
    write: bool = True,
) -> Outcome:
    """Rewrite a file; a legacy module's own file is guarded (ULG006) when it was named, as the hook names files
    (a walk of a folder leaves that to ``check`` and ``report``, which would scan the tree again). ``importers``,
    ``collect`` and ``data`` as for ``check_file``; without ``write``, the new bytes are returned to be written.
    What is left that only the target package can fix (ULG005) is printed and, unless ``strict``, does not fail
    the file."""
    result = _fixed(path, rules, targets, fix_strings, collect, data)
    guarded = _guarded(path, rules, targets, importers) if named is None or path in named else []
    if isinstance(result, Outcome):
        if not guarded or result.status == 2:
            return result
        result = (result.data, result.data, [], result.imports)
    data, new_data, findings, imports = result
    unfixed = [*guarded, *(f for f in findings if not f.edits)]
    if new_data != data and rules.renamed and path != STDIN:
        from ..engine.string_warnings import broken_strings  # for a rewrite that renames a name

        unfixed += broken_strings(path, findings, rules, targets, named or (path,))
    report = "".join(_format("stdin" if path == STDIN else path, f) for f in unfixed)
    failing = strict or any(f.code != TARGET_MISSING for f in unfixed)
    if path == STDIN:
        return Outcome(int(new_data != data or bool(unfixed) and failing), err=report, data=new_data)
    if new_data == data:
        return Outcome(int(bool(unfixed) and failing), out=report, imports=imports)
    said = f"Rewriting {shown(path)}\n"
    rewritten = Outcome(1, out=report, err=said, data=new_data, imports=imports, pending=(path, data))
    return write_pending(rewritten) if write else rewritten


def diff_file(
    path: str, rules: RuleSet, targets: TargetCheck | None = None, fix_strings: bool = False, data: bytes | None = None
) -> Outcome:
    """The rewrite as a unified diff on standard output; what is declined, as ``check`` prints it, on standard
    error (the diff stays a patch ``git apply`` takes). Either fails the file."""
    result = _fixed(path, rules, targets, fix_strings, data=data)
    if isinstance(result, Outcome):
        return Outcome(result.status, err=result.err)
    data, new_data, findings, _ = result
    name = "stdin" if path == STDIN else os.path.normpath(path)  # as git writes them: a/app/x.py, not a/./app/x.py
    declined = "".join(_format("stdin" if path == STDIN else path, f) for f in findings if not f.edits)
    if new_data == data:
        return Outcome(int(bool(declined)), err=declined)
    import difflib  # 3 ms at start-up: loaded for diff alone

    old_lines = decode(data).text.splitlines(keepends=True)
    new_lines = decode(new_data).text.splitlines(keepends=True)
    diff = difflib.unified_diff(old_lines, new_lines, shown(f"a/{name}"), shown(f"b/{name}"))
    return Outcome(1, out="".join(_terminated(line) for line in diff), err=declined)


def _terminated(diff_line: str) -> str:
    if diff_line.endswith(("\n", "\r")):
        return diff_line
    return diff_line + "\n\\ No newline at end of file\n"
