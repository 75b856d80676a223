"""An aiohttp server that does nothing: the ceiling of this machine for bench/workers_bench.

    python bench/stub_server.py PORT WORKERS [aiohttp|uvicorn]

`uvicorn` serves the same answer as a bare ASGI app on uvicorn with httptools (needs
`pip install uvicorn httptools`, which boardlog does not depend on): what a lighter HTTP
stack than the design card's would allow.

WORKERS processes (children of this one) listen on PORT with SO_REUSEPORT, as
`boardlog serve --workers` does, on the same uvloop. Each answers every POST to
/jsonrpc.php with a fixed JSON-RPC result the size of a getTask answer, after reading the
body: HTTP and JSON encoding alone, no authentication, no database. What it serves a
second with wrk on the same cores is the most any server on this stack could.
"""
from __future__ import annotations

import os
import signal
import socket
import sys
from typing import Any, Awaitable, Callable

import orjson
from aiohttp import web

TASK = {"id": "1", "title": "bench", "description": "", "color_id": "yellow",
        **{f"field_{n}": str(n) for n in range(40)}}  # ~1 KB, like a getTask answer


async def answer(request: web.Request) -> web.Response:
    return web.Response(body=answer_of(await request.read()), content_type="application/json")


def answer_of(body: bytes) -> bytes:
    return orjson.dumps({"jsonrpc": "2.0", "result": TASK, "id": orjson.loads(body).get("id")})


async def asgi_answer(scope: dict[str, Any], receive: Callable[[], Awaitable[dict[str, Any]]],
                      send: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
    """The same answer as an ASGI app (uvicorn), with no framework around it."""
    body = b""
    more = True
    while more:
        message = await receive()
        body, more = body + message.get("body", b""), message.get("more_body", False)
    out = b"ok" if scope["path"] == "/health" else answer_of(body)
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(out)).encode())]})
    await send({"type": "http.response.body", "body": out})


def listening(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(1024)
    return sock


def serve(port: int, stack: str) -> None:
    import uvloop

    if stack == "uvicorn":
        import uvicorn

        config = uvicorn.Config(asgi_answer, loop="uvloop", http="httptools", lifespan="off",
                                access_log=False, log_level="warning")
        uvicorn.Server(config).run(sockets=[listening(port)])
        return
    uvloop.install()
    app = web.Application()
    app.router.add_post("/jsonrpc.php", answer)
    app.router.add_get("/health", lambda _: web.Response(text="ok"))
    web.run_app(app, sock=listening(port), print=None, access_log=None)


def main() -> None:
    """Fork the servers, then wait; SIGTERM here stops them all."""
    port, workers = int(sys.argv[1]), int(sys.argv[2])
    stack = sys.argv[3] if len(sys.argv) > 3 else "aiohttp"
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:
            serve(port, stack)
            os._exit(0)
        children.append(pid)

    def stop(*_: object) -> None:
        for child in children:
            os.kill(child, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    for child in children:
        os.waitpid(child, 0)


if __name__ == "__main__":
    main()
