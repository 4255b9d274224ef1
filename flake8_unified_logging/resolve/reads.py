"""What a run read from the disk to decide a file's findings, as signatures a later run can check cheaply.

A file's signature is its ``stat`` (size, times, inode) and a digest of its bytes: the ``stat`` answers when it
is the same and old enough to be trusted, the bytes when it is not. A path tested for existence is signed by what
it is (a folder, a file, nothing); a folder listed whole (a package's submodules) by a digest of its listing.
Signatures are taken before what they cover is read, so a change made while a run reads is seen by the next run.
"""
from __future__ import annotations

import os
import stat
import time
from _collections_abc import Callable, Iterable, Sequence

from ..files import SourceError, iter_paths, read_bytes, read_limit
from ..records import Record

try:
    from _blake2 import blake2b  # the hashlib module would load OpenSSL for it: 4 ms of each call
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import blake2b

FILE = "f"
FOLDER = "d"
EXISTS = "e"
TREE = "t"
# A file changed less than this before its stat was taken may change again with the same stat (within one tick
# of the file system's clock): its signature is confirmed by its bytes. Times in whole seconds (FAT, HFS+, some
# network mounts) tick slowly: twice the coarsest of them.
RACY_NS = 100_000_000
RACY_WHOLE_SECONDS_NS = 4_000_000_000
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")
Signature = tuple  # a FileSignature as a plain tuple, ("other",), or a folder's digest; None: absent
Dependency = tuple[str, str, "Signature | None"]  # (kind, path, signature)


class Status(Record):
    """A file's ``stat`` as compared across runs; ``trusted`` unless it changed too recently to tell apart. Kept
    between runs as a plain tuple (``tuple(status)``)."""

    __slots__ = ()
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    trusted: bool

    def __new__(cls, size: int, mtime_ns: int, ctime_ns: int, inode: int, trusted: bool) -> Status:
        return tuple.__new__(cls, (size, mtime_ns, ctime_ns, inode, trusted))


class FileSignature(Status):
    """A file's ``Status`` and the digest of its bytes (empty: too large to read). Kept as a plain tuple."""

    __slots__ = ()
    digest: bytes

    def __new__(cls, size: int, mtime_ns: int, ctime_ns: int, inode: int, trusted: bool, digest: bytes
                ) -> FileSignature:
        return tuple.__new__(cls, (size, mtime_ns, ctime_ns, inode, trusted, digest))

    @classmethod
    def of(cls, kept: object) -> FileSignature | None:
        """A signature as kept (a plain tuple), named; None when it is no file's."""
        return tuple.__new__(cls, kept) if isinstance(kept, tuple) and len(kept) == len(cls._fields) else None


def digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=16).digest()


def status_key(status: os.stat_result, now_ns: int | None = None) -> Status:
    """A file's ``stat`` as compared across runs."""
    now_ns = time.time_ns() if now_ns is None else now_ns
    window = RACY_WHOLE_SECONDS_NS if status.st_mtime_ns % 1_000_000_000 == 0 else RACY_NS
    trusted = max(status.st_mtime_ns, status.st_ctime_ns) < now_ns - window
    return Status(status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, trusted)


def same_status(recorded: tuple, status: os.stat_result) -> bool:
    """Whether ``status`` is the trusted ``stat`` ``recorded`` (a ``Status`` or a ``FileSignature``, kept as a
    plain tuple): the file is as it was, unread."""
    size, mtime, ctime, inode, trusted = recorded[: len(Status._fields)]
    return trusted and (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino) == (
        size,
        mtime,
        ctime,
        inode,
    )


def file_signature(path: str) -> Signature | None:
    """A file's ``FileSignature``, as the plain tuple kept; ``("other",)`` for a path neither file nor folder."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            return None if stat.S_ISDIR(status.st_mode) else ("other",)
        if status.st_size > read_limit():  # not read, as the module reader does not read it
            return (*status_key(status), b"")
        data = read_bytes(path)
    except (OSError, SourceError):
        return None
    return (*status_key(status), digest(data))


def path_kind(path: str) -> str | None:
    """What a path is, as a test of existence sees it: a folder ("d"), a regular file ("f"), something else ("o")
    or nothing (None). Links are followed, as Python's import system follows them."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    return "d" if stat.S_ISDIR(mode) else "f" if stat.S_ISREG(mode) else "o"


def folder_signature(path: str) -> bytes | None:
    try:
        return listing_signature(os.scandir(path))
    except OSError:
        return None


def listing_signature(entries: Iterable[os.DirEntry]) -> bytes:
    """A folder's signature from its entries (a folder's name ends with a slash; links are not followed)."""
    names = sorted(entry.name + "/" * entry.is_dir(follow_symlinks=False) for entry in entries)
    return digest("\0".join(names).encode("utf-8", "surrogateescape"))


def tree_signature(root: str) -> bytes:
    """Every Python file under ``root`` (as a run walks it): each path with its trusted ``stat``, or its bytes."""
    now = time.time_ns()
    parts = []
    for path, problem in iter_paths([root]):
        if problem or not path.endswith(".py"):
            continue
        try:
            status = os.stat(path)
            signed = status_key(status, now)
            if signed.trusted:
                key = tuple(signed)
            else:
                with open(path, "rb") as file:
                    key = (digest(file.read()),)
        except OSError:
            key = ()
        parts.append(f"{os.path.relpath(path, root)}\0{key}")
    return digest("\n".join(parts).encode("utf-8", "surrogateescape"))


def _file_holds(path: str, recorded: Signature | None) -> bool:
    """Whether a file is as its signature recorded it: the same trusted stat, else the same bytes."""
    kept = FileSignature.of(recorded)
    if kept is None:
        return file_signature(path) == recorded
    try:
        status = os.stat(path)
    except OSError:
        return False
    if same_status(kept, status):
        return True
    now = FileSignature.of(file_signature(path))
    return now is not None and now.digest == kept.digest


def ordered(dependencies: Iterable[Dependency]) -> tuple[Dependency, ...]:
    """Dependencies in a fixed order (by kind and path: no two share both), as a result keeps them."""
    return tuple(sorted(dependencies))


class Reads:
    """The files and folders one run read to analyse the project (the run's target check records them), each
    signed the first time. What one question read is gathered in a frame (``begin``, ``end``); an answer kept for
    the run carries what it read, and adds it to each question that uses it again (``add``), so a file's findings
    depend on exactly what their analysis read, whichever file read it first. ``wide``: the file's findings read
    the whole tree (a scan of importers or strings), so they cannot be kept."""

    def __init__(self) -> None:
        self.signed: dict[tuple[str, str], Dependency] = {}
        self.wide = False
        self._frames: list[set[Dependency]] = []

    def begin(self) -> None:
        self._frames.append(set())

    def end(self) -> frozenset[Dependency]:
        """What was read since the matching ``begin`` (the enclosing question read it too)."""
        found = frozenset(self._frames.pop())
        self.add(found)
        return found

    def add(self, dependencies: frozenset[Dependency]) -> None:
        if self._frames:
            self._frames[-1] |= dependencies

    def _note(self, kind: str, path: str, sign: Callable[[str], object]) -> Dependency:
        dependency = self.signed.get((kind, path))
        if dependency is None:
            dependency = self.signed[kind, path] = (kind, path, sign(path))
        if self._frames:
            self._frames[-1].add(dependency)
        return dependency

    def file(self, path: str) -> None:
        """A file read whole."""
        self._note(FILE, path, file_signature)

    def folder(self, path: str) -> None:
        """A folder listed whole (a package's submodules, a folder of ``sys.path``)."""
        self._note(FOLDER, path, folder_signature)

    def unkept(self) -> None:
        """An answer that holds for this run alone (it read a target as the run rewrites it): a dependency that
        never holds again, so no later run reuses it."""
        self._note(EXISTS, "", lambda path: "the run's own rewrites")

    def tree(self, root: str) -> None:
        """Every Python file under ``root`` read (who imports a module): kept while none is added, removed or
        changed."""
        self._note(TREE, root, tree_signature)

    def exists(self, path: str) -> str | None:
        """A path tested for being a file or a folder; what it is (``path_kind``)."""
        _, _, kind = self._note(EXISTS, path, path_kind)
        return kind

    def of_file(self, path: str, work: Callable[[], T]) -> tuple[T, tuple[Dependency, ...] | None]:
        """``work()``, the analysis of the file ``path``, with what it read (None: the whole tree), its folder and
        those above it first (where ``origin_of`` looks for its package)."""
        self.wide = False
        self.begin()
        try:
            if path not in ("-", "stdin", ""):
                self.above(os.path.dirname(os.path.abspath(path)))
            value = work()
        finally:
            read = self.end()
        return value, None if self.wide else ordered(read)

    def has_top_level(self, folder: str, package: str) -> bool:
        """``import_root.has_top_level``, recorded: ``package`` is a folder or a module file in ``folder``."""
        base = os.path.join(folder, package)
        return self.exists(base) == "d" or self.exists(base + ".py") == "f"

    def module(self, root: str, module: Sequence[str]) -> None:
        """Every test of where ``module`` (or a module on its way) is under ``root``: each segment as a folder, a
        source or a stub, each package's ``__init__``, and a stub-only ``<top>-stubs`` package."""
        if not module:
            return
        self.exists(os.path.join(root, f"{module[0]}-stubs"))
        folder = root
        for part in module:
            base = os.path.join(folder, part)
            for suffix in ("", ".py", ".pyi", os.sep + "__init__.py", os.sep + "__init__.pyi"):
                self.exists(base + suffix)
            if self.exists(base) != "d":
                return
            folder = base

    def above(self, folder: str) -> None:
        """A file's (real) folder and those above it: where its package ends (``__init__.py``) and where the
        search for its import root stops (``.git``)."""
        while True:
            self.exists(os.path.join(folder, "__init__.py"))
            self.exists(os.path.join(folder, ".git"))
            parent = os.path.dirname(folder)
            if parent == folder:
                return
            folder = parent


class Checks:
    """One run's answers to "is this file or folder as recorded?", each asked of the disk once; ``listed``: the
    folders the run's walk listed already, by absolute path."""

    def __init__(self) -> None:
        self.listed: dict[str, list[os.DirEntry]] = {}
        self._holds: dict[Dependency, bool] = {}

    def listing(self, folder: str) -> bytes | None:
        entries = self.listed.get(folder)
        return folder_signature(folder) if entries is None else listing_signature(entries)

    def hold(self, dependencies: Iterable[Dependency]) -> bool:
        for dependency in dependencies:
            holds = self._holds.get(dependency)
            if holds is None:
                kind, path, recorded = dependency
                if kind == FOLDER:
                    holds = self.listing(path) == recorded
                elif kind == TREE:
                    holds = tree_signature(path) == recorded
                else:
                    holds = path_kind(path) == recorded if kind == EXISTS else _file_holds(path, recorded)
                self._holds[dependency] = holds
            if not holds:
                return False
        return True
