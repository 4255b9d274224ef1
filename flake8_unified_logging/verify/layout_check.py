"""Checks 1, 2 and 7: the bytes read and parsed; line endings, BOM, encoding cookie and final newline kept."""
from __future__ import annotations

import ast
import io
import re
import tokenize

_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+", re.MULTILINE)


def layout(data: bytes) -> tuple[object, ...]:
    crlf = data.count(b"\r\n")
    head = b"\n".join(data.splitlines()[:2])
    cookie = _COOKIE.search(head)
    return (
        data.startswith(b"\xef\xbb\xbf"),
        crlf,
        data.count(b"\r") - crlf,
        data.count(b"\n") - crlf,
        data.endswith((b"\n", b"\r")),
        cookie.group(0) if cookie else None,
    )


def same_layout(old: tuple[object, ...], new: tuple[object, ...]) -> bool:
    """The same layout, but for lines added or removed with a line ending the file already used (name rules add
    lines; imports move and blank lines follow the import sorter's layout)."""
    if old[0] != new[0] or old[4:] != new[4:]:
        return False
    return all(new[kind] == old[kind] or old[kind] and new[kind] for kind in (1, 2, 3))


def decode(data: bytes) -> str:
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding)


def parse(data: bytes) -> ast.AST | None:
    try:
        return ast.parse(decode(data))
    except (SyntaxError, ValueError, UnicodeDecodeError, LookupError, RecursionError, MemoryError):
        return None
