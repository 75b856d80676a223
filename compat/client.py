"""A JSON-RPC client that posts raw bodies with HTTP Basic auth and records every exchange.

The body is sent exactly as given (it may be deliberately malformed), so a recording can be
replayed byte for byte against another server.
"""
from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, IO

TIMEOUT = 30.0


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str

    def header(self) -> str:
        raw = f"{self.username}:{self.password}".encode()
        return "Basic " + base64.b64encode(raw).decode()


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any  # the parsed JSON body; None when empty; {"_raw": text} when not JSON


def parse_body(text: str) -> Any:
    if not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError:
        return {"_raw": text}


def post(url: str, body: str, auth: Credentials | None) -> Answer:
    headers = {"Content-Type": "application/json"}
    if auth is not None:
        headers["Authorization"] = auth.header()
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return Answer(response.status, parse_body(response.read().decode(errors="replace")))
    except urllib.error.HTTPError as error:  # 4xx/5xx still carry a body worth comparing
        return Answer(error.code, parse_body(error.read().decode(errors="replace")))


def exchange_record(seq: int, body: str, auth: Credentials | None, answer: Answer) -> dict[str, Any]:
    """One JSONL line of a recording."""
    return {"seq": seq, "auth": None if auth is None else [auth.username, auth.password],
            "body": body, "status": answer.status, "response": answer.body}


class RecordingClient:
    """Posts to one URL and appends every request and answer to a JSONL sink."""

    def __init__(self, url: str, sink: IO[str]) -> None:
        self.url = url
        self.sink = sink
        self.count = 0

    def send(self, body: str, auth: Credentials | None) -> Answer:
        answer = post(self.url, body, auth)
        self.count += 1
        record = exchange_record(self.count, body, auth, answer)
        self.sink.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        return answer
