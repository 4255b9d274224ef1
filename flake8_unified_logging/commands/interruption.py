"""Ctrl-C ends a run quietly, with status 130, after naming the files it already rewrote; a file is never left
replaced but unnamed."""
from __future__ import annotations

import sys

# The C module itself: ``signal`` wraps the same functions in enums, which costs every hook call about half a ms.
import _signal as signal

from ..files import shown

INTERRUPTED = 128 + signal.SIGINT


class HeldInterrupt:
    """Within the block (a file replaced, then named), Ctrl-C waits; it ends the run as soon as the block is done.
    The handler is swapped, not the signal mask: the run's other threads (a pool's) may receive the signal."""

    def __init__(self) -> None:
        self.pending = False
        self.previous: object = None

    def _hold(self, signum: int, frame: object) -> None:
        self.pending = True

    def __enter__(self) -> HeldInterrupt:
        if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
            return self  # ignored (a background job), or another program's handler: left alone
        try:
            self.previous = signal.signal(signal.SIGINT, self._hold)
        except ValueError:  # not the main thread: signals reach only the main thread anyway
            self.previous = None
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)  # type: ignore[arg-type]
        if self.pending and kind is None:
            raise KeyboardInterrupt


def ignore_in_worker() -> None:
    """A worker process leaves Ctrl-C to the main one, which stops the pool (no traceback from each worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def interrupted(rewritten: list[str] | None) -> int:
    """The last words of an interrupted run (``rewritten``: the files a fix rewrote), and its exit status."""
    if rewritten:
        names = ", ".join(map(shown, rewritten))
        count = f"{len(rewritten)} file{'s' if len(rewritten) > 1 else ''}"
        sys.stderr.write(f"unified-logging: interrupted; rewrote {count} ({names}), left the others unchanged\n")
    elif rewritten is not None:
        sys.stderr.write("unified-logging: interrupted; no file was rewritten\n")
    else:
        sys.stderr.write("unified-logging: interrupted\n")
    return INTERRUPTED
