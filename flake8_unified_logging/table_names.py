"""``[tool.*]`` tables of a pyproject.toml that look like this tool's own but are spelt otherwise, so that a
misspelt table is an error rather than a configuration silently not read."""
from __future__ import annotations

_MAX_EDITS = 2


def _folded(name: str) -> str:
    return "".join(char for char in name.lower() if char.isascii() and char.isalnum())


def _edits(a: str, b: str, most: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``most + 1`` once it exceeds ``most``."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    row = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        previous, row[0] = row[0], i
        for j, other in enumerate(b, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (char != other))
        if min(row) > most:
            return most + 1
    return row[-1]


def lookalike(tables: object, tool: str) -> str | None:
    """The first key of ``[tool]`` that is not ``tool`` but looks like it: the same letters in another spelling
    (``unified_logging``, ``UnifiedLogging``), containing them (``flake8-unified-logging``), or two edits away."""
    if not isinstance(tables, dict):
        return None
    wanted = _folded(tool)
    for key in tables:
        if key == tool:
            continue
        folded = _folded(key)
        if wanted in folded or _edits(folded, wanted, _MAX_EDITS) <= _MAX_EDITS:
            return key
    return None
