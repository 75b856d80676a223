"""The services one server process shares between requests."""
from __future__ import annotations

from dataclasses import dataclass

from eventstore.writer import Writer
from projections.queries import Reads
from rpc.auth import Authenticator


@dataclass
class Services:
    writer: Writer
    reads: Reads
    auth: Authenticator
    db_path: str

    async def catch_up(self) -> None:
        """If another process (the CLI) appended to the log, fold it in before answering:
        a rotated token or a revoked credential stops working on the very next request."""
        if self.reads.head() > self.writer.position:
            await self.writer.sync()
