"""The language server's input, held to limits: a header line or a message body over the limit is read through
and dropped, never kept; in the body's place the server gets a notification (``TOO_LARGE``) naming what it was,
read from its first bytes (the method, the request's id, the document), so that a request is answered with an
error and a document gets a diagnostic. A message that does not fit the protocol's types is answered with an
error when it is a request (``answer_every_request``), never left without a response."""
from __future__ import annotations

import json
import re
from typing import IO, Any

from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest

TOO_LARGE = "unified-logging/tooLarge"
DROPPED = "$/unified-logging/dropped"
_HEADER = 64 * 1024
_HEAD = 4096
_CHUNK = 1 << 16
_STRING = r'"((?:[^"\\]|\\.)*)"'
_ID = re.compile(rb'"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")')
_METHOD = re.compile(rb'"method"\s*:\s*' + _STRING.encode())
_URI = re.compile(rb'"uri"\s*:\s*' + _STRING.encode())


class LimitedInput:
    """Standard input as the server reads it: lines of at most 64 KiB, bodies of at most ``limit`` bytes."""

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self.stream = stream
        self.limit = limit

    def readline(self) -> bytes:
        line = self.stream.readline(_HEADER)
        if len(line) < _HEADER or line.endswith(b"\n"):
            return line
        while True:  # a header line this long is no header: read through, dropped
            more = self.stream.readline(_HEADER)
            if not more:
                return b""
            if more.endswith(b"\n"):
                return b"X-Dropped: \r\n"

    def read(self, size: int) -> bytes:
        if size <= self.limit:
            return self.stream.read(size)
        head = self.stream.read(min(size, _HEAD))
        left = size - len(head)
        while left > 0:
            chunk = self.stream.read(min(left, _CHUNK))
            if not chunk:
                return b""  # the input ended within the body
            left -= len(chunk)
        return json.dumps(too_large(head, size, self.limit)).encode()


def too_large(head: bytes, size: int, limit: int) -> dict:
    """The notification standing for a body of ``size`` bytes that starts with ``head``."""
    found = {}
    for name, pattern in (("id", _ID), ("method", _METHOD), ("uri", _URI)):
        match = pattern.search(head)
        if match is not None:
            try:
                found[name] = json.loads(match.group(1) if name == "id" else b'"' + match.group(1) + b'"')
            except ValueError:
                continue
    return {"jsonrpc": "2.0", "method": TOO_LARGE, "params": {"size": size, "limit": limit, **found}}


def too_large_text(size: int, limit: int, what: str = "message") -> str:
    return f"{what} of {size} bytes, over the limit of {limit} (--max-file-size); not read"


def answer_every_request(protocol: Any) -> None:
    """A request the protocol cannot read (a field of the wrong type, a position that cannot be) gets an error
    response; a request after the shutdown too. pygls would only log either."""
    structure, handle = protocol.structure_message, protocol.handle_message

    def structure_message(data: Any) -> Any:
        try:
            return structure(data)
        except JsonRpcException as error:
            if not (isinstance(data, dict) and "id" in data and "method" in data):
                raise
            cause = " ".join(str(error.__cause__ or "").split())[:300]
            answer = type(error)(f"{error.message}: {cause}" if cause else error.message)
            protocol._send_response(data["id"], None, answer.to_response_error())
            return structure({"jsonrpc": "2.0", "method": DROPPED})

    def handle_message(message: Any) -> Any:
        if protocol._shutdown and getattr(message, "id", None) is not None and getattr(message, "method", None):
            if message.method != "exit":
                error = JsonRpcInvalidRequest("the server is shutting down")
                return protocol._send_response(message.id, None, error.to_response_error())
        return handle(message)

    protocol.structure_message = structure_message
    protocol.handle_message = handle_message
