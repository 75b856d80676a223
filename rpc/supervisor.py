"""`boardlog serve --workers N`: N server processes on one port and one database.

The supervisor does the one-time work first (the log created, projections set up or
rebuilt, the first-start token and admin user made and printed: rpc.app.prepare), so the
workers never race on a fresh database, then starts each worker as `boardlog serve
--workers 1 --supervisor PID` with the same arguments. Every worker binds the port with
SO_REUSEPORT, so the kernel spreads new connections over them; the supervisor holds a
bound (not listening) socket on the port meanwhile, so another user cannot take it while
a worker restarts. Writers in different workers coordinate through the database
(eventstore.writer: one write transaction at a time, each folding in what the others
appended before it decides).

A worker that dies is restarted, after a back-off that doubles while it keeps dying
young. SIGTERM or SIGINT stops every worker with SIGTERM (each drains its writer); the
exit status is 0 only if all of them then exited cleanly. Workers run in a session of
their own, so a terminal's Ctrl-C reaches only the supervisor and each worker hears one
signal; a worker whose supervisor vanished (killed -9) stops itself (`watch_parent`).
"""
from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Callable

STOP_TIMEOUT = 60.0  # seconds the workers get to drain their writers before SIGKILL
STABLE_AFTER = 10.0  # a worker that lived this long was not crash-looping
FIRST_DELAY, MAX_DELAY = 0.5, 30.0  # restart back-off of a worker that keeps dying young
# A worker stopped by SIGTERM itself had not installed its handler yet (still starting:
# nothing bound, nothing acknowledged) or had removed it (drained, exiting): clean both.
CLEAN_EXITS = (0, -signal.SIGTERM)
POLL = 0.1  # seconds between looks at the workers
PARENT_CHECK = 1.0  # seconds between a worker's looks at its supervisor


def offload_workers(server_processes: int, cpus: int | None = None) -> int:
    """Long-read worker processes per server process (rpc.offload): the cores shared out,
    at least one each, at most two (one process alone keeps today's two)."""
    cpus = cpus or os.cpu_count() or 1
    return max(1, min(2, cpus // server_processes))


def reserve_port(host: str, port: int) -> socket.socket:
    """A bound, never-listening SO_REUSEPORT socket on the port: fails now (OSError) if
    something else holds it, and keeps it ours while workers come and go."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


@dataclass
class Worker:
    """One worker slot: its current process, and how it has been dying."""

    slot: int
    process: subprocess.Popen | None = None
    started: float = 0.0
    quick_deaths: int = 0  # deaths in a row within STABLE_AFTER of the start
    restart_at: float = 0.0

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


def restart_delay(quick_deaths: int) -> float:
    """No wait after a worker that had run stably; else doubling from FIRST_DELAY."""
    if quick_deaths == 0:
        return 0.0
    return min(MAX_DELAY, FIRST_DELAY * 2 ** (quick_deaths - 1))


@dataclass
class Supervisor:
    command: list[str]  # a worker's command line
    count: int
    env: dict[str, str]
    say: Callable[[str], None] = field(default=lambda text: print(
        f"boardlog supervisor: {text}", file=sys.stderr, flush=True))
    _stopping: bool = False

    def run(self) -> int:
        """Serve until SIGTERM/SIGINT; 0 if every worker then stopped cleanly, else 1."""
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._stop)
        workers = [Worker(slot) for slot in range(self.count)]
        while not self._stopping:
            now = time.monotonic()
            for worker in workers:
                self._tend(worker, now)
            time.sleep(POLL)
        return self._stop_all(workers)

    def _stop(self, signum: int, frame: object) -> None:
        self._stopping = True

    def _tend(self, worker: Worker, now: float) -> None:
        """Start a slot's worker when due; notice one that died and schedule its restart."""
        if worker.alive():
            return
        if worker.process is not None:  # it died: since the last look
            status, lived = worker.process.returncode, now - worker.started
            worker.process = None
            worker.quick_deaths = worker.quick_deaths + 1 if lived < STABLE_AFTER else 0
            delay = restart_delay(worker.quick_deaths)
            worker.restart_at = now + delay
            self.say(f"worker {worker.slot} exited with status {status} after {lived:.1f} s; "
                     f"restarting it in {delay:.1f} s")
        if now >= worker.restart_at and not self._stopping:
            worker.process = subprocess.Popen(self.command, env=self.env,
                                              stdin=subprocess.DEVNULL,
                                              start_new_session=True)
            worker.started = now

    def _stop_all(self, workers: list[Worker]) -> int:
        running = [w.process for w in workers if w.alive()]
        for process in running:
            process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        clean = True
        for process in running:
            try:
                status = process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.say(f"worker {process.pid} still running after {STOP_TIMEOUT:.0f} s; "
                         "killing it")
                process.kill()
                status = process.wait()
            if status not in CLEAN_EXITS:
                self.say(f"worker {process.pid} stopped with status {status}")
                clean = False
        return 0 if clean else 1


async def watch_parent(supervisor_pid: int) -> None:
    """In a worker: stop cleanly (as on SIGTERM) once the supervisor is gone."""
    while os.getppid() == supervisor_pid:
        await asyncio.sleep(PARENT_CHECK)
    os.kill(os.getpid(), signal.SIGTERM)
