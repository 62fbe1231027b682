"""The shared store: PostgreSQL/PostGIS through psycopg2 (imported only when a PostgreSQL ledger is opened).

Same tables as the GeoPackage (journal, totals, projects with a PostGIS MultiPolygon in EPSG:4549).
Writers serialise on ``LOCK TABLE ledger_journal IN EXCLUSIVE MODE`` (readers are not blocked), waiting at most
``lock_timeout`` seconds ("ledger busy" after that). Triggers refuse UPDATE, DELETE and TRUNCATE of the journal
and the project layer and DELETE and TRUNCATE of the totals. Where the connecting user may create roles, the
schema also gets the role ``ledger_poster`` (select, insert, and the update the write lock needs, which the
triggers refuse; no delete, no truncate, and not the owner, so it cannot switch the triggers off); a
connection whose user is a member posts as that role.
"""

from __future__ import annotations

import shapely

from ..messages import Message
from .errors import LedgerError
from .store import JOURNAL, META, META_DDL, PROJECTS, TOTALS, SqlStore, utc_now

_DDL = [
    "CREATE EXTENSION IF NOT EXISTS postgis",
    f"""CREATE TABLE IF NOT EXISTS {JOURNAL} (
        seq BIGINT PRIMARY KEY, entry_no BIGINT NOT NULL, line_no INTEGER NOT NULL, txn_type TEXT NOT NULL,
        direction TEXT NOT NULL, kind TEXT NOT NULL, component TEXT NOT NULL, source TEXT NOT NULL,
        amount BIGINT NOT NULL, owed BIGINT NOT NULL, year INTEGER NOT NULL, value_date TEXT NOT NULL,
        project_id TEXT NOT NULL, project_name TEXT NOT NULL, batch_no TEXT NOT NULL, counterparty TEXT NOT NULL,
        region TEXT NOT NULL, price TEXT NOT NULL, evidence TEXT NOT NULL, town TEXT NOT NULL, reverses BIGINT,
        note TEXT NOT NULL, geometry_sha TEXT NOT NULL, created_at TEXT NOT NULL,
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, lot TEXT NOT NULL DEFAULT '',
        UNIQUE (entry_no, line_no))""",
    f"CREATE INDEX IF NOT EXISTS idx_{JOURNAL}_entry ON {JOURNAL} (entry_no)",
    f"CREATE INDEX IF NOT EXISTS idx_{JOURNAL}_reverses ON {JOURNAL} (reverses) WHERE reverses IS NOT NULL",
    f"CREATE INDEX IF NOT EXISTS idx_{JOURNAL}_project ON {JOURNAL} (project_id, txn_type)",
    f"""CREATE UNIQUE INDEX IF NOT EXISTS idx_{JOURNAL}_one_reversal ON {JOURNAL} (reverses, line_no)
        WHERE reverses IS NOT NULL""",
    f"""CREATE OR REPLACE FUNCTION {JOURNAL}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only: post a reversal instead', TG_TABLE_NAME; END $$""",
    f"DROP TRIGGER IF EXISTS {JOURNAL}_no_change ON {JOURNAL}",
    f"""CREATE TRIGGER {JOURNAL}_no_change BEFORE UPDATE OR DELETE ON {JOURNAL}
        FOR EACH ROW EXECUTE FUNCTION {JOURNAL}_append_only()""",
    f"""CREATE TABLE IF NOT EXISTS {TOTALS} (fid SERIAL PRIMARY KEY, kind TEXT NOT NULL, component TEXT NOT NULL,
        year INTEGER NOT NULL, source TEXT NOT NULL, balance BIGINT NOT NULL, owed BIGINT NOT NULL,
        inflow BIGINT NOT NULL, outflow BIGINT NOT NULL, UNIQUE (kind, component, year, source))""",
    f"CREATE INDEX IF NOT EXISTS idx_{JOURNAL}_date ON {JOURNAL} (value_date)",
    f"""CREATE TABLE IF NOT EXISTS {PROJECTS} (fid SERIAL PRIMARY KEY, project_id TEXT NOT NULL,
        project_name TEXT, batch_no TEXT, town TEXT, entry_no BIGINT UNIQUE, created_at TEXT,
        geom geometry(MultiPolygon, 4549))""",
    f"CREATE INDEX IF NOT EXISTS idx_{PROJECTS}_geom ON {PROJECTS} USING GIST (geom)",
    f"CREATE INDEX IF NOT EXISTS idx_{PROJECTS}_project ON {PROJECTS} (project_id)",
    f"DROP TRIGGER IF EXISTS {PROJECTS}_no_change ON {PROJECTS}",
    f"""CREATE TRIGGER {PROJECTS}_no_change BEFORE UPDATE OR DELETE ON {PROJECTS}
        FOR EACH ROW EXECUTE FUNCTION {JOURNAL}_append_only()""",
]
TRUNCATE_TRIGGER = f"{JOURNAL}_no_truncate"
# the guards, also added to a ledger of an earlier version when it is opened for posting (by its owner)
_GUARD_DDL = [
    f"""CREATE OR REPLACE FUNCTION {JOURNAL}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only: post a reversal instead', TG_TABLE_NAME; END $$""",
    *(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}" for table in (JOURNAL, PROJECTS, TOTALS)),
    *(f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
          FOR EACH STATEMENT EXECUTE FUNCTION {JOURNAL}_append_only()""" for table in (JOURNAL, PROJECTS, TOTALS)),
    f"DROP TRIGGER IF EXISTS {TOTALS}_no_delete ON {TOTALS}",
    f"""CREATE TRIGGER {TOTALS}_no_delete BEFORE DELETE ON {TOTALS}
        FOR EACH ROW EXECUTE FUNCTION {JOURNAL}_append_only()""",
]
POSTER_ROLE = "ledger_poster"
# plain text (the names written out, not formatted in): SQL built from strings is what Bandit's B608 flags
_ROLE_DDL = """DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_poster') THEN
        CREATE ROLE ledger_poster NOLOGIN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO ledger_poster', current_schema());
    GRANT SELECT, INSERT, UPDATE ON ledger_journal, ledger_projects, ledger_totals TO ledger_poster;
    GRANT SELECT ON ledger_meta TO ledger_poster;
    GRANT USAGE ON SEQUENCE ledger_totals_fid_seq, ledger_projects_fid_seq TO ledger_poster;
END $$"""


def is_postgres_uri(uri: str) -> bool:
    text = uri.strip()
    return text.startswith(("postgresql://", "postgres://", "service=")) or (
        "dbname=" in text and not text.lower().endswith(".gpkg"))


class PgStore(SqlStore):
    placeholder = "%s"
    kind = "postgres"
    lock_timeout = 20.0  # seconds a posting waits for the write lock before "ledger busy"

    @classmethod
    def open(cls, uri: str, create: bool = True, readonly: bool = False) -> PgStore:
        try:
            import psycopg2
        except ImportError as exc:
            raise LedgerError(Message("需要 psycopg2 才能打开 PostgreSQL 台账(apt install python3-psycopg2)",
                                      "psycopg2 is needed for a PostgreSQL ledger (apt install python3-psycopg2)"),
                              "open") from exc
        try:
            conn = psycopg2.connect(uri)
        except psycopg2.Error as exc:
            raise LedgerError(Message("无法连接 PostgreSQL 台账: {e}", "cannot connect to the PostgreSQL ledger: {e}")
                              .format(e=str(exc).strip()), "open") from exc
        store = cls(conn, uri)
        try:
            if readonly:
                conn.set_session(readonly=True)
            store._ensure_schema(create and not readonly, readonly)
            store.check_columns()
        except psycopg2.Error as exc:
            store.close()
            raise store._as_ledger_error(exc) from exc
        except LedgerError:
            store.close()
            raise
        return store

    def _ensure_schema(self, create: bool, readonly: bool = False) -> None:
        cur = self.conn.cursor()
        cur.execute("SELECT to_regclass(%s)", (JOURNAL,))
        exists = cur.fetchone()[0] is not None
        if exists:
            if not readonly:
                self._ensure_guards(cur)
                self._post_as_poster(cur)
            self.conn.commit()
            return
        if not create:
            raise LedgerError(Message("数据库中没有台账表 {t}: 不是台账", "the database has no ledger table {t}: "
                                      "not a ledger").format(t=JOURNAL), "not_ledger")
        cur.execute("SELECT pg_advisory_xact_lock(804201)")  # two first-openers create the schema once
        for ddl in _DDL + _GUARD_DDL + META_DDL:
            cur.execute(ddl)
        cur.execute("SAVEPOINT role")
        try:
            cur.execute(_ROLE_DDL)
            cur.execute("RELEASE SAVEPOINT role")
        except self.db_errors():  # no CREATEROLE: the triggers still guard, the role is the DBA's to make
            cur.execute("ROLLBACK TO SAVEPOINT role")
        self.conn.commit()
        self._post_as_poster(cur)
        self.conn.commit()

    def _ensure_guards(self, cur) -> None:
        """Add the TRUNCATE and DELETE guards to a ledger of an earlier version, when this user may."""
        cur.execute("SELECT 1 FROM pg_trigger WHERE tgname = %s AND tgrelid = to_regclass(%s)",
                    (TRUNCATE_TRIGGER, JOURNAL))
        guarded = cur.fetchone() is not None
        cur.execute("SELECT c.conname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid "
                    "AND a.attnum = ANY (c.conkey) WHERE c.conrelid = to_regclass(%s) AND c.contype = 'u' "
                    "AND array_length(c.conkey, 1) = 1 AND a.attname = 'project_id'", (PROJECTS,))
        unique = [r[0] for r in cur.fetchall()]
        cur.execute("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                    "AND table_name = %s AND column_name = 'lot'", (JOURNAL,))
        lot = cur.fetchone() is not None
        cur.execute("SELECT to_regclass(%s)", (META,))
        marked = cur.fetchone()[0] is not None
        if guarded and not unique and lot and marked:
            return
        cur.execute("SAVEPOINT guards")
        try:
            for name in unique:  # a later entry supersedes a project's polygon: drop the earlier version's rule
                cur.execute(f'ALTER TABLE {PROJECTS} DROP CONSTRAINT "{name}"')
            if not lot:  # lines written before lots read '' (no line is rewritten; a metadata-only change)
                cur.execute(f"ALTER TABLE {JOURNAL} ADD COLUMN IF NOT EXISTS lot TEXT NOT NULL DEFAULT ''")
            for ddl in _GUARD_DDL + META_DDL:
                cur.execute(ddl)
            cur.execute("RELEASE SAVEPOINT guards")
            cur.execute("SAVEPOINT role")
            try:
                cur.execute(_ROLE_DDL)
                cur.execute("RELEASE SAVEPOINT role")
            except self.db_errors():
                cur.execute("ROLLBACK TO SAVEPOINT role")
        except self.db_errors():  # not the owner: the owner adds them on the next open
            cur.execute("ROLLBACK TO SAVEPOINT guards")

    def _post_as_poster(self, cur) -> None:
        """SET ROLE ledger_poster for this session when the role exists and the user is a member."""
        cur.execute("SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = %s",
                    (POSTER_ROLE,))
        row = cur.fetchone()
        if row and row[0]:
            cur.execute(f"SET ROLE {POSTER_ROLE}")

    def db_errors(self) -> tuple[type, ...]:
        import psycopg2

        return (psycopg2.Error,)

    def _begin_write(self, cur) -> None:
        cur.execute("SELECT set_config('lock_timeout', %s, true)", (f"{int(self.lock_timeout * 1000)}ms",))
        cur.execute(f"LOCK TABLE {JOURNAL} IN EXCLUSIVE MODE")

    def end_read(self) -> None:
        self.conn.rollback()

    def insert_project(self, cur, project: dict, geometry) -> None:
        if geometry is not None and geometry.geom_type == "Polygon":
            geometry = shapely.MultiPolygon([geometry])
        wkb = None if geometry is None else shapely.to_wkb(geometry, byte_order=1, output_dimension=2)
        cur.execute("INSERT INTO ledger_projects (project_id, project_name, batch_no, town, entry_no, "
                    "created_at, geom) "
                    "VALUES (%s, %s, %s, %s, %s, %s, ST_SetSRID(ST_GeomFromWKB(%s), 4549))",
                    (project["project_id"], project["project_name"], project["batch_no"], project["town"],
                     project["entry_no"], utc_now(), None if wkb is None else bytes(wkb)))

    def projects(self) -> list[dict]:
        rows = self._read("SELECT project_id, project_name, batch_no, town, entry_no, ST_AsBinary(geom) "
                          "FROM ledger_projects ORDER BY fid")
        return [{"project_id": r[0], "project_name": r[1], "batch_no": r[2], "town": r[3], "entry_no": r[4],
                 "wkb": None if r[5] is None else bytes(r[5])} for r in rows]
