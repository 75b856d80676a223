"""/api/jsonrpc: Leantime's JSON-RPC behaviour, envelope to answer.

POST with a JSON body, or GET with `method`, `jsonrpc`, `id` and base64 `params`.
Authentication is by `x-api-key`; failures are HTTP 401 `{"error":"Unauthorized"}`,
and an address with more than 20 failures in a minute gets 429 with Retry-After.
JSON-RPC errors come back with HTTP 200 and Leantime's codes and messages.
"""
from __future__ import annotations

import base64
import binascii
import logging
import time
from typing import Any

import orjson
from aiohttp import web

from domain.errors import Conflict, DomainError, NotFound
from domain.keys import key_level
from rpc import protocol
from rpc.auth import Principal
from rpc.context import Ctx
from rpc.kanboard.endpoint import CORRELATION_ID, correlation_id, request_audit
from rpc.leantime import lookup, services
from rpc.leantime.binding import bind
from rpc.leantime.scope import NotAllowed
from rpc.metrics import Metrics
from rpc.procedures import ProcedureTable
from rpc.protocol import RpcError
from rpc.ratelimit import too_many
from rpc.state import Services

log = logging.getLogger("boardlog.leantime")
PREFIX = "leantime.rpc."
NOT_ALLOWED = (-32001, "You are not allowed to perform this action.")
SERVER_ERROR = (-32000, "Server error")
ONLY_POST_GET = (-32600, "The JSON-RPC API only supports POST/GET requests")
NO_VERSION = (-32600, 'You must include a "jsonrpc" parameter with a value of "2.0"')
WRONG_VERSION = (-32600, "Leantime only supports JSON-RPC version 2.0")


def _json(payload: Any, status: int = 200, headers: dict | None = None) -> web.Response:
    return web.Response(body=orjson.dumps(payload), status=status, headers=headers,
                        content_type="application/json")


def decode_params(text: str | None) -> Any:
    """GET params: base64 (standard or URL-safe, padded or not) of JSON."""
    if not text:
        return {}
    raw = text.strip().replace("-", "+").replace("_", "/")
    return orjson.loads(base64.b64decode(raw + "=" * (-len(raw) % 4), validate=True))


def request_from_query(query: Any) -> dict[str, Any]:
    request: dict[str, Any] = {k: query[k] for k in ("method", "jsonrpc", "id") if k in query}
    if "id" in request and request["id"].lstrip("-").isdigit():
        request["id"] = int(request["id"])
    request["params"] = decode_params(query.get("params"))
    return request


class LeantimeEndpoint:
    def __init__(self, services_: Services, table: ProcedureTable, metrics: Metrics) -> None:
        self.services, self.table, self.metrics = services_, table, metrics

    async def handle(self, request: web.Request) -> web.Response:
        request[CORRELATION_ID] = correlation_id(request)
        headers = {"X-Request-Id": request[CORRELATION_ID]}
        address = request.remote or "?"
        wait = self.services.key_failures.retry_after(address)
        if wait:
            return too_many(wait, headers)
        if request.method not in ("GET", "POST"):
            return _json(protocol.error(None, *ONLY_POST_GET), headers=headers)
        await self.services.catch_up()
        principal = await self._authenticate(request)
        if principal is None:
            self.services.key_failures.fail(address)
            return _json({"error": "Unauthorized"}, 401, headers)
        try:
            payload = await self._payload(request)
        except (protocol.NotJson, ValueError, binascii.Error):
            return _json(protocol.error(None, *protocol.PARSE_ERROR), headers=headers)
        audit = {**request_audit(request, "leantime"), **principal.audit()}
        answer = await protocol.answer(payload, lambda r: self._one(r, principal, audit))
        if answer is None:
            return web.Response(status=200, headers=headers)
        return _json(answer, headers=headers)

    async def _authenticate(self, request: web.Request) -> Principal | None:
        api_key = request.headers.get("x-api-key", "")
        return await self.services.auth.authenticate_key(api_key) if api_key else None

    async def _payload(self, request: web.Request) -> Any:
        if request.method == "GET":
            return request_from_query(request.query)
        return protocol.parse(await request.read())

    async def _one(self, request: Any, principal: Principal, audit: dict) -> dict | None:
        if not isinstance(request, dict):
            return protocol.error(None, *protocol.INVALID_REQUEST)
        request_id = request.get("id")
        method = request.get("method")
        started = time.perf_counter()
        try:
            _check_envelope(request)
            value = await self._call(method, request, principal, audit)
            reply = protocol.result(request_id, value)
        except RpcError as exc:
            reply = protocol.error_of(request_id, exc)
        except Exception:
            log.exception("leantime method %s failed", method)
            reply = protocol.error(request_id, *SERVER_ERROR)
        self.metrics.observe("leantime", str(method), time.perf_counter() - started,
                             "error" if "error" in reply else "ok")
        return None if protocol.is_notification(request) else reply

    async def _call(self, method: str, request: dict, principal: Principal, audit: dict) -> Any:
        procedure = self._resolve(method)
        if key_level(principal.role) < key_level(procedure.access.role):
            raise RpcError(NOT_ALLOWED)
        args = bind(procedure, request.get("params", {}))
        ctx = Ctx(principal, self.services.reads, self.services.writer,
                  {**audit, "rpc_method": method, "request_id": request.get("id"),
                   "causation_id": None})
        try:
            return await procedure.handler(ctx, **args)
        except NotAllowed as exc:
            raise RpcError(NOT_ALLOWED) from exc
        except NotFound as exc:
            raise RpcError((-32002, "Not found"), str(exc)) from exc
        except Conflict as exc:
            raise RpcError((-32005, "Already exists"), str(exc)) from exc
        except DomainError as exc:
            raise RpcError(protocol.INVALID_PARAMS, str(exc)) from exc

    def _resolve(self, method: str):
        if not method.startswith(PREFIX):
            raise RpcError(protocol.INVALID_PARAMS, f"Method must start with {PREFIX}")
        parts = method[len(PREFIX):].split(".")
        if len(parts) not in (2, 3) or not all(parts):
            raise RpcError(protocol.INVALID_PARAMS, f"Malformed method name: {method}")
        domain, service, name = (parts[0], parts[0], parts[1]) if len(parts) == 2 else parts
        if f"{domain}.{service}".lower() not in services():
            raise RpcError((-32601, f"Service doesn't exist: {domain}.{service}"))
        procedure = lookup(domain, service, name)
        if procedure is None:
            raise RpcError((-32601, f"Method doesn't exist: {name}"))
        return procedure


def _check_envelope(request: dict) -> None:
    if "jsonrpc" not in request:
        raise RpcError(NO_VERSION)
    if request["jsonrpc"] != "2.0":
        raise RpcError(WRONG_VERSION)
    if not isinstance(request.get("method"), str):
        raise RpcError(protocol.INVALID_REQUEST, "method must be a string")
    if not isinstance(request.get("params", {}), (dict, list)):
        raise RpcError(protocol.INVALID_PARAMS, "params must be an object")
