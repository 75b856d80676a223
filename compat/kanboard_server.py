"""The real Kanboard, served by PHP's built-in server on a fresh SQLite database.

Kanboard reads DATA_DIR, DB_DRIVER and API_AUTHENTICATION_TOKEN from the environment
(app/constants.php, app/Api/Middleware/AuthenticationMiddleware.php), so a new temporary
data directory gives every recording an empty database with the user admin/admin.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from compat.client import post

READY_TIMEOUT = 20.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def kanboard_source(explicit: str | None) -> Path:
    source = Path(explicit or os.environ.get("KANBOARD_SRC", ""))
    if not (source / "jsonrpc.php").is_file():
        raise SystemExit("Kanboard's source not found: pass --kanboard-src or set KANBOARD_SRC "
                         "(see compat/README.md)")
    return source


def wait_ready(url: str, process: "subprocess.Popen[bytes]") -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("php -S exited early")
        try:
            post(url, '{"jsonrpc":"2.0","method":"getTimezone","id":0}', None)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"Kanboard did not answer on {url}")


# As people deploy it for speed: OPcache on (no timestamp checks), two PHP workers.
TUNED_OPTIONS = ("-d", "opcache.enable=1", "-d", "opcache.enable_cli=1",
                 "-d", "opcache.validate_timestamps=0", "-d", "opcache.memory_consumption=128")
TUNED_WORKERS = "2"


@contextmanager
def running_kanboard(source: Path, token: str) -> Iterator[str]:
    """Serve Kanboard from `source` on a fresh database; yields the JSON-RPC URL."""
    with kanboard_process(source, token) as (url, _pid):
        yield url


@contextmanager
def kanboard_process(source: Path, token: str, tuned: bool = False,
                     data_dir: str | None = None,
                     database: dict[str, str] | None = None) -> Iterator[tuple[str, int]]:
    """Serve Kanboard from `source` on a fresh database (in `data_dir` when given, which
    then outlives it); yields its JSON-RPC URL and the PHP server's pid. `tuned` serves it
    as a benchmark should compare against. `database` replaces the SQLite database by
    Kanboard's DB_* settings (e.g. DB_DRIVER=postgres and an empty database, whose schema
    Kanboard creates at the first request)."""
    with tempfile.TemporaryDirectory(prefix="kanboard-data-") as scratch:
        data_dir = data_dir or scratch
        port = free_port()
        env = {**os.environ, "DATA_DIR": data_dir, "DB_DRIVER": "sqlite",
               "API_AUTHENTICATION_TOKEN": token, **(database or {})}
        options: tuple[str, ...] = ()
        if tuned:
            env["PHP_CLI_SERVER_WORKERS"] = TUNED_WORKERS
            options = TUNED_OPTIONS
        process = subprocess.Popen(["php", *options, "-S", f"127.0.0.1:{port}",
                                    "-t", str(source)],
                                   env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL,
                                   start_new_session=True)  # its workers: one group
        url = f"http://127.0.0.1:{port}/jsonrpc.php"
        try:
            wait_ready(url, process)
            yield url, process.pid
        finally:
            # the whole group: PHP_CLI_SERVER_WORKERS forks workers that a signal to
            # the parent alone leaves serving, orphaned
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
