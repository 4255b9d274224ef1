"""Rules derived from the trees: plain imports whose reads sit in the most kinds of positions."""
from __future__ import annotations

from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Sequence

from .layout_check import parse
from .leftovers import positions_of_plain_imports


def derive_rules(paths: Iterable[str], given: Sequence[str], most: int, jobs: int) -> list[str]:
    """Rules for the plain dotted imports whose reads sit in the most kinds of positions (at least three)."""
    kinds: dict[str, set[str]] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for counts in pool.map(_positions_in_file, paths, chunksize=64):
            for module, position in counts:
                kinds.setdefault(module, set()).add(position)
    taken = [rule.partition("=")[0].strip() for rule in given]

    def overlaps(module: str) -> bool:
        return any(f"{module}.".startswith(f"{old}.") or f"{old}.".startswith(f"{module}.") for old in taken)

    derived = []
    for module in sorted(kinds, key=lambda m: (-len(kinds[m]), m)):
        if len(derived) == most or len(kinds[module]) < 3:
            break
        if not overlaps(module):
            taken.append(module)
            derived.append(f"{module}={module}_moved")
    return derived


def _positions_in_file(path: str) -> Counter[tuple[str, str]]:
    with open(path, "rb") as file:
        tree = parse(file.read())
    return positions_of_plain_imports(tree) if tree is not None else Counter()
