"""The embedded store: a real GeoPackage written with stdlib sqlite3 (no GDAL).

Tables: ``ledger_journal`` (attributes), ``ledger_totals`` (attributes), ``ledger_projects`` (MultiPolygon
features, EPSG:4549), registered in gpkg_contents / gpkg_geometry_columns so QGIS opens them as layers.
Geometry blobs are GeoPackage binary: the 'GP' header with an XY envelope, then little-endian WKB.
Writers serialise on ``BEGIN IMMEDIATE``; the database runs in WAL mode with synchronous=FULL. Triggers refuse
UPDATE and DELETE on the journal and the project layer and DELETE on the totals (sqlite has no TRUNCATE: its
``DELETE FROM t`` fires the delete trigger). ``open(readonly=True)`` (verify) changes nothing in the file.
"""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path
from urllib.parse import quote

import shapely

from ..messages import Message
from .errors import LedgerError
from .store import JOURNAL, META, META_DDL, PROJECTS, TOTALS, SqlStore, utc_now

GPKG_APPLICATION_ID = 0x47504B47
GPKG_USER_VERSION = 10200
SRS_ID = 4549
SRS_4549_WKT = (
    'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 120E",GEOGCS["China Geodetic Coordinate System 2000",'
    'DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],'
    'AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",'
    '0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],'
    'PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",120],PARAMETER["scale_factor",1],'
    'PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],'
    'AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","4549"]]')
SRS_4326_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,'
    'AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]')

_CORE_DDL = [
    """CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
       organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
       description TEXT)""",
    """CREATE TABLE IF NOT EXISTS gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
       identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT
       (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
       srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))""",
    """CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
       geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
       CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
       CONSTRAINT uk_gc_table_name UNIQUE (table_name),
       CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
       CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))""",
]
_JOURNAL_DDL = f"""CREATE TABLE {JOURNAL} (
    seq INTEGER PRIMARY KEY, entry_no INTEGER NOT NULL, line_no INTEGER NOT NULL, txn_type TEXT NOT NULL,
    direction TEXT NOT NULL, kind TEXT NOT NULL, component TEXT NOT NULL, source TEXT NOT NULL,
    amount INTEGER NOT NULL, owed INTEGER NOT NULL, year INTEGER NOT NULL, value_date TEXT NOT NULL,
    project_id TEXT NOT NULL, project_name TEXT NOT NULL, batch_no TEXT NOT NULL, counterparty TEXT NOT NULL,
    region TEXT NOT NULL, price TEXT NOT NULL, evidence TEXT NOT NULL, town TEXT NOT NULL, reverses INTEGER,
    note TEXT NOT NULL, geometry_sha TEXT NOT NULL, created_at TEXT NOT NULL,
    prev_hash TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, lot TEXT NOT NULL DEFAULT '',
    UNIQUE (entry_no, line_no))"""
_LEDGER_DDL = [
    _JOURNAL_DDL,
    f"CREATE INDEX idx_{JOURNAL}_entry ON {JOURNAL} (entry_no)",
    f"CREATE INDEX idx_{JOURNAL}_reverses ON {JOURNAL} (reverses) WHERE reverses IS NOT NULL",
    f"CREATE INDEX idx_{JOURNAL}_project ON {JOURNAL} (project_id, txn_type)",
    f"CREATE INDEX idx_{JOURNAL}_date ON {JOURNAL} (value_date)",
    f"CREATE UNIQUE INDEX idx_{JOURNAL}_one_reversal ON {JOURNAL} (reverses, line_no) WHERE reverses IS NOT NULL",
    f"""CREATE TABLE {TOTALS} (fid INTEGER PRIMARY KEY, kind TEXT NOT NULL, component TEXT NOT NULL,
        year INTEGER NOT NULL, source TEXT NOT NULL, balance INTEGER NOT NULL, owed INTEGER NOT NULL,
        inflow INTEGER NOT NULL, outflow INTEGER NOT NULL, UNIQUE (kind, component, year, source))""",
    f"""CREATE TABLE {PROJECTS} (fid INTEGER PRIMARY KEY, project_id TEXT NOT NULL, project_name TEXT,
        batch_no TEXT, town TEXT, entry_no INTEGER UNIQUE, created_at TEXT, geom MULTIPOLYGON)""",
    f"CREATE INDEX idx_{PROJECTS}_project ON {PROJECTS} (project_id)",
]
# the guards, also added to ledgers made by an earlier version when they are opened for posting
_GUARD_DDL = [
    f"""CREATE TRIGGER IF NOT EXISTS {JOURNAL}_no_update BEFORE UPDATE ON {JOURNAL}
        BEGIN SELECT RAISE(ABORT, 'ledger_journal is append-only: post a reversal instead'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {JOURNAL}_no_delete BEFORE DELETE ON {JOURNAL}
        BEGIN SELECT RAISE(ABORT, 'ledger_journal is append-only: post a reversal instead'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {PROJECTS}_no_delete BEFORE DELETE ON {PROJECTS}
        BEGIN SELECT RAISE(ABORT, 'ledger_projects is append-only'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {PROJECTS}_no_update BEFORE UPDATE ON {PROJECTS}
        BEGIN SELECT RAISE(ABORT, 'ledger_projects is append-only'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TOTALS}_no_delete BEFORE DELETE ON {TOTALS}
        BEGIN SELECT RAISE(ABORT, 'ledger_totals rows are never deleted'); END""",
]
# the format marker (store.META_DDL), listed in the GeoPackage's contents like the other attribute tables
_META_DDL = META_DDL + [f"INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
                        f"VALUES ('{META}', 'attributes', '{META}', '台账格式 ledger format')"]
_GUARD_NAMES = (f"{JOURNAL}_no_update", f"{JOURNAL}_no_delete", f"{PROJECTS}_no_delete", f"{PROJECTS}_no_update",
                f"{TOTALS}_no_delete")


def gpkg_blob(geometry) -> bytes | None:
    """GeoPackage binary of a shapely geometry: 'GP', version 0, flags (XY envelope, little-endian), srs, WKB."""
    if geometry is None or shapely.is_empty(geometry):
        return None
    minx, miny, maxx, maxy = shapely.bounds(geometry).tolist()
    header = b"GP" + bytes([0, 0b00000011]) + struct.pack("<i", SRS_ID) + struct.pack("<4d", minx, maxx, miny, maxy)
    return header + shapely.to_wkb(geometry, byte_order=1, output_dimension=2)


def wkb_of_blob(blob: bytes | None) -> bytes | None:
    """The WKB inside a GeoPackage geometry blob."""
    if not blob:
        return None
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 0b111]
    return bytes(blob[8 + envelope:])


class GpkgStore(SqlStore):
    kind = "gpkg"

    @classmethod
    def open(cls, path: str, create: bool = True, timeout: float = 30.0, readonly: bool = False) -> GpkgStore:
        """Open (``create``: or create) the ledger at ``path``. ``readonly``: no table, trigger, journal mode
        or lock is written (verify); works on a read-only file or folder."""
        target = Path(path)
        if not target.exists() and (not create or readonly):
            raise LedgerError(Message("台账文件不存在: {p}", "ledger file does not exist: {p}").format(p=path),
                              "missing")
        if not target.parent.is_dir():
            raise LedgerError(Message("文件夹不存在: {p}", "folder does not exist: {p}").format(p=target.parent),
                              "open")
        if target.exists() and not target.is_file():
            raise LedgerError(Message("{p} 不是文件", "{p} is not a file").format(p=path), "open")
        try:
            if readonly:
                store = cls(_connect_readonly(target, timeout), str(target))
                store._require_ledger()
            else:
                conn = sqlite3.connect(str(target), timeout=timeout, isolation_level=None, check_same_thread=False)
                store = cls(conn, str(target))
                if not create:
                    store._require_ledger()
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
                store._ensure_schema()
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc):
                raise GpkgStore(None, str(target))._as_ledger_error(exc) from exc
            message = Message("{p} 不是可用的 GeoPackage 台账: {e}", "{p} is not a usable GeoPackage ledger: {e}")
            raise LedgerError(message.format(p=path, e=exc), "open") from exc
        store.check_columns()
        return store

    def _require_ledger(self) -> None:
        """Refuse a file that holds no ledger (a data GeoPackage, any other file) without writing to it."""
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if JOURNAL not in tables:
            self.conn.close()
            raise LedgerError(Message("{p} 不是台账(没有 {t} 表)", "{p} is not a ledger (it has no {t} table)")
                              .format(p=self.uri, t=JOURNAL), "not_ledger")

    def _ensure_schema(self) -> None:
        cur = self.conn.cursor()
        if cur.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (JOURNAL,)).fetchone():
            self._ensure_guards(cur)
            return  # an existing ledger: no write lock needed to open it
        cur.execute("BEGIN IMMEDIATE")
        try:
            have = {r[0] for r in cur.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if JOURNAL in have:
                cur.execute("COMMIT")
                return
            if have - {"gpkg_spatial_ref_sys", "gpkg_contents", "gpkg_geometry_columns", "gpkg_ogr_contents",
                       "gpkg_extensions", "sqlite_sequence"} and "gpkg_contents" not in have:
                raise LedgerError(Message("{p} 不是 GeoPackage 台账", "{p} is not a GeoPackage ledger")
                                  .format(p=self.uri),
                                  "open")
            cur.execute(f"PRAGMA application_id = {GPKG_APPLICATION_ID}")
            cur.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
            for ddl in _CORE_DDL + _LEDGER_DDL + _GUARD_DDL:
                cur.execute(ddl)
            srs = [("Undefined cartesian SRS", -1, "NONE", -1, "undefined",
                    "undefined cartesian coordinate reference system"),
                   ("Undefined geographic SRS", 0, "NONE", 0, "undefined",
                    "undefined geographic coordinate reference system"),
                   ("WGS 84 geodetic", 4326, "EPSG", 4326, SRS_4326_WKT, "longitude/latitude coordinates in decimal "
                    "degrees on the WGS 84 spheroid"),
                   ("CGCS2000 / 3-degree Gauss-Kruger CM 120E", SRS_ID, "EPSG", SRS_ID, SRS_4549_WKT, "")]
            cur.executemany("INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", srs)
            now = utc_now()
            contents = [(JOURNAL, "attributes", JOURNAL, "用地指标台账流水 quota ledger journal (append-only)", now,
                         None, None, None, None, None),
                        (TOTALS, "attributes", TOTALS, "指标余额 balances per kind/component/year/source", now,
                         None, None, None, None, None),
                        (PROJECTS, "features", PROJECTS, "使用指标的项目范围 project allocations", now,
                         None, None, None, None, SRS_ID)]
            cur.executemany("INSERT INTO gpkg_contents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", contents)
            for ddl in _META_DDL:
                cur.execute(ddl)
            cur.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', ?, 0, 0)",
                        (PROJECTS, SRS_ID))
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def _ensure_guards(self, cur) -> None:
        """Bring a ledger of an earlier version up to date (only then is the write lock taken): add the
        triggers it lacks, drop its one-polygon-per-project constraint (a later entry supersedes) and add the
        lot column (every existing line reads '' there: no line is rewritten, its hash stays valid)."""
        have = {r[0] for r in cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        unique = self._unique_project_id(cur)
        lot = self._has_lot_column(cur)
        marked = cur.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (META,)).fetchone()
        if set(_GUARD_NAMES) <= have and not unique and lot and marked:
            return
        cur.execute("BEGIN IMMEDIATE")
        try:
            if self._unique_project_id(cur):
                self._rebuild_projects(cur)
            if not self._has_lot_column(cur):
                cur.execute(f"ALTER TABLE {JOURNAL} ADD COLUMN lot TEXT NOT NULL DEFAULT ''")
            for ddl in _GUARD_DDL + _META_DDL:
                cur.execute(ddl)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    @staticmethod
    def _has_lot_column(cur) -> bool:
        return any(r[1] == "lot" for r in cur.execute(f"PRAGMA table_info({JOURNAL})").fetchall())

    @staticmethod
    def _unique_project_id(cur) -> bool:
        for index in cur.execute(f"PRAGMA index_list({PROJECTS})").fetchall():
            if index[2] and [r[2] for r in cur.execute(f"PRAGMA index_info('{index[1]}')").fetchall()] == \
                    ["project_id"]:
                return True
        return False

    @staticmethod
    def _rebuild_projects(cur) -> None:
        """ledger_projects without UNIQUE (project_id), rows kept (sqlite cannot drop a constraint)."""
        ddl = next(d for d in _LEDGER_DDL if d.startswith(f"CREATE TABLE {PROJECTS}"))
        cur.execute(ddl.replace(f"CREATE TABLE {PROJECTS}", f"CREATE TABLE {PROJECTS}_new"))
        columns = "fid, project_id, project_name, batch_no, town, entry_no, created_at, geom"
        cur.execute(f"INSERT INTO {PROJECTS}_new ({columns}) SELECT {columns} FROM {PROJECTS}")  # nosec B608
        for name in (f"{PROJECTS}_no_delete", f"{PROJECTS}_no_update"):
            cur.execute(f"DROP TRIGGER IF EXISTS {name}")
        cur.execute(f"DROP TABLE {PROJECTS}")
        cur.execute(f"ALTER TABLE {PROJECTS}_new RENAME TO {PROJECTS}")
        cur.execute(f"CREATE INDEX IF NOT EXISTS idx_{PROJECTS}_project ON {PROJECTS} (project_id)")

    def set_durability(self, full: bool = True) -> None:
        """synchronous=FULL (default: a commit survives a power cut) or NORMAL (WAL: survives a crash of the
        process, not of the machine; several times faster on a busy disk)."""
        self.conn.execute(f"PRAGMA synchronous={'FULL' if full else 'NORMAL'}")

    def db_errors(self) -> tuple[type, ...]:
        return (sqlite3.Error,)

    def _begin_write(self, cur) -> None:
        cur.execute("BEGIN IMMEDIATE")

    def insert_project(self, cur, project: dict, geometry) -> None:
        if geometry is not None and geometry.geom_type == "Polygon":
            geometry = shapely.MultiPolygon([geometry])
        blob = gpkg_blob(geometry)
        cur.execute("INSERT INTO ledger_projects (project_id, project_name, batch_no, town, entry_no, "
                    "created_at, geom) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)", (project["project_id"], project["project_name"],
                    project["batch_no"], project["town"], project["entry_no"], utc_now(), blob))
        if blob is not None:
            minx, miny, maxx, maxy = shapely.bounds(geometry).tolist()
            cur.execute("UPDATE gpkg_contents SET min_x = MIN(COALESCE(min_x, ?), ?), "
                        "min_y = MIN(COALESCE(min_y, ?), ?), max_x = MAX(COALESCE(max_x, ?), ?), "
                        "max_y = MAX(COALESCE(max_y, ?), ?) WHERE table_name = ?",
                        (minx, minx, miny, miny, maxx, maxx, maxy, maxy, PROJECTS))

    def projects(self) -> list[dict]:
        rows = self._read("SELECT project_id, project_name, batch_no, town, entry_no, geom FROM ledger_projects "
                          "ORDER BY fid")
        return [{"project_id": r[0], "project_name": r[1], "batch_no": r[2], "town": r[3], "entry_no": r[4],
                 "wkb": wkb_of_blob(r[5])} for r in rows]


def _connect_readonly(target: Path, timeout: float) -> sqlite3.Connection:
    """A read-only connection. SQLite reads a WAL database through its -shm file, which it must be able to
    create; in a read-only folder (or on a read-only copy) without one the file is opened as immutable."""
    uri = "file:" + quote(str(target.resolve()))
    conn = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=timeout, isolation_level=None,
                           check_same_thread=False)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc):
            raise
    return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, timeout=timeout, isolation_level=None,
                           check_same_thread=False)
