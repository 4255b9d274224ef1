"""``unified-logging learn``: the rules a hand migration shows, read from git (no checkout) or two trees, checked
by replaying them on the examples and counted on the current tree. Writes no file: the rules go to standard
output, ready to paste; the figures go to standard error."""
from __future__ import annotations

import argparse
import gc
import json
import os
import sys

from ..commands import git
from ..config import Settings
from ..files import SourceError, decode, iter_paths, read_bytes, shown
from ..resolve.targets import LAYOUT_HINT, TargetCheck
from ..rules import Rule, RuleError, RuleSet, parse_rules
from ..source.origin import origin_in_listing, origin_of
from ..source.syntax import parse
from .infer import Learned, learn, study
from .objects import Bound
from .propose import Proposal
from .renames import moved_with_folders
from .replay import Replay, replay
from .support import TreeFacts, provider_check, tree_counts, tree_findings, tree_support
from .values import ExampleFile

TYPE_CHECKING = False
if TYPE_CHECKING:
    import _ast as ast


class LearnError(Exception):
    """Input that gives no examples: the message says why (exit 2)."""


def run_command(args: argparse.Namespace, settings: Settings) -> int:
    return run_learn(args, TargetCheck.for_run(settings, args))


def run_learn(args: argparse.Namespace, targets: TargetCheck | None) -> int:
    # The syntax trees hold no cycles: the collector would only walk them again and again while they are built.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _learn(args, targets)
    finally:
        if enabled:
            gc.enable()


def _learn(args: argparse.Namespace, targets: TargetCheck | None) -> int:
    try:
        examples, top = _examples(args)
        read = study(examples)
        trees = _tree(top, {move.old for move in read.moves})  # only the tree's files naming a module left count
        facts = TreeFacts(trees)
        bound = Bound(targets)
        learned = learn(read, provider_check(facts, targets, bound), bound)
        if not learned.examples:
            raise LearnError("no import edits in the examples")
    except LearnError as error:
        sys.stderr.write(f"unified-logging: error: learn: {error}\n")
        return 2
    active = [p.text for p in learned.rules if p.text and not p.held]
    try:
        ruleset = parse_rules([(0, text) for text in active], "learned rules")
    except RuleError as error:  # two learned rules that contradict each other: say so rather than print them
        sys.stderr.write(f"unified-logging: error: learn: the learned rules do not fit together: {error}\n")
        return 2
    replayed = replay([e for e in examples if e.path in learned.edited], read.sides, ruleset,
                      bound) if active else None
    findings = tree_findings(trees, ruleset, targets)
    counts = tree_counts(findings)
    held = [p for p in learned.rules if p.held]
    figures = tree_support(findings, facts, [p for p in learned.rules if p.text and not p.held], read)
    if held:  # what each rule held back would do, were it taken
        for proposal in held:
            alone = parse_rules([(0, proposal.text)], "held rule")
            figures.update(tree_support(tree_findings(trees, alone, targets), facts, [proposal], read))
    proposals = [p._replace(note=f"{p.note}; {figures[p.text]}") if p.text in figures else p for p in learned.rules]
    if args.format == "json":
        sys.stdout.write(_as_json(learned._replace(rules=proposals), replayed, counts))
    else:
        sys.stdout.write(render(proposals, args.format))
    _figures(learned, replayed, counts)
    return 0 if active else 1


def _examples(args: argparse.Namespace) -> tuple[list[ExampleFile], str]:
    """The examples and the folder the current tree is read from."""
    if args.before or args.after:
        if not (args.before and args.after):
            raise LearnError("--before and --after go together")
        return _from_folders(args.before, args.after, args.spec), os.getcwd()
    if not args.spec:
        raise LearnError("name a commit (REV or REV1..REV2), or --before PATH --after PATH")
    revision, *paths = args.spec
    try:
        top = os.fsdecode(git._git(["rev-parse", "--show-toplevel"])).strip()
        old, new = revision.split("..", 1) if ".." in revision else (f"{revision}^", revision)
        shas = [_commit(git, new)]
        shas.insert(0, _commit(git, old, f"{new!r} has no parent commit" if ".." not in revision else ""))
        before, after = (dict(git.tree_sources(sha)) for sha in shas)
        pairs = moved_with_folders(git.changed_pairs(*shas))
        limits = [_inside(top, path) for path in paths]
        changed = [(b, a) for b, a in pairs
                   if b in before and a in after and (_limited(a, limits) or _limited(b, limits))]
        blobs = dict(git.read_blobs({*(before[b] for b, _ in changed), *(after[a] for _, a in changed)})
                     ) if changed else {}
    except git.GitError as error:
        raise LearnError(str(error)) from None
    if not changed:
        raise LearnError(f"no Python file changed in {revision}" + (f" under {', '.join(paths)}" if paths else ""))
    packages = [{os.path.dirname(p) for p in side if os.path.basename(p) == "__init__.py"} for side in (before, after)]
    examples = []
    for old_path, path in changed:
        data = [blobs[side[p]] for side, p in ((before, old_path), (after, path))]
        too_large = next((found for found in data if isinstance(found, str)), None)
        if too_large is not None:  # over the size limit: named, and left out of the examples
            sys.stderr.write(f"unified-logging: learn: {shown(path)} in {revision}: {too_large}\n")
            continue
        try:
            text_before, text_after = (decode(found).text for found in data)  # type: ignore[arg-type]
        except SourceError:
            continue
        old_package, package = (origin_in_listing(p, found).package or ()
                                for p, found in zip((old_path, path), packages))
        examples.append(ExampleFile(os.path.join(top, path), text_before, text_after, package, old_package,
                                    os.path.join(top, old_path)))
    return examples, top


def _commit(git: object, ref: str, instead: str = "") -> str:
    """The commit ``ref`` names; ``instead`` is the message when it names none."""
    try:
        return os.fsdecode(git._git(["rev-parse", "--verify", "--end-of-options", f"{ref}^{{commit}}"])).strip()
    except git.GitError as error:
        raise LearnError(instead or f"{ref!r} is not a commit here ({error})") from None


def _inside(top: str, path: str) -> str:
    relative = os.path.relpath(os.path.abspath(path), top)
    if relative == ".." or relative.startswith(".." + os.sep):
        raise LearnError(f"{path} is outside the work tree")
    return "" if relative == "." else relative.replace(os.sep, "/")


def _limited(path: str, limits: list[str]) -> bool:
    return not limits or any(not limit or path == limit or path.startswith(limit + "/") for limit in limits)


def _from_folders(before: str, after: str, limits: list[str]) -> list[ExampleFile]:
    for path in (before, after):
        if not os.path.exists(path):
            raise LearnError(f"{path}: no such file or directory")
    if os.path.isfile(before) and os.path.isfile(after):
        pairs = [(before, after)]
    else:
        found = {os.path.relpath(p, after): p for p, problem in iter_paths([after]) if not problem}
        pairs = [(os.path.join(before, r), p) for r, p in sorted(found.items())]
        pairs = [(b, a) for b, a in pairs if os.path.isfile(b)]
        pairs = [(b, a) for b, a in pairs if not limits or any(a.startswith(limit) for limit in limits)]
    examples = []
    for old, new in pairs:
        try:
            text_before, text_after = (decode(read_bytes(path)).text for path in (old, new))
        except SourceError:
            continue
        if text_before != text_after:
            examples.append(ExampleFile(new, text_before, text_after, origin_of(new).package or ()))
    if not examples:
        raise LearnError(f"no Python file differs between {before} and {after}")
    return examples


def _tree(top: str, legacy: set[str]) -> dict[str, tuple[str, ast.Module]]:
    """The current tree's files that may take from the ``legacy`` modules: path -> (text, tree), parsed once."""
    spelled = RuleSet(Rule(tuple(module.split(".")), ("_",)) for module in legacy)

    try:
        paths = [os.path.join(top, p) for p in git.work_tree_sources(top)]
    except git.GitError:
        paths = [p for p, problem in iter_paths([top]) if not problem]
    parsed = {}
    for path in paths:
        try:
            data = read_bytes(path)
            if not spelled.may_occur_in(data, path):
                continue
            text = decode(data).text
            parsed[path] = (text, parse(text))
        except (SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
            continue
    return parsed


def render(proposals: list[Proposal], style: str) -> str:
    """The rules ready to paste, each with its support as a comment: a ``[tool.unified-logging]`` table, or
    flake8's ``[flake8]`` option. A rule held back is written commented out, with the reason."""
    ini = style == "ini"
    lines = ["[flake8]", "unified-logging-rules ="] if ini else ["[tool.unified-logging]", "rules = ["]
    for proposal in proposals:
        lines.append(f"    # {proposal.note}")
        if not proposal.text:
            continue
        quoted = f"'{proposal.text}'" if '"' in proposal.text and "'" not in proposal.text else json.dumps(
            proposal.text)
        entry = proposal.text if ini else f"{quoted},"
        if proposal.held:
            lines += [f"    # held back: {proposal.held}", f"    # {entry}"]
        else:
            lines.append(f"    {entry}")
    return "\n".join(lines if ini else [*lines, "]"]) + "\n"


def _as_json(learned: Learned, replayed: Replay | None, counts: dict) -> str:
    document = {
        "version": 1,
        "rules": [{"rule": p.text, "support": p.note} for p in learned.rules if p.text and not p.held],
        "held": [{"rule": p.text, "support": p.note, "reason": p.held} for p in learned.rules if p.held],
        "notes": [p.note for p in learned.rules if not p.text],
        "conflicts": learned.conflicts,
        "unexplained": learned.unexplained,
        "replay": replayed.as_dict() if replayed is not None else None,
        "tree": counts,
    }
    return json.dumps(document, indent=2) + "\n"


def _figures(learned: Learned, replayed: Replay | None, counts: dict) -> None:
    out = sys.stderr
    active = sum(1 for p in learned.rules if p.text and not p.held)
    held = sum(1 for p in learned.rules if p.held)
    out.write(f"learned {active} rules{f' ({held} more held back as comments)' if held else ''} from "
              f"{learned.examples} example files with import edits\n")
    if replayed is None:
        out.write("replay: no rule to replay\n")
    else:
        other = f" ({len(replayed.other_form)} more in another import form)" if replayed.other_form else ""
        out.write(f"replay: the rules reproduce {replayed.reproduced} of {replayed.examples} example files{other}\n")
        for path in replayed.other_form:
            out.write(f"  same objects, another import form: {path}\n")
        for path in replayed.differ:
            out.write(f"  differs: {path}\n")
        for path in replayed.other_edits:
            out.write(f"  other code changed too (ignored): {path}\n")
    for line in learned.conflicts:
        out.write(f"conflict: {line}\n")
    for line in learned.unexplained:
        out.write(f"not explained: {line}\n")
    out.write(f"tree: fix would change {counts['would_change']} files, {counts['blocked']} blocked by the target "
              f"check\n")
    for reason, number in counts["reasons"].items():
        out.write(f"  {number} x {reason.replace(LAYOUT_HINT, '')}\n")
