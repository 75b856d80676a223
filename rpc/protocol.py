"""JSON-RPC 2.0 envelopes: parsing, validation and responses."""
from __future__ import annotations

from typing import Any, Awaitable, Callable

import orjson

from rpc.limits import Limits

PARSE_ERROR = (-32700, "Parse error")
INVALID_REQUEST = (-32600, "Invalid Request")
METHOD_NOT_FOUND = (-32601, "Method not found")
INVALID_PARAMS = (-32602, "Invalid params")
INTERNAL_ERROR = (-32603, "Internal error")


class RpcError(Exception):
    """An error answered inside the JSON-RPC envelope (HTTP 200)."""

    def __init__(self, error: tuple[int, str], data: Any = None) -> None:
        super().__init__(error[1])
        self.code, self.message, self.data = error[0], error[1], data


class HttpError(Exception):
    """An answer that replaces the whole JSON-RPC reply, batch included (401, 403, 429)."""

    def __init__(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.status, self.body, self.headers = status, body, headers or {}


class NotJson(Exception):
    pass


def parse(body: bytes) -> Any:
    """The decoded body; a scalar, an empty body or bad JSON is a parse error."""
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise NotJson from exc
    if not isinstance(payload, (dict, list)):
        raise NotJson
    return payload


def parses(body: bytes) -> bool:
    try:
        parse(body)
    except NotJson:
        return False
    return True


def is_valid(request: Any) -> bool:
    return (isinstance(request, dict) and request.get("jsonrpc") == "2.0"
            and isinstance(request.get("method"), str)
            and isinstance(request.get("params") or [], (list, dict)))  # null: none given


def is_notification(request: dict) -> bool:
    return request.get("id") is None


def result(request_id: Any, value: Any) -> dict:
    return {"jsonrpc": "2.0", "result": value, "id": request_id}


def error(request_id: Any, code: int, message: str, data: Any = None) -> dict:
    err: dict[str, Any] = {"code": code, "message": message}
    if data is not None:
        err["data"] = data
    return {"jsonrpc": "2.0", "error": err, "id": request_id}


def error_of(request_id: Any, exc: RpcError) -> dict:
    return error(request_id, exc.code, exc.message, exc.data)


def dumps(value: Any) -> bytes:
    return orjson.dumps(value)


def nesting(value: Any, limit: int) -> bool:
    """Whether arrays and objects in `value` nest deeper than `limit` levels."""
    if not isinstance(value, (list, dict)):
        return False
    if limit <= 0:
        return True
    items = value.values() if isinstance(value, dict) else value
    return any(nesting(item, limit - 1) for item in items)


def not_run(item: Any, limits: Limits) -> dict | None:
    """The answer to a batch member left out because the answer reached its limit."""
    if isinstance(item, dict) and is_notification(item):
        return None
    request_id = item.get("id") if isinstance(item, dict) else None
    return error(None if nesting(request_id, limits.max_depth) else request_id,
                 *INVALID_REQUEST, f"not run: the answer reached its limit of "
                 f"{limits.max_answer} bytes; send fewer calls in one batch")


async def answer(payload: Any, one: Callable[[Any], Awaitable[dict | None]],
                 limits: Limits) -> bytes | None:
    """A single request's encoded reply, or a batch's replies in order without the
    notifications' (None when nothing is to be answered). An empty batch, or one of more
    than `max_batch` calls, is an invalid request. Each reply is encoded as it comes, and
    once the batch's answer is past `max_answer` bytes the remaining calls are not run."""
    if isinstance(payload, dict):
        reply = await one(payload)
        return None if reply is None else dumps(reply)
    if not payload:
        return dumps(error(None, *INVALID_REQUEST))
    if len(payload) > limits.max_batch:
        return dumps(error(None, *INVALID_REQUEST, f"a batch holds at most "
                           f"{limits.max_batch} calls; this one holds {len(payload)}"))
    parts: list[bytes] = []
    size = 0
    for item in payload:
        reply = await one(item) if size <= limits.max_answer else not_run(item, limits)
        if reply is not None:
            parts.append(dumps(reply))
            size += len(parts[-1]) + 1
    return b"[" + b",".join(parts) + b"]" if parts else None
