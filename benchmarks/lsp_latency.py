"""Diagnostic latency of the language server on a 1,000-line buffer.

    python3 benchmarks/lsp_latency.py [--runs 30] [--lines 1000]

Needs the ``lsp`` extra in the running interpreter (``pip install -e '.[lsp]'``). The buffer is a service module
of the example project, grown to ``--lines`` lines of ordinary functions, some of which use the legacy module.
Two figures, each the median of ``--runs`` after a first, warm-up run:

- the server's own time: what it does for a buffer before it publishes (the check of the buffer as ``check``
  makes it, the diagnostics as the protocol wants them), timed inside one process;
- the round trip an editor sees, over stdio with a real client: from didOpen sent to publishDiagnostics received
  (a change waits for the typing to stop first; an open does not);
- the first diagnostics after the editor opens a file with no server running: from the server's launch through
  initialize and didOpen to publishDiagnostics, start-up included (the median of ``--starts`` launches).

The fix-all the editor asks for on demand is timed too (the rewrite, verified as ``fix`` verifies it).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from flake8_unified_logging.commands.buffer_check import check_buffer
from flake8_unified_logging.commands.buffer_fixes import BufferFixes
from flake8_unified_logging.commands.buffer_settings import SettingsCache
from flake8_unified_logging.lsp import diagnostics_of

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = '''"""Billing, grown large."""
import utils.logger_utils
from utils.logger_utils import (
    get_service_logger,  # the service-wide logger
    log_duration,
)

logger = utils.logger_utils.get_service_logger(__name__)
'''
FUNCTION = '''

def step_{n}(amount: float, retries: int = 3) -> float:
    """Step {n} of the pipeline."""
    total = amount
    for attempt in range(retries):
        total += attempt * 0.5
    if total > 100:
        {use}
    return total
'''


def buffer(lines: int) -> str:
    text, n = HEADER, 0
    while text.count("\n") < lines:
        use = "utils.logger_utils.audit(f'step {total}')" if n % 10 == 0 else "logger.info('large')"
        text += FUNCTION.format(n=n, use=use)
        n += 1
    return text


def median_ms(runs: int, work: Callable[[], object]) -> tuple[float, float]:
    """Median wall and CPU time of ``work``, in ms (the CPU time is the figure a machine shared with other work
    does not inflate)."""
    work()
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


async def _started(published: asyncio.Queue) -> LanguageClient:
    client = LanguageClient("latency", "1")

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    await client.start_io(sys.executable, "-m", "flake8_unified_logging", "lsp")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    return client


async def _stopped(client: LanguageClient) -> None:
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


async def first_diagnostics(path: str, text: str) -> float:
    """Seconds from the server's launch to the diagnostics of the first buffer opened."""
    published: asyncio.Queue = asyncio.Queue()
    start = time.perf_counter()
    client = await _started(published)
    item = types.TextDocumentItem(uri="file://" + path, language_id="python", version=0, text=text)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
    await published.get()
    took = time.perf_counter() - start
    await _stopped(client)
    return took


async def round_trip(path: str, text: str, runs: int) -> list[float]:
    published: asyncio.Queue = asyncio.Queue()
    client = await _started(published)
    uri = "file://" + path
    times = []
    for run in range(runs + 1):
        item = types.TextDocumentItem(uri=uri, language_id="python", version=run, text=text)
        start = time.perf_counter()
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
        await published.get()
        times.append(time.perf_counter() - start)
        client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri=uri)))
        await published.get()
    await _stopped(client)
    return times[1:]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="diagnostic latency of the language server")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        project = os.path.join(work, "legacy_app")
        shutil.copytree(os.path.join(ROOT, "examples", "legacy_app"), project)
        path = os.path.join(project, "app", "services", "large.py")
        text = buffer(args.lines)
        folder = os.path.dirname(path)
        cache = SettingsCache()
        settings = cache.settings_for(folder)
        checked = check_buffer(text, path, settings)
        print(f"buffer: {text.count(chr(10))} lines, {len(checked.spots)} findings")
        wall, cpu = median_ms(args.runs, lambda: diagnostics_of(check_buffer(text, path, cache.settings_for(folder))))
        print(f"server's own time per buffer: median {wall:.1f} ms wall, {cpu:.1f} ms CPU")
        wall, cpu = median_ms(args.runs, lambda: BufferFixes(check_buffer(text, path, settings)).fix_all())
        print(f"fix-all (check, rewrite, verify): median {wall:.1f} ms wall, {cpu:.1f} ms CPU")
        times = asyncio.run(round_trip(path, text, args.runs))
        print(f"round trip over stdio, didOpen to publishDiagnostics: median {statistics.median(times) * 1000:.1f} ms")
        cold = [asyncio.run(first_diagnostics(path, text)) for _ in range(args.starts)]
        print(f"first diagnostics, server launch to publishDiagnostics: median {statistics.median(cold) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
