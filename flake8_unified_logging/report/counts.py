"""Migration progress: per-file counts from the finder, added up by rule and by folder, and rendered."""
from __future__ import annotations

import json
import os
from collections import Counter
from _collections_abc import Iterable, Sequence

from ..engine.finder import LEGACY_ATTRIBUTE, LEGACY_IMPORT, LEGACY_STRING, TARGET_MISSING, UNFIXABLE, find
from ..files import SourceError, decode, shown
from ..records import Record
from ..resolve.lack_kinds import describe, kind, name_of
from ..rules import RuleSet
from ..source.origin import Origin, origin_of
from ..source.syntax import parse
from ..source.unreadable import parse_failure
from .byte_imports import scan

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..resolve.targets import TargetCheck

COLUMNS = ("imports", "uses", "strings", "unfixable", "blocked", "legacy_files", "migrated_files", "progress")
_CODE_COLUMN = {
    LEGACY_IMPORT: "imports",
    LEGACY_ATTRIBUTE: "uses",
    LEGACY_STRING: "strings",
    UNFIXABLE: "unfixable",
    TARGET_MISSING: "blocked",
}
STATEMENT_COLUMNS = ("imports", "unfixable", "blocked")  # legacy import statements, whatever stops their rewrite
BAR_WIDTH = 20
ALL_RULES = ""


class FileResult(Record):
    """One file: ``counts[(legacy module, column)]``, the new modules it imports, or why it could not be read;
    the legacy modules its code refers to, the ``(legacy module, name)`` pairs it takes from them, and the
    ``(target, name or member)`` pairs its blocked statements wait for (once per statement)."""

    __slots__ = ()
    path: str
    counts: Counter[tuple[str, str]]
    adopted: tuple[str, ...]
    error: str | None
    referenced: tuple[str, ...]
    taken: tuple[tuple[str, str], ...]
    lacks: tuple[tuple[str, str], ...]

    def __new__(
        cls,
        path: str,
        counts: Counter[tuple[str, str]] = Counter(),
        adopted: tuple[str, ...] = (),
        error: str | None = None,
        referenced: tuple[str, ...] = (),
        taken: tuple[tuple[str, str], ...] = (),
        lacks: tuple[tuple[str, str], ...] = (),
    ) -> FileResult:
        return tuple.__new__(cls, (path, counts, adopted, error, referenced, taken, lacks))


def adoption_rules(rules: RuleSet) -> RuleSet:
    """Rules that find imports of the new modules (the finder run backwards)."""
    return RuleSet(rule.reversed() for rule in rules.rules)


def analyze(
    path: str,
    data: bytes,
    rules: RuleSet,
    adoption: RuleSet,
    origin: Origin | None = None,
    targets: TargetCheck | None = None,
) -> FileResult:
    """Count one file's legacy references (noqa or not: they all remain) and the new modules it imports.

    ``origin`` defaults to where ``path`` is on disk.
    """
    if b"\0" not in data and not rules.may_occur_in(data, path) and not adoption.may_occur_in(data, path):
        return FileResult(path)
    origin = origin_of(path) if origin is None else origin
    try:
        text = decode(data).text
        tree = parse(text)
        findings = find(text, rules, tree=tree, origin=origin, honor_noqa=False, describe=False, targets=targets)
        adopted = find(text, adoption, tree=tree, origin=origin, honor_noqa=False, describe=False)
    except SourceError as error:
        return _unparsed(path, data, rules, origin, str(error))
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        return _unparsed(path, data, rules, origin, parse_failure(error))
    counts: Counter[tuple[str, str]] = Counter()
    for finding in findings:
        for module in finding.modules:
            counts[module, _CODE_COLUMN[finding.code]] += 1
        counts[ALL_RULES, _CODE_COLUMN[finding.code]] += 1  # a statement of two rules counts once in the totals
    imported = {m for f in adopted if f.code in (LEGACY_IMPORT, UNFIXABLE) for m in f.modules}
    referenced = {m.split(":")[0] for f in findings if f.code != LEGACY_STRING for m in f.modules}
    taken = {pair for f in findings for pair in f.imported}
    lacks = tuple(pair for f in findings if f.code == TARGET_MISSING for pair in dict.fromkeys(f.lacks))
    return FileResult(
        path, counts, tuple(sorted(imported)), None, tuple(sorted(referenced)), tuple(sorted(taken)), lacks
    )


def _unparsed(path: str, data: bytes, rules: RuleSet, origin: Origin, error: str) -> FileResult:
    """A file that cannot be parsed: why, and what its bytes still import or name (strings, comments)."""
    found = scan(data, (".".join(rule.old) for rule in rules.rules), origin.package)
    counts = Counter({(module, "strings"): 1 for module in found.mentioned})
    return FileResult(path, counts, (), error, found.imported, found.taken)


class Tally:
    """Counts for one row of the report."""

    def __init__(self) -> None:
        self.values: Counter[str] = Counter()

    def add_file(self, counts: dict[str, int], legacy: bool, migrated: bool) -> None:
        self.values.update(counts)
        self.values["legacy_files"] += legacy
        self.values["migrated_files"] += migrated

    @property
    def statements(self) -> int:
        """Legacy import statements remaining, fixable or not."""
        return sum(self.values[column] for column in STATEMENT_COLUMNS)

    @property
    def progress(self) -> float | None:
        done, left = self.values["migrated_files"], self.values["legacy_files"]
        return 100.0 * done / (done + left) if done + left else None

    def as_dict(self) -> dict[str, object]:
        row: dict[str, object] = {column: self.values[column] for column in COLUMNS[:-1]}
        row["progress"] = None if self.progress is None else round(self.progress, 1)
        return row


class Report:
    def __init__(
        self, rules: RuleSet, results: Iterable[FileResult], depth: int, files: int, sources: Sequence[str] = ()
    ) -> None:
        self.rules = rules.rules
        self.by_rule = {rule: Tally() for rule in self.rules}
        self.by_folder: dict[str, Tally] = {}
        self.total = Tally()
        self.remaining: list[tuple[str, int]] = []
        self.errors: list[tuple[str, str]] = []
        self.files = files
        # Each legacy module: the files that still refer to it, and how many files take each name from it.
        self.legacy = {".".join(rule.old): (set(), Counter()) for rule in rules.rules}
        self.in_strings: dict[str, set[str]] = {module: set() for module in self.legacy}
        self.project_files = {module for module in self.legacy if _is_project_file(module, sources)}
        # What the targets lack: (target, name or member) -> [statements blocked, files blocked].
        self.lacking: dict[tuple[str, str], list[int]] = {}
        # Files that cannot be parsed but whose bytes import the module; files of any kind naming a module
        # otherwise deletable (``named_elsewhere``, filled by the caller for ``deletable()``).
        self.unparsed: dict[str, set[str]] = {module: set() for module in self.legacy}
        self.named_elsewhere: dict[str, list[str]] = {}
        for result in results:
            self._add_references(result)
            if result.error:
                self.errors.append((result.path, result.error))
                for module in result.referenced:
                    self.unparsed.setdefault(module, set()).add(result.path)
                continue
            self._add(result, depth)
        self.remaining.sort(key=lambda item: (-item[1], item[0]))
        self.by_folder = dict(sorted(self.by_folder.items()))

    def _add_references(self, result: FileResult) -> None:
        """The legacy modules ``result`` refers to, in strings or by import, and the names it takes."""
        for pair, count in Counter(result.lacks).items():
            counts = self.lacking.setdefault(pair, [0, 0])
            counts[0] += count
            counts[1] += 1
        for module in result.referenced:
            if module in self.legacy:
                self.legacy[module][0].add(result.path)
        for module, files in self.in_strings.items():
            if result.counts[module, "strings"]:
                files.add(result.path)
        for module, name in result.taken:
            if module in self.legacy:
                self.legacy[module][1][name] += 1

    def _add(self, result: FileResult, depth: int) -> None:
        if not result.counts and not result.adopted:
            return
        file_counts = Counter({column: result.counts[ALL_RULES, column] for column in _CODE_COLUMN.values()})
        any_legacy = False
        for rule, tally in self.by_rule.items():
            counts = {column: result.counts[rule.old_name, column] for column in _CODE_COLUMN.values()}
            legacy = any(counts.values())
            tally.add_file(counts, legacy, not legacy and rule.new_name in result.adopted)
            any_legacy = any_legacy or legacy
        migrated = not any_legacy and bool(result.adopted)
        if not (any_legacy or migrated):
            return
        folder = _folder(result.path, depth)
        for tally in (self.by_folder.setdefault(folder, Tally()), self.total):
            tally.add_file(file_counts, any_legacy, migrated)
        if any_legacy:
            self.remaining.append((result.path, sum(file_counts.values())))

    def record_other_files(self, module: str, files: list[str]) -> None:
        """The files of any kind that name ``module`` (one of ``deletable()``), searched by the caller."""
        self.named_elsewhere[module] = files

    def deletable(self) -> list[str]:
        """The legacy modules of this tree that no Python file imports or names in a string: those to look for
        in files of any kind before calling them safe to delete."""
        return [m for m in self.legacy if not self.legacy[m][0] and not self.in_strings[m] and m in self.project_files]

    def _safe_to_delete(self, module: str) -> bool:
        """No file imports it (parsed or not), no string names it, no other file of any kind names it, and it is a
        file of this tree (not a third-party module)."""
        return module in self.deletable() and module in self.named_elsewhere and not self.named_elsewhere[module]

    def _still_imported(self, module: str) -> str:
        files, names = self.legacy[module]
        unparsed = len(self.unparsed.get(module, ()))
        if files:
            note = f"; {_files(unparsed)} of them cannot be parsed (counted from their bytes)" if unparsed else ""
            return _names_taken(names) + note
        strings = len(self.in_strings[module])
        if strings:
            return f"no importer left; named in strings in {_files(strings)}"
        if module not in self.project_files:
            return "no importer left"
        others = self.named_elsewhere.get(module)
        if others is None:
            return "no importer left (other files not searched)"
        if others:
            shown = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
            return f"no importer left; named in {_files(len(others))} more ({shown})"
        return "no importer left, safe to delete"

    def _lacking(self) -> list[tuple[tuple[str, str], list[int]]]:
        """Each missing name or member, the one blocking the most files first."""
        return sorted(self.lacking.items(), key=_most_files_first)

    def as_json(self, with_files: bool) -> str:
        document = {
            "version": 1,
            "files": {"read": self.files, "unreadable": [{"path": p, "error": e} for p, e in self.errors]},
            "total": {"statements": self.total.statements, **self.total.as_dict()},
            "rules": [{"old": r.old_name, "new": r.new_name, **t.as_dict()} for r, t in self.by_rule.items()],
            "folders": [{"folder": f, **t.as_dict()} for f, t in self.by_folder.items()],
            "legacy_modules": [
                {
                    "module": module,
                    "files": len(files),
                    "names": dict(sorted(names.items())),
                    "string_files": len(self.in_strings[module]),
                    "unparsed_files": len(self.unparsed.get(module, ())),
                    "other_files": self.named_elsewhere.get(module, []),
                    "safe_to_delete": self._safe_to_delete(module),
                }
                for module, (files, names) in self.legacy.items()
            ],
        }
        document["targets_lack"] = [
            {"target": target, "missing": name_of(missing), "kind": kind(missing), "statements": n, "files": f}
            for (target, missing), (n, f) in self._lacking()
        ]
        if with_files:
            document["remaining_files"] = [{"path": p, "count": c} for p, c in self.remaining]
        return json.dumps(document, indent=2) + "\n"

    def as_table(self, markdown: bool, with_files: bool) -> str:
        heading = "rule"
        rows = [(f"{r.old_name} -> {r.new_name}", t) for r, t in self.by_rule.items()]
        out = [f"{self.files} files read, {len(self.errors)} unreadable; "
               f"{self.total.statements} legacy import statements remain", ""]
        out += _table([(heading, None), *rows, ("total", self.total)], markdown)
        out += ["", *_table([("folder", None), *self.by_folder.items()], markdown)]
        rows = [(m, str(len(files)), self._still_imported(m)) for m, (files, _) in self.legacy.items()]
        out += ["", *simple_table(["legacy module", "files", "names still imported (files)"], rows, markdown, 2)]
        if self.lacking:
            rows = [(f"{t}: {describe(m)}", str(n), str(f)) for (t, m), (n, f) in self._lacking()]
            header = ["what the targets lack (blocked by it)", "statements", "files"]
            out += ["", *simple_table(header, rows, markdown)]
        if with_files and self.remaining:
            rows = [(shown(p), str(c)) for p, c in self.remaining]
            out += ["", *simple_table(["remaining file", "count"], rows, markdown)]
        if self.errors:
            errors = [(shown(p), e) for p, e in self.errors]
            out += ["", *simple_table(["unreadable file", "error"], errors, markdown)]
        return "\n".join(out) + "\n"


def _is_project_file(module: str, sources: Sequence[str]) -> bool:
    """Whether a file of ``sources`` is the module itself (``.../utils/logger_utils.py`` or its package)."""
    parts = module.split(".")
    endings = (os.sep + os.path.join(*parts) + ".py", os.sep + os.path.join(*parts, "__init__.py"))
    return any((os.sep + os.path.normpath(path)).endswith(endings) for path in sources)


def _files(count: int) -> str:
    return f"{count} file{'s' if count != 1 else ''}"


def _names_taken(names: Counter[str]) -> str:
    if not names:
        return "imported as a module, no name taken from it"
    return ", ".join(f"{name} ({count})" for name, count in sorted(names.items(), key=lambda item: (-item[1], item[0])))


def _folder(path: str, depth: int) -> str:
    parts = os.path.normpath(path).split(os.sep)[:-1]
    parts = [p for p in parts if p not in ("", ".")]
    return "/".join(parts[:depth]) or "."


def bar(fraction: float | None, width: int = BAR_WIDTH) -> str:
    if fraction is None:
        return ""
    full = round(fraction * width)
    return "\u2588" * full + "\u2591" * (width - full)


def _most_files_first(item: tuple[tuple[str, str], list[int]]) -> tuple[int, int, tuple[str, str]]:
    pair, (statements, files) = item
    return -files, -statements, pair


def _table(rows: Sequence[tuple[str, Tally | None]], markdown: bool) -> list[str]:
    heading, _ = rows[0]
    header = [heading, *(c.replace("_", " ") for c in COLUMNS), ""]
    body = []
    for name, tally in rows[1:]:
        assert tally is not None
        progress = tally.progress
        cells = [str(tally.values[c]) for c in COLUMNS[:-1]]
        if progress is None:
            body.append([name, *cells, "-", ""])
        else:
            body.append([name, *cells, f"{progress:.1f}%", bar(progress / 100)])
    return simple_table(header, body, markdown)


def simple_table(
    header: Sequence[str], body: Sequence[Sequence[str]], markdown: bool, left_from: int | None = None
) -> list[str]:
    """A table; columns right-aligned but the first (and those from ``left_from`` on)."""
    rows = [list(header), *map(list, body)]

    def left(i: int) -> bool:
        return i == 0 or left_from is not None and i >= left_from

    if markdown:
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "|" + "|".join("---" if left(i) else "--:" for i in range(len(header))) + "|")
        return lines
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(w) if left(i) else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))).rstrip()
        for row in rows
    ]
