"""The benchmarked server as a separate process, and CPU accounting for it.

Used by bench/rpc_bench.py: start `boardlog serve` on a free loopback port with a known
token, wait until it answers, stop it with SIGTERM, and measure how much CPU the server,
the load generator and everything else used while a procedure ran.
"""
from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

import aiohttp

TOKEN = "bench-application-token-0123456789abcdef"
ADMIN_PASSWORD = "bench-admin-password"
HOST = "127.0.0.1"  # loopback only
READY_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0



@contextmanager
def scratch_location(pg_url: str | None, directory: Path) -> Iterator[str]:
    """`directory`/bench.db, or with `pg_url` a fresh schema of that PostgreSQL server,
    dropped afterwards."""
    if not pg_url:
        yield str(directory / "bench.db")
        return
    import psycopg

    schema = f"boardlog_bench_{uuid.uuid4().hex[:12]}"
    try:
        yield f"{pg_url}{'&' if '?' in pg_url else '?'}schema={schema}"
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(boardlog: Path, db: Path | str, port: int, log_file: IO[bytes],
                 workers: int = 1) -> subprocess.Popen:
    """`boardlog serve`; with `workers` > 1 its supervisor (the workers are its children,
    so tree_cpu_seconds counts them)."""
    env = {**os.environ, "BOARDLOG_API_TOKEN": TOKEN, "BOARDLOG_ADMIN_PASSWORD": ADMIN_PASSWORD}
    command = [str(boardlog), "serve", "--db", str(db), "--host", HOST, "--port", str(port),
               "--workers", str(workers)]
    # A session of its own: Ctrl-C on the benchmark does not hit the server; we stop it.
    return subprocess.Popen(command, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                            start_new_session=True)


async def wait_ready(session: aiohttp.ClientSession, base: str, server: subprocess.Popen,
                     timeout: float = READY_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with status {server.returncode}")
        try:
            async with session.get(f"{base}/health") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.02)
    raise RuntimeError(f"the server did not answer within {timeout:.0f} s")


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


def tree_cpu_seconds(pid: int) -> float | None:
    """CPU time of a process and all its descendants (PHP's and boardlog's workers)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, pending = None, [pid]
    while pending:
        current = pending.pop()
        seconds = process_cpu_seconds(current)
        if seconds is not None:
            total = (total or 0.0) + seconds
        pending.extend(children.get(current, ()))
    return total


def _machine_seconds() -> dict[str, float] | None:
    """The machine's CPU time by kind, summed over cores (Linux /proc/stat)."""
    try:
        first = Path("/proc/stat").read_text().split("\n", 1)[0].split()
    except OSError:
        return None
    kinds = ("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal")
    return {kind: int(ticks) / os.sysconf("SC_CLK_TCK") for kind, ticks in zip(kinds, first[1:9])}


def machine_busy_seconds() -> float | None:
    """CPU time all processes of the machine used, summed over cores."""
    times = _machine_seconds()
    return None if times is None else sum(times[kind] for kind in (
        "user", "nice", "system", "irq", "softirq", "steal"))


def steal_seconds() -> float | None:
    """Time the hypervisor gave this machine's cores to others, summed over cores."""
    times = _machine_seconds()
    return None if times is None else times["steal"]


@contextmanager
def steal_noted(what: str) -> Iterator[None]:
    """Print, on leaving, the share of the cores' time the hypervisor took meanwhile: on
    a shared machine it slows every server alike, and moves from minute to minute."""
    started, stolen = time.monotonic(), steal_seconds()
    try:
        yield
    finally:
        now = steal_seconds()
        if stolen is not None and now is not None:
            share = (now - stolen) / ((time.monotonic() - started) * (os.cpu_count() or 1))
            print(f"(steal during {what}: {share:.0%} of the cores' time)", flush=True)


@dataclass
class CpuMeter:
    """CPU used by the server, this process and everything else while a run lasts."""

    server_pid: int
    server: float | None = None
    client: float = 0.0
    machine: float | None = None

    def start(self) -> None:
        self.server = tree_cpu_seconds(self.server_pid)
        self.client = time.process_time()
        self.machine = machine_busy_seconds()

    def used(self) -> tuple[float | None, float, float | None]:
        """CPU seconds (server, client, others) since start()."""
        server_now, machine_now = tree_cpu_seconds(self.server_pid), machine_busy_seconds()
        client = time.process_time() - self.client
        server = None if server_now is None or self.server is None else server_now - self.server
        others = None
        if server is not None and machine_now is not None and self.machine is not None:
            others = max(0.0, machine_now - self.machine - server - client)
        return server, client, others


def percent_of_core(cpu_seconds: float | None, seconds: float) -> float | None:
    return None if cpu_seconds is None else round(100 * cpu_seconds / seconds)


# --- JSON-RPC over HTTP ----------------------------------------------------------------
