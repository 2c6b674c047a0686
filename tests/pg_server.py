"""A throw-away local PostgreSQL server for tests (and benchmarks): ``pg_server()`` and the
``pg_url`` / ``pg_database`` fixtures.

The server listens only on a Unix socket in a temporary folder (no TCP port to collide with
other test runs), with ``fsync=off``; as root, initdb and postgres run as ``nobody`` via
``runuser`` (PostgreSQL refuses to run as root). Skipped when the server programs are missing.

    from pg_server import pg_database, pg_url  # noqa: F401 (fixtures)
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

PORT = 5432  # only names the socket file; nothing listens on TCP


def pg_bin(name: str) -> str | None:
    return shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None)


def available() -> bool:
    return bool(pg_bin("initdb") and pg_bin("pg_ctl"))


@contextmanager
def pg_server() -> Iterator[str]:
    """Start a server; yield the URL of its ``postgres`` database; stop and delete it after."""
    initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("PostgreSQL server programs (initdb, pg_ctl) are not installed")
    folder = Path(tempfile.mkdtemp(prefix="planwatch-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody")
        as_user = ["runuser", "-u", "nobody", "--"]
    data = folder / "data"

    def run(*cmd: str) -> None:
        subprocess.run([*as_user, *cmd], check=True, capture_output=True, timeout=120)

    run(initdb, "-D", str(data), "-A", "trust", "-U", "pw", "-E", "UTF8", "--locale=C.UTF-8")
    run(pg_ctl, "-D", str(data), "-w", "-l", str(folder / "log"),
        "-o", f"-k {folder} -c listen_addresses='' -p {PORT} -c fsync=off -c max_connections=50", "start")
    try:
        yield f"postgresql+psycopg://pw@/postgres?host={folder}&port={PORT}"
    finally:
        run(pg_ctl, "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


_names = itertools.count(1)


def create_database(server_url: str, name: str | None = None) -> str:
    """A new empty database on the server; returns its URL."""
    name = name or f"pw_{os.getpid()}_{next(_names)}"
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return server_url.replace("/postgres?", f"/{name}?")


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """The server's URL (its ``postgres`` database); one server per test session."""
    if not available():
        pytest.skip("PostgreSQL server programs are not installed")
    with pg_server() as url:
        yield url


@pytest.fixture
def pg_database(pg_url: str) -> str:
    """A fresh, empty database for one test."""
    return create_database(pg_url)
