"""The blob store contract, against every backend: content addressed, stored once,
durable across reopening, and what `verify` relies on to find a bad blob."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterator

import pytest

from eventstore.backends import open_blobs
from eventstore.blobs import BlobStore, FileBlobStore, MemoryBlobStore, check
from eventstore.verify import verify_blobs
from tests.pg_support import SchemaPerDirectory, requires_pg


def _open_postgres(location: str) -> BlobStore:
    from eventstore.pg_blobs import PostgresBlobStore

    return PostgresBlobStore(location)


BLOB_FACTORIES = [
    pytest.param(lambda directory: FileBlobStore(directory / "log.db.blobs"), id="file"),
    pytest.param(lambda directory: MemoryBlobStore(), id="memory"),
    pytest.param(SchemaPerDirectory(_open_postgres), id="postgresql", marks=requires_pg),
]


@pytest.fixture(params=BLOB_FACTORIES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BlobStore]:
    opened = request.param(tmp_path)
    yield opened
    if hasattr(request.param, "drop"):
        opened.close()
        request.param.drop(tmp_path)


def test_content_is_stored_once_under_its_sha256(store: BlobStore) -> None:
    data = bytes(range(256)) * 3
    digest = store.put(data)
    assert digest == hashlib.sha256(data).hexdigest()
    assert store.put(data) == digest  # the same content again: nothing new
    assert store.get(digest) == data and store.has(digest)
    assert list(store.digests()) == [digest]


def test_unknown_or_malformed_digests_find_nothing(store: BlobStore) -> None:
    assert store.get("0" * 64) is None and not store.has("0" * 64)
    assert store.get("../../etc/passwd") is None and not store.has("not-a-digest")
    assert check(store, "0" * 64) == f"blob {'0' * 64} is missing"


def test_empty_content_is_a_blob_too(store: BlobStore) -> None:
    digest = store.put(b"")
    assert store.get(digest) == b"" and check(store, digest) is None


def test_verify_names_the_first_bad_reference_and_counts_orphans(store: BlobStore) -> None:
    good, orphan = store.put(b"kept"), store.put(b"never committed")
    missing = hashlib.sha256(b"gone").hexdigest()
    report = verify_blobs(store, [(3, good), (5, good)])
    assert (report.checked, report.problem, report.unreferenced) == (1, None, 1)
    report = verify_blobs(store, [(3, good), (7, missing)])
    assert report.position == 7 and missing in report.problem and "missing" in report.problem
    assert orphan in set(store.digests())


def test_file_blobs_survive_reopening_and_leave_no_temporary_files(tmp_path: Path) -> None:
    digest = open_blobs(str(tmp_path / "x.db")).put(b"durable")
    reopened = open_blobs(str(tmp_path / "x.db"))
    assert reopened.get(digest) == b"durable"
    root = tmp_path / "x.db.blobs"
    assert (root / digest[:2] / digest).read_bytes() == b"durable"
    assert list((root / "tmp").iterdir()) == []


def test_an_altered_file_blob_no_longer_matches_its_hash(tmp_path: Path) -> None:
    store = FileBlobStore(tmp_path / "blobs")
    digest = store.put(b"original")
    store.path_of(digest).write_bytes(b"tampered")
    assert check(store, digest) == f"blob {digest} does not match its hash (altered)"


def test_memory_locations_keep_blobs_in_memory() -> None:
    assert isinstance(open_blobs(":memory:"), MemoryBlobStore)

