"""Rules in pyproject.toml, one lookup for every entry point, and findings as JSON."""
import json
import os
import pathlib
import subprocess
import sys

import pytest

from flake8_unified_logging import table_cache
from flake8_unified_logging.cli import main
from flake8_unified_logging.config import find_rules_file, load_rules
from test_pre_commit_e2e import ROOT, pre_commit, run

PYPROJECT = (
    '[project]\nname = "x"\n\n[tool.unified-logging]\n'
    'rules = [\n    "old.mod = new.mod",\n    "other = new.other",\n]\n'
)
SETUP_CFG = "[flake8]\nunified-logging-rules =\n    cfg.mod = new.cfg\n"
LEGACY = "from old.mod import a\nfrom utils.logger_utils import b\n"
FIXED = "from new.mod import a\nfrom utils.logger_utils import b\n"


def rule_texts(start) -> list[str]:
    return [str(rule) for rule in load_rules(None, None, str(start)).rules]


def test_rules_from_pyproject(write, tmp_path):
    write("pyproject.toml", PYPROJECT)
    assert rule_texts(tmp_path) == ["old.mod = new.mod", "other = new.other"]


def test_dotted_key_spelling(write, tmp_path):
    write("pyproject.toml", 'tool.unified-logging.rules = ["a.b = c.d"]\n')
    assert rule_texts(tmp_path) == ["a.b = c.d"]


def test_found_upwards_from_a_subfolder(write, tmp_path):
    write("pyproject.toml", PYPROJECT)
    write("src/pkg/deep/m.py", "")
    assert find_rules_file(str(tmp_path / "src" / "pkg" / "deep")) == str(tmp_path / "pyproject.toml")


@pytest.mark.parametrize(
    ("near", "expected"),
    (
        pytest.param({"pyproject.toml": '[tool.black]\nline-length = 100\n'}, "old.mod = new.mod", id="other tools"),
        pytest.param({"setup.cfg": "[flake8]\nmax-line-length = 100\n"}, "old.mod = new.mod", id="flake8 no rules"),
        pytest.param({"pyproject.toml": '[tool.unified-logging]\n'}, "old.mod = new.mod", id="empty table"),
        pytest.param({"setup.cfg": SETUP_CFG}, "cfg.mod = new.cfg", id="nearer flake8 rules"),
        pytest.param({"pyproject.toml": '[tool.unified-logging]\nrules = ["n.m = n.k"]\n'}, "n.m = n.k", id="nearer"),
    ),
)
def test_first_folder_that_configures_the_rules(write, tmp_path, near, expected):
    write("pyproject.toml", PYPROJECT)
    for name, text in near.items():
        write(f"proj/{name}", text)
    assert rule_texts(tmp_path / "proj")[0] == expected


@pytest.mark.parametrize("other", ("setup.cfg", "tox.ini", ".flake8"))
def test_two_files_of_one_folder_are_an_error(write, tmp_path, capsys, monkeypatch, other):
    write("pyproject.toml", PYPROJECT)
    write(other, SETUP_CFG)
    source = write("m.py", LEGACY)
    monkeypatch.chdir(tmp_path)
    assert main(["fix", source]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"unified-logging: error: {tmp_path / 'pyproject.toml'} and {tmp_path / other} both configure the rules; "
        "keep one\n"
    )
    assert open(source).read() == LEGACY


def test_unparsed_unless_it_mentions_the_tool(write, tmp_path):
    write("pyproject.toml", "this is [not toml\n")
    assert rule_texts(tmp_path) == ["utils.logger_utils = utils.logging", "logging_config = utils.logging"]


@pytest.mark.parametrize(
    ("text", "message"),
    (
        pytest.param('[tool.unified-logging]\nrules = ["a = b"\n', "cannot read configuration: ", id="invalid toml"),
        pytest.param('[tool.unified-logging]\nrules = "a = b"\n', "rules must be a list of strings", id="not a list"),
        pytest.param('[tool.unified-logging]\nrules = ["a = b", 3]\n', "rules must be a list of strings", id="number"),
        pytest.param(
            '[tool.unified-logging]\nrule = ["a = b"]\n',
            "unknown option 'rule' (known: rules, source-roots, target-check, fix-strings, strict, cache)",
            id="typo",
        ),
        pytest.param('tool.unified-logging = 3\n', "[tool.unified-logging] must be a table", id="not a table"),
        pytest.param(
            '[tool.unified-logging]\nrules = [\n  "a.b = c",\n  "broken",\n]\n',
            "pyproject.toml:4: rule 'broken' has no '='",
            id="bad rule",
        ),
        pytest.param(
            '[tool.unified-logging]\nrules = ["a = b", "b = a"]\n',
            "pyproject.toml:2: rule a = b: it loops through rule b = a",
            id="cycle",
        ),
        pytest.param(
            '[tool.unified-logging]\nrules = ["a = b, c = d"]\n',
            "pyproject.toml:2: rule 'a = b, c = d': 'b, c = d' is not a dotted module name",
            id="one rule a string",
        ),
    ),
)
def test_bad_pyproject_is_a_one_line_error(write, tmp_path, capsys, monkeypatch, text, message):
    write("pyproject.toml", text)
    source = write("sub/m.py", LEGACY)
    monkeypatch.chdir(tmp_path / "sub")
    for command in (["fix", source], ["check", source], ["report", source]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert err.startswith("unified-logging: error: ") and err.count("\n") == 1
        assert "pyproject.toml" in err and message in err
    assert open(source).read() == LEGACY


def test_config_option_names_a_pyproject(write, tmp_path):
    config = write("elsewhere/pyproject.toml", PYPROJECT)
    source = write("m.py", LEGACY)
    assert main(["fix", "--config", config, source]) == 1
    assert open(source).read() == FIXED


def test_hook_call_never_reads_toml_it_does_not_need(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.black]\nline-length = 100\n')
    (tmp_path / "one.py").write_text("from utils.logger_utils import a\n")
    code = "import sys; from flake8_unified_logging.cli import main; main(['fix', 'one.py']); print(*sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True).stdout.split()
    assert b"flake8_unified_logging.cli" in loaded
    assert b"tomllib" not in loaded and b"tomli" not in loaded


@pytest.fixture
def project(tmp_path):
    """A project configured only in pyproject.toml, with code in a subfolder."""
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "m.py").write_text(LEGACY)
    return tmp_path


def test_check_and_fix_from_a_subfolder(project, capsys, monkeypatch):
    monkeypatch.chdir(project / "src")
    assert main(["check", "m.py"]) == 1
    assert capsys.readouterr().out == "m.py:1:1: ULG001 legacy import of old.mod; use: from new.mod import a\n"
    assert main(["fix", "m.py"]) == 1
    assert (project / "src" / "m.py").read_text() == FIXED


def flake8(cwd, *args):
    command = [sys.executable, "-m", "flake8", "--select", "ULG", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True)


def test_flake8_uses_the_pyproject_rules_from_a_subfolder(project):
    result = flake8(project / "src", "m.py")
    assert result.returncode == 1
    assert result.stdout == "m.py:1:1: ULG001 legacy import of old.mod; use: from new.mod import a\n"


def test_flake8_and_the_command_line_agree(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    main(["check", "src/m.py"])
    assert flake8(project, "src/m.py").stdout.replace("./", "") == capsys.readouterr().out


def test_flake8_option_still_wins(project):
    result = flake8(project / "src", "--unified-logging-rules", "utils.logger_utils = utils.logging", "m.py")
    assert result.stdout == (
        "m.py:2:1: ULG001 legacy import of utils.logger_utils; use: from utils.logging import b\n"
    )


def test_flake8_bad_pyproject(project):
    (project / "pyproject.toml").write_text('[tool.unified-logging]\nrules = ["broken"]\n')
    result = flake8(project / "src", "m.py")
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr == (
        f"flake8-unified-logging: error: {project / 'pyproject.toml'}:2: rule 'broken' has no '=' "
        "(expected OLD = NEW)\n"
    )


@pytest.fixture
def hook_env(tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, "PRE_COMMIT_HOME": str(home)}


@pytest.mark.parametrize(("hook", "rewritten"), (("unified-logging", True), ("unified-logging-check", False)))
def test_both_hooks_use_the_pyproject_rules(project, hook_env, hook, rewritten):
    run("git", "init", "-q", cwd=project, check=True)
    run("git", "add", ".", cwd=project, check=True)
    result = pre_commit("try-repo", ROOT, hook, "--all-files", cwd=project, env=hook_env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (project / "src" / "m.py").read_text() == (FIXED if rewritten else LEGACY)
    if not rewritten:
        assert "src/m.py:1:1: ULG001 legacy import of old.mod; use: from new.mod import a" in result.stdout


def test_hook_with_a_bad_pyproject_fails_and_touches_nothing(project, hook_env):
    (project / "pyproject.toml").write_text('[tool.unified-logging]\nrules = ["broken"]\n')
    run("git", "init", "-q", cwd=project, check=True)
    run("git", "add", ".", cwd=project, check=True)
    result = pre_commit("try-repo", ROOT, "unified-logging", "--all-files", cwd=project, env=hook_env)
    assert result.returncode == 1
    assert "pyproject.toml:2: rule 'broken' has no '='" in result.stdout
    assert (project / "src" / "m.py").read_text() == LEGACY


# -- check --format json ----------------------------------------------------------------------------------


def test_json_findings(write, tmp_path, capsys, monkeypatch):
    write("a.py", "import utils.logger_utils\nutils.logger_utils.x()\nx = 'utils.logger_utils.y'\n")
    write("b.py", "x = 1\n")
    write("c.py", "utils = 1\nimport utils.logger_utils\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "json", "a.py", "b.py", "c.py"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert [(f["path"], f["line"], f["col"], f["code"]) for f in findings] == [
        ("a.py", 1, 1, "ULG001"),
        ("a.py", 2, 1, "ULG002"),
        ("a.py", 3, 5, "ULG003"),
        ("c.py", 2, 1, "ULG004"),
    ]
    assert [f.get("replacement") for f in findings] == ["import utils.logging", "utils.logging", None, None]
    assert findings[0]["message"] == "legacy import of utils.logger_utils; use: import utils.logging"


def test_json_without_findings_is_an_empty_array(write, capsys):
    assert main(["check", "--format", "json", write("a.py", "x = 1\n")]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_json_with_new_only(write, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("git", "init", "-q", cwd=tmp_path, check=True)
    write("old.py", "from utils.logger_utils import a\n")
    run("git", "add", "old.py", cwd=tmp_path, check=True)
    run("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "1", cwd=tmp_path, check=True)
    write("new.py", "from utils.logger_utils import a\n")
    assert main(["check", "--format", "json", "--new-only", "old.py", "new.py"]) == 1
    assert [f["path"] for f in json.loads(capsys.readouterr().out)] == ["new.py"]


@pytest.mark.parametrize(("extra", "toml_import"), (("", False), ("[tool.other]\nwhen = 1979-05-27\n", True)))
def test_a_cached_table_spares_later_hook_calls_the_toml_read(tmp_path, extra, toml_import):
    """A plain pyproject.toml is read without importing tomllib; a cached table needs no read at all."""
    (tmp_path / "pyproject.toml").write_text(PYPROJECT + extra)
    (tmp_path / "one.py").write_text(LEGACY)
    code = "import sys; from flake8_unified_logging.cli import main; main(['check', 'one.py']); print(*sys.modules)"
    first, second = (
        subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True).stdout.split()
        for _ in range(2)
    )
    assert b"flake8_unified_logging.plain_toml" in first
    assert (b"tomllib" in first or b"tomli" in first) is toml_import
    assert not {b"tomllib", b"tomli", b"flake8_unified_logging.plain_toml"} & set(second)
    assert b"flake8_unified_logging.cli" in second


@pytest.mark.parametrize("damage", ("edit", "truncate", "garbage"))
def test_a_stale_or_damaged_cache_is_never_believed(tmp_path, monkeypatch, damage):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    assert rule_texts(tmp_path) == ["old.mod = new.mod", "other = new.other"]
    entry = pathlib.Path(table_cache._entry(table_cache.cache_folder(), str(tmp_path / "pyproject.toml")))
    assert entry.is_file()
    if damage == "edit":
        (tmp_path / "pyproject.toml").write_text(PYPROJECT.replace("other = new.other", "third = new.third"))
        assert rule_texts(tmp_path) == ["old.mod = new.mod", "third = new.third"]
        return
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2] if damage == "truncate" else data + b"\nrules\x1fx\n")
    assert rule_texts(tmp_path) == ["old.mod = new.mod", "other = new.other"]
