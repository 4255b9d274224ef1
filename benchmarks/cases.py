"""The groups of cases: the standard library, one-file hook calls, flake8, generated trees."""
from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from functools import partial

from harness import Bench, Case, copier, measure, python_files, rule_args, side_by_side
from trees import FLOOR, LOGURU_RULE, PROVIDER, READ, REWRITE_FLOOR, SEED_RULES, STDLIB_RULES, generate


def stdlib_cases(bench: Bench, skip_libcst: bool) -> None:
    stdlib, python, unified = bench.stdlib, bench.python, bench.unified
    tree = os.path.join(bench.work, "copy")
    fresh = copier(stdlib, tree)
    copied_files = [os.path.join(tree, os.path.relpath(path, stdlib)) for path in python_files(stdlib)]
    reorder_cmd = [os.path.join(bench.tools, "reorder-python-imports"), *rule_args("--replace-import", STDLIB_RULES)]
    fix_cmd = [unified, "fix", *rule_args("--rule", STDLIB_RULES)]
    ours, by_name, reorder, floor = side_by_side(
        [
            Case("stdlib: unified-logging fix", [*fix_cmd, tree], bench.cold(fresh)),
            # As pre-commit run --all-files passes them: every file by name, in one call.
            Case("stdlib: unified-logging fix, files by name", [*fix_cmd, *copied_files], bench.cold(fresh)),
            Case("stdlib: reorder-python-imports --replace-import", [*reorder_cmd, *copied_files], fresh),
            Case("stdlib: read-and-test floor", [python, "-c", FLOOR, stdlib, "typing", "abc"]),
        ],
        bench.runs,
    )
    bench.summary.append(f"copying the tree before each fix run: {ours.setup_seconds:.2f} s (not counted)")
    bench.add(ours)
    bench.add(by_name, f"by name/reorder = {by_name.seconds / reorder.seconds:.3f}; by name/folder = "
              f"{by_name.seconds / ours.seconds:.2f}", "<= 0.08; <= 1.2")
    bench.add(reorder, f"ours/reorder = {ours.seconds / reorder.seconds:.3f}", "<= 0.08")
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
            Case("stdlib: unified-logging check", [unified, "check", *rule_args("--rule", STDLIB_RULES), stdlib],
                 bench.forget),
            Case("stdlib: a process that only reads the files", [python, "-c", READ, stdlib]),
            Case("stdlib: unified-logging report (built-in rules)", [unified, "report", stdlib], bench.forget),
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

    # The hooks run unified-logging-hook; the console script pip writes for unified-logging imports re first.
    fix_one = [bench.hook, "fix", one]
    calls = (
        ("hook: unified-logging-hook fix one.py (legacy)", fix_one, reset_one, None),
        ("hook: unified-logging-hook fix one.py (clean)", fix_one, partial(reset_one, "x = 1\n"), None),
        ("hook: fix service.py (loguru factory rule)", [bench.hook, "fix", service], reset_service, project),
        (
            "hook: fix api/service.py, the factory's package in the tree",
            [bench.hook, "fix", provided_service],
            lambda: (reset_service(), reset_provided()),
            provided,
        ),
        ("command line: unified-logging fix one.py (legacy)", [bench.unified, "fix", one], reset_one, None),
    )
    # Cold: no result kept from an earlier call (the store is removed first); warm: the call before kept it (the
    # file is put back each time, so its bytes are read and found the same).
    cases = [Case("python -c pass", [bench.python, "-c", "pass"])]
    for name, command, reset, cwd in calls:
        cases.append(Case(f"{name}, cold", command, bench.cold(reset), cwd))
        cases.append(Case(f"{name}, warm", command, reset, cwd))
    bare_start, *hooks = side_by_side(cases, bench.hook_runs)
    bench.add(bare_start)
    for hook in hooks:
        target = "<= 2.5" if hook.name.startswith("hook") else ""
        bench.add(hook, f"fix/bare = {hook.seconds / bare_start.seconds:.2f}", target)


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
                         bench.cold(copier(source, copy))),
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
