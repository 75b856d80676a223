"""Throughput and latency of boardlog's Kanboard JSON-RPC procedures, against one server.

Run by hand, never as a test:

    make bench                                  # = .venv/bin/python bench/rpc_bench.py
    .venv/bin/python bench/rpc_bench.py --seconds 10 --concurrency 64 --json
    .venv/bin/python bench/rpc_bench.py --requests 20000 --procedures getTask createTask

What it does:

1. starts ONE server, `.venv/bin/boardlog serve --db <tmp> --host 127.0.0.1 --port <free>`,
   with BOARDLOG_API_TOKEN / BOARDLOG_ADMIN_PASSWORD set, and waits for GET /health;
2. seeds one project with --tasks (1,000) tasks through createTask, sent as JSON-RPC
   batches, several batches in flight so the server's group commit can merge them;
3. measures each procedure in turn for --seconds (or exactly --requests requests), after
   --warmup seconds of the same load, keeping --concurrency requests in flight over
   keep-alive connections of one aiohttp ClientSession (this process is the load
   generator; the server is a separate process). createTask runs last, so the read
   procedures see a project of exactly --tasks tasks. `--procedures getBoard+writes`
   (not in the default list) reads the board while one request in 8 creates a task in
   another project, which leaves the board's cached answer standing;
4. prints requests, req/s, p50/p99 latency and errors per procedure beside the targets,
   and the CPU the server, the load generator and all other processes used (% of one
   core), and the server's CPU per request (srv us/req);
5. stops the server with SIGTERM and deletes its temporary database.

Reading the figures: the server is one process whose Python work shares one GIL, so it
tops out near 100% of a core; 1e6 / target is then its CPU budget per request (getTask
6000/s: ~166 us). The load generator needs about a core of its own: against a bare
aiohttp stub on a 2-core machine it tops out near 7,000 req/s, so a "cli CPU%" near 100
means the figure is the client's limit, not the server's. "srv us/req" varies least from
run to run (still +-20% on a shared VM: compare several runs); "other CPU%" above 15
flags a run disturbed by other processes.
--boardlog runs another build (e.g. a worktree's .venv/bin/boardlog) for comparisons.

An answer counts as an error unless it is HTTP 200 carrying "result" that is not
null/false/0 (Kanboard's failure answers). Answers over 64 KiB (getBoard, getAllTasks)
are checked by their envelope prefix instead of a full parse, to keep the load generator
cheap; --full-check parses every answer. Seeding checks getAllTasks in full once.
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import math
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Coroutine, TypeVar

import aiohttp
import orjson
import yarl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: find bench/

from bench.server_process import (  # noqa: E402
    scratch_location,
    HOST, TOKEN, CpuMeter, free_port, percent_of_core, start_server, stop_server, wait_ready,
)

REPO = Path(__file__).resolve().parents[1]
# Targets in requests/s: 20x (getTask, createTask) and 5x (getBoard, getAllTasks) what a real
# Kanboard serves on this machine (~300, ~110, ~50, ~80 per s).
TARGETS: dict[str, float] = {"getTask": 6000, "createTask": 2200, "getBoard": 250,
                             "getAllTasks": 400}
PROCEDURES = ("getTask", "getBoard", "getAllTasks", "createTask")  # createTask last: it grows
# Not run by default: getBoard of the seeded project while one request in WRITE_EVERY creates
# a task in another project (answers are cached per project: those writes keep the board's).
MIXED = "getBoard+writes"
# getTask while one request in WRITE_EVERY creates a task in another project: with
# --workers, each worker's reads then follow what the others commit.
READ_WRITE = "getTask+writes"
WRITE_EVERY = 8
RESULT_PREFIX = b'{"jsonrpc":"2.0","result":'
FAILURE_STARTS = (b"n", b"f", b"0")  # null, false, 0: Kanboard's "it did not work"
BIG_ANSWER = 64 * 1024
SEED_TIMEOUT = 300.0
PHASE_SLACK = 60.0  # beyond its planned length, before a procedure's run counts as hung
NOISY_OTHER_CPU = 15  # % of one core used by other processes that makes a run suspect

BodyFactory = Callable[[int], bytes]
T = TypeVar("T")


@dataclass
class Result:
    procedure: str
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    target_rps: float | None
    met: bool | None
    server_cpu_pct: float | None  # % of one core
    server_us_per_request: float | None  # server CPU per request: steady even on a busy machine
    client_cpu_pct: float | None
    other_cpu_pct: float | None  # every other process of the machine: noise if high


# --- the server process ------------------------------------------------------------------


@dataclass(frozen=True)
class Client:
    """JSON-RPC over one keep-alive session; auth and content type are session headers."""

    session: aiohttp.ClientSession
    url: yarl.URL  # parsed once: a str would be parsed again on every request

    async def post(self, body: bytes) -> tuple[int, bytes]:
        async with self.session.post(self.url, data=body) as response:
            return response.status, await response.read()

    async def call(self, method: str, params: dict[str, Any]) -> Any:
        """The result of one call; raises on an error answer."""
        status, body = await self.post(request_body(method, params, 1))
        answer = orjson.loads(body)
        if status != 200 or "result" not in answer:
            raise RuntimeError(f"{method} failed: HTTP {status} {body[:300]!r}")
        return answer["result"]

    async def batch(self, calls: list[tuple[str, dict[str, Any]]]) -> list[Any]:
        """The results of one JSON-RPC batch, in request order; raises on any error."""
        body = orjson.dumps([{"jsonrpc": "2.0", "method": m, "id": i, "params": p}
                             for i, (m, p) in enumerate(calls)])
        status, raw = await self.post(body)
        answers = orjson.loads(raw) if status == 200 else None
        if not isinstance(answers, list) or any("result" not in a for a in answers):
            raise RuntimeError(f"batch failed: HTTP {status} {raw[:300]!r}")
        return [a["result"] for a in sorted(answers, key=lambda a: a["id"])]


def basic_auth(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def request_body(method: str, params: dict[str, Any], request_id: int) -> bytes:
    return orjson.dumps({"jsonrpc": "2.0", "method": method, "id": request_id, "params": params})


def is_success(status: int, body: bytes, full_check: bool) -> bool:
    """HTTP 200 with a "result" that is not null/false/0."""
    if status != 200:
        return False
    if not full_check and len(body) > BIG_ANSWER and body.startswith(RESULT_PREFIX):
        return body[len(RESULT_PREFIX):len(RESULT_PREFIX) + 1] not in FAILURE_STARTS
    try:
        answer = orjson.loads(body)
    except orjson.JSONDecodeError:
        return False
    return isinstance(answer, dict) and answer.get("result") not in (None, False)


# --- seeding -----------------------------------------------------------------------------


async def seed(client: Client, tasks: int, batch_size: int, parallel: int) -> tuple[int, list[int]]:
    """A project holding `tasks` tasks; returns its id and the task ids."""
    project_id = await client.call("createProject", {"name": "bench"})
    calls = [("createTask", {"title": f"seed task {n}", "project_id": project_id})
             for n in range(tasks)]
    chunks = [calls[i:i + batch_size] for i in range(0, len(calls), batch_size)]
    limit = asyncio.Semaphore(parallel)

    async def send(chunk: list[tuple[str, dict[str, Any]]]) -> list[Any]:
        async with limit:
            return await client.batch(chunk)

    task_ids = [tid for ids in await asyncio.gather(*map(send, chunks)) for tid in ids]
    if not all(isinstance(t, int) and t > 0 for t in task_ids):
        raise RuntimeError("seeding: some createTask calls failed")
    listed = await client.call("getAllTasks", {"project_id": project_id, "status_id": 1})
    if len(listed) != tasks:
        raise RuntimeError(f"seeding: getAllTasks lists {len(listed)} tasks, not {tasks}")
    return project_id, task_ids


# --- load --------------------------------------------------------------------------------


def body_factory(procedure: str, project_id: int, task_ids: list[int],
                 other_project_id: int | None = None) -> BodyFactory:
    """Request n of a run, as bytes; getTask reads the seeded tasks in a shuffled order."""
    if procedure == MIXED:
        board = request_body("getBoard", {"project_id": project_id}, 1)
        write = request_body("createTask", {"title": "elsewhere", "project_id": other_project_id}, 1)
        return lambda n: write if n % WRITE_EVERY == 0 else board
    if procedure in ("getTask", READ_WRITE):
        order = random.Random(1).sample(task_ids, len(task_ids))
        if procedure == READ_WRITE:
            write = request_body("createTask", {"title": "elsewhere",
                                                "project_id": other_project_id}, 1)
            return lambda n: write if n % WRITE_EVERY == 0 else request_body(
                "getTask", {"task_id": order[n % len(order)]}, n)
        return lambda n: request_body("getTask", {"task_id": order[n % len(order)]}, n)
    if procedure == "createTask":
        return lambda n: request_body("createTask", {"title": "bench", "project_id": project_id}, n)
    if procedure in ("getBoard", "getAllTasks"):
        return lambda n: request_body(procedure, {"project_id": project_id}, n)
    raise ValueError(f"no load defined for {procedure}")


@dataclass
class Run:
    latencies: list[float]
    errors: int
    seconds: float


async def drive(client: Client, make_body: BodyFactory, concurrency: int, seconds: float,
                requests: int | None, full_check: bool) -> Run:
    """Keep `concurrency` requests in flight until `requests` are sent or `seconds` pass."""
    latencies: list[float] = []
    errors = 0
    issued = 0
    started = time.perf_counter()
    deadline = started + seconds

    def claim() -> int | None:
        nonlocal issued
        if requests is not None and issued >= requests:
            return None
        if requests is None and time.perf_counter() >= deadline:
            return None
        issued += 1
        return issued

    async def worker() -> None:
        nonlocal errors
        while (n := claim()) is not None:
            body = make_body(n)
            sent = time.perf_counter()
            try:
                status, answer = await client.post(body)
                ok = is_success(status, answer, full_check)
            except aiohttp.ClientError:
                ok = False
            latencies.append(time.perf_counter() - sent)
            errors += not ok

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return Run(latencies, errors, time.perf_counter() - started)


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), math.ceil(fraction * len(sorted_values))))
    return sorted_values[rank - 1]


async def measure(client: Client, procedure: str, make_body: BodyFactory, server_pid: int,
                  args: argparse.Namespace) -> Result:
    if args.warmup > 0:
        await drive(client, make_body, args.concurrency, args.warmup, None, args.full_check)
    meter = CpuMeter(server_pid)
    meter.start()
    run = await drive(client, make_body, args.concurrency, args.seconds, args.requests,
                      args.full_check)
    server_cpu, client_cpu, other_cpu = meter.used()
    latencies = sorted(run.latencies)
    rps = len(latencies) / run.seconds
    target = TARGETS.get(procedure)
    return Result(
        procedure=procedure, requests=len(latencies), seconds=round(run.seconds, 3),
        rps=round(rps, 1), p50_ms=round(percentile(latencies, 0.50) * 1000, 2),
        p99_ms=round(percentile(latencies, 0.99) * 1000, 2), errors=run.errors,
        target_rps=target, met=None if target is None else rps >= target and run.errors == 0,
        server_cpu_pct=percent_of_core(server_cpu, run.seconds),
        client_cpu_pct=percent_of_core(client_cpu, run.seconds),
        other_cpu_pct=percent_of_core(other_cpu, run.seconds),
        server_us_per_request=None if server_cpu is None or not latencies
        else round(server_cpu / len(latencies) * 1e6))


# --- report ------------------------------------------------------------------------------

COLUMNS = (("procedure", "{:<12}"), ("requests", "{:>9}"), ("req/s", "{:>9}"),
           ("p50 ms", "{:>8}"), ("p99 ms", "{:>8}"), ("errors", "{:>7}"),
           ("target/s", "{:>9}"), ("met", "{:>4}"), ("srv CPU%", "{:>9}"), ("cli CPU%", "{:>9}"),
           ("other CPU%", "{:>10}"), ("srv us/req", "{:>10}"))


def table(results: list[Result]) -> str:
    def line(cells: tuple[Any, ...]) -> str:
        return "  ".join(fmt.format(cell) for (_, fmt), cell in zip(COLUMNS, cells))

    rows = [line(tuple(name for name, _ in COLUMNS))]
    for r in results:
        met = "-" if r.met is None else ("yes" if r.met else "NO")
        rows.append(line((r.procedure, r.requests, f"{r.rps:.0f}", f"{r.p50_ms:.2f}",
                          f"{r.p99_ms:.2f}", r.errors,
                          "-" if r.target_rps is None else f"{r.target_rps:.0f}", met,
                          *("-" if c is None else c for c in
                            (r.server_cpu_pct, r.client_cpu_pct, r.other_cpu_pct,
                             r.server_us_per_request)))))
    return "\n".join(rows)


# --- main --------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5.0,
                        help="measure each procedure this long (default 5)")
    parser.add_argument("--requests", type=int, default=None,
                        help="measure exactly this many requests per procedure instead")
    parser.add_argument("--warmup", type=float, default=1.0,
                        help="unmeasured load before each procedure, in seconds (default 1)")
    parser.add_argument("--concurrency", type=int, default=32,
                        help="requests in flight (default 32)")
    parser.add_argument("--tasks", type=int, default=1000, help="tasks seeded (default 1000)")
    parser.add_argument("--seed-batch", type=int, default=100,
                        help="createTask calls per seeding batch (default 100)")
    parser.add_argument("--seed-parallel", type=int, default=8,
                        help="seeding batches in flight (default 8)")
    parser.add_argument("--procedures", nargs="+", choices=PROCEDURES + (MIXED, READ_WRITE),
                        default=list(PROCEDURES),
                        help="procedures to measure, in this order (default: all but "
                             f"{MIXED} and {READ_WRITE}, createTask last)")
    parser.add_argument("--full-check", action="store_true",
                        help="parse every answer in full (costs load-generator CPU)")
    parser.add_argument("--json", action="store_true", help="also print the results as JSON")
    parser.add_argument("--boardlog", type=Path, default=REPO / ".venv" / "bin" / "boardlog",
                        help="the boardlog executable (default .venv/bin/boardlog)")
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes (`serve --workers N`; default 1)")
    parser.add_argument("--pg", metavar="URL", default=None,
                        help="run the server on PostgreSQL (a libpq URL, e.g. "
                        "postgresql://postgres@127.0.0.1/test), in a fresh schema dropped after")
    parser.add_argument("--keep-log", action="store_true",
                        help="print the server's output at the end")
    args = parser.parse_args(argv)
    if (args.concurrency < 1 or args.seconds <= 0 or args.tasks < 1
            or (args.requests is not None and args.requests < 1)):
        parser.error("--concurrency, --seconds, --requests and --tasks must be positive")
    return args


async def benchmark(args: argparse.Namespace, server: subprocess.Popen, port: int) -> list[Result]:
    base = f"http://{HOST}:{port}"
    headers = {"Authorization": basic_auth("jsonrpc", TOKEN), "Content-Type": "application/json"}
    # No per-request timeout (its timer costs the load generator ~10% per request); each
    # phase is bounded as a whole instead.
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=args.concurrency),
                                     headers=headers, timeout=aiohttp.ClientTimeout()) as session:
        await wait_ready(session, base, server)
        client = Client(session, yarl.URL(f"{base}/jsonrpc.php"))
        started = time.perf_counter()
        async with asyncio.timeout(SEED_TIMEOUT):
            project_id, task_ids = await seed(client, args.tasks, args.seed_batch,
                                              args.seed_parallel)
        print(f"seeded project {project_id} with {len(task_ids)} tasks in "
              f"{time.perf_counter() - started:.2f} s", file=sys.stderr)
        other = (await client.call("createProject", {"name": "elsewhere"})
                 if {MIXED, READ_WRITE} & set(args.procedures) else None)
        results = []
        for procedure in args.procedures:
            make_body = body_factory(procedure, project_id, task_ids, other)
            async with asyncio.timeout(phase_limit(args)):
                results.append(await measure(client, procedure, make_body, server.pid, args))
            print(f"  measured {procedure}", file=sys.stderr)
        return results


def phase_limit(args: argparse.Namespace) -> float:
    """Seconds one procedure's warm-up and measurement may take before the run fails
    (with --requests, assuming at least 10 requests/s)."""
    measuring = args.seconds if args.requests is None else args.requests / 10
    return args.warmup + measuring + PHASE_SLACK


def run_event_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    try:
        import uvloop
    except ImportError:  # the plain asyncio loop works, with a slower load generator
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def as_json(args: argparse.Namespace, results: list[Result], status: int | None) -> str:
    config = {"tasks": args.tasks, "concurrency": args.concurrency, "seconds": args.seconds,
              "requests": args.requests, "warmup": args.warmup, "cpus": os.cpu_count(),
              "boardlog": str(args.boardlog), "server_exit_status": status}
    return orjson.dumps({"config": config, "results": [asdict(r) for r in results]},
                        option=orjson.OPT_INDENT_2).decode()


def interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # SIGTERM (or Ctrl-C) unwinds like an interrupt, so the server is always stopped.
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)
    if not args.boardlog.exists():
        print(f"no boardlog executable at {args.boardlog} (run `make install`)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="boardlog-bench-") as tmp, \
            scratch_location(args.pg, Path(tmp)) as db:
        log_path = Path(tmp) / "server.log"
        port = free_port()
        with open(log_path, "wb") as log_file:
            server = start_server(args.boardlog, db, port, log_file, args.workers)
            try:
                results = run_event_loop(benchmark(args, server, port))
            except (RuntimeError, aiohttp.ClientError, TimeoutError) as exc:
                print(f"benchmark failed: {exc or 'timed out'}", file=sys.stderr)
                results = None
            except KeyboardInterrupt:
                print("interrupted; stopping the server", file=sys.stderr)
                return 130
            finally:
                status = stop_server(server)
        log = log_path.read_text(errors="replace")
    if results is None or args.keep_log:
        print(f"--- server output (exit status {status}) ---\n{log}", file=sys.stderr)
    if results is None:
        return 1
    print(f"boardlog JSON-RPC, {args.workers} server process(es), {args.tasks} tasks, "
          f"concurrency {args.concurrency}, {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f}; server exit status {status}")
    print(table(results))
    busy = [r.procedure for r in results if (r.other_cpu_pct or 0) > NOISY_OTHER_CPU]
    if busy:
        print(f"warning: other processes used over {NOISY_OTHER_CPU}% of a core during "
              f"{', '.join(busy)}; those figures are disturbed, run again on a quiet machine")
    if args.json:
        print(as_json(args, results, status))
    return 0 if status == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
