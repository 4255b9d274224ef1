"""A generated backend shaped like the real ones: the legacy modules (one already missing a name still imported
from it) and the new package in the tree, a package at the top folder, a ``utils.py`` or ``utils/`` in half the
services, code between imports, ``try``/``except ImportError`` blocks, relative imports, tests that patch by
string, and files only a newer Python parses.

    python3 benchmarks/backend.py DIR [--files 1000]

About 13% of the files use a legacy import; ``loguru``'s global logger is four times as common as the moved
modules, as in the codebase behind this project.
"""
from __future__ import annotations

import argparse
import os
import random
from collections.abc import Sequence

RULES = (
    "utils.logger_utils = utils.logging",
    "logging_config = utils.logging",
    "utils.logger_utils:get_service_logger = utils.logging:get_logger",
    'loguru:logger = utils.logging:get_logger("{stem}")',
)
FIXED = {
    ".git/HEAD": "ref: refs/heads/main\n",
    "__init__.py": "",
    "logging_config.py": "def setup_clean_logging(level='INFO'):\n    return level\n",
    "utils/__init__.py": "",
    "utils/logger_utils.py": "import logging\n\n\ndef get_service_logger(name=None):\n"
    "    return logging.getLogger(name)\n\n\ndef setup_clean_logging(level='INFO'):\n    return level\n",
    "utils/helpers.py": "from .logger_utils import get_service_logger, log_duration\n\n"
    "log = get_service_logger(__name__)\n",
    "utils/logging/__init__.py": "from .factory import get_logger, log_duration, setup_clean_logging\n"
    "from .core.unified_logger import UnifiedLogger\n",
    "utils/logging/factory.py": "from .core.unified_logger import UnifiedLogger\n\n_loggers = {}\n\n\n"
    "def get_logger(name=None):\n    if name not in _loggers:\n        _loggers[name] = UnifiedLogger(name)\n"
    "    return _loggers[name]\n\n\ndef log_duration(function):\n    return function\n\n\n"
    "def setup_clean_logging(level='INFO'):\n    return level\n",
    "utils/logging/core/__init__.py": "",
    "utils/logging/core/unified_logger.py": "class UnifiedLogger:\n    def __init__(self, name):\n"
    "        self.name = name\n\n    def bind(self, **context):\n        return self\n\n"
    "    def debug(self, message, *args, **context):\n        pass\n\n"
    "    def info(self, message, *args, **context):\n        pass\n\n"
    "    def warning(self, message, *args, **context):\n        pass\n\n"
    "    def error(self, message, *args, **context):\n        pass\n\n"
    "    def exception(self, message, *args, **context):\n        pass\n",
    "pyproject.toml": "[tool.unified-logging]\nrules = [\n" + "".join(f"    {rule!r},\n" for rule in RULES) + "]\n",
}
BODY = '''"""{service} module {i}."""
import os
import json
from dataclasses import dataclass
{legacy}

@dataclass
class Record{i}:
    name: str
    size: int = 0

    def describe(self) -> str:
        return json.dumps({{"name": self.name, "size": self.size, "cwd": os.getcwd()}})


def load_{i}(path: str) -> list:
    with open(path) as handle:
        return [Record{i}(line.strip()) for line in handle if line.strip()]


def total_{i}(records: list) -> int:
{use}    return sum(record.size for record in records)
'''
MODULE_FORMS = (
    ("from utils.logger_utils import get_service_logger\nlogger = get_service_logger(__name__)",
     "    logger.info('total')\n"),
    ("import logging_config\nlogging_config.setup_clean_logging()", ""),
    ("from utils import logger_utils\nlog = logger_utils.get_service_logger('x')", "    log.info('total')\n"),
    ("import utils.logger_utils\nlog = utils.logger_utils.get_service_logger('x')", ""),
    ("from utils.logger_utils import (\n    get_service_logger,  # shared\n    log_duration,\n)", ""),
)
LOGURU_FORMS = (
    ("from loguru import logger", "    logger.info('total {{}}', len(records))\n"),
    ("from loguru import logger\nfrom .models import Base", "    logger.bind(kind='x').debug('total')\n"),
    ("try:\n    from loguru import logger\nexcept ImportError:  # pragma: no cover\n    logger = None",
     "    logger.warning('total')\n"),
    ("os.environ.setdefault('TZ', 'UTC')\nfrom loguru import logger", "    logger.error('total')\n"),
    ("from loguru import logger\nfrom . import utils", "    logger.opt(depth=1).info('total')\n"),
    ("from loguru import logger as log", "    log.exception('total')\n"),
)
# The rest of a module, so that files weigh what a real backend's do (about 11 KB).
PADDING = '''

class Handler{i}x{k}:
    """Handles the events of kind {k} for module {i}."""

    def __init__(self, store, limit: int = {k}) -> None:
        self.store = store
        self.limit = limit
        self.seen: dict = {{}}

    def handle(self, event: dict) -> list:
        key = event.get("key", "")
        count = self.seen.get(key, 0) + 1
        self.seen[key] = count
        if count > self.limit:
            return []
        values = [value for value in event.get("values", ()) if value is not None]
        return sorted(values, key=lambda value: (str(type(value)), str(value)))[: self.limit]

    def describe(self) -> str:
        return f"{{type(self).__name__}}({{self.limit}}, {{len(self.seen)}} keys)"
'''
NEWER = "\n\ndef kind_{i}(value):\n    match value:\n        case [first, *_]:\n            return first\n" \
    "        case _:\n            return None\n"
TEST = '''from unittest import mock

from services.{service}.handlers import mod{i}


@mock.patch("utils.logger_utils.get_service_logger")
def test_total(patched):
    assert mod{i}.total_{i}([]) == 0
'''


def write(root: str, name: str, text: str) -> None:
    path = os.path.join(root, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        handle.write(text)


def generate(root: str, files: int = 1000, share: int = 13) -> None:
    """A backend of about ``files`` files in ten services, ``share`` percent of them legacy."""
    chooser = random.Random(files * 100 + share)
    for name, text in FIXED.items():
        write(root, name, text)
    per_service = max(1, files // 10)
    for i in range(files - len(FIXED)):
        service = f"svc{i // per_service:02}"
        base = f"services/{service}"
        if i % per_service == 0:
            write(root, f"{base}/__init__.py", "")
            write(root, f"{base}/handlers/__init__.py", "")
            write(root, f"{base}/handlers/models.py", "class Base:\n    pass\n")
            write(root, f"{base}/handlers/utils.py" if i // per_service % 2 else f"{base}/utils/__init__.py",
                  "def helper():\n    return 1\n")
        legacy, use = "", ""
        if chooser.randrange(100) < share:
            forms = LOGURU_FORMS if chooser.randrange(5) else MODULE_FORMS
            legacy, use = forms[chooser.randrange(len(forms))]
            if chooser.randrange(8) == 0:
                write(root, f"tests/{service}/test_mod{i}.py", TEST.format(service=service, i=i))
        text = BODY.format(service=service, i=i, legacy=legacy, use=use)
        text += "".join(PADDING.format(i=i, k=k) for k in range(14))
        write(root, f"{base}/handlers/mod{i}.py", text + (NEWER.format(i=i) if i % 97 == 5 else ""))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="generate a backend to migrate")
    parser.add_argument("root")
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args(argv)
    generate(args.root, args.files)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
