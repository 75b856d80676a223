"""A boardlog server as a real operating-system process, and a small JSON-RPC client for it.

The durability tests need what the in-process `server` fixture cannot give: a process
that can be stopped with SIGTERM or killed with SIGKILL and started again on the same
database file. Everything here stays on the loopback interface.
"""
from __future__ import annotations

import base64
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import aiohttp

from tests.conftest import ADMIN_PASSWORD, TOKEN

REPO = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").is_file())
HOST = "127.0.0.1"
READY_TIMEOUT = 20.0
STOP_TIMEOUT = 30.0


def boardlog_command() -> list[str]:
    """The installed `boardlog` script beside this interpreter, else `python -m rpc.cli`."""
    script = Path(sys.executable).with_name("boardlog")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "rpc.cli"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOARDLOG_")}
    env.update(BOARDLOG_API_TOKEN=TOKEN, BOARDLOG_ADMIN_PASSWORD=ADMIN_PASSWORD,
               PYTHONUNBUFFERED="1")
    return env


@dataclass
class ServerProcess:
    """One running `boardlog serve` process; its output goes to a log file."""

    db_path: str
    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def rpc_url(self) -> str:
        return f"{self.base_url}/jsonrpc.php"

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def output(self) -> str:
        """The process's stdout and stderr so far (for failure messages)."""
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    def health(self) -> dict | None:
        try:
            with urllib.request.urlopen(f"{self.base_url}/health", timeout=1.0) as response:
                return json.loads(response.read())
        except (OSError, ValueError):
            return None

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"boardlog exited with {self.process.returncode} before "
                                   f"answering:\n{self.output()}")
            if self.health() is not None:
                return
            time.sleep(0.05)
        raise TimeoutError(f"boardlog did not answer within {timeout}s:\n{self.output()}")

    def terminate(self, timeout: float = STOP_TIMEOUT) -> int:
        """SIGTERM, then wait for the clean exit; its exit status."""
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)

    def kill(self) -> int:
        """SIGKILL: no cleanup of any kind runs in the server."""
        if self.alive():
            self.process.send_signal(signal.SIGKILL)
        return self.process.wait(timeout=STOP_TIMEOUT)


def start_server(db_path: str, log_dir: Path, attempts: int = 3,
                 settings: dict[str, str] | None = None,
                 args: tuple[str, ...] = ()) -> ServerProcess:
    """Start `boardlog serve [args]` on a free loopback port and wait until /health
    answers."""
    problem: Exception | None = None
    for attempt in range(attempts):
        port = free_port()
        log_path = log_dir / f"boardlog-{port}-{attempt}-{time.monotonic_ns()}.log"
        log_file = open(log_path, "wb")
        try:
            process = subprocess.Popen(
                [*boardlog_command(), "serve", "--db", db_path, "--host", HOST,
                 "--port", str(port), *args],
                cwd=REPO, env={**server_env(), **(settings or {})}, stdout=log_file,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL)
        finally:
            log_file.close()  # the child keeps its own descriptor
        server = ServerProcess(db_path, port, process, log_path)
        try:
            server.wait_ready()
            return server
        except (RuntimeError, TimeoutError) as exc:  # e.g. the port was taken meanwhile
            problem = exc
            server.kill()
    raise RuntimeError(f"could not start boardlog: {problem}")


@contextmanager
def running_server(db_path: str, log_dir: Path, settings: dict[str, str] | None = None,
                   args: tuple[str, ...] = ()) -> Iterator[ServerProcess]:
    """A started server that is always killed on the way out, whatever happened."""
    server = start_server(db_path, log_dir, settings=settings, args=args)
    try:
        yield server
    finally:
        if server.alive():
            server.kill()


def run_verify(db_path: str) -> subprocess.CompletedProcess:
    """`boardlog verify --db FILE` as its own process."""
    return subprocess.run([*boardlog_command(), "verify", "--db", db_path], cwd=REPO,
                          env=server_env(), capture_output=True, text=True, timeout=60)


def basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


class RpcFailed(Exception):
    """The server answered with a JSON-RPC error or an unexpected HTTP status."""


@dataclass
class Client:
    """JSON-RPC over one aiohttp session, as the application token unless told otherwise."""

    session: aiohttp.ClientSession
    url: str
    auth: str = field(default_factory=lambda: basic("jsonrpc", TOKEN))
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    async def call(self, method: str, **params: Any) -> Any:
        """The result; RpcFailed on an error answer, aiohttp errors when the server is gone."""
        body = {"jsonrpc": "2.0", "method": method, "id": next(self.ids), "params": params}
        async with self.session.post(self.url, json=body,
                                     headers={"Authorization": self.auth}) as response:
            if response.status != 200:
                raise RpcFailed(f"{method}: HTTP {response.status}")
            payload = await response.json(content_type=None)
        if "error" in payload:
            raise RpcFailed(f"{method}: {payload['error']}")
        return payload["result"]
