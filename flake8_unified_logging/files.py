"""Reading, decoding and atomically writing source files; finding them under directories."""
from __future__ import annotations

import io
import os
import stat
from collections import namedtuple
from collections.abc import Iterable, Iterator

SKIPPED_DIRS = frozenset(
    {"__pycache__", "node_modules", "build", "dist", "venv", "site-packages", "__pypackages__"}
)
SOURCE_SUFFIXES = (".py", ".pyi")


class SourceError(Exception):
    """A file that cannot be read, decoded or written; the message names the problem."""


class Source(namedtuple("Source", "text encoding")):
    __slots__ = ()
    text: str
    encoding: str


def decode(data: bytes) -> Source:
    """Text of Python source bytes, honouring a BOM or PEP 263 cookie and keeping every newline."""
    if b"\0" in data:
        raise SourceError("contains a NUL byte: not Python source")
    encoding = _declared_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise SourceError(f"cannot decode as {encoding}: {error.reason} at byte offset {error.start}") from None
    except LookupError:
        raise SourceError(f"unknown encoding {encoding!r}") from None
    return Source(text, encoding)


def _declared_encoding(data: bytes) -> str:
    """The encoding ``tokenize.detect_encoding`` finds, without importing it when there is nothing to find.

    A cookie lives in the first two lines (as ``readline`` splits them) and spells ``coding``; ASCII lines
    without it and without a BOM can only mean UTF-8.
    """
    end = data.find(b"\n", data.find(b"\n") + 1)
    head = data if end == -1 else data[:end]
    if head.isascii() and b"coding" not in head:
        return "utf-8"
    import tokenize

    try:
        return tokenize.detect_encoding(io.BytesIO(data).readline)[0]
    except SyntaxError as error:
        raise SourceError(f"bad encoding declaration: {error.msg}") from None


def encode(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as error:
        raise SourceError(f"the new text cannot be encoded as {encoding}: {error.reason}") from None


# Larger files are not read: parsing takes about a hundred times a file's size in memory.
MAX_FILE_SIZE = 16 * 1024 * 1024
_KINDS = (
    (stat.S_ISDIR, "is a directory"),
    (stat.S_ISFIFO, "is a named pipe"),
    (stat.S_ISCHR, "is a character device"),
    (stat.S_ISBLK, "is a block device"),
    (stat.S_ISSOCK, "is a socket"),
)


def read_bytes(path: str, limit: int = MAX_FILE_SIZE) -> bytes:
    """The bytes of a regular file (a link is followed) of at most ``limit`` bytes; anything else is refused
    unread: opening never waits (a named pipe), reading never runs past the limit (a device, a growing file)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        raise SourceError(describe_os_error(error, "cannot read")) from None
    try:
        status = os.fstat(handle)
        mode, size = status.st_mode, status.st_size
        kind = next((what for test, what in _KINDS if test(mode)), None)
        if kind is not None or not stat.S_ISREG(mode):
            raise SourceError(f"{kind or 'is not a regular file'}; not read")
        if size > limit:
            raise SourceError(too_large(size, limit))
        chunks, total, want = [], 0, size + 1  # a regular file: all of it in the first read, then the end
        while True:
            chunk = os.read(handle, min(want, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total, want = total + len(chunk), 1 << 16
            if total > limit:
                raise SourceError(too_large(total, limit))
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    except OSError as error:
        raise SourceError(describe_os_error(error, "cannot read")) from None
    finally:
        os.close(handle)


def too_large(size: int, limit: int) -> str:
    return f"is {size} bytes, over the limit of {limit} (--max-file-size); not read"


def describe_os_error(error: OSError, doing: str) -> str:
    """What went wrong, as the system says it: permission denied is not "no such file"."""
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    if isinstance(error, PermissionError):
        return f"{doing}: permission denied"
    return f"{doing}: {error.strerror or error}"


def iter_paths(paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """``(path, error)`` for each file named or found under a named directory."""
    for path in paths:
        if path == "-":
            yield path, None
            continue
        try:
            os.lstat(path)
        except FileNotFoundError:
            yield path, "no such file or directory"
            continue
        except OSError as error:
            yield path, describe_os_error(error, "cannot read")
            continue
        if os.path.isdir(path):
            yield from _walk(path)
        else:
            yield path, None


def _walk(top: str) -> Iterator[tuple[str, str | None]]:
    """Source files below ``top`` in sorted order, a folder's files before its sub-folders, with a folder that
    cannot be listed as an error. Linked folders are not entered; a linked file is read as flake8 reads it (and
    never written through)."""
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            yield folder, describe_os_error(error, "cannot list the folder")
            continue
        inner = []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if not _skipped_dir(entry.path, entry.name):
                    inner.append(entry.path)
            elif entry.name.endswith(SOURCE_SUFFIXES) and not _linked_folder(entry):
                yield entry.path, None
        folders.extend(reversed(inner))


def _linked_folder(entry: os.DirEntry) -> bool:
    return entry.is_symlink() and entry.is_dir()


def _skipped_dir(path: str, name: str) -> bool:
    if name.startswith(".") or name in SKIPPED_DIRS:
        return True
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))
