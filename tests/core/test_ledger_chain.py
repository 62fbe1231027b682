"""Tamper detection: verify() finds an altered, re-hashed or deleted line and names the first bad one."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal as D  # noqa: N817

import pytest

from land_supervision.core.ledger import Entry, open_ledger
from land_supervision.core.ledger.model import JOURNAL_COLUMNS
from tests.core.test_ledger_pg_server import make_uri


@pytest.fixture(params=["gpkg", "postgres"])
def filled(request, tmp_path):
    led = open_ledger(make_uri(request.param, tmp_path))
    for year in (2018, 2019, 2020):
        led.post(Entry("grant", {("plan", "area"): D("100")}, year=year))
    led.post(Entry("grant", {("compensation", "cultivated_area"): D("10"), ("compensation", "paddy_area"): D("2"),
                             ("compensation", "grain_capacity"): D("4000")}, year=2020))
    led.post(Entry("allocation", {("plan", "area"): D("30")}, year=2020, project_id="P", batch_no="B"))
    yield led, request.param
    led.close()


def tamper(led, store: str, sql: str, params=()):
    """What an attacker with database access does: switch the guards off and write (the owner's rights on
    PostgreSQL: the plugin's own session posts as ledger_poster, which may not)."""
    conn = led.store.conn
    cur = conn.cursor()
    if store == "gpkg":
        cur.execute("BEGIN IMMEDIATE")
        for (name,) in cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            cur.execute(f"DROP TRIGGER {name}")
        for statement in sql.split(";"):
            cur.execute(statement, params)
        cur.execute("COMMIT")
    else:
        cur.execute("RESET ROLE")
        for table in ("ledger_journal", "ledger_projects", "ledger_totals"):
            cur.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        for statement in sql.split(";"):
            cur.execute(statement.replace("?", "%s"), params)
        conn.commit()


def independent_hash(row: dict) -> str:
    """The documented hash: SHA-256 of the compact JSON array of the columns in order, then the lot data where
    the line has any (written out here)."""
    payload = [row[c] for c in JOURNAL_COLUMNS] + ([row["lot"]] if row["lot"] else [])
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def test_intact_ledger_verifies(filled):
    led, _ = filled
    result = led.verify()
    assert result.ok and result.lines == 7
    rows = led.entries()
    assert rows[0]["prev_hash"] == "0" * 64
    for before, row in zip(rows, rows[1:]):
        assert row["prev_hash"] == before["hash"]
    assert all(independent_hash(r) == r["hash"] for r in rows)


def test_altered_amount_is_found(filled):
    led, store = filled
    tamper(led, store, "UPDATE ledger_journal SET amount = 2000000 WHERE seq = 2")
    result = led.verify()
    assert not result.ok and result.bad_seq == 2 and result.bad_entry == 2
    assert "altered" in str(result.message) and "被改动" in str(result.message)


def test_rehashed_line_breaks_the_next_link(filled):
    led, store = filled
    row = led.entries("seq = 3")[0]
    row["amount"] = 9990000
    tamper(led, store, "UPDATE ledger_journal SET amount = ?, hash = ? WHERE seq = 3", (9990000, independent_hash(row)))
    result = led.verify()
    assert not result.ok and result.bad_seq == 4 and "does not chain" in str(result.message)


def test_deleted_line_is_found(filled):
    led, store = filled
    tamper(led, store, "DELETE FROM ledger_journal WHERE seq = 5")
    result = led.verify()
    assert not result.ok and result.bad_seq == 6 and "line 5 is missing" in str(result.message)


def test_altered_totals_are_found(filled):
    led, _ = filled
    conn = led.store.conn
    cur = conn.cursor()
    cur.execute("UPDATE ledger_totals SET balance = balance + 1 WHERE kind = 'plan'")
    conn.commit()
    result = led.verify()
    assert not result.ok and "plan/area" in str(result.message)


def test_altered_project_polygon_is_found(filled):
    import shapely

    led, store = filled
    led.post(Entry("grant", {("plan", "area"): D("10")}, year=2020))
    led.post(Entry("allocation", {("plan", "area"): D("5")}, year=2020, project_id="G1", batch_no="B",
                   geometry=shapely.box(600000, 3400000, 600100, 3400100)))
    assert led.verify().ok
    assert led.entries("entry_no = 7")[0]["geometry_sha"] == hashlib.sha256(
        shapely.to_wkb(shapely.MultiPolygon([shapely.box(600000, 3400000, 600100, 3400100)]), byte_order=1,
                       output_dimension=2)).hexdigest()
    if store == "gpkg":
        from land_supervision.core.ledger.gpkg_store import gpkg_blob

        tamper(led, store, "UPDATE ledger_projects SET geom = ? WHERE project_id = 'G1'",
               (gpkg_blob(shapely.MultiPolygon([shapely.box(600000, 3400000, 600200, 3400100)])),))
    else:
        tamper(led, store, "UPDATE ledger_projects SET geom = ST_Scale(geom, 1.0001, 1) WHERE project_id = 'G1'")
    result = led.verify()
    assert not result.ok and result.bad_entry == 7 and "G1" in str(result.message)
