"""Plots as a shapefile with GBK text and neither .cpg nor code-page byte: the names read as Chinese."""

import processing
import pytest
from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter, QgsVectorLayer

from land_supervision.qgis_compat import VectorWriter
from tests.qgis.test_reclamation_algorithms import features, params, uri


@pytest.mark.parametrize("ldid", [0x4D, 0x00])
def test_gbk_plots_without_cpg(demo_gpkg, tmp_path, session_plugin, ldid):
    source = QgsVectorLayer(uri(demo_gpkg, "demo_reclamation_plots"), "plots", "ogr")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "ESRI Shapefile"
    options.fileEncoding = "GBK"
    path = tmp_path / "plots_gbk.shp"
    error = QgsVectorFileWriter.writeAsVectorFormatV2(source, str(path), QgsCoordinateTransformContext(), options)
    assert error[0] == VectorWriter.NoError
    layer = QgsVectorLayer(str(path), "gbk", "ogr")
    first = next(layer.getFeatures())
    old_id = first["DKBH"]
    layer.startEditing()
    layer.changeAttributeValue(first.id(), layer.fields().indexOf("DKBH"), "复垦一号")
    assert layer.commitChanges()
    del layer
    path.with_suffix(".cpg").unlink()
    data = bytearray(path.with_suffix(".dbf").read_bytes())
    data[29] = ldid  # 0x4D = code page 936 declared; 0 = nothing declared (the text is sniffed)
    path.with_suffix(".dbf").write_bytes(bytes(data))
    result = processing.run("landsupervision:reclamationacceptance", params(demo_gpkg, PLOTS=str(path)))
    ids = {row["DKBH"] for row in features(result["OUTPUT_PLOTS"])}
    assert "复垦一号" in ids and old_id not in ids
    assert len(ids) == len({f["DKBH"] for f in source.getFeatures()})  # (the demo has one duplicate id: R12)
