"""Every transaction and rule of the ledger, on both stores (GeoPackage and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817

import pytest
import shapely

from land_supervision.core.ledger import DuplicateCreditError, Entry, LedgerError, RuleViolation, open_ledger
from tests.core.test_ledger_pg_server import make_uri

COMP = ("compensation", "cultivated_area"), ("compensation", "paddy_area"), ("compensation", "grain_capacity")


@pytest.fixture(params=["gpkg", "postgres"])
def ledger(request, tmp_path):
    led = open_ledger(make_uri(request.param, tmp_path))
    yield led
    led.close()


def grant(led, kind="plan", amount="100", year=2020, **kw):
    return led.post(Entry("grant", {(kind, "area"): D(amount)}, year=year, evidence="浙自然资发", **kw))


def comp(cult, paddy, grain):
    return dict(zip(COMP, (D(cult), D(paddy), D(grain))))


def test_grant_award_and_balance(ledger):
    grant(ledger, amount="1061")
    ledger.post(Entry("award", {("plan", "area"): D("50.5")}, year=2020))
    ledger.post(Entry("grant", {("plan", "area"): D("12.25")}, year=2021, source="revitalization"))
    assert ledger.balance("plan") == D("1123.75")
    by = {(r["year"], r["source"]): r["balance"] for r in ledger.balances_by(("year", "source"))}
    assert by == {(2020, "grant"): D("1061"), (2020, "award"): D("50.5"), (2021, "revitalization"): D("12.25")}


def test_amounts_are_exact_and_floats_refused(ledger):
    for _ in range(10):
        ledger.post(Entry("grant", {("spatial", "area"): "0.1"}, year=2020))
    assert ledger.balance("spatial") == D("1.0000")  # 10 x 0.1 exactly, no float drift
    with pytest.raises(LedgerError, match="float"):
        ledger.post(Entry("grant", {("spatial", "area"): 0.1}, year=2020))
    with pytest.raises(LedgerError, match="4 decimals") as info:
        ledger.post(Entry("grant", {("spatial", "area"): "0.00001"}, year=2020))
    assert "spatial.area" not in str(info.value) and "spatial (planning-scale) quota" in info.value.message.en


def test_allocation_needs_project_and_batch(ledger):
    grant(ledger)
    with pytest.raises(RuleViolation, match="project id") as info:
        ledger.post(Entry("allocation", {("plan", "area"): D("10")}, year=2020, batch_no="2020-1"))
    assert info.value.code == "required"
    with pytest.raises(RuleViolation, match="approval batch"):
        ledger.post(Entry("allocation", {("plan", "area"): D("10")}, year=2020, project_id="P1"))
    posted = ledger.post(Entry("allocation", {("plan", "area"): D("10")}, year=2020, project_id="P1",
                               batch_no="2020-1", project_name="厂房", geometry=shapely.box(0, 0, 100, 100)))
    assert posted.lines[0]["amount"] == -100000
    assert ledger.balance("plan") == D("90")
    (project,) = ledger.projects()
    assert project["project_id"] == "P1" and shapely.from_wkb(project["wkb"]).area == 10000


def test_no_balance_goes_negative(ledger):
    grant(ledger, amount="10")
    with pytest.raises(RuleViolation, match="10.0010 needed, 0.0010 short") as info:
        ledger.post(Entry("allocation", {("plan", "area"): D("10.001")}, year=2020, project_id="P", batch_no="B"))
    assert info.value.code == "negative"
    with pytest.raises(RuleViolation, match="balance too low"):
        ledger.post(Entry("transfer_out", {("spatial", "area"): D("1")}, year=2020, counterparty="嘉善县",
                          region="嘉兴", price="100000"))
    assert ledger.balance("plan") == D("10") and ledger.verify().ok


def test_advance_shows_owed_until_repaid(ledger):
    ledger.post(Entry("advance", {("plan", "area"): D("600")}, year=2019, evidence="长城汽车预支"))
    ledger.post(Entry("allocation", {("plan", "area"): D("600")}, year=2019, project_id="GW", batch_no="2019-7",
                      source="advance"))
    (plan,) = [b for b in ledger.balances() if b.kind == "plan"]
    assert (plan.balance, plan.owed, plan.net) == (D("0"), D("600"), D("-600"))
    with pytest.raises(RuleViolation, match="balance too low"):  # repaying needs quota in hand
        ledger.post(Entry("repayment", {("plan", "area"): D("600")}, year=2020))
    grant(ledger, amount="1000", year=2020)
    with pytest.raises(RuleViolation, match="exceeds what is owed") as info:
        ledger.post(Entry("repayment", {("plan", "area"): D("600.0001")}, year=2020))
    assert info.value.code == "repay"
    ledger.post(Entry("repayment", {("plan", "area"): D("600")}, year=2020))
    assert ledger.owed("plan") == D("0") and ledger.balance("plan") == D("400")


def test_advance_needs_evidence(ledger):
    with pytest.raises(RuleViolation, match="evidence"):
        ledger.post(Entry("advance", {("plan", "area"): D("600")}, year=2019))


def test_purchase_and_transfer_out_need_counterparty_region_price(ledger):
    with pytest.raises(RuleViolation, match="counterparty"):
        ledger.post(Entry("purchase", {("linkage_surplus", "area"): D("405")}, year=2018, region="四川", price="1"))
    ledger.post(Entry("purchase", {("linkage_surplus", "area"): D("405"), ("spatial", "area"): D("300")}, year=2018,
                      counterparty="四川省某县", region="跨省", price="12150000.00"))
    with pytest.raises(RuleViolation, match="price must be"):
        ledger.post(Entry("transfer_out", {("spatial", "area"): D("1")}, year=2018, counterparty="x", region="y",
                          price="abc"))
    ledger.post(Entry("transfer_out", {("spatial", "area"): D("100")}, year=2018, counterparty="海盐县",
                      region="嘉兴", price="3000000"))
    assert ledger.balance("linkage_surplus") == D("405") and ledger.balance("spatial") == D("200")


def test_compensation_components_carried_together(ledger):
    with pytest.raises(RuleViolation, match="missing paddy_area, grain_capacity"):
        ledger.post(Entry("grant", {COMP[0]: D("707")}, year=2019))
    with pytest.raises(RuleViolation, match="paddy area cannot exceed"):
        ledger.post(Entry("grant", comp("10", "11", "0"), year=2019))
    ledger.post(Entry("grant", comp("707", "300", "282800"), year=2019))
    ledger.post(Entry("allocation", comp("100", "0", "40000"), year=2019, project_id="P", batch_no="B"))
    with pytest.raises(RuleViolation, match="paddy area: balance too low"):
        ledger.post(Entry("allocation", comp("400", "301", "1000"), year=2019, project_id="P", batch_no="B"))
    got = {b.component: b.balance for b in ledger.balances() if b.kind == "compensation"}
    assert got == {"cultivated_area": D("607"), "paddy_area": D("300"), "grain_capacity": D("242800")}


def test_source_tags(ledger):
    with pytest.raises(RuleViolation, match="not allowed") as info:
        ledger.post(Entry("grant", {("plan", "area"): D("1")}, year=2020, source="purchase"))
    assert info.value.code == "source"
    with pytest.raises(RuleViolation, match="unknown quota kind"):
        ledger.post(Entry("grant", {("water", "area"): D("1")}, year=2020))
    with pytest.raises(RuleViolation, match="unknown transaction type"):
        ledger.post(Entry("gift", {("plan", "area"): D("1")}, year=2020))
    with pytest.raises(RuleViolation, match="quota year"):
        ledger.post(Entry("grant", {("plan", "area"): D("1")}, year=1800))
    with pytest.raises(RuleViolation, match="date: no such date: '2020-13-01'"):
        ledger.post(Entry("grant", {("plan", "area"): D("1")}, year=2020, value_date="2020-13-01"))
    with pytest.raises(RuleViolation, match="date: not a date: '01/01/2020'"):
        ledger.post(Entry("grant", {("plan", "area"): D("1")}, year=2020, value_date="01/01/2020"))


def test_reclamation_credit_exactly_once(ledger):
    ledger.post_reclamation_credit("FK-2020-01", "linkage_surplus", {"area": D("832")}, 2020, "验收 2020-1", "新仓镇")
    with pytest.raises(DuplicateCreditError) as info:
        ledger.post_reclamation_credit("FK-2020-01", "linkage_surplus", {"area": D("832")}, 2020, "again")
    assert "already has a reclamation credit" in str(info.value) and "不能重复入库" in str(info.value)
    assert isinstance(info.value, LedgerError)
    # one batch credits both 节余指标 and 补充耕地 (the seeds' 2022 batch: 340亩 of each), each once
    ledger.post_reclamation_credit("FK-2022-01", "linkage_surplus", {"area": D("340")}, 2022, "2022批次")
    comp = {"cultivated_area": D("340"), "paddy_area": D("120"), "grain_capacity": D("136000")}
    ledger.post_reclamation_credit("FK-2022-01", "compensation", comp, 2022, "2022批次")
    with pytest.raises(DuplicateCreditError, match="补充耕地指标") as info:
        ledger.post_reclamation_credit("FK-2022-01", "compensation", comp, 2022, "again")
    assert "compensation" in str(info.value)
    with pytest.raises(LedgerError, match="linkage_surplus or compensation"):
        ledger.post_reclamation_credit("FK-X", "plan", {"area": D("1")}, 2022, "x")
    assert ledger.balance("linkage_surplus") == D("1172")  # 832 + 340
    assert ledger.balance("compensation", "paddy_area") == D("120")
    # a reversed credit of one kind may be posted again; the other kind is still refused
    [entry] = [e for e in ledger.entries("project_id = 'FK-2022-01' AND kind = 'compensation'")][:1]
    ledger.reverse(entry["entry_no"], evidence="面积更正")
    ledger.post_reclamation_credit("FK-2022-01", "compensation", comp, 2022, "更正后")
    with pytest.raises(DuplicateCreditError):
        ledger.post_reclamation_credit("FK-2022-01", "linkage_surplus", {"area": D("340")}, 2022, "again")


def test_reversal_names_the_original_and_corrects(ledger):
    first = grant(ledger, amount="100")
    wrong = grant(ledger, amount="1000")
    rev = ledger.reverse(wrong.entry_no, evidence="录入错误")
    assert rev.lines[0]["reverses"] == wrong.entry_no and rev.lines[0]["amount"] == -10000000
    assert ledger.balance("plan") == D("100")
    with pytest.raises(RuleViolation, match="already been reversed"):
        ledger.reverse(wrong.entry_no)
    with pytest.raises(RuleViolation, match="itself a reversal"):
        ledger.reverse(rev.entry_no)
    with pytest.raises(RuleViolation, match="does not exist"):
        ledger.reverse(999)
    ledger.post(Entry("allocation", {("plan", "area"): D("60")}, year=2020, project_id="P", batch_no="B"))
    with pytest.raises(RuleViolation, match="balance too low"):  # cannot reverse a grant already spent
        ledger.reverse(first.entry_no)
    assert ledger.verify().ok


def test_reversed_credit_can_be_posted_again(ledger):
    credit = ledger.post_reclamation_credit("FK-9", "linkage_surplus", {"area": D("5")}, 2021, "x")
    ledger.reverse(credit.entry_no, evidence="面积更正")
    ledger.post_reclamation_credit("FK-9", "linkage_surplus", {"area": D("4.5")}, 2021, "更正后")
    assert ledger.balance("linkage_surplus") == D("4.5")


def test_reversal_of_advance_and_repayment_moves_owed(ledger):
    adv = ledger.post(Entry("advance", {("plan", "area"): D("50")}, year=2021, evidence="预支"))
    assert ledger.owed("plan") == D("50")
    ledger.reverse(adv.entry_no)
    assert ledger.owed("plan") == D("0") and ledger.balance("plan") == D("0")


def test_no_update_or_delete_path(ledger):
    grant(ledger)
    assert not any(hasattr(ledger, name) for name in ("update", "delete", "edit", "remove"))
    conn = ledger.store.conn
    cur = conn.cursor()
    # GeoPackage: the triggers; PostgreSQL: the plugin posts as ledger_poster, which may not delete (the
    # triggers for the owner are pinned in test_ledger_trust.py)
    with pytest.raises(Exception, match="append-only|permission denied"):
        cur.execute("UPDATE ledger_journal SET amount = 1")
    conn.rollback()
    with pytest.raises(Exception, match="append-only|permission denied"):
        cur.execute("DELETE FROM ledger_journal")
    conn.rollback()
    assert ledger.balance("plan") == D("100")


def test_post_many_is_all_or_nothing(ledger):
    grant(ledger, amount="10")
    batch = [Entry("allocation", {("plan", "area"): D("6")}, year=2020, project_id="A", batch_no="B"),
             Entry("allocation", {("plan", "area"): D("6")}, year=2020, project_id="B", batch_no="B")]
    with pytest.raises(RuleViolation, match="balance too low"):
        ledger.post_many(batch)  # the second would overdraw once the first is counted
    assert ledger.balance("plan") == D("10") and len(ledger.entries()) == 1


def test_open_existing_without_create(tmp_path):
    with pytest.raises(LedgerError, match="does not exist"):
        open_ledger(str(tmp_path / "none.gpkg"), create=False)
    with open_ledger(str(tmp_path / "l.gpkg")) as led:
        grant(led)
    with open_ledger(str(tmp_path / "l.gpkg"), create=False) as led:
        assert led.balance("plan") == D("100")


def test_dry_run_checks_without_writing(ledger):
    grant(ledger, amount="10")
    lines = ledger.dry_run(Entry("allocation", {("plan", "area"): D("4")}, year=2020, project_id="P", batch_no="B"))
    assert lines[0]["amount"] == -40000
    with pytest.raises(RuleViolation, match="balance too low"):
        ledger.dry_run(Entry("allocation", {("plan", "area"): D("11")}, year=2020, project_id="P", batch_no="B"))
    assert len(ledger.entries()) == 1 and ledger.balance("plan") == D("10")


def test_unusable_files_are_refused(tmp_path):
    text = tmp_path / "notes.gpkg"
    text.write_text("not a database at all " * 100)
    with pytest.raises(LedgerError, match="not a usable GeoPackage ledger"):
        open_ledger(str(text))
    import sqlite3

    old = tmp_path / "old.gpkg"
    with open_ledger(str(old)):
        pass
    conn = sqlite3.connect(old)
    # the journal as an older version wrote it, without geometry_sha (no DROP COLUMN before SQLite 3.35)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(ledger_journal)") if row[1] != "geometry_sha"]
    conn.execute(f"CREATE TABLE journal_old AS SELECT {', '.join(columns)} FROM ledger_journal")
    conn.execute("DROP TABLE ledger_journal")
    conn.execute("ALTER TABLE journal_old RENAME TO ledger_journal")
    conn.commit()
    conn.close()
    with pytest.raises(LedgerError, match="journal columns missing: geometry_sha"):
        open_ledger(str(old))


def test_postgresql_uri_forms(tmp_path):
    """A postgresql:// URI opens the same kind of ledger as a key=value string; paths stay GeoPackages."""
    from urllib.parse import quote

    from land_supervision.core.ledger.pg_store import is_postgres_uri
    from tests.core.test_ledger_pg_server import fresh_pg_uri, pg_server

    assert is_postgres_uri("postgresql://user@host/db") and is_postgres_uri("service=bureau")
    assert is_postgres_uri("host=/tmp port=5432 dbname=x") and not is_postgres_uri("/data/dbname=x.gpkg")
    assert not is_postgres_uri(str(tmp_path / "l.gpkg"))
    keyvalue = fresh_pg_uri()
    schema = keyvalue.split("search_path=")[1].split(",")[0]
    server = pg_server()
    uri = (f"postgresql://postgres@/{server['dbname']}?host={quote(server['host'], safe='')}&port={server['port']}"
           f"&options={quote(f'-c search_path={schema},public')}")
    with open_ledger(uri) as led:
        grant(led, amount="7")
    with open_ledger(keyvalue, create=False) as led:
        assert led.balance("plan") == D("7") and led.store.kind == "postgres"


def test_project_polygon_from_a_later_allocation(ledger):
    grant(ledger, amount="100")
    ledger.post(Entry("allocation", {("plan", "area"): D("10")}, year=2020, project_id="P", batch_no="B1",
                      project_name="厂房"))
    assert ledger.projects() == []  # no polygon yet
    ledger.post(Entry("allocation", {("plan", "area"): D("5")}, year=2021, project_id="P", batch_no="B2",
                      geometry=shapely.box(0, 0, 10, 10)))
    (project,) = ledger.projects()
    assert project["entry_no"] == 3 and shapely.from_wkb(project["wkb"]).area == 100
    ledger.post(Entry("allocation", {("plan", "area"): D("5")}, year=2021, project_id="P", batch_no="B3",
                      geometry=shapely.box(0, 0, 20, 20)))  # the first polygon stays; the layer is append-only
    assert len(ledger.projects()) == 1 and ledger.verify().ok


def test_values_are_read_one_way(ledger):
    """`12,5` is 12.5 (not 125), `1_000` is refused, `20240301` is stored as 2024-03-01 and shows in a statement."""
    from land_supervision.core.ledger.statement import build_statement

    posted = ledger.post(Entry("grant", {("plan", "area"): "12,5"}, year=2024, value_date="20240301"))
    line = posted.lines[0]
    assert line["amount"] == 125000 and line["value_date"] == "2024-03-01"
    ledger.post(Entry("purchase", {("linkage_surplus", "area"): "1,234.5"}, year=2024, value_date="2024/3/2",
                      counterparty="嘉兴", region="省内", price="1.234.567,50"))
    assert ledger.entries()[-1]["price"] == "1234567.50" and ledger.entries()[-1]["value_date"] == "2024-03-02"
    assert ledger.balance("plan") == D("12.5") and ledger.balance("linkage_surplus") == D("1234.5")
    statement = build_statement(ledger, "2024-03-01", "2024-03-31")
    assert [r.inflow for r in statement.rows if r.kind == "plan"] == [D("12.5")]
    for bad, reason in (("1_000", "not a number"), ("1e308", "scientific notation"), ("inf", "not a number"),
                        ("12345678901234567890", "more than 12 digits"), ("1,234", "ambiguous")):
        with pytest.raises(LedgerError, match=reason):
            ledger.post(Entry("grant", {("plan", "area"): bad}, year=2024))
    assert len(ledger.entries()) == 2
