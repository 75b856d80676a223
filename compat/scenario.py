"""Record a scripted scenario against the real Kanboard:
python -m compat.scenario groups --out tests/fidelity/recordings/groups.jsonl

A scenario (compat/scenarios/NAME.py) is a fixed list of (credentials, method, params)
steps; None credentials mean the application token. The recording has the same shape
as a generated workload's, so compat.replay and tests/fidelity replay it alike."""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from compat.client import Credentials, RecordingClient, post
from compat.kanboard_server import kanboard_source, running_kanboard

Step = tuple[tuple[str, str] | None, str, Any]
DEFAULT_TOKEN = "fidelity-application-token"


def record(url: str, out: Path, name: str, token: str) -> int:
    steps: list[Step] = importlib.import_module(f"compat.scenarios.{name}").steps()
    probe = post(url, '{"jsonrpc":"2.0","method":"getVersion","id":0}',
                 Credentials("jsonrpc", token))  # not recorded
    version = probe.body.get("result") if isinstance(probe.body, dict) else None
    with out.open("w") as sink:
        sink.write(json.dumps({"header": {"scenario": name, "token": token,
                                          "admin": ["admin", "admin"],
                                          "kanboard_version": str(version)}}) + "\n")
        client = RecordingClient(url, sink)
        for request_id, (auth, method, params) in enumerate(steps, start=1):
            credentials = Credentials(*auth) if auth else Credentials("jsonrpc", token)
            body = json.dumps({"jsonrpc": "2.0", "method": method, "params": params,
                               "id": request_id})
            client.send(body, credentials)
    return len(steps)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenario", help="a module of compat/scenarios")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--kanboard-src", help="Kanboard's source tree (or KANBOARD_SRC)")
    parser.add_argument("--url", help="record against this running server instead")
    args = parser.parse_args(argv)
    context = (nullcontext(args.url) if args.url
               else running_kanboard(kanboard_source(args.kanboard_src), args.token))
    with context as url:
        count = record(url, args.out, args.scenario, args.token)
    print(f"{count} calls to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
