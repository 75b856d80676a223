"""Progress for long operations: a bar with rate and time left on a terminal, lines otherwise."""
from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, label: str, total: int, stream: TextIO = sys.stderr,
                 every: float = 0.5, unit: str = "events") -> None:
        self.label, self.total, self.stream, self.every = label, max(total, 1), stream, every
        self.unit = unit
        self.started = self.last = time.monotonic()
        self.done = 0
        self.tty = stream.isatty()

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self._show(now)

    def finish(self) -> None:
        self._show(time.monotonic(), final=True)

    def rate(self) -> float:
        return self.done / max(time.monotonic() - self.started, 1e-9)

    def _show(self, now: float, final: bool = False) -> None:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        share = min(self.done / self.total, 1.0)
        if self.tty:
            bar = "#" * int(share * 30)
            self.stream.write(f"\r{self.label} [{bar:<30}] {self.done}/{self.total} "
                              f"{rate:,.0f} {self.unit}/s, {left:.0f}s left   ")
            if final:
                self.stream.write("\n")
        else:
            self.stream.write(f"{self.label}: {self.done}/{self.total} {self.unit}, {rate:,.0f} "
                              f"{self.unit}/s, {elapsed:.1f}s elapsed, {left:.0f}s left\n")
        self.stream.flush()
