"""ledgerverify read-only and failing the run when tampered (processing and qgis_process), receipts on every
statement, no ledger created or written by the algorithms that only read."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import unicodedata
from decimal import Decimal as D  # noqa: N817

import pytest

from land_supervision.core.ledger import Entry, open_ledger
from tests.conftest import run_qgis_process
from tests.core.test_ledger_chain import tamper
from tests.core.test_ledger_pg_server import make_uri
from tests.core.test_ledger_trust import rewrite_chain
from tests.qgis.test_ledger_algorithms import run_error


def small_ledger(uri: str) -> str:
    with open_ledger(uri) as ledger:
        ledger.post(Entry("grant", {("plan", "area"): D("100")}, year=2020, value_date="2020-01-02"))
        ledger.post(Entry("grant", {("linkage_surplus", "area"): D("40")}, year=2020, value_date="2020-02-03"))
        ledger.post(Entry("allocation", {("plan", "area"): D("30")}, year=2020, value_date="2020-03-04",
                          project_id="P1", batch_no="B1"))
        return str(ledger.receipt())


@pytest.mark.parametrize("store", ["gpkg", "postgres"])
def test_verify_fails_the_run_when_tampered(tmp_path, provider, store):
    import processing

    uri = make_uri(store, tmp_path)
    receipt = small_ledger(uri)
    result = processing.run("landsupervision:ledgerverify", {"LEDGER": uri, "RECEIPT": receipt})
    assert result["OK"] and result["LINES"] == 3 and result["RECEIPT"] == receipt
    with open_ledger(uri) as ledger:
        rewrite_chain(ledger, store, 2, 4000 * 10_000)
    assert processing.run("landsupervision:ledgerverify", {"LEDGER": uri})["OK"]  # consistent in itself
    error = run_error("landsupervision:ledgerverify", {"LEDGER": uri, "RECEIPT": receipt})
    assert "FAILED verification" in error and "chain was rewritten" in error and "整条链被改写" in error
    with open_ledger(uri) as ledger:
        tamper(ledger, store, "UPDATE ledger_journal SET amount = 7 WHERE seq = 1")
    error = run_error("landsupervision:ledgerverify", {"LEDGER": uri})
    assert "FAILED verification" in error and "line 1 (entry 1) was altered" in error
    assert "entries-lines-hash" in run_error("landsupervision:ledgerverify", {"LEDGER": uri, "RECEIPT": "abc"})


def test_qgis_process_exit_code_follows_verify(tmp_path):
    path = tmp_path / "l.gpkg"
    receipt = small_ledger(str(path))
    proc = run_qgis_process("run", "landsupervision:ledgerverify", "--json", "--", f"LEDGER={path}",
                            f"RECEIPT={receipt}")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert json.loads(proc.stdout[proc.stdout.index("{"):])["results"]["RECEIPT"] == receipt
    with open_ledger(str(path)) as ledger:
        tamper(ledger, "gpkg", "DELETE FROM ledger_journal; DELETE FROM ledger_totals")
    proc = run_qgis_process("run", "landsupervision:ledgerverify", "--", f"LEDGER={path}", f"RECEIPT={receipt}")
    assert proc.returncode != 0
    assert "fewer than the 3 of receipt" in proc.stdout + proc.stderr


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_verify_refuses_a_data_geopackage_and_leaves_it_alone(tmp_path, provider, demo_gpkg):
    import shutil

    data = tmp_path / "data.gpkg"
    shutil.copy(demo_gpkg, data)
    before = digest(data)
    for algorithm in ("ledgerverify", "ledgerbalances", "ledgerstatement"):
        parameters = {"LEDGER": str(data), "OUTPUT": str(tmp_path / "b.gpkg"), "DATE_FROM": "2020-01-01",
                      "DATE_TO": "2020-12-31"}
        error = run_error(f"landsupervision:{algorithm}", parameters)
        assert "is not a ledger" in error and "不是台账" in error, algorithm
    assert digest(data) == before
    tables = {r[0] for r in sqlite3.connect(data).execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not any(t.startswith("ledger_") for t in tables)


def test_reading_algorithms_do_not_create_a_missing_ledger(tmp_path, provider):
    typo = tmp_path / "legder.gpkg"
    for algorithm in ("ledgerverify", "ledgerbalances", "ledgerstatement", "ledgercheckallocation"):
        error = run_error(f"landsupervision:{algorithm}", {
            "LEDGER": str(typo), "OUTPUT": str(tmp_path / "o.gpkg"), "DATE_FROM": "2020-01-01",
            "DATE_TO": "2020-12-31", "BASELINE": str(tmp_path / "none.gpkg")})
        assert error and not typo.exists(), algorithm
    assert "ledger file does not exist" in run_error("landsupervision:ledgerverify", {"LEDGER": str(typo)})


@pytest.mark.parametrize("store", ["gpkg", "postgres"])
def test_every_statement_prints_the_receipt(tmp_path, provider, store):
    import openpyxl
    import processing

    uri = make_uri(store, tmp_path)
    receipt = small_ledger(uri)
    pdf, xlsx = tmp_path / "s.pdf", tmp_path / "s.xlsx"
    result = processing.run("landsupervision:ledgerstatement", {
        "LEDGER": uri, "DATE_FROM": "2020-01-01", "DATE_TO": "2020-12-31", "OUTPUT_PDF": str(pdf),
        "OUTPUT_XLSX": str(xlsx)})
    assert result["RECEIPT"] == receipt
    assert f"ledger receipt: {receipt}" in openpyxl.load_workbook(xlsx).worksheets[0]["A2"].value
    text = unicodedata.normalize("NFKC", subprocess.run(["pdftotext", "-layout", str(pdf), "-"],
                                                        capture_output=True, text=True).stdout)
    assert receipt in text


@pytest.mark.parametrize("store", ["gpkg", "postgres"])
def test_post_reads_values_one_way(tmp_path, provider, store):
    import processing

    uri = make_uri(store, tmp_path)
    result = processing.run("landsupervision:ledgerpost", {
        "LEDGER": uri, "TXN_TYPE": 0, "YEAR": 2024, "PLAN": "12,5", "DATE": "20240301", "NOTE": "第一行\n第二行"})
    assert result["ENTRY_NO"] == 1 and "plan.area=12.5000" in result["BALANCE"]
    with open_ledger(uri) as ledger:
        line = ledger.entries()[0]
        assert (line["value_date"], line["amount"], line["note"]) == ("2024-03-01", 125000, "第一行\n第二行")
    for name, value, reason in (("PLAN", "1_000", "not a number: '1_000'"), ("PLAN", "1e308", "scientific"),
                                ("PLAN", "12345678901234567890", "more than 12 digits"),
                                ("PLAN", "inf", "not a number"), ("DATE", "2024-02-30", "no such date"),
                                ("DATE", "1/3/2024", "not a date")):
        parameters = {"LEDGER": uri, "TXN_TYPE": 0, "YEAR": 2024, "PLAN": "1", name: value}
        error = run_error("landsupervision:ledgerpost", parameters)
        assert f"Parameter {name}: " in error and reason in error, (name, value, error)
    with open_ledger(uri) as ledger:
        assert len(ledger.entries()) == 1


def test_import_tracebacks_are_messages(tmp_path, provider):
    """The import rows of issue 14 that ended in a traceback: now a message with row and column."""
    header = "txn_type,value_date,year,plan,reverses\n"
    cases = {"reverses_abc": ("grant,2024-01-01,2024,5,\nreversal,2024-01-02,2024,,abc\n", "row 3, column reverses"),
             "reverses_1e400": ("reversal,2024-01-02,2024,,1e400\n", "row 2, column reverses"),
             "year_inf": ("grant,2024-01-01,inf,5,\n", "row 2, column year")}
    for name, (body, where) in cases.items():
        path = tmp_path / f"{name}.csv"
        path.write_text(header + body, encoding="utf-8")
        error = run_error("landsupervision:ledgerimport", {"LEDGER": str(tmp_path / "l.gpkg"), "INPUT": str(path)})
        assert "Nothing imported" in error and where in error, (name, error)
    bad = tmp_path / "entries.xlsx"
    bad.write_text(header, encoding="utf-8")
    error = run_error("landsupervision:ledgerimport", {"LEDGER": str(tmp_path / "l.gpkg"), "INPUT": str(bad)})
    assert "not a readable XLSX workbook" in error
