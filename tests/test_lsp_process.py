"""The language server as a process: started by both command lines, it answers the protocol's framed messages on
stdio and ends with the status the protocol asks for; without its extra it says what to install; the hook and the
flake8 plugin never load it."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from lsp_client import SERVER, buffer_of, copy_example, uri_of

pytest.importorskip("pygls", reason="the lsp extra is not installed")

CONSOLE_SCRIPT = [os.path.join(os.path.dirname(sys.executable), "unified-logging"), "lsp"]


def framed(*messages: dict) -> bytes:
    out = b""
    for message in messages:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        out += b"Content-Length: %d\r\n\r\n" % len(body) + body
    return out


def unframed(data: bytes) -> list[dict]:
    messages = []
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        size = int(next(line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))[15:])
        messages.append(json.loads(rest[:size]))
        data = rest[size:]
    return messages


def session(command: list[str], *messages: dict) -> tuple[int, list[dict], str]:
    result = subprocess.run(command, input=framed(*messages), capture_output=True, timeout=120)
    return result.returncode, unframed(result.stdout), result.stderr.decode(errors="replace")


INITIALIZE = {"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}}
INITIALIZED = {"method": "initialized", "params": {}}
SHUTDOWN = {"id": 2, "method": "shutdown", "params": None}
EXIT = {"method": "exit", "params": None}


@pytest.mark.parametrize("command", (SERVER, CONSOLE_SCRIPT), ids=("python -m", "console script"))
def test_a_session_ends_with_status_0_after_shutdown_and_exit(command, tmp_path):
    project = copy_example(tmp_path)
    path = os.path.join(project, "app", "worker.py")
    item = {"uri": uri_of(path), "languageId": "python", "version": 1, "text": buffer_of(path)}
    opened = {"method": "textDocument/didOpen", "params": {"textDocument": item}}
    status, answers, errors = session(command, INITIALIZE, INITIALIZED, opened, SHUTDOWN, EXIT)
    assert status == 0, errors
    assert answers[0]["result"]["serverInfo"]["name"] == "unified-logging"
    published = [a["params"] for a in answers if a.get("method") == "textDocument/publishDiagnostics"]
    assert [(d["code"], d["source"]) for p in published for d in p["diagnostics"]] == [("ULG001", "unified-logging")]
    assert {"id": 2, "jsonrpc": "2.0", "result": None} in answers


def test_an_exit_without_shutdown_ends_with_status_1():
    status, answers, errors = session(SERVER, INITIALIZE, INITIALIZED, EXIT)
    assert status == 1, errors
    assert answers[0]["id"] == 1


BLOCK_PYGLS = "import sys; sys.modules['pygls'] = None; from flake8_unified_logging.cli import main; sys.exit(main())"


def test_without_the_extra_the_command_says_what_to_install():
    result = subprocess.run([sys.executable, "-c", BLOCK_PYGLS, "lsp"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "pip install 'flake8-unified-logging[lsp]'" in result.stderr


LOADED = "import sys; print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs')))"


@pytest.mark.parametrize("command", ("check", "fix"))
def test_the_hook_path_never_loads_the_server(command, tmp_path):
    project = copy_example(tmp_path)
    code = f"from flake8_unified_logging.cli import main; main([{command!r}, 'app/worker.py']); {LOADED}"
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines()[-1] == "[]", result.stderr


def test_the_flake8_plugin_never_loads_the_server(tmp_path):
    project = copy_example(tmp_path)
    run = "from flake8.main.cli import main; main(['app/worker.py'])"
    code = f"try:\n    {run}\nexcept SystemExit:\n    pass\n{LOADED}"
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=60)
    assert "ULG001" in result.stdout
    assert result.stdout.splitlines()[-1] == "[]", result.stderr
