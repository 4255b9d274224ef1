"""One reason per unreadable file, the same in `check`, `fix`, `diff`, `report` (text and JSON) and flake8, and
each reason checked against what it claims about the file's bytes."""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys

import pytest

from flake8_unified_logging.cli import main

LEGACY = b"from utils.logger_utils import get_service_logger\n"


def random_bytes(seed: int, nul: bool) -> bytes:
    generator = random.Random(seed)
    noise = bytes(generator.randrange(0 if nul else 1, 256) for _ in range(300))
    return noise + (b"\0" if nul else b"") + LEGACY


FILES = {
    "random.py": random_bytes(7, nul=False),
    "random_nul.py": random_bytes(8, nul=True),
    "latin.py": LEGACY + b"name = 'caf\xe9'\n",
    "cookie.py": b"# -*- coding: klingon -*-\n" + LEGACY,
    "broken.py": LEGACY + b"def f(:\n    pass\n",
    "deep.py": LEGACY + b"x = " + b"-" * 100000 + b"1\n",
}


@pytest.fixture
def tree(tmp_path, monkeypatch):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    for name, data in FILES.items():
        (tmp_path / "app" / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def stderr_reasons(capsys, command: list[str]) -> dict[str, str]:
    assert main(command) == 2
    reasons = {}
    for line in capsys.readouterr().err.splitlines():
        path, _, reason = line.partition(": error: ")
        reasons[path.split("/")[-1]] = reason
    return reasons


def report_reasons(capsys) -> dict[str, str]:
    main(["report", "--jobs", "1", "--format", "json", "app"])
    unreadable = json.loads(capsys.readouterr().out)["files"]["unreadable"]
    return {entry["path"].split("/")[-1]: entry["error"] for entry in unreadable}


def test_every_command_gives_the_same_reason(tree, capsys):
    check = stderr_reasons(capsys, ["check", "--jobs", "1", "app"])
    assert set(check) == set(FILES)
    assert stderr_reasons(capsys, ["fix", "--jobs", "1", "app"]) == check
    assert stderr_reasons(capsys, ["diff", "--jobs", "1", "app"]) == check
    assert report_reasons(capsys) == check
    main(["report", "--jobs", "1", "app"])
    text = capsys.readouterr().out
    for name, reason in check.items():
        assert re.search(rf"^app/{re.escape(name)}\s+{re.escape(reason)}$", text, re.MULTILINE)
    for name, data in FILES.items():
        assert (tree / "app" / name).read_bytes() == data


def test_flake8_says_the_same_of_what_it_cannot_decode(tree, capsys):
    """flake8 reads a file that is not UTF-8 as latin-1; when that parses, the plugin gives the same reason."""
    check = stderr_reasons(capsys, ["check", "--jobs", "1", "app"])
    result = subprocess.run([sys.executable, "-m", "flake8", "--select", "ULG", "app/latin.py"],
                            cwd=tree, capture_output=True, text=True)
    assert f"app/latin.py:1:1: ULG004 {check['latin.py']}; not checked or rewritten" in result.stdout


def test_each_reason_is_true_of_the_bytes(tree, capsys):
    reasons = stderr_reasons(capsys, ["check", "--jobs", "1", "app"])
    for name, reason in reasons.items():
        data = FILES[name]
        decoding = re.fullmatch(r"cannot decode as utf-8: (.*) at byte offset (\d+)", reason)
        if "NUL byte" in reason:
            assert b"\0" in data
        elif decoding:
            at = int(decoding.group(2))
            with pytest.raises(UnicodeDecodeError) as error:
                data.decode("utf-8")
            assert (error.value.start, error.value.reason) == (at, decoding.group(1))
        elif reason.startswith("bad encoding declaration"):
            assert re.match(rb"[ \t\f]*#.*?coding[:=]", data.split(b"\n")[0])
        else:
            assert reason.startswith("cannot parse")
            with pytest.raises((SyntaxError, RecursionError, MemoryError)):
                compile(data, name, "exec")
    assert reasons["random.py"].startswith("cannot decode as utf-8")
    assert reasons["random_nul.py"] == "contains a NUL byte: not Python source"
    assert reasons["cookie.py"] == "bad encoding declaration: unknown encoding: klingon"
    assert reasons["broken.py"].startswith("cannot parse: ") and reasons["broken.py"].endswith("(line 2)")
