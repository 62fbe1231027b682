"""QGIS <-> core adaptor: feature sources to shapely arrays (vectorised WKB) and FeatureTables to sinks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from ..core.tables import FeatureTable
from ..qgis_compat import FeatureRequestFlag, FeatureSinkFlag, FieldType, VectorWriter, WkbType
from ..translation import tr

_FIELD_TYPES = {"str": FieldType.String, "int": FieldType.LongLong, "float": FieldType.Double,
             "date": FieldType.String, "datetime": FieldType.String}
_WKB_TYPES = {"Polygon": WkbType.MultiPolygon, "Point": WkbType.Point,
              "LineString": WkbType.MultiLineString, "None": WkbType.NoGeometry,
              "MultiPoint": WkbType.MultiPoint}


ENCODING_OVERRIDE = "land_supervision/encoding_override"


def with_detected_encodings(parameters: dict, names, feedback) -> tuple[dict, list]:
    """Parameters where a shapefile without .cpg or language byte but with GBK text is opened as GBK.

    (A .cpg or the .dbf language byte 0x4D is honoured by GDAL itself.) Returns the new parameters and the
    layers created, which the caller keeps alive while it runs.
    """
    from ..fileio.dbf_encoding import declared_encoding, sniff_text

    out, layers = dict(parameters), []

    def fix(value):
        text = value if isinstance(value, str) else ""
        path = text.split("|", 1)[0]
        if not path.lower().endswith(".shp") or declared_encoding(path)[0] or sniff_text(path) != "CP936":
            return value
        layer = QgsVectorLayer(text, Path(path).stem, "ogr")
        layer.setProviderEncoding("GBK")
        layer.setCustomProperty(ENCODING_OVERRIDE, "GBK")  # readers that bypass QGIS must not take this file
        layers.append(layer)
        feedback.pushInfo(tr("{path}: no .cpg and no code page in the .dbf; its text reads as GBK").format(path=path))
        return layer

    for name in names:
        value = out.get(name)
        out[name] = [fix(v) for v in value] if isinstance(value, list) else fix(value)
    return out, layers



@dataclass
class LayerArrays:
    """Features of one layer as arrays: QGIS feature ids, shapely geometries, attribute columns."""

    ids: np.ndarray
    geometry: np.ndarray
    columns: dict[str, list]
    crs: str

    def __len__(self) -> int:
        return len(self.ids)


def read_source(source, field_names: list[str], context, feedback=None, target_crs: str | None = None,
                with_geometry: bool = True, progress_span: tuple[float, float] = (0.0, 0.0),
                filter_rect=None) -> LayerArrays:
    """Read ``field_names`` and geometries of a QgsFeatureSource (reprojected to ``target_crs`` if given).

    ``filter_rect``: only the features it touches, through the source's spatial index (a QgsRectangle in
    ``target_crs`` when given, else in the source's CRS)."""
    request = QgsFeatureRequest()
    all_fields = source.fields()
    indexes = []
    for name in field_names:
        index = all_fields.lookupField(name)
        if index < 0:
            raise QgsProcessingException(tr("Layer '{layer}' has no field '{field}'").format(
                layer=source.sourceName(), field=name))
        indexes.append(index)
    request.setSubsetOfAttributes(indexes)
    if not with_geometry:
        request.setFlags(FeatureRequestFlag.NoGeometry)
    crs = source.sourceCrs().authid() or source.sourceCrs().toWkt()
    if with_geometry and target_crs and source.sourceCrs().isValid() and crs != target_crs:
        request.setDestinationCrs(QgsCoordinateReferenceSystem(target_crs), context.transformContext())
        crs = target_crs
    if filter_rect is not None:
        request.setFilterRect(filter_rect)  # (in the destination CRS when one is set)
    total = max(source.featureCount(), 1)
    ids, wkbs = [], []
    columns: dict[str, list] = {name: [] for name in field_names}
    lo, hi = progress_span
    for i, feature in enumerate(source.getFeatures(request)):
        if feedback is not None and i % 2000 == 0:
            if feedback.isCanceled():
                break
            if hi > lo:
                feedback.setProgress(lo + (hi - lo) * i / total)
        ids.append(feature.id())
        attrs = feature.attributes()
        for name, index in zip(field_names, indexes):
            columns[name].append(_python_value(attrs[index]))
        if with_geometry:
            geometry = feature.geometry()
            wkbs.append(None if geometry.isNull() else bytes(geometry.asWkb()))
    geoms = shapely.from_wkb(wkbs, on_invalid="warn") if with_geometry else np.empty(len(ids), dtype=object)
    return LayerArrays(np.asarray(ids, dtype=np.int64), np.asarray(geoms, dtype=object), columns, crs)


def _python_value(value):
    """QVariant NULLs to None, QDate/QDateTime to ISO text."""
    if value is None:
        return None
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    if hasattr(value, "toString") and hasattr(value, "isValid"):
        return value.toString("yyyy-MM-ddTHH:mm:ss") if hasattr(value, "time") else value.toString("yyyy-MM-dd")
    return value


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


def layername_of(text: str) -> str | None:
    """The table name of a 'file|layername=x' source or parameter value, or None."""
    text = str(text or "")
    return text.split("layername=", 1)[1].split("|", 1)[0] if "layername=" in text else None


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
