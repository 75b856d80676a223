"""Password guessing over real HTTP (issue #11, items 4 and 5): the lock can't be raced,
can't be used from one address to keep a user out at another, decays, and guesses cost
bounded CPU and memory from one address and from many."""
from __future__ import annotations

import asyncio
import itertools
import time
import json
from contextlib import asynccontextmanager
from typing import AsyncIterator

import aiohttp

from rpc.auth import LOCK_AFTER_FAILURES
from rpc.state import SERVICES
from tests.conftest import Rpc, Server, basic

GET_ME = json.dumps({"jsonrpc": "2.0", "method": "getMe", "id": 1})


@asynccontextmanager
async def from_address(address: str) -> AsyncIterator[aiohttp.ClientSession]:
    """A client whose connections come from `address` (any 127.x.y.z is this machine)."""
    connector = aiohttp.TCPConnector(local_addr=(address, 0), force_close=True)
    async with aiohttp.ClientSession(connector=connector) as session:
        yield session


async def get_me(session: aiohttp.ClientSession, url: str, username: str,
                 password: str) -> int:
    async with session.post(url, data=GET_ME,
                            headers={"Authorization": basic(username, password)}) as response:
        await response.read()
        return response.status


async def make_user(kanboard: Rpc, username: str) -> None:
    await kanboard.call("createUser", {"username": username, "password": "secret123"})


async def test_a_burst_of_guesses_cannot_race_the_lock(kanboard: Rpc, server: Server) -> None:
    """Thirty wrong passwords and the right one at the same moment: the lock holds."""
    await make_user(kanboard, "carol")
    url = f"{server.url}/jsonrpc.php"
    async with from_address("127.0.0.5") as session:
        wrong = [get_me(session, url, "carol", f"guess-{n}") for n in range(30)]
        statuses = await asyncio.gather(*wrong, get_me(session, url, "carol", "secret123"))
        assert statuses[-1] != 200  # the right one came after the lock, or during it
        assert await get_me(session, url, "carol", "secret123") != 200  # still locked
    assert server.app[SERVICES].auth.lockout.locked("carol", "127.0.0.5")


async def test_a_lock_from_one_address_does_not_keep_the_user_out_elsewhere(
        kanboard: Rpc, server: Server) -> None:
    await make_user(kanboard, "dave")
    url = f"{server.url}/jsonrpc.php"
    async with from_address("127.0.0.6") as attacker:
        for n in range(LOCK_AFTER_FAILURES):
            assert await get_me(attacker, url, "dave", f"guess-{n}") == 401
        assert await get_me(attacker, url, "dave", "secret123") == 401  # locked here
    async with from_address("127.0.0.7") as dave:
        assert await get_me(dave, url, "dave", "secret123") == 200


async def test_the_lock_decays(kanboard: Rpc, server: Server) -> None:
    await make_user(kanboard, "erin")
    url = f"{server.url}/jsonrpc.php"
    lockout = server.app[SERVICES].auth.lockout
    later = 0.0
    lockout.clock = lambda: time.monotonic() + later
    async with from_address("127.0.0.8") as session:
        for n in range(LOCK_AFTER_FAILURES):
            await get_me(session, url, "erin", f"guess-{n}")
        assert await get_me(session, url, "erin", "secret123") == 401
        later = lockout.window + 1  # the 15 minutes have passed
        assert await get_me(session, url, "erin", "secret123") == 200


async def test_guessing_from_many_addresses_locks_out_all_but_known_ones(
        kanboard: Rpc, server: Server) -> None:
    """Past the overall budget only addresses that signed in as the user lately get in."""
    await make_user(kanboard, "fay")
    url = f"{server.url}/jsonrpc.php"
    lockout = server.app[SERVICES].auth.lockout
    lockout.overall = 10  # the budget, lowered to keep the test quick
    async with from_address("127.0.1.1") as home:
        assert await get_me(home, url, "fay", "secret123") == 200
    for n in range(lockout.overall):  # one guess from each of many addresses
        async with from_address(f"127.0.2.{n + 1}") as attacker:
            assert await get_me(attacker, url, "fay", "guess") == 401
    async with from_address("127.0.3.1") as new_place:
        assert await get_me(new_place, url, "fay", "secret123") == 401
    async with from_address("127.0.1.1") as home:
        assert await get_me(home, url, "fay", "secret123") == 200


async def test_basic_guesses_are_limited_per_address(kanboard: Rpc, server: Server) -> None:
    """Unknown usernames too: each costs a KDF check, so an address gets 429 past the limit
    and no further check is made for it."""
    url = f"{server.url}/jsonrpc.php"
    limit = server.app[SERVICES].auth.failures.limit
    async with from_address("127.0.0.9") as session:
        statuses = [await get_me(session, url, f"nobody-{n}", "x") for n in range(limit + 3)]
    assert statuses[:limit] == [401] * limit and statuses[-1] == 429
    async with from_address("127.0.0.10") as other:  # another address is not affected
        assert await get_me(other, url, "admin", "wrong") == 401


async def test_memory_for_failures_is_bounded(kanboard: Rpc, server: Server) -> None:
    lockout = server.app[SERVICES].auth.lockout
    lockout._users.capacity = lockout._pairs.capacity = 8
    url = f"{server.url}/jsonrpc.php"
    async with from_address("127.0.0.11") as session:
        for n in range(15):
            await get_me(session, url, f"ghost-{n}", "x")
    assert len(lockout._users) <= 8 and len(lockout._pairs) <= 8


async def test_a_flood_of_checks_is_refused_not_queued(kanboard: Rpc, server: Server) -> None:
    """Beyond the KDF gate's queue a check is answered 503 at once, and not counted."""
    auth = server.app[SERVICES].auth
    auth._kdf._limit = 2  # room for two checks at a time, lowered for the test
    url = f"{server.url}/jsonrpc.php"
    counter = itertools.count()

    async def one() -> int:
        async with from_address(f"127.0.4.{next(counter) % 200 + 1}") as session:
            return await get_me(session, url, "admin", "wrong")

    statuses = await asyncio.gather(*(one() for _ in range(12)))
    assert 503 in statuses and set(statuses) <= {401, 503}
    assert (await kanboard.answer("getVersion"))["result"]  # the server still answers
