"""The command line: each command's output and exit code, as pre-commit and CI see them."""
import os
import subprocess
import sys

import pytest

from flake8_unified_logging.cli import main

LEGACY = "from utils.logger_utils import a\n"
NEW = "from utils.logging import a\n"


@pytest.mark.parametrize(("source", "expected"), ((LEGACY, NEW), (NEW, NEW), ("x = 1\n", "x = 1\n")))
def test_fix_exit_code(write, capsys, source, expected):
    path = write("m.py", source)
    assert main(["fix", path]) == int(source != expected)
    assert open(path).read() == expected
    err = capsys.readouterr().err
    assert err == (f"Rewriting {path}\n" if source != expected else "")


def test_fix_exit_zero_even_if_changed(write):
    path = write("m.py", LEGACY)
    assert main(["fix", "--exit-zero-even-if-changed", path]) == 0
    assert open(path).read() == NEW


def test_check_output_and_exit_code(write, capsys):
    path = write("m.py", "import os\n" + LEGACY)
    assert main(["check", path]) == 1
    out = capsys.readouterr().out
    assert out == f"{path}:2:1: ULG001 legacy import of utils.logger_utils; use: from utils.logging import a\n"
    assert open(path).read() == "import os\n" + LEGACY


def test_check_clean(write, capsys):
    assert main(["check", write("m.py", NEW)]) == 0
    assert capsys.readouterr() == ("", "")


def test_diff(write, capsys):
    path = write("m.py", "import os\n" + LEGACY)
    assert main(["diff", path]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"--- a/{path}",
        f"+++ b/{path}",
        "@@ -1,2 +1,2 @@",
        " import os",
        "-from utils.logger_utils import a",
        "+from utils.logging import a",
    ]
    assert open(path).read() == "import os\n" + LEGACY


def test_diff_without_final_newline(write, capsys):
    path = write("m.py", LEGACY.rstrip("\n"))
    assert main(["diff", path]) == 1
    assert capsys.readouterr().out.endswith("+from utils.logging import a\n\\ No newline at end of file\n")


def test_unfixable_is_reported_by_fix(write, capsys):
    path = write("m.py", "import utils.logger_utils\nutils = 1\n")
    assert main(["fix", path]) == 1
    assert capsys.readouterr().out.startswith(f"{path}:1:1: ULG004 legacy import of utils.logger_utils")


def test_directory_walk(write, capsys):
    write("pkg/a.py", LEGACY)
    write("pkg/b.pyi", LEGACY)
    write("pkg/c.txt", LEGACY)
    write("pkg/.hidden/d.py", LEGACY)
    write("pkg/venv/pyvenv.cfg", "")
    write("pkg/venv/e.py", LEGACY)
    write("pkg/myenv/pyvenv.cfg", "")
    write("pkg/myenv/f.py", LEGACY)
    for skipped in ("node_modules", "build", "dist", "__pycache__"):
        write(f"pkg/{skipped}/g.py", LEGACY)
    root = os.path.dirname(write("pkg/__init__.py", ""))
    assert main(["check", root]) == 1
    reported = sorted(line.split(":")[0] for line in capsys.readouterr().out.splitlines())
    assert reported == [os.path.join(root, "a.py"), os.path.join(root, "b.pyi")]


def test_file_named_explicitly_whatever_its_extension(write):
    path = write("script", "#!/usr/bin/env python\n" + LEGACY)
    assert main(["fix", path]) == 1
    assert open(path).read() == "#!/usr/bin/env python\n" + NEW


@pytest.mark.parametrize(
    ("content", "message"),
    (
        (b"from utils.logger_utils import (\n", "cannot parse: "),
        (b"from utils.logger_utils import a\n\xff\n", "cannot decode as utf-8: invalid start byte at byte offset 33"),
        (b"# coding: klingon\nfrom utils.logger_utils import a\n", "bad encoding declaration: "),
        (b"from utils.logger_utils import a\x00\n", "contains a NUL byte: not Python source"),
        (b"\x7fELF\x00\x00binary", "contains a NUL byte: not Python source"),
    ),
)
@pytest.mark.parametrize("command", ("fix", "check", "diff"))
def test_bad_file_is_named_left_alone_and_others_processed(write, capsys, command, content, message):
    bad = write("bad.py", content)
    good = write("good.py", LEGACY)
    assert main([command, bad, good]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}: error: {message}")
    assert open(bad, "rb").read() == content
    if command == "fix":
        assert open(good).read() == NEW


@pytest.mark.parametrize(
    "argv",
    (
        ["fix", "nope.py", "GOOD"],
        ["check", "GOOD", "nope.py"],
        ["diff", "nope.py"],
        ["report", "nope.py"],
        ["report", "--fail-above", "0", "nope.py"],
        ["report", "--history", "1", "nope.py"],
        ["shim", "utils.logger_utils", "nope.py"],
    ),
)
def test_missing_path_is_an_error_before_anything_is_read(write, capsys, argv):
    good = write("good.py", LEGACY)
    assert main([good if arg == "GOOD" else arg for arg in argv]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", "unified-logging: error: nope.py: no such file or directory\n")
    assert open(good).read() == LEGACY


def test_rule_option_replaces_configuration(write, capsys):
    path = write("m.py", "from old.mod import a\n" + LEGACY)
    assert main(["fix", "--rule", "old.mod=new.mod", path]) == 1
    assert open(path).read() == "from new.mod import a\n" + LEGACY


@pytest.mark.parametrize(
    ("rule", "message"),
    (
        ("old.mod", "unified-logging: error: --rule: rule 'old.mod' has no '=' (expected OLD = NEW)\n"),
        (
            "a=a.b",
            "unified-logging: error: --rule: rule a = a.b: it loops through rule a = a.b\n",
        ),
    ),
)
def test_bad_rule_option(write, capsys, rule, message):
    path = write("m.py", LEGACY)
    assert main(["fix", "--rule", rule, path]) == 2
    assert capsys.readouterr().err == message
    assert open(path).read() == LEGACY


def run_module(*args, stdin=b"", cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "flake8_unified_logging", *args], input=stdin, capture_output=True, cwd=cwd
    )


def test_stdin_to_stdout():
    result = run_module("fix", "-", stdin=("import os\r\n" + LEGACY).encode())
    assert (result.returncode, result.stdout, result.stderr) == (1, ("import os\r\n" + NEW).encode(), b"")


def test_stdin_unchanged():
    result = run_module("fix", "-", stdin=b"x = 1\n")
    assert (result.returncode, result.stdout) == (0, b"x = 1\n")


def test_check_stdin():
    result = run_module("check", "-", stdin=LEGACY.encode())
    assert result.returncode == 1
    assert result.stdout.decode().startswith("stdin:1:1: ULG001 ")


def test_stdin_is_the_only_path(tmp_path):
    (tmp_path / "a.py").write_text(LEGACY)
    result = run_module("fix", "-", "a.py", stdin=LEGACY.encode(), cwd=tmp_path)
    assert result.returncode == 2
    assert b"'-' (standard input) cannot be combined with other paths" in result.stderr
    assert (tmp_path / "a.py").read_text() == LEGACY


def test_usage_error_exits_2():
    result = run_module("fix")
    assert result.returncode == 2
    assert b"error: the following arguments are required: PATH" in result.stderr


@pytest.mark.parametrize(
    "argv",
    (
        ["fix", "a.py"],
        ["fix", "a.py", "pkg/b.py", "c d.py"],
        ["check", "a.py"],
        ["check", "a.py", "b.pyi"],
    ),
)
def test_hook_calls_read_as_argparse_reads_them(argv):
    from flake8_unified_logging.arguments import build_parser
    from flake8_unified_logging.cli import parse_arguments

    assert vars(parse_arguments(argv)) == vars(build_parser(argv[0]).parse_args(argv))


@pytest.mark.parametrize("argv", (["fix", "-j", "1", "a.py"], ["check", "--format", "github", "a.py"], ["fix", "-"]))
def test_calls_with_options_go_through_argparse(argv):
    from argparse import Namespace

    from flake8_unified_logging.cli import parse_arguments

    assert isinstance(parse_arguments(argv), Namespace)


def test_unreadable_file_among_many_is_reported_in_order(write, tmp_path, capsys):
    paths = [write(f"m{i:03}.py", LEGACY) for i in range(40)]
    broken = tmp_path / "m020b.py"
    broken.symlink_to(tmp_path / "gone.py")
    named = sorted([*paths, str(broken)])
    assert main(["fix", "--jobs", "2", *named]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[21] == f"{broken}: error: no such file"
    assert len(err) == 41
    assert all(open(p).read() == NEW for p in paths)


HOOK = os.path.join(os.path.dirname(sys.executable), "unified-logging-hook")


@pytest.mark.skipif(not os.path.isfile(HOOK), reason="the package's scripts are not installed beside this Python")
def test_the_hooks_command_loads_no_re(tmp_path):
    """The hooks run bin/unified-logging-hook, not the console script pip writes (which imports re first)."""
    (tmp_path / "one.py").write_text(LEGACY)

    def imported(command: list[str]) -> set[str]:
        env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
        done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
        return {line.rpartition("|")[2].strip() for line in done.stderr.splitlines() if line.startswith("import time")}

    loaded = imported([HOOK, "fix", "one.py"]) - imported([sys.executable, "-c", "pass"])
    assert "flake8_unified_logging.cli" in loaded and not loaded & {"re", "enum", "typing", "ast"}
    # collections (through collections.abc) and functools cost a hook call a fifth of a bare start
    assert not loaded & {"collections", "collections.abc", "functools", "operator", "types", "warnings", "contextlib"}
    assert (tmp_path / "one.py").read_text() == LEGACY.replace("logger_utils", "logging")


def test_parallel_matches_serial(write, capsys):
    paths = [write(f"m{i:03}.py", LEGACY if i % 3 else "x = 1\n") for i in range(80)]
    assert main(["check", "--jobs", "1", *paths]) == 1
    serial = capsys.readouterr().out
    assert main(["check", "--jobs", "2", *paths]) == 1
    assert capsys.readouterr().out == serial
    assert serial.count("ULG001") == len([i for i in range(80) if i % 3])


@pytest.mark.parametrize("command", ("fix", "check"))
@pytest.mark.parametrize("text", ("x = 1\n", LEGACY))
def test_hook_call_imports_only_what_it_needs(tmp_path, text, command):
    (tmp_path / "one.py").write_text(text)
    (tmp_path / "setup.cfg").write_text("[flake8]\nmax-line-length = 120\n")

    def modules_after(statements: str) -> set[bytes]:
        code = f"import sys; {statements}; print(*sys.modules)"
        return set(subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True).stdout.split())

    # What the interpreter loads before our code runs is not ours (on 3.9 an editable install's import hook
    # loads typing through importlib.abc).
    at_start = modules_after("pass")
    loaded = modules_after(f"from flake8_unified_logging.cli import main; main(['{command}', 'one.py'])") - at_start
    heavy = {b"flake8", b"argparse", b"ast", b"tokenize", b"typing", b"multiprocessing", b"subprocess", b"tempfile"}
    heavy.add(b"configparser")  # a configuration that sets no rules is not parsed
    heavy |= {b"re", b"enum"}  # the hook's command (bin/unified-logging-hook) does not load them either
    heavy |= {b"collections", b"functools", b"operator", b"pathlib", b"importlib.util"}
    assert b"flake8_unified_logging.cli" in loaded and not loaded & heavy
    assert (b"_ast" in loaded) == (text == LEGACY)


def test_diff_prints_the_declines_as_check_does(write, capsys):
    """A statement left as it is fails ``diff`` as it fails ``check``: the same lines, on standard error."""
    declined = write("d.py", "import utils.logger_utils\nutils = 1\n")
    mixed = write("e.py", LEGACY + "import utils.logger_utils\nutils = 1\n")
    assert main(["check", declined, mixed]) == 1
    checked = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[1][:6] for line in checked] == ["ULG004", "ULG001", "ULG004"]
    assert main(["diff", declined]) == 1
    out, err = capsys.readouterr()
    assert (out, err.splitlines()) == ("", checked[:1])
    assert main(["diff", mixed]) == 1
    out, err = capsys.readouterr()
    assert "+from utils.logging import a\n" in out
    assert err.splitlines() == checked[2:]
