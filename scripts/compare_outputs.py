"""Record what the tool prints and writes on three trees, or compare a run with such a record byte for byte.

    python scripts/compare_outputs.py record DIR     # before a change: write the outputs to DIR
    python scripts/compare_outputs.py compare DIR    # after it: the same outputs, or the first difference
    ... [--team-backend PATH [--team-rules FILE]] [--team-only]

With ``--team-backend`` (the team's own backend, as ``../shared/corpora.sh`` builds it: not needed in CI), that
tree is one more, with the team's rules appended to its ``pyproject.toml`` (``--team-rules``, default the
``alwrity-rules.toml`` beside it): ``check --format json``, ``fix`` and ``fix`` again (a second run must change
nothing), each file's outcome (rewritten, or the codes left on it) and the imports of the tree that resolved before
``fix`` and no longer do (the verifier's check 9). ``compare`` lists every file whose outcome changed, to be judged
one by one. ``--team-only`` runs that tree alone.

The trees: the standard library (with rules of every kind), the example project and a generated backend (their
own configuration). On each: ``check --format json`` and ``report --format json`` on the folder, ``check`` with the
files by name and with ``--jobs 1``; ``fix`` on the folder, by name, with ``--jobs 1`` and with ``--fix-strings``;
``learn`` (text and json) from the example project's hand-migrated batch, counted on the tree; recording the exit
status, stdout, stderr and the digest of every file afterwards. Run it with the interpreter
that has the package installed (``.venv/bin/python``).
"""
from __future__ import annotations

import difflib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Sequence

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
from backend import generate  # noqa: E402

STDLIB_RULES = (
    "collections.abc = _collections_abc",
    "os.path = posixpath",
    "typing:Mapping = _collections_abc:Mapping",
    "logging:warn = logging:warning",
    'logging:root = logging:getLogger("{stem}")',
)
MODES = {
    "check-json": ["check", "--format", "json", "."],
    "check-json-jobs-1": ["check", "--format", "json", "--jobs", "1", "."],
    "check-by-name": ["check", "{files}"],
    "report-json": ["report", "--format", "json", "."],
    "fix": ["fix", "."],
    "fix-jobs-1": ["fix", "--jobs", "1", "."],
    "fix-by-name": ["fix", "{files}"],
    "fix-strings": ["fix", "--fix-strings", "."],
    "learn": ["learn", "--before", "{before}", "--after", "{after}"],
    "learn-json": ["learn", "--format", "json", "--before", "{before}", "--after", "{after}"],
}
HAND_MIGRATED = os.path.join(ROOT, "examples", "hand_migrated")
PLACES = {"{before}": os.path.join(HAND_MIGRATED, "before"), "{after}": os.path.join(HAND_MIGRATED, "after")}


TEAM_MODES = {"check-json": ["check", "--format", "json", "."], "fix": ["fix", "."]}


def python_files(root: str) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in (".git", "__pycache__"))
        found += [os.path.relpath(os.path.join(folder, f), root) for f in sorted(files) if f.endswith(".py")]
    return found


def digests(root: str) -> dict[str, str]:
    return {path: hashlib.sha256(open(os.path.join(root, path), "rb").read()).hexdigest()[:16]
            for path in python_files(root)}


def corpora(work: str) -> dict[str, tuple[str, list[str]]]:
    """Each tree (made once under ``work``) and the rule options its runs take."""
    stdlib = os.path.join(work, "stdlib")
    ignore = shutil.ignore_patterns("site-packages", "__pycache__")
    shutil.copytree(sysconfig.get_paths()["stdlib"], stdlib, ignore=ignore)
    example = os.path.join(work, "example")
    shutil.copytree(os.path.join(ROOT, "examples", "legacy_app"), example)
    backend = os.path.join(work, "backend")
    generate(backend)
    stdlib_rules = [part for rule in STDLIB_RULES for part in ("--rule", rule)]
    return {"stdlib": (stdlib, stdlib_rules), "example": (example, []), "backend": (backend, [])}


def run_mode(tree: str, rules: list[str], mode: list[str], scratch: str) -> dict[str, object]:
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(tree, scratch, symlinks=True)
    before = digests(scratch)
    command, *rest = mode
    arguments = [part for item in rest for part in (python_files(scratch) if item == "{files}" else [item])]
    arguments = [PLACES.get(item, item) for item in arguments]
    done = subprocess.run([sys.executable, "-m", "flake8_unified_logging", command, *rules, *arguments],
                          cwd=scratch, capture_output=True)
    after = digests(scratch)
    changed = {path: digest for path, digest in after.items() if before.get(path) != digest}
    return {"status": done.returncode, "stdout": done.stdout.decode(errors="replace").splitlines(),
            "stderr": done.stderr.decode(errors="replace").splitlines(), "changed": changed}


def team_backend(source: str, rules_file: str, work: str) -> dict[str, dict[str, object]]:
    """The team's backend: check, fix, fix again, each file's outcome, the imports that no longer resolve."""
    from flake8_unified_logging.verify.project_check import check_project, resolved_imports

    tree = os.path.join(work, "team-backend")
    shutil.copytree(source, tree, symlinks=True)
    with open(rules_file) as rules, open(os.path.join(tree, "pyproject.toml"), "a") as project:
        project.write(rules.read())
    recorded = {f"team-backend {mode}": run_mode(tree, [], arguments, os.path.join(work, "scratch"))
                for mode, arguments in TEAM_MODES.items()}
    scratch = os.path.join(work, "scratch")  # as fix left it
    again = subprocess.run([sys.executable, "-m", "flake8_unified_logging", "fix", "."], cwd=scratch,
                           capture_output=True)
    rewritten = [line for line in again.stderr.decode(errors="replace").splitlines() if line.startswith("Rewriting")]
    recorded["team-backend fix again"] = {"rewritten": rewritten}
    before = resolved_imports(tree, (os.path.join(tree, p) for p in python_files(tree)))
    after = resolved_imports(scratch, (os.path.join(scratch, p) for p in python_files(scratch)))
    recorded["team-backend imports"] = {"resolved before": sum(1 for _, why in before.values() if why is None),
                                        "no longer resolve": check_project(before, after)}
    recorded["team-backend outcomes"] = outcomes(recorded["team-backend check-json"], recorded["team-backend fix"])
    return recorded


def outcomes(check: dict[str, object], fix: dict[str, object]) -> dict[str, str]:
    """Each file's outcome: "rewritten" (plus the codes left on it), else the codes on it."""
    codes: dict[str, set[str]] = {}
    for finding in json.loads("\n".join(check["stdout"]) or "[]"):  # type: ignore[arg-type]
        codes.setdefault(os.path.normpath(finding["path"]), set()).add(finding["code"])
    for path in fix["changed"]:  # type: ignore[union-attr]
        codes.setdefault(os.path.normpath(path), set()).add("rewritten")
    return {path: " ".join(sorted(found)) for path, found in sorted(codes.items())}


def outputs(work: str, team: tuple[str, str] | None = None, team_only: bool = False) -> dict[str, dict[str, object]]:
    recorded = team_backend(*team, work) if team else {}
    if team_only:
        return recorded
    for name, (tree, rules) in corpora(work).items():
        for mode, arguments in MODES.items():
            recorded[f"{name} {mode}"] = run_mode(tree, rules, arguments, os.path.join(work, "scratch"))
            print(f"{name} {mode}: exit {recorded[f'{name} {mode}']['status']}", file=sys.stderr)
    return recorded


def compare(old: dict[str, dict[str, object]], new: dict[str, dict[str, object]]) -> int:
    different = 0
    was, now = old.get("team-backend outcomes", {}), new.get("team-backend outcomes", {})
    changed = sorted(path for path in {*was, *now} if was.get(path) != now.get(path))
    if changed:
        print(f"== team-backend: {len(changed)} files whose outcome changed")
        for path in changed:
            print(f"  {path}: {was.get(path, 'nothing')} -> {now.get(path, 'nothing')}")
    for key in old:
        if old[key] != new.get(key):
            different += 1
            before = json.dumps(old[key], indent=1, sort_keys=True).splitlines()
            after = json.dumps(new.get(key), indent=1, sort_keys=True).splitlines()
            print(f"== {key}: different")
            print("\n".join(list(difflib.unified_diff(before, after, "recorded", "now", lineterm=""))[:40]))
    print(f"{len(old) - different} of {len(old)} outputs identical")
    return int(different > 0)


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    team_only = "--team-only" in args
    args = [arg for arg in args if arg != "--team-only"]
    options = dict(zip(args[2::2], args[3::2]))
    if len(args) < 2 or args[0] not in ("record", "compare") or set(options) - {"--team-backend", "--team-rules"}:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    action, folder = args[:2]
    team = None
    if "--team-backend" in options:
        source = os.path.abspath(options["--team-backend"])
        default_rules = os.path.join(os.path.dirname(source), "alwrity-rules.toml")
        team = (source, os.path.abspath(options.get("--team-rules", default_rules)))
    with tempfile.TemporaryDirectory(prefix="compare-outputs-") as work:
        now = outputs(work, team, team_only)
    if action == "record":
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "outputs.json"), "w") as handle:
            json.dump(now, handle, indent=1, sort_keys=True)
        print(f"recorded {len(now)} outputs in {folder}")
        return 0
    with open(os.path.join(folder, "outputs.json")) as handle:
        return compare(json.load(handle), now)


if __name__ == "__main__":
    raise SystemExit(main())
