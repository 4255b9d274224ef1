"""``unified-logging learn``: the rules a hand migration shows, read from git (no checkout) or two trees, checked
by replaying them on the examples and counted on the current tree. Writes no file: the rules go to standard
output, ready to paste; the figures go to standard error."""
from __future__ import annotations

import argparse
import json
import os
import sys
from ast import unparse
from collections import Counter
from collections.abc import Callable

from ..commands import git
from ..config import Settings
from ..engine.finder import TARGET_MISSING, find
from ..files import SourceError, decode, iter_paths, read_bytes
from ..fixer import VerificationError, fix_text
from ..resolve.targets import TargetCheck
from ..rules import Rule, RuleError, RuleSet, parse_rules
from ..source.origin import Origin, origin_in_listing, origin_of
from ..source.syntax import parse
from .infer import Example, Learned, _assignments, _imports, learn

TYPE_CHECKING = False
if TYPE_CHECKING:
    import _ast as ast


class LearnError(Exception):
    """Input that gives no examples: the message says why (exit 2)."""


def run_command(args: argparse.Namespace, settings: Settings) -> int:
    return run_learn(args, TargetCheck.for_run(settings, args))


def run_learn(args: argparse.Namespace, targets: TargetCheck | None) -> int:
    try:
        examples, top = _examples(args)
        draft = learn(examples)  # which legacy modules the examples leave: only the tree's files naming them count
        trees = _tree(top, {text.split("=")[0].split(":")[0].strip() for text, _ in draft.rules if text})
        learned = learn(examples, _provider_check(trees, targets))
        if not learned.examples:
            raise LearnError("no import edits in the examples")
    except LearnError as error:
        sys.stderr.write(f"unified-logging: error: learn: {error}\n")
        return 2
    rules = [(text, note) for text, note in learned.rules if text]
    try:
        ruleset = parse_rules([(0, text) for text, _ in rules], "learned rules")
    except RuleError as error:  # two learned rules that contradict each other: say so rather than print them
        sys.stderr.write(f"unified-logging: error: learn: the learned rules do not fit together: {error}\n")
        return 2
    replay = _replay(examples, ruleset)
    counts = _counts(trees, ruleset, targets)
    if args.format == "json":
        sys.stdout.write(_as_json(learned, replay, counts))
    else:
        sys.stdout.write(render(learned.rules, args.format))
    _figures(learned, replay, counts)
    return 0 if rules else 1


def _examples(args: argparse.Namespace) -> tuple[list[Example], str]:
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
    except git.GitError as error:
        raise LearnError(str(error)) from None
    limits = [_inside(top, path) for path in paths]
    changed = [p for p in after if p in before and before[p] != after[p] and _limited(p, limits)]
    if not changed:
        raise LearnError(f"no Python file changed in {revision}" + (f" under {', '.join(paths)}" if paths else ""))
    blobs = dict(git.read_blobs({*(before[p] for p in changed), *(after[p] for p in changed)}))
    packages = {os.path.dirname(p) for p in after if os.path.basename(p) == "__init__.py"}
    examples = []
    for path in changed:
        try:
            texts = [decode(blobs[side[path]]).text for side in (before, after)]
        except SourceError:
            continue
        package = origin_in_listing(path, packages).package or ()
        examples.append(Example(os.path.join(top, path), texts[0], texts[1], package))
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


def _from_folders(before: str, after: str, limits: list[str]) -> list[Example]:
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
            texts = [decode(read_bytes(path)).text for path in (old, new)]
        except SourceError:
            continue
        if texts[0] != texts[1]:
            examples.append(Example(new, texts[0], texts[1], origin_of(new).package or ()))
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


def _provider_check(trees: dict, targets: TargetCheck | None) -> Callable[[str, str, set[str]], str | None]:
    """``provides(old, new, renamed)``: why the new module does not bind every name that the tree's files take
    from the old one (but the ``renamed`` ones), each file checked from where it is (its import root)."""
    project = targets or TargetCheck(enabled=False)

    def provides(old: str, new: str, renamed: set[str]) -> str | None:
        legacy, module = tuple(old.split(".")), tuple(new.split("."))
        for path, (_, tree) in trees.items():
            taken = sorted({name for kind, source, name, _ in _imports(tree, _package(path))
                            if source == old and kind == "from" and name not in renamed and name != "*"})
            problem = project.problem(path, legacy, module, taken) if taken else None
            if problem is not None:
                return f"{problem} (imported from {old} by {os.path.relpath(path)})"
        return None

    return provides


def _package(path: str) -> tuple[str, ...]:
    return origin_of(path).package or ()


def _replay(examples: list[Example], ruleset: RuleSet) -> dict[str, object]:
    """The learned rules run on each example's "before": how many give its import lines and added lines exactly
    (where an added line stands may differ), and which files changed other code too (ignored, listed)."""
    reproduced, differ, other = 0, [], []
    for example in examples:
        stem = os.path.splitext(os.path.basename(example.path))[0]
        origin = Origin(example.package or None, (), stem, "")
        try:
            fixed = fix_text(example.before, ruleset, origin).text
            mine, theirs = parse(fixed), parse(example.after)
        except (SyntaxError, ValueError, RecursionError, MemoryError, VerificationError):
            differ.append(os.path.relpath(example.path))
            continue
        same_imports = _imports(mine, example.package) == _imports(theirs, example.package)
        made = {n: _unparse(c) for n, c in _assignments(mine).items() if n not in _assignments(parse(example.before))}
        wanted = {n: _unparse(c) for n, c in _assignments(theirs).items() if n in made}
        if same_imports and made == wanted:
            reproduced += 1
            if sorted(fixed.splitlines()) != sorted(example.after.splitlines()):
                other.append(os.path.relpath(example.path))
        else:
            differ.append(os.path.relpath(example.path))
    return {"examples": len(examples), "reproduced": reproduced, "differ": differ, "other_edits": other}


def _unparse(node: ast.AST) -> str:
    return unparse(node)


def _counts(trees: dict, ruleset: RuleSet, targets: TargetCheck | None) -> dict[str, object]:
    """What ``fix`` would do with the learned rules on the current tree: files it would change, files blocked by the
    target check, with the reasons."""
    change, blocked, reasons = 0, 0, Counter()
    for path, (text, tree) in trees.items():
        if not ruleset.occur_in(text):
            continue
        try:
            findings = find(text, ruleset, tree=tree, origin=origin_of(path), describe=False, targets=targets)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        change += any(f.edits for f in findings)
        missing = [f for f in findings if f.code == TARGET_MISSING]
        blocked += bool(missing)
        reasons.update(f.message.split(";")[0] for f in missing)
    return {"would_change": change, "blocked": blocked, "reasons": dict(reasons.most_common(5))}


def render(rules: list[tuple[str, str]], style: str) -> str:
    """The rules ready to paste, each with its support as a comment: a ``[tool.unified-logging]`` table, or
    flake8's ``[flake8]`` option."""
    if style == "ini":
        lines = ["[flake8]", "unified-logging-rules ="]
        for text, note in rules:
            lines.append(f"    # {note}")
            if text:
                lines.append(f"    {text}")
        return "\n".join(lines) + "\n"
    lines = ["[tool.unified-logging]", "rules = ["]
    for text, note in rules:
        lines.append(f"    # {note}")
        if text:
            quoted = f"'{text}'" if '"' in text and "'" not in text else json.dumps(text)
            lines.append(f"    {quoted},")
    return "\n".join([*lines, "]"]) + "\n"


def _as_json(learned: Learned, replay: dict, counts: dict) -> str:
    document = {
        "version": 1,
        "rules": [{"rule": text, "support": note} for text, note in learned.rules if text],
        "notes": [note for text, note in learned.rules if not text],
        "conflicts": learned.conflicts,
        "unexplained": learned.unexplained,
        "replay": replay,
        "tree": counts,
    }
    return json.dumps(document, indent=2) + "\n"


def _figures(learned: Learned, replay: dict, counts: dict) -> None:
    out = sys.stderr
    out.write(f"learned {sum(1 for t, _ in learned.rules if t)} rules from {learned.examples} example files with "
              f"import edits\n")
    out.write(f"replay: the rules reproduce {replay['reproduced']} of {replay['examples']} example files\n")
    for path in replay["differ"]:
        out.write(f"  differs: {path}\n")
    for path in replay["other_edits"]:
        out.write(f"  other code changed too (ignored): {path}\n")
    for line in learned.conflicts:
        out.write(f"conflict: {line}\n")
    for line in learned.unexplained:
        out.write(f"not explained: {line}\n")
    out.write(f"tree: fix would change {counts['would_change']} files, {counts['blocked']} blocked by the target "
              f"check\n")
    for reason, number in counts["reasons"].items():
        out.write(f"  {number} x {reason}\n")
