"""Reading regular files, decoding and atomically writing source files; finding them under directories."""
from __future__ import annotations

import io
import os
import stat
from _collections_abc import Callable, Iterable, Iterator

from .records import Record

SKIPPED_DIRS = frozenset(
    {"__pycache__", "node_modules", "build", "dist", "venv", "site-packages", "__pypackages__"}
)
SOURCE_SUFFIXES = (".py", ".pyi")


class SourceError(Exception):
    """A file that cannot be read, decoded or written; the message names the problem."""


class Source(Record):
    __slots__ = ()
    text: str
    encoding: str

    def __new__(cls, text: str, encoding: str) -> Source:
        return tuple.__new__(cls, (text, encoding))


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


# Larger files are not read: parsing takes about a hundred times a file's size in memory.
MAX_FILE_SIZE = 16 * 1024 * 1024
_KINDS = (
    (stat.S_ISDIR, "is a directory"),
    (stat.S_ISFIFO, "is a named pipe"),
    (stat.S_ISCHR, "is a character device"),
    (stat.S_ISBLK, "is a block device"),
    (stat.S_ISSOCK, "is a socket"),
)


_LIMIT = [MAX_FILE_SIZE]


def set_read_limit(limit: int) -> None:
    """The run's ``--max-file-size``: the limit of every read it makes (walked files, target modules, git blobs,
    kept results, editor buffers)."""
    _LIMIT[0] = limit


def read_limit() -> int:
    return _LIMIT[0]


def read_bytes(path: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file (a link is followed) of at most ``limit`` bytes (the run's limit); anything
    else is refused unread: opening never waits (a named pipe), reading never runs past the limit (a device, a
    growing file)."""
    return read_with_status(path, limit)[0]


def read_with_status(path: str, limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """``read_bytes``, with the file's ``stat`` as it was before the read."""
    limit = _LIMIT[0] if limit is None else limit
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
        return chunks[0] if len(chunks) == 1 else b"".join(chunks), status
    except OSError as error:
        raise SourceError(describe_os_error(error, "cannot read")) from None
    finally:
        os.close(handle)


def too_large(size: int, limit: int) -> str:
    return f"is {size} bytes, over the limit of {limit} (--max-file-size); not read"


def shown(path: str) -> str:
    """``path`` as text output shows it: quoted as git quotes names (``"a\\nb.py"``) when it holds a control
    character, a quote or a backslash, or starts as a line another tool reads as a command (``::``, ``##``)."""
    if path.isprintable() and '"' not in path and "\\" not in path and not path.startswith(("::", "##")):
        return path
    escapes = {"\\": "\\\\", '"': '\\"', "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v",
               "\f": "\\f", "\r": "\\r"}
    body = "".join(escapes.get(c, c if c.isprintable() else _octal(c)) for c in path)
    return f'"{body}"'


def _octal(char: str) -> str:
    return "".join(f"\\{byte:03o}" for byte in char.encode("utf-8", "surrogateescape"))


def describe_os_error(error: OSError, doing: str) -> str:
    """What went wrong, as the system says it: permission denied is not "no such file"."""
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    if isinstance(error, PermissionError):
        return f"{doing}: permission denied"
    return f"{doing}: {error.strerror or error}"


# -- writing: replacing a file in one step, as its owner would: same owner, group and permission bits; never
# through a link (the file's or a folder's on its path); never over another name of the same file (a hard link);
# never over an edit made since the file was read.

_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def write_atomic(
    path: str, data: bytes, expected: bytes | None = None, create: bool = False, mode: int | None = None,
    durable: bool = True,
) -> None:
    """Replace ``path`` with ``data``. ``expected``: the bytes the file had when it was read; any other content
    now (an edit saved meanwhile) and nothing is written. With ``create``, a missing ``path`` is made (``mode``,
    else what the umask gives). ``durable`` False: the bytes are not flushed to the disk before the rename (a
    file whose reader checks it whole, and drops it when a crash cut it short)."""
    folder, name = os.path.split(path)
    handle = _open_folder(folder or ".")
    try:
        _replace_in(handle, name, data, expected, create, mode, durable)
    finally:
        os.close(handle)


def _open_folder(folder: str) -> int:
    """A handle on ``folder`` reached one name at a time, none of them a link (a handle, not a name: a folder
    swapped for a link after this check is not followed either). An absolute path inside the current folder is
    checked from there; the current folder itself is where the user chose to work."""
    here = os.getcwd()
    absolute = os.path.abspath(folder)
    if absolute == here or absolute.startswith(here.rstrip(os.sep) + os.sep):
        start, rest = ".", os.path.relpath(absolute, here)
    elif os.path.isabs(folder):
        start, rest = os.sep, os.path.relpath(absolute, os.sep)
    else:
        start, rest = ".", folder
    handle = os.open(start, _FOLDER_FLAGS & ~getattr(os, "O_NOFOLLOW", 0))
    for part in (p for p in rest.split(os.sep) if p not in ("", ".")):
        try:
            inner = os.open(part, _FOLDER_FLAGS, dir_fd=handle)
        except OSError as error:
            is_link = _is_link(part, handle)
            os.close(handle)
            if is_link:
                raise SourceError(f"the folder {part!r} on its path is a symbolic link; not rewritten") from None
            raise SourceError(f"cannot open its folder {part!r}: {error.strerror or error}") from None
        os.close(handle)
        handle = inner
    return handle


def _is_link(name: str, folder: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _replace_in(
    folder: int, name: str, data: bytes, expected: bytes | None, create: bool, mode: int | None, durable: bool
) -> None:
    try:
        before: os.stat_result | None = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        if not create:
            raise SourceError("cannot stat: No such file or directory") from None
        before = None
    except OSError as error:
        raise SourceError(f"cannot stat: {error.strerror or error}") from None
    if before is not None:
        _check_replaceable(before)
    temp, handle = _create_beside(folder, name)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            if durable:
                os.fsync(file.fileno())  # the bytes are on disk before the name points at them
            if before is None:
                os.fchmod(file.fileno(), mode if mode is not None else _default_mode())
            else:
                _take_owner_and_mode(file.fileno(), before)
        if before is not None and expected is not None:
            _check_unchanged(folder, name, before, expected)
        os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException as error:
        try:
            os.unlink(temp, dir_fd=folder)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise SourceError(f"cannot write: {error.strerror or error}") from None
        raise


def _check_replaceable(before: os.stat_result) -> None:
    if stat.S_ISLNK(before.st_mode):
        raise SourceError("is a symbolic link; not rewritten (fix the file it points to)")
    if not stat.S_ISREG(before.st_mode):
        raise SourceError("is not a regular file; not rewritten")
    if not before.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise SourceError("is read-only; not rewritten")
    if before.st_nlink > 1:
        raise SourceError(
            f"has {before.st_nlink} hard links; not rewritten (a new file would leave the other names with the old"
            " text: make it a file of its own, or a symbolic link, first)"
        )
    if os.geteuid() != 0 and before.st_uid != os.geteuid():
        raise SourceError(f"belongs to another user (uid {before.st_uid}); not rewritten (it would become yours)")


def _take_owner_and_mode(handle: int, before: os.stat_result) -> None:
    """The new file gets the old one's owner and group, then its permission bits: changing the owner clears the
    set-user and set-group bits, and setting them only afterwards never leaves them on a file of another owner."""
    now = os.fstat(handle)
    if (now.st_uid, now.st_gid) != (before.st_uid, before.st_gid):
        try:
            os.fchown(handle, before.st_uid if os.geteuid() == 0 else -1, before.st_gid)
        except OSError:
            raise SourceError(f"its group (gid {before.st_gid}) cannot be kept; not rewritten") from None
    os.fchmod(handle, stat.S_IMODE(before.st_mode))


def _check_unchanged(folder: int, name: str, before: os.stat_result, expected: bytes) -> None:
    """The file is still the one read, with the bytes read: an edit saved meanwhile is never lost."""
    changed = SourceError("changed since it was read; not rewritten (run again)")
    try:
        handle = os.open(name, _READ_FLAGS, dir_fd=folder)
    except OSError:
        raise changed from None
    try:
        now = os.fstat(handle)
        if (now.st_dev, now.st_ino, now.st_size) != (before.st_dev, before.st_ino, len(expected)):
            raise changed
        with os.fdopen(os.dup(handle), "rb") as file:
            if file.read(len(expected) + 1) != expected:
                raise changed
    finally:
        os.close(handle)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _create_beside(folder: int, name: str) -> tuple[str, int]:
    """A new private file next to ``name`` (cheaper to import than ``tempfile``)."""
    for attempt in range(100):
        temp = f".{name}.{os.getpid()}.{attempt}.tmp"
        try:
            return temp, os.open(temp, _TEMP_FLAGS, 0o600, dir_fd=folder)
        except FileExistsError:
            continue
        except OSError as error:
            raise SourceError(f"cannot write in its directory: {error.strerror or error}") from None
    raise SourceError(f"cannot write in its directory: no free temporary name beside {name}")


def iter_paths(
    paths: Iterable[str], on_folder: Callable[[str, list[os.DirEntry]], None] | None = None
) -> Iterator[tuple[str, str | None]]:
    """``(path, error)`` for each file named or found under a named directory (``on_folder``: told each folder
    listed, with its entries)."""
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
            yield from _walk(path, on_folder)
        else:
            yield path, None


def _walk(
    top: str, on_folder: Callable[[str, list[os.DirEntry]], None] | None = None
) -> Iterator[tuple[str, str | None]]:
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
        if on_folder is not None:
            on_folder(folder, entries)
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
