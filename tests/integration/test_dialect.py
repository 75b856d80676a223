"""The read models' SQL answers the same on both databases where it is said per dialect
(projections/dialect.py): the same rows, in the same order, for the same texts."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import orjson
import pytest

from eventstore.schema import Connection, connect
from projections import dialect
from tests.pg_support import pg_location, requires_pg

pytestmark = requires_pg

NAMES = ["b", "B", "a", "A", "_x", "Zeta", "zeta", "é", "É", "ä", "10", "9", "", " lead",
         "a b", "ab", "日本", "Ω", "~", "a%", "a_"]
DOCS = ['{"n": 3}', '{"n": "3"}', '{"n": 3.0}', '{"n": null}', '{}', '{"n": -7}',
        '{"m": 3}', '{"n": 12345678901}']


@pytest.fixture
def connections(tmp_path: Path) -> Iterator[list[Connection]]:
    with pg_location() as location:
        opened = [connect(str(tmp_path / "d.db")), connect(location, writer=True)]
        for conn in opened:
            columns = dialect.of(conn).column_types("id INTEGER, name TEXT, doc TEXT")
            conn.execute(f"CREATE TABLE t ({columns})")
            conn.executemany("INSERT INTO t VALUES (?, ?, ?)",
                             [(i, n, DOCS[i % len(DOCS)]) for i, n in enumerate(NAMES)])
        yield opened
        for conn in opened:
            conn.close()


def answers(conns: list[Connection], sql_of, *args) -> list[list[tuple]]:
    return [[tuple(r) for r in c.execute(sql_of(dialect.of(c)), args)] for c in conns]


def test_text_orders_by_its_bytes_on_both(connections: list[Connection]) -> None:
    sqlite, postgres = answers(connections, lambda d: "SELECT name FROM t ORDER BY name, id")
    assert sqlite == postgres
    assert [n for (n,) in sqlite] == sorted(NAMES, key=lambda n: n.encode())


def test_nocase_folds_ascii_letters_only_on_both(connections: list[Connection]) -> None:
    sqlite, postgres = answers(connections, lambda d: f"SELECT name FROM t ORDER BY "
                               f"{d.ascii_nocase('name')}, id")
    assert sqlite == postgres
    ascii_lower = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
    expected = sorted(range(len(NAMES)), key=lambda i: (NAMES[i].translate(ascii_lower)
                                                        .encode(), i))
    assert [n for (n,) in sqlite] == [NAMES[i] for i in expected]


@pytest.mark.parametrize("word", ["a", "A", "é", " ", "%", "_", "日", "zeta", ""])
def test_a_substring_is_found_the_same_on_both(connections: list[Connection],
                                               word: str) -> None:
    sqlite, postgres = answers(connections, lambda d: f"SELECT id FROM t WHERE "
                               f"{d.holds('name')} ORDER BY id", word)
    assert sqlite == postgres
    assert [i for (i,) in sqlite] == [i for i, n in enumerate(NAMES) if word in n]


def test_a_number_inside_json_matches_the_same_rows_on_both(
        connections: list[Connection]) -> None:
    sqlite, postgres = answers(connections, lambda d: f"SELECT id FROM t WHERE "
                               f"{d.json_number('doc', 'n')} = ? ORDER BY id", 3)
    assert sqlite == postgres
    numbers = [orjson.loads(DOCS[i % len(DOCS)]).get("n") for i in range(len(NAMES))]
    assert [i for (i,) in sqlite] == [i for i, n in enumerate(numbers)
                                      if type(n) in (int, float) and n == 3]
