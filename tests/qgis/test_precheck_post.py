"""The pre-check and the ledger: coverage that counts a project's allocations, and landsupervision:precheckpost
posting an approval batch from a pre-check result through the ledger's rules, on GeoPackage ledgers.

The scene is that of tests/core/test_precheck.py (figures worked out there): P1 needs plan 60, 耕地 57, 水田 27,
grain 22,500 kg; P2 needs plan 60 and no 耕地."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817

import processing
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from land_supervision.core.geodesy import ellipsoidal_area
from land_supervision.core.ledger import Entry, open_ledger
from land_supervision.core.ledger.allocation_check import allocated_by_project
from land_supervision.core.units import M2_PER_MU
from tests.qgis.test_precheck_algorithm import _params, _rows, scene  # noqa: F401 - the module's scene fixture


def _ledger(path, plan="200", cultivated="100", paddy="50", grain="40000"):
    with open_ledger(str(path)) as led:
        led.post(Entry("grant", {("plan", "area"): D(plan)}, year=2024))
        led.post(Entry("grant", {("compensation", "cultivated_area"): D(cultivated),
                                 ("compensation", "paddy_area"): D(paddy),
                                 ("compensation", "grain_capacity"): D(grain)}, year=2024))
    return str(path)


def _state(path):
    with open_ledger(path, create=False) as led:
        balances = {(b.kind, b.component): b.balance for b in led.balances()}
        return balances, allocated_by_project(led), len(led.entries()), led.projects()


def _precheck(scene, ledger, tmp_path, name="r"):  # noqa: F811
    out = processing.run("landsupervision:projectprecheck", _params(
        scene, LEDGER=ledger, OUTPUT=str(tmp_path / f"{name}.gpkg"), OUTPUT_PIECES=str(tmp_path / f"{name}_p.gpkg"),
        OUTPUT_COVERAGE=str(tmp_path / f"{name}_c.gpkg")))
    return out, _rows(out["OUTPUT"])


def test_a_project_allocated_in_the_ledger_reads_covered(scene, provider, tmp_path):  # noqa: F811
    """P1 allocated through ledgerpost (plan 60, 耕地 57 / 水田 27 / 22,500 kg) leaves plan 140 and 耕地 43: P1 is
    covered by its own allocation and P2's 60 come from the 140. Counting P1 again (the old coverage) would
    have drawn 57 耕地 of the 43 left: short 14."""
    ledger = _ledger(tmp_path / "ledger.gpkg")
    processing.run("landsupervision:ledgerpost", {
        "LEDGER": ledger, "TXN_TYPE": 6, "YEAR": 2024, "PLAN": "60", "CULTIVATED": "57", "PADDY": "27",
        "GRAIN": "22500", "PROJECT_ID": "P1", "BATCH_NO": "2024-1"})
    out, rows = _precheck(scene, ledger, tmp_path)
    p1, p2 = rows["P1"], rows["P2"]
    assert (p1["JHZB_YAP"], p1["GD_YAP"], p1["ST_YAP"], p1["CN_YAP"]) == (60.0, 57.0, 27.0, 22500.0)
    assert (p1["JHZB_QK"], p1["GD_QK"], p1["ST_QK"], p1["CN_QK"]) == (0.0, 0.0, 0.0, 0.0)
    assert (p2["JHZB_YAP"], p2["JHZB_QK"]) == (0.0, 0.0) and "QUOTA_SHORT" not in p1["WTDM"] + p2["WTDM"]
    coverage = QgsVectorLayer(out["OUTPUT_COVERAGE"], "c", "ogr")
    by_key = {(f["XMBH"], f["YQDM"]): f for f in coverage.getFeatures()}
    assert coverage.featureCount() == 8 and by_key["P1", "cultivated_area"]["ZT"] == "已覆盖"
    assert (by_key["P2", "plan"]["YE"], by_key["P2", "plan"]["KB"], by_key["P2", "plan"]["KBMX"]) == \
        (140.0, 60.0, "plan.area=60.00")


def test_precheckpost_posts_what_is_not_covered_yet(scene, provider, tmp_path):  # noqa: F811
    ledger = _ledger(tmp_path / "ledger.gpkg")
    _, rows = _precheck(scene, ledger, tmp_path)
    result = processing.run("landsupervision:precheckpost", {
        "PRECHECK": str(tmp_path / "r.gpkg"), "LEDGER": ledger, "BATCH_NO": "2024-预审-1", "YEAR": 2024,
        "DATE": "2024-05-06", "EVIDENCE": "用地预审批复"})
    assert result["ENTRIES"] == 2 and result["ENTRY_NOS"] == "3,4"
    balances, allocated, _, projects = _state(ledger)
    assert allocated["P1"] == {("plan", "area"): D("60.0000"), ("compensation", "cultivated_area"): D("57.0000"),
                               ("compensation", "paddy_area"): D("27.0000"),
                               ("compensation", "grain_capacity"): D("22500.0000")}
    assert allocated["P2"] == {("plan", "area"): D("60.0000")}  # no 耕地: no compensation lines
    assert balances["plan", "area"] == D("80.0000") and balances["compensation", "cultivated_area"] == D("43.0000")
    polygons = {p["project_id"]: p for p in projects}
    assert polygons["P2"]["batch_no"] == "2024-预审-1"
    import shapely

    assert round(float(ellipsoidal_area([shapely.from_wkb(polygons["P2"]["wkb"])], "EPSG:4549")[0]) / M2_PER_MU,
                 2) == 60.0
    # the same result again: both projects are covered by their allocations now, nothing is posted twice
    again = processing.run("landsupervision:precheckpost", {
        "PRECHECK": str(tmp_path / "r.gpkg"), "LEDGER": ledger, "BATCH_NO": "2024-预审-1", "YEAR": 2024})
    assert again["ENTRIES"] == 0 and _state(ledger)[0] == balances
    _, after = _precheck(scene, ledger, tmp_path, "after")
    assert after["P1"]["JHZB_YAP"] == 60.0 and after["P1"]["GD_QK"] == 0.0 and after["P2"]["JHZB_QK"] == 0.0


def test_a_rule_failure_names_the_project_and_posts_nothing(scene, provider, tmp_path):  # noqa: F811
    """Balances plan 100, 耕地 50: P1 needs 57 耕地, so the ledger's balance rule refuses P1 and P2 (which
    could be covered) is not posted either."""
    ledger = _ledger(tmp_path / "ledger.gpkg", plan="100", cultivated="50", paddy="30", grain="20000")
    _precheck(scene, ledger, tmp_path)
    before = _state(ledger)
    with pytest.raises(QgsProcessingException, match=r"P1.*nothing was posted"):
        processing.run("landsupervision:precheckpost", {
            "PRECHECK": str(tmp_path / "r.gpkg"), "LEDGER": ledger, "BATCH_NO": "B", "YEAR": 2024})
    assert _state(ledger)[:3] == before[:3]
    only = processing.run("landsupervision:precheckpost", {
        "PRECHECK": str(tmp_path / "r.gpkg"), "LEDGER": ledger, "BATCH_NO": "B", "YEAR": 2024,
        "PROJECT_IDS": "P2"})
    assert only["ENTRIES"] == 1 and set(_state(ledger)[1]) == {"P2"}


def test_precheckpost_refuses_other_layers_and_unknown_projects(scene, provider, tmp_path):  # noqa: F811
    ledger = _ledger(tmp_path / "ledger.gpkg")
    _precheck(scene, ledger, tmp_path)
    with pytest.raises(QgsProcessingException, match="JHZB_MU"):
        processing.run("landsupervision:precheckpost", {
            "PRECHECK": _params(scene)["PROJECTS"], "LEDGER": ledger, "BATCH_NO": "B", "YEAR": 2024})
    with pytest.raises(QgsProcessingException, match="P9"):
        processing.run("landsupervision:precheckpost", {
            "PRECHECK": str(tmp_path / "r.gpkg"), "LEDGER": ledger, "BATCH_NO": "B", "YEAR": 2024,
            "PROJECT_IDS": "P2, P9"})
    with pytest.raises(QgsProcessingException):  # a missing ledger is not created by a posting
        processing.run("landsupervision:precheckpost", {
            "PRECHECK": str(tmp_path / "r.gpkg"), "LEDGER": str(tmp_path / "none.gpkg"), "BATCH_NO": "B",
            "YEAR": 2024})
    assert not (tmp_path / "none.gpkg").exists()


def test_quotas_post_the_plan_quota_alone(scene, provider, tmp_path):  # noqa: F811
    """Plan 100 and 耕地 50: P1's compensation cannot be covered, its plan quota can be posted alone; then P2's
    plan 60 of the 40 left is refused, naming P2."""
    ledger = _ledger(tmp_path / "ledger.gpkg", plan="100", cultivated="50", paddy="30", grain="20000")
    _precheck(scene, ledger, tmp_path)
    params = {"PRECHECK": str(tmp_path / "r.gpkg"), "LEDGER": ledger, "BATCH_NO": "B", "YEAR": 2024, "QUOTAS": [0]}
    assert processing.run("landsupervision:precheckpost", dict(params, PROJECT_IDS="P1"))["ENTRIES"] == 1
    assert _state(ledger)[1] == {"P1": {("plan", "area"): D("60.0000")}}
    with pytest.raises(QgsProcessingException, match=r"P2.*nothing was posted"):
        processing.run("landsupervision:precheckpost", params)
