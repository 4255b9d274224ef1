"""The rewrites of a checked buffer, as an editor offers them: the whole file as ``fix`` would write it, and one
finding's statement with what moves with it; each proved the way ``fix`` proves a rewrite, or not offered."""
from __future__ import annotations

from _collections_abc import Iterable, Sequence

from ..engine.finder import Finding
from ..fixer import Fixed, VerificationError, fix_text
from ..records import Record
from ..source.edits import Edit, apply_edits
from .buffer_check import BOM, PARSE_ERRORS, Checked, Spot, targets_for

FIX_ALL_TITLE = "Fix all legacy imports (unified-logging)"


class Fix(Record):
    """A rewrite to offer: its title and the edits that make it, as offsets into the buffer."""

    __slots__ = ()
    title: str
    edits: tuple[Edit, ...]

    def __new__(cls, title: str, edits: tuple[Edit, ...]) -> Fix:
        return tuple.__new__(cls, (title, edits))


class BufferFixes:
    """The rewrites of one checked buffer, each made once and kept with it (one object per buffer version)."""

    def __init__(self, checked: Checked) -> None:
        self.checked = checked
        self.shift = 1 if checked.text.startswith(BOM) else 0
        self.body = checked.text[self.shift :]
        self._fixed: Fixed | None = None
        self._made = checked.settings is None  # a buffer that was not checked has nothing to fix
        self._alone: dict[frozenset[Edit], bool] = {}

    @property
    def fixed(self) -> Fixed | None:
        """The whole rewrite as ``fix`` makes it (None: nothing to check, or it did not pass its checks)."""
        if not self._made:
            self._fixed, self._made = self._fix(self.body), True
        return self._fixed

    def fix_all(self) -> Fix | None:
        """The buffer as ``fix`` would write it, as edits; None when there is nothing to fix or the rewrite does
        not pass ``fix``'s own checks (then nothing is offered)."""
        fixed = self.fixed
        if fixed is None or fixed.text == self.body:
            return None
        return Fix(FIX_ALL_TITLE, self._edits(fixed.findings))

    def quick_fix(self, spot: Spot) -> Fix | None:
        """The rewrite of ``spot``'s statement with every use and string that moves with it, when that part of
        the rewrite stands on its own (it parses, and ``fix`` on the result gives what ``fix`` gives on the
        whole); otherwise the whole file's rewrite. None when the finding has no rewrite."""
        fixed = self.fixed
        if fixed is None:
            return None
        fixable = [f for f in fixed.findings if f.edits]
        own = next((f for f in fixable if _same(f, spot.finding)), None)
        if own is None:
            return None
        group = _group(own, fixable)
        title = f"{spot.finding.code}: {_advice(spot.finding)}"
        if len(group) < len(fixable) and not self._stands_alone(group, fixed.text):
            return Fix(f"{title} (with the rest of the file)", self._edits(fixable))
        return Fix(title, self._edits(group))

    def _fix(self, body: str) -> Fixed | None:
        settings = self.checked.settings
        try:
            return fix_text(body, settings.rules, self.checked.origin, targets_for(settings), settings.fix_strings)
        except (VerificationError, *PARSE_ERRORS):
            return None

    def _edits(self, findings: Iterable[Finding]) -> tuple[Edit, ...]:
        """The findings' edits, once each, as offsets into the buffer (past its BOM)."""
        edits = sorted({edit for finding in findings for edit in finding.edits})
        return tuple(Edit(e.start + self.shift, e.end + self.shift, e.replacement) for e in edits)

    def _stands_alone(self, group: list[Finding], whole: str) -> bool:
        """Whether rewriting only ``group`` leaves a text that parses, where nothing of the group is left to
        fix, and that ``fix`` turns into ``whole`` (the same result as rewriting the file at once)."""
        edits = frozenset(edit for finding in group for edit in finding.edits)
        if edits not in self._alone:
            self._alone[edits] = self._alone_now(edits, group, whole)
        return self._alone[edits]

    def _alone_now(self, edits: frozenset[Edit], group: list[Finding], whole: str) -> bool:
        try:
            partial = apply_edits(self.body, edits)
        except ValueError:
            return False
        rest = self._fix(partial)
        if rest is None or rest.text != whole:
            return False
        modules = _modules(group)
        return not any(f.edits and modules & _modules([f]) for f in rest.findings)


def _same(fixing: Finding, reported: Finding) -> bool:
    return (fixing.code, fixing.line, fixing.col) == (reported.code, reported.line, reported.col)


def _advice(finding: Finding) -> str:
    """What the quick fix does, in the finding's own words."""
    _, said, advice = finding.message.partition("; use: ")
    return f"use {advice}" if said else "rewrite it as unified-logging fix does"


def _modules(findings: Iterable[Finding]) -> set[str]:
    """The legacy modules of ``findings`` (a name rule's ``module:name`` counts as its module)."""
    return {module.split(":")[0] for finding in findings for module in finding.modules}


def _group(own: Finding, fixable: Sequence[Finding]) -> list[Finding]:
    """``own`` and the fixable findings that move with it: the same legacy module, or an edit in common."""
    members = [own]
    modules, edits = _modules([own]), set(own.edits)
    grown = True
    while grown:
        grown = False
        for finding in fixable:
            if finding not in members and (modules & _modules([finding]) or edits & set(finding.edits)):
                members.append(finding)
                modules |= _modules([finding])
                edits |= set(finding.edits)
                grown = True
    return members
