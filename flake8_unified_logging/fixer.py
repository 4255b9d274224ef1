"""Apply a text's findings and prove the result before anyone writes it."""
from __future__ import annotations

from .engine.finder import Finding, find
from .files import SourceError, decode, encode, read_bytes
from .records import Record
from .resolve.run_rewrites import Planned
from .rules import RuleSet
from .source.edits import apply_edits
from .source.origin import Origin, origin_of
from .source.syntax import parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    import _ast as ast

    from .resolve.run_rewrites import Planning
    from .resolve.targets import TargetCheck


class VerificationError(Exception):
    """A rewrite that failed its own checks; the text must be left as it was."""


class Fixed(Record):
    """The new text, the findings it was made from, the findings of the new text (the second pass) and the new
    text parsed (None when the caller gave no tree and nothing changed)."""

    __slots__ = ()
    text: str
    findings: list[Finding]
    after: list[Finding]
    tree: ast.Module | None

    def __new__(
        cls, text: str, findings: list[Finding], after: list[Finding] = (), tree: ast.Module | None = None
    ) -> Fixed:
        return tuple.__new__(cls, (text, findings, after, tree))

    @property
    def unfixed(self) -> list[Finding]:
        return [f for f in self.findings if not f.edits]


def fix_text(
    text: str,
    rules: RuleSet,
    origin: Origin = Origin(),
    targets: TargetCheck | None = None,
    strings: bool = False,
    tree: ast.Module | None = None,
) -> Fixed:
    """The rewritten text and the findings it was made from (``tree``: ``text`` parsed, when the caller has it).

    Raises SyntaxError when ``text`` does not parse and VerificationError when
    the rewrite does not parse or a second pass still finds something to fix.
    """
    findings = find(text, rules, tree=tree, origin=origin, describe=False, targets=targets, fix_strings=strings)
    edits = [edit for finding in findings for edit in finding.edits]
    if not edits:
        return Fixed(text, findings, findings, tree)
    new_text = apply_edits(text, edits)
    try:
        tree = parse(new_text)
    except (SyntaxError, ValueError) as error:
        raise VerificationError(f"internal error: the rewrite does not parse ({error}); file left unchanged") from None
    after = find(new_text, rules, tree=tree, origin=origin, describe=False, targets=targets, fix_strings=strings)
    again = [f for f in after if f.edits]
    if again:
        raise VerificationError(
            f"internal error: a second pass still finds {again[0].code} at line {again[0].line}; file left unchanged"
        )
    return Fixed(new_text, findings, after, tree)


def planned(rules: RuleSet, strings: bool, path: str, targets: Planning) -> tuple[Planned, ...]:
    """What ``fix`` makes of the file at ``path`` in a run (``targets``: the run's target check), for judging a
    target the run rewrites: each finding's line with "" where it is rewritten, else why not; nothing when the
    file is left as it is (unreadable, not round-tripping, failing its verification)."""
    try:
        data = read_bytes(path)
        source = decode(data)
        if encode(source.text, source.encoding) != data:
            return ()
        fixed = fix_text(source.text, rules, origin_of(path), targets, strings)  # type: ignore[arg-type]
    except (SourceError, SyntaxError, ValueError, RecursionError, MemoryError, VerificationError):
        return ()
    return tuple(Planned(finding.line, "" if finding.edits else _refusal(finding)) for finding in fixed.findings)


def _refusal(finding: Finding) -> str:
    text = finding.text
    return text[: -len("; not rewritten")] if text.endswith("; not rewritten") else text
