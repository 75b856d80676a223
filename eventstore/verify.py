"""Walk the hash chain: every row must hash to what it stores, linked to its predecessor."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Iterable

from eventstore import reader
from eventstore.blobs import BlobStore, check
from eventstore.records import GENESIS_HASH, Recorded, record_hash


@dataclass(frozen=True)
class ChainReport:
    checked: int
    problem: str | None = None
    position: int | None = None


def verify_chain(conn: sqlite3.Connection) -> ChainReport:
    return verify_rows(reader.read_all(conn))


def verify_rows(rows: Iterable[Recorded]) -> ChainReport:
    """Positions must run 1, 2, 3... and each row must hash to what it stores."""
    previous, expected_position, checked = GENESIS_HASH, 1, 0
    for row in rows:
        if row.position != expected_position:
            what = "missing" if row.position > expected_position else "out of order"
            return ChainReport(checked, f"event at position {expected_position} is {what}",
                               expected_position)
        if record_hash(row, previous) != row.hash:
            return ChainReport(checked, f"event at position {row.position} does not match its "
                                        "hash (altered, inserted, or its predecessor changed)",
                               row.position)
        previous, expected_position, checked = row.hash, row.position + 1, checked + 1
    return ChainReport(checked)


@dataclass(frozen=True)
class BlobReport:
    checked: int  # referenced blobs checked (each once)
    problem: str | None = None
    position: int | None = None  # the first event referencing the bad blob
    unreferenced: int = 0  # stored blobs no event names (a crash before a commit): harmless


def verify_blobs(store: BlobStore, references: Iterable[tuple[int, str]]) -> BlobReport:
    """Every blob the log references must be stored and hash to its name."""
    seen: set[str] = set()
    for position, digest in references:
        if digest in seen:
            continue
        problem = check(store, digest)
        if problem:
            return BlobReport(len(seen), f"{problem} (referenced by the event at position "
                                         f"{position})", position)
        seen.add(digest)
    return BlobReport(len(seen), unreferenced=sum(1 for d in store.digests() if d not in seen))
