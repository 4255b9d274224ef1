"""What a target lacks, told apart: a missing module, a missing name or member, or one that exists but whose
signature does not take the calls made (``member()``); ``signature`` alone: the factory or renamed name's own."""
from __future__ import annotations

CALL = "()"
SIGNATURE = "signature"


def signature_of(member: str) -> str:
    """The lack of a member that exists but cannot take a call."""
    return member + CALL


def kind(missing: str) -> str:
    """``module``, ``signature`` or ``member`` (a name or a member the target does not have)."""
    if not missing:
        return "module"
    if missing == SIGNATURE or missing.endswith(CALL):
        return SIGNATURE
    return "member"


def name_of(missing: str) -> str | None:
    """The name or member in question (None: the module itself, or the target's own signature)."""
    if not missing or missing == SIGNATURE:
        return None
    return missing[: -len(CALL)] if missing.endswith(CALL) else missing


def describe(missing: str) -> str:
    """The report's words for it."""
    if not missing:
        return "the module itself"
    if missing == SIGNATURE:
        return "its signature does not take the calls made"
    if missing.endswith(CALL):
        return f"{name_of(missing)} exists, its signature does not take the calls made"
    return missing
