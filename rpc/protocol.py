"""JSON-RPC 2.0 envelopes: parsing, validation and responses."""
from __future__ import annotations

from typing import Any, Awaitable, Callable

import orjson

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


async def answer(payload: Any, one: Callable[[Any], Awaitable[dict | None]]) -> Any:
    """A single request's reply, or a batch's replies in order without the notifications'
    (None when nothing is to be answered). An empty batch is an invalid request."""
    if isinstance(payload, dict):
        return await one(payload)
    if not payload:
        return error(None, *INVALID_REQUEST)
    replies = [await one(item) for item in payload]
    return [r for r in replies if r is not None] or None
