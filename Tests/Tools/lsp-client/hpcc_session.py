"""One `hpcc lsp` process driven by pygls' language client, for the LSP check (check.py) and
the latency benchmark (benchmarks/lsp-latency.py).

The session starts the server over stdio, initializes it with UTF-16 positions, keeps every
textDocument/publishDiagnostics it receives (with the time it arrived), and lets the caller
wait for the diagnostics of a given document version.
"""

import asyncio
import time

from lsprotocol import types
from pygls.lsp.client import LanguageClient


class ServerGone(Exception):
    """The server exited or stopped answering while the client waited for it."""


class Published:
    """One publishDiagnostics notification as it arrived."""

    def __init__(self, params, arrived):
        self.uri = params.uri
        self.version = params.version
        self.diagnostics = list(params.diagnostics)
        self.arrived = arrived


class Session:
    """`hpcc lsp` in a child process, and what it has published so far."""

    def __init__(self, hpcc, cwd=None, timeout=20.0):
        self.hpcc = hpcc
        self.cwd = cwd
        self.timeout = timeout
        self.client = LanguageClient("hpcc-lsp-check", "1")
        self.published = []
        self.stderr = bytearray()
        self.errors = []
        self._arrival = asyncio.Event()
        self._versions = {}
        self._drain = None
        self.sent_at = None  # when the last didOpen or didChange was sent (time.perf_counter)

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params):
            self.published.append(Published(params, time.perf_counter()))
            self._arrival.set()

        def server_error(error, source):
            self.errors.append(f"{source.__name__}: {error}")
            self._arrival.set()

        self.client.report_server_error = server_error

    @property
    def returncode(self):
        server = self.client._server
        return None if server is None else server.returncode

    async def start(self):
        """Starts the server and initializes it; returns the InitializeResult."""
        try:
            await self.client.start_io(self.hpcc, "lsp", cwd=self.cwd)
        except OSError as error:
            raise ServerGone(f"cannot start {self.hpcc} lsp: {error}")
        self._drain = asyncio.create_task(self._read_stderr())
        capabilities = types.ClientCapabilities(
            general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf16]),
            text_document=types.TextDocumentClientCapabilities(
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
                hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
                completion=types.CompletionClientCapabilities(
                    completion_item=types.ClientCompletionItemOptions(
                        documentation_format=[types.MarkupKind.Markdown])),
                code_action=types.CodeActionClientCapabilities(
                    code_action_literal_support=types.ClientCodeActionLiteralOptions(
                        code_action_kind=types.ClientCodeActionKindOptions(
                            value_set=[types.CodeActionKind.QuickFix]))),
                document_symbol=types.DocumentSymbolClientCapabilities(
                    hierarchical_document_symbol_support=True),
            ),
        )
        result = await self.request(self.client.initialize_async(
            types.InitializeParams(process_id=None, root_uri=None, capabilities=capabilities)))
        self.client.initialized(types.InitializedParams())
        return result

    async def _read_stderr(self):
        stream = self.client._server.stderr
        while chunk := await stream.read(4096):
            self.stderr.extend(chunk)

    async def request(self, awaitable):
        """Awaits a request's answer, failing when the server takes longer than the timeout."""
        try:
            return await asyncio.wait_for(awaitable, self.timeout)
        except asyncio.TimeoutError:
            raise ServerGone(f"no answer within {self.timeout} s (server exit code: {self.returncode})")
        except RuntimeError as error:  # pygls fails pending requests so when the server exits
            raise ServerGone(str(error))

    def open(self, uri, text, language="yaml"):
        """Sends didOpen (version 1); returns the number of publishes seen before it."""
        self._versions[uri] = 1
        seen = len(self.published)
        self.sent_at = time.perf_counter()
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
        return seen

    def change(self, uri, edits):
        """Sends one didChange with `edits` [(start line, start character, end line, end character,
        new text)], positions in UTF-16 code units; returns (version, publishes seen before it)."""
        version = self._versions[uri] + 1
        self._versions[uri] = version
        seen = len(self.published)
        changes = [
            types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(a, b), types.Position(c, d)), text=text)
            for a, b, c, d, text in edits
        ]
        self.sent_at = time.perf_counter()
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=changes))
        return version, seen

    def close(self, uri):
        """Sends didClose."""
        self._versions.pop(uri, None)
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))

    async def diagnostics(self, uri, version, seen):
        """The first publish for `uri` after the first `seen` publishes that carries `version`
        (or carries no version at all, for a server that does not send one)."""
        deadline = time.perf_counter() + self.timeout
        index = seen
        while True:
            while index < len(self.published):
                published = self.published[index]
                index += 1
                if published.uri == uri and published.version in (version, None):
                    return published
            if self.errors:
                raise ServerGone("; ".join(self.errors))
            if self.returncode is not None:
                raise ServerGone(f"the server exited with code {self.returncode}")
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise ServerGone(f"no diagnostics for version {version} of {uri} within {self.timeout} s")
            self._arrival.clear()
            try:
                await asyncio.wait_for(self._arrival.wait(), min(remaining, 0.5))
            except asyncio.TimeoutError:
                pass

    async def stop(self):
        """Sends shutdown and exit; returns the server's exit code (None when it had to be killed)."""
        server = self.client._server
        if server is not None and server.returncode is None:
            try:
                await self.request(self.client.shutdown_async(None))
                self.client.exit(None)
                await asyncio.wait_for(server.wait(), self.timeout)
            except (ServerGone, asyncio.TimeoutError, RuntimeError):
                if server.returncode is None:
                    server.kill()
                    await server.wait()
                    await self.client.stop()
                    return None
        await self.client.stop()
        if self._drain is not None:
            await self._drain
        return server.returncode if server is not None else None

    def stderr_text(self):
        return self.stderr.decode("utf-8", "replace")
