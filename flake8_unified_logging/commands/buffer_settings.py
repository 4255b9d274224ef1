"""The settings of the documents an editor has open: found from each document's folder as ``check`` finds them
from the current one, and read again when a configuration file on the way changes."""
from __future__ import annotations

import os

from ..config import Settings, load_settings, lookup_files
from ..rules import RuleError

Key = tuple[tuple[str, int, int, int], ...]  # (file, modification time, size, owner) of each configuration file


class SettingsCache:
    """Settings per folder, kept while the configuration files the lookup sees from it stay the same."""

    def __init__(self) -> None:
        self._folders: dict[str, tuple[Key, Settings | RuleError]] = {}

    def settings_for(self, folder: str) -> Settings:
        """The settings for a document in ``folder``; raises RuleError for a configuration that is wrong."""
        key = _key(folder)
        kept_key, found = self._folders.get(folder) or (None, None)
        if kept_key != key:
            try:
                found = load_settings(None, None, folder)
            except RuleError as error:
                found = error
            self._folders[folder] = (key, found)
        if isinstance(found, RuleError):
            raise found
        return found  # type: ignore[return-value]


def _key(folder: str) -> Key:
    key = []
    for path in lookup_files(folder):
        try:
            status = os.stat(path)
        except OSError:
            continue
        key.append((path, status.st_mtime_ns, status.st_size, status.st_uid))  # the owner decides if it is read
    return tuple(key)
