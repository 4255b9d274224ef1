"""``unified-logging lsp``: a language server over stdio (pygls, the ``lsp`` extra) with the findings of ``check``
as diagnostics and the rewrites of ``fix`` as code actions, on the text of the editor's buffer.

It writes nothing: edits go to the editor, which applies them to its buffer. It reads nothing either: it
answers only for the documents the editor opened, from the text the editor sent, never from the disk.
"""
from __future__ import annotations

import asyncio
import os
import re
import sys
from _collections_abc import Callable, Sequence
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from . import __version__
from .commands.buffer_check import Checked, Spot, check_buffer
from .commands.buffer_fixes import BufferFixes, Fix
from .commands.buffer_settings import SettingsCache
from .commands.lsp_transport import TOO_LARGE, LimitedInput, answer_every_request, too_large_text
from .engine.findings import TARGET_MISSING, UNFIXABLE
from .files import SOURCE_SUFFIXES, read_limit
from .rules import RuleError
from .source.positions import LineIndex

NAME = "unified-logging"
DEBOUNCE = 0.2  # seconds of quiet after a change before the buffer is checked again
QUICK_FIX = types.CodeActionKind.QuickFix
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.{NAME}"  # a sub-kind an on-save setting can name alone
NOT_CHECKED = "not checked: "
_UNITS = {"utf-8": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}


class Session:
    """One editor's connection: the settings found so far, each open buffer's last check, the checks waiting
    for the typing to stop, and whether the editor asked to shut down."""

    def __init__(self) -> None:
        self.server = LanguageServer(NAME, __version__)
        self.settings = SettingsCache()
        self.buffers: dict[str, tuple[int | None, BufferFixes]] = {}  # uri -> (version, its check and fixes)
        self.waiting: dict[str, asyncio.TimerHandle] = {}
        self.shut_down = False
        self.opened: set[str] = set()  # the documents the editor opened: the only ones answered for
        self.refused: dict[str, str] = {}  # uri -> why its text was not taken (over the size limit)
        kinds = types.CodeActionOptions(code_action_kinds=[QUICK_FIX, FIX_ALL])
        for method, handler, options in (
            (types.TEXT_DOCUMENT_DID_OPEN, self.did_open, None),
            (types.TEXT_DOCUMENT_DID_CHANGE, self.did_change, None),
            (types.TEXT_DOCUMENT_DID_SAVE, self.did_save, None),
            (types.TEXT_DOCUMENT_DID_CLOSE, self.did_close, None),
            (types.SHUTDOWN, self.shutdown, None),
            (types.TEXT_DOCUMENT_CODE_ACTION, self.code_action, kinds),
            (TOO_LARGE, self.too_large, None),
        ):
            self.server.feature(method, options)(_function(handler))

    def did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        self.opened.add(params.text_document.uri)
        self.refused.pop(params.text_document.uri, None)
        self.publish(params.text_document.uri)

    def did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        self._cancel(uri)
        self.waiting[uri] = asyncio.get_running_loop().call_later(DEBOUNCE, self.publish, uri)

    def did_save(self, params: types.DidSaveTextDocumentParams) -> None:
        """A saved file may be what other buffers import (a target) or configure: check every open buffer
        again, once the saves have settled."""
        loop = asyncio.get_running_loop()
        for uri in list(self.buffers):
            self._cancel(uri)
            self.buffers.pop(uri)
            self.waiting[uri] = loop.call_later(DEBOUNCE, self.publish, uri)

    def did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        self._cancel(uri)
        self.buffers.pop(uri, None)
        self.opened.discard(uri)
        self.refused.pop(uri, None)
        self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def shutdown(self, params: None) -> None:
        self.shut_down = True
        for uri in list(self.waiting):
            self._cancel(uri)

    def _cancel(self, uri: str) -> None:
        timer = self.waiting.pop(uri, None)
        if timer is not None:
            timer.cancel()

    def publish(self, uri: str) -> None:
        """Check the buffer as it is now and publish its diagnostics (none for a buffer that cannot be checked:
        never those of an older version)."""
        self.waiting.pop(uri, None)
        if uri in self.refused:
            self._say(uri, self.refused[uri])
            return
        if uri not in self.opened:
            return
        document = self.server.workspace.get_text_document(uri)
        fixes = self.fixes(document)
        diagnostics = diagnostics_of(None if fixes is None else fixes.checked, self._units())
        params = types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=document.version)
        self.server.text_document_publish_diagnostics(params)

    def fixes(self, document: TextDocument) -> BufferFixes | None:
        """The check and the rewrites of the document's current version, made once per version; None when the
        document is not Python."""
        known = self.buffers.get(document.uri)
        if known is not None and known[0] == document.version and document.version is not None:
            return known[1]
        if not _is_python(document):
            return None
        size = len(document.source)
        if size * 4 > read_limit():
            size = len(document.source.encode("utf-8", "surrogatepass"))
        if size > read_limit():
            skipped = f"{NOT_CHECKED}{too_large_text(size, read_limit(), 'the buffer')}"
            return BufferFixes(Checked(document.source, (), skipped, None, None))
        fixes = BufferFixes(self._checked(document))
        self.buffers[document.uri] = (document.version, fixes)
        return fixes

    def _checked(self, document: TextDocument) -> Checked:
        path = document.path if document.uri.startswith("file:") else ""
        folder = os.path.dirname(path) if path else (self.server.workspace.root_path or os.getcwd())
        try:
            return check_buffer(document.source, path, self.settings.settings_for(folder))
        except RuleError as error:
            return Checked(document.source, (), f"configuration: {error}", None, None)
        except Exception as error:  # an editor's server stays up whatever one buffer does to the engine
            self._log(f"{document.uri}: not checked: {type(error).__name__}: {error}")
            return Checked(document.source, (), "", None, None)

    def code_action(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        if uri not in self.opened or uri in self.refused:  # never read from the disk
            raise JsonRpcInvalidParams(self.refused.get(uri) or f"{uri} is not open in the editor")
        document = self.server.workspace.get_text_document(uri)
        try:
            fixes = self.fixes(document)
            if fixes is None or not fixes.checked.spots:
                return None
            return self._actions(document, fixes, params)
        except Exception as error:  # as in _checked(): no action rather than a dead server
            self._log(f"{uri}: no code action: {type(error).__name__}: {error}")
            return None

    def _actions(
        self, document: TextDocument, fixes: BufferFixes, params: types.CodeActionParams
    ) -> list[types.CodeAction]:
        checked, target = fixes.checked, (document.uri, document.version)
        lines = _Lines(checked.text, self._units())
        wanted = params.context.only
        actions = []
        if _wants(wanted, QUICK_FIX):
            first, last = lines.offset(params.range.start), lines.offset(params.range.end)
            for spot in checked.spots:
                if spot.start <= last and first <= spot.end and spot.finding.code not in (UNFIXABLE, TARGET_MISSING):
                    fix = fixes.quick_fix(spot)
                    if fix is not None:
                        actions.append(_action(target, fix, QUICK_FIX, lines, [_diagnostic(spot, lines)]))
        if _wants(wanted, FIX_ALL):
            fix = fixes.fix_all()
            if fix is not None:
                actions.append(_action(target, fix, FIX_ALL, lines, []))
        return actions

    def _units(self) -> str:
        encoding = self.server.workspace.position_encoding
        return str(getattr(encoding, "value", encoding) or "utf-16")

    def _log(self, message: str) -> None:
        params = types.LogMessageParams(type=types.MessageType.Error, message=f"{NAME}: {message}")
        self.server.window_log_message(params)

    def too_large(self, params: Any) -> None:
        """A message over the size limit, dropped unread: its request answered with an error, its document (when
        its first bytes name one) given a diagnostic and not answered for until it is opened again."""
        get = params.get if isinstance(params, dict) else (lambda name: getattr(params, name, None))
        message = too_large_text(get("size"), get("limit"), f"{get('method') or 'a message'}")
        if get("id") is not None:
            error = JsonRpcInvalidParams(message)
            self.server.protocol._send_response(get("id"), None, error.to_response_error())
        uri = get("uri")
        if isinstance(uri, str) and get("method") in (types.TEXT_DOCUMENT_DID_OPEN, types.TEXT_DOCUMENT_DID_CHANGE):
            self._cancel(uri)
            self.buffers.pop(uri, None)
            self.opened.discard(uri)
            self.refused[uri] = f"{NOT_CHECKED}{message}"
            self._say(uri, self.refused[uri])

    def _say(self, uri: str, text: str) -> None:
        where = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
        error = types.Diagnostic(range=where, message=f"{NAME}: {text}", source=NAME,
                                 severity=types.DiagnosticSeverity.Error)
        self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[error]))


def _action(
    target: tuple[str, int | None],
    fix: Fix,
    kind: str,
    lines: _Lines,
    diagnostics: list[types.Diagnostic],
) -> types.CodeAction:
    """The action applying ``fix`` to the version of the document it was made for (as ``documentChanges``, which
    lets the editor refuse it for a newer text, and as plain ``changes`` for clients without versioned edits)."""
    uri, version = target
    edits = [types.TextEdit(range=lines.range(e.start, e.end), new_text=e.replacement) for e in fix.edits]
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    versioned = types.TextDocumentEdit(text_document=document, edits=list(edits))
    change = types.WorkspaceEdit(changes={uri: edits}, document_changes=[versioned])
    preferred = kind == QUICK_FIX or None
    return types.CodeAction(
        title=fix.title, kind=kind, diagnostics=diagnostics or None, edit=change, is_preferred=preferred
    )


def _function(method: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A plain function calling ``method``: pygls marks the functions it registers, which a bound method refuses."""

    def handle(params: Any) -> Any:
        return method(params)

    return handle


def _is_python(document: TextDocument) -> bool:
    if document.language_id:
        return document.language_id == "python"
    return document.uri.split("#")[0].split("?")[0].endswith(SOURCE_SUFFIXES)


def _wants(only: Sequence[str] | None, kind: str) -> bool:
    """Whether a request limited to the kinds ``only`` (None: any) takes an action of ``kind``."""
    return not only or any(kind == want or kind.startswith(f"{want}.") for want in only)


def diagnostics_of(checked: Checked | None, units: str = "utf-16") -> list[types.Diagnostic]:
    """The diagnostics of a checked buffer, positions in ``units``: one per finding, or the configuration's error."""
    if checked is None:
        return []
    lines = _Lines(checked.text, units)
    if checked.skipped.startswith(("configuration: ", NOT_CHECKED)):
        where = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
        error = types.DiagnosticSeverity.Error
        return [types.Diagnostic(range=where, message=f"{NAME}: {checked.skipped}", source=NAME, severity=error)]
    return [_diagnostic(spot, lines) for spot in checked.spots]


def _diagnostic(spot: Spot, lines: _Lines) -> types.Diagnostic:
    finding = spot.finding
    return types.Diagnostic(
        range=lines.range(spot.start, spot.end),
        message=finding.message,
        severity=types.DiagnosticSeverity.Warning,
        code=finding.code,
        source=NAME,
    )


class _Lines:
    """Offsets of a text as the client counts positions: lines ended by CR, LF or CRLF, columns in the units
    the session agreed on (UTF-16 unless the client offered another)."""

    def __init__(self, text: str, units: str) -> None:
        self.index = LineIndex(text)
        self.codec = _UNITS.get(units, "utf-16-le")
        self.width = {"utf-8": 1, "utf-16-le": 2, "utf-32-le": 4}[self.codec]

    def position(self, offset: int) -> types.Position:
        line = self.index.line_of(offset)
        before = self.index.text[self.index.starts[line - 1] : offset]
        return types.Position(line=line - 1, character=self._count(before))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        """The offset of a client's position (a column past the line's end: the end)."""
        if position.line >= len(self.index.starts):
            return len(self.index.text)
        start = self.index.starts[position.line]
        line = _LINE_END.split(self.index.line_text(position.line + 1), 1)[0]
        if line.isascii():
            return start + min(position.character, len(line))
        column = units = 0
        while column < len(line):
            units += self._count(line[column])
            if units > position.character:
                break
            column += 1
        return start + column

    def _count(self, text: str) -> int:
        return len(text) if text.isascii() else len(text.encode(self.codec)) // self.width


_LINE_END = re.compile(r"\r\n|\r|\n")


def serve() -> int:
    """Serve one editor over stdin and stdout until it exits: 0 after a shutdown request, 1 otherwise."""
    session = Session()
    answer_every_request(session.server.protocol)
    # A message holds a buffer's text escaped as JSON: room for twice the limit, and the rest of the message.
    session.server.start_io(stdin=LimitedInput(sys.stdin.buffer, 2 * read_limit() + (1 << 20)))  # type: ignore
    return 0 if session.shut_down else 1
