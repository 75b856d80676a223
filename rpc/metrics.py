"""Request counts and latencies per procedure, in Prometheus' text format.

prometheus_client writes the exposition (label values escaped by the library). A
method label is a declared procedure's name or "unknown", so what a client sends cannot
add series. Each app has its own registry (several servers may share a process).
"""
from __future__ import annotations

import hmac
from typing import Any, Callable, Iterator

from prometheus_client import (CollectorRegistry, Counter, Histogram, disable_created_metrics,
                               generate_latest)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

disable_created_metrics()  # no *_created series: the exposition keeps its former lines
BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
UNKNOWN = "unknown"  # the one label value every undeclared method name shares
LABELS = ("endpoint", "method", "outcome")

Status = Callable[[], dict]  # what /health answers: log head and projections


class _LogGauges(Collector):
    """The log head and each projection's lag, read when scraped."""

    def __init__(self) -> None:
        self.status: Status | None = None

    def collect(self) -> Iterator[GaugeMetricFamily]:
        if self.status is None:
            return
        status = self.status()
        yield GaugeMetricFamily("boardlog_log_head", "last position of the log",
                                value=status["log_head"])
        lag = GaugeMetricFamily("boardlog_projection_lag", "events a projection is behind",
                                labels=["projection"])
        for name, projection in status["projections"].items():
            lag.add_metric([name], projection["lag"])
        yield lag


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._calls = Counter("boardlog_rpc_requests", "JSON-RPC calls by procedure and outcome",
                              LABELS, registry=self.registry)
        self._seconds = Histogram("boardlog_rpc_seconds", "JSON-RPC call latency", LABELS,
                                  buckets=BUCKETS, registry=self.registry)
        self._gauges = _LogGauges()
        self.registry.register(self._gauges)
        # each label set's counter and histogram, found once: `labels()` takes a lock
        # and builds a key at every call
        self._series: dict[tuple[str, str, str], tuple[Any, Any]] = {}

    def watch(self, status: Status) -> None:
        self._gauges.status = status

    def observe(self, endpoint: str, method: str | None, seconds: float, outcome: str) -> None:
        """`method`: the declared procedure's name, None for a name no procedure has."""
        labels = (endpoint, method or UNKNOWN, outcome)
        series = self._series.get(labels)
        if series is None:
            series = self._series[labels] = (self._calls.labels(*labels),
                                             self._seconds.labels(*labels))
        series[0].inc()
        series[1].observe(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)


def authorized(expected: str | None, header: str | None) -> bool:
    """Whether an Authorization header carries the operator's bearer token (always,
    when no token is configured)."""
    if expected is None:
        return True
    scheme, _, given = (header or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(),
                                                              expected.encode())
