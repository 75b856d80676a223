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
from pathlib import Path
from typing import Any

from compat.client import Credentials, RecordingClient
from compat.recording import add_server_options, server, write_header

Step = tuple[tuple[str, str] | None, str, Any]


def record(url: str, out: Path, name: str, token: str) -> int:
    steps: list[Step] = importlib.import_module(f"compat.scenarios.{name}").steps()
    with out.open("w") as sink:
        write_header(sink, url, token, scenario=name)
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
    add_server_options(parser)
    args = parser.parse_args(argv)
    with server(args) as url:
        count = record(url, args.out, args.scenario, args.token)
    print(f"{count} calls to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
