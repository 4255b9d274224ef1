"""Files of any kind (configuration, docs, scripts, Python comments) that name a module by its dotted name or
its path: a module is safe to delete only when none does."""
from __future__ import annotations

import os
import re
from _collections_abc import Iterable, Iterator

from ..files import SKIPPED_DIRS, SourceError, read_bytes

MAX_BYTES = 4 * 1024 * 1024  # larger files are data, not code or configuration
CONFIGURATION = frozenset({"pyproject.toml", "setup.cfg", "tox.ini", ".flake8"})
_RULE_SIDE = re.compile(rb"(?::\w+)?[ \t]*=(?!=)")  # the old side of a rule: what follows the module in one


def every_file(paths: Iterable[str]) -> Iterator[str]:
    """Every file named or found under the named folders; hidden folders, caches and environments left out."""
    for top in paths:
        if not os.path.isdir(top):
            yield top
            continue
        for folder, subfolders, names in os.walk(top):
            subfolders[:] = sorted(
                name for name in subfolders
                if not name.startswith(".") and name not in SKIPPED_DIRS
                and not os.path.isfile(os.path.join(folder, name, "pyvenv.cfg"))
            )
            yield from (os.path.join(folder, name) for name in sorted(names))


def _is_own(path: str, parts: list[str]) -> bool:
    """The module's own file (or a file of its package), and compiled files, which name every module they are."""
    normal = "/" + os.path.normpath(path).replace(os.sep, "/")
    stem = "/" + "/".join(parts)
    return normal.endswith((stem + ".py", stem + ".pyi")) or stem + "/" in normal or path.endswith(".pyc")


def files_naming(module: str, listing: Iterable[str]) -> list[str]:
    """The files of ``listing`` (but the module's own) whose bytes name ``module``: ``a.b`` or ``a/b``."""
    parts = module.split(".")
    names = (re.escape(module.encode()), re.escape("/".join(parts).encode()))
    pattern = re.compile(rb"(?<![\w.])(?:" + rb"|".join(names) + rb")(?!\w)")
    found = []
    for path in listing:
        if _is_own(path, parts) or os.path.islink(path):
            continue
        try:
            if os.path.getsize(path) > MAX_BYTES:
                continue
            data = read_bytes(path)
        except (OSError, SourceError):
            continue
        if parts[-1].encode() in data and _names(pattern, data, os.path.basename(path) in CONFIGURATION):
            found.append(os.path.normpath(path))
    return found


def _names(pattern: re.Pattern[bytes], data: bytes, configuration: bool) -> bool:
    """Whether ``pattern`` occurs in ``data``; in a configuration file, not as the old side of one of our rules
    (``old.module = new.module``, ``old.module:name = ...``), which names what moved, not what is used."""
    for match in pattern.finditer(data):
        if not (configuration and _RULE_SIDE.match(data, match.end())):
            return True
    return False
