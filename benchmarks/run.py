"""Side-by-side speed and memory of unified-logging against the tools people would otherwise use.

    python3 benchmarks/run.py [--runs 5] [--sizes 1000,10000,100000] [--skip-libcst] [--only GROUPS] [--work DIR]

Builds two virtual environments under benchmarks/.venvs from benchmarks/requirements.txt (one with this
package and the other tools, one with flake8 alone), then times every case in the same run and prints a
Markdown table: median wall time over the runs, median CPU time (user + system, the process tree), peak memory
(largest resident set of the process tree), and the ratios the targets are stated in.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENVS = os.path.join(ROOT, "benchmarks", ".venvs")
STDLIB_RULES = ("typing=typing_extensions", "collections.abc=_collections_abc")
SEED_RULES = ("utils.logger_utils=utils.logging", "logging_config=utils.logging")
LOGURU_RULE = 'loguru:logger = utils.logging:get_logger("{stem}", migration_mode=True)'
# A new logging package: a factory (through a cache) and the class it returns, in its own modules.
PROVIDER = {
    ".git/HEAD": "ref: refs/heads/main\n",
    "utils/__init__.py": "",
    "utils/logging/__init__.py": "from .factory import get_logger\nfrom .core.unified_logger import UnifiedLogger\n",
    "utils/logging/factory.py": "from .core.unified_logger import UnifiedLogger\n\n_loggers = {}\n\n\n"
    "def get_logger(name, migration_mode=False):\n    if name not in _loggers:\n"
    "        _loggers[name] = UnifiedLogger(name, migration_mode)\n    return _loggers[name]\n",
    "utils/logging/core/__init__.py": "",
    "utils/logging/core/unified_logger.py": "class UnifiedLogger:\n"
    "    def __init__(self, name, migration_mode=False):\n"
    "        self.name = name\n\n    def info(self, message, *args, **context):\n        pass\n",
    "api/__init__.py": "",
}
FLOOR = """
import os, sys
needles = [n.encode() for n in sys.argv[2:]]
hits = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read()
            hits += any(n in data for n in needles)
print(hits)
"""
# The least any tool that verifies its rewrites pays, in one process: read and test every file; for those that
# may need it, parse, replace the old names, parse the result, and write it through a temporary file.
REWRITE_FLOOR = """
import ast, os, sys
rules = [rule.encode().split(b"=") for rule in sys.argv[2:]]
needles = [old.split(b".")[-1] for old, new in rules]
for folder, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".py"):
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                data = f.read()
            if any(needle in data for needle in needles):
                new_data = data
                for old, new in rules:
                    new_data = new_data.replace(old, new)
                try:
                    ast.parse(data)
                    ast.parse(new_data)
                except (SyntaxError, ValueError):
                    continue
                with open(path + ".tmp", "wb") as f:
                    f.write(new_data)
                os.replace(path + ".tmp", path)
"""
READ = """
import os, sys
size = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith((".py", ".pyi")):
            with open(os.path.join(folder, name), "rb") as f:
                size += len(f.read())
print(size)
"""


class Result:
    def __init__(
        self, name: str, seconds: list[float], peak_kib: int, setup_seconds: float = 0.0, cpu: Sequence[float] = ()
    ) -> None:
        self.name = name
        self.seconds = statistics.median(seconds)
        self.cpu_seconds = statistics.median(cpu) if cpu else 0.0
        self.peak_mib = peak_kib / 1024
        self.setup_seconds = setup_seconds


def venv(name: str, packages: Sequence[str], refresh: Sequence[str] = ()) -> str:
    """A virtual environment with ``packages``, made once; ``refresh`` is reinstalled every time (this package)."""
    folder = os.path.join(VENVS, name)
    python = os.path.join(folder, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", folder], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", *packages], check=True)
    if refresh:
        subprocess.run([python, "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", *refresh], check=True)
    return os.path.join(folder, "bin")


class Case:
    """A command to time, and what to do before each run of it (not timed)."""

    def __init__(
        self, name: str, command: Sequence[str], setup: Callable[[], None] | None = None, cwd: str | None = None
    ) -> None:
        self.name = name
        self.command = command
        self.setup = setup
        self.cwd = cwd
        self.times: list[float] = []
        self.cpu_times: list[float] = []
        self.setup_times: list[float] = []
        self.peak_kib = 0

    def run_once(self) -> None:
        if self.setup is not None:
            started = time.perf_counter()
            self.setup()
            self.setup_times.append(time.perf_counter() - started)
        # Flush what earlier cases wrote, so that a rename here does not wait for their writeback.
        os.sync()
        started = time.perf_counter()
        process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.cwd)
        _, status, usage = os.wait4(process.pid, 0)
        self.times.append(time.perf_counter() - started)
        self.cpu_times.append(usage.ru_utime + usage.ru_stime)
        self.peak_kib = max(self.peak_kib, usage.ru_maxrss)
        if os.waitstatus_to_exitcode(status) not in (0, 1, 2):
            raise SystemExit(f"benchmark {self.name}: {' '.join(self.command[:3])}... failed")

    def result(self) -> Result:
        setup = statistics.median(self.setup_times) if self.setup_times else 0.0
        return Result(self.name, self.times, self.peak_kib, setup, self.cpu_times)


def side_by_side(cases: Sequence[Case], runs: int) -> list[Result]:
    """Each case ``runs`` times, taking turns, so that a machine whose speed drifts slows every case alike."""
    for _ in range(runs):
        for case in cases:
            case.run_once()
    return [case.result() for case in cases]


def measure(
    name: str, command: Sequence[str], runs: int, setup: Callable[[], None] | None = None, cwd: str | None = None
) -> Result:
    return side_by_side([Case(name, command, setup, cwd)], runs)[0]


def rule_args(flag: str, rules: Sequence[str]) -> list[str]:
    return [part for rule in rules for part in (flag, rule)]


def python_files(root: str) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        found += [os.path.join(folder, n) for n in sorted(files) if n.endswith(".py")]
    return found


def copier(source: str, destination: str) -> Callable[[], None]:
    def copy() -> None:
        shutil.rmtree(destination, ignore_errors=True)
        shutil.copytree(source, destination, symlinks=True)

    return copy


BODY = '''"""Service module {i}."""
import os
import json
from dataclasses import dataclass
{legacy}

@dataclass
class Record{i}:
    name: str
    size: int = 0

    def describe(self) -> str:
        return json.dumps({{"name": self.name, "size": self.size, "cwd": os.getcwd()}})


def load_{i}(path: str) -> list:
    with open(path) as handle:
        return [Record{i}(line.strip()) for line in handle if line.strip()]


def total_{i}(records: list) -> int:
    return sum(record.size for record in records)
'''
LEGACY_FORMS = (
    "from utils.logger_utils import get_service_logger\nlogger = get_service_logger(__name__)",
    "import logging_config\nlogging_config.setup_clean_logging()",
    "from utils import logger_utils\nlog = logger_utils.get_service_logger('x')",
    "import utils.logger_utils\nlog = utils.logger_utils.get_service_logger('x')",
    "from utils.logger_utils import (\n    get_service_logger,  # shared\n    log_duration,\n)",
)


def generate(root: str, count: int, share: int) -> None:
    """``count`` files in folders of 100, ``share`` percent of them with a legacy import."""
    chooser = random.Random(count * 1000 + share)
    legacy = set(chooser.sample(range(count), count * share // 100))
    for i in range(count):
        folder = os.path.join(root, f"pkg{i // 100:04}")
        if i % 100 == 0:
            os.makedirs(folder)
            open(os.path.join(folder, "__init__.py"), "w").close()
        text = BODY.format(i=i, legacy=LEGACY_FORMS[i % len(LEGACY_FORMS)] if i in legacy else "")
        with open(os.path.join(folder, f"mod{i}.py"), "w") as handle:
            handle.write(text)


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


class Bench:
    """What every group of cases shares: the tools, a work folder, the run count, and the table being built."""

    def __init__(self, tools: str, bare: str, work: str, runs: int) -> None:
        self.tools = tools
        self.bare = bare
        self.work = work
        self.runs = runs
        self.hook_runs = max(runs * 6, 20)
        self.python = os.path.join(tools, "python")
        self.unified = os.path.join(tools, "unified-logging")
        self.rows: list[tuple[str, ...]] = [("case", "median s", "CPU s", "peak MiB", "ratio", "target")]
        self.summary: list[str] = []
        self._stdlib = ""

    def add(self, result: Result, ratio: str = "", target: str = "") -> None:
        cpu = f"{result.cpu_seconds:.3f}"
        self.rows.append((result.name, f"{result.seconds:.3f}", cpu, f"{result.peak_mib:.0f}", ratio, target))

    @property
    def stdlib(self) -> str:
        """A copy of the interpreter's standard library (without site-packages and caches), made once."""
        if not self._stdlib:
            self._stdlib = os.path.join(self.work, "stdlib")
            ignore = shutil.ignore_patterns("site-packages", "__pycache__")
            shutil.copytree(sysconfig.get_paths()["stdlib"], self._stdlib, ignore=ignore)
            self.summary.append(
                f"standard library: {len(python_files(self._stdlib))} files; rules {', '.join(STDLIB_RULES)}"
            )
        return self._stdlib


def stdlib_cases(bench: Bench, skip_libcst: bool) -> None:
    stdlib, python, unified = bench.stdlib, bench.python, bench.unified
    tree = os.path.join(bench.work, "copy")
    fresh = copier(stdlib, tree)
    copied_files = [os.path.join(tree, os.path.relpath(path, stdlib)) for path in python_files(stdlib)]
    reorder_cmd = [os.path.join(bench.tools, "reorder-python-imports"), *rule_args("--replace-import", STDLIB_RULES)]
    ours, reorder, floor = side_by_side(
        [
            Case("stdlib: unified-logging fix", [unified, "fix", *rule_args("--rule", STDLIB_RULES), tree], fresh),
            Case("stdlib: reorder-python-imports --replace-import", [*reorder_cmd, *copied_files], fresh),
            Case("stdlib: read-and-test floor", [python, "-c", FLOOR, stdlib, "typing", "abc"]),
        ],
        bench.runs,
    )
    bench.summary.append(f"copying the tree before each fix run: {ours.setup_seconds:.2f} s (not counted)")
    bench.add(ours)
    bench.add(reorder, f"ours/reorder = {ours.seconds / reorder.seconds:.3f}", "<= 0.5")
    if not skip_libcst:
        libcst_commands = " && ".join(
            f"{python} -m libcst.tool codemod rename.RenameCommand -j {os.cpu_count()} "
            f"--no-format --old_name {rule.split('=')[0]} --new_name {rule.split('=')[1]} {tree}"
            for rule in STDLIB_RULES
        )
        libcst = measure("stdlib: libcst rename.RenameCommand", ["bash", "-c", libcst_commands], 1, fresh, bench.work)
        bench.add(libcst, f"libcst/ours = {libcst.seconds / ours.seconds:.0f}", ">= 100")
    bench.add(floor, f"ours fix/floor = {ours.seconds / floor.seconds:.2f}", "")
    check, read, report = side_by_side(
        [
            Case("stdlib: unified-logging check", [unified, "check", *rule_args("--rule", STDLIB_RULES), stdlib]),
            Case("stdlib: a process that only reads the files", [python, "-c", READ, stdlib]),
            Case("stdlib: unified-logging report (built-in rules)", [unified, "report", stdlib]),
        ],
        bench.runs,
    )
    bench.add(check, f"check/floor = {check.seconds / floor.seconds:.2f}", "")
    bench.add(read)
    bench.add(report, f"report/read = {report.seconds / read.seconds:.2f}", "<= 3")


def hook_cases(bench: Bench) -> None:
    one = os.path.join(bench.work, "one.py")
    legacy_text = "import os\nfrom utils.logger_utils import get_service_logger\n\nlog = get_service_logger()\n"

    def reset_one(text: str = legacy_text) -> None:
        with open(one, "w") as handle:
            handle.write(text)

    # A project configured in pyproject.toml with the factory rule, as the loguru migration is.
    project = os.path.join(bench.work, "project")
    os.makedirs(project, exist_ok=True)
    with open(os.path.join(project, "pyproject.toml"), "w") as handle:
        handle.write(f"[tool.unified-logging]\nrules = ['{LOGURU_RULE}']\n")
    service = os.path.join(project, "service.py")

    def reset_service() -> None:
        with open(service, "w") as handle:
            handle.write("import os\nfrom loguru import logger\n\nlogger.info(os.sep)\n")

    # The same with the new package in the tree, as a team has it: the factory and the class it returns are read.
    provided = os.path.join(bench.work, "provided")
    for name, text in PROVIDER.items():
        os.makedirs(os.path.dirname(os.path.join(provided, name)), exist_ok=True)
        with open(os.path.join(provided, name), "w") as handle:
            handle.write(text)
    shutil.copy(os.path.join(project, "pyproject.toml"), provided)
    provided_service = os.path.join(provided, "api", "service.py")

    def reset_provided() -> None:
        shutil.copy(service, provided_service)

    fix_one = [bench.unified, "fix", one]
    bare_start, *hooks = side_by_side(
        [
            Case("python -c pass", [bench.python, "-c", "pass"]),
            Case("hook: unified-logging fix one.py (legacy)", fix_one, reset_one),
            Case("hook: unified-logging fix one.py (clean)", fix_one, partial(reset_one, "x = 1\n")),
            Case("hook: fix service.py (loguru factory rule)", [bench.unified, "fix", service], reset_service, project),
            Case(
                "hook: fix api/service.py, the factory's package in the tree",
                [bench.unified, "fix", provided_service],
                lambda: (reset_service(), reset_provided()),
                provided,
            ),
        ],
        bench.hook_runs,
    )
    bench.add(bare_start)
    for hook in hooks:
        bench.add(hook, f"fix/bare = {hook.seconds / bare_start.seconds:.2f}", "<= 2.5")


def flake8_cases(bench: Bench) -> None:
    stdlib = bench.stdlib
    without, with_plugin = side_by_side(
        [
            Case("flake8 stdlib, without the plugin", [os.path.join(bench.bare, "flake8"), "--exit-zero", stdlib]),
            Case("flake8 stdlib, with the plugin", [os.path.join(bench.tools, "flake8"), "--exit-zero", stdlib]),
        ],
        bench.runs,
    )
    bench.add(without)
    wall = with_plugin.seconds / without.seconds
    cpu = with_plugin.cpu_seconds / without.cpu_seconds
    bench.add(with_plugin, f"with/without = {wall:.3f} (CPU time: {cpu:.3f})", "<= 1.03")


def generated_cases(bench: Bench, sizes: Sequence[int], shares: Sequence[int]) -> None:
    python = bench.python
    for size in sizes:
        runs = bench.runs if size < 100000 else max(2, bench.runs // 2)
        for share in shares:
            source = os.path.join(bench.work, f"gen-{size}-{share}")
            generate(source, size, share)
            copy = os.path.join(bench.work, "gen-copy")
            label = f"generated {size} files, {share}% legacy"
            floor, rewrite_floor, fixed = side_by_side(
                [
                    Case(f"{label}: floor", [python, "-c", FLOOR, source, "logger_utils", "logging_config"]),
                    Case(f"{label}: verified-rewrite floor", [python, "-c", REWRITE_FLOOR, copy, *SEED_RULES],
                         copier(source, copy)),
                    Case(f"{label}: fix", [bench.unified, "fix", *rule_args("--rule", SEED_RULES), copy],
                         copier(source, copy)),
                ],
                runs,
            )
            bench.add(floor)
            if share:
                bench.add(rewrite_floor, f"this floor/floor = {rewrite_floor.seconds / floor.seconds:.2f}")
            bench.add(
                fixed,
                f"fix/floor = {fixed.seconds / floor.seconds:.2f}; "
                f"fix/verified-rewrite floor = {fixed.seconds / rewrite_floor.seconds:.2f}; "
                f"{1e6 * fixed.seconds / size:.0f} us/file",
                "<= 2" if share == 10 else "",
            )
            shutil.rmtree(source)
            shutil.rmtree(copy, ignore_errors=True)


GROUPS = ("stdlib", "hook", "flake8", "generated")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="side-by-side benchmarks")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--shares", default="0,10,100")
    parser.add_argument("--skip-libcst", action="store_true")
    parser.add_argument("--only", default=",".join(GROUPS), help=f"groups of cases to run, of {', '.join(GROUPS)}")
    parser.add_argument("--out", default=os.path.join(ROOT, "benchmarks", "results.md"))
    parser.add_argument("--work", help="folder for the trees (default: the system's temporary folder)")
    args = parser.parse_args(argv)
    groups = args.only.split(",")
    unknown = sorted(set(groups) - set(GROUPS))
    if unknown:
        parser.error(f"unknown group {unknown[0]!r} (groups: {', '.join(GROUPS)})")
    requirements = os.path.join(ROOT, "benchmarks", "requirements.txt")
    tools = venv("tools", ["-r", requirements], refresh=[ROOT])
    bare = venv("bare", ["-r", requirements])
    with tempfile.TemporaryDirectory(prefix="unified-logging-bench-", dir=args.work) as work:
        bench = Bench(tools, bare, work, args.runs)
        if "stdlib" in groups:
            stdlib_cases(bench, args.skip_libcst)
        if "hook" in groups:
            hook_cases(bench)
        if "flake8" in groups:
            flake8_cases(bench)
        if "generated" in groups:
            sizes = [int(s) for s in args.sizes.split(",")]
            generated_cases(bench, sizes, [int(s) for s in args.shares.split(",")])
    machine = (
        f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; medians of {args.runs} runs "
        f"(libcst: 1 run; one-file calls: {bench.hook_runs} runs); the cases compared are run in turns."
    )
    report = "\n".join([machine, *bench.summary, "", table(bench.rows), ""])
    print(report)
    with open(args.out, "w") as handle:
        handle.write(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
