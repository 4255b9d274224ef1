"""One configuration for flake8 and the command line: the [flake8] section of flake8's files (pyproject.toml:
test_pyproject.py), in the first folder upwards that configures the rules."""
import os

import pytest

from flake8_unified_logging.cli import main
from flake8_unified_logging.config import find_rules_file, load_rules

RULES = "[flake8]\nunified-logging-rules =\n    old.mod = new.mod\n    # a comment\n    other = new.other\n"


@pytest.mark.parametrize("name", ("setup.cfg", "tox.ini", ".flake8"))
def test_rules_read_from_each_file(write, monkeypatch, name):
    path = write(name, RULES)
    monkeypatch.chdir(os.path.dirname(path))
    assert [str(r) for r in load_rules(None, None).rules] == ["old.mod = new.mod", "other = new.other"]


def test_underscore_spelling(write, monkeypatch):
    path = write("setup.cfg", "[flake8]\nunified_logging_rules = a.b = c.d\n")
    monkeypatch.chdir(os.path.dirname(path))
    assert [str(r) for r in load_rules(None, None).rules] == ["a.b = c.d"]


def test_option_name_in_any_case(write, monkeypatch):
    path = write("setup.cfg", "[flake8]\nUnified-Logging-RULES = a.b = c.d\n")
    monkeypatch.chdir(os.path.dirname(path))
    assert [str(r) for r in load_rules(None, None).rules] == ["a.b = c.d"]


@pytest.mark.parametrize(
    ("near", "far", "expected"),
    (
        ("[flake8]\nmax-line-length = 100\n", RULES, "old.mod = new.mod"),  # no rules near: the search goes on
        ("[metadata]\nname = x\n", RULES, "old.mod = new.mod"),
        ("[metadata]\nname = x\n", "[flake8]\n", "utils.logger_utils = utils.logging"),
        ("[flake8]\nunified-logging-rules = a.b = c.d\n", RULES, "a.b = c.d"),  # the nearest rules win
        ("[other]\nunified-logging-rules = a.b = c.d\n", RULES, "old.mod = new.mod"),  # not in [flake8]
    ),
)
def test_rules_from_the_first_folder_that_configures_them(write, tmp_path, near, far, expected):
    write("setup.cfg", far)
    write("proj/tox.ini", near)
    assert str(load_rules(None, None, str(tmp_path / "proj")).rules[0]) == expected


def test_search_upward(write, tmp_path):
    write("setup.cfg", "[metadata]\nname = x\n")
    write("tox.ini", "[flake8]\n")
    write(".flake8", "[flake8]\nunified-logging-rules = a.b = c.d\n")
    write("sub/deeper/x.py", "")
    assert find_rules_file(str(tmp_path / "sub" / "deeper")) == str(tmp_path / ".flake8")


def test_no_rules_option_means_defaults(write, monkeypatch):
    path = write("setup.cfg", "[flake8]\nmax-line-length = 100\n")
    monkeypatch.chdir(os.path.dirname(path))
    assert [str(r) for r in load_rules(None, None).rules] == [
        "utils.logger_utils = utils.logging",
        "logging_config = utils.logging",
    ]


def test_cli_uses_found_config(write, monkeypatch):
    path = write("proj/setup.cfg", RULES)
    source = write("proj/pkg/m.py", "from old.mod import a\nfrom utils.logger_utils import b\n")
    monkeypatch.chdir(os.path.dirname(path))
    assert main(["fix", source]) == 1
    assert open(source).read() == "from new.mod import a\nfrom utils.logger_utils import b\n"


def test_cli_config_option(write):
    config = write("elsewhere/tox.ini", RULES)
    source = write("m.py", "import other\n")
    assert main(["fix", "--config", config, source]) == 1
    assert open(source).read() == "from new import other\n"


@pytest.mark.parametrize(
    ("config", "message"),
    (
        ("[flake8]\nunified-logging-rules =\n    a.b = c\n    broken\n", "setup.cfg:4: rule 'broken' has no '='"),
        (
            "[flake8]\nunified-logging-rules =\n    a = b\n    b = a\n",
            "setup.cfg:3: rule a = b: it loops through rule b = a",
        ),
        ("[flake8]\nunified-logging-rules = x = 1x\n", "setup.cfg:2: rule 'x = 1x': '1x' is not a dotted"),
    ),
)
def test_bad_configuration(write, capsys, monkeypatch, config, message):
    path = write("setup.cfg", config)
    source = write("m.py", "from utils.logger_utils import a\n")
    monkeypatch.chdir(os.path.dirname(path))
    assert main(["fix", source]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"unified-logging: error: {os.path.dirname(path)}/{message}") or err.startswith(
        f"unified-logging: error: {message}"
    )
    assert err.count("\n") == 1
    assert open(source).read() == "from utils.logger_utils import a\n"


def test_unreadable_config_file(write, capsys):
    config = write("setup.cfg", "[flake8\n")
    source = write("m.py", "x = 1\n")
    assert main(["check", "--config", config, source]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"unified-logging: error: {config}: cannot read configuration: ")
    assert err.count("\n") == 1


def test_missing_config_file(write, capsys):
    source = write("m.py", "x = 1\n")
    assert main(["check", "--config", "nope.cfg", source]) == 2
    assert capsys.readouterr().err == "unified-logging: error: nope.cfg: configuration file not found\n"
