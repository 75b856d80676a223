"""The services one server process shares between requests."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from aiohttp import web

from eventstore.blobs import BlobStore, MemoryBlobStore
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

    wal_seen: tuple[int, int] = (0, 0)

    async def catch_up(self) -> None:
        """If another process (the CLI) appended to the log, fold it in before answering:
        a rotated token or a revoked credential stops working on the very next request.
        Every commit touches the WAL file, so an unchanged stat means nothing to look at."""
        try:
            stat = os.stat(self.db_path + "-wal")
            wal = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            wal = (-1, -1)
        if wal == self.wal_seen:
            return
        self.wal_seen = wal
        if self.reads.head() > self.writer.position:
            await self.writer.sync()


# The application's typed state: opened by rpc.app, read by every handler.
SERVICES = web.AppKey("services", Services)
METRICS = web.AppKey("metrics", Metrics)
