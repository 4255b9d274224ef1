"""``check --format json``: the replacement is code, the added lines come with their place, and a script that
applies the edits gets exactly what ``fix`` writes."""
from __future__ import annotations

import json

import pytest

from flake8_unified_logging.cli import main

RULES = [
    "--rule", "utils.logger_utils = utils.logging",
    "--rule", "logging_config = utils.logging",
    "--rule", "loguru:logger = utils.logging:get_logger(__name__)",
    "--rule", "old.mod:name = new.mod:name",
    "--rule", "utils.logger_utils:get_service_logger = utils.logging:get_logger",
]
SOURCES = (
    pytest.param("import os\nfrom loguru import logger\n\nimport sys\n\nlogger.info(os, sys)\n", id="factory"),
    pytest.param("from loguru import logger\n\nlogger.info(1)", id="factory, no final newline"),
    pytest.param("import os\r\nfrom loguru import logger\r\n\r\nlogger.info(os)\r\n", id="factory, crlf"),
    pytest.param("def f():\n    from loguru import logger\n    logger.info(1)\n", id="factory in a function"),
    pytest.param("from old.mod import keep, name  # c\nname(keep)\n", id="a name split off"),
    pytest.param("from utils.logger_utils import get_service_logger\nlog = get_service_logger()\n", id="renamed"),
    pytest.param("import utils.logger_utils\nutils.logger_utils.get_service_logger(1)\n", id="plain import, uses"),
    pytest.param("import logging_config", id="as-name at the end of a file"),
    pytest.param("x = 'é'\nfrom   utils.logger_utils   import   a  # c\n", id="module rule, spacing and non-ASCII"),
)


def apply(text: str, records: list[dict]) -> str:
    """What a bot does with the JSON: every edit, last to first."""
    lines = text.splitlines(keepends=True) or [""]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    edits = [edit for record in records for edit in record.get("edits", [])]
    for edit in sorted(edits, key=lambda e: (e["line"], e["col"]), reverse=True):
        start = starts[edit["line"] - 1] + edit["col"] - 1
        end = starts[edit["end_line"] - 1] + edit["end_col"] - 1
        text = text[:start] + edit["text"] + text[end:]
    return text


@pytest.mark.parametrize("source", SOURCES)
def test_applying_the_json_edits_gives_what_fix_writes(tmp_path, capsys, source):
    path = tmp_path / "m.py"
    path.write_bytes(source.encode())
    assert main(["check", *RULES, "--no-target-check", "--format", "json", str(path)]) == 1
    records = json.loads(capsys.readouterr().out)
    assert main(["fix", *RULES, "--no-target-check", str(path)]) == 1
    assert apply(source, records) == path.read_bytes().decode()


def test_the_replacement_is_code_and_added_lines_have_their_place(tmp_path, capsys):
    path = tmp_path / "m.py"
    path.write_text("import os\nfrom loguru import logger\n\nimport sys\n\nlogger.info(os, sys)\n")
    main(["check", *RULES, "--no-target-check", "--format", "json", str(path)])
    (record,) = json.loads(capsys.readouterr().out)
    assert record["replacement"] == "from utils.logging import get_logger"
    assert record["added"] == [{"after_line": 4, "lines": ["logger = get_logger(__name__)"]}]
    assert "then logger = get_logger(__name__)" in record["message"]
    compile(record["replacement"], "replacement", "exec")
