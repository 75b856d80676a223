"""Hearing other servers' commits on PostgreSQL: LISTEN on the channel each append
notifies, and catch up as soon as one arrives.

Only a shortcut: a NOTIFY arrives asynchronously, so every request still asks the change
probe (rpc/state.py `Services.catch_up`) before it decides or answers. Hearing it early
means that probe usually finds the world caught up already: the fold of what another
server wrote happens between requests, not in front of one, and cached answers retire
while nobody waits. The channel is the database's, not the schema's: a notification from
another boardlog schema on the same database costs a look at the head, nothing more.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable

log = logging.getLogger("boardlog.follow")

CHANNEL = "boardlog_log"  # what eventstore/postgres.py notifies in each appending commit
RETRY_SECONDS = 1.0


async def follow(location: str, catch_up: Callable[[], Awaitable[None]]) -> None:
    """Until cancelled: `catch_up()` after notifications on the channel (those that
    arrive while one runs count as one more); reconnects after a lost connection."""
    heard = asyncio.Event()
    catching = asyncio.create_task(_catch_up_when(heard, catch_up))
    try:
        await _listen(location, heard)
    finally:
        catching.cancel()


async def _catch_up_when(heard: asyncio.Event, catch_up: Callable[[], Awaitable[None]]) -> None:
    while True:
        await heard.wait()
        heard.clear()
        try:
            await catch_up()
        except Exception:  # the next request's own catch-up tries again
            log.warning("catching up after a notification failed", exc_info=True)


async def _listen(location: str, heard: asyncio.Event) -> None:
    import psycopg

    from eventstore.pg_connection import split_schema

    url, _ = split_schema(location)
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
                await conn.execute(f"LISTEN {CHANNEL}")
                heard.set()  # whatever was committed before LISTEN took effect
                async for _ in conn.notifies():
                    heard.set()
        except Exception:
            log.warning("listening for other servers' commits failed; retrying",
                        exc_info=True)
            await asyncio.sleep(RETRY_SECONDS)
