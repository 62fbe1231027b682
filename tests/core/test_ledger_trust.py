"""The ledger's trust: posting never reads what the chain does not cover, deletion is refused, forced changes
are found by verify (a rewrite of the whole chain against an earlier receipt), verify opens read-only."""

from __future__ import annotations

import hashlib
import sqlite3
from decimal import Decimal as D  # noqa: N817

import pytest
import shapely

from land_supervision.core.ledger import Entry, LedgerError, Receipt, RuleViolation, open_ledger
from land_supervision.core.ledger.chain import line_hash
from tests.core.test_ledger_chain import tamper
from tests.core.test_ledger_pg_server import fresh_pg_uri, make_uri

BOX = shapely.box(600000, 3400000, 600100, 3400100)  # 1 ha in EPSG:4549


@pytest.fixture(params=["gpkg", "postgres"])
def led(request, tmp_path):
    ledger = open_ledger(make_uri(request.param, tmp_path))
    ledger.post(Entry("grant", {("plan", "area"): D("100")}, year=2020, value_date="2020-01-02"))
    ledger.post(Entry("allocation", {("plan", "area"): D("30")}, year=2020, value_date="2020-02-03",
                      project_id="P1", batch_no="B1", geometry=BOX))
    ledger.post(Entry("grant", {("linkage_surplus", "area"): D("50")}, year=2020, value_date="2020-03-04"))
    yield ledger, request.param
    ledger.close()


def owner_cursor(ledger, store):
    """A cursor with the owner's rights (PostgreSQL: the plugin's session posts as ledger_poster)."""
    cur = ledger.store.conn.cursor()
    if store == "postgres":
        cur.execute("RESET ROLE")
    return cur


def test_tampered_totals_do_not_let_an_allocation_through(led):
    ledger, _ = led
    cur = ledger.store.conn.cursor()
    cur.execute("UPDATE ledger_totals SET balance = balance + 1e8 WHERE kind = 'linkage_surplus'")
    ledger.store.conn.commit()
    # the linkage balance is 50 in the journal; the totals now say 50 + 10,000 亩
    with pytest.raises(RuleViolation, match=r"balance too low: 50.0000 available, 5000.0000 needed"):
        ledger.post(Entry("allocation", {("linkage_surplus", "area"): D("5000")}, year=2020, project_id="X",
                          batch_no="B"))
    assert ledger.balance("linkage_surplus") == D("50")  # read from the journal, not the totals
    assert [r["balance"] for r in ledger.balances_by(("kind",)) if r["kind"] == "linkage_surplus"] == [D("50")]
    result = ledger.verify()
    assert not result.ok and "linkage_surplus/area/2020/grant" in str(result.message)


def test_polygon_in_the_wrong_crs_is_superseded_by_reversal_and_repost(led):
    ledger, _ = led
    ledger.post(Entry("allocation", {("plan", "area"): D("10")}, year=2020, project_id="P2", batch_no="B2",
                      geometry=shapely.box(121.0, 30.7, 121.001, 30.701)))  # degrees posted as metres
    ledger.reverse(4, evidence="范围坐标系错误")
    right = shapely.box(601000, 3401000, 601050, 3401100)
    ledger.post(Entry("allocation", {("plan", "area"): D("10")}, year=2020, project_id="P2", batch_no="B2",
                      geometry=right))
    current = {p["project_id"]: p for p in ledger.projects()}
    assert sorted(current) == ["P1", "P2"] and current["P2"]["entry_no"] == 6
    assert shapely.from_wkb(current["P2"]["wkb"]).equals(right)
    assert [p["entry_no"] for p in ledger.projects(history=True)] == [2, 4, 6]
    assert ledger.balance("plan") == D("60")
    assert ledger.verify().ok


@pytest.mark.parametrize("table", ["ledger_journal", "ledger_projects", "ledger_totals"])
def test_delete_and_truncate_are_refused_by_the_database(led, table):
    ledger, store = led
    conn = ledger.store.conn
    statements = [f"DELETE FROM {table}"] + ([f"TRUNCATE {table}"] if store == "postgres" else [])
    for statement in statements:
        cur = conn.cursor()
        with pytest.raises(Exception, match="append-only|never deleted|permission denied"):
            cur.execute(statement)  # the plugin's own session
        conn.rollback()
        cur = owner_cursor(ledger, store)
        with pytest.raises(Exception, match="append-only|never deleted"):
            cur.execute(statement)  # the owner: the triggers
        conn.rollback()
    assert ledger.verify().ok and ledger.verify().lines == 3


def test_poster_role_on_postgres(tmp_path):
    with open_ledger(fresh_pg_uri()) as ledger:
        cur = ledger.store.conn.cursor()
        cur.execute("SELECT current_user")
        assert cur.fetchone()[0] == "ledger_poster"
        with pytest.raises(Exception, match="must be owner"):
            cur.execute("ALTER TABLE ledger_journal DISABLE TRIGGER USER")
        ledger.store.conn.rollback()
        ledger.post(Entry("grant", {("plan", "area"): D("1")}, year=2020))  # posting works as the role
        assert ledger.balance("plan") == D("1")


def test_deleted_project_row_is_found(led):
    ledger, store = led
    tamper(ledger, store, "DELETE FROM ledger_projects WHERE project_id = 'P1'")
    result = ledger.verify()
    assert not result.ok and result.bad_entry == 2
    assert "P1" in str(result.message) and "deleted" in str(result.message)


def truncate_sql(store, tables):
    verb = "DELETE FROM" if store == "gpkg" else "TRUNCATE"
    return ";".join(f"{verb} {t}" for t in tables)


def test_truncated_journal_is_found(led):
    ledger, store = led
    tamper(ledger, store, truncate_sql(store, ["ledger_journal"]))
    result = ledger.verify()
    assert not result.ok and result.lines == 0 and "do not match the journal" in str(result.message)


def test_truncating_everything_is_caught_by_an_earlier_receipt(led):
    ledger, store = led
    receipt = ledger.receipt()
    assert (receipt.entries, receipt.lines) == (3, 3)
    tamper(ledger, store, truncate_sql(store, ["ledger_journal", "ledger_projects", "ledger_totals"]))
    assert ledger.verify().ok  # an empty ledger is a valid ledger: alone, nothing can tell
    result = ledger.verify(str(receipt))
    assert not result.ok and "fewer than the 3 of receipt" in str(result.message)


def rewrite_chain(ledger, store, seq: int, amount: int) -> None:
    """Change the amount of line ``seq`` and recompute every later hash and the totals, as an attacker with
    the owner's rights would."""
    rows = ledger.entries()
    old = rows[seq - 1]
    delta = amount - old["amount"]
    prev = rows[seq - 2]["hash"] if seq > 1 else "0" * 64
    updates = []
    for row in rows[seq - 1:]:
        if row["seq"] == seq:
            row["amount"] = amount
        row["prev_hash"] = prev
        row["hash"] = prev = line_hash(row)
        updates.append(f"UPDATE ledger_journal SET amount = {row['amount']}, prev_hash = '{row['prev_hash']}', "
                       f"hash = 'x{row['seq']}' WHERE seq = {row['seq']}")
    # two steps: hashes are unique, so first placeholders, then the real ones
    updates += [f"UPDATE ledger_journal SET hash = '{r['hash']}' WHERE seq = {r['seq']}" for r in rows[seq - 1:]]
    updates.append(f"UPDATE ledger_totals SET balance = balance + {delta}, inflow = inflow + {delta} "
                   f"WHERE kind = '{old['kind']}' AND component = '{old['component']}' AND year = {old['year']} "
                   f"AND source = '{old['source']}'")
    tamper(ledger, store, ";".join(updates))


def test_rewritten_chain_is_caught_by_an_earlier_receipt(led):
    ledger, store = led
    receipt = ledger.receipt()
    rewrite_chain(ledger, store, 1, 10_000 * 10_000)  # the first grant: 100 -> 10,000 亩
    assert ledger.balance("plan") == D("9970")
    assert ledger.verify().ok  # consistent in itself
    result = ledger.verify(receipt)
    assert not result.ok and result.bad_seq == 3 and "chain was rewritten" in str(result.message)


def test_receipt_text():
    receipt = Receipt(18, 27, "3f2a9c0d1e4b5a67" + "0" * 48)
    assert str(receipt) == "18-27-3f2a9c0d1e4b5a67"
    assert Receipt.parse(" 18-27-3F2A9C0D1E4B5A67 ") == Receipt(18, 27, "3f2a9c0d1e4b5a67")
    for bad in ("18-27", "18-27-xyz", "18/27/3f2a9c0d1e4b5a67", "18-27-3f2a9c"):
        with pytest.raises(LedgerError, match="entries-lines-hash"):
            Receipt.parse(bad)


def test_receipt_of_the_head(led):
    ledger, _ = led
    last = ledger.entries()[-1]
    assert ledger.receipt() == Receipt(3, 3, last["hash"])
    assert ledger.verify(ledger.receipt()).ok and ledger.verify(str(ledger.receipt())).ok
    old = str(ledger.receipt())
    ledger.post(Entry("grant", {("plan", "area"): D("1")}, year=2020))
    assert ledger.verify(old).ok  # a later ledger still contains the earlier head


# -- opening ---------------------------------------------------------------------------------------------

def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_readonly_open_writes_nothing(tmp_path):
    path = tmp_path / "l.gpkg"
    with open_ledger(str(path)) as ledger:
        ledger.post(Entry("grant", {("plan", "area"): D("5")}, year=2020))
    before = digest(path)
    with open_ledger(str(path), readonly=True) as ledger:
        assert ledger.verify().ok and ledger.balance("plan") == D("5")
        with pytest.raises(LedgerError):
            ledger.post(Entry("grant", {("plan", "area"): D("5")}, year=2020))
    assert digest(path) == before


def test_readonly_copy_without_wal_files(tmp_path):
    """A copy of the .gpkg alone (a CD, a mail attachment): opened as immutable, nothing created beside it."""
    path = tmp_path / "l.gpkg"
    with open_ledger(str(path)) as ledger:
        ledger.post(Entry("grant", {("plan", "area"): D("5")}, year=2020))
    folder = tmp_path / "ro"
    folder.mkdir()
    copy = folder / "copy.gpkg"
    copy.write_bytes(path.read_bytes())
    copy.chmod(0o444)
    folder.chmod(0o555)
    try:
        with open_ledger(str(copy), readonly=True) as ledger:
            assert ledger.verify().ok and ledger.verify().lines == 1
    finally:
        folder.chmod(0o755)
    assert {p.name for p in folder.iterdir()} <= {"copy.gpkg", "copy.gpkg-shm", "copy.gpkg-wal"}


@pytest.mark.parametrize("readonly", [True, False])
def test_a_data_geopackage_is_not_a_ledger(tmp_path, readonly):
    path = tmp_path / "data.gpkg"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT)")
    conn.execute("CREATE TABLE parcels (fid INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(LedgerError, match="is not a ledger"):
        open_ledger(str(path), create=False, readonly=readonly)
    assert digest(path) == before and not (tmp_path / "data.gpkg-wal").exists()


def test_a_text_file_is_not_a_ledger(tmp_path):
    path = tmp_path / "notes.gpkg"
    path.write_text("not a database at all " * 100)
    with pytest.raises(LedgerError, match="not a usable GeoPackage ledger"):
        open_ledger(str(path), readonly=True)


def test_a_missing_path_is_not_created(tmp_path):
    for kwargs in ({"create": False}, {"readonly": True}):
        with pytest.raises(LedgerError, match="does not exist"):
            open_ledger(str(tmp_path / "typo.gpkg"), **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_postgres_without_ledger_is_refused_and_left_alone():
    import psycopg2

    uri = fresh_pg_uri()
    for kwargs in ({"create": False}, {"readonly": True}):
        with pytest.raises(LedgerError, match="not a ledger"):
            open_ledger(uri, **kwargs)
    conn = psycopg2.connect(uri)
    cur = conn.cursor()
    cur.execute("SELECT to_regclass('ledger_journal')")
    assert cur.fetchone()[0] is None
    conn.close()


def test_postgres_readonly_session(tmp_path):
    uri = fresh_pg_uri()
    with open_ledger(uri) as ledger:
        ledger.post(Entry("grant", {("plan", "area"): D("5")}, year=2020))
    with open_ledger(uri, readonly=True) as ledger:
        assert ledger.verify().ok
        with pytest.raises(LedgerError, match="read-only"):
            ledger.post(Entry("grant", {("plan", "area"): D("5")}, year=2020))


def test_postgres_post_behind_a_long_import_is_busy():
    import psycopg2

    uri = fresh_pg_uri()
    with open_ledger(uri) as ledger:
        ledger.post(Entry("grant", {("plan", "area"): D("5")}, year=2020))
    holder = psycopg2.connect(uri)  # a long import: holds the write lock
    holder.cursor().execute("LOCK TABLE ledger_journal IN EXCLUSIVE MODE")
    try:
        with open_ledger(uri) as ledger:
            ledger.store.lock_timeout = 0.2
            with pytest.raises(LedgerError, match="ledger is busy") as caught:
                ledger.post(Entry("grant", {("plan", "area"): D("1")}, year=2020))
            assert caught.value.code == "busy"
    finally:
        holder.rollback()
        holder.close()
    with open_ledger(uri) as ledger:
        assert ledger.balance("plan") == D("5")


def test_readonly_folder_for_a_user_who_may_not_write(tmp_path):
    """Root ignores file modes: the read-only folder is tried as 'nobody' (or as the user running the tests)."""
    import os
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    root = Path(tempfile.mkdtemp(prefix="ledger_ro_"))
    folder = root / "ro"
    folder.mkdir()
    with open_ledger(str(folder / "l.gpkg")) as ledger:
        ledger.post(Entry("grant", {("plan", "area"): D("5")}, year=2020))
        receipt = str(ledger.receipt())
    (folder / "l.gpkg").chmod(0o444)
    folder.chmod(0o555)
    root.chmod(0o755)
    code = ("import sys; from land_supervision.core.ledger import open_ledger; "
            "r = open_ledger(sys.argv[1], readonly=True).verify(sys.argv[2]); print(r.ok, r.lines)")
    command = [sys.executable, "-c", code, str(folder / "l.gpkg"), receipt]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "nobody", "--", *command]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    try:
        proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120,
                              cwd=str(Path(__file__).resolve().parents[2]))
    finally:
        folder.chmod(0o755)
    assert proc.stdout.split() == ["True", "1"], proc.stderr[-2000:]
    assert sorted(p.name for p in folder.iterdir()) == ["l.gpkg"]


def test_balances_follow_other_writers_and_a_replaced_chain(led):
    """Sums are kept per chain head: another writer's lines are added, a chain with another head summed anew."""
    ledger, store = led
    uri = ledger.uri
    with open_ledger(uri) as other:
        assert other.balance("plan") == D("70")
        ledger.post(Entry("grant", {("plan", "area"): D("5")}, year=2020))
        ledger.post(Entry("grant", {("plan", "area"): D("6")}, year=2021))
        assert other.balance("plan") == D("81")
        assert [(r["year"], r["balance"]) for r in other.balances_by(("kind", "year")) if r["kind"] == "plan"] == \
            [(2020, D("75")), (2021, D("6"))]
        tamper(other, store, truncate_sql(store, ["ledger_journal", "ledger_projects", "ledger_totals"]))
        with pytest.raises(RuleViolation, match="balance too low: 0.0000 available"):
            ledger.post(Entry("allocation", {("plan", "area"): D("1")}, year=2020, project_id="Z", batch_no="B"))


def test_ledger_of_an_earlier_version_is_brought_up_to_date(led):
    """An earlier version: one polygon per project (UNIQUE project_id), no TRUNCATE / totals guards. Opened for
    posting, it gets the guards and loses the constraint, rows kept; a project's polygon can then be superseded."""
    ledger, store = led
    if store == "gpkg":
        tamper(ledger, store, "CREATE UNIQUE INDEX old_unique ON ledger_projects (project_id)")
    else:
        tamper(ledger, store, "ALTER TABLE ledger_projects ADD CONSTRAINT ledger_projects_project_id_key "
                              "UNIQUE (project_id);DROP TRIGGER ledger_journal_no_truncate ON ledger_journal")
    uri = ledger.uri
    with open_ledger(uri) as upgraded:
        cur = owner_cursor(upgraded, store)
        with pytest.raises(Exception, match="append-only|never deleted"):
            cur.execute("DELETE FROM ledger_totals" if store == "gpkg" else "TRUNCATE ledger_journal")
        upgraded.store.conn.rollback()
        upgraded.reverse(2)
        upgraded.post(Entry("allocation", {("plan", "area"): D("30")}, year=2020, project_id="P1", batch_no="B1",
                            geometry=shapely.box(600000, 3400000, 600200, 3400100)))
        assert [p["entry_no"] for p in upgraded.projects(history=True)] == [2, 5]
        assert [p["entry_no"] for p in upgraded.projects()] == [5]
        assert upgraded.verify().ok
