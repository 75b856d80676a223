"""Reading a request body only once its credentials passed, within a time and a size.

aiohttp reads nothing before the handler asks for it, and answers `Expect: 100-continue`
itself before the handler runs; `continue_later` stops the latter, so a client that waits
for "100 Continue" sends its body only after the pipeline has checked its credentials
(`read_body` sends the 100 then). A body must arrive whole within `read_timeout` seconds
(HTTP 408), so a connection trickling its body is cut off; one declared larger than the
body limit is answered 413 before a byte of it is read.
"""
from __future__ import annotations

import asyncio

from aiohttp import hdrs, web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.http import HttpVersion11

from rpc import protocol
from rpc.limits import Limits
from rpc.protocol import HttpError, RpcError

_CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
# how aiohttp reports a body it could not read (broken chunked framing, say); bodies are
# not decompressed (rpc.app.server_options): Content-Encoding is ignored, as PHP does
_UNREADABLE = (HttpProcessingError, web.RequestPayloadError)
NOT_READ = "the body could not be read as sent"


def timed_out() -> HttpError:
    return HttpError(408, b'{"error":"Request Timeout"}', {"Connection": "close"})


async def continue_later(request: web.Request) -> None:
    """The routes' `expect_handler`: refuse an expectation other than 100-continue (417,
    as aiohttp's own handler does) but leave the "100 Continue" to `read_body`."""
    expect = request.headers.get(hdrs.EXPECT, "")
    if request.version == HttpVersion11 and expect.lower() != "100-continue":
        raise web.HTTPExpectationFailed(text=f"Unknown Expect: {expect}")


def _waits_for_continue(request: web.Request) -> bool:
    return (request.version == HttpVersion11
            and request.headers.get(hdrs.EXPECT, "").lower() == "100-continue")


def refuse_oversized(request: web.Request) -> None:
    """413 for a body declared larger than the body limit, before anything is read (one
    sent in chunks is cut off by aiohttp once it passes the limit)."""
    max_body = request.client_max_size
    if request.content_length is not None and request.content_length > max_body:
        raise web.HTTPRequestEntityTooLarge(max_body, request.content_length)


async def read_body(request: web.Request, limits: Limits) -> bytes:
    """The whole body of an authenticated request."""
    if _waits_for_continue(request):
        await request.writer.write(_CONTINUE)
        request.writer.output_size = 0  # the 100 is not part of the answer
    try:
        if request.content.is_eof():  # it has all arrived: no wait to bound (and a timer
            return await request.read()  # costs ~10 us on uvloop, a few % of a getTask)
        async with asyncio.timeout(limits.read_timeout):
            return await request.read()
    except TimeoutError:
        raise timed_out() from None
    except _UNREADABLE:
        raise RpcError(protocol.PARSE_ERROR, NOT_READ) from None


async def read_unauthenticated(request: web.Request, limits: Limits) -> bytes | None:
    """At most `unauthenticated_body` bytes of a request whose credentials failed, or
    None when its body is longer, or is still waiting for "100 Continue": then it is
    never read. Only Kanboard's parse-error-before-401 answer needs this much."""
    cap = limits.unauthenticated_body
    if _waits_for_continue(request) or (request.content_length or 0) > cap:
        return None
    body = bytearray()
    try:
        async with asyncio.timeout(limits.read_timeout):
            while chunk := await request.content.readany():
                body += chunk
                if len(body) > cap:
                    return None
    except TimeoutError:
        raise timed_out() from None
    except _UNREADABLE:
        return b""  # unreadable: malformed, as an empty body is
    return bytes(body)
