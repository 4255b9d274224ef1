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
        if not any(tokenize.cookie_re.match(line.decode("latin-1")) for line in head.splitlines()):
            _utf8(data)  # no declaration to blame: the first lines are not UTF-8
        raise SourceError(f"bad encoding declaration: {error.msg}") from None


def _utf8(data: bytes) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(f"cannot decode as utf-8: {error.reason} at byte offset {error.start}") from None


def encode(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as error:
        raise SourceError(f"the new text cannot be encoded as {encoding}: {error.reason}") from None


def read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read()
    except IsADirectoryError:
        raise SourceError("is a directory") from None
    except FileNotFoundError:
        raise SourceError("no such file") from None
    except OSError as error:
        raise SourceError(f"cannot read: {error.strerror or error}") from None


def write_atomic(path: str, data: bytes, create: bool = False) -> None:
    """Replace ``path`` with ``data`` in one step, keeping its permission bits; never through a link. With
    ``create``, a missing ``path`` is made, with the permissions the umask gives."""
    if os.path.islink(path):
        raise SourceError("is a symbolic link; not rewritten (fix the file it points to)")
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        if not create:
            raise SourceError("cannot stat: No such file or directory") from None
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as error:
        raise SourceError(f"cannot stat: {error.strerror or error}") from None
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise SourceError("is read-only; not rewritten")
    directory, name = os.path.split(os.path.abspath(path))
    try:
        handle, temp = _create_beside(directory, name)
    except OSError as error:
        raise SourceError(f"cannot write in its directory: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as error:
        if os.path.exists(temp):
            os.unlink(temp)
        raise SourceError(f"cannot write: {error.strerror or error}") from None


def _create_beside(directory: str, name: str) -> tuple[int, str]:
    """A new private file next to ``name`` (cheaper to import than ``tempfile``)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for attempt in range(100):
        temp = os.path.join(directory, f".{name}.{os.getpid()}.{attempt}.tmp")
        try:
            return os.open(temp, flags, 0o600), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {name}")


def iter_paths(paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """``(path, error)`` for each file named or found under a named directory."""
    for path in paths:
        if path == "-":
            yield path, None
        elif os.path.isdir(path):
            yield from ((found, None) for found in _walk(path))
        elif os.path.lexists(path):
            yield path, None
        else:
            yield path, "no such file or directory"


def _walk(top: str) -> Iterator[str]:
    """Source files below ``top`` in sorted order, a folder's files before its sub-folders; links are skipped."""
    folders = [top]
    while folders:
        try:
            entries = sorted(os.scandir(folders.pop()), key=lambda entry: entry.name)
        except OSError:
            continue
        inner = []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if not _skipped_dir(entry.path, entry.name):
                    inner.append(entry.path)
            elif entry.name.endswith(SOURCE_SUFFIXES) and entry.is_file(follow_symlinks=False):
                yield entry.path
        folders.extend(reversed(inner))


def _skipped_dir(path: str, name: str) -> bool:
    if name.startswith(".") or name in SKIPPED_DIRS:
        return True
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))
