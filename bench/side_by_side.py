"""boardlog beside the real Kanboard, the same workload in one run, and the ratios.

Run by hand on a quiet machine, never as a test:

    KANBOARD_SRC=/work/kanboard-src .venv/bin/python bench/side_by_side.py
    .venv/bin/python bench/side_by_side.py --kanboard-url http://127.0.0.1:8701/jsonrpc.php \\
        --kanboard-token secret                     # a Kanboard you started yourself
    .venv/bin/python bench/side_by_side.py --log /tmp/log-1m.db   # + mixed load, start-up

1. **Side by side.** Every server is started and gets one project of --tasks tasks
   (createTask batches); then each procedure, createTask last, is driven for --seconds
   at --concurrency requests in flight on each server in turn, --rounds times (the
   order rotating), while the others wait idle: by wrk (--driver wrk, the default:
   bench/wrk_driver.py says why), or by bench/rpc_bench.py's Python load generator
   (--driver python). Kanboard is started from its
   source tuned as people deploy it (OPcache on, two PHP workers: compat.kanboard_server);
   boardlog with `boardlog serve --workers N` (--workers, default 1: one process).
   Ratios are boardlog's succeeded answers a second over Kanboard's (its "ok/s": under
   load a share of Kanboard's createTask calls fail, "database is locked"), the median
   of the rounds' ratios, beside the targets of issue #12.
2. **Mixed load** (with --log, a log made by bench/generate_log.py): getTask at
   --concurrency, quiet, and while one other client calls each long read every 0.3 s;
   the p99 and throughput under load against quiet (targets: p99 at most 3x, throughput
   within 15%), as the median of --pairs pairs of short runs side by side in time.
   The server's BOARDLOG_OFFLOAD (process, thread, off) says where the long reads run.
3. **Start-up and memory** (with --log): seconds until /health answers and resident
   memory per task, at the first start on that log (it folds the whole log and builds
   the read models; the clean stop keeps a snapshot of the world) and at the next ones
   (the snapshot and the events after it); beside them a start on an empty database,
   already set up: what the interpreter and its imports cost whatever the log.
"""
from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from contextlib import AsyncExitStack, ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Awaitable, Iterator

import aiohttp
import yarl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from bench.rpc_bench import (  # noqa: E402
    Client, Result, basic_auth, body_factory, measure, request_body, run_event_loop, seed,
)
from bench.server_process import (  # noqa: E402
    HOST, TOKEN, CpuMeter, free_port, percent_of_core, start_server, steal_noted, stop_server,
    wait_ready,
)
from bench.wrk_driver import Load, wrk  # noqa: E402
from compat.kanboard_server import kanboard_process  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("rpc", "domain", "eventstore", "projections", "kanboard_import")  # pyproject's
PROCEDURES = ("getTask", "getBoard", "getAllTasks", "createTask")
RATIO_TARGETS = {"getTask": 20.0, "createTask": 10.0, "getBoard": 8.0, "getAllTasks": 8.0}
KANBOARD_TOKEN = "side-by-side-token"
LONG_READ_PERIOD = 0.3


@dataclass(frozen=True)
class Target:
    name: str
    url: str
    token: str
    pid: int | None  # for CPU accounting; None for a server started elsewhere


@contextmanager
def boardlog_server(args: argparse.Namespace, db: Path, workers: int = 1) -> Iterator[Target]:
    log = open(db.with_suffix(".server.log"), "wb")
    port = free_port()
    server = start_server(args.boardlog, db, port, log, workers)
    try:
        yield Target(f"boardlog --workers {workers}", f"http://{HOST}:{port}/jsonrpc.php",
                     TOKEN, server.pid)
    finally:
        stop_server(server)
        log.close()


def session_for(target: Target, concurrency: int) -> aiohttp.ClientSession:
    headers = {"Authorization": basic_auth("jsonrpc", target.token),
               "Content-Type": "application/json"}
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency),
                                 headers=headers, timeout=aiohttp.ClientTimeout())


async def ready(session: aiohttp.ClientSession, target: Target) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            async with session.post(target.url, data=request_body("getVersion", {}, 0)) as r:
                if r.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.1)
    raise RuntimeError(f"{target.name} did not answer on {target.url}")


async def seeded(client: Client, target: Target, args: argparse.Namespace,
                 ) -> tuple[int, list[int]]:
    await ready(client.session, target)
    # one batch at a time: two PHP workers writing at once lock Kanboard's SQLite file
    return await seed(client, args.tasks, args.seed_batch, 1)


async def side_by_side(targets: list[Target], args: argparse.Namespace,
                       ) -> dict[str, dict[str, list[Result]]]:
    """Every target seeded alike, then each procedure driven --rounds times on each in
    turn (the order rotating each round), so that servers are compared a few seconds
    apart: the machine's speed drifts by more than any target's margin within minutes.
    A server waiting its turn is idle. Returned: {target: {procedure: [one per round]}}."""
    async with AsyncExitStack() as stack:
        clients = {}
        for target in targets:
            session = await stack.enter_async_context(session_for(target, args.concurrency))
            clients[target.name] = Client(session, yarl.URL(target.url))
        seeds = {t.name: await seeded(clients[t.name], t, args) for t in targets}
        results: dict[str, dict[str, list[Result]]] = {t.name: {} for t in targets}
        for procedure in args.procedures:
            for number in range(args.rounds):
                turn = number % len(targets)
                for target in targets[turn:] + targets[:turn]:
                    project_id, task_ids = seeds[target.name]
                    result = await driven(clients[target.name], target, procedure,
                                          project_id, task_ids, args)
                    results[target.name].setdefault(procedure, []).append(result)
            print(f"  measured {procedure}", file=sys.stderr)
        return results


async def driven(client: Client, target: Target, procedure: str, project_id: int,
                 task_ids: list[int], args: argparse.Namespace) -> Result:
    """One procedure's figures, by the load generator --driver names."""
    if args.driver == "python":
        make_body = body_factory(procedure, project_id, task_ids)
        return await measure(client, procedure, make_body, target.pid or 0, args)
    load = Load(target.url, target.token, procedure, project_id, task_ids)
    return await asyncio.to_thread(wrk_result, load, target, args)


def wrk_result(load: Load, target: Target, args: argparse.Namespace) -> Result:
    folder = Path(tempfile.mkdtemp(prefix="wrk-"))
    try:
        if args.warmup > 0:
            wrk(load, folder, args.concurrency, args.warmup)
        meter = CpuMeter(target.pid or 0)
        meter.start()
        run = wrk(load, folder, args.concurrency, args.seconds)
        server_cpu, client_cpu, other_cpu = meter.used()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return Result(procedure=load.procedure, requests=run.requests, seconds=args.seconds,
                  rps=run.rps, p50_ms=run.p50_ms, p99_ms=run.p99_ms, errors=run.failed,
                  target_rps=None, met=None,
                  server_cpu_pct=percent_of_core(server_cpu, args.seconds),
                  server_us_per_request=None if server_cpu is None or not run.requests
                  else round(server_cpu / run.requests * 1e6),
                  client_cpu_pct=None,  # wrk is a process of its own: counted in "other"
                  other_cpu_pct=percent_of_core(other_cpu, args.seconds))


async def keep_calling(client: Client, body: bytes, stop: asyncio.Event) -> None:
    """Call every LONG_READ_PERIOD until `stop`, the call under way finished first (the
    server could not cancel it: it would go on into whatever runs next)."""
    while not stop.is_set():
        await client.post(body)
        try:
            await asyncio.wait_for(stop.wait(), LONG_READ_PERIOD)
        except TimeoutError:
            pass


@dataclass
class Pair:
    """One quiet segment and the loaded one beside it."""

    quiet: Result
    loaded: Result

    @property
    def p99_ratio(self) -> float:
        return self.loaded.p99_ms / self.quiet.p99_ms if self.quiet.p99_ms else float("nan")

    @property
    def drop(self) -> float:
        return 1 - self.loaded.rps / self.quiet.rps if self.quiet.rps else float("nan")


async def with_long_read(slow: Client, body: bytes, run: Awaitable[Result]) -> Result:
    stop = asyncio.Event()
    background = asyncio.create_task(keep_calling(slow, body, stop))
    try:
        return await run
    finally:
        stop.set()
        await background


async def mixed(target: Target, args: argparse.Namespace, project_id: int,
                task_ids: list[int], head: int) -> list[tuple[str, list[Pair]]]:
    """For each long read, --pairs pairs of --segment-second getTask runs, one quiet and
    one while another client calls that read every 0.3 s (getBoardAt halfway through the
    log, where the board is folded from a snapshot). The segments alternate (quiet
    first, then loaded first) and each pair is compared on its own: this machine's speed
    drifts by more than the 15% measured within a minute, so runs far apart in time
    compare the machine, not the load."""
    long_reads = {
        "getProjectActivity": {"project_id": project_id},
        "getBoardAt": {"project_id": project_id, "at": head // 2},
        "searchTasks": {"project_id": project_id, "query": "task"},
        "getTaskHistory": {"task_id": task_ids[len(task_ids) // 2]},
    }
    segment = argparse.Namespace(**{**vars(args), "seconds": args.segment, "warmup": 0})
    async with session_for(target, args.concurrency) as session, \
            session_for(target, 1) as other:
        client, slow = Client(session, yarl.URL(target.url)), Client(other, yarl.URL(target.url))
        await driven(client, target, "getTask", project_id, task_ids, args)  # warm-up
        outcomes = []
        for name, params in long_reads.items():
            body = request_body(name, params, 1)
            pairs = []
            for number in range(args.pairs):
                get_tasks = lambda: driven(client, target, "getTask", project_id,  # noqa: E731
                                           task_ids, segment)
                if number % 2 == 0:
                    quiet = await get_tasks()
                    loaded = await with_long_read(slow, body, get_tasks())
                else:
                    loaded = await with_long_read(slow, body, get_tasks())
                    quiet = await get_tasks()
                pairs.append(Pair(quiet, loaded))
            outcomes.append((name, pairs))
        return outcomes


def task_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM tasks").fetchone()[0]


def log_head(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COALESCE(MAX(position), 0) FROM events").fetchone()[0]


def resident_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


FIRST_START_TIMEOUT = 1800.0  # a fold of the whole log and every read model built


async def timed_start(args: argparse.Namespace, db: Path,
                      timeout: float = FIRST_START_TIMEOUT) -> tuple[float, int]:
    """Seconds from `boardlog serve` to /health, and the resident KiB then."""
    port = free_port()
    with open(db.with_suffix(".start.log"), "wb") as log:
        started = time.perf_counter()
        server = start_server(args.boardlog, db, port, log)
        try:
            async with aiohttp.ClientSession() as session:
                await wait_ready(session, f"http://{HOST}:{port}", server, timeout)
            return time.perf_counter() - started, resident_kib(server.pid)
        finally:
            stop_server(server)


async def start_ups(args: argparse.Namespace, db: Path, starts: int = 3) -> None:
    """The first start on the log, the next `starts`, and starts on an empty database
    (alternating with them, so a busy machine weighs on both alike). This checkout's
    modules are compiled first, as an installed server's are (pip compiles at install):
    where PYTHONDONTWRITEBYTECODE is set, each start would otherwise compile them."""
    for package in PACKAGES:
        compileall.compile_dir(str(REPO / package), quiet=1)
    first = await timed_start(args, db)
    empty_db = db.with_name("empty.db")
    await timed_start(args, empty_db)  # its first start makes the admin user (a slow hash)
    again, empty = [], []
    for _ in range(starts):
        again.append(await timed_start(args, db))
        empty.append(await timed_start(args, empty_db))
    tasks = max(task_count(db), 1)

    def line(label: str, seconds: float, kib: int, per_task: bool = True) -> str:
        return (f"  {label:<34}{seconds:>7.2f} s{kib / 1024:>7.0f} MiB" +
                (f"{kib * 1024 / tasks / 1024:>7.1f} KiB a task" if per_task else ""))

    print(f"\nstart-up on {args.log.name} ({tasks} tasks; targets: < 1 s, <= 8 KB a task)")
    print(line("first (whole log, read models)", *first))
    for seconds, kib in again:
        print(line("next (world snapshot)", seconds, kib))
    for seconds, kib in empty:
        print(line("an empty database", seconds, kib, per_task=False))


async def on_big_log(args: argparse.Namespace, db: Path) -> None:
    if not args.mixed_only:
        await start_ups(args, db)
    with boardlog_server(args, db, args.workers[0]) as target:
        async with session_for(target, 1) as session:
            await ready(session, target)
            client = Client(session, yarl.URL(target.url))
            projects = await client.call("getAllProjects", {})
            project_id = projects[0]["id"] if isinstance(projects[0], dict) else int(projects[0])
            tasks_of = await client.call("getAllTasks", {"project_id": project_id})
        outcomes = await mixed(target, args, project_id, [int(t["id"]) for t in tasks_of],
                               log_head(db))
    offload = os.environ.get("BOARDLOG_OFFLOAD", "process")
    print(f"\nmixed load: getTask at -c{args.concurrency} on a project of {len(tasks_of)} "
          "tasks, quiet and with another client calling a long read every 0.3 s "
          f"(BOARDLOG_OFFLOAD={offload})")
    print(f"{args.pairs} pairs of {args.segment:g}-second runs a long read, each pair "
          "compared on its own; medians of the pairs (and their range)")
    print(f"{'long read':<20}{'p99 quiet':>10}{'p99 load':>10}{'x':>6}{'req/s quiet':>13}"
          f"{'req/s load':>12}{'drop':>7}{'x range':>12}{'drop range':>14}")
    for name, pairs in outcomes:
        ratio, drop = median([p.p99_ratio for p in pairs]), median([p.drop for p in pairs])
        ratios, drops = sorted(p.p99_ratio for p in pairs), sorted(p.drop for p in pairs)
        print(f"{name:<20}{median([p.quiet.p99_ms for p in pairs]):>10.2f}"
              f"{median([p.loaded.p99_ms for p in pairs]):>10.2f}{ratio:>6.1f}"
              f"{median([p.quiet.rps for p in pairs]):>13.0f}"
              f"{median([p.loaded.rps for p in pairs]):>12.0f}{drop:>7.0%}"
              f"{f'{ratios[0]:.1f}-{ratios[-1]:.1f}':>12}"
              f"{f'{drops[0]:.0%} to {drops[-1]:.0%}':>14}"
              f"   {'ok' if ratio <= 3 and drop <= 0.15 else 'MISSED'} (<=3x, <=15%)")


def succeeded_per_second(r: Result) -> float:
    """Answers that were not failures, a second: Kanboard's createTask fails a share of
    its calls ("database is locked") under load, and a failed write is not a write."""
    return r.rps * (r.requests - r.errors) / r.requests if r.requests else 0.0


NO_FIGURES = f"{'-':>11}{'-':>8}{'-':>8}"


def comparison(ours: dict[str, list[Result]], theirs: dict[str, list[Result]] | None
               ) -> str:
    """Medians over the rounds (req/s counts every answer; p99 in ms), errors summed
    over them. The ratio is the median of each round's ratio of succeeded answers a
    second, its range beside it."""
    lines = [f"{'procedure':<12}{'boardlog/s':>11}{'p99 ms':>8}{'errors':>8}{'Kanboard/s':>11}"
             f"{'p99 ms':>8}{'errors':>8}{'ok/s':>7}{'ratio':>7}{'range':>12}{'target':>8}"]
    for procedure, rounds in ours.items():
        kanboard = (theirs or {}).get(procedure)
        ratios = sorted(succeeded_per_second(r) / succeeded_per_second(k)
                        for r, k in zip(rounds, kanboard or []) if succeeded_per_second(k))
        ratio = median(ratios) if ratios else None
        target = RATIO_TARGETS.get(procedure)
        figures = lambda results: (  # noqa: E731
            f"{median([r.rps for r in results]):>11.0f}"
            f"{median([r.p99_ms for r in results]):>8.2f}{sum(r.errors for r in results):>8}")
        k_ok = f"{median([succeeded_per_second(k) for k in kanboard]):.0f}" if kanboard else "-"
        lines.append(
            f"{procedure:<12}{figures(rounds)}"
            f"{figures(kanboard) if kanboard else NO_FIGURES}"
            f"{k_ok:>7}{(f'{ratio:.1f}x' if ratio else '-'):>7}"
            f"{(f'{ratios[0]:.1f}-{ratios[-1]:.1f}' if ratios else '-'):>12}"
            f"{(f'{target:.0f}x' if target else '-'):>8}"
            f"{'' if ratio is None or target is None else ('  ok' if ratio >= target else '  MISSED')}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kanboard-src", default=os.environ.get("KANBOARD_SRC"),
                        help="Kanboard's source, served tuned for the run (or KANBOARD_SRC)")
    parser.add_argument("--kanboard-url", help="a Kanboard already running (its jsonrpc.php)")
    parser.add_argument("--kanboard-token", default=KANBOARD_TOKEN,
                        help="that Kanboard's API token")
    parser.add_argument("--log", type=Path, help="a log from bench/generate_log.py: also "
                        "run the mixed load and the start-up and memory figures on it")
    parser.add_argument("--mixed-only", action="store_true",
                        help="with --log: only the mixed load (no side by side, no start-up)")
    parser.add_argument("--start-up-only", action="store_true",
                        help="with --log: only the start-up and memory figures")
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=3,
                        help="side by side: runs of each procedure on each server, in turn")
    parser.add_argument("--pairs", type=int, default=6,
                        help="mixed load: quiet and loaded runs compared, a long read")
    parser.add_argument("--segment", type=float, default=2.0,
                        help="mixed load: seconds of each of those runs")
    parser.add_argument("--seed-batch", type=int, default=50)
    parser.add_argument("--procedures", nargs="+", choices=PROCEDURES, default=list(PROCEDURES))
    parser.add_argument("--boardlog", type=Path, default=REPO / ".venv" / "bin" / "boardlog")
    parser.add_argument("--driver", choices=("wrk", "python"),
                        default="wrk" if shutil.which("wrk") else "python",
                        help="load generator: wrk (default where installed) or the Python "
                             "one of bench/rpc_bench.py")
    parser.add_argument("--workers", type=int, nargs="+", default=[1],
                        help="boardlog server processes (`serve --workers N`; default 1); "
                             "several counts are each measured beside the same Kanboard run")
    args = parser.parse_args(argv)
    args.requests, args.full_check = None, False  # what rpc_bench.measure reads
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="side-by-side-") as tmp, ExitStack() as stack:
        if args.log and args.start_up_only:
            copy = Path(tmp) / "big.db"
            shutil.copyfile(args.log, copy)
            with steal_noted("the starts"):
                run_event_loop(start_ups(args, copy))
            return 0
        if not (args.mixed_only and args.log):
            targets = []
            if args.kanboard_url:
                targets.append(Target("Kanboard", args.kanboard_url, args.kanboard_token, None))
            elif args.kanboard_src:
                url, pid = stack.enter_context(kanboard_process(
                    Path(args.kanboard_src), args.kanboard_token, tuned=True))
                targets.append(Target("Kanboard", url, args.kanboard_token, pid))
            for workers in args.workers:
                targets.append(stack.enter_context(
                    boardlog_server(args, Path(tmp) / f"bench-{workers}.db", workers)))
            with steal_noted("the side-by-side runs"):
                results = run_event_loop(side_by_side(targets, args))
            stack.close()  # the servers stop before anything else runs
            theirs = results.pop("Kanboard", None)
            against = "; Kanboard tuned (OPcache, 2 workers)" if theirs else "; no Kanboard"
            for name, ours in results.items():
                print(f"\n{args.tasks} tasks, concurrency {args.concurrency}, {args.rounds} "
                      f"rounds of {args.seconds:g} s per procedure and server, "
                      f"{os.cpu_count()} CPUs, driver {args.driver}, {name}, "
                      f"load average {os.getloadavg()[0]:.1f}{against}")
                print(comparison(ours, theirs), flush=True)
        if args.log:
            copy = Path(tmp) / "big.db"
            shutil.copyfile(args.log, copy)
            with steal_noted("the runs on the big log"):
                run_event_loop(on_big_log(args, copy))
    return 0


if __name__ == "__main__":
    sys.exit(main())
