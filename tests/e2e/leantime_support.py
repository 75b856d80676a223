"""Shared helpers for the Leantime end-to-end tests: a tiny Leantime JSON-RPC client that
speaks to /api/jsonrpc over real HTTP (POST with a JSON body or GET with base64 params,
the x-api-key header), and ways to issue API keys. This module holds no tests itself."""
from __future__ import annotations

import asyncio
import base64
import itertools
import json
import threading
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Iterator
from urllib.parse import quote

import aiohttp
import pytest

from tests.conftest import TOKEN, Rpc, Server, basic, start_server

PREFIX = "leantime.rpc."
ROLES = ("readonly", "commenter", "editor", "manager", "admin", "owner")
LEANTIME_COLUMNS = ["New", "Blocked", "In Progress", "Waiting for Approval", "Done"]


def full_name(method: str) -> str:
    """`tickets.getTicket` -> `leantime.rpc.tickets.getTicket` (full names pass through)."""
    return method if method.startswith("leantime") or "." not in method else PREFIX + method


def b64_params(params: Any, urlsafe: bool = False, padded: bool = True) -> str:
    raw = json.dumps(params).encode()
    text = (base64.urlsafe_b64encode(raw) if urlsafe else base64.b64encode(raw)).decode()
    return text if padded else text.rstrip("=")


@dataclass
class Leantime:
    """Calls /api/jsonrpc as one API key (or none) over real HTTP."""

    session: aiohttp.ClientSession
    base: str  # the server's base URL
    key: str | None
    path: str = "/api/jsonrpc"
    counter: Any = field(default_factory=lambda: itertools.count(1))

    @property
    def url(self) -> str:
        return self.base + self.path

    def as_key(self, key: str | None) -> "Leantime":
        return Leantime(self.session, self.base, key, self.path, self.counter)

    def _headers(self, extra: dict | None) -> dict:
        headers = {"x-api-key": self.key} if self.key else {}
        headers.update(extra or {})
        return headers

    async def post(self, body: bytes | str | Any, headers: dict | None = None,
                   path: str | None = None) -> tuple[int, Any, Any]:
        """POST a raw body (objects are JSON-encoded); (status, decoded JSON or None, headers)."""
        if not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        url = self.base + (path or self.path)
        async with self.session.post(url, data=body, headers=self._headers(headers)) as resp:
            text = await resp.text()
            return resp.status, (json.loads(text) if text else None), resp.headers.copy()

    async def get(self, query: str, headers: dict | None = None,
                  path: str | None = None) -> tuple[int, Any, Any]:
        """GET with a literal query string (already encoded), exactly as a script would."""
        url = self.base + (path or self.path) + ("?" + query if query else "")
        async with self.session.get(url, headers=self._headers(headers)) as resp:
            text = await resp.text()
            return resp.status, (json.loads(text) if text else None), resp.headers.copy()

    async def request(self, http_method: str, path: str | None = None,
                      headers: dict | None = None) -> tuple[int, Any, Any]:
        url = self.base + (path or self.path)
        async with self.session.request(http_method, url, headers=self._headers(headers)) as r:
            text = await r.text()
            return r.status, (json.loads(text) if text else None), r.headers.copy()

    def envelope(self, method: str, params: Any = None, id: Any = "auto") -> dict:
        request: dict[str, Any] = {"jsonrpc": "2.0", "method": full_name(method)}
        if params is not None:
            request["params"] = params
        if id == "auto":
            request["id"] = next(self.counter)
        elif id is not None:
            request["id"] = id
        return request

    async def answer(self, method: str, params: Any = None) -> dict:
        """The whole JSON-RPC answer of one POSTed call (HTTP 200 asserted)."""
        request = self.envelope(method, params)
        status, payload, _ = await self.post(request)
        assert status == 200, (status, payload)
        assert payload["id"] == request["id"], payload
        return payload

    async def call(self, method: str, params: Any = None) -> Any:
        """The result of a call; fails the test on an error answer."""
        payload = await self.answer(method, params)
        assert "error" not in payload, payload
        return payload["result"]

    async def error(self, method: str, params: Any = None) -> dict:
        """The error object of a call that must fail inside the envelope."""
        payload = await self.answer(method, params)
        assert "error" in payload, payload
        return payload["error"]

    async def get_call(self, method: str, params: Any = None, id: Any = 1,
                       urlsafe: bool = False, padded: bool = True) -> tuple[int, Any]:
        query = f"method={quote(full_name(method))}&jsonrpc=2.0&id={quote(str(id))}"
        if params is not None:
            query += "&params=" + quote(b64_params(params, urlsafe, padded), safe="")
        status, payload, _ = await self.get(query)
        return status, payload

    async def batch(self, requests: list[dict]) -> list[dict]:
        status, payload, _ = await self.post(requests)
        assert status == 200, (status, payload)
        return payload


async def kb_key(kanboard: Rpc, role: str, projects: list[int] | tuple = (),
                 name: str | None = None) -> dict:
    """Issue a key through the Kanboard procedure createApiKey (as the application token)."""
    issued = await kanboard.call("createApiKey", {"name": name or f"{role} key", "role": role,
                                                  "projects": list(projects)})
    assert issued and issued["key"].startswith("lt_"), issued
    return issued


def lt_for(server: Server, session: aiohttp.ClientSession, key: str | None) -> Leantime:
    return Leantime(session, server.url, key)


async def leantime_as(kanboard: Rpc, server: Server, session: aiohttp.ClientSession, role: str,
                      projects: list[int] | tuple = ()) -> Leantime:
    return lt_for(server, session, (await kb_key(kanboard, role, projects))["key"])


async def events(kanboard: Rpc, types: set[str] | None = None) -> list[dict]:
    """Every event of the log (paged through Kanboard's getEvents), optionally by type."""
    found: list[dict] = []
    position = 0
    while True:
        page = await kanboard.call("getEvents", {"from_position": position, "limit": 1000})
        if not page:
            break
        found += page
        position = page[-1]["position"]  # getEvents answers the events after it
        if len(page) < 1000:
            break
    return [e for e in found if types is None or e["type"] in types]


async def kb_project(kanboard: Rpc, name: str) -> int:
    project_id = await kanboard.call("createProject", {"name": name})
    assert isinstance(project_id, int) and project_id > 0
    return project_id


async def kb_task(kanboard: Rpc, project_id: int, title: str, **extra: Any) -> int:
    task_id = await kanboard.call("createTask", {"project_id": project_id, "title": title,
                                                 **extra})
    assert isinstance(task_id, int) and task_id > 0
    return task_id


class ThreadedServer:
    """A real boardlog server on its own event loop in a background thread, so one module
    can share it across tests (each test still talks to it over real HTTP with its own
    client session). Used where per-test servers would make the suite slow."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.runner, self.url = self.run(start_server(db_path))

    def run(self, coroutine: Awaitable[Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(60)

    def setup(self, populate: Callable[[Rpc], Awaitable[Any]]) -> Any:
        """Run `populate(kanboard)` on the server's loop, as the application token."""
        async def go() -> Any:
            async with aiohttp.ClientSession() as session:
                return await populate(Rpc(session, f"{self.url}/jsonrpc.php",
                                          basic("jsonrpc", TOKEN), itertools.count(1)))
        return self.run(go())

    @property
    def server(self) -> Server:
        return Server(self.url, self.db_path, self.runner.app)

    def stop(self) -> None:
        try:
            self.run(self.runner.cleanup())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(30)
            self.loop.close()


@dataclass
class Env:
    lt: Leantime  # an owner key
    kb: Rpc  # the application token on /jsonrpc.php
    names: Iterator[int]

    async def project(self, name: str | None = None) -> int:
        """A new project made through Leantime (columns New..Done, statuses 3,1,4,2,0)."""
        return await self.lt.call("projects.addProject",
                                  {"values": {"name": name or f"P{next(self.names)}"}})

    async def user(self, project_id: int, name: str | None = None) -> int:
        username = name or f"user{next(self.names)}"
        user_id = await self.kb.call("createUser", {"username": username, "password": "secret123"})
        assert await self.lt.call("projects.addUserToProject",
                                  {"userId": user_id, "projectId": project_id})
        return user_id

    async def ticket(self, project_id: int, headline: str, **values: Any) -> int:
        ticket_id = await self.lt.call("tickets.addTicket", {"values": {
            "headline": headline, "projectId": project_id, **values}})
        assert isinstance(ticket_id, int), ticket_id
        return ticket_id

    async def get(self, ticket_id: int) -> Any:
        return await self.lt.call("tickets.getTicket", {"id": ticket_id})

    async def column_title(self, task_id: int) -> str:
        task = await self.kb.call("getTask", [task_id])
        columns = await self.kb.call("getColumns", [task["project_id"]])
        return next(c["title"] for c in columns if c["id"] == task["column_id"])


def owner_server(label: str, key_name: str | None = None):
    """A module-scoped server shared by a test module, with an owner key issued on it:
    `shared = owner_server("name")` in the module, then use the `env` fixture (conftest)."""

    @pytest.fixture(scope="module")
    def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ThreadedServer, str]]:
        threaded = ThreadedServer(str(tmp_path_factory.mktemp(label) / "b.db"))

        async def issue(kb: Rpc) -> str:
            return (await kb_key(kb, "owner", name=key_name))["key"]

        try:
            yield threaded, threaded.setup(issue)
        finally:
            threaded.stop()

    return shared
