"""The folder an absolute import of a file resolves from, found the way Python would find it on ``sys.path``.

Of the folders above the file (up to the repository's root), the outermost in which the legacy module itself
resolves; when it resolves in none (a third-party module), the outermost holding the new module's top-level
package, where the new module must then exist. A module named ``utils`` inside ``api/scheduler/`` is
``api.scheduler.utils``, another module, so it never hides the root above it.
"""
from __future__ import annotations

import os
from _collections_abc import Sequence


def resolves(folder: str, module: Sequence[str]) -> bool:
    """Whether ``module`` is a file or a package folder under ``folder``."""
    base = os.path.join(folder, *module)
    return os.path.isfile(base + ".py") or os.path.isfile(os.path.join(base, "__init__.py"))


def has_top_level(folder: str, package: str) -> bool:
    return os.path.isdir(os.path.join(folder, package)) or os.path.isfile(os.path.join(folder, package + ".py"))


def ancestors(folder: str) -> list[str]:
    """``folder`` and the folders above it, nearest first, up to the repository's root (a folder with ``.git``)."""
    found = [folder]
    while not os.path.exists(os.path.join(folder, ".git")):
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        found.append(parent)
        folder = parent
    return found


def import_root(folders: Sequence[str], legacy: Sequence[str], new: Sequence[str]) -> str | None:
    """The root among ``folders`` (nearest first, up to the repository's root) for a rewrite of ``legacy`` to
    ``new``; None when the new module's top-level package is in none of them (not the project's: nothing to
    check)."""
    found = [folder for folder in folders if resolves(folder, legacy)] if legacy else []
    if not found and new:
        found = [folder for folder in folders if has_top_level(folder, new[0])]
    return found[-1] if found else None
