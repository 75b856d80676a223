"""POST /jsonrpc.php: Kanboard's dialect of the shared request pipeline (rpc.pipeline).

As in Kanboard: a malformed body is a parse error even with bad credentials (for bodies
up to the unauthenticated-body limit: longer ones are not read); bad credentials are a
401 with a Basic challenge whatever the method; a 403 anywhere in a batch replaces the
whole answer (access.Forbidden); a bug is -32603 "Internal error".
"""
from __future__ import annotations

from typing import Any

from aiohttp import web

from domain.errors import DomainError
from projections.queries import Reads
from rpc import protocol
from rpc.auth import Authenticator, Principal, parse_basic
from rpc.kanboard.access import check_objects, check_procedure
from rpc.body import read_body
from rpc.limits import INT_MAX, INT_MIN, Limits
from rpc.procedures import DEFAULT_LIMITS, Procedure, ProcedureTable
from rpc.pipeline import origin_audit
from rpc.protocol import HttpError, RpcError

UNAUTHORIZED_BODY = b'{"jsonrpc":"2.0","error":{"code":401,"message":"Unauthorized"},"id":null}'
CHALLENGE = {"WWW-Authenticate": 'Basic realm="JsonRPC"'}


class KanboardDialect:
    name = "kanboard"
    parses_first = True
    internal_error = protocol.INTERNAL_ERROR
    refusals: tuple[type[Exception], ...] = (DomainError,)

    def __init__(self, table: ProcedureTable, limits: Limits = DEFAULT_LIMITS) -> None:
        self.table, self.limits = table, limits
        self._folded: dict[str, Procedure] | None = None

    def procedure(self, method: str) -> Procedure | None:
        """Kanboard finds a procedure by PHP's method_exists, which ignores case."""
        found = self.table.get(method)
        if found is None:
            if self._folded is None:
                self._folded = {n.lower(): p for n, p in self.table.procedures.items()}
            found = self._folded.get(method.lower())
        return found

    def procedure_name(self, method: str) -> str | None:
        found = self.procedure(method)
        return found.name if found else None

    def admit(self, request: web.Request) -> None:
        """Any HTTP method is read as a call."""

    async def authenticate(self, auth: Authenticator, request: web.Request) -> Principal | None:
        api_key = request.headers.get("x-api-key")
        if api_key:  # a Leantime API key works here too, within its scope
            return await auth.authenticate_key(api_key, request.remote or "?")
        header = request.headers.get("X-API-Auth")
        credentials = parse_basic(f"Basic {header}" if header else None) or parse_basic(
            request.headers.get("Authorization"))
        if credentials is None:
            return None
        return await auth.authenticate(*credentials, address=request.remote or "?",
                                       audit=origin_audit(request, self.name))

    def unauthorized(self) -> HttpError:
        return HttpError(401, UNAUTHORIZED_BODY, CHALLENGE)

    async def payload(self, request: web.Request) -> Any:
        try:
            return protocol.parse(await read_body(request, self.limits))
        except protocol.NotJson:
            raise RpcError(protocol.PARSE_ERROR) from None

    def screen(self, item: Any) -> dict | None:
        if not isinstance(item, dict):
            return protocol.error(None, *protocol.PARSE_ERROR)
        if not protocol.is_valid(item):
            return protocol.error(None, *protocol.INVALID_REQUEST)
        return None

    def prepare(self, item: dict, principal: Principal, reads: Reads,
                ) -> tuple[Procedure, dict[str, Any]]:
        procedure = self.procedure(item["method"])
        if procedure is None:
            raise RpcError(protocol.METHOD_NOT_FOUND)
        check_procedure(procedure.access, principal)  # before the params, as Kanboard
        args = procedure.bind(as_php_decodes(item.get("params") or []), self.limits)
        check_objects(procedure.access, principal, reads, args)
        return procedure, args

    def refusal(self, exc: Exception) -> RpcError:
        return RpcError(protocol.INVALID_PARAMS, str(exc))


def as_php_decodes(value: Any) -> Any:
    """The params as PHP's json_decode gives them to Kanboard: an integer past 64 bits is
    a float (orjson makes floats only of those past 2**64)."""
    if type(value) is int:
        return value if INT_MIN <= value <= INT_MAX else float(value)
    if isinstance(value, list):
        return [as_php_decodes(item) for item in value]
    if isinstance(value, dict):
        return {key: as_php_decodes(item) for key, item in value.items()}
    return value
