"""Walk the hash chain: every row must hash to what it stores, linked to its predecessor,
and match the anchors (position:hash pairs kept outside the database) it is given."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from eventstore import reader
from eventstore.blobs import BlobStore, check
from eventstore.recorder import is_keyed, record_hash
from eventstore.records import GENESIS_HASH, Recorded
from eventstore.schema import Connection


@dataclass(frozen=True)
class ChainReport:
    checked: int
    problem: str | None = None
    position: int | None = None


def parse_anchor(text: str) -> tuple[int, str]:
    """POSITION:HASH (as `boardlog head` prints it); ValueError if it is not one."""
    position, sep, digest = text.partition(":")
    if not sep or not position.strip().isdigit() or int(position) < 1 or not digest.strip():
        raise ValueError(f"an anchor is POSITION:HASH (as `boardlog head` prints), not {text!r}")
    return int(position), digest.strip()


def verify_chain(conn: Connection, key: bytes | None = None,
                 expect: Mapping[int, str] | None = None) -> ChainReport:
    return verify_rows(reader.read_all(conn), key, expect)


def verify_rows(rows: Iterable[Recorded], key: bytes | None = None,
                expect: Mapping[int, str] | None = None) -> ChainReport:
    """Positions must run 1, 2, 3..., each row must hash to what it stores (under `key`
    for a keyed log), and each expected position must hold its expected hash."""
    expect = dict(expect or {})
    previous, expected_position, checked = GENESIS_HASH, 1, 0
    for row in rows:
        if row.position != expected_position:
            what = "missing" if row.position > expected_position else "out of order"
            return ChainReport(checked, f"event at position {expected_position} is {what}",
                               expected_position)
        problem = _link_problem(row, previous, key)
        if problem:
            return ChainReport(checked, problem, row.position)
        anchored = expect.pop(row.position, None)
        if anchored is not None and anchored != row.hash:
            return ChainReport(checked, f"event at position {row.position} has hash "
                                        f"{row.hash}, not the expected {anchored} (the log was "
                                        "rewritten since that anchor was taken)", row.position)
        previous, expected_position, checked = row.hash, row.position + 1, checked + 1
    if expect:
        missing = min(expect)
        return ChainReport(checked, f"the log ends at position {expected_position - 1}, before "
                                    f"the expected position {missing} (events were removed)",
                           missing)
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


def _link_problem(row: Recorded, previous: str, key: bytes | None) -> str | None:
    if is_keyed(row.hash) and key is None:
        return (f"event at position {row.position} is keyed: verify with the log's chain key "
                "(BOARDLOG_CHAIN_KEY_FILE or BOARDLOG_CHAIN_KEY)")
    if key is not None and not is_keyed(row.hash):
        return (f"event at position {row.position} is not keyed, but a chain key was given "
                "(the log was started without one, or its hashes were recomputed without it)")
    if record_hash(row, previous, key) != row.hash:
        return (f"event at position {row.position} does not match its hash (altered, "
                "inserted, or its predecessor changed" + (", or a wrong key)" if key else ")"))
    return None
