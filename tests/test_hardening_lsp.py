"""The language server as a raw JSON-RPC client finds it: it answers only for documents the editor opened (never
reading one from the disk), answers every request (errors as JSON-RPC errors), holds buffers and messages to the
size limit with a diagnostic that says so, and ends when its input ends."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from lsp_client import SERVER, uri_of
from test_lsp_process import EXIT, INITIALIZE, INITIALIZED, SHUTDOWN, framed, session, unframed

pytest.importorskip("pygls", reason="the lsp extra is not installed")

LEGACY = "from utils.logger_utils import get_service_logger\n"
RANGE = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 5}}


def action(uri: str, request_id: int = 7, where: dict = RANGE) -> dict:
    params = {"textDocument": {"uri": uri}, "range": where, "context": {"diagnostics": []}}
    return {"id": request_id, "method": "textDocument/codeAction", "params": params}


def opened(uri: str, text: str) -> dict:
    item = {"uri": uri, "languageId": "python", "version": 1, "text": text}
    return {"method": "textDocument/didOpen", "params": {"textDocument": item}}


def answer(answers: list[dict], request_id: int) -> dict:
    found = [a for a in answers if a.get("id") == request_id and "method" not in a]
    assert len(found) == 1, answers
    return found[0]


@pytest.mark.parametrize("target", ("fifo", "/dev/zero#x.py", "file.py"))
def test_a_document_never_opened_is_an_error_and_never_read(tmp_path, target):
    if target == "fifo":
        path = str(tmp_path / "pipe.py")
        os.mkfifo(path)
        uri = uri_of(path)
    elif target == "file.py":
        (tmp_path / "file.py").write_text(LEGACY)
        uri = uri_of(str(tmp_path / "file.py"))
    else:
        uri = f"file://{target}"
    status, answers, errors = session(SERVER, INITIALIZE, INITIALIZED, action(uri), SHUTDOWN, EXIT)
    assert status == 0, errors
    reply = answer(answers, 7)
    assert reply["error"]["code"] == -32602 and "not open" in reply["error"]["message"], reply


def test_an_opened_document_is_answered_from_its_text(tmp_path):
    uri = uri_of(str(tmp_path / "gone.py"))  # no such file: the text is the editor's
    status, answers, errors = session(SERVER, INITIALIZE, INITIALIZED, opened(uri, LEGACY), action(uri), SHUTDOWN,
                                      EXIT)
    assert status == 0, errors
    assert answer(answers, 7)["result"], answers


@pytest.mark.parametrize("where", (
    {"start": {"line": -1, "character": 0}, "end": {"line": 0, "character": 0}},
    {"start": {"line": "x", "character": 0}, "end": {"line": 0, "character": 0}},
    {"start": {"line": 0}, "end": {"line": 0, "character": 0}},
), ids=("negative", "a string", "missing"))
def test_a_request_with_impossible_positions_gets_an_error(tmp_path, where):
    uri = uri_of(str(tmp_path / "a.py"))
    status, answers, errors = session(SERVER, INITIALIZE, INITIALIZED, opened(uri, LEGACY), action(uri, 7, where),
                                      action(uri, 8), SHUTDOWN, EXIT)
    assert status == 0, errors
    assert "error" in answer(answers, 7) and "result" in answer(answers, 8)


def test_huge_positions_are_answered(tmp_path):
    uri = uri_of(str(tmp_path / "a.py"))
    far = {"start": {"line": 2 ** 31 - 1, "character": 2 ** 31 - 1}, "end": {"line": 2 ** 31 - 1, "character": 0}}
    status, answers, errors = session(SERVER, INITIALIZE, INITIALIZED, opened(uri, LEGACY), action(uri, 7, far),
                                      SHUTDOWN, EXIT)
    assert status == 0, errors
    answer(answers, 7)


def test_a_request_after_shutdown_gets_an_error():
    status, answers, errors = session(SERVER, INITIALIZE, INITIALIZED, SHUTDOWN, action("file:///x.py", 9), EXIT)
    assert status == 0, errors
    assert "error" in answer(answers, 9)


def test_a_buffer_over_the_limit_gets_a_diagnostic_and_is_not_checked(tmp_path):
    uri = uri_of(str(tmp_path / "a.py"))
    text = LEGACY + "#" * 3000 + "\n"
    status, answers, errors = session([*SERVER, "--max-file-size", "2000"], INITIALIZE, INITIALIZED,
                                      opened(uri, text), action(uri), SHUTDOWN, EXIT)
    assert status == 0, errors
    published = [a["params"] for a in answers if a.get("method") == "textDocument/publishDiagnostics"]
    messages = [d["message"] for p in published for d in p["diagnostics"]]
    assert any("over the limit of 2000" in m for m in messages) and not any("ULG" in m for m in messages), messages


def test_a_message_over_the_limit_is_dropped_unread_and_answered(tmp_path):
    uri = uri_of(str(tmp_path / "a.py"))
    big = opened(uri, LEGACY + "#" * (1 << 21) + "\n")  # over twice the limit and 1 MiB
    request = {**action(uri, 11), "params": {**action(uri)["params"], "padding": "x" * (1 << 21)}}
    status, answers, errors = session([*SERVER, "--max-file-size", "1"], INITIALIZE, INITIALIZED, big, request,
                                      action(uri, 12), SHUTDOWN, EXIT)
    assert status == 0, errors
    assert "over the limit" in answer(answers, 11)["error"]["message"]
    assert "error" in answer(answers, 12)  # the document was never taken
    published = [a["params"] for a in answers if a.get("method") == "textDocument/publishDiagnostics"]
    assert any(p["uri"] == uri and "over the limit" in p["diagnostics"][0]["message"] for p in published), answers


def test_a_huge_content_length_then_the_end_of_input_ends_the_server():
    data = framed(INITIALIZE) + b"Content-Length: 99999999999\r\n\r\n{\"jsonrpc\": \"2.0\", \"id\": 5"
    result = subprocess.run(SERVER, input=data, capture_output=True, timeout=60)
    assert result.returncode == 1 and unframed(result.stdout)[0]["id"] == 1


def test_a_header_line_without_end_is_dropped():
    data = b"X" * (1 << 20) + b"\r\n" + framed(INITIALIZE, INITIALIZED, SHUTDOWN, EXIT)
    result = subprocess.run(SERVER, input=data, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert [a["id"] for a in unframed(result.stdout)] == [1, 2]


def test_the_end_of_input_ends_the_server_without_exit():
    result = subprocess.run(SERVER, input=framed(INITIALIZE), capture_output=True, timeout=60)
    assert result.returncode == 1


def test_malformed_json_is_survived():
    body = b"{not json"
    data = framed(INITIALIZE) + b"Content-Length: %d\r\n\r\n" % len(body) + body + framed(SHUTDOWN, EXIT)
    result = subprocess.run(SERVER, input=data, capture_output=True, timeout=60)
    assert result.returncode == 0 and 2 in [a.get("id") for a in unframed(result.stdout)]


def test_the_reader_names_what_it_dropped():
    from flake8_unified_logging.commands.lsp_transport import TOO_LARGE, too_large

    head = b'{"jsonrpc": "2.0", "id": "a\\"b", "method": "textDocument/didOpen", "params": {"textDocument": ' \
           b'{"uri": "file:///x\\u00e9.py", "text": "'
    found = too_large(head, 10 ** 9, 100)
    assert found["method"] == TOO_LARGE
    assert found["params"] == {"size": 10 ** 9, "limit": 100, "id": 'a"b', "method": "textDocument/didOpen",
                               "uri": "file:///x\u00e9.py"}


if sys.platform == "win32":  # pragma: no cover
    pytestmark = pytest.mark.skip("named pipes")
