"""Failed-authentication limiter: more than N failures a minute from one address → 429."""
from __future__ import annotations

import time
from collections import defaultdict, deque


class FailureLimiter:
    def __init__(self, limit: int = 20, window: float = 60.0) -> None:
        self.limit, self.window = limit, window
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, address: str, now: float) -> deque[float]:
        times = self._failures[address]
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def retry_after(self, address: str) -> int:
        """Seconds to wait, or 0 when the address may try again."""
        now = time.monotonic()
        times = self._recent(address, now)
        if len(times) <= self.limit:
            return 0
        return max(1, int(times[-self.limit - 1] + self.window - now) + 1)

    def fail(self, address: str) -> None:
        self._recent(address, time.monotonic()).append(time.monotonic())
