"""Migration progress: per-file counts from the finder, added up by rule and by folder, and rendered."""
from __future__ import annotations

import os
from collections import Counter, namedtuple
from collections.abc import Iterable, Sequence

from .files import SourceError, decode
from .finder import LEGACY_ATTRIBUTE, LEGACY_IMPORT, LEGACY_STRING, TARGET_MISSING, UNFIXABLE, find
from .origin import Origin, origin_of
from .rules import RuleSet
from .syntax import parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .targets import TargetCheck

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


class FileResult(namedtuple("FileResult", "path counts adopted error", defaults=(Counter(), (), None))):
    """One file: ``counts[(legacy module, column)]``, the new modules it imports, or why it could not be read."""

    __slots__ = ()
    path: str
    counts: Counter[tuple[str, str]]
    adopted: tuple[str, ...]
    error: str | None


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
        return FileResult(path, error=str(error))
    except SyntaxError as error:
        return FileResult(path, error=f"cannot parse: {error.msg} (line {error.lineno})")
    except (ValueError, RecursionError, MemoryError) as error:
        return FileResult(path, error=f"cannot parse: {type(error).__name__}")
    counts: Counter[tuple[str, str]] = Counter()
    for finding in findings:
        for module in finding.modules:
            counts[module, _CODE_COLUMN[finding.code]] += 1
        counts[ALL_RULES, _CODE_COLUMN[finding.code]] += 1  # a statement of two rules counts once in the totals
    imported = {m for f in adopted if f.code in (LEGACY_IMPORT, UNFIXABLE) for m in f.modules}
    return FileResult(path, counts, tuple(sorted(imported)))


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
    def __init__(self, rules: RuleSet, results: Iterable[FileResult], depth: int, files: int) -> None:
        self.rules = rules.rules
        self.by_rule = {rule: Tally() for rule in self.rules}
        self.by_folder: dict[str, Tally] = {}
        self.total = Tally()
        self.remaining: list[tuple[str, int]] = []
        self.errors: list[tuple[str, str]] = []
        self.files = files
        for result in results:
            if result.error:
                self.errors.append((result.path, result.error))
                continue
            self._add(result, depth)
        self.remaining.sort(key=lambda item: (-item[1], item[0]))
        self.by_folder = dict(sorted(self.by_folder.items()))

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

    def as_json(self, with_files: bool) -> str:
        import json

        document = {
            "version": 1,
            "files": {"read": self.files, "unreadable": [{"path": p, "error": e} for p, e in self.errors]},
            "total": {"statements": self.total.statements, **self.total.as_dict()},
            "rules": [{"old": r.old_name, "new": r.new_name, **t.as_dict()} for r, t in self.by_rule.items()],
            "folders": [{"folder": f, **t.as_dict()} for f, t in self.by_folder.items()],
        }
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
        if with_files and self.remaining:
            rows = [(p, str(c)) for p, c in self.remaining]
            out += ["", *_simple_table(["remaining file", "count"], rows, markdown)]
        if self.errors:
            out += ["", *_simple_table(["unreadable file", "error"], self.errors, markdown)]
        return "\n".join(out) + "\n"


def _folder(path: str, depth: int) -> str:
    parts = os.path.normpath(path).split(os.sep)[:-1]
    parts = [p for p in parts if p not in ("", ".")]
    return "/".join(parts[:depth]) or "."


def bar(fraction: float | None, width: int = BAR_WIDTH) -> str:
    if fraction is None:
        return ""
    full = round(fraction * width)
    return "\u2588" * full + "\u2591" * (width - full)


def _table(rows: Sequence[tuple[str, Tally | None]], markdown: bool) -> list[str]:
    header = [rows[0][0], *(c.replace("_", " ") for c in COLUMNS), ""]
    body = []
    for name, tally in rows[1:]:
        assert tally is not None
        progress = tally.progress
        cells = [str(tally.values[c]) for c in COLUMNS[:-1]]
        if progress is None:
            body.append([name, *cells, "-", ""])
        else:
            body.append([name, *cells, f"{progress:.1f}%", bar(progress / 100)])
    return _simple_table(header, body, markdown)


def _simple_table(header: Sequence[str], body: Sequence[Sequence[str]], markdown: bool) -> list[str]:
    rows = [list(header), *map(list, body)]
    if markdown:
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "|" + "|".join("---" if i == 0 else "--:" for i in range(len(header))) + "|")
        return lines
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))).rstrip()
        for row in rows
    ]


def history_table(points: Sequence[tuple[str, str, str, int]], markdown: bool) -> str:
    """``(commit, date, subject, remaining)`` oldest first, with a bar scaled to the largest count."""
    top = max((p[3] for p in points), default=0) or 1
    body = [(sha[:10], date, str(count), bar(count / top), subject[:50]) for sha, date, subject, count in points]
    return "\n".join(_simple_table(["commit", "date", "remaining", "", "subject"], body, markdown)) + "\n"


def history_json(points: Sequence[tuple[str, str, str, int]]) -> str:
    import json

    series = [{"commit": s, "date": d, "subject": subject, "remaining": c} for s, d, subject, c in points]
    return json.dumps({"version": 1, "history": series}, indent=2) + "\n"
