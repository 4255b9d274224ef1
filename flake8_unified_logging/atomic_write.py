"""Replacing a file in one step, as its owner would: same owner, group and permission bits; never through a link
(the file's or a folder's on its path); never over another name of the same file (a hard link); never over an
edit made since the file was read."""
from __future__ import annotations

import os
import stat

from .files import SourceError

_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def write_atomic(
    path: str, data: bytes, expected: bytes | None = None, create: bool = False, mode: int | None = None
) -> None:
    """Replace ``path`` with ``data``. ``expected``: the bytes the file had when it was read; any other content
    now (an edit saved meanwhile) and nothing is written. With ``create``, a missing ``path`` is made (``mode``,
    else what the umask gives)."""
    folder, name = os.path.split(path)
    handle = _open_folder(folder or ".")
    try:
        _replace_in(handle, name, data, expected, create, mode)
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


def _replace_in(folder: int, name: str, data: bytes, expected: bytes | None, create: bool, mode: int | None) -> None:
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
