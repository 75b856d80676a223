"""One server process against `serve --workers N`: getTask and createTask, driven by wrk.

Run by hand on a quiet machine, never as a test:

    .venv/bin/python bench/workers_bench.py                    # --workers 1, then 2
    .venv/bin/python bench/workers_bench.py --workers 1 2 3 --seconds 10 --rounds 3

wrk drives the load (bench/wrk_driver.py says why, and what counts as a failure).

For each round and each worker count: start `boardlog serve --workers N` on a fresh
database, seed one project of --tasks tasks, then drive getTask (random seeded tasks)
and createTask (into that project) for --seconds each at --connections keep-alive
connections (spread over the workers by the kernel: SO_REUSEPORT), after --warmup
seconds of the same. Printed: req/s, wrk's p50/p99 latency, errors, the CPU
the server's processes used (% of one core) and per request, the load average, and the
ratio of each N to one process. --pg runs the servers on PostgreSQL instead. --ceiling adds the same getTask load against
bench/stub_server.py with each worker count ("stub"): a server that does nothing but
HTTP and JSON, whose ratio is the most a second process can bring while wrk shares the
cores.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import yarl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: find bench/

from bench.rpc_bench import Client, basic_auth, seed  # noqa: E402
from bench.wrk_driver import Load, wrk  # noqa: E402
from bench.server_process import (  # noqa: E402
    HOST, TOKEN, CpuMeter, free_port, percent_of_core, scratch_location, start_server,
    stop_server, wait_ready,
)

REPO = Path(__file__).resolve().parents[1]
PROCEDURES = ("getTask", "createTask")

@dataclass
class Figure:
    workers: int
    procedure: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    server_cpu_pct: float | None
    server_us: float | None
    load: float


async def seeded(port: int, server: subprocess.Popen, tasks: int) -> tuple[int, list[int]]:
    headers = {"Authorization": basic_auth("jsonrpc", TOKEN),
               "Content-Type": "application/json"}
    async with aiohttp.ClientSession(headers=headers) as session:
        await wait_ready(session, f"http://{HOST}:{port}", server)
        client = Client(session, yarl.URL(f"http://{HOST}:{port}/jsonrpc.php"))
        return await seed(client, tasks, 100, 4)


def measure(args: argparse.Namespace, workers: int, folder: Path) -> list[Figure]:
    port = free_port()
    scratch = folder / f"bench-{workers}-{port}"
    scratch.mkdir()
    with open(folder / f"server-{workers}-{port}.log", "wb") as log, \
            scratch_location(args.pg, scratch) as db:
        server = start_server(args.boardlog, db, port, log, workers)
        try:
            project_id, task_ids = asyncio.run(seeded(port, server, args.tasks))
            figures = []
            for procedure in PROCEDURES:
                load = Load(f"http://{HOST}:{port}/jsonrpc.php", TOKEN, procedure, project_id,
                            task_ids)
                figures.append(figure(args, workers, procedure, load, server.pid, folder))
                print(f"  --workers {workers}: measured {procedure}", file=sys.stderr)
            return figures
        finally:
            stop_server(server)


def ceiling(args: argparse.Namespace, workers: int, folder: Path) -> Figure:
    """The same getTask load against bench/stub_server.py: a server doing nothing."""
    port = free_port()
    with open(folder / f"stub-{workers}-{port}.log", "wb") as log:
        stub = subprocess.Popen([sys.executable, str(REPO / "bench" / "stub_server.py"),
                                 str(port), str(workers), args.ceiling_stack],
                                stdout=log, stderr=log)
        try:
            asyncio.run(stub_ready(port, stub))
            load = Load(f"http://{HOST}:{port}/jsonrpc.php", TOKEN, "getTask", 1, [1])
            name = "stub" if args.ceiling_stack == "aiohttp" else f"stub-{args.ceiling_stack}"
            return figure(args, workers, name, load, stub.pid, folder)
        finally:
            stop_server(stub)


async def stub_ready(port: int, stub: subprocess.Popen) -> None:
    async with aiohttp.ClientSession() as session:
        await wait_ready(session, f"http://{HOST}:{port}", stub)


def figure(args: argparse.Namespace, workers: int, name: str, load: Load, pid: int,
           folder: Path) -> Figure:
    """One wrk measurement of `load` after its warm-up, with the CPU of process `pid`'s
    tree."""
    if args.warmup > 0:
        wrk(load, folder, args.connections, args.warmup)
    meter = CpuMeter(pid)
    meter.start()
    run = wrk(load, folder, args.connections, args.seconds)
    server_cpu = meter.used()[0]
    return Figure(workers, name, round(run.rps), run.p50_ms, run.p99_ms, run.failed,
                  percent_of_core(server_cpu, args.seconds),
                  None if server_cpu is None or not run.requests
                  else round(server_cpu / run.requests * 1e6), os.getloadavg()[0])


def report(figures: list[Figure]) -> str:
    lines = [f"{'workers':>7}  {'procedure':<12} {'req/s':>8} {'x one':>6} {'p50 ms':>7} "
             f"{'p99 ms':>7} {'errors':>6} {'srv CPU%':>8} {'srv us/req':>10} {'load':>5}"]
    single = {(f.procedure): f.rps for f in figures if f.workers == 1}
    for f in figures:
        ratio = f"{f.rps / single[f.procedure]:.2f}" if single.get(f.procedure) else "-"
        lines.append(f"{f.workers:>7}  {f.procedure:<12} {f.rps:>8} {ratio:>6} "
                     f"{f.p50_ms:>7.2f} {f.p99_ms:>7.2f} {f.errors:>6} "
                     f"{f.server_cpu_pct if f.server_cpu_pct is not None else '-':>8} "
                     f"{f.server_us if f.server_us is not None else '-':>10} {f.load:>5.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="worker counts to compare, 1 first (default: 1 2)")
    parser.add_argument("--seconds", type=int, default=5, help="whole seconds (wrk)")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=1,
                        help="alternate the worker counts this many times")
    parser.add_argument("--boardlog", type=Path, default=REPO / ".venv" / "bin" / "boardlog")
    parser.add_argument("--pg", metavar="URL",
                        help="run the servers on PostgreSQL (a libpq URL), each in a fresh "
                             "schema dropped after")
    parser.add_argument("--ceiling", action="store_true",
                        help="also drive bench/stub_server.py (a server that does nothing) "
                             "with each worker count: this machine's ceiling")
    parser.add_argument("--ceiling-stack", choices=("aiohttp", "uvicorn"), default="aiohttp",
                        help="the stub's HTTP stack: aiohttp (boardlog's) or a bare ASGI app "
                             "on uvicorn with httptools (pip install uvicorn httptools)")
    parser.add_argument("--ceiling-only", action="store_true",
                        help="only the stub, no boardlog")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="workers-bench-") as tmp:
        for round_ in range(args.rounds):
            figures = [] if args.ceiling_only else [
                f for n in args.workers for f in measure(args, n, Path(tmp))]
            if args.ceiling or args.ceiling_only:
                figures += [ceiling(args, n, Path(tmp)) for n in args.workers]
            print(f"round {round_ + 1}: {'PostgreSQL' if args.pg else 'SQLite'}, "
                  f"{args.tasks} tasks, {args.connections} connections, "
                  f"{args.seconds:g} s a procedure, {os.cpu_count()} CPUs, wrk -t1")
            print(report(figures), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
