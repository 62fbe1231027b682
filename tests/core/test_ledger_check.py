"""占补平衡 check on a hand-built baseline (answers worked out by hand), and the import of rows."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817

import numpy as np
import pytest
import shapely

from land_supervision.core.ledger import Entry, open_ledger
from land_supervision.core.ledger.allocation_check import (
    allocated_by_project,
    check_allocations,
    project_needs,
    read_grain_rates,
)
from land_supervision.core.ledger.importer import LedgerImportError, import_file
from land_supervision.core.units import M2_PER_MU

# Squares of 200 m on the central meridian of EPSG:4549 (scale factor 1 there: planar = ellipsoidal to ~1e-6)
X0, Y0 = 500000.0, 3400000.0
RATES = {"0101": D("500"), "0102": D("400"), "0103": D("300")}


def square(i, j, size=200.0):
    return shapely.box(X0 + i * size, Y0 + j * size, X0 + (i + 1) * size, Y0 + (j + 1) * size)


def baseline():
    geoms = np.array([square(0, 0), square(1, 0), square(2, 0), square(3, 0)], dtype=object)
    codes = ["0101", "0103", "0601", "0301"]  # 水田 KCXS 0.1, 旱地 KCXS 0.05, 工业 (construction), 乔木林地
    kcxs = [0.1, 0.05, 0.0, 0.0]
    return geoms, codes, kcxs


def test_needs_by_hand():
    geoms, codes, kcxs = baseline()
    # project A: the right half of the 水田 square and the left half of the 旱地 square: 2 x 100 x 200 m2
    # project B: the whole industrial square and half of the forest
    projects = np.array([shapely.box(X0 + 100, Y0, X0 + 300, Y0 + 200),
                         shapely.box(X0 + 400, Y0, X0 + 700, Y0 + 200)], dtype=object)
    needs = project_needs(projects, geoms, codes, kcxs, "EPSG:4549", RATES)
    half = 20000.0 / M2_PER_MU  # 30 亩
    assert needs.agricultural == pytest.approx([2 * half, half], rel=1e-5)
    assert needs.cultivated == pytest.approx([half * 0.9 + half * 0.95, 0.0], rel=1e-5)  # 27 + 28.5 = 55.5
    assert needs.paddy == pytest.approx([27.0, 0.0], rel=1e-5)
    assert needs.grain == pytest.approx([27.0 * 500 + 28.5 * 300, 0.0], rel=1e-5)  # 13500 + 8550 kg


def test_check_covered_coverable_short(tmp_path):
    geoms, codes, kcxs = baseline()
    projects = np.array([shapely.box(X0 + 100, Y0, X0 + 300, Y0 + 200)], dtype=object)
    needs = project_needs(projects, geoms, codes, kcxs, "EPSG:4549", RATES)
    with open_ledger(str(tmp_path / "l.gpkg")) as led:
        led.post(Entry("grant", {("plan", "area"): D("100")}, year=2024))
        led.post(Entry("grant", {("compensation", "cultivated_area"): D("60"), ("compensation", "paddy_area"): D("20"),
                                 ("compensation", "grain_capacity"): D("30000")}, year=2024))
        led.post(Entry("allocation", {("plan", "area"): D("60")}, year=2024, project_id="A", batch_no="B1"))
        led.post(Entry("allocation", {("compensation", "cultivated_area"): D("50"),
                                      ("compensation", "paddy_area"): D("20"),
                                      ("compensation", "grain_capacity"): D("20000")}, year=2024, project_id="A",
                       batch_no="B1"))
        allocated = allocated_by_project(led)
        balances = {(b.kind, b.component): b.balance for b in led.balances()}
    rows = {r["requirement"]: r for r in check_allocations(["A"], needs, allocated, balances)}
    assert rows["plan"]["need"] == D("60.00") and rows["plan"]["status"] == "covered"
    # 耕地 55.5 needed, 50 allocated: 5.5 short of the allocation, the balance (10) covers it
    assert (rows["cultivated_area"]["short_of_allocation"], rows["cultivated_area"]["from_balance"],
            rows["cultivated_area"]["status"]) == (D("5.50"), D("5.50"), "coverable")
    # 水田 27 needed, 20 allocated, balance 0: 7 亩 short
    assert (rows["paddy_area"]["short"], rows["paddy_area"]["status"]) == (D("7.00"), "short")
    # grain 22050 needed, 20000 allocated, 10000 left: coverable
    assert rows["grain_capacity"]["need"] == D("22050.00") and rows["grain_capacity"]["status"] == "coverable"


def test_grain_rates_default_table():
    rates = read_grain_rates()
    assert set(rates) == {"0101", "0102", "0103"} and all(v > 0 for v in rates.values())


def test_import_all_or_nothing_with_row_numbers(tmp_path):
    good = ("txn_type,value_date,year,plan,project_id,batch_no\n"
            "grant,2024-01-02,2024,100,,\n"
            "allocation,2024-02-01,2024,60,P1,B1\n")
    bad = good + "allocation,2024-03-01,2024,50,P2,B2\n"  # row 4 overdraws: 40 left
    (tmp_path / "good.csv").write_text(good, encoding="utf-8")
    (tmp_path / "bad.csv").write_text(bad, encoding="gbk")
    with open_ledger(str(tmp_path / "l.gpkg")) as led:
        with pytest.raises(LedgerImportError) as info:
            import_file(led, str(tmp_path / "bad.csv"))
        assert info.value.row == 4 and "row 4" in str(info.value) and "第 4 行" in str(info.value)
        assert led.entries() == []  # nothing of the file was posted
        posted = import_file(led, str(tmp_path / "good.csv"))
        assert [p.entry_no for p in posted] == [1, 2] and led.balance("plan") == D("40")


def test_import_cancel_commits_nothing_and_reports_progress(tmp_path):
    from land_supervision.core.ledger.errors import LedgerCanceled

    rows = "".join(f"grant,2024-01-02,2024,1,,B{i}\n" for i in range(1200))
    (tmp_path / "many.csv").write_text("txn_type,value_date,year,plan,project_id,batch_no\n" + rows, encoding="utf-8")
    seen = []

    def cancel_after_the_first_thousand() -> bool:
        return bool(seen) and seen[-1][0] >= 1000

    with open_ledger(str(tmp_path / "l.gpkg")) as led:
        with pytest.raises(LedgerCanceled):
            import_file(led, str(tmp_path / "many.csv"), lambda done, total: seen.append((done, total)),
                        cancel_after_the_first_thousand)
        assert seen == [(0, 1200), (500, 1200), (1000, 1200)]
        assert led.entries() == [] and led.balance("plan") == D("0") and led.verify().ok
        seen.clear()
        posted = import_file(led, str(tmp_path / "many.csv"), lambda done, total: seen.append((done, total)),
                             lambda: False)
        assert len(posted) == 1200 and led.balance("plan") == D("1200")


@pytest.mark.parametrize("text, row, words", [
    ("txn_type,year,plan\ngrant,2024,abc\n", 2, "not a number"),
    ("txn_type,year,plan\ngrant,2024,1\ngift,2024,1\n", 3, "unknown transaction type"),
    ("txn_type,year,plna\ngrant,2024,1\n", 1, "unknown columns: plna"),
    ("txn_type,year,plan,wkt\nallocation,2024,1,POLYGON((0 0\n", 2, "wkt"),
])
def test_import_errors_name_the_row(tmp_path, text, row, words):
    (tmp_path / "x.csv").write_text(text, encoding="utf-8")
    with open_ledger(str(tmp_path / "l.gpkg")) as led:
        with pytest.raises(LedgerImportError, match=words) as info:
            import_file(led, str(tmp_path / "x.csv"))
        assert info.value.row == row


def test_import_xlsx(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["txn_type", "value_date", "year", "cultivated_area", "paddy_area", "grain_capacity"])
    book.active.append(["grant", "2024-05-01", 2024, 10.5, 3, 4000])
    book.save(tmp_path / "x.xlsx")
    with open_ledger(str(tmp_path / "l.gpkg")) as led:
        import_file(led, str(tmp_path / "x.xlsx"))
        assert led.balance("compensation", "cultivated_area") == D("10.5")
        assert led.balance("compensation", "grain_capacity") == D("4000")


def test_import_gbk_chinese_csv(tmp_path):
    text = ("txn_type,value_date,year,linkage_surplus,counterparty,region,price,evidence\n"
            "purchase,2018-06-30,2018,405,国家跨省域调剂,跨省,202500000,跨省域调剂节余指标\n")
    (tmp_path / "gbk.csv").write_bytes(text.encode("gbk"))
    with open_ledger(str(tmp_path / "l.gpkg")) as led:
        import_file(led, str(tmp_path / "gbk.csv"))
        (line,) = led.entries()
        assert (line["counterparty"], line["region"]) == ("国家跨省域调剂", "跨省")
        assert line["evidence"] == "跨省域调剂节余指标"


def test_plan_need_counts_unused_land_too():
    """新增建设用地计划指标 covers 农用地 and 未利用地 turned into construction land (土地利用年度计划管理办法):
    a project on 1105 沿海滩涂, 0404 其他草地 (未利用地 in GB/T 21010-2017) and 0702 needs plan quota for the
    first two."""
    from land_supervision.core.landclass import UNUSED, default_table

    assert default_table().get("0404").group == UNUSED and default_table().get("1105").group == UNUSED
    geoms = np.array([square(0, 0), square(1, 0), square(2, 0)], dtype=object)
    project = np.array([shapely.box(X0 + 100, Y0, X0 + 600, Y0 + 200)], dtype=object)  # half, whole, whole
    needs = project_needs(project, geoms, ["1105", "0404", "0702"], [0.0, 0.0, 0.0], "EPSG:4549", RATES)
    assert needs.agricultural == pytest.approx([(20000 + 40000) / M2_PER_MU], rel=1e-5)  # 30 + 60 = 90 亩
    assert needs.cultivated == pytest.approx([0.0]) and needs.grain == pytest.approx([0.0])


def test_grain_need_by_quality_grade():
    """With the baseline's 耕地质量等别, the grain rate is the grade's row of the one table."""
    from land_supervision.core.grain import GrainTable

    table = GrainTable({"0101": D(500), "0102": D(400), "0103": D(300)}, {("0101", 2): D(650)})
    geoms, codes, kcxs = baseline()
    project = np.array([shapely.box(X0 + 100, Y0, X0 + 300, Y0 + 200)], dtype=object)
    needs = project_needs(project, geoms, codes, kcxs, "EPSG:4549", table, [2, 9, np.nan, np.nan])
    assert needs.grain == pytest.approx([27.0 * 650 + 28.5 * 300], rel=1e-5)  # 17550 + 8550 kg


def test_bureau_transactions_by_hand(tmp_path):
    """The demo's bureau transactions: the seeds' figures, every row's invented values said to be illustrative."""
    from pathlib import Path

    from land_supervision.core.ledger.statement import is_illustrative

    root = Path(__file__).resolve().parents[2]
    bureau = root / "land_supervision" / "resources" / "ledger" / "bureau_transactions.csv"
    with open_ledger(str(tmp_path / "b.gpkg")) as led:
        posted = import_file(led, str(bureau))
        assert len(posted) == 18
        # 405 + 958 + 958 bought (2321) + 832 + 340 reclaimed - 263 - 133 - 47 used = 3050
        assert led.balance("linkage_surplus") == D("3050")
        assert led.balance("spatial") == D("1697")  # 296 + 700 + 701 attached (1697) + 1169 - 1169
        # 878 (province/Jiaxing) + 2923 (部补充耕地库) + 340 (2022 batch) - 707 (S302/S202)
        assert led.balance("compensation", "cultivated_area") == D("3434")
        lines = led.entries()
        assert all(is_illustrative(line) for line in lines)
        dates = {(line["project_id"], line["kind"]): line["value_date"] for line in lines if line["project_id"]}
        assert dates[("S302S202", "plan")].startswith("2021-01")  # approved January 2021
        assert dates[("ZYZSJ", "linkage_surplus")] < "2021" and dates[("RZ", "linkage_surplus")] < "2021"
        advances = sorted(line["year"] for line in lines if line["txn_type"] == "advance")
        assert advances == [2019, 2020]  # 长城汽车: 600亩 in 2019 and 600亩 in 2020
        credits = {line["kind"] for line in lines if line["project_id"] == "FK-2022-B"}
        assert credits == {"linkage_surplus", "compensation"}  # one batch, both kinds
