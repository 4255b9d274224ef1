"""Import cycles as Python runs imports: a package above the file being rewritten is already initialising before
the file's first line runs, so importing one of its submodules runs none of its ``__init__`` again. Only a chain
that reaches the file through modules that would really start executing is a cycle."""
from __future__ import annotations

import subprocess
import sys

import pytest

from flake8_unified_logging.cli import main

FACTORY = "loguru:logger = {provider}:get_logger(__name__)"
LOG = "import logging\n\n\ndef get_logger(name):\n    return logging.getLogger(name)\n"
CLIENT = "from loguru import logger\n\n\nclass Client:\n    pass\n\n\nlogger.info('ready')\n"


def fixed_client(provider: str) -> str:
    added = f"from {provider} import get_logger\n\nlogger = get_logger(__name__)\n"
    return CLIENT.replace("from loguru import logger\n", added)


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    def fix(files: dict[str, str], where: str, provider: str) -> tuple[str, str]:
        (tmp_path / ".git").mkdir(exist_ok=True)
        for name, text in files.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text)
        monkeypatch.chdir(tmp_path)
        capsys.readouterr()
        main(["fix", "--rule", FACTORY.format(provider=provider), where])
        return (tmp_path / where).read_text(), capsys.readouterr().out

    return fix


# Library-shaped trees where the rewrite makes no cycle: every chain back to the file passes through a package
# above it, which Python does not run again.
NO_CYCLE = (
    pytest.param(
        {"pkg/__init__.py": "from .client import Client\n", "pkg/log.py": LOG}, "pkg/client.py", "pkg.log",
        id="package __init__ imports the file (relative)",
    ),
    pytest.param(
        {"pkg/__init__.py": "import pkg.client\n", "pkg/log.py": LOG}, "pkg/client.py", "pkg.log",
        id="package __init__ imports the file (absolute)",
    ),
    pytest.param(
        {"src/pkg/__init__.py": "from pkg.client import Client\n", "src/pkg/log.py": LOG}, "src/pkg/client.py",
        "pkg.log", id="src layout",
    ),
    pytest.param(
        {
            "pkg/__init__.py": "from .api import Client\n",
            "pkg/api/__init__.py": "from .client import Client\n",
            "pkg/log.py": LOG,
        },
        "pkg/api/client.py", "pkg.log", id="nested packages",
    ),
    pytest.param(
        {
            "pkg/__init__.py": "from .api import Client\n",
            "pkg/api/__init__.py": "from .client import Client\n",
            "pkg/api/log.py": LOG,
        },
        "pkg/api/client.py", "pkg.api.log", id="provider in the file's own package",
    ),
    pytest.param(
        {"ns/pkg/__init__.py": "from .client import Client\n", "ns/pkg/log.py": LOG}, "ns/pkg/client.py",
        "ns.pkg.log", id="namespace package above",
    ),
    pytest.param(
        {"pkg/__init__.py": "from .client import Client\n", "pkg/log.py": "from . import config\n" + LOG,
         "pkg/config.py": "LEVEL = 10\n"},
        "pkg/client.py", "pkg.log", id="provider imports a sibling submodule through the package",
    ),
    pytest.param(
        {"pkg/__init__.py": "from .client import Client\n", "pkg/log.py": "import pkg.config\n" + LOG,
         "pkg/config.py": "LEVEL = 10\n"},
        "pkg/client.py", "pkg.log", id="provider imports a sibling absolutely",
    ),
    pytest.param(
        {"pkg/__init__.py": "from .client import Client\n", "pkg/log.py": LOG,
         "pkg/core/__init__.py": "import pkg.client\n"},
        "pkg/client.py", "pkg.log", id="another package imports the file but the provider does not",
    ),
    pytest.param(
        {"pkg/__init__.py": "VERSION = 1\n", "pkg/log.py": "from pkg import VERSION\n" + LOG},
        "pkg/client.py", "pkg.log", id="provider reads the package, which does not import the file",
    ),
    pytest.param(
        {"pkg/__init__.py": "from . import client\n", "pkg/log.py": LOG}, "pkg/__init__.py", "pkg.log",
        id="the file is the package's __init__",
    ),
)

# Real cycles, kept: the provider (or a module it runs) imports the file, or reads a package whose __init__ is
# still running the file.
CYCLE = (
    pytest.param(
        {"pkg/__init__.py": "", "pkg/log.py": "from pkg.client import Client\n" + LOG}, "pkg/client.py", "pkg.log",
        "pkg.log -> pkg.client -> this file", id="provider imports the file",
    ),
    pytest.param(
        {"pkg/__init__.py": "from .client import Client\n", "pkg/log.py": "from . import helpers\n" + LOG,
         "pkg/helpers.py": "from .client import Client\n"},
        "pkg/client.py", "pkg.log", "pkg.log -> pkg.helpers -> pkg.client -> this file", id="through a sibling",
    ),
    pytest.param(
        {"pkg/__init__.py": "from .client import Client\nVERSION = 1\n",
         "pkg/log.py": "from pkg import VERSION\n" + LOG},
        "pkg/client.py", "pkg.log", "pkg.log -> pkg.client -> this file",
        id="provider reads the package while its __init__ runs the file",
    ),
    pytest.param(
        {"pkg/__init__.py": "from . import client\nVERSION = 1\n", "pkg/log.py": "from pkg import VERSION\n" + LOG},
        "pkg/__init__.py", "pkg.log", "pkg.log -> this file",
        id="provider reads the package whose __init__ is the file",
    ),
    pytest.param(
        {"src/app/__init__.py": "", "src/app/log.py": "import app.api\n" + LOG,
         "src/app/api/__init__.py": "from app.models.events import Client\n",
         "src/app/models/__init__.py": "from .events import Client\n"},
        "src/app/models/events.py", "app.log", "app.log -> app.api -> app.models.events -> this file",
        id="src layout: through the __init__ of a package not above the file",
    ),
)


@pytest.mark.parametrize(("files", "where", "provider"), NO_CYCLE)
def test_no_cycle(run, files, where, provider):
    text, out = run({**files, where: CLIENT}, where, provider)
    assert "ULG005" not in out
    assert text == fixed_client(provider)


@pytest.mark.parametrize(("files", "where", "provider", "chain"), CYCLE)
def test_cycle_kept(run, files, where, provider, chain):
    text, out = run({**files, where: CLIENT}, where, provider)
    assert text == CLIENT
    assert f"ULG005 importing {provider} here makes an import cycle: {chain}; not rewritten" in out


@pytest.mark.parametrize(
    ("statement", "expected"),
    (
        pytest.param("from .legacy_log import logger\n", "from .log import logger\n", id="relative"),
        pytest.param("from pkg.legacy_log import logger\n", "from pkg.log import logger\n", id="absolute"),
    ),
)
def test_module_rule_inside_a_package_whose_init_imports_the_file(tmp_path, monkeypatch, statement, expected):
    tree = {
        "pkg/__init__.py": "from .client import Client\n",
        "pkg/legacy_log.py": "import logging\nlogger = logging.getLogger('pkg')\n",
        "pkg/log.py": "import logging\nlogger = logging.getLogger('pkg')\n",
        "pkg/client.py": statement + "\n\nclass Client:\n    pass\n",
    }
    (tmp_path / ".git").mkdir()
    for name, text in tree.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    assert main(["fix", "--rule", "pkg.legacy_log = pkg.log", "pkg/client.py"]) == 1
    assert (tmp_path / "pkg/client.py").read_text() == tree["pkg/client.py"].replace(statement, expected)


def test_the_rewritten_package_imports_as_before(tmp_path):
    """The library imports with the rewrite in place: Python agrees there is no cycle (loguru stood in by a stub)."""
    (tmp_path / ".git").mkdir()
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("from .client import Client\n")
    (pkg / "log.py").write_text(LOG)
    (pkg / "client.py").write_text(CLIENT)
    command = [sys.executable, "-m", "flake8_unified_logging", "fix", "--rule", FACTORY.format(provider="pkg.log"), "."]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (pkg / "client.py").read_text() == fixed_client("pkg.log")
    imported = subprocess.run([sys.executable, "-c", "import pkg; print(pkg.Client.__name__)"], cwd=tmp_path,
                              capture_output=True, text=True)
    assert imported.stdout == "Client\n", imported.stderr
