"""Move a whole log between databases as NDJSON, byte for byte, so hashes still verify.

An export is one stream: one JSON object per event, and before the first event that
references a file's content, one line carrying that blob (`{"blob": sha256, "data":
base64}`). An import checks every blob against its hash and that every referenced blob
is carried, and stores the blobs before it writes the log."""
from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from typing import IO, Iterable, Iterator, Mapping

import orjson

from domain.events import BLOB_EVENTS
from eventstore import reader
from eventstore.blobs import BlobStore, digest_of, is_digest
from eventstore.records import COLUMNS, Recorded
from eventstore.schema import Connection
from eventstore.backends import open_log_recorder, shown
from eventstore.verify import ChainReport, verify_rows


class TransferError(Exception):
    pass


def referenced_blob(row: Recorded) -> str | None:
    """The SHA-256 of the content an event references, if it references one."""
    return orjson.loads(row.data).get("sha256") if row.type in BLOB_EVENTS else None


def export_lines(conn: Connection, until: int | None = None,
                 blobs: BlobStore | None = None) -> Iterator[bytes]:
    """One JSON object per event; data and metadata stay the exact stored text. With a
    blob store, each referenced blob once, on a line before its first event."""
    carried: set[str] = set()
    for row in reader.read_all(conn, until=until):
        digest = referenced_blob(row) if blobs is not None else None
        if digest is not None and digest not in carried:
            data = blobs.get(digest)
            if data is None or digest_of(data) != digest:
                raise TransferError(f"blob {digest} (event at position {row.position}) is "
                                    "missing or altered; `boardlog verify` names the problem")
            carried.add(digest)
            yield orjson.dumps({"blob": digest, "data": base64.b64encode(data).decode()}) + b"\n"
        yield orjson.dumps(dict(zip(COLUMNS, row.as_tuple()))) + b"\n"


def _blob_of(number: int, fields: dict) -> tuple[str, bytes]:
    digest = fields["blob"]
    try:
        data = base64.b64decode(fields["data"], validate=True)
    except (binascii.Error, KeyError, TypeError, ValueError) as exc:
        raise TransferError(f"line {number}: blob {digest} is not base64: {exc}") from exc
    if not is_digest(digest) or digest_of(data) != digest:
        raise TransferError(f"line {number}: blob {digest} does not match its hash")
    return digest, data


@dataclass
class Parsed:
    rows: list[Recorded] = field(default_factory=list)
    blobs: set[str] = field(default_factory=set)  # the digests the export carries


def parse_lines(lines: Iterable[bytes | str], store: BlobStore | None = None) -> Parsed:
    """The events of an export and the blobs it carries (each checked against its hash;
    stored in `store` when one is given)."""
    parsed = Parsed()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            fields = orjson.loads(line)
            if isinstance(fields, dict) and "blob" in fields:
                digest, data = _blob_of(number, fields)
                parsed.blobs.add(digest)
                if store is not None:
                    store.put(data)
                continue
            parsed.rows.append(Recorded(*(fields[c] for c in COLUMNS)))
        except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
            raise TransferError(f"line {number} is not an exported event: {exc}") from exc
    return parsed


def missing_blob(rows: Iterable[Recorded], carried: set[str]) -> ChainReport | None:
    for row in rows:
        digest = referenced_blob(row)
        if digest is not None and digest not in carried:
            return ChainReport(0, f"event at position {row.position} references blob "
                                  f"{digest}, which the export does not carry", row.position)
    return None


def write_log(path: str, rows: list[Recorded]) -> None:
    """Write rows into a database (SQLite or PostgreSQL) that holds no events yet, in one
    transaction (copied as they are: a keyed log stays keyed with the same key)."""
    recorder = open_log_recorder(path)
    try:
        if recorder.head().position:
            raise TransferError(f"{shown(path)} already holds events; import into a new "
                                "database")
        with recorder.transaction() as txn:
            txn.copy(rows)
    finally:
        recorder.close()


def copy_blobs(rows: Iterable[Recorded], source: BlobStore, target: BlobStore) -> int:
    """Copy the blobs `rows` reference (a replay's new database needs them)."""
    copied: set[str] = set()
    for row in rows:
        digest = referenced_blob(row)
        if digest is None or digest in copied:
            continue
        data = source.get(digest)
        if data is None or digest_of(data) != digest:
            raise TransferError(f"blob {digest} (event at position {row.position}) is "
                                "missing or altered; `boardlog verify` names the problem")
        target.put(data)
        copied.add(digest)
    return len(copied)


def import_log(path: str, source: IO[bytes], blobs: BlobStore, key: bytes | None = None,
               expect: Mapping[int, str] | None = None) -> ChainReport:
    """Import an export into a new database, refusing it whole if its chain is broken,
    does not verify under `key`, misses an expected position:hash anchor, a blob does not
    match its hash or a referenced blob is not carried. A first pass checks; only then
    are the blobs stored (a second pass) and the log written."""
    parsed = parse_lines(source)
    report = verify_rows(parsed.rows, key, expect)
    if report.problem is None:
        report = missing_blob(parsed.rows, parsed.blobs) or report
    if report.problem is None:
        if parsed.blobs:
            source.seek(0)
            parse_lines(source, blobs)
        write_log(path, parsed.rows)
    return report
