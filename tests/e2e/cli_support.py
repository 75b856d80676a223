"""The boardlog command line as an operator runs it (a new process each time), and the
round trip every transfer test makes: import an export into a new database, verify it."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rpc.cli", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def imported_copy(export: Path, folder: Path) -> str:
    """A new database holding `export`, imported and verified by the CLI; its path."""
    imported = str(folder / "imported.db")
    result = cli("import", "--db", imported, str(export))
    assert result.returncode == 0, result.stderr
    assert cli("verify", "--db", imported).returncode == 0
    return imported


def database_copy(db: Path, folder: Path) -> Path:
    """A copy of the SQLite database `db` with its file contents, for a test to change."""
    copy = folder / "copy.db"
    shutil.copy(db, copy)
    shutil.copytree(f"{db}.blobs", f"{copy}.blobs")
    return copy
