"""Request counts and latencies per procedure, served in Prometheus' text format."""
from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from dataclasses import dataclass, field

BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


@dataclass
class _Series:
    count: int = 0
    total: float = 0.0
    buckets: list[int] = field(default_factory=lambda: [0] * len(BUCKETS))


class Metrics:
    def __init__(self) -> None:
        self._series: dict[tuple[str, str, str], _Series] = defaultdict(_Series)

    def observe(self, endpoint: str, method: str, seconds: float, outcome: str) -> None:
        series = self._series[(endpoint, method, outcome)]
        series.count += 1
        series.total += seconds
        index = bisect.bisect_left(BUCKETS, seconds)
        if index < len(BUCKETS):
            series.buckets[index] += 1  # cumulated when rendered

    def render(self, gauges: dict[str, float]) -> str:
        lines = ["# HELP boardlog_rpc_requests_total JSON-RPC calls by procedure and outcome",
                 "# TYPE boardlog_rpc_requests_total counter"]
        for (endpoint, method, outcome), s in sorted(self._series.items()):
            lines.append(f'boardlog_rpc_requests_total{{endpoint="{endpoint}",method="{method}",'
                         f'outcome="{outcome}"}} {s.count}')
        lines += ["# HELP boardlog_rpc_seconds JSON-RPC call latency",
                  "# TYPE boardlog_rpc_seconds histogram"]
        for (endpoint, method, outcome), s in sorted(self._series.items()):
            labels = f'endpoint="{endpoint}",method="{method}",outcome="{outcome}"'
            for bound, count in zip(BUCKETS, itertools.accumulate(s.buckets)):
                lines.append(f'boardlog_rpc_seconds_bucket{{{labels},le="{bound}"}} {count}')
            lines.append(f'boardlog_rpc_seconds_bucket{{{labels},le="+Inf"}} {s.count}')
            lines.append(f"boardlog_rpc_seconds_sum{{{labels}}} {s.total:.6f}")
            lines.append(f"boardlog_rpc_seconds_count{{{labels}}} {s.count}")
        for name, value in gauges.items():
            lines += [f"# TYPE {name} gauge", f"{name} {value}"]
        return "\n".join(lines) + "\n"
