"""psycopg 3 (sync) against asyncpg on what boardlog asks of PostgreSQL: a group commit
appending 1-32 event rows plus a few projection upserts in one transaction (head row
locked, NOTIFY), and point reads by key. Run by hand:

    .venv/bin/python bench/pg_driver_bench.py [--url postgresql://postgres@127.0.0.1:5432/test]

Each driver works in its own throw-away schema, dropped at the end.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import time
import uuid

import asyncpg
import psycopg

DDL = """
CREATE TABLE events (position BIGINT PRIMARY KEY, stream_id TEXT NOT NULL,
    stream_version INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
    hash TEXT NOT NULL, UNIQUE (stream_id, stream_version));
CREATE TABLE head (id INTEGER PRIMARY KEY, position BIGINT NOT NULL);
INSERT INTO head VALUES (1, 0);
CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT NOT NULL, position INTEGER NOT NULL);
"""
SIZES = (1, 4, 16, 32)
COMMITS = 300
READS = 3000
DATA = '{"project_id": 1, "title": "' + "x" * 120 + '"}'


def rows_for(position: int, size: int) -> list[tuple]:
    return [(position + i + 1, f"task-{(position + i) % 500}", position + i + 1, "TaskUpdated",
             DATA, "h" * 64) for i in range(size)]


def bench_psycopg(url: str, schema: str) -> dict[str, float]:
    conn = psycopg.connect(url, autocommit=True)
    conn.execute(f"CREATE SCHEMA {schema}")
    conn.execute(f"SET search_path TO {schema}")
    conn.execute(DDL)
    conn.autocommit = False
    figures: dict[str, float] = {}
    position = 0
    for size in SIZES:
        start = time.perf_counter()
        for _ in range(COMMITS):
            with conn.transaction():
                head = conn.execute("SELECT position FROM head WHERE id = 1 FOR UPDATE").fetchone()[0]
                with conn.cursor() as cur:
                    cur.executemany("INSERT INTO events VALUES (%s, %s, %s, %s, %s, %s)",
                                    rows_for(head, size))
                    cur.executemany("INSERT INTO tasks VALUES (%s, %s, %s) ON CONFLICT (id) DO "
                                    "UPDATE SET title = excluded.title, position = excluded.position",
                                    [(random.randrange(500), "t", head) for _ in range(3)])
                conn.execute("UPDATE head SET position = %s WHERE id = 1", (head + size,))
                conn.execute("SELECT pg_notify('bench', %s)", (str(head + size),))
            position = head + size
        figures[f"commits/s ({size} rows)"] = COMMITS / (time.perf_counter() - start)
    conn.autocommit = True
    start = time.perf_counter()
    for _ in range(READS):
        conn.execute("SELECT position, data FROM events WHERE position = %s",
                     (random.randrange(1, position),)).fetchone()
    figures["point reads/s"] = READS / (time.perf_counter() - start)
    conn.execute(f"DROP SCHEMA {schema} CASCADE")
    conn.close()
    return figures


async def bench_asyncpg(url: str, schema: str) -> dict[str, float]:
    conn = await asyncpg.connect(url)
    await conn.execute(f"CREATE SCHEMA {schema}; SET search_path TO {schema}")
    await conn.execute(DDL)
    figures: dict[str, float] = {}
    position = 0
    for size in SIZES:
        start = time.perf_counter()
        for _ in range(COMMITS):
            async with conn.transaction():
                head = await conn.fetchval("SELECT position FROM head WHERE id = 1 FOR UPDATE")
                await conn.executemany("INSERT INTO events VALUES ($1, $2, $3, $4, $5, $6)",
                                       rows_for(head, size))
                await conn.executemany("INSERT INTO tasks VALUES ($1, $2, $3) ON CONFLICT (id) DO "
                                       "UPDATE SET title = excluded.title, "
                                       "position = excluded.position",
                                       [(random.randrange(500), "t", head) for _ in range(3)])
                await conn.execute("UPDATE head SET position = $1 WHERE id = 1", head + size)
                await conn.execute("SELECT pg_notify('bench', $1)", str(head + size))
            position = head + size
        figures[f"commits/s ({size} rows)"] = COMMITS / (time.perf_counter() - start)
    start = time.perf_counter()
    for _ in range(READS):
        await conn.fetchrow("SELECT position, data FROM events WHERE position = $1",
                            random.randrange(1, position))
    figures["point reads/s"] = READS / (time.perf_counter() - start)
    await conn.execute(f"DROP SCHEMA {schema} CASCADE")
    await conn.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds per driver")
    args = parser.parse_args()
    results: dict[str, list[dict[str, float]]] = {"psycopg": [], "asyncpg": []}
    for _ in range(args.rounds):
        tag = uuid.uuid4().hex[:8]
        results["psycopg"].append(bench_psycopg(args.url, f"bench_pg_{tag}"))
        results["asyncpg"].append(asyncio.run(bench_asyncpg(args.url, f"bench_apg_{tag}")))
    for driver, rounds in results.items():
        best = {k: max(r[k] for r in rounds) for k in rounds[0]}
        print(driver, "  ".join(f"{k}: {v:,.0f}" for k, v in best.items()))


if __name__ == "__main__":
    main()
