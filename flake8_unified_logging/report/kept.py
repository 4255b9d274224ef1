"""What ``report`` keeps between runs (commands/cache.py): each file's counts, and the tallies of the file
versions the history read, by blob."""
from __future__ import annotations

from collections import Counter

from ..commands.cache import ResultCache
from ..commands.store import KeptValues, store_name
from ..config import Settings
from .counts import FileResult

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argparse import Namespace


def kept_results(settings: Settings, args: Namespace) -> ResultCache:
    """The store of each file's counts, for the rules, options and project of this run."""
    name, key = store_name(settings, ("report", args.no_target_check))
    return ResultCache(name, key, _every, _revived, _never)


def kept_tallies(settings: Settings) -> KeptValues:
    """The store of the history's tallies (a file version's legacy statements, and whether any is left)."""
    return KeptValues(*store_name(settings, ("history",)))


def result_values(result: FileResult) -> tuple:
    """A file's counts as values the store holds: a plain tuple of its fields, the counts as pairs."""
    return tuple(result._replace(counts=tuple(result.counts.items())))


def _revived(path: str, kept: tuple, data: bytes | None) -> FileResult:
    stored = FileResult(*kept)
    return stored._replace(counts=Counter(dict(stored.counts)))


def _every(path: str) -> bool:
    return True


def _never(kept: tuple) -> bool:
    return False
