"""A private PostgreSQL + PostGIS cluster for the ledger tests, started once per test run.

``pg_server()`` runs initdb/pg_ctl of the newest /usr/lib/postgresql/N/bin in a temporary folder (as the ``postgres``
OS user when the tests run as root: root cannot run postgres), listening only on a unix socket in that
folder; it creates database ``ledger`` with ``create extension postgis`` and is stopped at exit. Each test
gets its own schema through ``fresh_pg_uri()``. When the server cannot be started the tests FAIL (never skip).
"""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

PG_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name),
             default=Path("/usr/lib/postgresql/15/bin"))
_counter = itertools.count(1)


def _as_postgres(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@lru_cache(maxsize=1)
def pg_server() -> dict:
    """Start the cluster (once) and return {'host': socket dir, 'port': port, 'dbname': 'ledger'}."""
    if not (PG_BIN / "initdb").exists():
        raise RuntimeError(f"PostgreSQL is not installed in {PG_BIN.parent} (run `make setup`)")
    root = Path(tempfile.mkdtemp(prefix="ledger_pg_"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        shutil.chown(sock, "postgres", "postgres")
    port = _free_port()
    run = dict(capture_output=True, text=True, timeout=120)
    proc = subprocess.run(_as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                                        "-E", "UTF8", "--no-locale"]), **run)
    if proc.returncode != 0:
        raise RuntimeError(f"initdb failed: {proc.stderr[-2000:]}")
    options = f"-k {sock} -p {port} -c listen_addresses='' -c fsync=on -c max_connections=50"
    proc = subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-t", "60",
                                        "-l", str(root / "server.log"), "start"]), **run)
    if proc.returncode != 0:
        log = (root / "server.log").read_text(errors="replace") if (root / "server.log").exists() else ""
        raise RuntimeError(f"pg_ctl start failed: {proc.stderr[-2000:]} {log[-2000:]}")

    def stop():
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)

    atexit.register(stop)
    import psycopg2

    conn = psycopg2.connect(host=str(sock), port=port, user="postgres", dbname="postgres")
    conn.autocommit = True
    conn.cursor().execute("CREATE DATABASE ledger")
    conn.close()
    conn = psycopg2.connect(host=str(sock), port=port, user="postgres", dbname="ledger")
    conn.autocommit = True
    conn.cursor().execute("CREATE EXTENSION postgis")
    conn.close()
    return {"host": str(sock), "port": port, "dbname": "ledger", "stop": stop}


def fresh_pg_uri() -> str:
    """A libpq connection string to the test cluster with a new, empty schema first on the search path."""
    import psycopg2

    server = pg_server()
    schema = f"t{os.getpid()}_{next(_counter)}"
    conn = psycopg2.connect(host=server["host"], port=server["port"], user="postgres", dbname=server["dbname"])
    conn.autocommit = True
    conn.cursor().execute(f"CREATE SCHEMA {schema}")
    conn.close()
    return (f"host={server['host']} port={server['port']} user=postgres dbname={server['dbname']} "
            f"options='-c search_path={schema},public'")


def test_pg_server_runs_postgis():
    import psycopg2

    conn = psycopg2.connect(fresh_pg_uri())
    cur = conn.cursor()
    cur.execute("SELECT postgis_version(), current_schemas(false)")
    version, schemas = cur.fetchone()
    conn.close()
    assert version.startswith("3.")
    assert schemas[0].startswith("t")


def make_uri(store: str, tmp_path) -> str:
    """A fresh ledger location on ``store`` ('gpkg' or 'postgres')."""
    return str(tmp_path / "ledger.gpkg") if store == "gpkg" else fresh_pg_uri()
