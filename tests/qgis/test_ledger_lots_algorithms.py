"""Lots and deadlines through processing.run, on the bureau's transactions, on GeoPackage and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from land_supervision.core.ledger import open_ledger
from tests.core.test_ledger_pg_server import make_uri
from tests.qgis.test_ledger_algorithms import BUREAU, run_error


@pytest.fixture(params=["gpkg", "postgres"])
def bureau_ledger(request, tmp_path, provider):
    import processing

    uri = make_uri(request.param, tmp_path)
    assert processing.run("landsupervision:ledgerimport", {"LEDGER": uri, "INPUT": str(BUREAU)})["ENTRIES"] == 18
    return uri


def features(path: str) -> list[dict]:
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(path, "t", "ogr")
    assert layer.isValid(), path
    rows = [dict(zip(layer.fields().names(), f.attributes())) for f in layer.getFeatures()]
    del layer  # no QGIS layer may outlive the test
    return rows


def test_deadlines_of_the_bureau_advances(bureau_ledger, tmp_path):
    """The 长城汽车 advances (600亩 in 2019 and in 2020, never repaid in the articles) fall due by the rule:
    31 December of the quota year + 1."""
    import processing

    out = str(tmp_path / "d.gpkg")
    result = processing.run("landsupervision:ledgerdeadlines", {"LEDGER": bureau_ledger, "AS_OF": "2022-12-31",
                                                                "OUTPUT": out})
    assert (result["OVERDUE"], result["DUE"]) == (2, 0)
    rows = {r["lot_id"]: r for r in features(out)}
    # 2020-12-31 -> 2022-12-31 is 365 + 365 days; 2021-12-31 -> 2022-12-31 is 365
    assert {k: (r["due_date"], r["due_from"], r["outstanding"], r["days_left"], r["status"])
            for k, r in rows.items()} == {"长城预支-2019": ("2020-12-31", "rule", 600.0, -730, "overdue"),
                                          "长城预支-2020": ("2021-12-31", "rule", 600.0, -365, "overdue")}
    # 2020-11-15: the first is due in 46 days (15 + 31), within the 90-day window; the second is open, not listed
    out2 = str(tmp_path / "d2.gpkg")
    result = processing.run("landsupervision:ledgerdeadlines", {"LEDGER": bureau_ledger, "AS_OF": "2020/11/15",
                                                                "OUTPUT": out2})
    assert (result["OVERDUE"], result["DUE"]) == (0, 1)
    assert [(r["lot_id"], r["days_left"], r["status"]) for r in features(out2)] == [("长城预支-2019", 46, "due")]
    out3 = str(tmp_path / "d3.gpkg")
    processing.run("landsupervision:ledgerdeadlines", {"LEDGER": bureau_ledger, "AS_OF": "2020-11-15", "ALL": True,
                                                       "WITHIN_DAYS": 30, "OUTPUT": out3})
    assert [(r["lot_id"], r["status"]) for r in features(out3)] == [("长城预支-2019", "open"),
                                                                     ("长城预支-2020", "open")]
    assert "AS_OF" in run_error("landsupervision:ledgerdeadlines", {"LEDGER": bureau_ledger, "AS_OF": "2020-02-30",
                                                                    "OUTPUT": "memory:"})


def test_lots_table_post_with_chosen_lots_and_verify(bureau_ledger, tmp_path):
    import processing

    out, lots = str(tmp_path / "b.gpkg"), str(tmp_path / "lots.gpkg")
    processing.run("landsupervision:ledgerbalances", {"LEDGER": bureau_ledger, "OUTPUT": out, "LOTS": lots})
    left = {(r["lot_id"], r["kind"]): r for r in features(lots)}
    # linkage surplus used 133 + 47 + 263 = 443, oldest first: 405 of 跨省调剂-2018, 38 of 跨市调剂-2019
    assert left[("跨省调剂-2018", "linkage_surplus")]["area_left"] == 0.0
    assert left[("跨市调剂-2019", "linkage_surplus")]["area_left"] == 920.0
    assert left[("跨市调剂-2019", "linkage_surplus")]["attached"] == "规划空间指标 700.00"
    # S302/S202 named its lots: the 1169亩 reserved spatial quota is used, the purchases' spatial quota is not
    assert left[("S302S202-预留空间", "spatial")]["area_left"] == 0.0
    assert left[("跨省调剂-2018", "spatial")]["area_left"] == 296.0
    assert left[("省统筹补充耕地-2020", "compensation")]["area_left"] == 171.0  # 878 - 707
    assert sum(r["area_left"] for r in left.values() if r["kind"] == "linkage_surplus") == 3050.0
    # a compensation lot with its grade, then an allocation naming it and drawing beyond it: refused
    processing.run("landsupervision:ledgerpost", {
        "LEDGER": bureau_ledger, "TXN_TYPE": 0, "YEAR": 2023, "DATE": "2023-03-01", "CULTIVATED": "20",
        "PADDY": "8", "GRAIN": "9000", "LOT_ID": "补充耕地-2023-1", "GRADE": "4", "EVIDENCE": "省统筹"})
    error = run_error("landsupervision:ledgerpost", {
        "LEDGER": bureau_ledger, "TXN_TYPE": 6, "YEAR": 2023, "DATE": "2023-04-01", "CULTIVATED": "21",
        "PADDY": "0", "GRAIN": "0", "PROJECT_ID": "T1", "BATCH_NO": "2023-1", "DRAW_FROM": "补充耕地-2023-1"})
    # the lot has 20亩 耕地 (the balance, 3454亩, would do)
    assert "cultivated area: the lots chosen (补充耕地-2023-1) have too little left, 1.0000 short" in error
    result = processing.run("landsupervision:ledgerpost", {
        "LEDGER": bureau_ledger, "TXN_TYPE": 6, "YEAR": 2023, "DATE": "2023-04-01", "CULTIVATED": "10",
        "PADDY": "8", "GRAIN": "4500", "PROJECT_ID": "T1", "BATCH_NO": "2023-1",
        "DRAW_FROM": "补充耕地-2023-1; 部补充耕地库-2020"})
    with open_ledger(bureau_ledger, readonly=True) as led:
        assert led.lots().entry_draws(result["ENTRY_NO"]) == [
            ("补充耕地-2023-1", "compensation", "cultivated_area", 10),
            ("补充耕地-2023-1", "compensation", "paddy_area", 8),
            ("补充耕地-2023-1", "compensation", "grain_capacity", 4500)]
        assert led.verify().ok
    assert processing.run("landsupervision:ledgerverify", {"LEDGER": bureau_ledger})["OK"]


def test_statement_has_lots_and_deadlines(bureau_ledger, tmp_path):
    import openpyxl
    import processing

    xlsx = str(tmp_path / "s.xlsx")
    processing.run("landsupervision:ledgerstatement", {"LEDGER": bureau_ledger, "DATE_FROM": "2018-01-01",
                                                       "DATE_TO": "2022-12-31", "OUTPUT_XLSX": xlsx})
    book = openpyxl.load_workbook(xlsx)
    assert "2 overdue, 0 due" in " ".join(str(c.value) for row in book["汇总 Summary"].iter_rows() for c in row
                                          if c.value)
    lots = {(r[0], r[4]): r for r in book["批次 Lots"].iter_rows(min_row=3, values_only=True)}
    assert lots[("跨市调剂-2019", "城乡建设用地增减挂钩节余指标")][8] == 920
    deadlines = [r[0] for r in book["期限 Deadlines"].iter_rows(min_row=3, values_only=True)]
    assert deadlines == ["长城预支-2019", "长城预支-2020"]
    book.close()


def test_ledger_made_before_lots_through_the_algorithms(tmp_path, provider):
    """A GeoPackage ledger written by the code before lots: verified and listed read-only, unchanged."""
    import shutil

    import processing

    path = tmp_path / "old.gpkg"
    shutil.copy(Path(__file__).resolve().parents[1] / "core" / "data" / "ledger_before_lots.gpkg", path)
    before = path.read_bytes()
    assert processing.run("landsupervision:ledgerverify", {"LEDGER": str(path)})["OK"]
    lots = str(tmp_path / "lots.gpkg")
    processing.run("landsupervision:ledgerbalances", {"LEDGER": str(path), "OUTPUT": str(tmp_path / "b.gpkg"),
                                                      "LOTS": lots})
    left = {(r["lot_id"], r["kind"]): r["area_left"] for r in features(lots)}
    assert left[("L2", "plan")] == 30.0 and left[("L8", "plan")] == 400.0  # 120 = L1 100 + L2 20; repaid 200 of L8
    out = str(tmp_path / "d.gpkg")
    result = processing.run("landsupervision:ledgerdeadlines", {"LEDGER": str(path), "AS_OF": "2021-01-05",
                                                                "OUTPUT": out})
    assert result["OVERDUE"] == 1 and features(out)[0]["outstanding"] == 400.0
    assert path.read_bytes() == before  # read-only: no column added, nothing written


def test_repayment_names_the_advance_through_ledgerpost(bureau_ledger, tmp_path):
    """The 长城汽车 advances owe 600亩 each; a repayment naming the 2020 one settles it, the older 2019 one stays
    overdue (without a name the 2019 one would have been settled)."""
    import processing

    processing.run("landsupervision:ledgerpost", {"LEDGER": bureau_ledger, "TXN_TYPE": 0, "YEAR": 2022,
                                                  "DATE": "2022-03-01", "PLAN": "700", "EVIDENCE": "下达"})
    assert "advance 长城预支-2019 owes 600.0000, 650.0000 repaid" in run_error("landsupervision:ledgerpost", {
        "LEDGER": bureau_ledger, "TXN_TYPE": 3, "YEAR": 2022, "DATE": "2022-03-02", "PLAN": "650",
        "REPAYS": "长城预支-2019"})  # 1200 owed in all, 700 in the balance: only the lot's rule refuses it
    processing.run("landsupervision:ledgerpost", {"LEDGER": bureau_ledger, "TXN_TYPE": 3, "YEAR": 2022,
                                                  "DATE": "2022-03-02", "PLAN": "600", "REPAYS": "长城预支-2020"})
    out = str(tmp_path / "d.gpkg")
    result = processing.run("landsupervision:ledgerdeadlines", {"LEDGER": bureau_ledger, "AS_OF": "2022-12-31",
                                                                "ALL": True, "OUTPUT": out})
    assert result["OVERDUE"] == 1
    assert {r["lot_id"]: (r["outstanding"], r["status"]) for r in features(out)} == {
        "长城预支-2019": (600.0, "overdue"), "长城预支-2020": (0.0, "settled")}
