"""The language server driven over stdio by a real LSP client, as an editor drives it: diagnostics of the
buffer, quick fixes and the fix-all that leave exactly what ``unified-logging fix`` writes, and a server that stays
up whatever is typed."""
from __future__ import annotations

import asyncio
import os

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp 1.x needs Python 3.10 or newer")

from lsprotocol import types  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

from lsp_client import (  # noqa: E402
    SERVER,
    apply_text_edits,
    buffer_of,
    check_json,
    copy_example,
    encoded,
    fix_on_disk,
    make_src_layout,
    uri_of,
)

PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
FIX_ALL = "source.fixAll.unified-logging"
FIXABLE = (
    "app/services/billing.py",  # plain imports with attribute uses, a name renamed, a decorator
    "app/services/notifications.py",  # an object replaced by a factory's call
    "app/services/orders.py",  # a name renamed with its uses
    "app/services/reports.py",  # two legacy modules in one file
    "app/worker.py",
    "app/services/payments.py",  # two statements sharing what they add
)
# One server for the module, as an editor keeps one for its session; each test has its own files.
pytestmark = pytest.mark.asyncio(loop_scope="module")


INITIALIZED: dict[int, types.InitializeResult] = {}  # the server's answer to each test client's initialize


class RecordingClient(LanguageClient):
    """The test client, keeping every diagnostics notification in order (with its version): several may come in
    one read, and a wait for the next notification sees only the first."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.published: list[types.PublishDiagnosticsParams] = []


def _record(client: RecordingClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


def recording_client() -> RecordingClient:
    client = RecordingClient(converter_factory=default_converter)
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, PUBLISH: _record})
    return client


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=recording_client), scope="module")
async def client(lsp_client: LanguageClient):
    params = types.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    INITIALIZED[id(lsp_client)] = await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()
    del INITIALIZED[id(lsp_client)]


@pytest.fixture
def project(tmp_path) -> str:
    return copy_example(tmp_path)


async def open_buffer(client: LanguageClient, path: str, text: str | None = None, language: str = "python"):
    """Open ``path`` (its text from disk unless given) and return the diagnostics published for it."""
    text = buffer_of(path) if text is None else text
    item = types.TextDocumentItem(uri=uri_of(path), language_id=language, version=1, text=text)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
    return await diagnostics_of(client, path, 1)


async def diagnostics_of(
    client: RecordingClient, path: str, version: int | None, since: int = 0
) -> list[types.Diagnostic]:
    """The diagnostics published for ``version`` of the buffer (None: any version) from the ``since``-th
    notification of the session on."""
    uri = path if ":" in path.split("/")[0] else uri_of(path)
    while True:
        for params in client.published[since:]:
            if params.uri == uri and version in (None, params.version):
                return list(params.diagnostics)
        since = len(client.published)
        await asyncio.wait_for(client.wait_for_notification(PUBLISH), timeout=60)


async def change(client: LanguageClient, path: str, text: str, version: int) -> list[types.Diagnostic]:
    document = types.VersionedTextDocumentIdentifier(uri=uri_of(path), version=version)
    whole = types.TextDocumentContentChangeWholeDocument(text=text)
    client.text_document_did_change(types.DidChangeTextDocumentParams(text_document=document, content_changes=[whole]))
    return await diagnostics_of(client, path, version)


async def actions(client: LanguageClient, path: str, where: types.Range, only=None) -> list[types.CodeAction]:
    context = types.CodeActionContext(diagnostics=[], only=only)
    params = types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri_of(path)), range=where, context=context
    )
    return await client.text_document_code_action_async(params) or []


def whole_buffer(text: str) -> types.Range:
    lines = text.splitlines() or [""]
    return types.Range(start=types.Position(line=0, character=0), end=types.Position(line=len(lines), character=0))


def applied(text: str, action: types.CodeAction, path: str) -> str:
    """The buffer after ``action``, whose versioned and plain edits must be the same."""
    (versioned,) = action.edit.document_changes
    assert versioned.text_document.uri == uri_of(path)
    assert versioned.edits == action.edit.changes[uri_of(path)]
    return apply_text_edits(text, action.edit.changes[uri_of(path)])


async def test_the_server_offers_quick_fixes_and_fix_all(client):
    options = INITIALIZED[id(client)].capabilities.code_action_provider
    assert set(options.code_action_kinds) == {types.CodeActionKind.QuickFix, FIX_ALL}


@pytest.mark.parametrize("name", FIXABLE)
async def test_diagnostics_are_what_check_reports(client, project, name):
    path = os.path.join(project, name)
    diagnostics = await open_buffer(client, path)
    reported = check_json(path, project)
    assert reported, "the example file has legacy imports"
    assert [(d.code, d.range.start.line + 1, d.range.start.character + 1, d.message) for d in diagnostics] == [
        (r["code"], r["line"], r["col"], r["message"]) for r in reported
    ]
    assert {d.source for d in diagnostics} == {"unified-logging"}
    assert all(d.range.end.line > d.range.start.line or d.range.end.character > d.range.start.character
               for d in diagnostics)


def _as_crlf(path: str) -> None:
    with open(path, "rb") as handle:
        data = handle.read()
    with open(path, "wb") as handle:
        handle.write(data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def _with_bom(path: str) -> None:
    with open(path, "rb") as handle:
        data = handle.read()
    with open(path, "wb") as handle:
        handle.write(b"\xef\xbb\xbf" + data)


def _non_ascii(path: str) -> None:
    with open(path, "rb") as handle:
        data = handle.read()
    with open(path, "wb") as handle:
        marked = data.replace(b"\n", " # \u00e9\U0001f600\n".encode(), 3)  # a comment after the first statements
        handle.write("# -- caf\u00e9 \U0001f600 --\n".encode() + marked)


@pytest.mark.parametrize("shape", (None, _as_crlf, _with_bom, _non_ascii))
@pytest.mark.parametrize("name", FIXABLE)
async def test_fix_all_leaves_what_fix_writes(client, project, name, shape):
    path = os.path.join(project, name)
    if shape is not None:
        shape(path)
    text = buffer_of(path)
    await open_buffer(client, path, text)
    found = await actions(client, path, whole_buffer(text), only=[FIX_ALL])
    assert [a.kind for a in found] == [FIX_ALL]
    after = applied(text, found[0], path)
    assert encoded(after, path) == fix_on_disk(path, project)


@pytest.mark.parametrize("only", (FIX_ALL, "source.fixAll", "source"))
async def test_fix_all_is_a_sub_kind_of_source_fix_all(client, project, only):
    """``source.fixAll.unified-logging``: an editor asking for every fix-all, or for this one alone, gets it."""
    path = os.path.join(project, FIXABLE[0])
    text = buffer_of(path)
    await open_buffer(client, path, text)
    found = await actions(client, path, whole_buffer(text), only=[only])
    assert [a.kind for a in found] == [FIX_ALL]
    assert not await actions(client, path, whole_buffer(text), only=["source.fixAll.ruff"])


@pytest.mark.parametrize("name", FIXABLE)
async def test_quick_fixes_one_by_one_end_where_fix_ends(client, project, name):
    path = os.path.join(project, name)
    text = buffer_of(path)
    diagnostics = await open_buffer(client, path, text)
    version = 1
    while diagnostics:
        first = diagnostics[0]
        found = await actions(client, path, first.range, only=[types.CodeActionKind.QuickFix])
        assert found and all(a.kind == types.CodeActionKind.QuickFix for a in found)
        assert first.code in {d.code for a in found for d in a.diagnostics}
        text = applied(text, found[0], path)
        version += 1
        diagnostics = await change(client, path, text, version)
    assert encoded(text, path) == fix_on_disk(path, project)


@pytest.mark.parametrize(
    ("name", "alone"),
    (("app/services/reports.py", True), ("app/worker.py", True), ("app/services/payments.py", False)),
)
async def test_a_quick_fix_rewrites_its_statement_alone_where_that_stands(client, project, name, alone):
    path = os.path.join(project, name)
    text = buffer_of(path)
    diagnostics = await open_buffer(client, path, text)
    found = await actions(client, path, diagnostics[0].range, only=[types.CodeActionKind.QuickFix])
    assert found[0].title.endswith("(with the rest of the file)") != alone
    everything = await actions(client, path, whole_buffer(text), only=[types.CodeActionKind.SourceFixAll])
    assert (applied(text, found[0], path) != applied(text, everything[0], path)) == (alone and len(diagnostics) > 1)
    left = await change(client, path, applied(text, found[0], path), 2)
    assert all(d.code not in ("ULG004", "ULG005") for d in left)
    assert len(left) < len(diagnostics) and (not left or alone)


async def test_a_src_layout_is_checked_and_fixed_as_the_command_line_does(client, tmp_path):
    project = make_src_layout(tmp_path)
    for name in ("src/shop/orders.py", "src/shop/audit.py"):
        path = os.path.join(project, name)
        text = buffer_of(path)
        diagnostics = await open_buffer(client, path, text)
        reported = check_json(path, project)
        assert [(d.code, d.range.start.line + 1, d.message) for d in diagnostics] == [
            (r["code"], r["line"], r["message"]) for r in reported
        ]
        found = await actions(client, path, whole_buffer(text), only=[types.CodeActionKind.SourceFixAll])
        assert bool(found) == any(d.code in ("ULG001", "ULG002") for d in diagnostics)  # orders.py: ULG004
        after = applied(text, found[0], path) if found else text
        assert encoded(after, path) == fix_on_disk(path, project)


async def test_a_closed_buffer_keeps_no_diagnostic(client, project):
    path = os.path.join(project, "app/worker.py")
    assert await open_buffer(client, path)
    since = len(client.published)
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri_of(path))))
    assert await diagnostics_of(client, path, None, since) == []


async def test_an_unsaved_buffer_is_checked_with_the_rules_found_from_the_server(client):
    uri = "untitled:Untitled-1"
    text = "import logging_config\n\nlogging_config.setup()\n"
    item = types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
    assert [d.code for d in await diagnostics_of(client, uri, 1)] == ["ULG001"]
    context = types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])
    request = types.CodeActionParams(types.TextDocumentIdentifier(uri), whole_buffer(text), context)
    (action,) = await client.text_document_code_action_async(request)
    after = apply_text_edits(text, action.edit.changes[uri])
    assert after == "import utils.logging as logging_config\n\nlogging_config.setup()\n"


async def test_a_finding_without_a_rewrite_has_its_reason_and_no_action(client, project):
    path = os.path.join(project, "app/api/v1/handlers.py")
    diagnostics = await open_buffer(client, path)
    assert [d.code for d in diagnostics] == ["ULG004", "ULG005"]
    assert "cannot be rewritten automatically" in diagnostics[0].message
    assert diagnostics[1].message.endswith("not rewritten")
    for diagnostic in diagnostics:
        assert await actions(client, path, diagnostic.range) == []


async def test_a_change_is_checked_as_typed_and_the_last_version_wins(client, project):
    path = os.path.join(project, "app/services/clean.py")
    assert await open_buffer(client, path, "import os\n") == []
    statement = "from utils.logger_utils import get_service_logger"
    typed = [f"import os\n{statement[:end]}\n" for end in range(5, len(statement) + 5, 5)]
    for version, text in enumerate(typed, start=2):
        whole = types.TextDocumentContentChangeWholeDocument(text=text)
        document = types.VersionedTextDocumentIdentifier(uri=uri_of(path), version=version)
        params = types.DidChangeTextDocumentParams(text_document=document, content_changes=[whole])
        client.text_document_did_change(params)
    diagnostics = await diagnostics_of(client, path, len(typed) + 1)
    assert [(d.code, d.range.start.line) for d in diagnostics] == [("ULG001", 1)]
    assert diagnostics[0].message.endswith("use: from utils.logging import get_logger")
    assert await change(client, path, "import os\n", len(typed) + 2) == []


@pytest.mark.parametrize(
    "text",
    (
        "from utils.logger_utils import (get_service_logger,\n",  # half typed
        "import utils.logger_utils\ndef f(:\n",  # a syntax error below a legacy import
        "import utils.logger_utils\n\x00\n",
        "import utils.logger_utils\n" + "(" * 300 + ")" * 300 + "\n",  # too deeply nested for the parser
    ),
)
async def test_a_buffer_that_does_not_parse_leaves_no_stale_diagnostic(client, project, text):
    path = os.path.join(project, "app/worker.py")
    assert [d.code for d in await open_buffer(client, path)] == ["ULG001"]
    assert await change(client, path, text, 2) == []
    assert await actions(client, path, whole_buffer(text)) == []
    assert [d.code for d in await change(client, path, buffer_of(path), 3)] == ["ULG001"]


async def test_a_saved_target_checks_the_open_buffers_again(client, project):
    path = os.path.join(project, "app/api/v1/handlers.py")
    assert [d.code for d in await open_buffer(client, path)] == ["ULG004", "ULG005"]
    target = os.path.join(project, "app/utils/logging/__init__.py")
    text = buffer_of(target) + "\n\nclass ServiceLogger:\n    pass\n"
    await open_buffer(client, target, text)
    with open(target, "w", encoding="utf-8") as handle:  # the editor saves the buffer, then says so
        handle.write(text)
    since = len(client.published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri_of(target))))
    assert [d.code for d in await diagnostics_of(client, path, None, since)] == ["ULG004", "ULG001"]


async def test_a_buffer_that_is_not_python_is_not_checked(client, project):
    path = os.path.join(project, "notes.txt")
    assert await open_buffer(client, path, "import utils.logger_utils\n", language="plaintext") == []


async def test_the_configuration_is_read_again_when_it_changes(client, project):
    path = os.path.join(project, "app/services/notifications.py")
    assert [d.code for d in await open_buffer(client, path)] == ["ULG001"]
    pyproject = os.path.join(project, "pyproject.toml")
    with open(pyproject, encoding="utf-8") as handle:
        config = handle.read()
    with open(pyproject, "w", encoding="utf-8") as handle:
        handle.write(config.replace("    'loguru:logger = utils.logging:get_logger(\"{stem}\")',\n", ""))
    assert await change(client, path, buffer_of(path) + "\n", 2) == []
    with open(pyproject, "w", encoding="utf-8") as handle:
        handle.write(config.replace("rules = [", "rules = [\n    'not a rule',"))
    diagnostics = await change(client, path, buffer_of(path), 3)
    assert [d.severity for d in diagnostics] == [types.DiagnosticSeverity.Error]
    assert "pyproject.toml" in diagnostics[0].message


async def test_the_server_writes_nothing(client, project):
    before = _snapshot(project)
    for name in FIXABLE:
        path = os.path.join(project, name)
        text = buffer_of(path)
        await open_buffer(client, path, text)
        await actions(client, path, whole_buffer(text))
    assert _snapshot(project) == before


def _snapshot(folder: str) -> dict[str, bytes]:
    found = {}
    for top, _, names in os.walk(folder):
        for name in names:
            with open(os.path.join(top, name), "rb") as handle:
                found[os.path.join(top, name)] = handle.read()
    return found
