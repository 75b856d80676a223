"""Drive one JSON-RPC procedure with wrk (a C load generator, apt package `wrk`).

Why wrk and not bench/rpc_bench.py's Python generator: on this 2-core machine the Python
generator needs about as much CPU per request as the server, so it, not the server, sets
the figure; wrk costs a small fraction of that. The issue's anchors were measured with
`wrk -c8`.

Each request is a JSON-RPC call of the procedure with the same parameters as
`rpc_bench.body_factory` gives (getTask: a random seeded task). A Lua `response` hook
counts as failed every answer that is not HTTP 200 carrying a "result" that is not
null/false, read from the envelope's first 64 bytes (boardlog and Kanboard both write
"result" there; the rest of a 1 MB board is not scanned).
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench.rpc_bench import basic_auth

# wrk's script: one request body per call, and an answer check that counts failures.
LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "{auth}"
local ids = {{{ids}}}
local procedure = "{procedure}"
local project = {project}
local failed = 0
request = function()
  local params
  if procedure == "getTask" then
    params = '{{"task_id":' .. ids[math.random(#ids)] .. '}}'
  elseif procedure == "createTask" then
    params = '{{"title":"bench","project_id":' .. project .. '}}'
  else
    params = '{{"project_id":' .. project .. '}}'
  end
  return wrk.format(nil, "{path}", nil,
    '{{"jsonrpc":"2.0","method":"' .. procedure .. '","id":1,"params":' .. params .. '}}')
end
response = function(status, headers, body)
  -- the envelope's start only: scanning a 1 MB board three times a response made wrk,
  -- not the server, the limit of getBoard
  local head = string.sub(body, 1, 64)
  local at = string.find(head, '"result":', 1, true)
  if status ~= 200 or not at then
    failed = failed + 1
    return
  end
  local value = string.sub(head, at + 9, at + 13)
  if value == "false" or string.sub(value, 1, 4) == "null" then
    failed = failed + 1
  end
end
done = function(summary, latency, requests)
  io.write(string.format("failed %d\\n", failed))
  io.write(string.format("p50_us %d\\np99_us %d\\n", latency:percentile(50),
                         latency:percentile(99)))
end
"""
PROCEDURES = ("getTask", "getBoard", "getAllTasks", "createTask")


@dataclass(frozen=True)
class WrkRun:
    rps: float
    requests: int
    p50_ms: float
    p99_ms: float
    failed: int


@dataclass(frozen=True)
class Load:
    """What to send: `procedure` on the seeded project and tasks of the server at `url`
    (http://host:port/path), authenticated as jsonrpc with `token`."""
    url: str
    token: str
    procedure: str
    project_id: int
    task_ids: list[int]

    def script(self, folder: Path) -> Path:
        if self.procedure not in PROCEDURES:
            raise ValueError(f"no wrk load defined for {self.procedure}")
        path = "/" + self.url.split("://", 1)[1].split("/", 1)[1]
        script = folder / f"{self.procedure}.lua"
        script.write_text(LUA.format(auth=basic_auth("jsonrpc", self.token),
                                     ids=",".join(map(str, self.task_ids)),
                                     procedure=self.procedure, project=self.project_id,
                                     path=path))
        return script


def wrk(load: Load, folder: Path, connections: int, seconds: float) -> WrkRun:
    """One wrk run of `load` at `connections` keep-alive connections (one wrk thread)."""
    run = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s",
                          "-s", str(load.script(folder)), load.url],
                         capture_output=True, text=True, timeout=seconds + 60)
    if run.returncode != 0:
        raise RuntimeError(f"wrk failed: {run.stderr or run.stdout}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", run.stdout).group(1))
    requests = int(re.search(r"(\d+) requests in", run.stdout).group(1))
    numbers = dict((k, int(v)) for k, v in re.findall(r"^(\w+) (\d+)$", run.stdout, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", run.stdout)
    failed = max(numbers.get("failed", 0), int(errors.group(1)) if errors else 0)
    return WrkRun(rps, requests, numbers.get("p50_us", 0) / 1000,
                  numbers.get("p99_us", 0) / 1000, failed)
