"""Prints the fidelity figures at the end of every run (also without -s)."""
from __future__ import annotations

from typing import Any

FIGURES: list[tuple[str, int, int]] = []  # (recording, calls replayed, calls matched)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not FIGURES:
        return
    calls, matched = sum(f[1] for f in FIGURES), sum(f[2] for f in FIGURES)
    terminalreporter.write_line(f"fidelity: {calls} calls replayed against boardlog, "
                                f"{matched} answered as Kanboard did ({len(FIGURES)} recordings)")
