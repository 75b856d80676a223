"""Replay recordings against another server and report how its answers differ.

python -m compat.replay RECORDING... [--url URL | (default) a fresh in-process boardlog each]
"""
from __future__ import annotations

import argparse
import json
import sys
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from compat.allowed import ALLOWED, Divergence, explain
from compat.client import Credentials, post
from compat.compare import Difference, compare, difference_class


@dataclass
class Exchange:
    seq: int
    body: str
    auth: Credentials | None
    status: int
    response: Any


@dataclass
class Recording:
    path: Path
    header: dict[str, Any]
    exchanges: list[Exchange]

    @property
    def token(self) -> str:
        return str(self.header["token"])


@dataclass
class Replayed:
    recording: str
    exchange: Exchange
    status: int
    response: Any
    found: list[Difference] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)  # compat/allowed.py entries that applied

    @property
    def matched(self) -> bool:
        return not self.found

    @property
    def procedure(self) -> str:
        return procedure_of(self.exchange.body)

    @property
    def klass(self) -> str:
        return difference_class(self.exchange.response, self.response, self.found)


def procedure_of(body: str) -> str:
    try:
        message = json.loads(body)
    except ValueError:
        return "<invalid JSON>"
    if isinstance(message, list):
        return "<batch>"
    if not isinstance(message, dict):
        return "<not an object>"
    method = message.get("method")
    return method if isinstance(method, str) else "<no method>"


def load(path: Path) -> Recording:
    lines = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    exchanges = [Exchange(r["seq"], r["body"], Credentials(*r["auth"]) if r["auth"] else None,
                          r["status"], r["response"]) for r in lines[1:]]
    return Recording(path, lines[0]["header"], exchanges)


def replay(recording: Recording, url: str,
           allow: tuple[Divergence, ...] = ALLOWED) -> Iterator[Replayed]:
    """Sends every request in order and compares each answer with Kanboard's, the
    differences an entry of `allow` explains left out."""
    for exchange in recording.exchanges:
        answer = post(url, exchange.body, exchange.auth)
        found = compare((exchange.status, answer.status), (exchange.response, answer.body))
        found, allowed = explain(exchange.body, exchange.status, exchange.response, answer.status,
                                 answer.body, found, allow)
        yield Replayed(recording.path.name, exchange, answer.status, answer.body, found,
                       allowed)


def replay_fresh(recording: Recording, url: str | None) -> list[Replayed]:
    """Replays against `url`, or against a new in-process boardlog when url is None."""
    if url is None:
        from compat.local_boardlog import running_boardlog
        context: Any = running_boardlog(recording.token)
    else:
        context = nullcontext(url)
    with context as target:
        return list(replay(recording, target))


def main(argv: list[str] | None = None) -> int:
    from compat import ratchet
    from compat.report import render

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("recordings", type=Path, nargs="+")
    parser.add_argument("--url", help="a running server (started with the recording's token "
                                      "and admin password `admin`); default: fresh boardlog")
    parser.add_argument("--report", type=Path, help="write the Markdown report here")
    parser.add_argument("--ratchet", action="store_true",
                        help="record the calls that still differ in tests/fidelity/ratchet.json")
    args = parser.parse_args(argv)
    results: list[Replayed] = []
    entries = {}
    for path in args.recordings:
        replayed = replay_fresh(load(path), args.url)
        matched = sum(r.matched for r in replayed)
        print(f"{path.name}: {matched}/{len(replayed)} answers match", file=sys.stderr)
        results.extend(replayed)
        entries[path.name] = ratchet.entry(replayed)
    if args.ratchet:
        ratchet.write({**ratchet.load(), **entries})
    text = render(results)
    if args.report:
        args.report.write_text(text)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
