"""A fresh boardlog served from this process, on its own event loop in a thread.

The replayer is synchronous (one request at a time, like the recording), so the server
needs a loop of its own to answer while the caller blocks.
"""
from __future__ import annotations

import asyncio
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from aiohttp import web

from rpc.app import Config, create_app

ADMIN_PASSWORD = "admin"  # Kanboard's default admin/admin, so recorded logins work


async def _start(db_path: str, token: str | None) -> tuple[web.AppRunner, int]:
    app = create_app(Config(db_path=db_path, api_token=token, admin_password=ADMIN_PASSWORD,
                            announce=False))
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]


@contextmanager
def running_boardlog(token: str, db_dir: Path | None = None,
                     location: str | None = None) -> Iterator[str]:
    """Serve boardlog on a new database (a file, or the empty `location`: a PostgreSQL
    schema); yields its Kanboard JSON-RPC URL."""
    with tempfile.TemporaryDirectory(prefix="boardlog-fidelity-", dir=db_dir) as directory:
        with serving(location or str(Path(directory) / "boardlog.db"), token) as url:
            yield url


@contextmanager
def serving(db_path: str, token: str | None) -> Iterator[str]:
    """Serve boardlog on the database at `db_path` (new or not); yields its URL."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    runner, port = asyncio.run_coroutine_threadsafe(_start(db_path, token), loop).result(30)
    try:
        yield f"http://127.0.0.1:{port}/jsonrpc.php"
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
