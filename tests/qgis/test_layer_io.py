"""The QGIS <-> shapely adaptor: ids kept, attributes and NULLs, reprojection, missing fields, writing."""

import numpy as np
import pytest
import shapely
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

from land_supervision.algorithms.layer_io import read_source
from land_supervision.core.tables import FeatureTable


def memory_layer(crs="EPSG:4549"):
    layer = QgsVectorLayer(f"Polygon?crs={crs}&field=NAME:string&field=MJ:double", "plots", "memory")
    features = []
    for wkt, name, area in [
        ("POLYGON((600000 3380000, 600100 3380000, 600100 3380100, 600000 3380100, 600000 3380000))", "甲", 1.5),
        ("POLYGON((600200 3380000, 600300 3380000, 600300 3380050, 600200 3380000))", None, None),
    ]:
        f = QgsFeature(layer.fields())
        f.setAttributes([name, area])
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


def test_read_keeps_ids_attributes_and_nulls():
    layer = memory_layer()
    arrays = read_source(layer, ["NAME", "MJ"], QgsProcessingContext(), QgsProcessingFeedback())
    assert arrays.ids.tolist() == [f.id() for f in layer.getFeatures()]
    assert arrays.columns["NAME"] == ["甲", None]
    assert arrays.columns["MJ"] == [1.5, None]
    assert shapely.area(arrays.geometry).tolist() == pytest.approx([10000.0, 2500.0])
    assert arrays.crs == "EPSG:4549"


def test_read_reprojects_to_target():
    layer = memory_layer()
    arrays = read_source(layer, [], QgsProcessingContext(), target_crs="EPSG:4490")
    x, y = shapely.get_coordinates(arrays.geometry[0])[0]
    assert 120 < x < 122 and 30 < y < 31
    assert arrays.crs == "EPSG:4490"


def test_read_near_a_rectangle_only():
    from qgis.core import QgsRectangle

    near_first = QgsRectangle(599990, 3379990, 600110, 3380110)
    arrays = read_source(memory_layer(), ["NAME"], QgsProcessingContext(), filter_rect=near_first)
    assert arrays.columns["NAME"] == ["甲"]
    # in the target CRS when reprojecting: the same rectangle, the layer given in zone-prefixed EPSG:4528
    zoned = memory_layer("EPSG:4528")
    for feature in zoned.getFeatures():
        geometry = feature.geometry()
        geometry.translate(40_000_000, 0)
        zoned.dataProvider().changeGeometryValues({feature.id(): geometry})
    zoned.updateExtents()
    arrays = read_source(zoned, ["NAME"], QgsProcessingContext(), target_crs="EPSG:4549", filter_rect=near_first)
    assert arrays.columns["NAME"] == ["甲"]


def test_missing_field_names_layer_and_field():
    with pytest.raises(QgsProcessingException) as err:
        read_source(memory_layer(), ["DLBM"], QgsProcessingContext())
    assert "plots" in str(err.value) and "DLBM" in str(err.value)


def test_table_rejects_mismatched_columns():
    with pytest.raises(ValueError):
        FeatureTable("bad", [("A", "int")], {"A": [1, 2]}, np.array([shapely.box(0, 0, 1, 1)]), "Polygon")
    with pytest.raises(ValueError):
        FeatureTable("bad", [("A", "decimal")], {"A": [1]})
