"""What a file that cannot be parsed (a syntax error, syntax of a newer Python, bytes that do not decode) still
says about legacy modules, read from its bytes: the import statements that name one, the names they take, and
other mentions of its dotted name."""
from __future__ import annotations

import re
from _collections_abc import Iterable

from ..records import Record
from ..resolve.module_names import resolve

_FROM = re.compile(r"^[ \t]*from[ \t]+(\.*)[ \t]*([\w.]*)[ \t]+import[ \t]*(\([^)]*\)?|[^\n;#]*)", re.MULTILINE)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([^\n;#]*)", re.MULTILINE)
_WORD = r"[A-Za-z_]\w*"


class ByteReferences(Record):
    """Legacy modules imported, ``(module, name)`` pairs taken from them, and modules only mentioned otherwise."""

    __slots__ = ()
    imported: tuple[str, ...]
    taken: tuple[tuple[str, str], ...]
    mentioned: tuple[str, ...]

    def __new__(
        cls, imported: tuple[str, ...], taken: tuple[tuple[str, str], ...], mentioned: tuple[str, ...]
    ) -> ByteReferences:
        return tuple.__new__(cls, (imported, taken, mentioned))


def _names(listed: str) -> list[str]:
    """The names of an import list, aliases dropped (``a as b, c`` gives ``a, c``)."""
    names = []
    for item in listed.strip().strip("()").replace("\\\n", " ").split(","):
        words = item.split()
        if words and re.fullmatch(rf"{_WORD}(\.{_WORD})*|\*", words[0]):
            names.append(words[0])
    return names


def _under(dotted: str, module: str) -> bool:
    return dotted == module or dotted.startswith(module + ".")


def scan(data: bytes, modules: Iterable[str], package: tuple[str, ...] | None) -> ByteReferences:
    """The legacy ``modules`` that ``data`` imports (relative imports resolved from ``package``) or names."""
    text = data.decode("latin-1")  # every byte a character: the names are ASCII, whatever the encoding
    wanted = [m for m in modules if m.rsplit(".", 1)[-1] in text]
    imported: dict[str, None] = {}
    taken: dict[tuple[str, str], None] = {}
    for match in _FROM.finditer(text):
        level, module, listed = len(match.group(1)), match.group(2), match.group(3)
        base = resolve(package, level, module or None) if package is not None or not level else None
        if not base:
            continue
        dotted = ".".join(base)
        for name in _names(listed):
            full = f"{dotted}.{name}" if dotted else name
            for legacy in wanted:
                if _under(dotted, legacy) and dotted:
                    imported[legacy] = None
                    if dotted == legacy and name != "*":
                        taken[legacy, name] = None
                elif _under(full, legacy):
                    imported[legacy] = None
    for match in _IMPORT.finditer(text):
        for name in _names(match.group(1)):
            imported.update((legacy, None) for legacy in wanted if _under(name, legacy))
    mentioned = [
        m for m in wanted if m not in imported and re.search(rf"(?<![\w.]){re.escape(m)}(?!\w)", text)
    ]
    return ByteReferences(tuple(imported), tuple(taken), tuple(mentioned))
