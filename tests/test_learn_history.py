"""``learn`` on commits shaped like real hand migrations: a package moved with its files renamed, six and mock
removed, loguru replaced by the standard library; rules learned from half the files must migrate the other half
as the team did, and a module rule is never proposed where the tree still takes what the new module lacks."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from flake8_unified_logging.cli import main

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


def git(root, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.email=t@e", "-c", "user.name=t", *args], cwd=root, check=True,
                          capture_output=True, text=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """``commit(files, message, moved={old: new})`` moves files with ``git mv``, writes the files (None deletes
    one) and commits."""
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)

    def commit(files: dict[str, str | None], message: str = "change", moved: dict[str, str] | None = None) -> None:
        for old, new in (moved or {}).items():
            (tmp_path / new).parent.mkdir(parents=True, exist_ok=True)
            git(tmp_path, "mv", old, new)
        for name, text in files.items():
            if text is None:
                git(tmp_path, "rm", "-q", name)
                continue
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text)
        git(tmp_path, "add", "-A")
        git(tmp_path, "commit", "-q", "-m", message)

    return commit


def learned(capsys, *argv: str) -> tuple[int, list[str], str, str]:
    status = main(["learn", *argv])
    out, err = capsys.readouterr()
    rules = tomllib.loads(out)["tool"]["unified-logging"]["rules"] if status != 2 else []
    return status, rules, out, err


def adopt(tmp_path, out: str) -> None:
    """``learn ... >> pyproject.toml``."""
    with open(tmp_path / "pyproject.toml", "a") as handle:
        handle.write(out)


# A package moved: app/core/events/ -> app/events/, the files renamed and their imports edited.
EVENTS = {
    "app/__init__.py": "",
    "app/core/__init__.py": "",
    "app/core/events/__init__.py": "from app.core.events.bus import Bus\n\n__all__ = ['Bus']\n",
    "app/core/events/bus.py": "from app.core.events.models import Event\n\n\nclass Bus:\n"
                              "    def publish(self, event: Event) -> None:\n        pass\n",
    "app/core/events/models.py": "class Event:\n    pass\n\n\nclass Tick(Event):\n    pass\n",
    "app/core/events/handlers.py": "from .models import Event\n\n\ndef on(event: Event) -> None:\n    pass\n",
}
USERS = {
    "app/api.py": "from app.core.events.bus import Bus\nfrom app.core.events.models import Event\n\n"
                  "BUS = Bus()\nBUS.publish(Event())\n",
    "app/jobs.py": "from app.core.events import handlers\nfrom app.core.events.models import Tick\n\n"
                   "handlers.on(Tick())\n",
    "app/cli.py": "import app.core.events.bus\n\napp.core.events.bus.Bus().publish(None)\n",
    "app/worker.py": "from app.core.events.models import Event, Tick\n\nQUEUE: list[Event] = [Tick()]\n",
}


def moved_text(text: str) -> str:
    return text.replace("app.core.events", "app.events")


@pytest.mark.parametrize("root", ("", "src/"), ids=("flat", "src layout"))
def test_a_package_moved_with_its_files_renamed_gives_the_package_rule(repo, capsys, tmp_path, root):
    repo({root + path: text for path, text in {**EVENTS, **USERS}.items()})
    renames = {path: path.replace("app/core/events/", "app/events/") for path in EVENTS if "/events/" in path}
    by_hand = {root + new: moved_text(EVENTS[old]) for old, new in renames.items()}
    users = {root + path: moved_text(USERS[path]) for path in ("app/api.py", "app/jobs.py")}
    repo({**by_hand, **users}, "move the events package", {root + old: root + new for old, new in renames.items()})
    assert "R" in git(tmp_path, "diff", "--name-status", "-M", "HEAD^", "HEAD")  # git sees the renames
    status, rules, out, err = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["app.core.events = app.events"])
    assert "not explained" not in err
    assert "# 4 of 4 example files; fix would change 2 files in the tree\n" in out
    adopt(tmp_path, out)
    assert main(["fix", root + "app"]) == 1
    for path in ("app/cli.py", "app/worker.py"):  # the files the team had not migrated yet
        assert (tmp_path / root / path).read_text() == moved_text(USERS[path])


def test_the_renamed_files_alone_show_the_package_move(repo, capsys):
    """Only the moved package's own files given: their renames and edited imports are the examples."""
    repo({**EVENTS, **USERS})
    renames = {path: path.replace("app/core/events/", "app/events/") for path in EVENTS if "/events/" in path}
    repo({new: moved_text(EVENTS[old]) for old, new in renames.items()}, "move", renames)
    status, rules, _, err = learned(capsys, "HEAD", "app/events")
    assert (status, rules) == (0, ["app.core.events = app.events"])
    assert "replay: the rules reproduce 2 of 2 example files" in err  # __init__ and bus edited their imports


def test_a_package_move_the_tree_contradicts_gives_module_rules(repo, capsys):
    """One module stayed behind (``app.core.events.legacy``): no package rule, the moved modules' own rules."""
    repo({**EVENTS, **USERS, "app/core/events/legacy.py": "OLD = 1\n", "app/old.py":
          "from app.core.events.legacy import OLD\n"})
    renames = {p: p.replace("app/core/events/", "app/events/") for p in ("app/core/events/bus.py",
                                                                         "app/core/events/models.py")}
    repo({"app/events/bus.py": moved_text(EVENTS["app/core/events/bus.py"]), "app/events/__init__.py": "",
          "app/core/events/__init__.py": "", "app/api.py": moved_text(USERS["app/api.py"])}, "move", renames)
    status, rules, out, _ = learned(capsys, "HEAD")
    assert status == 0
    assert sorted(rules) == ["app.core.events.bus = app.events.bus", "app.core.events.models = app.events.models"]
    assert "# name rules, not 'app.core.events = app.events': app.events does not define handlers" in out


SIX_USER = "from six import StringIO\nfrom six.moves import filterfalse\n\nBUFFER = StringIO()\n" \
           "ODD = list(filterfalse(None, [0, 1]))\n"
SIX_KEPT = "from six import string_types, StringIO\nfrom six.moves import configparser\n\n" \
           "TEXT = string_types\nPARSER = configparser.ConfigParser()\nBUFFER = StringIO()\n"


def test_six_removal_proposes_name_rules_not_module_rules(repo, capsys, tmp_path):
    repo({"lib/__init__.py": "", "lib/a.py": SIX_USER, "lib/b.py": SIX_USER, "lib/compat.py": SIX_KEPT})
    after = SIX_USER.replace("from six import", "from io import").replace("from six.moves", "from itertools")
    repo({"lib/a.py": after, "lib/b.py": after}, "drop six")
    status, rules, out, err = learned(capsys, "HEAD")
    assert status == 0
    assert sorted(rules) == ["six.moves:filterfalse = itertools:filterfalse", "six:StringIO = io:StringIO"]
    assert "# name rules, not 'six = io': lib/a.py takes six.moves:filterfalse to itertools\n" in out
    assert "# name rules, not 'six.moves = itertools': only filterfalse is shown moving" in out
    adopt(tmp_path, out)
    main(["fix", "lib"])
    assert (tmp_path / "lib/compat.py").read_text() == SIX_KEPT.replace(
        "from six import string_types, StringIO\n", "from io import StringIO\n\nfrom six import string_types\n")


def test_names_the_tree_still_takes_block_the_module_rule(repo, capsys):
    user = "from six import BytesIO, StringIO\n\nBUFFERS = [BytesIO(), StringIO()]\n"
    repo({"lib/__init__.py": "", "lib/a.py": user, "lib/b.py": user, "lib/compat.py": SIX_KEPT})
    repo({"lib/a.py": user.replace("six", "io"), "lib/b.py": user.replace("six", "io")})
    status, rules, out, _ = learned(capsys, "HEAD")
    assert sorted(rules) == ["six:BytesIO = io:BytesIO", "six:StringIO = io:StringIO"]
    assert "# name rules, not 'six = io': io.moves is not readable here, so nothing proves that it binds " \
           "configparser (six.moves in lib/compat.py)\n" in out


def test_a_file_left_on_purpose_blocks_the_module_rule(repo, capsys):
    """The edit kept ``from six import string_types`` in a file it changed: six stays, so no ``six = io``."""
    repo({"lib/__init__.py": "", "lib/a.py": SIX_KEPT, "lib/b.py": SIX_USER})
    repo({"lib/a.py": SIX_KEPT.replace(", StringIO\n", "\nfrom io import StringIO\n"),
          "lib/b.py": SIX_USER.replace("from six import StringIO", "from io import StringIO")})
    status, rules, out, _ = learned(capsys, "HEAD")
    assert "six:StringIO = io:StringIO" in rules and "six = io" not in rules
    assert "# name rules, not 'six = io': lib/a.py still imports six" in out


MOCK_FORMS = {
    "tests/test_a.py": ("import mock\n\n\n@mock.patch('os.getcwd')\ndef test_a(cwd):\n    assert mock.MagicMock()\n",
                        "from unittest import mock\n\n\n@mock.patch('os.getcwd')\ndef test_a(cwd):\n"
                        "    assert mock.MagicMock()\n"),
    "tests/test_b.py": ("from mock import MagicMock, patch\n\n\n@patch('os.sep')\ndef test_b(sep):\n"
                        "    assert MagicMock()\n",
                        "from unittest.mock import MagicMock, patch\n\n\n@patch('os.sep')\ndef test_b(sep):\n"
                        "    assert MagicMock()\n"),
    "tests/test_c.py": ("try:\n    import mock\nexcept ImportError:\n    from unittest import mock\n\n"
                        "CALL = mock.patch('os.sep')\nSPY = mock.MagicMock()\n",
                        "from unittest import mock\n\nCALL = mock.patch('os.sep')\nSPY = mock.MagicMock()\n"),
    "tests/test_d.py": ("import mock\n\nSPY = mock.MagicMock()\n",
                        "from unittest import mock\n\nSPY = mock.MagicMock()\n"),
    "tests/test_e.py": ("from mock import patch\n\nCALL = patch('os.sep')\n",
                        "from unittest.mock import patch\n\nCALL = patch('os.sep')\n"),
    "tests/test_f.py": ("import os\nimport mock\n\nCALL = mock.patch(os.sep)\n",
                        "import os\nfrom unittest import mock\n\nCALL = mock.patch(os.sep)\n"),
}


@pytest.mark.parametrize("half", (("test_a", "test_b", "test_c"), ("test_e", "test_b", "test_f"),
                                  ("test_c", "test_d", "test_e"), ("test_b", "test_e")))
def test_mock_removal_learned_from_any_half_migrates_the_other_half(repo, capsys, tmp_path, half):
    repo({path: before for path, (before, _) in MOCK_FORMS.items()})
    shown = {p: after for p, (_, after) in MOCK_FORMS.items() if os.path.basename(p)[:-3] in half}
    repo(shown, "half of the mock removal")
    status, rules, out, _ = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["mock = unittest.mock"])
    adopt(tmp_path, out)
    assert main(["fix", "tests"]) == 1
    for path, (before, after) in MOCK_FORMS.items():
        if path not in shown and before.startswith("try:"):  # the fallback stays: removing it is the human's edit
            after = before.replace("import mock\n", "from unittest import mock\n", 1)
        assert (tmp_path / path).read_text() == after, path


def test_a_name_no_example_shows_on_a_module_the_tool_cannot_read_blocks_the_module_rule(repo, capsys):
    repo({"tests/test_a.py": MOCK_FORMS["tests/test_a.py"][0], "tests/test_z.py": "import mock\n\nS = mock.sentinel\n"})
    repo({"tests/test_a.py": MOCK_FORMS["tests/test_a.py"][1]})
    status, rules, out, _ = learned(capsys, "HEAD")
    assert (status, rules) == (1, [])
    assert "# name rules, not 'mock = unittest.mock': " in out and "sentinel" in out


LOGURU = "from loguru import logger\n\n\ndef run():\n    logger.info('run')\n"


@pytest.mark.parametrize(
    ("after", "rule", "replayed"),
    (
        pytest.param("import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef run():\n    logger.info('run')\n",
                     "loguru:logger = logging:getLogger(__name__)", "(3 more in another import form)",
                     id="import logging"),
        pytest.param("from logging import getLogger\n\nlogger = getLogger(__name__)\n\n\ndef run():\n"
                     "    logger.info('run')\n", "loguru:logger = logging:getLogger(__name__)",
                     "reproduce 3 of 3", id="from logging import getLogger"),
        pytest.param("from app.log import make as get\n\nlogger: object = get(__name__)\n\n\ndef run():\n"
                     "    logger.info('run')\n", "loguru:logger = app.log:make(__name__)",
                     "(3 more in another import form)",
                     id="a project factory under another name"),
    ),
)
def test_loguru_to_a_factory(repo, capsys, after, rule, replayed):
    repo({"app/__init__.py": "", "app/log.py": "def make(name):\n    return name\n",
          **{f"app/m{i}.py": LOGURU for i in range(3)}})
    repo({f"app/m{i}.py": after for i in range(3)})
    status, rules, _, err = learned(capsys, "HEAD")
    assert (status, rules) == (0, [rule])
    assert replayed in err


def test_a_literal_from_one_example_is_held_back(repo, capsys):
    repo({"app/__init__.py": "", "app/log.py": "def get_logger(name, **options):\n    return name\n",
          **{f"app/m{i}.py": LOGURU for i in range(5)}})
    repo({"app/m0.py": LOGURU.replace("from loguru import logger\n", "from app.log import get_logger\n\n"
                                      "logger = get_logger('main_app', migration_mode=True)\n")})
    status, rules, out, err = learned(capsys, "HEAD")
    assert (status, rules) == (1, [])
    assert "    # held back: 'main_app' is written in 1 example only; as a rule every file would get it\n" in out
    assert "    # \"loguru:logger = app.log:get_logger('main_app', migration_mode=True)\",\n" in out
    assert "1 of 1 example files; fix would change 4 files in the tree" in out
    assert "learned 0 rules (1 more held back as comments)" in err and "replay: no rule to replay" in err


def test_the_figures_say_what_a_rule_does(repo, capsys):
    files = {"pkg/__init__.py": "", "pkg/old.py": "def f():\n    pass\n\n\ndef g():\n    pass\n",
             "pkg/new.py": "def f():\n    pass\n\n\ndef g():\n    pass\n"}
    users = {f"pkg/u{i}.py": f"from pkg.old import {'f' if i % 2 else 'f, g'}\n" for i in range(6)}
    repo({**files, **users})
    repo({"pkg/u1.py": "from pkg.new import f\n", "pkg/u3.py": "from pkg.new import f\n"})
    status, rules, out, err = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["pkg.old = pkg.new"])
    assert "# 2 of 2 example files; fix would change 4 files in the tree, 3 of them taking names no example " \
           "takes from pkg.old\n" in out
    assert "--no-target-check" not in out + err


def test_learn_through_the_command_line(repo, tmp_path):
    repo({**EVENTS, **USERS})
    renames = {path: path.replace("app/core/events/", "app/events/") for path in EVENTS if "/events/" in path}
    repo({new: moved_text(EVENTS[old]) for old, new in renames.items()}, "move", renames)
    done = subprocess.run([sys.executable, "-m", "flake8_unified_logging", "learn", "HEAD"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert tomllib.loads(done.stdout)["tool"]["unified-logging"]["rules"] == ["app.core.events = app.events"]


def test_a_name_imported_but_unused_is_renamed_with_its_statement(repo, capsys):
    before = "from utils.logger_utils import (\n    get_service_logger,  # shared\n    audit,\n)\n"
    repo({"utils/__init__.py": "", "utils/logger_utils.py": "def get_service_logger():\n    pass\n\n\n"
          "def audit():\n    pass\n", "utils/logging.py": "def get_logger():\n    pass\n\n\ndef audit():\n    pass\n",
          "svc/__init__.py": "", "svc/a.py": before, "svc/b.py": before})
    repo({"svc/a.py": "from utils.logging import (\n    get_logger,  # shared\n    audit,\n)\n"})
    status, rules, _, err = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["utils.logger_utils = utils.logging",
                                   "utils.logger_utils:get_service_logger = utils.logging:get_logger"])
    assert "not explained" not in err and "replay: the rules reproduce 1 of 1 example files" in err


def test_a_package_renamed_with_its_uses(repo, capsys):
    """``import http3`` -> ``import httpx``, every use respelled: ``fix`` keeps the old name bound instead."""
    repo({"httpx/__init__.py": "def get(url):\n    return url\n", "tests/__init__.py": "",
          **{f"tests/test_{n}.py": "import http3\n\nhttp3.get('/')\n" for n in "abc"}})
    repo({f"tests/test_{n}.py": "import httpx\n\nhttpx.get('/')\n" for n in "abc"})
    status, rules, _, err = learned(capsys, "HEAD")
    assert (status, rules) == (0, ["http3 = httpx"])
    assert "replay: the rules reproduce 0 of 3 example files (3 more in another import form)" in err
    assert "differs" not in err
