"""Python's import statements as tokens: the only place that knows their forms. Finds the statements naming a
legacy module (an ImportMatch each, with exact spans) and writes what a rewrite makes of them: a ``from``
statement respelled in place, split, or replaced by the statements it becomes."""
from __future__ import annotations

import _ast as ast
from _collections_abc import Sequence

from ..source.edits import Edit, identifier, rename_dotted
from ..source.positions import COMMENT, NAME, OP, OTHER, LineIndex, Token, comments_after, scan
from ..source.scopes import Chain
from .findings import CannotRewrite
from .plans import ImportMatch, Move

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .file_context import FileContext

Aliases = list[tuple[Token, "Token | None"]]
FromParts = tuple[list[Token], Aliases]  # what ``from_parts`` reads: the module tokens, each alias's tokens


def match_statement(ctx: FileContext, node: ast.Import | ast.ImportFrom, chain: Chain) -> ImportMatch | None:
    """The statement, when it names a segment of a legacy module and its tokens spell it exactly."""
    names = [a.name for a in node.names]
    if isinstance(node, ast.ImportFrom):
        names.append(node.module or "")
    if not any(part in ctx.rules.needles for name in names for part in name.split(".")):
        return None
    start, end = ctx.index.span(node)
    tokens = tuple(scan(ctx.index, start, end))
    if not tokens or tokens[-1].end != end or any(t.type == OTHER for t in tokens):
        return None
    comments = (*(t.string for t in tokens if t.type == COMMENT), *comments_after(ctx.index, end))
    if isinstance(node, ast.Import):
        return ImportMatch(node, chain, start, end, tokens, comments)
    anchor = ctx.origin.anchor(node.level)
    module = None if anchor is None else (*anchor, *(node.module.split(".") if node.module else ()))
    return ImportMatch(node, chain, start, end, tokens, comments, anchor, module)


def check_spelling(names: Sequence[Token], parts: Sequence[str]) -> None:
    if [identifier(t) for t in names] != list(parts):
        raise CannotRewrite("the statement could not be tokenized exactly")


def import_aliases(tokens: Sequence[Token]) -> list[tuple[list[Token], Token | None]]:
    """``(name tokens, as-name token)`` for each alias of an ``import`` statement."""
    aliases: list[tuple[list[Token], Token | None]] = [([], None)]
    after_as = False
    for tok in tokens[1:]:
        if tok.type == NAME and tok.string == "as":
            after_as = True
        elif tok.type == NAME:
            names, asname = aliases[-1]
            aliases[-1] = (names, tok) if after_as else ([*names, tok], asname)
            after_as = False
        elif tok.string == ",":
            aliases.append(([], None))
    return aliases


def from_parts(tokens: Sequence[Token]) -> tuple[list[Token], Aliases]:
    """The module tokens (dots and names) and ``(name, as-name)`` tokens of each alias."""
    at = next(i for i, t in enumerate(tokens) if t.type == NAME and t.string == "import" and i > 0)
    region = [t for t in tokens[1:at] if t.type in (NAME, OP)]
    aliases: Aliases = []
    after_as = False
    for tok in tokens[at + 1 :]:
        if tok.type == NAME and tok.string == "as":
            after_as = True
        elif tok.type == NAME or tok.string == "*":
            if after_as:
                aliases[-1] = (aliases[-1][0], tok)
            else:
                aliases.append((tok, None))
            after_as = False
    return region, aliases


def _remove_aliases(index: LineIndex, aliases: Aliases, moved: list[int]) -> list[Edit]:
    """Edits that delete the aliases at ``moved`` with their commas; at least one alias stays. The other
    aliases keep their comments: a trailing alias alone on its line goes with that line."""
    def end(i: int) -> int:
        name, asname = aliases[i]
        return (asname or name).end

    kept = [i for i in range(len(aliases)) if i not in moved]
    edits = []
    for i in moved:
        if i < kept[-1]:
            edits.append(Edit(aliases[i][0].start, aliases[i + 1][0].start, ""))
    trailing = [i for i in moved if i > kept[-1]]
    if trailing:
        first, last = aliases[trailing[0]][0].start, end(trailing[-1])
        between = index.text[end(kept[-1]) : first]
        if ("\n" in between or "\r" in between) and not _continued(between):
            rest = _rest_of_line(index.text, last)
            line_start = index.starts[index.line_of(first) - 1]
            if rest is not None and not index.text[line_start:first].strip(" \t\f"):
                return [*edits, Edit(line_start, rest, "")]
        edits.append(Edit(end(kept[-1]), last, ""))
    return edits


def _rest_of_line(text: str, at: int) -> int | None:
    """The end of the line from ``at`` when all it holds is spaces, a comma and a comment (None otherwise)."""
    at = _past_spaces(text, at)
    if text.startswith(",", at):
        at = _past_spaces(text, at + 1)
    if text.startswith("#", at):
        breaks = [i for i in (text.find("\r", at), text.find("\n", at)) if i != -1]
        at = min(breaks) if breaks else len(text)
    if text.startswith("\r\n", at):
        return at + 2
    return at + 1 if text.startswith(("\r", "\n"), at) else None


def _past_spaces(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\f":
        at += 1
    return at


def _continued(between: str) -> bool:
    """Whether a line break between two aliases is a backslash continuation (the line cannot go alone)."""
    return any(line.rstrip("\r").endswith("\\") and "#" not in line for line in between.split("\n"))


def respell_from(
    index: LineIndex, match: ImportMatch, parts: FromParts, moves: Sequence[Move], stay: tuple[str, ...]
) -> tuple[list[Edit], list[str]]:
    """The edits that make the ``from`` statement of ``match`` import the names its ``moves`` keep from ``stay``
    (the others' aliases removed), and the statements split off for the rest, one per module."""
    level, anchor = match.node.level, match.anchor
    region, aliases = parts
    kept = [move for move in moves if not move.dropped]
    if _relative(level, anchor, stay) == (0, ()):
        first, *added = _render(level, anchor, kept)
        return [Edit(match.start, match.end, first)], added
    edits = _respell_module(level, anchor, region, stay)
    leaving = [i for i, move in enumerate(moves) if move.dropped or move.place != stay]
    for i, (move, (name, asname)) in enumerate(zip(moves, aliases)):
        if i not in leaving and move.leaf != move.alias.name:
            edits.append(_alias_edit(move, name, asname))
    if not leaving:
        return edits, []
    edits += _remove_aliases(index, aliases, leaving)
    split = [move for move in kept if move.place != stay]
    return edits, _render(level, anchor, split)


def _alias_edit(move: Move, name: Token, asname: Token | None) -> Edit:
    """The in-place edit of a moved alias, spacing around ``as`` kept when the local name stays."""
    if asname is not None and move.local == asname.string:
        return Edit(name.start, name.end, move.leaf)
    return Edit(name.start, (asname or name).end, _spelling(move))


def _spelling(move: Move) -> str:
    return move.leaf if move.leaf == move.local else f"{move.leaf} as {move.local}"


def _relative(level: int, anchor: tuple[str, ...] | None, target: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
    """How a statement with ``level`` dots spells the absolute (or tail) module ``target``."""
    if level == 0 or anchor is None:
        return level, target
    common = 0
    while common < min(len(target), len(anchor)) and target[common] == anchor[common]:
        common += 1
    if common == 0:
        return 0, target
    return level + len(anchor) - common, target[common:]


def _respell_module(
    level: int, anchor: tuple[str, ...] | None, region: list[Token], target: tuple[str, ...]
) -> list[Edit]:
    """Edits that make the module part of a ``from`` statement name ``target``."""
    new_level, dotted = _relative(level, anchor, target)
    names = [t for t in region if t.type == NAME]
    dots = [t for t in region if t.type != NAME]
    if new_level == level:
        return rename_dotted(names, dotted, after=dots[-1].end if dots else None)
    return [Edit(region[0].start, region[-1].end, "." * new_level + ".".join(dotted))]


def _render(level: int, anchor: tuple[str, ...] | None, moves: Sequence[Move]) -> list[str]:
    """Stand-alone statements importing the ``moves``, one per module, in their order."""
    by_place: dict[tuple[str, ...], list[Move]] = {}
    for move in moves:
        by_place.setdefault(move.place, []).append(move)
    rendered = []
    for place, group in by_place.items():
        new_level, dotted = _relative(level, anchor, place)
        if new_level == 0 and not dotted:
            rendered += [f"import {_spelling(move)}" for move in group]
        else:
            names = ", ".join(_spelling(move) for move in group)
            rendered.append(f"from {'.' * new_level}{'.'.join(dotted)} import {names}")
    return rendered
