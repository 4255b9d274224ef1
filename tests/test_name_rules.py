"""Name rules: a name moves (``old:name = new:name``), is renamed (``old:name = new:other``), or an object is
replaced by a factory's call (``old:obj = new:factory(ARGS)``)."""
import json
import subprocess
import sys

import pytest

from conftest import rules_of
from flake8_unified_logging.cli import main
from flake8_unified_logging.engine.finder import find
from flake8_unified_logging.fixer import fix_text
from flake8_unified_logging.source.origin import Origin, origin_of
from flake8_unified_logging.config import split_rule_text
from flake8_unified_logging.rules import NameRule, RuleError, parse_rules

FACTORY = 'loguru:logger = utils.logging:get_logger("{stem}", migration_mode=True)'
RULES = rules_of(
    FACTORY,
    "utils.logger_utils:get_service_logger = utils.logging:get_logger",
    "utils.logger_utils = utils.logging",
    "old.mod:name = new.mod:name",
    "old.mod:thing = new.mod:other",
)
# A file services/ai_analysis_db_service.py of a package services.
ORIGIN = Origin(("services",), ("services", "ai_analysis_db_service"), "ai_analysis_db_service")
CALL = 'get_logger("ai_analysis_db_service", migration_mode=True)'


def fixed(source: str, rules=RULES, origin: Origin = ORIGIN) -> str:
    return fix_text(source, rules, origin).text


# -- rules --------------------------------------------------------------------------------------------------


def test_three_forms():
    rules = parse_rules(
        split_rule_text("a:x = b:x, a:y = b:z\nloguru:logger = utils.logging:get_logger(__name__, level=1), m = n"),
        "t",
    )
    assert [str(rule) for rule in rules.rules] == [
        "a:x = b:x",
        "a:y = b:z",
        "loguru:logger = utils.logging:get_logger(__name__, level=1)",
        "m = n",
    ]
    assert rules.name_rule(("loguru",), "logger") == NameRule(
        ("loguru",), "logger", ("utils", "logging"), "get_logger", "__name__, level=1", "factory_move"
    )


def test_placeholders():
    rule = rules_of(FACTORY).name_rule(("loguru",), "logger")
    assert rule.call("services.x", "x") == 'get_logger("x", migration_mode=True)'
    assert rules_of("a:b = c:f({module})").name_rule(("a",), "b").call("pkg.mod", "mod") == "f(pkg.mod)"


@pytest.mark.parametrize(
    ("text", "message"),
    (
        ("a:b = c", "the new side must be 'module:name' like the other"),
        ("a = c:d", "the old side must be 'module:name' like the other"),
        ("a:b.c = d:e", "'a:b.c' is not 'dotted.module:name'"),
        ("a:b = 1c:e", "'1c:e' is not 'dotted.module:name'"),
        ("a:b = a:b", "maps a name to itself"),
        ("a:b = c:f(x=)", "(x=) are not call arguments"),
        ("a:b = c:d\na:b = c:e", "conflicting rules for a:b"),
        ("a:b = c:d\nc:d = a:b", "rule a:b = c:d: it loops through rule c:d = a:b"),
        ("a:b = c:d\nc = e.c\ne.c:d = a:b", "rule a:b = c:d: it loops through rule e.c:d = a:b"),
        ("a:b = c:f()\nc:f = d:g(1)", "rule a:b = c:f(): its factory is an object rule c:f = d:g(1) replaces"),
    ),
)
def test_bad_name_rules(text, message):
    with pytest.raises(RuleError, match=None) as error:
        parse_rules(split_rule_text(text), "setup.cfg")
    assert message in str(error.value)


# -- rewrites -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    (
        pytest.param(
            "from datetime import datetime, timedelta\nfrom loguru import logger\n\n"
            "from models.content_planning import AIAnalysisResult\n\nlogger.info('x')\n",
            'from datetime import datetime, timedelta\n\nfrom models.content_planning import AIAnalysisResult\n'
            'from utils.logging import get_logger\n\n'
            f"logger = {CALL}\n\nlogger.info('x')\n",
            id="factory: the team's file, assignment after the import section",
        ),
        pytest.param(
            "from loguru import logger as log\nimport os\n\n\ndef f():\n    log.info(os.sep)\n",
            'from utils.logging import get_logger\nimport os\n\n'
            f'log = {CALL}\n\n\ndef f():\n'
            '    log.info(os.sep)\n',
            id="factory: alias",
        ),
        pytest.param(
            "from loguru import logger\nlogger.add('x')\nimport os\n",
            'from utils.logging import get_logger\n\n'
            f"logger = {CALL}\nlogger.add('x')\nimport os\n",
            id="factory: section ends at code",
        ),
        pytest.param(
            "from loguru import logger\ntry:\n    import ujson as json\nexcept ImportError:\n    json = None\n"
            "if TYPE_CHECKING:\n    from x import Y\n__all__ = ['f']\nimport os\n\nlogger.info(1)\n",
            'from utils.logging import get_logger\ntry:\n    import ujson as json\nexcept ImportError:\n'
            "    json = None\nif TYPE_CHECKING:\n    from x import Y\n__all__ = ['f']\nimport os\n\n"
            f'logger = {CALL}\n\nlogger.info(1)\n',
            id="factory: over try/if blocks and dunder assignments",
        ),
        pytest.param(
            "from loguru import logger\ntry:\n    import x\nexcept ImportError:\n"
            "    logger.warning('no x')\n",
            'from utils.logging import get_logger\n\n'
            f'logger = {CALL}\ntry:\n    import x\n'
            "except ImportError:\n    logger.warning('no x')\n",
            id="factory: used inside the section, so right after the statement",
        ),
        pytest.param(
            "import sys\nsys.path.insert(0, 'x')\nfrom loguru import logger\ntry:\n    import x\nexcept ImportError:\n"
            "    logger.warning('no x')\nimport os\n",
            "import sys\nsys.path.insert(0, 'x')\nfrom utils.logging import get_logger\n\n"
            f'logger = {CALL}\ntry:\n    import x\n'
            "except ImportError:\n    logger.warning('no x')\nimport os\n",
            id="factory: used inside the section, imports below already below code",
        ),
        pytest.param(
            "from loguru import logger\nimport os\nif os.environ:\n    logger.add('x')\n",
            'from utils.logging import get_logger\nimport os\n\n'
            f'logger = {CALL}\nif os.environ:\n'
            "    logger.add('x')\n",
            id="factory: a trailing block without imports is not part of the section",
        ),
        pytest.param(
            "def f():\n    from loguru import logger\n    import os\n    logger.info(os.sep)\n",
            f"def f():\n    from utils.logging import get_logger\n    import os\n    logger = {CALL}\n"
            "    logger.info(os.sep)\n",
            id="factory: inside a function",
        ),
        pytest.param(
            "class C:\n\tfrom loguru import logger\n\tx = 1\n",
            f"class C:\n\tfrom utils.logging import get_logger\n\tlogger = {CALL}\n\tx = 1\n",
            id="factory: class body with tabs",
        ),
        pytest.param(
            "try:\n    from loguru import logger\nexcept ImportError:\n    logger = None\nlogger.info(1)\n",
            f"try:\n    from utils.logging import get_logger\n    logger = {CALL}\nexcept ImportError:\n"
            "    logger = None\nlogger.info(1)\n",
            id="factory: inside try",
        ),
        pytest.param(
            "from loguru import logger, Record\nimport os\nlogger.info(os.sep)\n",
            'from loguru import Record\nfrom utils.logging import get_logger\nimport os\n\n'
            f'logger = {CALL}\nlogger.info(os.sep)\n',
            id="factory: a sibling stays",
        ),
        pytest.param(
            "from loguru import logger\nfrom utils.logging import get_logger\nimport os\nlogger.info(os.sep)\n",
            'from utils.logging import get_logger\nimport os\n\n'
            f'logger = {CALL}\nlogger.info(os.sep)\n',
            id="factory: already imported, not twice",
        ),
        pytest.param(
            "from utils.logging import get_logger\ntry:\n    from loguru import logger\n"
            "except ImportError:\n    pass\nlogger.info(1)\n",
            f"from utils.logging import get_logger\ntry:\n    logger = {CALL}\nexcept ImportError:\n    pass\n"
            "logger.info(1)\n",
            id="factory: imported above at module level, so not again in a nested body",
        ),
        pytest.param(
            "from utils.logging import get_logger\ndef f():\n    from loguru import logger\n    return logger\n",
            f"from utils.logging import get_logger\ndef f():\n    logger = {CALL}\n    return logger\n",
            id="factory: a function sees the module-level import above it",
        ),
        pytest.param(
            "def f():\r\n    logger.info(1)\r\nfrom loguru import logger\r\nimport os",
            'def f():\r\n    logger.info(1)\r\nfrom utils.logging import get_logger\r\nimport os\r\n\r\n'
            f'logger = {CALL}',
            id="factory: CRLF and no final newline",
        ),
        pytest.param(
            "from utils.logger_utils import get_service_logger, other\n\nlog = get_service_logger(__name__)\n"
            "def f(get_service_logger):\n    return get_service_logger\n",
            "from utils.logging import get_logger, other\n\nlog = get_logger(__name__)\n"
            "def f(get_service_logger):\n    return get_service_logger\n",
            id="renamed name: uses renamed, a shadowing parameter not",
        ),
        pytest.param(
            "from utils.logger_utils import get_service_logger as gsl\ngsl()\n",
            "from utils.logging import get_logger as gsl\ngsl()\n",
            id="renamed name: alias kept, uses untouched",
        ),
        pytest.param(
            "import utils.logger_utils\nutils.logger_utils.get_service_logger(1)\nutils.logger_utils.other()\n",
            "import utils.logging\nutils.logging.get_logger(1)\nutils.logging.other()\n",
            id="renamed name: plain import uses, with the module rule",
        ),
        pytest.param(
            "import utils.logger_utils as lu\nlu.get_service_logger(1)\n",
            "import utils.logging as lu\nlu.get_logger(1)\n",
            id="renamed name: member of an aliased module",
        ),
        pytest.param(
            "from old.mod import name, keep  # c\nname()\n",
            'from new.mod import name\nfrom old.mod import keep  # c\nname()\n',
            id="moved name: split off, to its sorted place",
        ),
        pytest.param(
            "from old.mod import (\n    keep,  # why\n    name,\n)\n",
            'from new.mod import name\nfrom old.mod import (\n    keep,  # why\n)\n',
            id="moved name: parenthesized, the other's comment kept, the split-off sorted before",
        ),
        pytest.param(
            "from old.mod import (name,  # moves\n    thing)\nthing()\n",
            "from new.mod import (name,  # moves\n    other)\nother()\n",
            id="every name to one module: respelled in place",
        ),
        pytest.param(
            "def f():\n    if x:\n        from old.mod import keep, name\n        return name\n",
            'def f():\n    if x:\n        from new.mod import name\n        from old.mod import keep\n'
            '        return name\n',
            id="moved name: nested body indentation",
        ),
        pytest.param("from old.mod import keep\n", "from old.mod import keep\n", id="no rule for the name"),
        pytest.param("from loguru import Record\n", "from loguru import Record\n", id="loguru without logger"),
    ),
)
def test_fix(source, expected):
    assert fixed(source) == expected


@pytest.mark.parametrize(
    ("source", "reason"),
    (
        ("from old.mod import thing\nthing = 1\n", "'thing' is also bound at line 2"),
        ("from old.mod import thing\ndel thing\n", "'thing' is also bound at line 2"),
        ("from old.mod import thing\ndef f():\n    global thing\n", "'thing' is declared global or nonlocal"),
        ("from old.mod import thing\nother = 1\n", "'other' is already a name in this file"),
        ("from old.mod import thing\n__all__ = ['thing']\n", "'thing' is listed in __all__"),
        ("from loguru import *\n", "a star import hides which names move (logger)"),
        ("import loguru\nloguru.logger.info(1)\n", "loguru.logger at line 2 is the object its rule replaces"),
        ("from loguru import logger\nget_logger = 1\nlogger.info(1)\n",
         "'get_logger' already names something else here (line 2)"),
        ("from loguru import logger\nfrom x import get_logger\nlogger.info(1)\n",
         "'get_logger' is already imported from elsewhere"),
        ("if x: from loguru import logger\nlogger.info(1)\n",
         "its body starts on the line of a compound statement's header"),
        (
            "from loguru import logger\ntry:\n    import x\nexcept ImportError:\n    logger.warning('no x')\n"
            "import os\n",
            "its assignment would stand above an import (a new E402)",
        ),
        (
            '"""Doc."""\nfrom loguru import logger\nif x:\n    logger.info(1)\nfrom os import path\n',
            "its assignment would stand above an import (a new E402)",
        ),
    ),
)
def test_unfixable(source, reason):
    findings = find(source, RULES, origin=ORIGIN)
    assert [f.code for f in findings] == ["ULG004"]
    assert reason in findings[0].message
    assert fixed(source) == source


def test_renamed_name_conflict_leaves_every_statement_of_the_rule():
    source = "from old.mod import thing\nfrom old.mod import name\nother = 1\n"
    assert fixed(source) == "from new.mod import name\nfrom old.mod import thing\nother = 1\n"


def test_plain_import_of_a_moved_name_is_reported():
    (finding,) = find("import old.mod\nold.mod.name()\n", RULES, origin=ORIGIN)
    assert (finding.code, finding.line, finding.edits) == ("ULG002", 2, ())
    assert finding.message.endswith("not rewritten: no module rule moves old.mod with it; use: new.mod.name")


def test_provider_is_never_rewritten():
    """The new module's own files are written on the old names; module rules still apply there."""
    source = "from loguru import logger\nfrom utils.logger_utils import get_service_logger\n"
    for location in (("utils", "logging", "core"), ("backend", "utils", "logging", "setup"), ("utils", "logging")):
        origin = Origin(location[:-1], location, location[-1])
        assert [f.modules for f in find(source, RULES, origin=origin)] == [("utils.logger_utils",)]


def test_module_placeholder_and_standard_input():
    rules = rules_of("loguru:logger = utils.logging:get_logger({module})")
    origin = Origin(("app", "services"), ("app", "services", "billing"), "billing")
    assert fixed("from loguru import logger\nlogger.info(1)\n", rules, origin) == (
        "from utils.logging import get_logger\n\nlogger = get_logger(app.services.billing)\nlogger.info(1)\n"
    )
    (finding,) = find("from loguru import logger\nlogger.info(1)\n", rules, origin=Origin())
    assert "standard input" in finding.message


def test_message_gives_both_lines():
    (finding,) = find("from loguru import logger\nlogger.info(1)\n", RULES, origin=ORIGIN)
    assert finding.message == (
        f"legacy import of loguru:logger; use: from utils.logging import get_logger, then logger = {CALL}"
    )


def test_noqa_leaves_the_statement():
    source = "from loguru import logger  # noqa: ULG001\n"
    assert find(source, RULES, origin=ORIGIN) == []
    assert fixed(source) == source


# -- no new flake8 findings, through the real flake8 ----------------------------------------------------------

REAL_FILES = {
    "team": "from datetime import datetime, timedelta\nfrom loguru import logger\n\n"
    "from models.content_planning import AIAnalysisResult\n\n\ndef f():\n    logger.info(datetime, timedelta)\n"
    "    return AIAnalysisResult\n",
    "try_block": "import os\nfrom loguru import logger\ntry:\n    import ujson\nexcept ImportError:\n    ujson = None\n"
    "import sys\n\nlogger.info(os, sys, ujson)\n",
    "dunder": '"""Doc."""\nfrom loguru import logger\n__all__ = ["f"]\nimport os\n\n\ndef f():\n    logger.info(os)\n',
    "function": "def f():\n    from loguru import logger\n    import os\n    logger.info(os.sep)\n",
    "renamed": "from utils.logger_utils import get_service_logger\n\nlog = get_service_logger(__name__)\n",
    "split": "from old.mod import name, keep\n\nname(keep)\n",
    "sibling": "from loguru import logger, Record\nimport os\n\nlogger.info(Record, os)\n",
    "already": "from loguru import logger\nfrom utils.logging import get_logger\n\nlogger.info(get_logger)\n",
}


def test_fixed_files_get_no_new_flake8_findings(tmp_path):
    for name, source in REAL_FILES.items():
        (tmp_path / f"{name}_before.py").write_text(source)
        (tmp_path / f"{name}_after.py").write_text(fixed(source))
        assert fixed(source) != source
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "E,F,W", "--format", "%(path)s %(code)s", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    found = [line.split() for line in result.stdout.splitlines()]
    for name in REAL_FILES:
        before = sorted(code for path, code in found if path.endswith(f"{name}_before.py"))
        after = sorted(code for path, code in found if path.endswith(f"{name}_after.py"))
        assert after == before, name


# -- entry points -------------------------------------------------------------------------------------------


def test_command_line_flake8_and_report_with_a_factory_rule(tmp_path, capsys, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(f"[tool.unified-logging]\nrules = [{json.dumps(FACTORY)}]\n")
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "__init__.py").write_text("")
    source = tmp_path / "services" / "billing.py"
    source.write_text("from loguru import logger\n\nlogger.info('x')\n")
    monkeypatch.chdir(tmp_path)
    flake8 = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "ULG", "services/billing.py"], capture_output=True, text=True
    )
    assert flake8.stdout == (
        "services/billing.py:1:1: ULG001 legacy import of loguru:logger; use: from utils.logging import get_logger, "
        'then logger = get_logger("billing", migration_mode=True)\n'
    )
    assert main(["report", "--format", "json", "services"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [(rule["old"], rule["new"], rule["imports"]) for rule in report["rules"]] == [
        ("loguru:logger", "utils.logging:get_logger", 1)
    ]
    assert main(["diff", "services/billing.py"]) == 1
    assert '+logger = get_logger("billing", migration_mode=True)\n' in capsys.readouterr().out
    assert main(["fix", "services/billing.py"]) == 1
    assert source.read_text() == (
        "from utils.logging import get_logger\n\n"
        'logger = get_logger("billing", migration_mode=True)\n\nlogger.info(\'x\')\n'
    )
    assert main(["report", "--format", "json", "services"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["rules"][0]["migrated_files"] == 1 and report["rules"][0]["imports"] == 0


def test_flake8_option_with_a_comma_inside_the_factory(tmp_path):
    (tmp_path / "m.py").write_text("from loguru import logger\nlogger.info(1)\n")
    rules = 'loguru:logger = utils.logging:get_logger("{stem}", migration_mode=True), a = b'
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "ULG", "--unified-logging-rules", rules, "m.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert 'then logger = get_logger("m", migration_mode=True)' in result.stdout


def test_renamed_name_imported_twice_by_the_same_rule(write):
    """Run as ``app.m`` or with ``app/`` on the path: both statements name ``app/utils/logger_utils.py``."""
    write("app/__init__.py", "")
    write("app/utils/__init__.py", "")
    write("app/utils/logger_utils.py", "def get_service_logger(name): ...\n")
    source = (
        "try:\n    from .utils.logger_utils import get_service_logger\nexcept ImportError:\n"
        "    from utils.logger_utils import get_service_logger\nlog = get_service_logger(1)\n"
    )
    origin = origin_of(write("app/m.py", source))
    assert fix_text(source, RULES, origin).text == source.replace("logger_utils", "logging").replace(
        "get_service_logger", "get_logger"
    )


def test_report_counts_a_statement_of_two_rules_once_in_the_totals(tmp_path, capsys):
    (tmp_path / "m.py").write_text("from utils.logger_utils import get_service_logger, other\n")
    rules = ["--rule", "utils.logger_utils=utils.logging"]
    rules += ["--rule", "utils.logger_utils:get_service_logger=utils.logging:get_logger"]
    assert main(["report", "--format", "json", *rules, str(tmp_path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [rule["imports"] for rule in report["rules"]] == [1, 1]
    assert report["total"]["statements"] == 1


def test_renamed_uses_are_reported_as_ulg002():
    source = "from utils.logger_utils import get_service_logger\nlog = get_service_logger(1)\nget_service_logger(2)\n"
    findings = find(source, RULES, origin=ORIGIN)
    assert [(f.code, f.line, f.col) for f in findings] == [("ULG001", 1, 0), ("ULG002", 2, 6), ("ULG002", 3, 0)]
    assert findings[1].message == (
        "legacy name get_service_logger (utils.logger_utils:get_service_logger) renamed with its import; "
        "use: get_logger"
    )


def test_a_one_segment_new_module_is_provided_only_from_outside_a_package(tmp_path):
    from flake8_unified_logging.source.origin import origin_of

    rules = rules_of("functools:lru_cache = functools:make_cache()")
    source = "import functools\nfunctools.lru_cache()\n"
    (tmp_path / "jaraco").mkdir()
    (tmp_path / "jaraco" / "__init__.py").write_text("")
    inside = tmp_path / "jaraco" / "functools.py"  # jaraco.functools, not functools
    top = tmp_path / "functools.py"
    assert [f.code for f in find(source, rules, origin=origin_of(str(inside)))] == ["ULG004"]
    assert find(source, rules, origin=origin_of(str(top))) == []
