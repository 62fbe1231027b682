"""The lots a pre-check would draw (issue #18), through processing.run on a GeoPackage ledger with two lots of
each quota kind: projectprecheck's *_PC fields and the coverage table's PC column, the printed sheet, and the
lots precheckpost's postings then draw (the same), named in its log.

The scene is that of tests/core/test_precheck.py: P1 needs plan 60, 耕地 57, 水田 27, grain 22,500 kg; P2 needs
plan 60 and no 耕地. Lots, by hand, oldest first:
  plan: 计划-2022 100 (2022-06-01, posted second) before 计划-2023 50 (2023-03-01);
  compensation: 补充-2021 40 / 水田 20 / 15,000 kg (2021-01-01) before 补充-2023 30 / 30 / 20,000 (2023-01-01).
P1 plan 60 <- 计划-2022 60; 耕地 57 <- 补充-2021 40 + 补充-2023 17; 水田 27 <- 20 + 7; grain 22,500 <- 15,000 + 7,500.
P2 plan 60 <- 计划-2022's last 40 + 计划-2023 20."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from decimal import Decimal as D  # noqa: N817

import processing
from qgis.core import QgsProcessingFeedback, QgsVectorLayer

from land_supervision.core.ledger import Entry, open_ledger
from tests.qgis.test_precheck_algorithm import _params, _rows, scene  # noqa: F401 - the module's scene fixture

COMP = ("compensation", "cultivated_area"), ("compensation", "paddy_area"), ("compensation", "grain_capacity")
P1_LOTS = {"JHZB_PC": "计划-2022 60.00", "GD_PC": "补充-2021 40.00; 补充-2023 17.00",
           "ST_PC": "补充-2021 20.00; 补充-2023 7.00", "CN_PC": "补充-2021 15000.00; 补充-2023 7500.00"}


class Log(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.infos = []

    def pushInfo(self, info):  # noqa: N802 - Qt's name
        self.infos.append(info)


def _ledger(path) -> str:
    with open_ledger(str(path)) as led:
        led.post(Entry("grant", {("plan", "area"): D("50")}, year=2023, value_date="2023-03-01", lot_id="计划-2023"))
        led.post(Entry("grant", {("plan", "area"): D("100")}, year=2022, value_date="2022-06-01", lot_id="计划-2022"))
        led.post(Entry("grant", dict(zip(COMP, (D("40"), D("20"), D("15000")))), year=2021, value_date="2021-01-01",
                       lot_id="补充-2021", grade="5"))
        led.post(Entry("grant", dict(zip(COMP, (D("30"), D("30"), D("20000")))), year=2023, value_date="2023-01-01",
                       lot_id="补充-2023"))
    return str(path)


def test_precheck_names_the_lots_and_precheckpost_draws_them(scene, provider, tmp_path):  # noqa: F811
    ledger = _ledger(tmp_path / "ledger.gpkg")
    out = processing.run("landsupervision:projectprecheck", _params(
        scene, LEDGER=ledger, OUTPUT=str(tmp_path / "r.gpkg"), OUTPUT_PIECES=str(tmp_path / "p.gpkg"),
        OUTPUT_COVERAGE=str(tmp_path / "c.gpkg")))
    rows = _rows(out["OUTPUT"])
    assert {f: rows["P1"][f] for f in P1_LOTS} == P1_LOTS
    assert rows["P2"]["JHZB_PC"] == "计划-2022 40.00; 计划-2023 20.00" and rows["P2"]["GD_PC"] == ""
    coverage = QgsVectorLayer(out["OUTPUT_COVERAGE"], "c", "ogr")
    pc = {(f["XMBH"], f["YQDM"]): f["PC"] for f in coverage.getFeatures()}
    assert pc["P1", "paddy_area"] == P1_LOTS["ST_PC"] and pc["P2", "plan"] == "计划-2022 40.00; 计划-2023 20.00"
    with open_ledger(ledger, create=False, readonly=True) as led:  # a what-if: nothing was drawn
        assert all(r["area_drawn"] == 0 for r in led.lot_rows())

    log = Log()
    result = processing.run("landsupervision:precheckpost", {
        "PRECHECK": out["OUTPUT"], "LEDGER": ledger, "BATCH_NO": "2024-预审-1", "YEAR": 2024,
        "DATE": "2024-05-06"}, feedback=log)
    assert result["ENTRY_NOS"] == "5,6"
    with open_ledger(ledger, create=False, readonly=True) as led:
        book = led.lots()
        assert book.entry_draws(5) == [
            ("计划-2022", "plan", "area", D("60")),
            ("补充-2021", "compensation", "cultivated_area", D("40")),
            ("补充-2023", "compensation", "cultivated_area", D("17")),
            ("补充-2021", "compensation", "paddy_area", D("20")), ("补充-2023", "compensation", "paddy_area", D("7")),
            ("补充-2021", "compensation", "grain_capacity", D("15000")),
            ("补充-2023", "compensation", "grain_capacity", D("7500"))]
        assert book.entry_draws(6) == [("计划-2022", "plan", "area", D("40")), ("计划-2023", "plan", "area", D("20"))]
    assert "Project P2: lots drawn: plan.area 计划-2022 40.00; plan.area 计划-2023 20.00" in log.infos
    assert any(i.startswith("Project P1: lots drawn: plan.area 计划-2022 60.00; compensation.cultivated_area "
                            "补充-2021 40.00") for i in log.infos)

    pdf = tmp_path / "sheets.pdf"  # the sheet prints them, on its one A4 page per project
    assert processing.run("landsupervision:precheckreport", {
        "PRECHECK": out["OUTPUT"], "PIECES": out["OUTPUT_PIECES"], "OUTPUT": str(pdf)})["PAGES"] == 2
    text = unicodedata.normalize("NFKC", subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                                        text=True, check=True).stdout)
    first = text.split("\f")[0]
    for label, value in (("计划指标取用批次", P1_LOTS["JHZB_PC"]), ("粮食产能取用批次", P1_LOTS["CN_PC"])):
        assert label in first and value in first, first
    assert "占用已复垦地块" in first and "生成日期" in first  # the table's last row and the footer: nothing cut
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    y = {word: (float(top), float(bottom)) for top, bottom, word in re.findall(
        r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', boxes)}
    assert y["占用已复垦地块"][1] < y["生成日期"][0] < 297 * 72 / 25.4  # the last row above the footer, on the A4 page
