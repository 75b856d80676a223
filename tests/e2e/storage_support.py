"""Looking at a database's own catalogue from tests, on either backend."""
from __future__ import annotations

from eventstore.schema import Connection

_CATALOGUE = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')",
    "postgresql": "SELECT table_name FROM information_schema.tables "
                  "WHERE table_schema = current_schema()",
}


def table_names(conn: Connection) -> list[str]:
    """The tables (and views) of the database, or of the PostgreSQL location's schema."""
    return [r[0] for r in conn.execute(_CATALOGUE[getattr(conn, "dialect", "sqlite")])]


def scratch_tables(conn: Connection) -> list[str]:
    """The tables a rebuild writes before swapping them in (`<table>__new`)."""
    return [name for name in table_names(conn) if name.endswith("__new")]
