"""Helpers of the zoning QGIS tests (no tests here): memory layers from WKT rows, reading outputs."""

from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer

from land_supervision.qgis_compat import FieldType

_TYPES = {str: FieldType.String, float: FieldType.Double, int: FieldType.Int}


def memory_layer(geometry_type: str, crs: str, fields: list[tuple[str, type]], rows: list[tuple], name="test"):
    """rows: (wkt, value, value, ...) in the order of ``fields``."""
    layer = QgsVectorLayer(f"{geometry_type}?crs={crs}", name, "memory")
    layer.dataProvider().addAttributes([QgsField(n, _TYPES[t]) for n, t in fields])
    layer.updateFields()
    features = []
    for wkt, *values in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(list(values))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


def rows_by(layer, key: str) -> dict:
    """{key value: {field: value}} of an output layer (a layer object or a path)."""
    if isinstance(layer, str):
        layer = QgsVectorLayer(layer, "out", "ogr")
    names = layer.fields().names()
    return {f[key]: dict(zip(names, f.attributes())) | {"_geometry": f.geometry()} for f in layer.getFeatures()}


def demo_layer(path, name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    assert layer.isValid(), name
    return layer
