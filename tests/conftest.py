"""Fixtures: a real boardlog server on a loopback port, and a JSON-RPC client for it."""
from __future__ import annotations

import base64
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, AsyncIterator, Iterator

import aiohttp
import pytest
from aiohttp import web

from rpc.app import Config, create_app, server_options
from tests.pg_support import drop_schema, location_of, new_schema, requires_pg

TOKEN = "test-application-token"
ADMIN_PASSWORD = "admin-password"


def basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


@dataclass
class Rpc:
    """Calls one JSON-RPC endpoint as one identity over real HTTP."""

    session: aiohttp.ClientSession
    url: str
    auth: str | None
    counter: Any = None

    def as_user(self, username: str, password: str) -> "Rpc":
        return Rpc(self.session, self.url, basic(username, password), self.counter)

    async def post(self, body: bytes | str, headers: dict | None = None) -> tuple[int, Any, dict]:
        all_headers = {"Authorization": self.auth} if self.auth else {}
        all_headers.update(headers or {})
        async with self.session.post(self.url, data=body, headers=all_headers) as response:
            text = await response.text()
            payload = await response.json(content_type=None) if text else None
            return response.status, payload, response.headers.copy()  # case-insensitive

    async def call(self, method: str, params: Any = None) -> Any:
        """The result of a call; fails the test on an error answer."""
        answer = await self.answer(method, params)
        assert "error" not in answer, answer
        return answer["result"]

    async def answer(self, method: str, params: Any = None) -> dict:
        request: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "id": next(self.counter)}
        if params is not None:
            request["params"] = params
        import json

        status, payload, _ = await self.post(json.dumps(request))
        assert status == 200, (status, payload)
        return payload


@dataclass
class Server:
    url: str
    db_path: str
    app: web.Application


async def start_server(db_path: str, **config: Any) -> tuple[web.AppRunner, str]:
    settings = Config(db_path=db_path, api_token=TOKEN, admin_password=ADMIN_PASSWORD,
                      announce=False, **config)
    runner = web.AppRunner(create_app(settings), access_log=None, **server_options(settings))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # the port the OS chose
    return runner, f"http://127.0.0.1:{port}"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: a test of what only a SQLite file has "
                            "(its bytes, its WAL, its blobs directory): not run on PostgreSQL")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test on a database (`db_path`, so every `server`) runs on each backend:
    SQLite, and PostgreSQL when BOARDLOG_TEST_PG names one (else reported skipped)."""
    if "backend" not in metafunc.fixturenames:
        return
    backends: list[Any] = ["sqlite"]
    if not metafunc.definition.get_closest_marker("sqlite_only"):
        backends.append(pytest.param("postgresql", marks=requires_pg))
    metafunc.parametrize("backend", backends)


@pytest.fixture
def db_path(tmp_path: Path, backend: str) -> Iterator[str]:
    """The database a test's server runs on: a file, or a PostgreSQL schema of its own
    (dropped after the test)."""
    if backend == "sqlite":
        yield str(tmp_path / "boardlog.db")
        return
    schema = new_schema()
    try:
        yield location_of(schema)
    finally:
        drop_schema(schema)


@pytest.fixture
async def server(db_path: str) -> AsyncIterator[Server]:
    runner, url = await start_server(db_path)
    yield Server(url, db_path, runner.app)
    await runner.cleanup()


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


@pytest.fixture
def kanboard(server: Server, session: aiohttp.ClientSession) -> Rpc:
    """The Kanboard endpoint, as the application token."""
    return Rpc(session, f"{server.url}/jsonrpc.php", basic("jsonrpc", TOKEN), itertools.count(1))


_env_names = itertools.count(1)


@pytest.fixture
def env(shared, session: aiohttp.ClientSession):
    """For modules that define `shared = owner_server(...)` (tests/e2e/leantime_support):
    the owner key's Leantime client and the token's Kanboard client on that server."""
    from tests.e2e.leantime_support import Env, Leantime

    threaded, key = shared
    return Env(Leantime(session, threaded.url, key),
               Rpc(session, f"{threaded.url}/jsonrpc.php", basic("jsonrpc", TOKEN),
                   itertools.count(1)), _env_names)
