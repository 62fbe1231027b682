"""The ledger algorithms through processing.run and qgis_process, on the bureau's transactions."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import unicodedata
from decimal import Decimal as D  # noqa: N817
from pathlib import Path

import pytest

from land_supervision.core.ledger import open_ledger
from land_supervision.qgis_compat import FieldType
from tests.conftest import run_qgis_process
from tests.core.test_ledger_pg_server import make_uri

ROOT = Path(__file__).resolve().parents[2]
BUREAU = ROOT / "land_supervision" / "resources" / "ledger" / "bureau_transactions.csv"
IDS = ["ledgerpost", "ledgerimport", "ledgerbalances", "ledgerstatement", "ledgerverify", "ledgercheckallocation",
       "ledgerdeadlines"]


def run_error(algorithm: str, parameters: dict) -> str:
    """The message of the QgsProcessingException ``algorithm`` raises ('' if none).

    Not pytest.raises: a kept traceback holds Processing's context alive past the next run, and QGIS crashed.
    """
    import processing
    from qgis.core import QgsProcessingException

    try:
        processing.run(algorithm, parameters)
    except QgsProcessingException as exc:
        return str(exc)
    return ""


def test_algorithms_registered(provider):
    ids = {alg.name() for alg in provider.algorithms()}
    assert set(IDS) <= ids


@pytest.fixture(params=["gpkg", "postgres"])
def bureau_ledger(request, tmp_path, provider):
    import processing

    uri = make_uri(request.param, tmp_path)
    result = processing.run("landsupervision:ledgerimport", {"LEDGER": uri, "INPUT": str(BUREAU)})
    assert result["ENTRIES"] == 18
    return uri


def test_statement_defaults_to_the_ledger_span_up_to_today(bureau_ledger, provider):
    """No dates: from the ledger's first value date (2018-06-30) to today, so today's posting is in it."""
    import processing

    year = provider.algorithm("ledgerpost").parameterDefinition("YEAR").defaultValue()
    assert year == dt.date.today().year
    statement = provider.algorithm("ledgerstatement")
    assert not statement.parameterDefinition("DATE_FROM").defaultValue()
    assert not statement.parameterDefinition("DATE_TO").defaultValue()
    processing.run("landsupervision:ledgerpost", {  # entry 19, dated today (DATE empty)
        "LEDGER": bureau_ledger, "TXN_TYPE": 6, "YEAR": year, "LINKAGE": "120.5", "PROJECT_ID": "T-today",
        "BATCH_NO": f"{year}-1"})
    figures = dict(part.split(": ", 1) for part in processing.run("landsupervision:ledgerstatement", {
        "LEDGER": bureau_ledger})["SUMMARY"].split("; "))
    # the whole ledger: nothing before 2018-06-30; in 405 + 958 + 958 + 832 + 340 = 3493 (purchases and credits),
    # out 133 + 47 + 263 (2020) + 120.5 today = 563.5; closing 3050 - 120.5 = 2929.5, as the balances show
    assert figures["linkage_surplus.area"] == "opening 0.00 in 3493.00 out 563.50 closing 2929.50 owed 0.00"
    from land_supervision.algorithms.ledger.statement import ledger_span

    with open_ledger(bureau_ledger) as led:
        assert ledger_span(led) == ("2018-06-30", dt.date.today().isoformat())
        assert led.balance("linkage_surplus") == D("2929.5")
        # a clock behind the entries never cuts one off
        assert ledger_span(led, today=dt.date(2017, 1, 1)) == ("2017-01-01", dt.date.today().isoformat())


def test_statement_2020_checked_by_hand(bureau_ledger, tmp_path):
    import processing

    pdf, xlsx = tmp_path / "s.pdf", tmp_path / "s.xlsx"
    result = processing.run("landsupervision:ledgerstatement", {
        "LEDGER": bureau_ledger, "DATE_FROM": "2020-01-01", "DATE_TO": "2020-12-31",
        "OUTPUT_PDF": str(pdf), "OUTPUT_XLSX": str(xlsx)})
    figures = dict(part.split(": ", 1) for part in result["SUMMARY"].split("; "))
    # by hand from bureau_transactions.csv:
    # linkage surplus: opening 405 (2018) + 958 (2019) = 1363; in 958 (purchase 2020-04-30) + 832 (reclamation
    # 2020-12-20) = 1790; out 133 (中意直升机) + 47 (润泽) + 263 (独山能源) = 443; closing 2710
    assert figures["linkage_surplus.area"] == "opening 1363.00 in 1790.00 out 443.00 closing 2710.00 owed 0.00"
    # spatial: opening 296 + 700 attached to the purchases = 996; in 701 (purchase) + 1169 (S302/S202) = 1870;
    # S302/S202 approved in January 2021: nothing out in 2020
    assert figures["spatial.area"] == "opening 996.00 in 1870.00 out 0.00 closing 2866.00 owed 0.00"
    # plan: 600 advanced in 2019 and used; in 2020 600 advanced (used by 长城汽车) + 1061 granted (S302/S202, used
    # in 2021): closing 1061, 1200 advanced and owed
    assert figures["plan.area"] == "opening 0.00 in 1661.00 out 600.00 closing 1061.00 owed 1200.00"
    # compensation: 878 (province/Jiaxing) + 2923 (部补充耕地库核查) in 2020; 707 used by S302/S202 in 2021
    assert figures["compensation.cultivated_area"] == "opening 0.00 in 3801.00 out 0.00 closing 3801.00 owed 0.00"
    import openpyxl

    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    rows = {r[0] + r[1]: r[3:] for r in sheet.iter_rows(min_row=4, values_only=True) if r[1]}
    assert [D(str(v)) for v in rows["城乡建设用地增减挂钩节余指标面积"]] == [D(1363), D(1790), D(443), D(2710), D(0)]
    # below the table: the 长城 advance of 2019 fell due on 2020-12-31 (rule: quota year + 1), the 2020 one is open
    assert sheet.cell(sheet.max_row, 1).value.endswith("as of 2020-12-31: 0 overdue, 1 due")
    assert "illustrative" in sheet["D2"].value  # the demo's invented values are said to be illustrative
    notes = [r[-1] for r in openpyxl.load_workbook(xlsx).worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert notes and all(n.startswith("ILLUSTRATIVE") for n in notes)
    text = unicodedata.normalize("NFKC", subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                                        text=True).stdout)
    assert "Quota ledger statement" in text and "2,710.00" in text and "独山能源" in text
    assert "illustrative values" in text
    # the last page: project allocations up to 2020-12-31 (长城汽车's entries are 2019/2020; pdftotext gives 长/车
    # as CJK radicals that NFKC keeps, hence 平湖基地); 中意直升机's 133亩 came in 2020; S302/S202 only in 2021
    assert "Project allocations" in text and "平湖基地" in text and "133.00" in text
    assert "2021-交通-1" not in text


def test_balances_verify_and_post(bureau_ledger, tmp_path):
    import processing
    from qgis.core import QgsVectorLayer

    out = str(tmp_path / "b.gpkg")
    processing.run("landsupervision:ledgerbalances", {"LEDGER": bureau_ledger, "OUTPUT": out})
    layer = QgsVectorLayer(out, "b", "ogr")
    rows = {(f["kind"], f["component"], f["year"], f["source"]): f["balance"] for f in layer.getFeatures()}
    del layer  # no QGIS layer may outlive the test (its destructor after QGIS exits crashes)
    assert rows[("linkage_surplus", "area", 2018, "purchase")] == 405.0
    assert rows[("plan", "area", 2019, "advance")] == 0.0  # 600 advanced, 600 used
    assert sum(v for k, v in rows.items() if k[0] == "linkage_surplus") == pytest.approx(3050.0)
    result = processing.run("landsupervision:ledgerverify", {"LEDGER": bureau_ledger})
    assert result["OK"] and result["LINES"] == 31
    posted = processing.run("landsupervision:ledgerpost", {
        "LEDGER": bureau_ledger, "TXN_TYPE": 6, "YEAR": 2023, "LINKAGE": "50.25", "PROJECT_ID": "NEW-1",
        "BATCH_NO": "2023-1", "DATE": "2023-03-01"})
    assert posted["ENTRY_NO"] == 19 and "linkage_surplus.area=2999.7500" in posted["BALANCE"]

    error = run_error("landsupervision:ledgerpost", {"LEDGER": bureau_ledger, "TXN_TYPE": 6, "YEAR": 2023,
                                                     "PLAN": "1", "PROJECT_ID": "X", "BATCH_NO": "B"})
    assert "balance too low" in error and "余额不足" in error


def test_import_refuses_a_bad_file_whole(tmp_path, provider):

    bad = tmp_path / "bad.csv"
    bad.write_text(BUREAU.read_text(encoding="utf-8").replace("allocation,2020-08-20,2020,purchase,,,47",
                                                              "allocation,2020-08-20,2020,purchase,,,4700"),
                   encoding="utf-8")
    ledger = str(tmp_path / "l.gpkg")
    assert "row 14" in run_error("landsupervision:ledgerimport", {"LEDGER": ledger, "INPUT": str(bad)})
    with open_ledger(ledger) as led:
        assert led.entries() == []


def test_check_allocation_on_demo_baseline(tmp_path, demo_gpkg, provider):
    """The ledger's own project polygons over demo_baseline_dltb, against QGIS's own intersection + areas."""
    import processing
    from qgis.core import QgsDistanceArea, QgsProject, QgsVectorLayer

    ledger = str(tmp_path / "l.gpkg")
    processing.run("landsupervision:ledgerimport", {"LEDGER": ledger, "INPUT": str(BUREAU)})
    baseline = f"{demo_gpkg}|layername=demo_baseline_dltb"
    out = str(tmp_path / "check.gpkg")
    result = processing.run("landsupervision:ledgercheckallocation", {"LEDGER": ledger, "BASELINE": baseline,
                                                                     "OUTPUT": out})
    rows = {(f["project_id"], f["requirement"]): f for f in QgsVectorLayer(out, "c", "ogr").getFeatures()}
    assert len(rows) == 5 * 4
    # oracle: native:intersection of the 独山能源 polygon with the baseline, QgsDistanceArea on CGCS2000
    projects = QgsVectorLayer(f"{ledger}|layername=ledger_projects", "p", "ogr")
    projects.setSubsetString("project_id = 'DSNY'")
    parts = processing.run("native:intersection", {"INPUT": projects, "OVERLAY": baseline,
                                                   "OUTPUT": "memory:"})["OUTPUT"]
    calc = QgsDistanceArea()
    calc.setSourceCrs(parts.crs(), QgsProject.instance().transformContext())
    calc.setEllipsoid("EPSG:1024")
    cultivated = paddy = 0.0
    for f in parts.getFeatures():
        mu = calc.measureArea(f.geometry()) / (10000 / 15)
        if f["DLBM"] in ("0101", "0102", "0103"):
            net = mu * (1 - (f["KCXS"] or 0))
            cultivated += net
            paddy += net if f["DLBM"] == "0101" else 0
    del parts, projects  # no QGIS layer may outlive the test
    assert cultivated > 10  # the polygon does take 耕地
    assert rows[("DSNY", "cultivated_area")]["need"] == pytest.approx(round(cultivated, 2), abs=0.011)
    assert rows[("DSNY", "paddy_area")]["need"] == pytest.approx(round(paddy, 2), abs=0.011)
    # 独山能源 got linkage surplus but no compensation quota: the 耕地 balance (3434亩) covers its 耕地; the seeds
    # state no 水田规模, so its 水田 is short
    assert rows[("DSNY", "cultivated_area")]["status"] == "coverable"
    assert rows[("DSNY", "cultivated_area")]["from_balance"] == pytest.approx(round(cultivated, 2), abs=0.011)
    assert paddy > 1 and rows[("DSNY", "paddy_area")]["status"] == "short"
    assert rows[("DSNY", "paddy_area")]["short"] == pytest.approx(round(paddy, 2), abs=0.011)
    assert result["SHORT_PROJECTS"] >= 1
    # the lots the from-balance part would draw add up to it (oldest first: 省统筹补充耕地-2020 has 171亩 left
    # after S302/S202, then 部补充耕地库-2020)
    for row in rows.values():
        drawn = [part.rsplit(" ", 1) for part in row["lots"].split("; ")] if row["lots"] else []
        assert sum(float(a) for _, a in drawn) == pytest.approx(row["from_balance"], abs=0.011 * max(len(drawn), 1))
    firsts = [row["lots"].split(" ")[0] for key, row in rows.items() if key[1] == "cultivated_area" and row["lots"]]
    assert firsts and firsts[0] == "省统筹补充耕地-2020"


def test_qgis_process_import_and_verify(tmp_path):
    ledger = str(tmp_path / "q.gpkg")
    proc = run_qgis_process("run", "landsupervision:ledgerimport", "--json", "--", f"LEDGER={ledger}",
                            f"INPUT={BUREAU}")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert json.loads(proc.stdout[proc.stdout.index("{"):])["results"]["ENTRIES"] == 18
    proc = run_qgis_process("run", "landsupervision:ledgerverify", "--json", "--", f"LEDGER={ledger}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert results["OK"] is True and results["LINES"] == 31


def test_ledger_by_saved_postgres_connection(tmp_path, provider):
    """LEDGER may name a PostgreSQL connection saved in QGIS."""
    import processing
    import psycopg2
    from qgis.core import QgsDataSourceUri, QgsProviderRegistry

    from tests.core.test_ledger_pg_server import pg_server

    server = pg_server()
    admin = psycopg2.connect(host=server["host"], port=server["port"], user="postgres", dbname="postgres")
    admin.autocommit = True
    admin.cursor().execute("CREATE DATABASE ledger_conn_test")
    admin.close()
    uri = QgsDataSourceUri()
    uri.setConnection(server["host"], str(server["port"]), "ledger_conn_test", "postgres", "")
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    connection = metadata.createConnection(uri.uri(False), {"saveUsername": True})
    metadata.saveConnection(connection, "ledger test connection")
    try:
        result = processing.run("landsupervision:ledgerimport", {"LEDGER": "ledger test connection",
                                                                 "INPUT": str(BUREAU)})
        assert result["ENTRIES"] == 18
        assert processing.run("landsupervision:ledgerverify", {"LEDGER": "ledger test connection"})["OK"]
    finally:
        metadata.deleteConnection("ledger test connection")

    error = run_error("landsupervision:ledgerverify", {"LEDGER": "no such connection"})
    assert "neither a .gpkg file nor a saved PostgreSQL connection" in error


def test_check_allocation_bad_inputs(tmp_path, provider):
    import processing
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer

    ledger = str(tmp_path / "l.gpkg")
    processing.run("landsupervision:ledgerimport", {"LEDGER": ledger, "INPUT": str(BUREAU)})
    baseline = QgsVectorLayer("Polygon?crs=EPSG:4549", "dltb_without_kcxs", "memory")
    baseline.dataProvider().addAttributes([QgsField("DLBM", FieldType.String)])
    baseline.updateFields()
    feature = QgsFeature(baseline.fields())
    feature.setAttributes(["0101"])
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((597000 3391500, 597100 3391500, 597100 3391600, "
                                            "597000 3391600, 597000 3391500))"))
    baseline.dataProvider().addFeatures([feature])
    error = run_error("landsupervision:ledgercheckallocation", {"LEDGER": ledger, "BASELINE": baseline,
                                                                "OUTPUT": "memory:"})
    assert re.search("dltb_without_kcxs.*KCXS", error)
    projects = QgsVectorLayer("Polygon?crs=EPSG:4549", "bowtie_projects", "memory")
    projects.dataProvider().addAttributes([QgsField("XMBH", FieldType.String)])
    projects.updateFields()
    bad = QgsFeature(projects.fields())
    bad.setAttributes(["P1"])
    bad.setGeometry(QgsGeometry.fromWkt("POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))"))
    projects.dataProvider().addFeatures([bad])
    baseline.dataProvider().addAttributes([QgsField("KCXS", FieldType.Double)])
    baseline.updateFields()
    error = run_error("landsupervision:ledgercheckallocation", {"LEDGER": ledger, "BASELINE": baseline,
                                                                "PROJECTS": projects, "OUTPUT": "memory:"})
    assert "bowtie_projects" in error and "invalid geometry" in error and "1" in error
    del baseline, projects


def test_qgis_process_post_statement_check(tmp_path, demo_gpkg):
    from land_supervision.core.ledger.importer import import_file

    ledger = str(tmp_path / "q.gpkg")
    with open_ledger(ledger) as led:
        import_file(led, str(BUREAU))
    proc = run_qgis_process("run", "landsupervision:ledgerpost", "--json", "--", f"LEDGER={ledger}", "TXN_TYPE=0",
                            "YEAR=2023", "PLAN=100.5", "EVIDENCE=浙自然资 2023", "DATE=2023-02-01")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert json.loads(proc.stdout[proc.stdout.index("{"):])["results"]["ENTRY_NO"] == 19
    xlsx = tmp_path / "s.xlsx"
    proc = run_qgis_process("run", "landsupervision:ledgerstatement", "--json", "--", f"LEDGER={ledger}",
                            "DATE_FROM=2023-01-01", "DATE_TO=2023-12-31", f"OUTPUT_XLSX={xlsx}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    summary = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]["SUMMARY"]
    assert "plan.area: opening 0.00 in 100.50 out 0.00 closing 100.50 owed 1200.00" in summary and xlsx.exists()
    out = tmp_path / "check.gpkg"
    proc = run_qgis_process("run", "landsupervision:ledgercheckallocation", "--json", "--", f"LEDGER={ledger}",
                            f"BASELINE={demo_gpkg}|layername=demo_baseline_dltb", f"OUTPUT={out}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout[proc.stdout.index("{"):])["results"]["SHORT_PROJECTS"] == 5
    balances = tmp_path / "balances.csv"
    proc = run_qgis_process("run", "landsupervision:ledgerbalances", "--", f"LEDGER={ledger}", f"OUTPUT={balances}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    import csv

    with open(balances, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    plan_2023 = [r for r in rows if r["kind"] == "plan" and r["year"] == "2023"]
    assert len(plan_2023) == 1 and float(plan_2023[0]["balance"]) == 100.5


def test_post_allocation_with_polygons_in_another_crs(tmp_path, provider):
    """PROJECT_GEOMETRY in EPSG:4490 is reprojected to EPSG:4549 and stored in the ledger's project layer."""
    import processing
    import shapely
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsFeature,
        QgsGeometry,
        QgsProject,
        QgsVectorLayer,
    )

    ledger = str(tmp_path / "l.gpkg")
    with open_ledger(ledger) as led:
        from land_supervision.core.ledger import Entry

        led.post(Entry("grant", {("plan", "area"): D("100")}, year=2024))
    box = QgsGeometry.fromWkt("POLYGON((600000 3400000, 600300 3400000, 600300 3400200, 600000 3400200, "
                              "600000 3400000))")
    to_4490 = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4549"),
                                     QgsCoordinateReferenceSystem("EPSG:4490"), QgsProject.instance())
    box.transform(to_4490)
    layer = QgsVectorLayer("Polygon?crs=EPSG:4490", "project_lonlat", "memory")
    feature = QgsFeature()
    feature.setGeometry(box)
    layer.dataProvider().addFeatures([feature])
    result = processing.run("landsupervision:ledgerpost", {
        "LEDGER": ledger, "TXN_TYPE": 6, "YEAR": 2024, "PLAN": "90", "PROJECT_ID": "LL-1", "BATCH_NO": "2024-5",
        "PROJECT_NAME": "经纬度项目", "PROJECT_GEOMETRY": layer})
    del layer
    assert result["ENTRY_NO"] == 2
    with open_ledger(ledger) as led:
        (project,) = led.projects()
        geometry = shapely.from_wkb(project["wkb"])
        assert project["project_name"] == "经纬度项目" and geometry.geom_type == "MultiPolygon"
        assert geometry.area == pytest.approx(60000.0, rel=1e-6)  # back in EPSG:4549 metres
        assert led.verify().ok
