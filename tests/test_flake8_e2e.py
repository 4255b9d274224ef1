"""The real flake8 on a temporary project: codes, options, configuration and noqa."""
import subprocess
import sys

import pytest

from flake8_unified_logging.cli import main

LEGACY = "from utils.logger_utils import get_service_logger\n\nget_service_logger()\n"
MESSAGE = "ULG001 legacy import of utils.logger_utils; use: from utils.logging import get_service_logger"


def flake8(cwd, *args):
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "ULG", *args], cwd=cwd, capture_output=True, text=True
    )
    return result.returncode, sorted(result.stdout.splitlines()), result.stderr


@pytest.fixture
def project(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "a.py").write_text(LEGACY)
    (tmp_path / "pkg" / "b.py").write_text("import logging_config  # noqa: ULG001\nimport logging_config\n")
    return tmp_path


def test_reports_with_the_replacement(project):
    code, lines, _ = flake8(project, ".")
    assert code == 1
    assert lines == [
        f"./pkg/a.py:1:1: {MESSAGE}",
        "./pkg/b.py:2:1: ULG001 legacy import of logging_config; use: import utils.logging as logging_config",
    ]


def test_same_text_as_the_command_line(project, capsys, monkeypatch):
    _, lines, _ = flake8(project, "pkg/a.py")
    monkeypatch.chdir(project)
    main(["check", "pkg/a.py"])
    assert capsys.readouterr().out.splitlines() == lines


def test_version_lists_the_plugin(project):
    result = subprocess.run([sys.executable, "-m", "flake8", "--version"], capture_output=True, text=True)
    assert "flake8-unified-logging: " in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    (
        (["--extend-ignore", "ULG001"], []),
        (["--per-file-ignores", "pkg/a.py:ULG001"], ["./pkg/b.py:2:1"]),
        (["--jobs", "2"], ["./pkg/a.py:1:1", "./pkg/b.py:2:1"]),
        (["--disable-noqa"], ["./pkg/a.py:1:1", "./pkg/b.py:1:1", "./pkg/b.py:2:1"]),
    ),
)
def test_flake8_options(project, args, expected):
    _, lines, _ = flake8(project, *args, ".")
    assert [line.rsplit(":", 1)[0].rsplit(": ULG", 1)[0] for line in lines] == expected


def test_extend_select_with_default_selection(project):
    command = [sys.executable, "-m", "flake8", "--extend-select", "ULG", "pkg/a.py"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True)
    assert f"pkg/a.py:1:1: {MESSAGE}" in result.stdout.splitlines()


def test_rules_from_setup_cfg(project):
    (project / "setup.cfg").write_text("[flake8]\nunified-logging-rules =\n    pkg.a = pkg.new_a\n")
    (project / "c.py").write_text("from pkg import a\n")
    _, lines, _ = flake8(project, "--extend-select", "ULG005", "c.py", "pkg/a.py")
    assert lines == ["c.py:1:1: ULG005 pkg does not define new_a; not rewritten"]  # the target check
    (project / "pkg" / "new_a.py").write_text("")
    _, lines, _ = flake8(project, "c.py", "pkg/a.py")
    assert lines == ["c.py:1:1: ULG001 legacy import of pkg.a; use: from pkg import new_a as a"]


def test_rules_on_the_command_line(project):
    (project / "c.py").write_text("import x.y\n")
    _, lines, _ = flake8(project, "--unified-logging-rules", "x.y = z.y, q = r", "c.py")
    assert lines == ["c.py:1:1: ULG001 legacy import of x.y; use: import z.y"]


def test_bad_rule_is_a_one_line_error(project):
    (project / "setup.cfg").write_text("[flake8]\nunified-logging-rules = a = a.b\n")
    code, lines, err = flake8(project, ".")
    assert code != 0 and lines == []
    assert err == (
        f"flake8-unified-logging: error: {project / 'setup.cfg'}:2: rule a = a.b: "
        "it loops through rule a = a.b\n"
    )
    command_line = flake8(project, "--unified-logging-rules", "b = b.c", ".")[2]
    assert command_line.startswith(f"flake8-unified-logging: error: {project / 'setup.cfg'}:2: ")


def test_unparsable_file_is_flake8s_business(project):
    (project / "bad.py").write_text("from utils.logger_utils import (\n")
    code, lines, _ = flake8(project, "--select", "ULG,E9", "bad.py")
    assert code == 1 and len(lines) == 1 and "E999" in lines[0]


@pytest.mark.parametrize(("config", "args", "status", "shown"), (
    ("", [], 0, False),  # as the fixing hook: printed there, no failure
    ("", ["--extend-select", "ULG005"], 1, True),
    ("", ["--select", "E,F,W,ULG"], 0, False),  # the plugin's codes, those that fail a commit
    ("[flake8]\nunified-logging-strict = true\n", [], 1, True),
    ("[flake8]\nextend-select = ULG005\n", [], 1, True),
    ("[flake8]\nignore = E203\n", [], 0, False),  # flake8's default ignore list replaced: still not failing
))
def test_ulg005_fails_flake8_only_where_it_fails_the_fixing_hook(project, config, args, status, shown):
    """The new package lacks what the file uses: only its owners can change that. flake8 agrees with the hook."""
    (project / "setup.cfg").write_text(config + ("" if "[flake8]" in config else "[flake8]\n")
                                       + "unified-logging-rules = pkg.a = pkg.new_a\n")
    (project / "c.py").write_text("from pkg import a\n\na.run()\n")
    result = subprocess.run([sys.executable, "-m", "flake8", *args, "c.py"], cwd=project, capture_output=True,
                            text=True)
    assert (result.returncode, "c.py:1:1: ULG005 pkg does not define new_a" in result.stdout) == (status, shown)
    strict = "strict" in config
    assert main(["fix", "--config", str(project / "setup.cfg"), str(project / "c.py")]) == int(strict)


def test_the_plugin_spells_the_engines_code():
    from flake8_unified_logging import plugin
    from flake8_unified_logging.engine.findings import TARGET_MISSING

    assert plugin.TARGET_MISSING == TARGET_MISSING
