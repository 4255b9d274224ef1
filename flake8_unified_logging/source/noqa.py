"""``# noqa`` comments, read the way flake8 reads them."""
from __future__ import annotations

from _collections_abc import Iterable

# Patterns, read with ``re`` only for a comment that says noqa: a hook call on any other file never loads it.
_NOQA = r"# noqa(?::\s?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?"
_FILE_NOQA = r"^[ \t\f]*# flake8[:=]\s*noqa\s*$"
_CODE = r"[A-Z]+[0-9]+"


def suppresses(comments: Iterable[str], code: str) -> bool:
    """Whether any of ``comments`` silences ``code`` (a bare noqa silences all)."""
    for comment in comments:
        if "noqa" not in comment.lower():
            continue
        import re

        found = re.search(_NOQA, comment, re.IGNORECASE)
        if found is None:
            continue
        codes = found.group("codes")
        if codes is None or any(code.startswith(c.upper()) for c in re.findall(_CODE, codes, re.IGNORECASE)):
            return True
    return False


def file_is_skipped(text: str) -> bool:
    """A ``# flake8: noqa`` line makes flake8 skip the whole file; so do we."""
    if "flake8" not in text:
        return False
    import re

    return re.search(_FILE_NOQA, text, re.IGNORECASE | re.MULTILINE) is not None
