"""The flake8 plugin's findings kept between runs, one small file per source file that names a legacy module.

flake8 hands the plugin each file's lines, in several processes at once: each file's findings are kept in a file
of their own (named by the file's path), written whole when they are made, so no process waits for another and
none reads half an entry. An entry holds the text's digest, the findings, and what reading the project for them
looked at; it answers only while all of those are unchanged (as ``commands/cache.py`` checks a run's results).
"""
from __future__ import annotations

import marshal
import os
import zlib

from ..resolve.reads import Checks, Dependency, digest
from ..table_cache import read_private, write_private
from .store import made_private, results_folder, store_name

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..config import Settings

Found = tuple[int, int, str]  # line, column, text
_MAGIC = b"unified-logging flake8 1\n"


class FindingCache:
    """One flake8 process's view of the kept findings."""

    def __init__(self, settings: Settings, honor_noqa: bool) -> None:
        name, self.key = store_name(settings, ("flake8", honor_noqa))
        self.folder = os.path.join(results_folder(), name + ".flake8")
        self.checks = Checks()

    def _entry(self, filename: str) -> str:
        return os.path.join(self.folder, digest(os.path.abspath(filename).encode("utf-8", "surrogateescape")).hex())

    def findings(self, filename: str, text: str) -> list[Found] | None:
        """The findings kept for ``filename`` with this ``text``, if everything they depend on still holds."""
        data = read_private(self._entry(filename))
        if data is None or not data.startswith(_MAGIC):
            return None
        payload = data[len(_MAGIC) + 4 :]
        if zlib.crc32(payload).to_bytes(4, "big") != data[len(_MAGIC) : len(_MAGIC) + 4]:
            return None
        try:
            key, path, text_digest, found, dependencies = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return None
        if key != self.key or path != os.path.abspath(filename) or text_digest != _text_digest(text):
            return None
        return list(found) if self.checks.hold(dependencies) else None

    def keep(self, filename: str, text: str, found: list[Found], dependencies: tuple[Dependency, ...]) -> None:
        if not made_private(self.folder):
            return
        path = os.path.abspath(filename)
        payload = marshal.dumps((self.key, path, _text_digest(text), tuple(found), dependencies))
        # Checked whole on reading (the checksum): no flush to the disk before the rename.
        write_private(self._entry(filename), _MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload, durable=False)


def _text_digest(text: str) -> bytes:
    return digest(text.encode("utf-8", "surrogateescape"))
