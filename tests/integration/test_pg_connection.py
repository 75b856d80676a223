"""The PostgreSQL connection speaks sqlite3's surface, so SQL code runs on both."""
from __future__ import annotations

from typing import Iterator

import pytest

from eventstore.pg_connection import split_schema, translate
from eventstore.schema import Connection, connect
from tests.pg_support import pg_location, requires_pg


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=requires_pg)])
def conn(request: pytest.FixtureRequest, tmp_path) -> Iterator[Connection]:
    if request.param == "sqlite":
        connection = connect(str(tmp_path / "seam.db"), writer=True)
        yield connection
        connection.close()
        return
    with pg_location() as location:
        connection = connect(location, writer=True)
        yield connection
        connection.close()


def test_placeholders_become_psycopg_ones_outside_quotes() -> None:
    assert translate("SELECT ? , '?', \"a?\" WHERE x LIKE '5%' AND y = ? % 2") == (
        "SELECT %s , '?', \"a?\" WHERE x LIKE '5%%' AND y = %s %% 2")


def test_boardlogs_schema_parameter_is_kept_apart_from_libpqs() -> None:
    assert split_schema("postgresql://u@h:1/db?schema=s1&sslmode=disable") == (
        "postgresql://u@h:1/db?sslmode=disable", "s1")
    assert split_schema("postgresql://u@h/db") == ("postgresql://u@h/db", None)


def test_one_piece_of_sql_runs_on_both_dialects(conn: Connection, request) -> None:
    assert conn.dialect == request.node.callspec.params["conn"]
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, flag INTEGER)")
    conn.executemany("INSERT INTO t VALUES (?, ?, ?)", [(1, "a%", True), (2, "b?", False)])
    assert conn.execute("SELECT name, flag FROM t WHERE id = ?", (1,)).fetchone() == ("a%", 1)
    assert [tuple(r) for r in conn.execute("SELECT id, name FROM t ORDER BY id")] == [
        (1, "a%"), (2, "b?")]
    assert dict(conn.execute("SELECT id, name FROM t WHERE name LIKE 'b%'")) == {2: "b?"}
    with pytest.raises(conn.IntegrityError):
        conn.execute("INSERT INTO t VALUES (?, ?, ?)", (1, "again", None))


def test_statements_commit_alone_unless_begin_opens_a_transaction(conn: Connection) -> None:
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
    assert not conn.in_transaction
    conn.execute("BEGIN")
    conn.execute("INSERT INTO t VALUES (?)", (1,))
    assert conn.in_transaction
    conn.execute("ROLLBACK")
    conn.execute("INSERT INTO t VALUES (?)", (2,))
    assert not conn.in_transaction
    assert conn.execute("SELECT id FROM t").fetchall() == [(2,)]
