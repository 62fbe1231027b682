"""Raw 耕地 overlap areas (before the 田坎 netting) agree with QGIS's native:calculatevectoroverlaps on the demo
data within 0.01 m2 per patch, both on the CGCS2000 ellipsoid (EPSG:1024 set in the Processing context)."""

from __future__ import annotations

import processing
import pytest
from qgis.core import QgsProcessingContext, QgsProject, QgsVectorLayer

from land_supervision.qgis_compat import InvalidGeometryCheck

APPROVAL_LAYERS = ["nzy", "gd", "lsyd", "ssnyd", "xxyd"]


def demo_params(gpkg, tmp_path):
    layer = f"{gpkg}|layername="
    return {"PATCHES": layer + "demo_patches", "VERIFICATION": layer + "demo_verification",
            "BASELINE": layer + "demo_baseline_dltb", "TOWNS": layer + "demo_towns",
            "FARMLAND": layer + "demo_farmland",
            "APPROVALS": [layer + f"demo_approvals_{s}" for s in APPROVAL_LAYERS],
            "OUTPUT": str(tmp_path / "patches.gpkg"), "OUTPUT_DISCREPANCIES": str(tmp_path / "disc.gpkg"),
            "OUTPUT_TOWNS": str(tmp_path / "towns.gpkg")}


def test_raw_cultivated_overlap_matches_native(demo_gpkg, tmp_path, provider):
    ours = processing.run("landsupervision:patchreconciliation", demo_params(demo_gpkg, tmp_path))
    out = QgsVectorLayer(ours["OUTPUT"], "ours", "ogr")
    raw = [(f["JCBH"], f["GDMJ_YS"], f["JHXF"]) for f in out.getFeatures()]
    assert len(raw) == 40

    cultivated = QgsVectorLayer(f"{demo_gpkg}|layername=demo_baseline_dltb", "cultivated", "ogr")
    cultivated.setSubsetString("DLBM IN ('0101', '0102', '0103')")
    patches = QgsVectorLayer(f"{demo_gpkg}|layername=demo_patches", "patches", "ogr")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    context.setEllipsoid("EPSG:1024")  # CGCS2000
    context.setInvalidGeometryCheck(InvalidGeometryCheck.NoCheck)
    native = processing.run("native:calculatevectoroverlaps",
                            {"INPUT": patches, "LAYERS": [cultivated], "OUTPUT": "memory:"}, context=context)
    fields = native["OUTPUT"].fields().names()
    area_field = [f for f in fields if f.endswith("_area")][0]
    theirs = [f[area_field] or 0.0 for f in native["OUTPUT"].getFeatures()]
    checked = 0
    for (jcbh, ours_m2, repaired), native_m2 in zip(raw, theirs):
        if repaired:  # the self-intersecting patch: QGIS measures the invalid ring, we the repaired polygon
            continue
        assert ours_m2 == pytest.approx(native_m2, abs=0.01), jcbh
        checked += 1
    assert checked == 39 and sum(theirs) > 100_000
