"""QGIS <-> core adaptor: FeatureTables to sinks and files. Reading lives in ``land_supervision.inputs``
(re-exported here for the callers of old)."""

from __future__ import annotations

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from ..core.tables import FeatureTable
from ..inputs.encodings import ENCODING_OVERRIDE, with_detected_encodings  # noqa: F401
from ..inputs.reader import LayerArrays, _python_value, layername_of, read_source  # noqa: F401
from ..qgis_compat import FeatureSinkFlag, FieldType, VectorWriter, WkbType
from ..translation import tr

_FIELD_TYPES = {"str": FieldType.String, "int": FieldType.LongLong, "float": FieldType.Double,
             "date": FieldType.String, "datetime": FieldType.String}
_WKB_TYPES = {"Polygon": WkbType.MultiPolygon, "Point": WkbType.Point,
              "LineString": WkbType.MultiLineString, "None": WkbType.NoGeometry,
              "MultiPoint": WkbType.MultiPoint}


def qgs_fields(table: FeatureTable) -> QgsFields:
    fields = QgsFields()
    for name, kind in table.fields:
        fields.append(QgsField(name, _FIELD_TYPES[kind]))
    return fields


def wkb_type(table: FeatureTable) -> int:
    return _WKB_TYPES[table.geometry_type]


def features_of(table: FeatureTable, fields: QgsFields):
    """QgsFeatures of a table (multi-part geometry types as the sink expects)."""
    wkbs = None
    if table.geometry is not None:
        geoms = table.geometry
        if table.geometry_type in ("Polygon", "LineString"):
            geoms = _as_multi(geoms)
        wkbs = shapely.to_wkb(geoms, output_dimension=2)
    columns = [_without_nan(table.columns[name]) for name in table.field_names]
    for i, row in enumerate(zip(*columns) if columns else ([] for _ in range(len(table)))):
        feature = QgsFeature(fields)
        feature.setAttributes(list(row))
        if wkbs is not None and wkbs[i] is not None:
            geometry = QgsGeometry()
            geometry.fromWkb(wkbs[i])
            feature.setGeometry(geometry)
        yield feature


def memory_layer(table: FeatureTable, name: str) -> QgsVectorLayer:
    """A memory layer holding ``table`` (fields, multi-part geometries in its CRS), e.g. for a report's map."""
    geometry = {"Polygon": "MultiPolygon", "LineString": "MultiLineString"}.get(table.geometry_type,
                                                                                table.geometry_type)
    layer = QgsVectorLayer(f"{geometry}?crs={table.crs}", name, "memory")
    layer.dataProvider().addAttributes(qgs_fields(table).toList())
    layer.updateFields()
    layer.dataProvider().addFeatures(list(features_of(table, layer.fields())))
    layer.updateExtents()
    return layer


def _without_nan(values) -> list:
    """A column as Python values (numpy scalars converted) with NaN as None, converted column by column."""
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        out = values.astype(object)
        out[np.isnan(values)] = None
        return out.tolist()
    values = values.tolist() if isinstance(values, np.ndarray) else values
    return [None if isinstance(v, float) and v != v else v for v in values]


def _as_multi(geoms: np.ndarray) -> np.ndarray:
    """Polygons and lines as one-part multi-geometries (what the sinks' multi types expect), in one call each."""
    out = np.array(geoms, dtype=object)
    type_ids = shapely.get_type_id(out)
    for single, make in ((3, shapely.multipolygons), (1, shapely.multilinestrings)):
        rows = np.flatnonzero(type_ids == single)
        if len(rows):
            out[rows] = make(out[rows], indices=np.arange(len(rows)))
    return out


def write_gpkg(path: str, tables: list[FeatureTable], context, feedback=None) -> None:
    """Write tables as layers of one GeoPackage (the file is replaced)."""
    for index, table in enumerate(tables):
        if feedback is not None:
            if feedback.isCanceled():
                return
            feedback.setProgressText(tr("Writing {output}").format(output=table.name))
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = table.name
        options.fileEncoding = "UTF-8"
        options.actionOnExistingFile = (VectorWriter.CreateOrOverwriteFile if index == 0
                                        else VectorWriter.CreateOrOverwriteLayer)
        options.layerOptions = [f"DESCRIPTION={table.description}"]
        fields = qgs_fields(table)
        writer = QgsVectorFileWriter.create(path, fields, wkb_type(table),
                                            QgsCoordinateReferenceSystem(table.crs),
                                            context.transformContext(), options)
        if writer.hasError() != VectorWriter.NoError:
            raise QgsProcessingException(tr("Cannot write layer {layer} to {path}: {error}").format(
                layer=table.name, path=path, error=writer.errorMessage()))
        for i, feature in enumerate(features_of(table, fields)):
            if feedback is not None and i % 5000 == 0 and feedback.isCanceled():
                break
            writer.addFeature(feature, FeatureSinkFlag.FastInsert)
        del writer
