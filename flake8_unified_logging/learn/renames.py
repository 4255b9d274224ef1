"""Files a commit moved. git pairs a deleted and an added file as a rename when their contents are similar
enough (``git diff -M``); a package's small files (an ``__init__.py`` of three lines whose imports all changed)
often fall short. A deleted file whose folder git saw move, and whose name is added in the folder it moved to,
moved with it."""
from __future__ import annotations

import posixpath


def moved_with_folders(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``(before, after)`` pairs of changed files, renames included, and the deleted and added files that git
    did not pair but that moved with their folder; files only deleted or only added are left out."""
    folders = {}
    for before, after in pairs:
        if before and after and before != after:
            folders.setdefault(posixpath.dirname(before), set()).add(posixpath.dirname(after))
    added = {after for before, after in pairs if not before}
    found = [(before, after) for before, after in pairs if before and after]
    for before, after in pairs:
        if after or not before:
            continue
        targets = folders.get(posixpath.dirname(before), set())
        if len(targets) == 1:
            moved = posixpath.join(next(iter(targets)), posixpath.basename(before))
            if moved in added:
                found.append((before, moved))
    return found
