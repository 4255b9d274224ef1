"""Text edits: what a finding changes, and applying them."""
from __future__ import annotations

from _collections_abc import Iterable, Sequence

from ..records import Record
from .positions import Token


class Edit(Record):
    """Replace ``text[start:end]`` with ``replacement`` (offsets into the decoded text)."""

    __slots__ = ()
    start: int
    end: int
    replacement: str

    def __new__(cls, start: int, end: int, replacement: str) -> Edit:
        return tuple.__new__(cls, (start, end, replacement))


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits, last first so earlier offsets stay valid."""
    ordered = sorted(set(edits))
    for before, after in zip(ordered, ordered[1:]):
        if after.start < before.end:
            raise ValueError(f"overlapping edits at offsets {before.start} and {after.start}")
    for edit in reversed(ordered):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def identifier(token: Token) -> str:
    """The name a NAME token spells, as ``ast`` normalises it."""
    if token.string.isascii():
        return token.string
    import unicodedata

    return unicodedata.normalize("NFKC", token.string)


def rename_dotted(names: Sequence[Token], new: Sequence[str], after: int | None = None) -> list[Edit]:
    """Edits that respell the dotted name made of ``names`` as ``new``.

    Only the segments that differ are touched, so spacing around unchanged
    segments survives. ``after`` is where to write when ``names`` is empty
    (the end of the dots of a relative import).
    """
    old = [identifier(t) for t in names]
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    if same == len(old) == len(new):
        return []
    if same == len(old):
        at = names[-1].end if names else after
        assert at is not None
        prefix = "." if names else ""
        return [Edit(at, at, prefix + ".".join(new[same:]))]
    if same == len(new) and same:
        return [Edit(names[same - 1].end, names[-1].end, "")]
    return [Edit(names[same].start, names[-1].end, ".".join(new[same:]))]
