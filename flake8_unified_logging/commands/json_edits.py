"""A fixable finding as ``check --format json`` gives it: the replacement, the lines the fix adds with their
place, and the exact edits, which a script applying them from last to first turns into what ``fix`` writes."""
from __future__ import annotations

from ..source.positions import LineIndex

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..engine.findings import Finding


def describe_edits(finding: Finding, text: str) -> dict[str, object]:
    """``replacement`` (the statement as rewritten, "" when it goes; the new dotted name of a use), ``added``
    (``after_line`` and the ``lines`` added there, indentation kept) and ``edits`` (1-based ``line``/``col`` to
    ``end_line``/``end_col``, characters of the decoded text, and the ``text`` that replaces them)."""
    index = LineIndex(text)
    described: dict[str, object] = {"replacement": finding.replacement}
    added = []
    edits = []
    for edit in sorted(finding.edits, key=lambda e: (e.start, e.end)):
        line, col = index.column(edit.start)
        end_line, end_col = index.column(edit.end)
        edits.append({"line": line, "col": col + 1, "end_line": end_line, "end_col": end_col + 1,
                      "text": edit.replacement})
        at_end = edit.start == len(text) and edit.replacement.startswith(("\n", "\r"))  # after a last line
        if edit.start == edit.end and (edit.replacement.endswith(("\n", "\r")) or at_end):
            after = index.line_of(edit.start - 1) if edit.start else 0
            lines = [line for line in edit.replacement.splitlines() if line.strip()]
            added.append({"after_line": after, "lines": lines})
    if added:
        described["added"] = added
    described["edits"] = edits
    return described
