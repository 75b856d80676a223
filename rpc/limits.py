"""What one request may cost the server: every bound a client can reach, in one place.

Each is a `boardlog serve` setting (README "Configuration"); the defaults sit far above
what real Kanboard and Leantime clients send, so no recorded Kanboard answer changes.
"""
from __future__ import annotations

from dataclasses import dataclass

from domain.php import INT64_MAX, INT64_MIN

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class Limits:
    # calls in one batch; a longer batch is refused whole (-32600), nothing runs
    max_batch: int = 1000
    # bytes of a batch's answer; once past it, the remaining calls are not run and each
    # is answered -32600 (a single call's answer is not cut)
    max_answer: int = 64 * MIB
    # characters of any text parameter (titles, descriptions, comments, names, ...);
    # Kanboard on MySQL keeps at most 64 KiB in a TEXT column
    max_text: int = 1 * MIB
    # levels of arrays and objects inside a parameter or a request id
    max_depth: int = 32
    # bytes read from a request whose credentials failed, only to answer Kanboard's
    # parse error for a malformed body; a longer body is answered 401 unread
    unauthenticated_body: int = 64 * KIB
    # seconds for the whole body to arrive once the headers have (HTTP 408 after)
    read_timeout: float = 30.0
    # seconds a connection may stay idle or take to send a request's headers
    idle_timeout: float = 30.0


# SQLite stores signed 64-bit integers: any other integer would fail at storage.
INT_MIN, INT_MAX = INT64_MIN, INT64_MAX
