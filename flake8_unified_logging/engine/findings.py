"""What the engine reports: a Finding per legacy reference, its codes, and the reason a rewrite is refused."""
from __future__ import annotations

from ..records import Record
from ..resolve.modules import Unresolved

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..source.edits import Edit

LEGACY_IMPORT = "ULG001"
LEGACY_ATTRIBUTE = "ULG002"
LEGACY_STRING = "ULG003"
UNFIXABLE = "ULG004"
TARGET_MISSING = "ULG005"
NOQA_PROBLEM = "marked noqa"


class Finding(Record):
    """A legacy reference at ``line`` (1-based) and ``col`` (0-based characters), the edits that fix it,
    the legacy modules (the rules' old sides) it involves, what replaces it (when it is fixable and
    described: the new statement, or the new dotted name of a use), and the ``(legacy module, name)`` pairs
    the code takes from legacy modules there; for ULG005, the ``(target, name or member)`` pairs the targets lack."""

    __slots__ = ()
    code: str
    line: int
    col: int
    message: str
    edits: tuple[Edit, ...]
    modules: tuple[str, ...]
    replacement: str
    imported: tuple[tuple[str, str], ...]
    lacks: tuple[tuple[str, str], ...]

    def __new__(
        cls,
        code: str,
        line: int,
        col: int,
        message: str,
        edits: tuple[Edit, ...] = (),
        modules: tuple[str, ...] = (),
        replacement: str = "",
        imported: tuple[tuple[str, str], ...] = (),
        lacks: tuple[tuple[str, str], ...] = (),
    ) -> Finding:
        return tuple.__new__(cls, (code, line, col, message, edits, modules, replacement, imported, lacks))

    @property
    def text(self) -> str:
        return f"{self.code} {self.message}"


class CannotRewrite(Exception):
    """The reason a legacy reference has no safe automatic rewrite."""


def is_unresolved(problem: str | Unresolved) -> bool:
    """Whether ``problem`` says a target lacks something (ULG005), not that the rewrite is unsafe (ULG004)."""
    return isinstance(problem, Unresolved)
