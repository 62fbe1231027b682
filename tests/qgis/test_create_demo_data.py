"""landsupervision:createdemodata through processing.run and qgis_process."""

import json

import processing
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from land_supervision.core.geodesy import ellipsoidal_area
from land_supervision.core.units import M2_PER_HA
from tests.conftest import run_qgis_process

LAYERS = ["demo_county", "demo_towns", "demo_dev_boundary", "demo_baseline_dltb", "demo_farmland",
          "demo_park_zones"]


def layer(path, name) -> QgsVectorLayer:
    lyr = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    assert lyr.isValid(), name
    return lyr


def test_layers_crs_and_zone_areas(demo_gpkg):
    import shapely

    for name in LAYERS:
        lyr = layer(demo_gpkg, name)
        assert lyr.crs().authid() == "EPSG:4549"
        assert lyr.featureCount() > 0
    zones = layer(demo_gpkg, "demo_park_zones")
    geoms = [shapely.from_wkb(bytes(f.geometry().asWkb())) for f in zones.getFeatures()]
    areas = ellipsoidal_area(geoms) / M2_PER_HA
    assert [round(a, 2) for a in areas] == [3900.00, 7899.84]
    assert layer(demo_gpkg, "demo_baseline_dltb").featureCount() > 18000


def test_layers_described_as_synthetic(demo_gpkg):
    import sqlite3

    with sqlite3.connect(demo_gpkg) as db:
        rows = dict(db.execute("select table_name, description from gpkg_contents"))
    for name in LAYERS:
        assert "SYNTHETIC" in rows[name] and "合成" in rows[name]


def test_same_seed_same_hash(tmp_path, provider):
    a = processing.run("landsupervision:createdemodata", {"OUTPUT": str(tmp_path / "a.gpkg"), "SEED": 5, "SCALE": 0.2})
    b = processing.run("landsupervision:createdemodata", {"OUTPUT": str(tmp_path / "b.gpkg"), "SEED": 5, "SCALE": 0.2})
    c = processing.run("landsupervision:createdemodata", {"OUTPUT": str(tmp_path / "c.gpkg"), "SEED": 6, "SCALE": 0.2})
    assert a["CONTENT_HASH"] == b["CONTENT_HASH"] != c["CONTENT_HASH"]
    # the files hold the same features too
    def dump(path):
        lyr = layer(path, "demo_baseline_dltb")
        return [(f.attributes()[1:], f.geometry().asWkt(3)) for f in lyr.getFeatures()]
    assert dump(tmp_path / "a.gpkg") == dump(tmp_path / "b.gpkg")


@pytest.mark.parametrize("target", ["/nonexistent-folder/demo.gpkg", "/proc/demo.gpkg"])
def test_unwritable_output_is_a_clear_error(target, provider):
    with pytest.raises(QgsProcessingException) as err:
        processing.run("landsupervision:createdemodata", {"OUTPUT": target, "SCALE": 0.05})
    assert "Cannot write" in str(err.value) or "无法写入" in str(err.value)


def test_qgis_process_lists_and_runs(tmp_path):
    listing = run_qgis_process("list")
    assert "landsupervision:createdemodata" in listing.stdout, listing.stdout[-2000:] + listing.stderr[-2000:]
    out = tmp_path / "cli.gpkg"
    result = run_qgis_process("run", "landsupervision:createdemodata", "--json", "--",
                              f"OUTPUT={out}", "SCALE=0.1", "SEED=2021")
    assert result.returncode == 0, result.stderr[-3000:]
    payload = json.loads(result.stdout[result.stdout.index("{"):])
    assert payload["results"]["LAYER_COUNT"] >= len(LAYERS)
    assert out.exists()


def test_qgis_process_unwritable_output():
    result = run_qgis_process("run", "landsupervision:createdemodata", "--",
                              "OUTPUT=/nonexistent-folder/x.gpkg", "SCALE=0.05")
    assert result.returncode != 0
    assert "Cannot write" in (result.stdout + result.stderr)
    assert "Traceback" not in (result.stdout + result.stderr)
