"""The services one server process shares between requests."""
from __future__ import annotations

from dataclasses import dataclass, field

from eventstore.writer import Writer
from projections.queries import Reads
from rpc.auth import Authenticator
from rpc.ratelimit import FailureLimiter


@dataclass
class Services:
    writer: Writer
    reads: Reads
    auth: Authenticator
    db_path: str
    # failed API-key attempts per address, counted across both endpoints
    key_failures: FailureLimiter = field(default_factory=FailureLimiter)

    async def catch_up(self) -> None:
        """If another process (the CLI) appended to the log, fold it in before answering:
        a rotated token or a revoked credential stops working on the very next request."""
        if self.reads.head() > self.writer.position:
            await self.writer.sync()
