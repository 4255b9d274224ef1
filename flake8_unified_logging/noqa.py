"""``# noqa`` comments, read the way flake8 reads them."""
from __future__ import annotations

import re
from collections.abc import Iterable

_NOQA = re.compile(r"# noqa(?::\s?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)
_FILE_NOQA = re.compile(r"^[ \t\f]*# flake8[:=]\s*noqa\s*$", re.IGNORECASE | re.MULTILINE)
_CODE = re.compile(r"[A-Z]+[0-9]+", re.IGNORECASE)


def suppresses(comments: Iterable[str], code: str) -> bool:
    """Whether any of ``comments`` silences ``code`` (a bare noqa silences all)."""
    for comment in comments:
        found = _NOQA.search(comment)
        if found is None:
            continue
        codes = found.group("codes")
        if codes is None or any(code.startswith(c.upper()) for c in _CODE.findall(codes)):
            return True
    return False


def file_is_skipped(text: str) -> bool:
    """A ``# flake8: noqa`` line makes flake8 skip the whole file; so do we."""
    return "flake8" in text and _FILE_NOQA.search(text) is not None
