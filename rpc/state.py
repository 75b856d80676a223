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
