"""The one reprojection note and layer label of inputs.checks, as every tool logs them."""

from __future__ import annotations

from qgis.core import QgsFeature, QgsGeometry, QgsProcessingFeedback, QgsVectorLayer

from land_supervision.inputs.checks import label_of, note_reprojection


class Log(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.infos = []

    def pushInfo(self, info):
        self.infos.append(info)


def square(crs: str, x: float, y: float, size: float) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"Polygon?crs={crs}", "地块", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},"
                                            f"{x} {y}))"))
    layer.dataProvider().addFeatures([feature])
    layer.updateExtents()
    return layer


def test_reprojection_noted_only_outside_the_working_crs(qgis_app):
    log = Log()
    note_reprojection(square("EPSG:4490", 120.9, 30.7, 0.001), log, "plots")
    assert log.infos == ["Layer 'plots' is in EPSG:4490: reprojected to EPSG:4549"]
    log = Log()
    note_reprojection(square("EPSG:4549", 500000, 3400000, 50), log, "plots")
    assert log.infos == []


def test_label_is_the_table_name_of_a_layername_uri(qgis_app, tmp_path):
    layer = square("EPSG:4549", 500000, 3400000, 50)
    assert label_of(layer) == "地块"  # a memory layer: its name
    assert label_of(layer, f"{tmp_path / 'x.gpkg'}|layername=demo_plots") == "demo_plots"


def test_patrol_source_label_is_the_inputs_label():
    from land_supervision.algorithms.patrol.patrol_io import source_label

    assert source_label is label_of
