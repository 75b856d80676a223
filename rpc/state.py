"""The services one server process shares between requests."""
from __future__ import annotations

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
    wanted: int = 0  # the newest log head seen: the writer folds up to it before answers

    async def catch_up(self) -> None:
        """If another process (another server process, the CLI) appended to the log,
        fold it in before answering: a rotated token or a revoked credential stops
        working on the very next request, and cached answers retire. The probe is exact
        and cheap; only when it says something committed is the head read. The head
        seen is kept, so requests arriving while an earlier one's catch-up runs (the
        probe tells only the first) wait for it too: `writer.committed` moves only once
        the listeners (credential cache, answer cache) have heard the events. This
        process's own commits cost no catch-up: a request waits at most for the group
        commit in flight to be acknowledged."""
        if self.probe is None or self.probe.moved():
            self.wanted = max(self.wanted, self.reads.head())
        if self.writer.committed < self.wanted:
            await self.writer.reach(self.wanted)

# The application's typed state: opened by rpc.app, read by every handler.
SERVICES = web.AppKey("services", Services)
METRICS = web.AppKey("metrics", Metrics)
