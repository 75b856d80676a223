"""Move a whole log between databases as NDJSON, byte for byte, so hashes still verify."""
from __future__ import annotations

import sqlite3
from typing import IO, Iterable, Iterator, Mapping

import orjson

from eventstore import reader
from eventstore.records import COLUMNS, Recorded
from eventstore.sqlite import SqliteRecorder
from eventstore.verify import ChainReport, verify_rows


class TransferError(Exception):
    pass


def export_lines(conn: sqlite3.Connection, until: int | None = None) -> Iterator[bytes]:
    """One JSON object per event; data and metadata stay the exact stored text."""
    for row in reader.read_all(conn, until=until):
        yield orjson.dumps(dict(zip(COLUMNS, row.as_tuple()))) + b"\n"


def parse_lines(lines: Iterable[bytes | str]) -> Iterator[Recorded]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            fields = orjson.loads(line)
            yield Recorded(*(fields[c] for c in COLUMNS))
        except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
            raise TransferError(f"line {number} is not an exported event: {exc}") from exc


def write_log(path: str, rows: list[Recorded]) -> None:
    """Write rows into a database that holds no events yet, in one transaction (copied
    as they are: a keyed log stays keyed with the same key)."""
    recorder = SqliteRecorder.open(path)
    try:
        if recorder.head().position:
            raise TransferError(f"{path} already holds events; import into a new database")
        with recorder.transaction() as txn:
            txn.copy(rows)
    finally:
        recorder.close()


def import_log(path: str, source: IO[bytes], key: bytes | None = None,
               expect: Mapping[int, str] | None = None) -> ChainReport:
    """Import an export into a new database, refusing it whole if its chain is broken,
    does not verify under `key`, or misses an expected position:hash anchor."""
    rows = list(parse_lines(source))
    report = verify_rows(rows, key, expect)
    if report.problem is None:
        write_log(path, rows)
    return report
