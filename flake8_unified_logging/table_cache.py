"""A cache of ``[tool.unified-logging]`` tables, so that a hook call need not import tomllib.

An entry holds the pyproject.toml's exact bytes and the table read from them; it answers only for the same
bytes. Entries live in the user's cache folder (``$XDG_CACHE_HOME`` when it is an absolute path, as the XDG spec
says, else ``~/.cache``), one file per pyproject.toml. Only a folder the user owns and no one else may enter is
used (it is made so), and only entries the user owns and no one else may read or write: an entry planted by
another user would choose the rules. A missing, stale, foreign or damaged entry is read again from the TOML; a
cache that cannot be written is done without; entries unused for a month are removed when one is written.
"""
from __future__ import annotations

import os
import stat
import time

from .files import SourceError, read_limit, write_atomic

_SEPARATOR = "\x1f"
_KINDS = {"rules": list, "source-roots": list, "target-check": bool, "fix-strings": bool, "strict": bool, "cache": bool}
_FOLDER = "unified-logging"
MAX_AGE = 30 * 24 * 3600
_OTHERS = stat.S_IRWXG | stat.S_IRWXO
# A store holds what a run kept of every file: it may be held to more than one file's limit, as much as all
# stores together may weigh by default (16 x 16 MiB).
STORE_LIMIT_FACTOR = 16
READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def cache_folder() -> str:
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, _FOLDER)


def private(status: os.stat_result, kind: int) -> bool:
    return stat.S_IFMT(status.st_mode) == kind and status.st_uid == os.geteuid() and not status.st_mode & _OTHERS


def usable_folder(folder: str) -> bool:
    """One ``lstat``: the folder is the user's own, private, and not a link."""
    try:
        return private(os.lstat(folder), stat.S_IFDIR)
    except OSError:
        return False


def _entry(folder: str, path: str) -> str | None:
    name = os.path.realpath(path).replace(os.sep, "%")
    return os.path.join(folder, name) if len(name) < 200 else None


def read(path: str, data: bytes) -> dict | None:
    folder = cache_folder()
    entry = _entry(folder, path)
    if entry is None or not usable_folder(folder):
        return None
    cached = read_private(entry)
    return None if cached is None else _parse(cached, data)


def read_private(entry: str) -> bytes | None:
    """The bytes of a file of the cache folder, if the user owns it, no one else may read or write it, and it is
    within ``STORE_LIMIT_FACTOR`` times the run's limit of a read (a larger one is as good as none)."""
    limit = read_limit() * STORE_LIMIT_FACTOR
    try:
        handle = os.open(entry, READ_FLAGS)
    except OSError:
        return None
    try:
        status = os.fstat(handle)
        if not private(status, stat.S_IFREG) or status.st_size > limit:
            return None
        with os.fdopen(os.dup(handle), "rb") as file:
            return file.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(handle)


def _parse(cached: bytes, data: bytes) -> dict | None:
    size, _, rest = cached.partition(b"\n")
    if not size.isdigit() or rest[: int(size)] != data:
        return None
    table: dict = {}
    try:
        lines = iter(rest[int(size) :].decode("ascii").split("\n"))
        for line in lines:
            key, _, value = line.partition(_SEPARATOR)
            if _KINDS.get(key) is list:
                table[key] = [next(lines).encode("ascii").decode("unicode_escape") for _ in range(int(value))]
            elif _KINDS.get(key) is bool and value in ("True", "False"):
                table[key] = value == "True"
            elif line:
                return None
    except (UnicodeError, ValueError, StopIteration):
        return None
    return table


def write(path: str, data: bytes, table: dict) -> None:
    folder = cache_folder()
    entry = _entry(folder, path)
    if entry is None or any(_KINDS.get(key) is None for key in table):
        return
    lines = []
    for key, value in table.items():
        if isinstance(value, list):
            lines.append(f"{key}{_SEPARATOR}{len(value)}")
            lines += [item.encode("unicode_escape").decode("ascii") for item in value]
        else:
            lines.append(f"{key}{_SEPARATOR}{value}")
    if not make_private_folder(folder):
        return
    prune(folder, time.time() - MAX_AGE)
    write_private(entry, str(len(data)).encode() + b"\n" + data + "\n".join(lines).encode("ascii"))


def write_private(entry: str, payload: bytes, durable: bool = True) -> None:
    """Replace a file of the cache folder whole (a reader sees the old bytes or the new), readable by the user
    alone; what is not the user's own private file there is removed first. A failure leaves the cache without.
    ``durable`` False: not flushed to the disk first (a payload its reader checks whole, as the result store's
    checksum does)."""
    try:
        if not private(os.lstat(entry), stat.S_IFREG):
            os.unlink(entry)
    except OSError:
        pass
    try:
        write_atomic(entry, payload, create=True, mode=0o600, durable=durable)
    except (OSError, SourceError):
        pass


def make_private_folder(folder: str) -> bool:
    """The cache folder, made private (0700); one the user owns but others may enter (as earlier versions made
    it) is closed. A folder of another user, or a link, is never used; none is made inside a folder of another
    user (root with another user's HOME leaves that user's home as it is)."""
    missing = []
    path = folder
    while not os.path.lexists(path) and os.path.dirname(path) != path:
        missing.append(path)
        path = os.path.dirname(path)
    for made in reversed(missing):
        if not _may_make_in(os.path.dirname(made)):
            return False
        try:
            os.mkdir(made, 0o700 if made == folder else 0o777)
        except FileExistsError:
            pass
        except OSError:
            return False
    try:
        status = os.lstat(folder)
        if stat.S_ISDIR(status.st_mode) and status.st_uid == os.geteuid() and status.st_mode & _OTHERS:
            os.chmod(folder, 0o700)
    except OSError:
        return False
    return usable_folder(folder)


def _may_make_in(parent: str) -> bool:
    try:
        return os.stat(parent).st_uid in (os.geteuid(), 0)
    except OSError:
        return False


def prune(folder: str, before: float) -> None:
    """Remove the user's entries (and left-over temporary files) not written since ``before``."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            status = entry.stat(follow_symlinks=False)
            if status.st_mtime < before and status.st_uid == os.geteuid():
                os.unlink(entry.path)
        except OSError:
            continue
