"""Each file's outcome kept between runs, used again only while everything it depends on is unchanged.

In the run's store (``commands/store.py``), per file: its ``stat`` and the digest of its bytes
(``resolve/reads.py``), its outcome, and what reading the project for it looked at (target modules, the legacy
module, packages on the way, folders whose listing decides where a module is). A file the cheap byte test finds no
legacy name in is kept as its ``stat`` alone: the next run does not even read it. A result is used when the file
is as it was (a trusted ``stat``, else the same bytes) and every file and folder it depends on is too; anything
else is worked out again. A legacy module's own file is kept with what the guard read: the run's files, what each
takes from legacy modules, and the listings of the folders it walked.
"""
from __future__ import annotations

import os
from _collections_abc import Callable, Iterable, Iterator

from ..files import SourceError, read_with_status
from ..records import Record
from ..resolve.reads import FOLDER, Checks, Dependency, FileSignature, Status, digest, same_status, status_key
from .outcome import STDIN, Outcome
from .store import load, results_folder, save, store_name

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argparse import Namespace

    from ..config import Settings
    from .parallel import Item

_CLEAN = "clean"
_RESULT = "result"
_GUARD = "guard"
# Files found clean, or read again for nothing (a checkout, a touch): the store is written again once this many
# would be read again next time (reading one costs less than writing the store).
_REFRESH = 32


class Entry(Record):
    """What the store keeps of a file: what it is (``kind``), the file as its outcome saw it (``signed``: a
    ``FileSignature``; a clean file's ``Status`` alone), the outcome's values (``kept``), what its work read
    (``reads``) and, for a guarded file, the ``key`` of what the guard read from the run. On disk a plain tuple
    of the fields its kind has (``stored``)."""

    __slots__ = ()
    kind: str
    signed: Status
    kept: tuple | None
    reads: tuple[Dependency, ...]
    key: str

    def __new__(
        cls, kind: str, signed: Status, kept: tuple | None = None, reads: tuple[Dependency, ...] = (), key: str = ""
    ) -> Entry:
        return tuple.__new__(cls, (kind, signed, kept, reads, key))

    @classmethod
    def of(cls, stored: tuple) -> Entry:
        kind, signed, *rest = stored
        return cls(kind, tuple.__new__(Status if kind == _CLEAN else FileSignature, signed), *rest)

    @property
    def digest(self) -> bytes:
        """The digest of the file's bytes (of a result's or a guarded file's entry)."""
        return self.signed.digest  # type: ignore[attr-defined]

    def stored(self) -> tuple:
        fields = (self.kind, tuple(self.signed), self.kept, self.reads, self.key)
        return fields[: _STORED_FIELDS[self.kind]]


_STORED_FIELDS = {_CLEAN: 2, _RESULT: 4, _GUARD: 5}


def outcome_values(outcome: Outcome) -> tuple | None:
    """What is kept of an outcome: the new bytes only of a rewrite (None: an error, worked out again each time)."""
    if outcome.status == 2:
        return None
    rewrite = outcome.data if outcome.pending is not None else None
    return outcome.status, outcome.out, outcome.err, rewrite, outcome.imports


def _outcome(path: str, kept: tuple, data: bytes | None) -> Outcome:
    """A kept outcome as the run uses it: a rewrite is to be written over the bytes just read."""
    outcome = Outcome(*kept)
    return outcome._replace(pending=(path, data)) if data is not None and outcome.data is not None else outcome


def _writes(kept: tuple) -> bool:
    """Whether a kept outcome rewrites its file (the run must read the bytes it writes over)."""
    return Outcome(*kept).data is not None


class ResultCache:
    """One run's view of its project's store: the results read at the start, those this run adds, written back
    once at the end (``save``)."""

    def __init__(
        self,
        name: str,
        key: str,
        keep: Callable[[str], bool],
        revive: Callable[[str, tuple, bytes | None], object] = _outcome,
        writes: Callable[[tuple], bool] = _writes,
    ) -> None:
        self.path = os.path.join(results_folder(), name)
        self.key = key
        self.keep = keep  # whether a file's result may be kept (not standard input, not a guarded file)
        self.revive = revive  # a kept result as the run uses it (with the bytes read, when it writes over them)
        self.writes = writes
        self.entries: dict[str, tuple] = load(self.path, key)  # as stored
        self.added: dict[str, Entry] = {}
        self.pending: dict[str, FileSignature] = {}
        self.worked = False  # whether an entry holds what the engine worked out this run
        self.checks = Checks()
        self._dependencies: dict[tuple, tuple] = {}

    @classmethod
    def for_run(cls, args: Namespace, settings: Settings, collect: bool, keep: Callable[[str], bool]) -> ResultCache:
        """The store of the results of ``args.command`` with its options (``collect``: with what each file takes
        from legacy modules, for the guard)."""
        options = (getattr(args, "format", ""), args.fix_strings, args.strict, args.no_target_check, collect)
        return cls(*store_name(settings, (args.command, *options)), keep)

    def triage(self, paths: Iterable[tuple[str, str | None]], wanted: Callable[[bytes, str], bool], limit: int
               ) -> Iterator[Item]:
        """As ``parallel.triage``, with what the store answers: a file unchanged since it was found clean is
        dropped unread; one whose kept outcome still holds comes as that outcome in place of its bytes."""
        for path, problem in paths:
            if problem or path == STDIN:
                yield path, problem, None
                continue
            entry = self._entry(path) if self.keep(path) else None
            if entry is not None and self._unchanged(path, entry):
                if entry.kind == _CLEAN:
                    continue
                if not self.writes(entry.kept):  # type: ignore[arg-type]  # the bytes need not be read
                    yield path, None, self.revive(path, entry.kept, None)  # type: ignore[arg-type,misc]
                    continue
            try:
                data, status = read_with_status(path, limit)
            except SourceError as error:
                yield path, str(error), None
                continue
            signed = status_key(status)
            found = digest(data) if entry is not None and entry.kind != _CLEAN else None
            if entry is not None and found is not None and entry.digest == found and self._still(entry.reads):
                self._add(path, entry._replace(signed=FileSignature(*signed, found)), refresh=True)
                yield path, None, self.revive(path, entry.kept, data)  # type: ignore[arg-type,misc]
                continue
            if b"\0" not in data and not wanted(data, path):
                self._add(path, Entry(_CLEAN, signed), refresh=entry is not None and entry.kind == _CLEAN)
                continue
            if b"\0" not in data:
                self.pending[path] = FileSignature(*signed, found or digest(data))
            yield path, None, data

    def remember(self, path: str, kept: tuple | None, reads: tuple[Dependency, ...] | None) -> None:
        """Keep the result worked out for a file read by ``triage`` (``kept``, as values; None: not to be kept),
        with what its work read from the project (None: the whole tree; it is not kept)."""
        if not self.keep(path):
            return
        signed = self.pending.pop(path, None)
        if signed is not None and kept is not None and reads is not None:
            self._add(path, Entry(_RESULT, signed, kept, self._shared(reads)))

    def remember_outcome(self, path: str, outcome: Outcome) -> None:
        self.remember(path, outcome_values(outcome), outcome.reads)

    def walked(self, folder: str, entries: list[os.DirEntry]) -> None:
        """A folder the run's walk listed: its listing is known without listing it again."""
        self.checks.listed[os.path.abspath(folder)] = entries

    def guard_key(self, visited: list[str], data: dict[str, tuple | None]) -> str:
        """What the guard of a legacy module's file reads from the run: the files visited, what each takes from
        legacy modules, and the bytes of the files guarded (their own imports are read from them)."""
        guarded = sorted((path, signed.digest) for path, signed in self.pending.items() if not self.keep(path))
        return digest(repr((sorted(visited), sorted(data.items()), guarded)).encode()).hex()

    def guarded(self, path: str, key: str) -> Outcome | None:
        """The kept guard outcome of a legacy module's file, if it, the run's imports and the tree still hold."""
        entry = self._entry(path)
        signed = self.pending.get(path)
        if entry is None or entry.kind != _GUARD or signed is None or entry.digest != signed.digest or entry.key != key:
            return None
        return Outcome(*entry.kept) if self._still(entry.reads) else None  # type: ignore[misc]

    def remember_guard(self, path: str, key: str, outcome: Outcome, folders: list[str], beyond: bool) -> None:
        """Keep a guard outcome worked out from the run alone (not when it read files the run did not visit)."""
        signed = self.pending.get(path)
        kept = outcome_values(outcome)
        if beyond or signed is None or outcome.reads is None or kept is None or self.writes(kept):
            return
        listings = tuple((FOLDER, folder, self.checks.listing(folder)) for folder in folders)
        self._add(path, Entry(_GUARD, signed, kept, self._shared((*outcome.reads, *listings)), key))

    def save(self) -> None:
        """Write the store again with this run's results, over what other runs wrote meanwhile: when they save
        the next run more than writing the store costs (work the engine did, or many files to read again)."""
        if self.worked or len(self.added) >= _REFRESH:
            save(self.path, self.key, {path: entry.stored() for path, entry in self.added.items()})

    def _shared(self, reads: tuple[Dependency, ...]) -> tuple[Dependency, ...]:
        """``reads`` made of the objects other entries hold where equal: the store holds each once."""
        reads = tuple(self._dependencies.setdefault(dependency, dependency) for dependency in reads)
        return self._dependencies.setdefault(reads, reads)  # type: ignore[arg-type]

    def _entry(self, path: str) -> Entry | None:
        stored = self.entries.get(path)
        return None if stored is None else Entry.of(stored)

    def _add(self, path: str, entry: Entry, refresh: bool = False) -> None:
        self.added[path] = entry
        self.worked |= not refresh and entry.kind != _CLEAN

    def _unchanged(self, path: str, entry: Entry) -> bool:
        """Whether the file is as the entry saw it, unread (a trusted stat) and its dependencies too."""
        try:
            status = os.stat(path)
        except OSError:
            return False
        return same_status(entry.signed, status) and (entry.kind == _CLEAN or self._still(entry.reads))

    def _still(self, dependencies: tuple[Dependency, ...]) -> bool:
        return self.checks.hold(dependencies)
