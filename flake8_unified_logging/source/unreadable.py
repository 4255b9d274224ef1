"""Why a file could not be parsed, in the same words for every command (``check``, ``fix``, ``diff``, ``report``)."""
from __future__ import annotations

import sys

from .syntax import newer_syntax


def parse_failure(error: BaseException) -> str:
    """The reason for a failed parse: the running Python's own message and line, with the version that accepts
    the syntax when it is one a newer Python added."""
    if isinstance(error, SyntaxError):
        newer = newer_syntax(error)
        if newer is not None:
            running = ".".join(map(str, sys.version_info[:2]))
            return f"cannot parse with Python {running} ({newer})"
        return f"cannot parse: {error.msg} (line {error.lineno})"
    if isinstance(error, (RecursionError, MemoryError)):
        return f"cannot parse: too deeply nested ({type(error).__name__})"
    return f"cannot parse: {error}"
