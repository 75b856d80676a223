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
   procedures see a project of exactly --tasks tasks;
4. prints requests, req/s, p50/p99 latency and errors per procedure beside the targets,
   and the CPU each side used (% of one core), which tells a saturated server from a
   saturated load generator (the machine has 2 cores, shared by both);
5. stops the server with SIGTERM and deletes its temporary database.

An answer counts as an error unless it is HTTP 200 carrying "result" that is not
null/false/0 (Kanboard's failure answers). Answers over 64 KiB (getBoard, getAllTasks)
are checked by their envelope prefix instead of a full parse, to keep the load generator
cheap; --full-check parses every answer. Seeding checks getAllTasks in full once.
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

import aiohttp
import orjson

REPO = Path(__file__).resolve().parents[1]
TOKEN = "bench-application-token-0123456789abcdef"
ADMIN_PASSWORD = "bench-admin-password"
HOST = "127.0.0.1"  # loopback only
# Targets in requests/s: 20x (getTask, createTask) and 5x (getBoard, getAllTasks) what a real
# Kanboard serves on this machine (~300, ~110, ~50, ~80 per s).
TARGETS: dict[str, float] = {"getTask": 6000, "createTask": 2200, "getBoard": 250,
                             "getAllTasks": 400}
PROCEDURES = ("getTask", "getBoard", "getAllTasks", "createTask")  # createTask last: it grows
RESULT_PREFIX = b'{"jsonrpc":"2.0","result":'
FAILURE_STARTS = (b"n", b"f", b"0")  # null, false, 0: Kanboard's "it did not work"
BIG_ANSWER = 64 * 1024
READY_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0

BodyFactory = Callable[[int], bytes]


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
    server_cpu_pct: float | None
    client_cpu_pct: float


# --- the server process ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(boardlog: Path, db: Path, port: int, log_file: Any) -> subprocess.Popen:
    env = {**os.environ, "BOARDLOG_API_TOKEN": TOKEN, "BOARDLOG_ADMIN_PASSWORD": ADMIN_PASSWORD}
    command = [str(boardlog), "serve", "--db", str(db), "--host", HOST, "--port", str(port)]
    # A session of its own: Ctrl-C on the benchmark does not hit the server; we stop it.
    return subprocess.Popen(command, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                            start_new_session=True)


async def wait_ready(session: aiohttp.ClientSession, base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with status {server.returncode}")
        try:
            async with session.get(f"{base}/health") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.1)
    raise RuntimeError(f"the server did not answer within {READY_TIMEOUT:.0f} s")


def stop_server(server: subprocess.Popen) -> int | None:
    """SIGTERM, then wait for the clean shutdown (queued writes committed); kill if stuck."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            print(f"server ignored SIGTERM for {STOP_TIMEOUT:.0f} s; killing it", file=sys.stderr)
            server.kill()
            server.wait(timeout=STOP_TIMEOUT)
    return server.returncode


def process_cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (Linux /proc), or None where unavailable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- JSON-RPC over HTTP ----------------------------------------------------------------


@dataclass(frozen=True)
class Client:
    session: aiohttp.ClientSession
    url: str
    headers: dict[str, str]

    async def post(self, body: bytes) -> tuple[int, bytes]:
        async with self.session.post(self.url, data=body, headers=self.headers) as response:
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


def body_factory(procedure: str, project_id: int, task_ids: list[int]) -> BodyFactory:
    """Request n of a run, as bytes; getTask reads the seeded tasks in a shuffled order."""
    if procedure == "getTask":
        order = random.Random(1).sample(task_ids, len(task_ids))
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
    rank = max(1, min(len(sorted_values), round(fraction * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


async def measure(client: Client, procedure: str, make_body: BodyFactory, server_pid: int,
                  args: argparse.Namespace) -> Result:
    if args.warmup > 0:
        await drive(client, make_body, args.concurrency, args.warmup, None, args.full_check)
    server_cpu = process_cpu_seconds(server_pid)
    client_cpu = time.process_time()
    run = await drive(client, make_body, args.concurrency, args.seconds, args.requests,
                      args.full_check)
    client_used = time.process_time() - client_cpu
    server_now = process_cpu_seconds(server_pid)
    server_used = server_now - server_cpu if server_now is not None and server_cpu is not None \
        else None
    latencies = sorted(run.latencies)
    rps = len(latencies) / run.seconds
    target = TARGETS.get(procedure)
    return Result(
        procedure=procedure, requests=len(latencies), seconds=round(run.seconds, 3),
        rps=round(rps, 1), p50_ms=round(percentile(latencies, 0.50) * 1000, 2),
        p99_ms=round(percentile(latencies, 0.99) * 1000, 2), errors=run.errors,
        target_rps=target, met=None if target is None else rps >= target and run.errors == 0,
        server_cpu_pct=None if server_used is None else round(100 * server_used / run.seconds),
        client_cpu_pct=round(100 * client_used / run.seconds))


# --- report ------------------------------------------------------------------------------

COLUMNS = (("procedure", "{:<12}"), ("requests", "{:>9}"), ("req/s", "{:>9}"),
           ("p50 ms", "{:>8}"), ("p99 ms", "{:>8}"), ("errors", "{:>7}"),
           ("target/s", "{:>9}"), ("met", "{:>4}"), ("srv CPU%", "{:>9}"), ("cli CPU%", "{:>9}"))


def table(results: list[Result]) -> str:
    def line(cells: tuple[Any, ...]) -> str:
        return "  ".join(fmt.format(cell) for (_, fmt), cell in zip(COLUMNS, cells))

    rows = [line(tuple(name for name, _ in COLUMNS))]
    for r in results:
        met = "-" if r.met is None else ("yes" if r.met else "NO")
        rows.append(line((r.procedure, r.requests, f"{r.rps:.0f}", f"{r.p50_ms:.2f}",
                          f"{r.p99_ms:.2f}", r.errors,
                          "-" if r.target_rps is None else f"{r.target_rps:.0f}", met,
                          "-" if r.server_cpu_pct is None else r.server_cpu_pct,
                          r.client_cpu_pct)))
    return "\n".join(rows)


# --- main --------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
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
    parser.add_argument("--procedures", nargs="+", choices=PROCEDURES, default=list(PROCEDURES),
                        help="procedures to measure, in this order (default: all, createTask last)")
    parser.add_argument("--full-check", action="store_true",
                        help="parse every answer in full (costs load-generator CPU)")
    parser.add_argument("--json", action="store_true", help="also print the results as JSON")
    parser.add_argument("--boardlog", type=Path, default=REPO / ".venv" / "bin" / "boardlog",
                        help="the boardlog executable (default .venv/bin/boardlog)")
    parser.add_argument("--keep-log", action="store_true",
                        help="print the server's output at the end")
    args = parser.parse_args(argv)
    if args.concurrency < 1 or args.seconds <= 0 or (args.requests is not None and args.requests < 1):
        parser.error("--concurrency, --seconds and --requests must be positive")
    return args


async def benchmark(args: argparse.Namespace, server: subprocess.Popen, port: int) -> list[Result]:
    base = f"http://{HOST}:{port}"
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        await wait_ready(session, base, server)
        client = Client(session, f"{base}/jsonrpc.php",
                        {"Authorization": basic_auth("jsonrpc", TOKEN),
                         "Content-Type": "application/json"})
        started = time.perf_counter()
        project_id, task_ids = await seed(client, args.tasks, args.seed_batch, args.seed_parallel)
        print(f"seeded project {project_id} with {len(task_ids)} tasks in "
              f"{time.perf_counter() - started:.2f} s", file=sys.stderr)
        results = []
        for procedure in args.procedures:
            make_body = body_factory(procedure, project_id, task_ids)
            results.append(await measure(client, procedure, make_body, server.pid, args))
            print(f"  measured {procedure}", file=sys.stderr)
        return results


def run_event_loop(coroutine: Any) -> Any:
    try:
        import uvloop
    except ImportError:  # the plain asyncio loop works, with a slower load generator
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.boardlog.exists():
        print(f"no boardlog executable at {args.boardlog} (run `make install`)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="boardlog-bench-") as tmp:
        log_path = Path(tmp) / "server.log"
        port = free_port()
        with open(log_path, "wb") as log_file:
            server = start_server(args.boardlog, Path(tmp) / "bench.db", port, log_file)
            try:
                results = run_event_loop(benchmark(args, server, port))
            except (RuntimeError, aiohttp.ClientError) as exc:
                print(f"benchmark failed: {exc}", file=sys.stderr)
                results = None
            finally:
                status = stop_server(server)
        log = log_path.read_text(errors="replace")
    if results is None or args.keep_log:
        print(f"--- server output (exit status {status}) ---\n{log}", file=sys.stderr)
    if results is None:
        return 1
    print(f"boardlog JSON-RPC, {args.tasks} tasks, concurrency {args.concurrency}, "
          f"{os.cpu_count()} CPUs; server exit status {status}")
    print(table(results))
    if args.json:
        print(orjson.dumps([asdict(r) for r in results], option=orjson.OPT_INDENT_2).decode())
    return 0 if status == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
