"""Outputs all or nothing: a cancel in the writing phase leaves no output, reports no success and leaves the
files the user had untouched; an output over an input is refused; a write failure is an error."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import processing
import pytest
import shapely
from qgis.core import NULL, QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from land_supervision.qgis_compat import VectorWriter
from tests.qgis.test_patrol_native_overlaps import demo_params
from tests.qgis.test_reclamation_algorithms import params as reclamation_params


class CancelWhileWriting(QgsProcessingFeedback):
    """Cancels when the algorithm starts writing its ``after``-th output (the earlier ones are written whole)."""

    def __init__(self, after: int = 2):
        super().__init__()
        self.after, self.writing = after, 0

    def setProgressText(self, text):  # noqa: N802 - Qt API
        super().setProgressText(text)
        if text.startswith(("Writing", "正在写入")):
            self.writing += 1
            if self.writing >= self.after:
                self.cancel()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".land_supervision-partial"))


def _existing_gpkg(path: Path) -> str:
    """A GeoPackage the user already has at the destination; returns its digest."""
    layer = QgsVectorLayer("Point?crs=EPSG:4549&field=KEEP:string", "mine", "memory")
    from qgis.core import QgsVectorFileWriter

    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV2(layer, str(path), QgsProcessingContext().transformContext(),
                                                      options)
    assert error[0] == VectorWriter.NoError
    return _digest(path)


def test_patrol_cancel_while_writing_leaves_nothing(demo_gpkg, tmp_path, provider):
    parameters = demo_params(demo_gpkg, tmp_path)
    before = _existing_gpkg(tmp_path / "patches.gpkg")
    feedback = CancelWhileWriting(after=2)  # the patch table is written, the discrepancy table is not
    with pytest.raises(QgsProcessingException, match="Canceled|已取消"):
        processing.run("landsupervision:patchreconciliation", parameters, feedback=feedback)
    assert feedback.writing == 2
    assert _digest(tmp_path / "patches.gpkg") == before  # the user's file untouched
    assert not (tmp_path / "disc.gpkg").exists() and not (tmp_path / "towns.gpkg").exists()
    assert _leftovers(tmp_path) == []


def test_patrol_completes_over_an_existing_file(demo_gpkg, tmp_path, provider):
    parameters = demo_params(demo_gpkg, tmp_path)
    _existing_gpkg(tmp_path / "patches.gpkg")
    result = processing.run("landsupervision:patchreconciliation", parameters)
    assert result["OUTPUT"] == str(tmp_path / "patches.gpkg")
    layer = QgsVectorLayer(result["OUTPUT"], "p", "ogr")
    assert layer.isValid() and layer.featureCount() == 40 and "JCBH" in layer.fields().names()
    assert result["PATCH_COUNT"] == 40 and _leftovers(tmp_path) == []


def test_reclamation_cancel_while_writing_reports_no_counts(demo_gpkg, tmp_path, provider):
    files = {key: str(tmp_path / f"{key.lower()}.gpkg") for key in
             ("OUTPUT_PLOTS", "OUTPUT_PROJECTS", "OUTPUT_TOWNS", "OUTPUT_CHAIN")}
    feedback = CancelWhileWriting(after=3)
    with pytest.raises(QgsProcessingException, match="Canceled|已取消"):
        processing.run("landsupervision:reclamationacceptance", reclamation_params(demo_gpkg, **files),
                       feedback=feedback)
    assert not any(Path(p).exists() for p in files.values())
    assert _leftovers(tmp_path) == []


def test_demo_data_cancel_keeps_the_users_geopackage(tmp_path, provider):
    target = tmp_path / "mine.gpkg"
    before = _existing_gpkg(target)
    feedback = CancelWhileWriting(after=4)  # three layers written
    with pytest.raises(QgsProcessingException, match="Canceled|已取消"):
        processing.run("landsupervision:createdemodata", {"OUTPUT": str(target), "SCALE": 0.05},
                       feedback=feedback)
    assert feedback.writing == 4
    assert _digest(target) == before and _leftovers(tmp_path) == []


def test_output_over_an_input_geopackage_is_refused(demo_gpkg, tmp_path, provider):
    before = _digest(demo_gpkg)
    parameters = dict(demo_params(demo_gpkg, tmp_path), OUTPUT_TOWNS=str(demo_gpkg))
    with pytest.raises(QgsProcessingException) as err:
        processing.run("landsupervision:patchreconciliation", parameters)
    assert str(demo_gpkg) in str(err.value) and ("input" in str(err.value) or "输入" in str(err.value))
    assert _digest(demo_gpkg) == before
    assert not (tmp_path / "patches.gpkg").exists()


def test_output_table_over_an_input_table_is_refused(demo_gpkg, tmp_path, provider):
    parameters = dict(demo_params(demo_gpkg, tmp_path),
                      OUTPUT_TOWNS=f"ogr:dbname='{demo_gpkg}' table=\"demo_towns\" (geom)")
    with pytest.raises(QgsProcessingException, match="demo_towns"):
        processing.run("landsupervision:patchreconciliation", parameters)
    from osgeo import ogr

    source = ogr.Open(str(demo_gpkg))
    assert source.GetLayerByName("demo_towns").GetFeatureCount() == 9
    source = None


def test_new_table_in_an_input_geopackage_is_written(demo_gpkg, tmp_path, provider):
    parameters = dict(demo_params(demo_gpkg, tmp_path),
                      OUTPUT_TOWNS=f"ogr:dbname='{demo_gpkg}' table=\"patrol_towns_out\" (geom)")
    processing.run("landsupervision:patchreconciliation", parameters)
    out = QgsVectorLayer(f"{demo_gpkg}|layername=patrol_towns_out", "t", "ogr")
    assert out.isValid() and out.featureCount() >= 9
    assert QgsVectorLayer(f"{demo_gpkg}|layername=demo_towns", "t", "ogr").featureCount() == 9


def _tables(path: Path) -> list[str]:
    from osgeo import ogr

    source = ogr.Open(str(path))
    names = sorted(source.GetLayerByIndex(i).GetName() for i in range(source.GetLayerCount()))
    source = None
    return names


def _into_results(parameters: dict, path: Path, run: str) -> dict:
    """Every patrol output as a table of one results GeoPackage (as the docks write them)."""
    return dict(parameters, **{key: f"ogr:dbname='{path}' table=\"{key.lower()}_{run}\" (geom)"
                               for key in ("OUTPUT", "OUTPUT_DISCREPANCIES", "OUTPUT_TOWNS")})


def test_tables_into_an_existing_results_geopackage_keep_its_other_tables(demo_gpkg, tmp_path, provider):
    results = tmp_path / "project_results.gpkg"
    _existing_gpkg(results)  # the user's own table "project_results" is in it
    assert _tables(results) == ["project_results"]
    processing.run("landsupervision:patchreconciliation", _into_results(demo_params(demo_gpkg, tmp_path),
                                                                         results, "a"))
    first = ["output_a", "output_discrepancies_a", "output_towns_a", "project_results"]
    assert _tables(results) == first
    # a canceled second run into the same file: its own half-written tables go, the rest stays as it was
    feedback = CancelWhileWriting(after=2)
    with pytest.raises(QgsProcessingException, match="Canceled|已取消"):
        processing.run("landsupervision:patchreconciliation", _into_results(demo_params(demo_gpkg, tmp_path),
                                                                             results, "b"), feedback=feedback)
    assert _tables(results) == first
    assert QgsVectorLayer(f"{results}|layername=output_a", "p", "ogr").featureCount() == 40
    assert _leftovers(tmp_path) == []


def test_unwritable_csv_output_is_an_error(demo_gpkg, tmp_path, provider):
    parameters = dict(demo_params(demo_gpkg, tmp_path), OUTPUT_DISCREPANCIES="/proc/no-such-folder/disc.csv")
    with pytest.raises(QgsProcessingException, match="disc.csv"):
        processing.run("landsupervision:patchreconciliation", parameters)
    assert not (tmp_path / "patches.gpkg").exists()


def test_set_writer_gives_the_features_of_a_table(tmp_path, provider):
    """OutputSet.write: attributes with NULLs and NaN, multi-part geometry, a feature without geometry."""
    from land_supervision.algorithms.outputs import write_outputs
    from land_supervision.core.tables import FeatureTable

    geoms = np.array([shapely.box(0, 0, 1, 1), shapely.MultiPolygon([shapely.box(2, 2, 3, 3)]), None], dtype=object)
    table = FeatureTable("t", [("A", "str"), ("B", "float"), ("C", "int")],
                         {"A": ["一", None, "z"], "B": np.array([1.5, np.nan, 2.0]), "C": [1, 2, None]}, geoms,
                         "Polygon", "EPSG:4549")
    from qgis.core import QgsApplication

    algorithm = QgsApplication.processingRegistry().createAlgorithmById("landsupervision:ledgerbalances")
    context = QgsProcessingContext()
    out = write_outputs(algorithm, {"OUTPUT": str(tmp_path / "t.gpkg")}, context, QgsProcessingFeedback(),
                        {"OUTPUT": table})
    layer = QgsVectorLayer(out["OUTPUT"], "t", "ogr")
    rows = [([None if v == NULL else v for v in (f["A"], f["B"], f["C"])], f.geometry().asWkt(0)
             if f.hasGeometry() else None) for f in layer.getFeatures()]
    assert [r[0] for r in rows] == [["一", 1.5, 1], [None, None, 2], ["z", 2.0, None]]
    assert rows[0][1].startswith("MultiPolygon") and rows[1][1].startswith("MultiPolygon")
    assert rows[2][1] in (None, "MultiPolygon EMPTY")  # no geometry
