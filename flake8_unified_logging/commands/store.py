"""Where results kept between runs live: the user's cache folder, private to the user (``table_cache``), one file
per project, tool, Python, rules and options (``store_name``), written whole (a reader sees the old store or the
new one, never half of one), checked when read (a damaged, truncated or foreign store is ignored and replaced,
never trusted), pruned by age and size. ``unified-logging cache info`` and ``cache clear`` (``run_command``).
"""
from __future__ import annotations

import marshal
import os
import site
import sys
import time
import zlib

from .. import __version__
from ..files import read_limit
from ..resolve.reads import digest
from ..table_cache import MAX_AGE, cache_folder, make_private_folder, prune, read_private, write_private

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argparse import Namespace

    from ..config import Settings

RESULTS = "results"
_MAGIC = b"unified-logging results 1\n"
_MAX_ENTRIES = 100_000
_MAX_BYTES = 256 * 1024 * 1024


def results_folder() -> str:
    return os.path.join(cache_folder(), RESULTS)


def made_private(folder: str) -> bool:
    """``folder``, a folder inside the results folder, made (with those on the way) private to the user."""
    parts = os.path.relpath(folder, cache_folder()).split(os.sep)
    made = cache_folder()
    for part in ("", *parts):
        made = os.path.join(made, part) if part else made
        if not make_private_folder(made):
            return False
    return True


def store_name(settings: Settings, variant: tuple) -> tuple[str, str]:
    """The store's file name and the full key it is for: everything the results in it depend on alike."""
    rules = settings.rules.rules
    key = repr(
        (
            __version__,
            _code_fingerprint(),
            sys.version,
            sys.prefix,
            search_path(),
            read_limit(),
            os.path.realpath(os.getcwd()),
            rules,
            settings.source_roots,
            settings.target_check,
            variant,
        )
    )
    return digest(key.encode("utf-8", "surrogateescape")).hex(), key


_PATH_VARIABLES = ("PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE", "PYTHONNOUSERSITE", "PYTHONSAFEPATH")
_PATH_FLAGS = ("ignore_environment", "no_user_site", "no_site", "isolated", "safe_path")


def search_path() -> tuple:
    """Where this Python finds modules, in order, and what decides it: the variables and flags (``-E``, ``-s``,
    ``-I``, ``-S``, ``-P``) that shape it, and the ``.pth`` files of its site folders (each one's ``stat``: an
    editable install's finder changes where modules are found without changing the path)."""
    flags = tuple(getattr(sys.flags, name, 0) for name in _PATH_FLAGS)
    variables = tuple(os.environ.get(name) for name in _PATH_VARIABLES)
    return tuple(sys.path), flags, variables, _pth_files()


def _pth_files() -> tuple:
    folders = list(getattr(site, "getsitepackages", list)())
    if getattr(site, "ENABLE_USER_SITE", False):
        folders.append(site.getusersitepackages())
    found = []
    for folder in folders:
        try:
            entries = [entry for entry in os.scandir(folder) if entry.name.endswith(".pth")]
            found += sorted((entry.path, _signed(entry.stat())) for entry in entries)
        except OSError:
            continue
    return tuple(found)


def _signed(status: os.stat_result) -> tuple[int, int, int, int]:
    return status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns


def _code_fingerprint() -> str:
    """The tool's own code as installed: a changed tool (a new build of the same version, an edited source tree)
    never reads results an earlier one made. An installation writes every module anew, so its ``__init__.py``
    tells one from another; a source tree (an editable install) is told by each module's size and time."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if any(f"{os.sep}{folder}{os.sep}" in package for folder in ("site-packages", "dist-packages")):
        status = os.stat(os.path.join(package, "__init__.py"))
        return f"{status.st_ino}:{status.st_size}:{status.st_mtime_ns}:{status.st_ctime_ns}"
    seen = []
    for folder, _, names in os.walk(package):
        for name in sorted(names):
            if name.endswith(".py"):
                status = os.stat(os.path.join(folder, name))
                seen.append(f"{name}:{status.st_size}:{status.st_mtime_ns}")
    return digest("\n".join(sorted(seen)).encode()).hex()


class KeptValues:
    """Values kept by keys that name everything they depend on (a git blob's id, its path and package): never
    stale, so never checked; written back once at the end (``save``)."""

    def __init__(self, name: str, key: str) -> None:
        self.path = os.path.join(results_folder(), name)
        self.key = key
        self.values: dict = load(self.path, key)
        self.added: dict = {}

    def get(self, key: object) -> object:
        return self.values.get(key)

    def put(self, key: object, value: object) -> None:
        self.values[key] = self.added[key] = value

    def save(self) -> None:
        if self.added:
            save(self.path, self.key, self.added)


def save(path: str, key: str, added: dict) -> None:
    """Write a store again with ``added``, over what other runs wrote meanwhile."""
    folder = results_folder()
    if not made_private(folder):
        return
    _prune(folder)
    merged = load(path, key)
    merged.update(added)
    if len(merged) > _MAX_ENTRIES:
        merged = added
    payload = marshal.dumps((key, merged))
    # A store cut short by a crash fails its checksum and is read as empty: no flush to the disk (a hook call's
    # cost) before the rename.
    write_private(path, _MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload, durable=False)


def load(path: str, key: str) -> dict:
    data = read_private(path)
    if data is None or not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + 4:
        return {}
    check, payload = data[len(_MAGIC) : len(_MAGIC) + 4], data[len(_MAGIC) + 4 :]
    if zlib.crc32(payload).to_bytes(4, "big") != check:
        return {}
    try:
        stored_key, entries = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    return entries if stored_key == key and isinstance(entries, dict) else {}


def _prune(folder: str) -> None:
    """Remove the stores and the flake8 entries unused for a month, and flake8 folders left empty."""
    before = time.time() - MAX_AGE
    prune(folder, before)
    _cap(folder)
    for inner in _flake8_folders(folder):
        prune(inner, before)
        try:
            os.rmdir(inner)
        except OSError:
            continue


def _cap(folder: str) -> None:
    """Remove the least recently written stores while all of them weigh more than ``_MAX_BYTES``."""
    try:
        stores = sorted(
            (entry.stat(follow_symlinks=False).st_mtime, entry.stat(follow_symlinks=False).st_size, entry.path)
            for entry in os.scandir(folder)
            if entry.is_file(follow_symlinks=False)
        )
    except OSError:
        return
    total = sum(size for _, size, _ in stores)
    for _, size, path in stores:
        if total <= _MAX_BYTES:
            return
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size


def _flake8_folders(folder: str) -> list[str]:
    try:
        return [entry.path for entry in os.scandir(folder) if entry.name.endswith(".flake8") and entry.is_dir()]
    except OSError:
        return []


def clear() -> int:
    """Remove every store of results (and the flake8 plugin's entries); the number of files removed."""
    folder = results_folder()
    removed = 0
    for inner in [*_flake8_folders(folder), folder]:
        try:
            names = os.listdir(inner)
        except OSError:
            continue
        for name in names:
            try:
                os.unlink(os.path.join(inner, name))
                removed += 1
            except OSError:
                continue
        if inner != folder:
            try:
                os.rmdir(inner)
            except OSError:
                pass
    return removed


def run_command(args: Namespace, settings: Settings | None = None) -> int:
    """``unified-logging cache info`` or ``cache clear``."""
    folder = results_folder()
    if args.action == "clear":
        print(f"removed {clear()} files of kept results from {folder}")
        return 0
    sizes = []
    for inner, _, names in os.walk(folder):
        for name in names:
            try:
                sizes.append(os.stat(os.path.join(inner, name)).st_size)
            except OSError:
                continue
    print(f"{folder}: {len(sizes)} files of kept results, {sum(sizes)} bytes")
    return 0
