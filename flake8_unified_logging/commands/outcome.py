"""What one file's work comes to: an exit status, text for stdout and stderr, what the guard counts, and the new
bytes a rewrite is still to write."""
from __future__ import annotations

from ..files import SourceError, shown, write_atomic
from ..records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..engine.finder import Imported
    from ..resolve.reads import Dependency

STDIN = "-"


class Outcome(Record):
    """One file's exit status, text for stdout and stderr, bytes for stdout (``fix -``) or to write, what the file
    takes from legacy modules as the guard counts it (None: not collected, or not known), ``(path, bytes read)``
    when ``data`` is still to be written over those bytes (by the run: see ``commands/run.py``), and what the
    work read from the project, for the result cache (None: not recorded, or the whole tree)."""

    __slots__ = ()
    status: int
    out: str
    err: str
    data: bytes | None
    imports: tuple[Imported, ...] | None
    pending: tuple[str, bytes] | None
    reads: tuple[Dependency, ...] | None

    def __new__(
        cls,
        status: int,
        out: str = "",
        err: str = "",
        data: bytes | None = None,
        imports: tuple[Imported, ...] | None = None,
        pending: tuple[str, bytes] | None = None,
        reads: tuple[Dependency, ...] | None = None,
    ) -> Outcome:
        return tuple.__new__(cls, (status, out, err, data, imports, pending, reads))


def failed(path: str, message: str) -> Outcome:
    """The outcome of a file that cannot be read, parsed or written: exit status 2 and the reason on stderr."""
    return Outcome(2, err=f"{shown(path)}: error: {message}\n")


def write_pending(outcome: Outcome) -> Outcome:
    """Write the outcome's new bytes, unless the file changed since it was read; the outcome once written."""
    path, data = outcome.pending or ("", b"")
    try:
        write_atomic(path, outcome.data or b"", expected=data)
    except SourceError as error:
        return failed(path, str(error))
    return outcome._replace(data=None, pending=None)
