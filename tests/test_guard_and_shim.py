"""The legacy module's guard (ULG006), its importers in the report, and the compatibility shim."""
import json
import os
import subprocess
import sys

import pytest

from flake8_unified_logging.cli import main

RULES = ["--rule", "utils.logger_utils=utils.logging"]
RULES += ["--rule", "utils.logger_utils:get_service_logger=utils.logging:get_logger"]


@pytest.fixture
def backend(tmp_path, monkeypatch):
    (tmp_path / "utils" / "logging").mkdir(parents=True)
    (tmp_path / "utils" / "__init__.py").write_text("")
    (tmp_path / "utils" / "logger_utils.py").write_text("def get_service_logger(name):\n    pass\n")
    (tmp_path / "utils" / "logging" / "__init__.py").write_text(
        "def get_logger(name):\n    pass\n\n\ndef log_duration(f):\n    return f\n\n\ndef audit():\n    pass\n"
    )
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "a.py").write_text("from utils.logger_utils import get_service_logger, log_duration\n")
    (tmp_path / "app" / "b.py").write_text(
        "from utils.logger_utils import log_duration\nimport utils.logger_utils\nutils.logger_utils.audit()\n"
    )
    (tmp_path / "app" / "c.py").write_text("x = 'utils.logger_utils.nothing'\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_guard_names_what_the_legacy_module_lost(backend, capsys):
    assert main(["check", *RULES, "utils/logger_utils.py"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "utils/logger_utils.py:1:1: ULG006 utils.logger_utils no longer defines audit, still imported by 1 file "
        f"(e.g. app{os.sep}b.py:3)",
        "utils/logger_utils.py:1:1: ULG006 utils.logger_utils no longer defines log_duration, still imported by 2 "
        f"files (e.g. app{os.sep}a.py:1)",
    ]
    assert main(["fix", *RULES, "utils/logger_utils.py"]) == 1  # the hook: reported, nothing to rewrite
    assert "ULG006" in capsys.readouterr().out


def test_guard_quiet_while_the_legacy_module_provides_everything(backend, capsys):
    (backend / "utils" / "logger_utils.py").write_text("get_service_logger = log_duration = audit = None\n")
    assert main(["check", *RULES, "utils/logger_utils.py"]) == 0
    assert capsys.readouterr().out == ""


def test_guard_through_flake8(backend):
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "ULG", "--unified-logging-rules",
         "utils.logger_utils = utils.logging", "utils/logger_utils.py"],
        capture_output=True,
        text=True,
    )
    assert result.stdout.count("ULG006") == 2 and "no longer defines log_duration" in result.stdout


def test_report_lists_legacy_modules_and_their_names(backend, capsys):
    assert main(["report", *RULES, "--format", "json", "."]) == 0
    modules = json.loads(capsys.readouterr().out)["legacy_modules"]
    names = {"audit": 1, "get_service_logger": 1, "log_duration": 2}
    assert modules == [
        {"module": "utils.logger_utils", "files": 2, "names": names, "string_files": 1, "unparsed_files": 0,
         "other_files": [], "safe_to_delete": False}
    ]
    for path in ("app/a.py", "app/b.py", "app/c.py"):
        (backend / path).write_text("x = 1\n")
    assert main(["report", *RULES, "."]) == 0
    assert "utils.logger_utils      0  no importer left, safe to delete" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("files", "verdict"),
    (
        pytest.param({}, "0  no importer left, safe to delete", id="none left"),
        pytest.param(
            {"app/late.py": "from utils.logger_utils import audit\n"}, "1  audit (1)", id="untracked importer"
        ),
        pytest.param(
            {"tests/test_x.py": "import mock\nmock.patch('utils.logger_utils.audit')\n"},
            "0  no importer left; named in strings in 1 file",
            id="a string names it",
        ),
    ),
)
def test_safe_to_delete_only_when_nothing_refers_to_it(backend, capsys, files, verdict):
    for path in ("app/a.py", "app/b.py", "app/c.py"):
        (backend / path).write_text("x = 1\n")
    subprocess.run(["git", "init", "-q"], cwd=backend, check=True)
    subprocess.run(["git", "add", "."], cwd=backend, check=True)
    for name, text in files.items():
        (backend / name).parent.mkdir(parents=True, exist_ok=True)
        (backend / name).write_text(text)
    assert main(["report", *RULES]) == 0
    assert f"utils.logger_utils      {verdict}\n" in capsys.readouterr().out


def test_a_third_party_module_is_never_safe_to_delete(backend, capsys):
    rule = ["--rule", "loguru:logger = utils.logging:get_logger(__name__)"]
    assert main(["report", *rule, "--format", "json", "."]) == 0
    modules = json.loads(capsys.readouterr().out)["legacy_modules"]
    assert modules == [{"module": "loguru", "files": 0, "names": {}, "string_files": 0, "unparsed_files": 0,
                        "other_files": [], "safe_to_delete": False}]
    assert main(["report", *rule, "."]) == 0
    assert "loguru             0  no importer left\n" in capsys.readouterr().out


def test_shim(backend, capsys):
    assert main(["shim", *RULES, "utils.logger_utils", "app"]) == 0
    text = capsys.readouterr().out
    assert "from utils.logging import audit, get_logger as get_service_logger, log_duration\n" in text
    assert '__all__ = ["audit", "get_service_logger", "log_duration"]\n' in text
    assert "DeprecationWarning" in text and "stacklevel=2" in text
    (backend / "shim.py").write_text(text)
    assert subprocess.run([sys.executable, "-m", "flake8", "--isolated", "shim.py"]).returncode == 0
    # It passes the target check: written over the legacy module, the project's imports still resolve.
    (backend / "utils" / "logger_utils.py").write_text(text)
    assert main(["check", *RULES, "utils/logger_utils.py"]) == 0


def test_shim_refuses_a_target_that_lacks_a_name(backend, capsys):
    (backend / "utils" / "logging" / "__init__.py").write_text("def get_logger(name):\n    pass\n")
    assert main(["shim", *RULES, "utils.logger_utils"]) == 2
    assert capsys.readouterr().err == (
        "unified-logging: error: utils.logging does not define audit, log_duration: the shim would not import\n"
    )


def test_shim_output_is_atomic_and_never_over_uncommitted_work(backend, capsys):
    target = backend / "utils" / "logger_utils.py"
    assert main(["shim", *RULES, "utils.logger_utils", "--output", str(target)]) == 2
    assert "is not in a git work tree; not replaced" in capsys.readouterr().err
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@e"}
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "start"]):
        subprocess.run(["git", *command], cwd=backend, check=True, env=env)
    target.write_text(target.read_text() + "# local work\n")
    assert main(["shim", *RULES, "utils.logger_utils", "--output", str(target)]) == 2
    assert "has uncommitted changes" in capsys.readouterr().err
    assert target.read_text().endswith("# local work\n")
    subprocess.run(["git", "checkout", "-q", "--", "utils/logger_utils.py"], cwd=backend, check=True)
    assert main(["shim", *RULES, "utils.logger_utils", "--output", str(target)]) == 0
    assert target.read_text().startswith('"""Compatibility shim: utils.logger_utils moved to utils.logging.')
    assert main(["shim", *RULES, "utils.logger_utils", "--output", "new_shim.py"]) == 0
    assert (backend / "new_shim.py").read_text() == target.read_text()
    assert not [name for name in os.listdir(backend) if name.endswith(".tmp")]


def test_shim_for_a_module_no_rule_moves(backend, capsys):
    assert main(["shim", "--rule", "x=y", "utils.logger_utils"]) == 2
    assert capsys.readouterr().err == "unified-logging: error: no rule moves utils.logger_utils or a name of it\n"


@pytest.mark.parametrize("module", ("flake8", "json", "pytest"))
def test_shim_refuses_a_module_that_is_not_the_projects(backend, capsys, module):
    """An installed package or the standard library: a shim would shadow it for every importer."""
    (backend / "app" / "d.py").write_text(f"from {module} import dumps\n")
    rule = ["--rule", f"{module}:dumps = utils.logging:get_logger"]
    status = main(["shim", *rule, module, "--output", f"{module}.py"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(f"unified-logging: error: {module} is not this project's module: {module} is found in ")
    assert err.endswith("and a shim would shadow it\n") and err.count("\n") == 1
    assert not (backend / f"{module}.py").exists()


def test_shim_of_the_projects_own_module_that_shadows_nothing(backend, capsys):
    """A project module named like nothing installed is the project's own, even once deleted."""
    (backend / "utils" / "logger_utils.py").unlink()
    assert main(["shim", *RULES, "utils.logger_utils"]) == 0
    assert "from utils.logging import" in capsys.readouterr().out
