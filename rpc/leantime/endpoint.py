"""/api/jsonrpc: Leantime's dialect of the shared request pipeline (rpc.pipeline).

POST with a JSON body, or GET with `method`, `jsonrpc`, `id` and base64 `params`.
Authentication is by `x-api-key`; failures are HTTP 401 `{"error":"Unauthorized"}`,
and an address with more than 20 failures in a minute gets 429 with Retry-After.
JSON-RPC errors come back with HTTP 200 and Leantime's codes and messages; a bug is
-32000 "Server error".
"""
from __future__ import annotations

import base64
import binascii
from typing import Any

import orjson
from aiohttp import web

from domain.errors import AboveCeiling, Conflict, DomainError, NotFound
from domain.keys import key_level
from domain.rules import is_digits
from projections.queries import Reads
from rpc import protocol
from rpc.auth import Authenticator, Principal
from rpc.leantime import lookup, services
from rpc.leantime.binding import bind
from rpc.leantime.scope import NotAllowed
from rpc.body import read_body
from rpc.limits import Limits
from rpc.procedures import DEFAULT_LIMITS, Procedure, ProcedureTable
from rpc.protocol import HttpError, RpcError

PREFIX = "leantime.rpc."
NOT_ALLOWED = (-32001, "You are not allowed to perform this action.")
NOT_FOUND = (-32002, "Not found")
ALREADY_EXISTS = (-32005, "Already exists")
SERVER_ERROR = (-32000, "Server error")
ONLY_POST_GET = (-32600, "The JSON-RPC API only supports POST/GET requests")
NO_VERSION = (-32600, 'You must include a "jsonrpc" parameter with a value of "2.0"')
WRONG_VERSION = (-32600, "Leantime only supports JSON-RPC version 2.0")
UNAUTHORIZED_BODY = b'{"error":"Unauthorized"}'


def decode_params(text: str | None) -> Any:
    """GET params: base64 (standard or URL-safe, padded or not) of JSON."""
    if not text:
        return {}
    raw = text.strip().replace("-", "+").replace("_", "/")
    return orjson.loads(base64.b64decode(raw + "=" * (-len(raw) % 4), validate=True))


def request_from_query(query: Any) -> dict[str, Any]:
    request: dict[str, Any] = {k: query[k] for k in ("method", "jsonrpc", "id") if k in query}
    if "id" in request and is_digits(request["id"].removeprefix("-")):
        request["id"] = int(request["id"])
    request["params"] = decode_params(query.get("params"))
    return request


class LeantimeDialect:
    name = "leantime"
    parses_first = False
    internal_error = SERVER_ERROR
    refusals: tuple[type[Exception], ...] = (NotAllowed, DomainError)

    def __init__(self, table: ProcedureTable, limits: Limits = DEFAULT_LIMITS) -> None:
        self.table, self.limits = table, limits
        self.services = services(table)  # "domain.service" names, lower case

    def admit(self, request: web.Request) -> None:
        if request.method not in ("GET", "POST"):
            raise RpcError(ONLY_POST_GET)

    async def authenticate(self, auth: Authenticator, request: web.Request) -> Principal | None:
        api_key = request.headers.get("x-api-key", "")
        return await auth.authenticate_key(api_key, request.remote or "?") if api_key else None

    def unauthorized(self) -> HttpError:
        return HttpError(401, UNAUTHORIZED_BODY)

    async def payload(self, request: web.Request) -> Any:
        try:
            if request.method == "GET":
                return request_from_query(request.query)
            return protocol.parse(await read_body(request, self.limits))
        except (protocol.NotJson, ValueError, binascii.Error):
            raise RpcError(protocol.PARSE_ERROR) from None

    def screen(self, item: Any) -> dict | None:
        if not isinstance(item, dict):
            return protocol.error(None, *protocol.INVALID_REQUEST)
        return None  # the envelope is checked in prepare: those errors are counted calls

    def prepare(self, item: dict, principal: Principal, reads: Reads,
                ) -> tuple[Procedure, dict[str, Any]]:
        _check_envelope(item)
        procedure = self._resolve(item["method"])
        if key_level(principal.role) < key_level(procedure.access.role):
            raise RpcError(NOT_ALLOWED)
        return procedure, bind(procedure, item.get("params", {}), self.limits)

    def refusal(self, exc: Exception) -> RpcError:
        if isinstance(exc, (NotAllowed, AboveCeiling)):
            return RpcError(NOT_ALLOWED)
        if isinstance(exc, NotFound):
            return RpcError(NOT_FOUND, str(exc))
        if isinstance(exc, Conflict):
            return RpcError(ALREADY_EXISTS, str(exc))
        return RpcError(protocol.INVALID_PARAMS, str(exc))

    def procedure_name(self, method: str) -> str | None:
        try:
            return PREFIX + self._resolve(method).name
        except RpcError:
            return None

    def _resolve(self, method: str) -> Procedure:
        """`leantime.rpc.{domain}[.{service}].{method}`; past the prefix, any letter case."""
        if not method.startswith(PREFIX):
            raise RpcError(protocol.INVALID_PARAMS, f"Method must start with {PREFIX}")
        parts = method[len(PREFIX):].split(".")
        if len(parts) not in (2, 3) or not all(parts):
            raise RpcError(protocol.INVALID_PARAMS, f"Malformed method name: {method}")
        domain, service, name = (parts[0], parts[0], parts[1]) if len(parts) == 2 else parts
        if f"{domain}.{service}".lower() not in self.services:
            raise RpcError((-32601, f"Service doesn't exist: {domain}.{service}"))
        procedure = lookup(domain, service, name, self.table)
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
