"""What the language-server tests share: the example project, the server command, and an editor's side of the
protocol (a buffer as an editor decodes it, text edits applied as an editor applies them)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "legacy_app")
SERVER = [sys.executable, "-m", "flake8_unified_logging", "lsp"]
_LINE = re.compile(r"\r\n|\r|\n")


# A module whose two statements share what they add (``get_logger``): its quick fixes rewrite the whole file.
MIXED = """\"\"\"Payments: a renamed name and loguru's logger, both becoming get_logger.\"\"\"
from utils.logger_utils import get_service_logger
from loguru import logger

log = get_service_logger("payments")
logger.info("payments loaded")
"""


def copy_example(tmp_path) -> str:
    """The example project (a package of services, a namespace of utils, legacy imports of every kind), with
    ``app/services/payments.py`` (MIXED) added."""
    target = os.path.join(str(tmp_path), "legacy_app")
    shutil.copytree(EXAMPLE, target)
    with open(os.path.join(target, "app", "services", "payments.py"), "w", encoding="utf-8") as handle:
        handle.write(MIXED)
    return target


SRC_LAYOUT = {
    "pyproject.toml": '[tool.unified-logging]\nrules = ["utils.logger_utils = utils.logging",'
    ' "utils.logger_utils:get_service_logger = utils.logging:get_logger"]\nsource-roots = ["src"]\n',
    "src/shop/__init__.py": "from . import orders  # the package imports its modules\n",
    "src/shop/orders.py": "try:\n    from utils.logger_utils import get_service_logger\nexcept ImportError:\n"
    "    from logging import getLogger as get_service_logger\n\nlog = get_service_logger(__name__)\n",
    "src/shop/audit.py": "import utils.logger_utils\n\n\ndef record(event):\n"
    "    utils.logger_utils.get_service_logger('audit').info(event)\n",
    "src/utils/__init__.py": "",
    "src/utils/logger_utils.py": "from utils.logging import get_logger as get_service_logger  # noqa: F401\n",
    "src/utils/logging/__init__.py": "import logging\n\n\ndef get_logger(name):\n    return logging.getLogger(name)\n",
}


def make_src_layout(tmp_path) -> str:
    """A project with a src layout and source-roots set, whose package's __init__ imports its modules."""
    root = os.path.join(str(tmp_path), "shop")
    for name, text in SRC_LAYOUT.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    return root


def uri_of(path: str) -> str:
    return "file://" + os.path.abspath(path)


def buffer_of(path: str) -> str:
    """The file's text as an editor holds it: decoded by its cookie, a BOM kept as the first character."""
    with open(path, "rb") as handle:
        data = handle.read()
    cookie = re.search(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", b"\n".join(data.splitlines()[:2]), re.M)
    encoding = cookie.group(1).decode() if cookie else "utf-8"
    return data.decode("utf-8" if encoding.lower().replace("_", "-") == "utf-8-sig" else encoding)


def encoded(text: str, path: str) -> bytes:
    """The buffer as the editor saves it over ``path``: in the file's own encoding."""
    with open(path, "rb") as handle:
        head = b"\n".join(handle.read().splitlines()[:2])
    cookie = re.search(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", head, re.M)
    return text.encode(cookie.group(1).decode() if cookie else "utf-8")


def offset(text: str, line: int, character: int) -> int:
    """The offset of an LSP position (UTF-16 columns) in ``text``."""
    starts = [0, *(m.end() for m in _LINE.finditer(text))]
    if line >= len(starts):
        return len(text)
    at = starts[line]
    units = 0
    while units < character and at < len(text) and text[at] not in "\r\n":
        units += 2 if ord(text[at]) > 0xFFFF else 1
        at += 1
    return at


def apply_text_edits(text: str, edits) -> str:
    """``edits`` (lsprotocol TextEdits, all against ``text``) applied as an editor applies them."""
    spans = sorted(
        ((offset(text, e.range.start.line, e.range.start.character), offset(text, e.range.end.line,
          e.range.end.character), e.new_text) for e in edits),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def fix_on_disk(path: str, cwd: str) -> bytes:
    """What ``unified-logging fix`` writes for ``path``, run from the project as a user runs it."""
    command = [sys.executable, "-m", "flake8_unified_logging", "fix", path]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    with open(path, "rb") as handle:
        return handle.read()


def check_json(path: str, cwd: str) -> list[dict]:
    command = [sys.executable, "-m", "flake8_unified_logging", "check", "--format", "json", path]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout) if result.stdout.strip() else []
