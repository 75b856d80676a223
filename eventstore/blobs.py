"""File contents, stored once by SHA-256 beside the log.

The log records a file's name, size, type and the hash of its content; the content
itself lives here, addressed by that hash, so the hash chain covers it and a content
uploaded twice is stored once. A blob is written (atomically) before the event that
references it is committed: a crash in between leaves only an unreferenced blob, which
is harmless (`verify` reports it as information). Blobs are never removed: the log is
append-only and every file it ever recorded stays downloadable from an export or a
replay.

`BlobStore` is the contract (put, get, has, list); `FileBlobStore` keeps each blob in
`<database>.blobs/ab/abcdef...`, `MemoryBlobStore` in a dict (tests, in-memory
databases). A backend that keeps blobs elsewhere (a PostgreSQL table) implements the
same four methods and is named in eventstore/backends.py.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Iterator, Protocol

_DIGEST = re.compile(r"[0-9a-f]{64}")


class BlobError(Exception):
    """A blob is missing, or its content does not hash to its name."""


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_digest(value: object) -> bool:
    return isinstance(value, str) and _DIGEST.fullmatch(value) is not None


class BlobStore(Protocol):
    def put(self, data: bytes) -> str:
        """Store the content (durably, once) and return its SHA-256 in hex."""

    def get(self, digest: str) -> bytes | None:
        """The content stored under the digest, as stored (None if there is none)."""

    def has(self, digest: str) -> bool: ...

    def digests(self) -> Iterator[str]:
        """Every digest stored, in no particular order."""


def check(store: BlobStore, digest: str) -> str | None:
    """What is wrong with a referenced blob, or None."""
    data = store.get(digest) if is_digest(digest) else None
    if data is None:
        return f"blob {digest} is missing"
    if digest_of(data) != digest:
        return f"blob {digest} does not match its hash (altered)"
    return None


class MemoryBlobStore:
    def __init__(self) -> None:
        self._blobs: dict[str, bytes] = {}

    def put(self, data: bytes) -> str:
        digest = digest_of(data)
        self._blobs.setdefault(digest, bytes(data))
        return digest

    def get(self, digest: str) -> bytes | None:
        return self._blobs.get(digest)

    def has(self, digest: str) -> bool:
        return digest in self._blobs

    def digests(self) -> Iterator[str]:
        return iter(list(self._blobs))


class FileBlobStore:
    """One file per blob under `root/ab/<digest>`; written to a temporary file in
    `root/tmp`, fsynced, renamed into place and its directory fsynced."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    def path_of(self, digest: str) -> Path:
        if not is_digest(digest):
            raise BlobError(f"{digest!r} is not a SHA-256 digest")
        return self.root / digest[:2] / digest

    def put(self, data: bytes) -> str:
        digest = digest_of(data)
        target = self.path_of(digest)
        if target.exists():  # content addressed: the same content is already there
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = self.root / "tmp"
        scratch.mkdir(exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=scratch)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)
        return digest

    def get(self, digest: str) -> bytes | None:
        try:
            return self.path_of(digest).read_bytes()
        except (FileNotFoundError, BlobError):
            return None

    def has(self, digest: str) -> bool:
        return is_digest(digest) and self.path_of(digest).exists()

    def digests(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for shard in sorted(self.root.iterdir()):
            if shard.is_dir() and len(shard.name) == 2:
                yield from (p.name for p in sorted(shard.iterdir()) if is_digest(p.name))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
