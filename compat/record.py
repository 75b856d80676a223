"""Record a workload against the real Kanboard: python -m compat.record --seed N --out FILE."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compat.builders import BUILDERS
from compat.client import RecordingClient
from compat.mixes import MIXES
from compat.recording import add_server_options, server, write_header
from compat.workload import Workload


def record(url: str, out: Path, seed: int, mix: str, calls: int, token: str) -> Workload:
    with out.open("w") as sink:
        write_header(sink, url, token, seed=seed, mix=mix)
        workload = Workload(RecordingClient(url, sink), token, MIXES[mix], seed)
        workload.run(calls)
    return workload


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--mix", choices=sorted(MIXES), default="balanced")
    parser.add_argument("--calls", type=int, default=500, help="random calls before the sweep")
    parser.add_argument("--out", type=Path, required=True)
    add_server_options(parser)
    args = parser.parse_args(argv)
    with server(args) as url:
        workload = record(url, args.out, args.seed, args.mix, args.calls, args.token)
    print(f"{workload.client.count} calls to {args.out}; kinds {dict(workload.kinds)}",
          file=sys.stderr)
    unreached = sorted(set(BUILDERS) - set(workload.sent))
    if unreached:
        print(f"no valid call of: {', '.join(unreached)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
