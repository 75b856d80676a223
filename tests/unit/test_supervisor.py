"""The supervisor of `serve --workers`: its restart back-off, how it shares the cores
out to the long-read pools, and the port it holds while workers come and go."""
from __future__ import annotations

import socket

import pytest

from rpc.supervisor import MAX_DELAY, offload_workers, reserve_port, restart_delay


def test_a_worker_that_ran_stably_is_restarted_at_once_one_that_keeps_dying_waits_longer():
    delays = [restart_delay(n) for n in range(12)]
    assert delays[0] == 0.0
    assert delays[1] > 0 and all(a < b for a, b in zip(delays[1:6], delays[2:7]))
    assert max(delays) == MAX_DELAY == delays[-1]


def test_the_cores_are_shared_out_to_the_long_read_pools():
    assert offload_workers(1, cpus=2) == 2  # one process keeps today's two
    assert offload_workers(2, cpus=2) == 1
    assert offload_workers(4, cpus=2) == 1  # never none
    assert offload_workers(2, cpus=16) == 2  # never more than two


def test_the_reserved_port_admits_the_workers_and_refuses_anyone_else():
    reserved = reserve_port("127.0.0.1", 0)
    port = reserved.getsockname()[1]
    try:
        worker = socket.socket()
        worker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        worker.bind(("127.0.0.1", port))  # what aiohttp does with reuse_port=True
        worker.listen()
        worker.close()
        stranger = socket.socket()
        with pytest.raises(OSError):
            stranger.bind(("127.0.0.1", port))
        stranger.close()
    finally:
        reserved.close()


def test_a_port_already_in_use_is_refused_before_anything_starts():
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        with pytest.raises(OSError):
            reserve_port("127.0.0.1", taken.getsockname()[1])
    finally:
        taken.close()
