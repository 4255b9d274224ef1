"""Timing commands side by side: virtual environments, cases taken in turns, medians, the table."""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from collections.abc import Callable, Sequence

from trees import STDLIB_RULES


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENVS = os.path.join(ROOT, "benchmarks", ".venvs")


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
    """A virtual environment with ``packages`` (made once, brought up to date each time); ``refresh`` is
    reinstalled every time (this package)."""
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
        self.hook = os.path.join(tools, "unified-logging-hook")  # what the pre-commit hooks run
        self.rows: list[tuple[str, ...]] = [("case", "median s", "CPU s", "peak MiB", "ratio", "target")]
        # The results unified-logging keeps between runs go to a folder of the benchmark's own.
        self.cache = os.path.join(work, "cache")
        os.environ["XDG_CACHE_HOME"] = self.cache
        self.summary: list[str] = []
        self._stdlib = ""

    def forget(self) -> None:
        """Remove every result unified-logging kept: the next run is a first run."""
        shutil.rmtree(os.path.join(self.cache, "unified-logging", "results"), ignore_errors=True)

    def cold(self, setup: Callable[[], object]) -> Callable[[], None]:
        """``setup``, run with no result kept (a cold run, as every case was before results were kept)."""

        def forget_then_set_up() -> None:
            self.forget()
            setup()

        return forget_then_set_up

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
