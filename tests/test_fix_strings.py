"""``fix --fix-strings``: strings that name a moved module or name, rewritten where Python resolves them (patch
targets, monkeypatch, imports by name, dictConfig), reported elsewhere; patches of a renamed name where it is used."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import rules_of
from flake8_unified_logging.cli import main
from flake8_unified_logging.engine.finder import find
from flake8_unified_logging.fixer import fix_text
from flake8_unified_logging.source.origin import Origin

RULES = rules_of(
    "utils.logger_utils = utils.logging",
    "logging_config = utils.logging",
    "utils.logger_utils:get_service_logger = utils.logging:get_logger",
    "loguru:logger = utils.logging:get_logger(__name__)",
)


def fixed(source: str, strings: bool = True) -> str:
    return fix_text(source, RULES, Origin(("tests",), ("tests", "m"), "m", ""), strings=strings).text


FIXES = (
    ("mock.patch('utils.logger_utils.JsonHandler')\n", "mock.patch('utils.logging.JsonHandler')\n", "mock.patch"),
    ("patch('utils.logger_utils.get_service_logger')\n", "patch('utils.logging.get_logger')\n", "a renamed name"),
    ('@patch("utils.logger_utils.X")\ndef test():\n    pass\n', '@patch("utils.logging.X")\ndef test():\n    pass\n',
     "the decorator form"),
    ("unittest.mock.patch(target=r'logging_config.setup')\n", "unittest.mock.patch(target=r'utils.logging.setup')\n",
     "keyword target, raw prefix"),
    ('mocker.patch("""utils.logger_utils.X""")\n', 'mocker.patch("""utils.logging.X""")\n', "triple quotes"),
    ("monkeypatch.setattr('utils.logger_utils.X', 1)\n", "monkeypatch.setattr('utils.logging.X', 1)\n",
     "monkeypatch.setattr"),
    ("monkeypatch.delattr('utils.logger_utils.X')\n", "monkeypatch.delattr('utils.logging.X')\n",
     "monkeypatch.delattr"),
    ("importlib.import_module('utils.logger_utils')\n", "importlib.import_module('utils.logging')\n",
     "import_module"),
    ("__import__('logging_config')\n", "__import__('utils.logging')\n", "__import__"),
    ("pytest.importorskip('utils.logger_utils.sub')\n", "pytest.importorskip('utils.logging.sub')\n",
     "importorskip"),
    ("pkgutil.resolve_name('utils.logger_utils:get_service_logger')\n",
     "pkgutil.resolve_name('utils.logging:get_logger')\n", "resolve_name with a colon"),
    ("logging.config.dictConfig({'handlers': {'h': {'class': 'utils.logger_utils.JsonHandler'}}})\n",
     "logging.config.dictConfig({'handlers': {'h': {'class': 'utils.logging.JsonHandler'}}})\n", "dictConfig"),
    ("LOGGING = {'formatters': {'f': {'()': 'logging_config.Formatter'}}}\n\n\ndef setup():\n"
     "    dictConfig(LOGGING)\n",
     "LOGGING = {'formatters': {'f': {'()': 'utils.logging.Formatter'}}}\n\n\ndef setup():\n"
     "    dictConfig(LOGGING)\n", "a module-level dict passed to dictConfig"),
)


@pytest.mark.parametrize(("source", "expected"), [pytest.param(s, e, id=i) for s, e, i in FIXES])
def test_fix(source, expected):
    assert fixed(source) == expected


NOOPS = (
    pytest.param("patch.dict('utils.logger_utils.X', {})\n", "ULG003", id="patch.dict"),
    pytest.param("patch('utils.logger_utils' '.X')\n", "ULG003", id="implicitly concatenated"),
    pytest.param("patch('utils.logger_utils.X\\x41')\n", "ULG003", id="an escape"),
    pytest.param("patch(f'utils.logger_utils.{name}')\n", None, id="an f-string"),
    pytest.param("print('utils.logger_utils.x')\n", "ULG003", id="a string in an unrelated call"),
    pytest.param("open('logging_config.py')\n", None, id="a file name"),
    pytest.param('"""Uses utils.logger_utils for now."""\n', None, id="a docstring"),
    pytest.param("patch('loguru.logger')\n", "ULG003", id="a factory's object"),
    pytest.param("patch('utils.logger_utils.X')  # noqa: ULG003\n", None, id="noqa"),
    pytest.param("importlib.import_module('utils.logger_utils_v2')\n", None, id="another module"),
)


@pytest.mark.parametrize(("source", "code"), NOOPS)
def test_noop(source, code):
    assert fixed(source) == source
    codes = [f.code for f in find(source, RULES)]
    assert codes == ([code] if code else [])


@pytest.mark.parametrize(("source", "expected"), [pytest.param(s, e, id=i) for s, e, i in FIXES])
def test_without_the_flag_strings_stay_and_are_reported_with_the_replacement(source, expected):
    assert fixed(source, strings=False) == source
    (finding,) = [f for f in find(source, RULES) if f.code == "ULG003"]
    (new,) = [value for value in re.findall(r"""['"]+([\w.:]+)['"]""", expected) if "utils.logging" in value]
    assert finding.message.endswith(f"; use: '{new}'")


def test_a_factorys_object_says_why():
    (finding,) = find("patch('loguru.logger')\n", RULES)
    assert "not rewritten: its rule replaces that object by a factory's call" in finding.message


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project whose tests patch a legacy module, a renamed name where it is used, and configure logging."""
    files = {
        ".git/HEAD": "",
        "utils/__init__.py": "",
        "utils/logger_utils.py": "def get_service_logger(name):\n    return 'old'\n\n\nclass JsonHandler:\n    pass\n",
        "utils/logging.py": "def get_logger(name):\n    return 'new'\n\n\nclass JsonHandler:\n    pass\n",
        "svc/__init__.py": "",
        "svc/one.py": "from utils.logger_utils import get_service_logger\n\n\ndef name():\n"
        "    return get_service_logger('one')\n",
        "tests/__init__.py": "",
        "tests/test_one.py": "from unittest import mock\n\nimport svc.one\n\n\n"
        "@mock.patch('svc.one.get_service_logger', return_value='mocked')\ndef test_where_used(_):\n"
        "    assert svc.one.name() == 'mocked'\n\n\n"
        "def test_in_its_module():\n"
        "    with mock.patch('utils.logger_utils.get_service_logger', return_value='mocked') as patched:\n"
        "        import utils.logger_utils\n"
        "        assert utils.logger_utils.get_service_logger('x') == 'mocked'\n"
        "        assert patched.called\n",
        "pyproject.toml": "[tool.unified-logging]\nrules = [\n    'utils.logger_utils = utils.logging',\n"
        "    'utils.logger_utils:get_service_logger = utils.logging:get_logger',\n]\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def pytest_in(root) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], cwd=root,
                          capture_output=True, text=True)


def test_the_trees_own_tests_pass_before_and_after_and_every_patch_intercepts(project, capsys):
    assert pytest_in(project).returncode == 0
    assert main(["fix", "--fix-strings", "."]) == 1
    test = (project / "tests" / "test_one.py").read_text()
    assert "mock.patch('svc.one.get_logger', return_value='mocked')" in test
    assert "mock.patch('utils.logging.get_logger', return_value='mocked')" in test
    assert (project / "svc" / "one.py").read_text().startswith("from utils.logging import get_logger\n")
    result = pytest_in(project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_without_the_flag_only_imports_change_and_the_patch_where_used_is_reported(project, capsys):
    before = (project / "tests" / "test_one.py").read_text()
    main(["fix", "svc", "tests"])
    out = capsys.readouterr().out
    assert "ULG003 string names svc.one.get_service_logger, which the rewrite of svc.one renames to get_logger; " \
           "use: 'svc.one.get_logger'" in out
    after = (project / "tests" / "test_one.py").read_text()
    assert [line for line in after.splitlines() if "patch(" in line] == [
        line for line in before.splitlines() if "patch(" in line
    ]


def test_the_hook_on_one_file_says_which_strings_elsewhere_break(project, capsys):
    assert main(["fix", "svc/one.py"]) == 1
    out = capsys.readouterr().out
    assert out == (
        "svc/one.py:1:1: ULG003 renaming get_service_logger to get_logger breaks a string elsewhere: "
        "tests/test_one.py:6 patches svc.one.get_service_logger; use: 'svc.one.get_logger' (fix --fix-strings on "
        "that file)\n"
    )


def test_a_string_whose_target_is_missing_is_blocked(project, capsys):
    test = project / "tests" / "test_two.py"
    test.write_text("from unittest import mock\n\nmock.patch('utils.logger_utils.Gone')\n")
    assert main(["fix", "--fix-strings", "tests/test_two.py"]) == 0  # printed; only the target package can act
    assert "ULG005 utils.logging does not define Gone; string not rewritten" in capsys.readouterr().out
    assert main(["fix", "--fix-strings", "--strict", "tests/test_two.py"]) == 1
    assert "logger_utils.Gone" in (project / "tests" / "test_two.py").read_text()


def test_the_configuration_turns_it_on(project, capsys):
    with open(project / "pyproject.toml", "a") as handle:
        handle.write("fix-strings = true\n")
    assert main(["fix", "tests"]) == 1
    assert "utils.logging.get_logger" in (project / "tests" / "test_one.py").read_text()


@pytest.fixture
def reads(monkeypatch):
    """The paths ``fix`` reads, in order."""
    from flake8_unified_logging import files
    from flake8_unified_logging.commands import cache, parallel
    from flake8_unified_logging.engine import renamed_bindings, string_warnings

    seen: list[str] = []
    real, real_with_status = files.read_bytes, files.read_with_status

    def counted(path, *limit):
        seen.append(os.path.relpath(path))
        return real(path, *limit)

    def counted_with_status(path, *limit):
        seen.append(os.path.relpath(path))
        return real_with_status(path, *limit)

    for module in (files, parallel, string_warnings, renamed_bindings):
        monkeypatch.setattr(module, "read_bytes", counted)
    monkeypatch.setattr(cache, "read_with_status", counted_with_status)
    return seen


def test_files_by_name_read_the_root_once_for_every_renaming_file(project, capsys, reads):
    for name in ("two", "three"):
        (project / "svc" / f"{name}.py").write_text((project / "svc" / "one.py").read_text())
    with open(project / "tests" / "test_one.py", "a") as handle:
        handle.write("\n\n@mock.patch('svc.three.get_service_logger')\ndef test_three(_):\n    pass\n")
    assert main(["fix", "svc/one.py", "svc/two.py", "svc/three.py"]) == 1
    out = capsys.readouterr().out
    assert "svc/one.py:1:1: ULG003 renaming get_service_logger to get_logger breaks a string elsewhere: " \
           "tests/test_one.py:6 patches svc.one.get_service_logger" in out
    assert "svc/three.py:1:1: ULG003 renaming get_service_logger to get_logger breaks a string elsewhere: " \
           "tests/test_one.py:18 patches svc.three.get_service_logger" in out
    assert "svc/two.py" not in out
    assert reads.count(os.path.join("tests", "test_one.py")) == 1
    assert reads.count(os.path.join("svc", "one.py")) == 2  # read by the run, then by the one scan of the root


def test_a_run_that_covers_the_root_does_not_scan_it_for_strings(project, capsys, reads, monkeypatch):
    from flake8_unified_logging.engine import string_warnings

    def no_scan(*args):
        raise AssertionError("the root was scanned for strings")

    monkeypatch.setattr(string_warnings, "_spellers", no_scan)
    assert main(["fix", "."]) == 1
    assert "breaks a string elsewhere" not in capsys.readouterr().out
    assert (project / "svc" / "one.py").read_text().startswith("from utils.logging import get_logger\n")
    # Every file read once, but the module a string patches where used, read again to see how it is rewritten.
    assert [path for path in reads if reads.count(path) > 1] == [os.path.join("svc", "one.py")] * 2
