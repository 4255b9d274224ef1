"""A cache of ``[tool.unified-logging]`` tables, so that a hook call need not import tomllib.

An entry holds the pyproject.toml's exact bytes and the table read from them; it answers only for the same
bytes. Entries live in the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``), one file per
pyproject.toml; a missing, stale or damaged entry is read again from the TOML, and a cache that cannot be
written is done without.
"""
from __future__ import annotations

import os

from .atomic_write import write_atomic
from .files import SourceError

_SEPARATOR = "\x1f"
_KINDS = {"rules": list, "source-roots": list, "target-check": bool}


def _entry(path: str) -> str | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    name = os.path.realpath(path).replace(os.sep, "%")
    return os.path.join(base, "unified-logging", name) if len(name) < 200 else None


def read(path: str, data: bytes) -> dict | None:
    entry = _entry(path)
    try:
        with open(entry or "", "rb") as file:
            cached = file.read()
    except OSError:
        return None
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
    entry = _entry(path)
    if entry is None or any(_KINDS.get(key) is None for key in table):
        return
    lines = []
    for key, value in table.items():
        if isinstance(value, list):
            lines.append(f"{key}{_SEPARATOR}{len(value)}")
            lines += [item.encode("unicode_escape").decode("ascii") for item in value]
        else:
            lines.append(f"{key}{_SEPARATOR}{value}")
    try:
        os.makedirs(os.path.dirname(entry), exist_ok=True)
        write_atomic(entry, str(len(data)).encode() + b"\n" + data + "\n".join(lines).encode("ascii"), create=True)
    except (OSError, SourceError):
        pass
