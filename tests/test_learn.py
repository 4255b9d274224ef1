"""``unified-logging learn``: the rules a team's own hand-migrated commit shows, checked on it and on the tree."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from flake8_unified_logging.cli import main
from flake8_unified_logging.config import rules_from_option

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PROVIDER = {
    "utils/__init__.py": "",
    "utils/logger_utils.py": "def get_service_logger(name):\n    pass\n\n\ndef audit(x):\n    pass\n",
    "utils/logging/__init__.py": "def get_logger(name, **options):\n    pass\n\n\ndef audit(x):\n    pass\n",
    "svc/__init__.py": "",
}


def git(root, *args):
    subprocess.run(["git", "-c", "user.email=t@e", "-c", "user.name=t", *args], cwd=root, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """``commit(files, message)`` writes the files and commits them."""
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)

    def commit(files: dict[str, str], message: str = "change") -> None:
        for name, text in files.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text)
        git(tmp_path, "add", ".")
        git(tmp_path, "commit", "-q", "-m", message)

    commit(PROVIDER, "provider")
    return commit


def learned(capsys, *argv: str) -> tuple[int, list[str], str]:
    status = main(["learn", *argv])
    out, err = capsys.readouterr()
    rules = tomllib.loads(out)["tool"]["unified-logging"]["rules"] if status != 2 and out else []
    return status, rules, err


def using(module: str, name: str, call: str = "") -> str:
    return f"from {module} import {name}\n\nvalue = {call or name}('x')\n"


def test_a_module_move(repo, capsys):
    repo({f"svc/m{i}.py": using("utils.logger_utils", "audit") for i in range(3)})
    repo({f"svc/m{i}.py": using("utils.logging", "audit") for i in range(3)}, "BATCH 1")
    status, rules, err = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["utils.logger_utils = utils.logging"])
    assert "replay: the rules reproduce 3 of 3 example files" in err


def test_a_plain_import_with_its_uses_respelled(repo, capsys):
    repo({"svc/a.py": "import utils.logger_utils\n\nutils.logger_utils.audit(1)\n"})
    repo({"svc/a.py": "import utils.logging\n\nutils.logging.audit(1)\n"})
    assert learned(capsys, "HEAD")[:2] == (0, ["utils.logger_utils = utils.logging"])


def test_a_name_split_off_is_a_name_rule(repo, capsys):
    repo({"svc/a.py": "from collections import Mapping, OrderedDict\n\nX = [Mapping, OrderedDict]\n"})
    repo({"svc/a.py": "from collections import OrderedDict\nfrom collections.abc import Mapping\n\n"
                      "X = [Mapping, OrderedDict]\n"})
    assert learned(capsys, "HEAD")[:2] == (0, ["collections:Mapping = collections.abc:Mapping"])


def test_a_rename_with_its_uses(repo, capsys):
    repo({"svc/a.py": using("utils.logger_utils", "get_service_logger")})
    repo({"svc/a.py": using("utils.logging", "get_logger")})
    assert learned(capsys, "HEAD")[:2] == (0, ["utils.logger_utils:get_service_logger = utils.logging:get_logger"])
    repo({"svc/b.py": using("utils.logger_utils", "get_service_logger") + using("utils.logger_utils", "audit")})
    repo({"svc/b.py": using("utils.logging", "get_logger") + using("utils.logging", "audit")})
    assert learned(capsys, "HEAD")[1] == [
        "utils.logger_utils = utils.logging", "utils.logger_utils:get_service_logger = utils.logging:get_logger"
    ]
    repo({"svc/c.py": using("utils.logger_utils", "get_service_logger")})
    repo({"svc/c.py": using("utils.logging", "get_logger as get_service_logger", "get_service_logger")})
    assert learned(capsys, "HEAD")[:2] == (0, ["utils.logger_utils:get_service_logger = utils.logging:get_logger"])


LOGURU = "import os\nfrom loguru import logger\n\nlogger.info(os.sep)\n"


def migrated(argument: str) -> str:
    """A file migrated by hand, laid out as the import sorter lays it out (as ``fix`` writes it)."""
    head = "import os\n\nfrom utils.logging import get_logger\n\n"
    return f"{head}logger = get_logger({argument})\n\nlogger.info(os.sep)\n"


@pytest.mark.parametrize(
    ("arguments", "rule", "note"),
    (
        pytest.param(["__name__"] * 3, "get_logger(__name__)", "3 of 3 example files", id="__name__ kept"),
        pytest.param(['"a"', '"b"', '"c"'], 'get_logger("{stem}")', "3 of 3 example files", id="the stem"),
        pytest.param(['"svc.a"', '"svc.b"', '"svc.c"'], 'get_logger("{module}")', "3 of 3 example files",
                     id="the module"),
        pytest.param(['"a", migration_mode=True', '"b", migration_mode=True', '"c", migration_mode=True'],
                     'get_logger("{stem}", migration_mode=True)', "3 of 3 example files", id="a keyword kept"),
        pytest.param(['"a"', '"billing"', '"c"'], 'get_logger("{stem}")',
                     "3 of 3 example files; {stem}: 2 of 3 examples; the others use names chosen by hand",
                     id="names chosen by hand"),
    ),
)
def test_a_factory_with_its_arguments_generalised(repo, capsys, arguments, rule, note):
    repo({f"svc/{n}.py": LOGURU for n in "abc"})
    repo({f"svc/{n}.py": migrated(argument) for n, argument in zip("abc", arguments)})
    status, rules, _ = learned(capsys, "HEAD")
    assert (status, rules) == (0, [f"loguru:logger = utils.logging:{rule}"])
    main(["learn", "HEAD"])
    assert f"    # {note}; fix would change 0 files in the tree\n" in capsys.readouterr().out


def test_unrelated_edits_are_listed_not_learned(repo, capsys):
    repo({"svc/a.py": using("utils.logger_utils", "audit"), "svc/b.py": "X = 1\n"})
    repo({"svc/a.py": using("utils.logging", "audit") + "Y = 2\n", "svc/b.py": "import json\nX = json\n"})
    status, rules, err = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["utils.logger_utils = utils.logging"])
    assert "other code changed too (ignored): svc/a.py" in err
    assert "not explained: " in err and "svc/b.py: added import json" in err


def test_conflicting_examples_choose_neither(repo, capsys):
    repo({"svc/a.py": using("old.mod", "thing"), "svc/b.py": using("old.mod", "thing")})
    repo({"svc/a.py": using("new.one", "thing"), "svc/b.py": using("new.two", "thing")})
    status, rules, err = learned(capsys, "HEAD")
    assert (status, rules) == (1, [])
    assert "conflict: old.mod:thing moves to different places: new.one:thing (1 files), new.two:thing (1 files)" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    (
        (["nosuchref"], "learn: 'nosuchref' is not a commit here (git rev-parse: fatal: Needed a single revision)"),
        (["HEAD~1..HEAD~1"], "learn: no Python file changed in HEAD~1..HEAD~1"),
        (["HEAD", "/"], "learn: / is outside the work tree"),
        (["HEAD"], "learn: no import edits in the examples"),
        ([], "learn: name a commit (REV or REV1..REV2), or --before PATH --after PATH"),
    ),
)
def test_bad_input_is_a_one_line_error(repo, capsys, argv, message):
    repo({"svc/a.py": "X = 1\n"})
    repo({"svc/a.py": "X = 2\n"})
    status = main(["learn", *argv])
    out, err = capsys.readouterr()
    assert (status, out, err) == (2, "", f"unified-logging: error: {message}\n")


def test_learned_rules_migrate_the_held_out_files_as_the_team_did(repo, capsys, tmp_path):
    before = {f"svc/m{i}.py": using("utils.logger_utils", "get_service_logger") for i in range(6)}
    before.update({f"svc/l{i}.py": LOGURU for i in range(6)})
    repo(before)
    by_hand = {f"svc/m{i}.py": using("utils.logging", "get_logger") for i in range(6)}
    by_hand.update({f"svc/l{i}.py": migrated(f'"l{i}"') for i in range(6)})
    repo({k: v for k, v in by_hand.items() if k[-4] in "01"}, "BATCH 1")
    assert main(["learn", "HEAD"]) == 0
    out, err = capsys.readouterr()
    assert "tree: fix would change 8 files, 0 blocked by the target check" in err
    with open(tmp_path / "pyproject.toml", "a") as handle:  # learn >> pyproject.toml, a file without the table
        handle.write("[project]\nname = 'backend'\n\n" + out)
    assert main(["fix", "svc"]) == 1
    for name, text in by_hand.items():
        assert (tmp_path / name).read_text() == text, name


def test_two_trees_and_the_ini_format(tmp_path, monkeypatch, capsys):
    for name, text in PROVIDER.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    for side, module in (("old", "utils.logger_utils"), ("new", "utils.logging")):
        (tmp_path / side).mkdir()
        (tmp_path / side / "a.py").write_text(using(module, "audit"))
    monkeypatch.chdir(tmp_path)
    assert main(["learn", "--before", "old", "--after", "new", "--format", "ini"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("[flake8]\nunified-logging-rules =\n")
    option = out.split("=", 1)[1]
    assert [str(rule) for rule in rules_from_option(option).rules] == ["utils.logger_utils = utils.logging"]
    assert main(["learn", "--before", "old/a.py", "--after", "new/a.py", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    support = "1 of 1 example files; fix would change 1 files in the tree"
    assert document["rules"] == [{"rule": "utils.logger_utils = utils.logging", "support": support}]
    assert document["replay"]["reproduced"] == 1


def test_a_module_imported_from_its_package_or_under_an_alias(repo, capsys):
    repo({"svc/a.py": "from utils import logger_utils\n\nlogger_utils.audit(1)\n",
          "svc/b.py": "from utils.logger_utils import audit\n\naudit(1)\n",
          "svc/c.py": "import logging_config\n\nlogging_config.audit(1)\n"})
    repo({"svc/a.py": "from utils import logging as logger_utils\n\nlogger_utils.audit(1)\n",
          "svc/b.py": "from utils.logging import audit\n\naudit(1)\n",
          "svc/c.py": "import utils.logging as logging_config\n\nlogging_config.audit(1)\n"})
    status, rules, err = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["utils.logger_utils = utils.logging", "logging_config = utils.logging"])
    assert "replay: the rules reproduce 3 of 3 example files" in err and "not explained" not in err


def test_the_shipped_hand_migrated_batch(monkeypatch, capsys):
    """The docs' command on the example project: the rules its three hand-migrated files show."""
    import os

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    monkeypatch.chdir(os.path.join(root, "examples", "legacy_app"))
    status, rules, err = learned(capsys, "--before", "../hand_migrated/before", "--after", "../hand_migrated/after")
    assert status == 0
    assert rules == [
        "utils.logger_utils:get_service_logger = utils.logging:get_logger",
        "utils.logger_utils:log_duration = utils.logging:log_duration",
        'loguru:logger = utils.logging:get_logger("{stem}")',
    ]
    assert "replay: the rules reproduce 3 of 3 example files" in err
