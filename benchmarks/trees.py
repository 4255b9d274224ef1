"""The trees and floors the cases run on: rules, a provider package, the floors as small programs, generated files."""
from __future__ import annotations

import os
import random

from backend import BODY

STDLIB_RULES = ("typing=typing_extensions", "collections.abc=_collections_abc")
SEED_RULES = ("utils.logger_utils=utils.logging", "logging_config=utils.logging")
LOGURU_RULE = 'loguru:logger = utils.logging:get_logger("{stem}", migration_mode=True)'


# A new logging package: a factory (through a cache) and the class it returns, in its own modules.
PROVIDER = {
    ".git/HEAD": "ref: refs/heads/main\n",
    "utils/__init__.py": "",
    "utils/logging/__init__.py": "from .factory import get_logger\nfrom .core.unified_logger import UnifiedLogger\n",
    "utils/logging/factory.py": "from .core.unified_logger import UnifiedLogger\n\n_loggers = {}\n\n\n"
    "def get_logger(name, migration_mode=False):\n    if name not in _loggers:\n"
    "        _loggers[name] = UnifiedLogger(name, migration_mode)\n    return _loggers[name]\n",
    "utils/logging/core/__init__.py": "",
    "utils/logging/core/unified_logger.py": "class UnifiedLogger:\n"
    "    def __init__(self, name, migration_mode=False):\n"
    "        self.name = name\n\n    def info(self, message, *args, **context):\n        pass\n",
    "api/__init__.py": "",
}


FLOOR = """
import os, sys
needles = [n.encode() for n in sys.argv[2:]]
hits = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read()
            hits += any(n in data for n in needles)
print(hits)
"""


# The least any tool that verifies its rewrites pays, in one process: read and test every file; for those that
# may need it, parse, replace the old names, parse the result, and write it through a temporary file.
REWRITE_FLOOR = """
import ast, os, sys
rules = [rule.encode().split(b"=") for rule in sys.argv[2:]]
needles = [old.split(b".")[-1] for old, new in rules]
for folder, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".py"):
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                data = f.read()
            if any(needle in data for needle in needles):
                new_data = data
                for old, new in rules:
                    new_data = new_data.replace(old, new)
                try:
                    ast.parse(data)
                    ast.parse(new_data)
                except (SyntaxError, ValueError):
                    continue
                with open(path + ".tmp", "wb") as f:
                    f.write(new_data)
                os.replace(path + ".tmp", path)
"""


READ = """
import os, sys
size = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith((".py", ".pyi")):
            with open(os.path.join(folder, name), "rb") as f:
                size += len(f.read())
print(size)
"""


LEGACY_FORMS = (
    "from utils.logger_utils import get_service_logger\nlogger = get_service_logger(__name__)",
    "import logging_config\nlogging_config.setup_clean_logging()",
    "from utils import logger_utils\nlog = logger_utils.get_service_logger('x')",
    "import utils.logger_utils\nlog = utils.logger_utils.get_service_logger('x')",
    "from utils.logger_utils import (\n    get_service_logger,  # shared\n    log_duration,\n)",
)


def generate(root: str, count: int, share: int) -> None:
    """``count`` files in folders of 100, ``share`` percent of them with a legacy import."""
    chooser = random.Random(count * 1000 + share)
    legacy = set(chooser.sample(range(count), count * share // 100))
    for i in range(count):
        folder = os.path.join(root, f"pkg{i // 100:04}")
        if i % 100 == 0:
            os.makedirs(folder)
            open(os.path.join(folder, "__init__.py"), "w").close()
        form = LEGACY_FORMS[i % len(LEGACY_FORMS)] if i in legacy else ""
        text = BODY.format(service="Service", i=i, use="", legacy=form)
        with open(os.path.join(folder, f"mod{i}.py"), "w") as handle:
            handle.write(text)
