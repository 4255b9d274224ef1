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
import sys
import tempfile
from collections.abc import Sequence

from backend_cases import backend_cases
from cases import flake8_cases, generated_cases, hook_cases, stdlib_cases
from harness import ROOT, Bench, table, venv


GROUPS = ("stdlib", "hook", "flake8", "backend", "generated")


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
    if args.work is not None and not os.path.isdir(args.work):
        parser.error(f"--work {args.work}: no such folder")
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
        if "backend" in groups:
            backend_cases(bench)
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
