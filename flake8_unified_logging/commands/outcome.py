"""What one file's work comes to: an exit status, text for stdout and stderr, and what the guard counts."""
from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..engine.finder import Imported

STDIN = "-"


class Outcome(namedtuple("Outcome", "status out err data imports", defaults=("", "", None, None))):
    """One file's exit status, text for stdout and stderr, bytes for stdout (``fix -``), and what the file takes
    from legacy modules as the guard counts it (None: not collected, or not known)."""

    __slots__ = ()
    status: int
    out: str
    err: str
    data: bytes | None
    imports: tuple[Imported, ...] | None


def failed(path: str, message: str) -> Outcome:
    """The outcome of a file that cannot be read, parsed or written: exit status 2 and the reason on stderr."""
    return Outcome(2, err=f"{path}: error: {message}\n")
