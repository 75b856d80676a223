"""The services one server process shares between requests."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from aiohttp import web

from eventstore.blobs import BlobStore, MemoryBlobStore
from eventstore.change_probe import ChangeProbe
from eventstore.writer import Writer
from projections.queries import Reads
from rpc.answer_cache import AnswerCache
from rpc.auth import Authenticator
from rpc.metrics import Metrics
from rpc.offload import OffloadPool


@dataclass
class Services:
    writer: Writer
    reads: Reads
    auth: Authenticator
    db_path: str
    blobs: BlobStore = field(default_factory=MemoryBlobStore)  # file contents
    max_file_size: int = 10 * 1024 * 1024
    answers: AnswerCache = field(default_factory=AnswerCache)
    offload: OffloadPool | None = None  # where long reads run; None: on the loop

    probe: ChangeProbe | None = None  # says when another connection committed
    _catching_up: asyncio.Future | None = field(default=None, repr=False)

    async def catch_up(self) -> None:
        """If another process (another server, the CLI) appended to the log, fold it in
        before answering: a rotated token or a revoked credential stops working on the
        very next request, and cached answers retire. Only when the probe says something
        committed is the head read. The probe says so once: a request that finds it
        quiet while another request's catch-up runs waits for that one too."""
        if (self.probe is None or self.probe.moved()) and self.reads.head() > self.writer.position:
            self._catching_up = asyncio.ensure_future(self.writer.catch_up())
        if self._catching_up is not None and not self._catching_up.done():
            await asyncio.shield(self._catching_up)


# The application's typed state: opened by rpc.app, read by every handler.
SERVICES = web.AppKey("services", Services)
METRICS = web.AppKey("metrics", Metrics)
