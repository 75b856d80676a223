"""One request pipeline for both JSON-RPC endpoints; each facade plugs in a `Dialect`.

Every request on /jsonrpc.php and /api/jsonrpc goes through the same stages:

1. `correlated` (wraps every route's handler): the caller's X-Request-Id or a new one,
   kept on the request and returned on every response, whatever answered it (a bug
   outside any procedure is logged under it and answered 500);
2. the dialect's own admission (Leantime: only GET and POST);
3. catch-up with what another process (the CLI) appended to the log;
4. authentication by the dialect, from the headers alone (rpc.auth: a credential not
   verified before is checked only while its address is under the failed-authentication
   limit, else 429; 503 when too many checks wait); a failure is answered without reading
   the body (Kanboard, which parses before it authenticates, still answers a short
   malformed body with its parse error: rpc.body);
5. the body, within the body limit and the read timeout (rpc.body);
6. single requests and batches (within the batch and answer limits, rpc.limits); each
   call is screened, resolved and bound by the dialect, timed and counted in the
   metrics, and run with a `Ctx`.

Errors: an `RpcError` is answered in the envelope; a domain refusal the handler let
through is mapped by the dialect; an `HttpError` replaces the whole answer (401, 429,
Kanboard's 403 anywhere in a batch); any other exception is a bug: logged with the
correlation id and answered as the dialect's internal error carrying that id.
"""
from __future__ import annotations

import functools
import itertools
import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Protocol

from aiohttp import web
from multidict import istr
import orjson

from projections.queries import Reads
from rpc import protocol
from rpc.auth import Authenticator, Busy, Limited, Principal
from rpc.body import read_unauthenticated, refuse_oversized
from rpc.context import Ctx
from rpc.limits import Limits
from rpc.metrics import Metrics
from rpc.offload import Job
from rpc.procedures import Procedure
from rpc.protocol import HttpError, RpcError
from rpc.state import METRICS, SERVICES, Services

log = logging.getLogger("boardlog.rpc")

CORRELATION_ID = web.RequestKey("correlation_id", str)
REQUEST_ID_HEADER = istr("X-Request-Id")  # istr: no case folding per lookup
_MAX_GIVEN_ID = 128
MAX_STORED_ID = 128  # characters of a client's JSON-RPC id kept in the audit
_PROCESS = uuid.uuid4().hex[:12]
_COUNTER = itertools.count(1)


def correlation_id(request: web.Request) -> str:
    """The caller's X-Request-Id, or a new id unique to this process and request."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given[:_MAX_GIVEN_ID] if given else f"{_PROCESS}-{next(_COUNTER):x}"


def client_request_id(given: Any) -> str | None:
    """The caller's JSON-RPC id as the audit stores it: always a string of at most
    MAX_STORED_ID characters (a non-string id as its JSON text, cut there), so a client
    can neither store a structure shaped like the server's metadata nor a large value."""
    if given is None or isinstance(given, str):
        return None if given is None else given[:MAX_STORED_ID]
    try:
        text = orjson.dumps(given).decode()
    except (orjson.JSONEncodeError, TypeError):  # e.g. nested deeper than JSON encoders go
        text = f"<{type(given).__name__} id>"
    return text[:MAX_STORED_ID]


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def correlated(handler: Handler) -> Handler:
    """`handler` with the request's correlation id: kept on the request and returned on
    every response it gives, errors included. A wrapper rather than an aiohttp
    middleware: the middleware chain costs ~2 us a request, 2% of a getTask."""
    @functools.wraps(handler)
    async def answer(request: web.Request) -> web.StreamResponse:
        request[CORRELATION_ID] = cid = correlation_id(request)
        try:
            response = await handler(request)
        except web.HTTPException as exc:  # e.g. 413 from reading the body
            exc.headers[REQUEST_ID_HEADER] = cid
            raise
        except ConnectionError:  # the client left mid-request: nobody to answer, no bug
            raise
        except Exception:  # a bug outside any procedure: a 500 the operator can trace
            log.exception("%s %s failed [correlation_id=%s]", request.method, request.path,
                          cid, extra={"correlation_id": cid})
            raise web.HTTPInternalServerError(headers={REQUEST_ID_HEADER: cid}) from None
        response.headers[REQUEST_ID_HEADER] = cid
        return response

    return answer


def busy() -> HttpError:
    """Too many credential checks waiting: try again shortly, nothing was counted."""
    return HttpError(503, b'{"error":"Service Unavailable"}', {"Retry-After": "1"})


def too_many(wait: int) -> HttpError:
    return HttpError(429, b'{"error":"Too Many Requests"}', {"Retry-After": str(wait)})


class Dialect(Protocol):
    """What makes a facade Kanboard's or Leantime's; the pipeline does the rest."""

    name: str  # "kanboard" or "leantime": the audit's endpoint, the metrics' label
    parses_first: bool  # a malformed body is a parse error even with bad credentials
    limits: Limits
    internal_error: tuple[int, str]  # the code and message of a bug's answer
    refusals: tuple[type[Exception], ...]  # what a handler may raise to say "no"

    def admit(self, request: web.Request) -> None:
        """Raise RpcError (or HttpError) to refuse the request before authentication."""

    async def authenticate(self, auth: Authenticator, request: web.Request) -> Principal | None:
        """The caller, or None when the request's credentials are missing or wrong."""

    def unauthorized(self) -> HttpError:
        """The answer to a request whose credentials did not authenticate."""

    async def payload(self, request: web.Request) -> Any:
        """The decoded envelope(s) (the body read by rpc.body.read_body); raises
        RpcError(PARSE_ERROR) when unreadable."""

    def screen(self, item: Any) -> dict | None:
        """A reply given before anything is timed or counted (an item that is no call)."""

    def prepare(self, item: dict, principal: Principal, reads: Reads,
                ) -> tuple[Procedure, dict[str, Any]]:
        """Resolve the method, authorize and bind: raises RpcError or HttpError."""

    def procedure_name(self, method: str) -> str | None:
        """The declared name of the procedure `method` calls, None if there is none."""

    def refusal(self, exc: Exception) -> RpcError:
        """The answer to one of `refusals` raised by a handler."""


@dataclass(slots=True)
class Exchange:
    """One HTTP request past authentication: who sent it, what every event it causes
    records about it, and the server's shared services and metrics."""

    principal: Principal
    correlation_id: str
    audit: dict[str, Any]
    services: Services
    metrics: Metrics


def origin_audit(request: web.Request, endpoint: str) -> dict[str, Any]:
    """Where a request came from, as every event it causes records it (the User-Agent cut
    to a bounded length: a client chooses it)."""
    return {"endpoint": endpoint, "correlation_id": request.get(CORRELATION_ID),
            "client": request.remote,
            "user_agent": request.headers.get("User-Agent", "")[:MAX_STORED_ID * 2]}


def request_audit(request: web.Request, endpoint: str, principal: Principal) -> dict[str, Any]:
    return {**origin_audit(request, endpoint), **principal.audit()}


def _json(body: bytes, status: int = 200, headers: dict[str, str] | None = None,
          ) -> web.Response:
    return web.Response(body=body, status=status, headers=headers,
                        content_type="application/json")


class Pipeline:
    """The aiohttp handler of one endpoint (`handle`), speaking `dialect`."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect

    async def handle(self, request: web.Request) -> web.Response:
        dialect, services = self.dialect, request.app[SERVICES]
        refuse_oversized(request)
        try:
            principal = await self._authenticate(request, services)
            if principal is None:
                return await self._unauthorized(request)
            payload = await dialect.payload(request)
            exchange = Exchange(principal, request[CORRELATION_ID],
                                request_audit(request, dialect.name, principal),
                                services, request.app[METRICS])
            body = await protocol.answer(payload, lambda item: self._one(item, exchange),
                                         dialect.limits)
        except RpcError as exc:  # about the whole request: no call to name
            body = protocol.dumps(protocol.error_of(None, exc))
        except HttpError as exc:
            return _json(exc.body, exc.status, exc.headers)
        if body is None:  # notifications only
            return web.Response(status=200)
        return _json(body)

    async def _authenticate(self, request: web.Request, services: Services,
                            ) -> Principal | None:
        """The caller from the request's headers (None when they do not authenticate);
        nothing of the body is read here."""
        dialect = self.dialect
        dialect.admit(request)
        await services.catch_up()  # a rotated token or revoked key stops working at once
        try:
            principal = await dialect.authenticate(services.auth, request)
        except Limited as exc:  # guessing is limited per address, every credential alike
            raise too_many(exc.wait) from None
        except Busy:
            raise busy() from None
        return principal

    async def _unauthorized(self, request: web.Request) -> web.Response:
        """The dialect's answer to failed credentials. Kanboard parses the body before it
        authenticates, so a short malformed body still gets its parse error; any other
        body is left unread."""
        if self.dialect.parses_first:
            body = await read_unauthenticated(request, self.dialect.limits)
            if body is not None and not protocol.parses(body):
                return _json(protocol.dumps(protocol.error(None, *protocol.PARSE_ERROR)))
        refusal = self.dialect.unauthorized()
        return _json(refusal.body, refusal.status, refusal.headers)

    async def _one(self, item: Any, exchange: Exchange) -> dict | None:
        early = self.dialect.screen(item)
        if early is not None:
            return early
        if protocol.nesting(item.get("id"), self.dialect.limits.max_depth):
            return protocol.error(None, *protocol.INVALID_REQUEST,  # it could not be echoed
                                  f"id is nested more than {self.dialect.limits.max_depth} "
                                  "levels deep")
        request_id = item.get("id")
        method = str(item.get("method"))
        started = time.perf_counter()
        try:
            reply = protocol.result(request_id, await self._call(item, exchange))
        except RpcError as exc:
            reply = protocol.error_of(request_id, exc)
        except HttpError:  # Kanboard's 403: the batch's answer is replaced
            self._observe(exchange, method, started, "forbidden")
            raise
        except Exception:
            reply = self._internal_error(request_id, method, exchange)
        self._observe(exchange, method, started, "error" if "error" in reply else "ok")
        return None if protocol.is_notification(item) else reply

    async def _call(self, item: dict, exchange: Exchange) -> Any:
        services, principal = exchange.services, exchange.principal
        procedure, args = self.dialect.prepare(item, principal, services.reads)
        audit = {**exchange.audit, "rpc_method": item["method"],
                 "request_id": client_request_id(item.get("id")), "causation_id": None}
        try:
            if procedure.offload and services.offload is not None:
                return await services.offload.run(Job(
                    procedure.table, procedure.name, services.db_path, principal, audit, args,
                    services.max_file_size))
            ctx = Ctx(principal, services.reads, services.writer, audit, services.answers,
                      services.blobs, services.max_file_size)
            return await procedure.handler(ctx, **args)
        except self.dialect.refusals as exc:  # refusals the handler did not answer itself
            raise self.dialect.refusal(exc) from exc

    def _internal_error(self, request_id: Any, method: str, exchange: Exchange) -> dict:
        """A bug, not a refusal: logged with the id the operator gets from the client."""
        cid = exchange.correlation_id
        log.exception("%s procedure %s failed [correlation_id=%s]", self.dialect.name, method,
                      cid, extra={"correlation_id": cid})
        return protocol.error(request_id, *self.dialect.internal_error, {"request_id": cid})

    def _observe(self, exchange: Exchange, method: str, started: float, outcome: str) -> None:
        """Labelled by the declared procedure's name (one series each, whatever letter case
        was sent), or "unknown" for every name no procedure has."""
        exchange.metrics.observe(self.dialect.name, self.dialect.procedure_name(method),
                                 time.perf_counter() - started, outcome)
