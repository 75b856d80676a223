"""A stored event, its hash chain link, and its (de)serialisation with upcasting."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import orjson

from domain.events import Event, from_data
from domain.upcasters import upcast

GENESIS_HASH = "0" * 64
COLUMNS = ("position", "stream_id", "stream_version", "type", "schema_version", "data",
           "metadata", "recorded_at", "hash")


@dataclass(frozen=True, slots=True)
class Recorded:
    """One row of the log, as stored (data and metadata are JSON text)."""

    position: int
    stream_id: str
    stream_version: int
    type: str
    schema_version: int
    data: str
    metadata: str
    recorded_at: str
    hash: str

    def event(self) -> Event:
        """The domain event, upcast to the current schema version."""
        return decode(self.type, self.schema_version, self.data)

    def meta(self) -> dict[str, Any]:
        return orjson.loads(self.metadata)

    def as_tuple(self) -> tuple:
        return (self.position, self.stream_id, self.stream_version, self.type,
                self.schema_version, self.data, self.metadata, self.recorded_at, self.hash)


def decode(type_: str, schema_version: int, data: str) -> Event:
    """A stored event's data as the current domain event (old versions upcast)."""
    _, current = upcast(type_, schema_version, orjson.loads(data))
    return from_data(type_, current)


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def encode(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
