"""POST /jsonrpc.php: Kanboard's JSON-RPC behaviour, envelope to answer.

Order as in Kanboard: parse errors are answered before authentication; bad
credentials are a 401 whatever the method; a 403 anywhere in a batch replaces the
whole answer; notifications are run but not answered.
"""
from __future__ import annotations

import itertools
import logging
import time
import uuid
from typing import Any

from aiohttp import web

from domain.errors import DomainError
from rpc import protocol
from rpc.auth import Principal, parse_basic
from rpc.context import Ctx
from rpc.kanboard.access import Forbidden, check
from rpc.metrics import Metrics
from rpc.procedures import ProcedureTable
from rpc.protocol import RpcError
from rpc.ratelimit import too_many
from rpc.state import Services

log = logging.getLogger("boardlog.rpc")

CORRELATION_ID = web.RequestKey("correlation_id", str)
UNAUTHORIZED_BODY = b'{"jsonrpc":"2.0","error":{"code":401,"message":"Unauthorized"},"id":null}'
FORBIDDEN_BODY = b'{"jsonrpc":"2.0","error":{"code":403,"message":"Forbidden"},"id":null}'


def _json(body: bytes, headers: dict[str, str]) -> web.Response:
    return web.Response(body=body, content_type="application/json", headers=headers)


def request_audit(request: web.Request, endpoint: str) -> dict[str, Any]:
    return {"endpoint": endpoint, "correlation_id": request[CORRELATION_ID],
            "client": request.remote, "user_agent": request.headers.get("User-Agent", "")}


class KanboardEndpoint:
    def __init__(self, services: Services, table: ProcedureTable, metrics: Metrics) -> None:
        self.services, self.table, self.metrics = services, table, metrics

    async def handle(self, request: web.Request) -> web.Response:
        request[CORRELATION_ID] = correlation_id(request)
        headers = {"X-Request-Id": request[CORRELATION_ID]}
        try:
            payload = protocol.parse(await request.read())
        except protocol.NotJson:
            return _json(protocol.dumps(protocol.error(None, *protocol.PARSE_ERROR)), headers)
        await self.services.catch_up()
        keyed = "x-api-key" in request.headers
        address = request.remote or "?"
        wait = self.services.key_failures.retry_after(address) if keyed else 0
        if wait:  # API-key guessing is limited on both endpoints alike
            return too_many(wait, headers)
        principal = await self._authenticate(request)
        if principal is None:
            if keyed:
                self.services.key_failures.fail(address)
            return web.Response(status=401, body=UNAUTHORIZED_BODY, content_type="application/json",
                                headers={**headers, "WWW-Authenticate": 'Basic realm="JsonRPC"'})
        audit = {**request_audit(request, "kanboard"), **principal.audit()}
        try:
            answer = await protocol.answer(payload, lambda r: self._one(r, principal, audit))
        except Forbidden:
            return web.Response(status=403, body=FORBIDDEN_BODY, content_type="application/json",
                                headers=headers)
        if answer is None:
            return web.Response(status=200, headers=headers)
        return _json(protocol.dumps(answer), headers)

    async def _authenticate(self, request: web.Request) -> Principal | None:
        api_key = request.headers.get("x-api-key")
        if api_key:  # a Leantime API key works here too, within its scope
            return await self.services.auth.authenticate_key(api_key)
        header = request.headers.get("X-API-Auth")
        credentials = parse_basic(f"Basic {header}" if header else None) or parse_basic(
            request.headers.get("Authorization"))
        if credentials is None:
            return None
        return await self.services.auth.authenticate(*credentials)

    async def _one(self, request: Any, principal: Principal, audit: dict) -> dict | None:
        if not isinstance(request, dict):
            return protocol.error(None, *protocol.PARSE_ERROR)
        if not protocol.is_valid(request):
            return protocol.error(None, *protocol.INVALID_REQUEST)
        request_id = request.get("id")
        started = time.perf_counter()
        method = request["method"]
        try:
            value = await self._call(method, request, principal, audit)
            reply = protocol.result(request_id, value)
        except RpcError as exc:
            reply = protocol.error_of(request_id, exc)
        except Forbidden:
            self.metrics.observe("kanboard", method, time.perf_counter() - started, "forbidden")
            raise
        except Exception:
            log.exception("procedure %s failed", method)
            reply = protocol.error(request_id, *protocol.INTERNAL_ERROR)
        self.metrics.observe("kanboard", method, time.perf_counter() - started,
                             "error" if "error" in reply else "ok")
        return None if protocol.is_notification(request) else reply

    async def _call(self, method: str, request: dict, principal: Principal, audit: dict) -> Any:
        procedure = self.table.get(method)
        if procedure is None:
            raise RpcError(protocol.METHOD_NOT_FOUND)
        args = procedure.bind(request.get("params", []))
        reads = self.services.reads
        check(procedure.access, principal, reads, args)
        ctx = Ctx(principal, reads, self.services.writer,
                  {**audit, "rpc_method": method, "request_id": request.get("id"),
                   "causation_id": None}, self.services.answers)
        try:
            return await procedure.handler(ctx, **args)
        except DomainError as exc:  # a refusal a handler did not map to Kanboard's answer
            raise RpcError(protocol.INVALID_PARAMS, str(exc)) from exc


_PROCESS = uuid.uuid4().hex[:12]
_COUNTER = itertools.count(1)


def correlation_id(request: web.Request) -> str:
    """The caller's X-Request-Id, or a new id unique to this process and request."""
    given = request.headers.get("X-Request-Id", "")
    return given[:128] if given else f"{_PROCESS}-{next(_COUNTER):x}"
