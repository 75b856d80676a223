"""HTTP/1.1 spoken by hand over a socket, for what a polite client library will not send:
odd Content-Encoding and Expect headers, bodies that arrive late or never, and answers
read while the body is still unsent. This module holds no tests itself."""
from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass

from tests.conftest import TOKEN

TOKEN_AUTH = "Basic " + base64.b64encode(f"jsonrpc:{TOKEN}".encode()).decode()
BAD_AUTH = "Basic " + base64.b64encode(b"jsonrpc:wrong-token").decode()


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def head(path: str, headers: dict[str, str], method: str = "POST") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", *(f"{k}: {v}" for k, v in
                                                               headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def port_of(url: str) -> int:
    return int(url.rsplit(":", 1)[1].split("/")[0])


async def read_answer(reader: asyncio.StreamReader, timeout: float = 10.0) -> Answer | None:
    """The next final answer (interim 1xx answers skipped); None if the server closed."""
    async with asyncio.timeout(timeout):
        while True:
            status_line = await reader.readline()
            if not status_line:
                return None
            status = int(status_line.split()[1])
            headers = {}
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                headers[name.strip().lower()] = value.strip()
            if 100 <= status < 200:
                continue
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            return Answer(status, headers, body)


async def exchange(url: str, path: str, headers: dict[str, str], body: bytes = b"",
                   timeout: float = 10.0) -> Answer | None:
    """One request sent whole on a new connection, and its answer."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port_of(url))
    try:
        writer.write(head(path, {"Content-Length": str(len(body)), "Connection": "close",
                                 **headers}) + body)
        await writer.drain()
        return await read_answer(reader, timeout)
    finally:
        writer.close()
