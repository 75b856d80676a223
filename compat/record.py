"""Record a workload against the real Kanboard: python -m compat.record --seed N --out FILE."""
from __future__ import annotations

import argparse
import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from compat.builders import BUILDERS
from compat.client import Credentials, RecordingClient, post
from compat.kanboard_server import kanboard_source, running_kanboard
from compat.mixes import MIXES
from compat.workload import Workload

DEFAULT_TOKEN = "fidelity-application-token"


def header(seed: int, mix: str, token: str, version: str) -> dict[str, Any]:
    return {"header": {"seed": seed, "mix": mix, "token": token, "admin": ["admin", "admin"],
                       "kanboard_version": version}}


def record(url: str, out: Path, seed: int, mix: str, calls: int, token: str) -> Workload:
    probe = post(url, '{"jsonrpc":"2.0","method":"getVersion","id":0}',
                 Credentials("jsonrpc", token))  # not recorded
    version = probe.body.get("result") if isinstance(probe.body, dict) else None
    with out.open("w") as sink:
        sink.write(json.dumps(header(seed, mix, token, str(version))) + "\n")
        workload = Workload(RecordingClient(url, sink), token, MIXES[mix], seed)
        workload.run(calls)
    return workload


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--mix", choices=sorted(MIXES), default="balanced")
    parser.add_argument("--calls", type=int, default=500, help="random calls before the sweep")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--kanboard-src", help="Kanboard's source tree (or KANBOARD_SRC)")
    parser.add_argument("--url", help="record against this running server instead")
    args = parser.parse_args(argv)
    context = (nullcontext(args.url) if args.url
               else running_kanboard(kanboard_source(args.kanboard_src), args.token))
    with context as url:
        workload = record(url, args.out, args.seed, args.mix, args.calls, args.token)
    print(f"{workload.client.count} calls to {args.out}; kinds {dict(workload.kinds)}",
          file=sys.stderr)
    unreached = sorted(set(BUILDERS) - set(workload.sent))
    if unreached:
        print(f"no valid call of: {', '.join(unreached)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
